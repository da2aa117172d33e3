"""The places table: one row per place, aggregated from its mentions."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLACES, mention, sample_mentions
from pipeline.records import PLACE_COLUMNS, STATUS_PRIORITY
from pipeline.tables import mentions_frame, places_frame

RANK = {s.value: i for i, s in enumerate(STATUS_PRIORITY)}


def test_no_mentions_give_an_empty_place_table_with_the_declared_columns():
    places = places_frame(mentions_frame(sample_mentions()).iloc[0:0])
    assert list(places.columns) == list(PLACE_COLUMNS) and places.empty


def test_a_place_adopted_and_banned_is_shown_mixed_with_both_statuses_strongest_first():
    frame = mentions_frame([mention("a", "Texas", "adopted", sector="health"),
                            mention("b", "Texas", "banned", start=40, sector="government|police",
                                    published="2025-03-04")])
    (texas,) = places_frame(frame).to_dict(orient="records")
    assert (texas["statuses"], texas["shown_status"]) == ("banned|adopted", "mixed")
    assert (texas["sectors"], texas["n_mentions"], texas["n_documents"]) == (
        "government|health|police", 2, 2)
    assert (texas["first_published"], texas["last_published"]) == ("2025-02-03", "2025-03-04")


def test_a_warned_and_mentioned_place_is_shown_warned_and_the_most_mentioned_comes_first():
    frame = mentions_frame([mention("a", "Italy", "mentioned"), mention("a", "Italy", "warned",
                                                                        start=30),
                            mention("b", "Oslo", "adopted")])
    places = places_frame(frame)
    assert list(places["name"]) == ["Italy", "Oslo"]
    assert list(places["shown_status"]) == ["warned", "adopted"]


statuses = st.sampled_from(sorted(RANK))
rows = st.builds(lambda doc, place, status, start: mention(f"d{doc}", place, status, start=start),
                 st.integers(0, 4), st.sampled_from(sorted(PLACES)), statuses, st.integers(0, 3))


@settings(max_examples=60, deadline=None)
@given(st.lists(rows, min_size=1, max_size=25))
def test_each_place_counts_its_own_mentions_and_shows_its_strongest_status(mentions):
    frame = mentions_frame(mentions)
    places = places_frame(frame).set_index("place_id")
    assert sorted(places.index) == sorted(frame["place_id"].unique())
    for place_id, rows_of in frame.groupby("place_id"):
        found = set(rows_of["status"])
        expected = "mixed" if "adopted" in found and found & {"banned", "restricted"} else min(
            found, key=RANK.get)
        assert places.loc[place_id, "shown_status"] == expected
        assert places.loc[place_id, "statuses"] == "|".join(sorted(found, key=RANK.get))
        assert places.loc[place_id, "n_mentions"] == len(rows_of[["doc_id", "start"]]
                                                         .drop_duplicates())
