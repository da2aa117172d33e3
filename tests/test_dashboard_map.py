"""The map: palette, tooltips that never run article markup, countries as shapes, others points."""
from __future__ import annotations

import json

import pytest

from conftest import HOSTILE, sample_mentions
from pipeline import tables
from pipeline.view_map import (PALETTE, TIP_FIELDS, WORLD_FILE, build_deck, escaped, fit_view,
                               load_world, point_radius, selected_place)
from pipeline.tables import places_frame


@pytest.fixture(scope="module")
def spec() -> dict:
    """The deck of the sample data as the JSON the browser receives."""
    frame = tables.mentions_frame(sample_mentions())
    return json.loads(build_deck(places_frame(frame), frame, load_world()).to_json())


def layer(spec: dict, layer_id: str) -> list[dict]:
    """The rows (or GeoJSON features) of one layer."""
    data = next(item for item in spec["layers"] if item["id"] == layer_id)["data"]
    return data["features"] if isinstance(data, dict) else data


def test_every_status_and_mixed_have_their_own_colour():
    assert set(PALETTE) >= {"adopted", "banned", "restricted", "warned", "considering",
                            "headquarters", "mentioned", "mixed"}
    assert len(set(PALETTE.values())) == len(PALETTE)


def test_article_markup_is_escaped_for_the_html_tooltip():
    assert escaped(HOSTILE) == "&lt;img src=x onerror=window.__pwned=1&gt;"
    assert escaped("{tip_place}") == "&#123;tip_place&#125;"


def test_countries_with_a_shape_are_filled_and_others_are_points(spec):
    countries = {f["properties"]["tip_place"] for f in layer(spec, "countries")}
    points = {row["tip_place"] for row in layer(spec, "places")}
    assert countries == {"Italy (IT)", "South Korea (KR)", "Australia (AU)", "China (CN)"}
    assert points == {"Shenzhen (CN)", "Beijing (CN)", "Texas (US)", "Singapore (SG)"}


def test_every_layer_row_carries_the_same_tooltip_fields(spec):
    rows = layer(spec, "places") + [f["properties"] for f in layer(spec, "countries")]
    assert all(set(TIP_FIELDS) <= set(row) for row in rows)


def test_no_tooltip_field_holds_raw_markup(spec):
    texas = next(row for row in layer(spec, "places") if row["tip_place"] == "Texas (US)")
    assert texas["tip_status"] == "mixed: banned, adopted"
    assert "<" not in json.dumps(layer(spec, "places"))


def test_the_deck_asks_for_no_basemap(spec):
    assert "mapProvider" not in spec
    # pydeck's sentinel, which Streamlit's front end reads as "no basemap"; a missing or
    # null style would make it fetch a default style from a tile server.
    assert spec["mapStyle"] == "__MAP_STYLE__"


def test_a_place_with_more_mentions_gets_a_bigger_but_bounded_point():
    assert point_radius(1) < point_radius(10) < point_radius(10_000) == 28.0


def test_the_view_centres_on_one_place_and_zooms_out_for_the_world():
    one = fit_view([41.9], [12.5])
    assert (one.latitude, one.longitude) == (41.9, 12.5) and one.zoom >= 5
    assert fit_view([-40.0, 60.0], [-120.0, 140.0]).zoom < 1.5


@pytest.mark.parametrize("event, expected", [
    ({"selection": {"indices": {"places": [0]}, "objects": {"places": [{"place_id": "4736286"}]}}},
     "4736286"),
    ({"selection": {"objects": {"countries": [{"properties": {"place_id": "3175395"}}]}}},
     "3175395"),
    ({"selection": {"indices": {}, "objects": {}}}, None),
    (None, None),
])
def test_a_click_names_the_place_it_landed_on(event, expected):
    assert selected_place(event) == expected


def test_the_bundled_world_is_small_and_coded_in_iso_alpha_2():
    world = load_world()
    codes = {f["properties"]["iso_a2"] for f in world["features"]}
    assert WORLD_FILE.stat().st_size < 1_000_000
    assert {"FR", "NO", "XK", "CN", "US"} <= codes
    assert all(len(code) == 2 for code in codes - {""})
