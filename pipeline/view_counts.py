"""Counts for the dashboard's metrics and sector chart, from filtered places and mentions."""
from __future__ import annotations

import pandas as pd


def status_counts(places: pd.DataFrame) -> dict[str, int]:
    """How many places carry each status (a place with two statuses counts under both)."""
    parts = places["statuses"].fillna("").astype(str).str.split("|").explode()
    counts = parts[parts != ""].value_counts()
    return {status: int(n) for status, n in counts.items()}


def sector_counts(mentions: pd.DataFrame) -> pd.Series:
    """Mentions per sector (a mention tagged with two sectors counts under both), largest first."""
    combos = mentions["sector"].fillna("").astype(str).value_counts()
    totals: dict[str, int] = {}
    for combo, count in combos.items():
        for part in filter(None, combo.split("|")):
            totals[part] = totals.get(part, 0) + int(count)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return pd.Series(dict(ranked), dtype="int64", name="mentions").rename_axis("sector")
