"""The offline gazetteer behind geopy's geocoder interface."""
from __future__ import annotations

from dataclasses import asdict

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from pipeline.gazetteer import Index, Place, fold, get_index
from pipeline.geo_resolve import static_score


class GazetteerGeocoder(Geocoder):
    """Look names up in the embedded GeoNames gazetteer; sends nothing anywhere."""

    def __init__(self, index: Index | None = None) -> None:
        super().__init__()
        self._index = index

    def geocode(self, query: str, exactly_one: bool = True, country_codes=None, **kwargs):
        """Location(s) for a place name, largest first; None when the gazetteer has none."""
        index = self._index or get_index()
        wanted = _codes(country_codes)
        found = [p for p in index.lookup(query.strip()) or index.lookup(fold(query.strip()))
                 if not wanted or p.country_code in wanted]
        found.sort(key=_rank, reverse=True)
        locations = [_location(p) for p in found]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


def _codes(country_codes) -> set[str]:
    if not country_codes:
        return set()
    if isinstance(country_codes, str):
        country_codes = [country_codes]
    return {c.upper() for c in country_codes}


def _rank(place: Place) -> float:
    """The geoparser's own score before context, so both pick the same place for a name."""
    return static_score(place, place.name)


def _location(place: Place) -> Location:
    address = ", ".join(part for part in (place.name, place.country_code) if part)
    return Location(address, (place.lat, place.lon), asdict(place))
