"""Finding place names in text and resolving each to one gazetteer place.

Two steps, each in its own module: `geo_recognise` finds the names and drops those that name
companies, people or everyday words; `geo_resolve` chooses one place per name from the
document's other places. Here the two are run and their result turned into `Toponym` records.
"""
from __future__ import annotations

from typing import Any

from pipeline.gazetteer import Index, get_index
from pipeline.geo_candidates import Match, candidates
from pipeline.geo_recognise import keep
from pipeline.geo_resolve import is_metonym, resolve
from pipeline.records import Toponym


def _lookup_online(geocoder: Any, name: str, country_code: str) -> tuple[float, float] | None:
    """Coordinates from a geopy geocoder, None when it has no answer."""
    try:
        location = geocoder.geocode(name, exactly_one=True,
                                    country_codes=country_code.lower() or None)
    except TypeError:  # a geocoder that takes no country filter
        location = geocoder.geocode(name, exactly_one=True)
    if location is None:
        return None
    return float(location.latitude), float(location.longitude)


def _toponym(text: str, match: Match, kind: str, point: tuple | None) -> Toponym:
    place = match.chosen
    lat, lon = point if point else (place.lat, place.lon)
    return Toponym(start=match.start, end=match.end, text=text[match.start:match.end],
                   name=place.name, place_type=place.place_type,
                   country_code=place.country_code, lat=lat, lon=lon,
                   geonameid=place.geonameid, kind=kind)


def geoparse(text: str, geocoder: Any = None, index: Index | None = None) -> list[Toponym]:
    """Place mentions in `text`, in text order, each resolved to one place.

    With a geopy `geocoder`, each unique resolved place is located through it (with its
    country as context), and the gazetteer's point is kept where it has no answer.
    """
    index = index or get_index()
    tokens, matches = candidates(text, index)
    matches = keep(text, tokens, matches, index)
    resolve(text, matches, index)
    points: dict[tuple, tuple | None] = {}
    found = []
    for m in matches:
        kind = "metonym" if m.kind == "literal" and is_metonym(text, m, index) else m.kind
        key = (m.chosen.name, m.chosen.country_code, m.chosen.place_type)
        if geocoder is not None and key not in points:
            points[key] = _lookup_online(geocoder, m.chosen.name, m.chosen.country_code)
        found.append(_toponym(text, m, kind, points.get(key)))
    return found
