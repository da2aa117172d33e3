"""Downloads of the filtered data (CSV that no spreadsheet runs, GeoJSON) and safe display text."""
from __future__ import annotations

import json
import math
import re
from urllib.parse import quote, urlsplit

import pandas as pd

# OWASP CSV injection: cells starting with these are read as formulas by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def neutralised(value: object) -> object:
    """A text cell that cannot run as a formula (a leading quote added); other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with CRLF rows, text cells neutralised, numbers (-98.5) left as is."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(neutralised)
    # CRLF rows make the writer quote any cell holding a bare CR, which "\n" rows would not.
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _plain(value: object) -> object:
    """A JSON-ready value: NaN and NA as None, numpy scalars as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def places_geojson(places: pd.DataFrame) -> bytes:
    """The places as a GeoJSON FeatureCollection of points (null geometry when unplaced)."""
    features = []
    for row in places.to_dict(orient="records"):
        props = {key: _plain(value) for key, value in row.items()}
        lat, lon = props.get("lat"), props.get("lon")
        point = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "geometry": point, "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def markdown_text(text: object) -> str:
    """Text that Markdown shows as written: punctuation backslash-escaped, lines joined."""
    words = " ".join(str(text if text is not None else "").split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", words)


def safe_url(url: object) -> str:
    """The URL when it is http(s), percent-encoded where Markdown could break; else ''."""
    text = str(url or "").strip()
    if urlsplit(text).scheme.lower() not in ("http", "https") or not urlsplit(text).netloc:
        return ""
    return quote(text, safe=":/?#[]@!$&'*+,;=%~")
