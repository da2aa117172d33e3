"""Downloads of the filtered data as GeoJSON, and safe display text (CSV: `store.frame_to_csv_bytes`)."""
from __future__ import annotations

import json
import math
import re
from urllib.parse import quote, urlsplit

import pandas as pd

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

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
