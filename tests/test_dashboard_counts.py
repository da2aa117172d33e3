"""The dashboard's metrics and sector chart counts."""
from __future__ import annotations

from conftest import mention
from pipeline import tables
from pipeline.view_counts import sector_counts, status_counts


def test_a_place_adopted_and_banned_counts_under_both_statuses():
    frame = tables.mentions_frame([mention("a", "Texas", "banned"),
                                   mention("b", "Texas", "adopted", start=40)])
    assert status_counts(tables.places_frame(frame)) == {"banned": 1, "adopted": 1}


def test_a_mention_in_two_sectors_counts_under_each():
    frame = tables.mentions_frame([mention("a", "South Korea", "restricted",
                                           sector="government|military")])
    assert sector_counts(frame).to_dict() == {"government": 1, "military": 1}
