"""Places re-aggregated from filtered mentions: the same table the pipeline makes, only faster."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLACES, mention, sample_mentions
from pipeline import tables
from pipeline.view_places import places_of, sector_counts, status_counts


def same_table(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Assert two place tables hold the same values in the same order."""
    pd.testing.assert_frame_equal(left.astype(object), right.astype(object))


def test_fast_places_equal_the_pipeline_places_on_the_sample():
    frame = tables.mentions_frame(sample_mentions())
    same_table(places_of(frame), tables.places_frame(frame))


def test_no_mentions_give_an_empty_place_table_with_the_declared_columns():
    frame = tables.mentions_frame(sample_mentions()).iloc[0:0]
    assert list(places_of(frame).columns) == list(tables.places_frame(frame).columns)
    assert places_of(frame).empty


def test_a_place_adopted_and_banned_is_shown_mixed_and_counted_under_both():
    frame = tables.mentions_frame([mention("a", "Texas", "banned"),
                                   mention("b", "Texas", "adopted", start=40)])
    places = places_of(frame)
    assert places.loc[0, "shown_status"] == "mixed"
    assert status_counts(places) == {"banned": 1, "adopted": 1}


def test_a_mention_in_two_sectors_counts_under_each():
    frame = tables.mentions_frame([mention("a", "South Korea", "restricted",
                                           sector="government|military")])
    assert sector_counts(frame).to_dict() == {"government": 1, "military": 1}


statuses = st.sampled_from(["adopted", "banned", "restricted", "warned", "considering",
                            "headquarters", "mentioned"])
sectors = st.lists(st.sampled_from(["police", "courts", "health", "government"]), max_size=2)
rows = st.builds(lambda doc, place, status, sector, actor, day, start: mention(
    f"d{doc}", place, status, sector="|".join(sector), actor=actor, start=start,
    published=day), st.integers(0, 4), st.sampled_from(sorted(PLACES)), statuses, sectors,
    st.sampled_from(["", "police", "Garante|ministries"]),
    st.sampled_from(["", "2025-01-02", "2025-03-04"]), st.integers(0, 3))


@settings(max_examples=40, deadline=None)
@given(st.lists(rows, min_size=1, max_size=25))
def test_fast_places_equal_the_pipeline_places_on_any_mentions(mentions):
    frame = tables.mentions_frame(mentions)
    same_table(places_of(frame), tables.places_frame(frame))
