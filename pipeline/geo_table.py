"""A compact, quickly unpickled table of gazetteer places, read back as `Place` records.

The index holds about 180,000 places. Pickled as records they took 18 MB and 0.6 s to load;
as a few typed arrays and string columns they load several times faster, and a `Place` is made
only for the names a text actually contains.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Any

TYPES = ("city", "district", "region", "country", "supranational")


class PlaceTable(Sequence):
    """Places stored by column; indexing returns a `Place` of `place_cls`."""

    def __init__(self, places: Sequence[Any], place_cls: type) -> None:
        self._cls = place_cls
        self._geonameid = array("q", (p.geonameid or 0 for p in places))
        self._name = [p.name for p in places]
        self._type = bytes(TYPES.index(p.place_type) for p in places)
        self._country = [p.country_code for p in places]
        self._admin1 = [p.admin1 for p in places]
        self._lat = array("d", (p.lat for p in places))
        self._lon = array("d", (p.lon for p in places))
        self._population = array("q", (p.population for p in places))
        self._capital = bytes(bool(p.capital) for p in places)
        self._made: dict[int, Any] = {}

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != "_made"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _made={})

    def __len__(self) -> int:
        return len(self._name)

    def __getitem__(self, i):  # an int, as the index uses it; slices give lists
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._make(i)
        return made

    def _make(self, i: int):
        return self._cls(geonameid=self._geonameid[i] or None, name=self._name[i],
                         place_type=TYPES[self._type[i]], country_code=self._country[i],
                         admin1=self._admin1[i], lat=self._lat[i], lon=self._lon[i],
                         population=self._population[i], capital=bool(self._capital[i]))

    def __iter__(self) -> Iterator:
        return (self[i] for i in range(len(self)))
