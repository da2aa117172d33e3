"""Mention records into the two tables: one row per mention, one row per place."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple

import numpy as np
import pandas as pd

from pipeline.records import MENTION_COLUMNS, PLACE_COLUMNS, STATUS_RANK, Mention, Status


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """The mentions table, in a stable order, with declared columns and dtypes."""
    frame = pd.DataFrame([astuple(m) for m in mentions], columns=list(MENTION_COLUMNS))
    frame = frame.astype({"sentence_index": "int64", "start": "int64", "end": "int64",
                          "lat": "float64", "lon": "float64", "confidence": "float64"})
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    order = ["doc_id", "start", "end", "status"]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


_STOPPED = {Status.BANNED.value, Status.RESTRICTED.value}


def _parts(mentions: pd.DataFrame, column: str) -> pd.DataFrame:
    """Unique (place_id, part) pairs of a `|`-joined column, empty parts dropped."""
    pairs = mentions[["place_id", column]].dropna().drop_duplicates()
    pairs = pairs.rename(columns={column: "part"}).astype({"part": object})
    combos = pairs["part"].unique()
    if any("|" in combo for combo in combos if isinstance(combo, str)):
        split = {c: c.split("|") if isinstance(c, str) else [c] for c in combos}
        pairs = pairs.assign(part=pairs["part"].map(split)).explode("part")
    pairs = pairs[pairs["part"].fillna("") != ""]
    return pairs.drop_duplicates(["place_id", "part"])


def _joined(parts: pd.DataFrame, ranked: bool = False) -> pd.Series:
    """Each place's parts, sorted (by status rank when ranked), `|`-joined."""
    order = parts.assign(rank=parts["part"].map(STATUS_RANK).fillna(len(STATUS_RANK)) if ranked else 0)
    order = order.sort_values(["place_id", "rank", "part"], kind="stable")
    ids, values = order["place_id"].to_numpy(), order["part"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], int)
    ends = np.r_[starts[1:], len(ids)]
    # One str.join per place over numpy slices: pandas' groupby-agg was the slow step here.
    return pd.Series(["|".join(values[a:b]) for a, b in zip(starts, ends)], index=ids[starts],
                     dtype=object)


def _shown(status_parts: pd.DataFrame) -> pd.Series:
    """Each place's shown status: `mixed` when adopted and stopped, else the strongest."""
    ranked = status_parts.assign(rank=status_parts["part"].map(STATUS_RANK).fillna(len(STATUS_RANK)))
    strongest = ranked.sort_values(["rank", "part"]).drop_duplicates("place_id")
    shown = strongest.set_index("place_id")["part"].astype(object)
    adopted = set(ranked.loc[ranked["part"] == Status.ADOPTED.value, "place_id"])
    stopped = set(ranked.loc[ranked["part"].isin(_STOPPED), "place_id"])
    shown[shown.index.isin(list(adopted & stopped))] = "mixed"
    return shown


def _dates(mentions: pd.DataFrame) -> pd.DataFrame:
    """Each place's first and last publication date ('' when it has none)."""
    dated = mentions[["place_id", "published"]].replace({"published": {"": pd.NA}}).dropna()
    spans = dated.groupby("place_id")["published"].agg(["min", "max"])
    return spans.rename(columns={"min": "first_published", "max": "last_published"})


def places_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place, most mentioned first (vectorised: the dashboard redoes it per filter)."""
    first = mentions.drop_duplicates("place_id").set_index("place_id")
    frame = first[["name", "place_type", "country_code", "lat", "lon"]].copy()
    statuses = _parts(mentions, "status")
    frame["statuses"] = _joined(statuses, ranked=True)
    frame["shown_status"] = _shown(statuses)
    frame["sectors"] = _joined(_parts(mentions, "sector"))
    frame["actors"] = _joined(_parts(mentions, "actor"))
    unique = mentions[["place_id", "doc_id", "start"]].drop_duplicates()
    frame["n_mentions"] = unique.groupby("place_id").size()
    frame["n_documents"] = mentions.groupby("place_id")["doc_id"].nunique()
    frame = frame.join(_dates(mentions))
    return _finished(frame.reset_index())


def _finished(frame: pd.DataFrame) -> pd.DataFrame:
    """The place table with declared columns, dtypes and order, blanks as ''."""
    text = ["statuses", "shown_status", "sectors", "actors", "first_published", "last_published"]
    frame = frame.reindex(columns=list(PLACE_COLUMNS))
    frame[text] = frame[text].astype(object).where(frame[text].notna(), "")
    frame = frame.astype({"lat": "float64", "lon": "float64",
                          "n_mentions": "int64", "n_documents": "int64"})
    return frame.sort_values(["n_mentions", "place_id"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)
