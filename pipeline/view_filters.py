"""The dashboard's filters: a frozen record, pure functions on the mentions table, URL codec."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

import pandas as pd

from pipeline.records import STATUS_RANK

# Filter field -> URL query parameter name.
QUERY_KEYS = {"statuses": "status", "sectors": "sector", "countries": "country",
              "place_types": "type", "sources": "source", "documents": "doc",
              "date_from": "from", "date_to": "to", "text": "q"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see; an empty field lets everything through."""

    statuses: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    place_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    text: str = ""


def by_values(frame: pd.DataFrame, column: str, values: Sequence[str]) -> pd.DataFrame:
    """Rows whose column holds one of the values (all rows when none are given)."""
    if not values:
        return frame
    return frame[frame[column].isin(list(values))]


def by_sectors(frame: pd.DataFrame, sectors: Sequence[str]) -> pd.DataFrame:
    """Rows tagged with any of the sectors (the column is `|`-joined)."""
    if not sectors:
        return frame
    pattern = r"(?:^|\|)(?:" + "|".join(re.escape(s) for s in sectors) + r")(?:\||$)"
    return frame[frame["sector"].fillna("").str.contains(pattern, regex=True)]


def by_dates(frame: pd.DataFrame, date_from: str, date_to: str) -> pd.DataFrame:
    """Rows published within the inclusive range; undated rows drop out once a bound is set."""
    if not date_from and not date_to:
        return frame
    day = frame["published"].fillna("").str.slice(0, 10)
    keep = day != ""
    if date_from:
        keep &= day >= date_from
    if date_to:
        keep &= day <= date_to
    return frame[keep]


def by_text(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose evidence sentence contains the text, ignoring case."""
    needle = text.strip()
    if not needle:
        return frame
    return frame[frame["evidence"].fillna("").str.contains(needle, case=False, regex=False)]


def apply_filters(mentions: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The mentions that pass every filter, in their original order."""
    frame = by_values(mentions, "status", filters.statuses)
    frame = by_sectors(frame, filters.sectors)
    frame = by_values(frame, "country_code", filters.countries)
    frame = by_values(frame, "place_type", filters.place_types)
    frame = by_values(frame, "source", filters.sources)
    frame = by_values(frame, "doc_id", filters.documents)
    frame = by_dates(frame, filters.date_from, filters.date_to)
    return by_text(frame, filters.text)


def split_values(column: pd.Series) -> list[str]:
    """The distinct non-empty parts of a `|`-joined column, sorted."""
    parts = column.dropna().astype(str).str.split("|").explode()
    return sorted(p for p in parts.unique() if isinstance(p, str) and p)


def ordered_statuses(column: pd.Series) -> list[str]:
    """The statuses present, strongest first (unknown ones last, by name)."""
    found = {s for s in column.dropna().unique() if s}
    return sorted(found, key=lambda s: (STATUS_RANK.get(s, len(STATUS_RANK)), s))


def distinct(column: pd.Series) -> list[str]:
    """The distinct non-empty values of a column, sorted."""
    return sorted(v for v in column.dropna().astype(str).unique() if v)


def to_query(filters: Filters) -> dict[str, list[str] | str]:
    """The URL query parameters that encode the filters (empty fields left out)."""
    query: dict[str, list[str] | str] = {}
    for field in fields(Filters):
        value = getattr(filters, field.name)
        if value:
            query[QUERY_KEYS[field.name]] = list(value) if isinstance(value, tuple) else value
    return query


def from_query(params: Mapping[str, Sequence[str]]) -> Filters:
    """Filters read back from query parameters (each key mapped to all its values)."""
    values: dict[str, object] = {}
    for field in fields(Filters):
        given = [v for v in params.get(QUERY_KEYS[field.name], []) if v]
        if isinstance(field.default, tuple):
            values[field.name] = tuple(dict.fromkeys(given))
        elif given:
            values[field.name] = given[-1]
    filters = Filters(**values)
    return replace(filters, date_from=_iso_or_blank(filters.date_from),
                   date_to=_iso_or_blank(filters.date_to))


def _iso_or_blank(text: str) -> str:
    """The text when it is an ISO date (YYYY-MM-DD), else ''."""
    return text if _ISO_DATE.match(text) else ""


def within(filters: Filters, options: Mapping[str, Sequence[str]]) -> Filters:
    """The filters with every listed value that is not among the options dropped."""
    kept = {name: tuple(v for v in getattr(filters, name) if v in set(allowed))
            for name, allowed in options.items()}
    return replace(filters, **kept)


def filter_options(mentions: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter offers, taken from the data."""
    return {"statuses": ordered_statuses(mentions["status"]),
            "sectors": split_values(mentions["sector"]),
            "countries": distinct(mentions["country_code"]),
            "place_types": distinct(mentions["place_type"]),
            "sources": distinct(mentions["source"]),
            "documents": distinct(mentions["doc_id"])}


def option_labels(mentions: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Readable labels for country codes and document ids."""
    countries = mentions[mentions["place_type"] == "country"].drop_duplicates("country_code")
    docs = mentions.drop_duplicates("doc_id")
    titles = [t if len(t) < 70 else t[:67] + "…" for t in docs["title"].fillna("").astype(str)]
    names = zip(countries["country_code"], countries["name"])
    return {"countries": {code: f"{name} ({code})" for code, name in names},
            "documents": {doc: title or doc for doc, title in zip(docs["doc_id"], titles)}}


def date_bounds(mentions: pd.DataFrame) -> tuple[date, date] | None:
    """The first and last publication dates in the data (None when nothing is dated)."""
    days = pd.to_datetime(mentions["published"].fillna("").str.slice(0, 10),
                          format="%Y-%m-%d", errors="coerce").dropna()
    return (days.min().date(), days.max().date()) if len(days) else None


def clamped(filters: Filters, bounds: tuple[date, date]) -> tuple[date, date]:
    """The filters' date range inside the data's bounds, start never after end."""
    start = date.fromisoformat(filters.date_from) if filters.date_from else bounds[0]
    end = date.fromisoformat(filters.date_to) if filters.date_to else bounds[1]
    start = min(max(start, bounds[0]), bounds[1])
    return start, min(max(end, start), bounds[1])
