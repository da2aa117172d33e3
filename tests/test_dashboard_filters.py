"""The dashboard's filters: each one keeps exactly the rows it should, and a view is a link."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import sample_mentions
from pipeline import tables
from pipeline.view_filters import (Filters, apply_filters, by_dates, by_sectors, by_text, clamped,
                                   date_bounds, from_query, ordered_statuses, split_values,
                                   to_query, within)


@pytest.fixture
def frame():
    """The sample mentions as a table."""
    return tables.mentions_frame(sample_mentions())


def docs(frame) -> list[str]:
    """The document ids left, sorted and unique."""
    return sorted(set(frame["doc_id"]))


@pytest.mark.parametrize("filters, expected", [
    (Filters(), ["au-gov", "cn-hq", "cn-police", "it-garante", "kr-ministries", "sg-hq", "tx-gov"]),
    (Filters(statuses=("banned",)), ["au-gov", "it-garante", "tx-gov"]),
    (Filters(sectors=("military",)), ["kr-ministries"]),
    (Filters(countries=("CN",)), ["cn-hq", "cn-police"]),
    (Filters(place_types=("region",)), ["tx-gov"]),
    (Filters(sources=("Yonhap", "AP")), ["kr-ministries", "tx-gov"]),
    (Filters(documents=("sg-hq",)), ["sg-hq"]),
    (Filters(date_from="2025-02-01", date_to="2025-02-28"), ["au-gov", "kr-ministries"]),
    (Filters(text="COURTS of beijing"), ["cn-police"]),
    (Filters(statuses=("adopted",), countries=("US",)), ["tx-gov"]),
])
def test_each_filter_keeps_the_documents_it_names(frame, filters, expected):
    assert docs(apply_filters(frame, filters)) == expected


def test_a_sector_matches_a_whole_part_of_a_joined_sector_column(frame):
    kept = by_sectors(frame, ["government"])
    assert "kr-ministries" in set(kept["doc_id"])  # "government|military"
    assert by_sectors(frame, ["gov"]).empty


def test_an_open_date_range_keeps_undated_mentions_and_a_bound_drops_them(frame):
    assert "sg-hq" in set(by_dates(frame, "", "")["doc_id"])
    assert "sg-hq" not in set(by_dates(frame, "2000-01-01", "")["doc_id"])


def test_date_bounds_are_inclusive(frame):
    assert docs(by_dates(frame, "2025-01-30", "2025-01-30")) == ["it-garante"]


def test_text_search_takes_regex_characters_literally(frame):
    assert docs(by_text(frame, '=HYPERLINK("')) == ["tx-gov"]
    assert by_text(frame, ".*").empty


def test_statuses_are_offered_strongest_first(frame):
    assert ordered_statuses(frame["status"]) == [
        "banned", "restricted", "considering", "adopted", "headquarters"]


def test_joined_sectors_are_offered_one_by_one(frame):
    assert "military" in split_values(frame["sector"])
    assert not any("|" in s for s in split_values(frame["sector"]))


def test_filters_become_repeated_query_parameters():
    filters = Filters(statuses=("banned", "restricted"), text="police", date_from="2025-01-01")
    query = to_query(filters)
    assert query == {"status": ["banned", "restricted"], "from": "2025-01-01", "q": "police"}


def test_a_malformed_date_in_the_url_is_ignored():
    assert from_query({"from": ["yesterday"], "to": ["2025-02-30x"]}) == Filters()


def test_values_that_the_data_does_not_offer_are_dropped():
    filters = Filters(statuses=("banned", "nonsense"), countries=("IT",))
    assert within(filters, {"statuses": ["banned"], "countries": ["IT", "FR"]}) == Filters(
        statuses=("banned",), countries=("IT",))


words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
values = st.lists(words, max_size=3, unique=True).map(tuple)
days = st.dates().map(lambda d: d.isoformat()) | st.just("")


@settings(max_examples=60, deadline=None)
@given(st.builds(Filters, statuses=values, sectors=values, countries=values, place_types=values,
                 sources=values, documents=values, date_from=days, date_to=days,
                 text=words | st.just("")))
def test_any_filters_survive_the_round_trip_through_the_url(filters):
    query = {k: v if isinstance(v, list) else [v] for k, v in to_query(filters).items()}
    assert from_query(query) == filters


@pytest.mark.parametrize("date_from, date_to, expected", [
    ("", "", ("2025-01-01", "2025-12-31")),
    ("2024-06-01", "2026-01-01", ("2025-01-01", "2025-12-31")),
    ("2026-03-01", "", ("2025-12-31", "2025-12-31")),
    ("2025-05-01", "2025-04-01", ("2025-05-01", "2025-05-01")),
])
def test_a_date_range_from_the_url_is_kept_inside_the_data(date_from, date_to, expected):
    bounds = (date(2025, 1, 1), date(2025, 12, 31))
    start, end = clamped(Filters(date_from=date_from, date_to=date_to), bounds)
    assert (start.isoformat(), end.isoformat()) == expected


def test_date_bounds_skip_undated_and_malformed_dates(frame):
    frame.loc[0, "published"] = "soon"
    assert date_bounds(frame) == (date(2025, 1, 28), date(2025, 8, 18))
