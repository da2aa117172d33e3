"""The gazetteer index: its places, their points, and its compact storage."""
from __future__ import annotations

import math
import pickle

import pytest

from pipeline.gazetteer import Place, get_index
from pipeline.geo_points import hull_centroid
from pipeline.geo_table import PlaceTable


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, p) for p in (a, b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def country(code: str) -> Place:
    return next(p for p in get_index().places if p.place_type == "country"
                and p.country_code == code)


@pytest.mark.parametrize("code, geonames_point", [
    ("US", (39.76, -98.5)),
    ("RU", (60.0, 100.0)),
    ("CN", (35.0, 105.0)),
    ("EG", (27.0, 30.0)),
])
def test_a_country_lies_within_161_km_of_its_geonames_point(code, geonames_point):
    place = country(code)
    assert km((place.lat, place.lon), geonames_point) < 161


def test_a_region_is_placed_at_the_hull_of_its_cities_not_at_its_biggest_city():
    (queensland,) = [p for p in get_index().lookup("Queensland") if p.place_type == "region"]
    assert km((queensland.lat, queensland.lon), (-20.0, 145.0)) < 161  # GeoNames' point


def test_the_hull_centroid_of_a_square_with_a_crowded_corner_is_its_centre():
    corner = [(0.1 * i, 0.1 * i) for i in range(5)]
    assert hull_centroid([(0, 0), (0, 10), (10, 0), (10, 10), *corner]) == (5.0, 5.0)


def test_the_hull_centroid_of_points_on_a_line_is_their_mean():
    assert hull_centroid([(0, 0), (1, 1), (5, 5)]) == (2.0, 2.0)


def test_two_cities_of_one_name_in_one_country_stay_separate_candidates():
    fuzhous = {p.geonameid for p in get_index().lookup("Fuzhou") if p.place_type == "city"}
    assert {1810821, 1810820} <= fuzhous


def test_the_place_table_gives_back_the_places_it_was_built_from_after_pickling():
    places = [Place(1, "A", "city", "US", "TX", 1.5, -2.5, 10, True),
              Place(None, "B", "country", "FR", "", 46.0, 2.0, 0)]
    table = pickle.loads(pickle.dumps(PlaceTable(places, Place)))
    assert list(table) == places and table[1].geonameid is None


def test_the_pickled_index_leaves_the_geoparsers_memos_behind():
    index = get_index()
    index.lookup("Paris")
    assert index.memo("lookup")
    assert pickle.loads(pickle.dumps(index)).memo("lookup") == {}


@pytest.mark.parametrize("name, country_code, point", [
    ("South Ossetia", "GE", (42.33, 44.0)),
    ("Tskhinvali", "GE", (42.23, 43.97)),
    ("Darfur", "SD", (13.5, 24.5)),
    ("Silicon Valley", "US", (37.4, -122.0)),
])
def test_a_well_known_area_geonames_cities_lack_is_listed_with_its_point(name, country_code, point):
    (place,) = get_index().lookup(name)
    assert place.country_code == country_code
    assert km((place.lat, place.lon), point) < 50
