"""Mention records into the two tables: one row per mention, one row per place."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple

import pandas as pd

from pipeline.records import MENTION_COLUMNS, PLACE_COLUMNS, STATUS_PRIORITY, Mention, Status

_RANK = {s.value: i for i, s in enumerate(STATUS_PRIORITY)}


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """The mentions table, in a stable order, with declared columns and dtypes."""
    frame = pd.DataFrame([astuple(m) for m in mentions], columns=list(MENTION_COLUMNS))
    frame = frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64",
                          "lat": "float64", "lon": "float64", "confidence": "float64"})
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    order = ["doc_id", "start", "end", "status"]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def shown_status(statuses: Iterable[str]) -> str:
    """The one status a place is drawn with: `mixed` when adopted and stopped, else the strongest."""
    found = set(statuses)
    if Status.ADOPTED.value in found and found & {Status.BANNED.value, Status.RESTRICTED.value}:
        return "mixed"
    return min(found, key=lambda s: _RANK.get(s, len(_RANK)))


def _joined(values: Iterable[str], key=None) -> str:
    """Unique non-empty values, `|`-joined, each split on `|` first."""
    parts = {p for v in values if isinstance(v, str) for p in v.split("|") if p}
    return "|".join(sorted(parts, key=key))


def _place_row(place_id: str, rows: pd.DataFrame) -> dict:
    """Aggregate one place's mention rows."""
    first = rows.iloc[0]
    dates = rows["published"].replace("", pd.NA).dropna()
    return {
        "place_id": place_id, "name": first["name"], "place_type": first["place_type"],
        "country_code": first["country_code"], "lat": first["lat"], "lon": first["lon"],
        "statuses": _joined(rows["status"], key=lambda s: _RANK.get(s, 99)),
        "shown_status": shown_status(rows["status"]),
        "sectors": _joined(rows["sector"]), "actors": _joined(rows["actor"]),
        "n_mentions": int(rows[["doc_id", "start"]].drop_duplicates().shape[0]),
        "n_documents": int(rows["doc_id"].nunique()),
        "first_published": dates.min() if len(dates) else "",
        "last_published": dates.max() if len(dates) else "",
    }


def places_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place, most mentioned first."""
    rows = [_place_row(pid, group) for pid, group in mentions.groupby("place_id", sort=True)]
    frame = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    frame = frame.astype({"lat": "float64", "lon": "float64",
                          "n_mentions": "int64", "n_documents": "int64"})
    return frame.sort_values(["n_mentions", "place_id"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)
