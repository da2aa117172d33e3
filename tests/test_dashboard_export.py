"""Downloads: CSV no spreadsheet runs as a formula, GeoJSON of the places, safe display text."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import mention, sample_mentions
from pipeline import tables
from pipeline.store import frame_to_csv_bytes
from pipeline.view_export import markdown_text, places_geojson, safe_url


def csv_rows(payload: bytes) -> list[dict]:
    """The CSV bytes read back as dicts."""
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8"))))


@pytest.mark.parametrize("evidence, cell", [
    ('=HYPERLINK("http://x") Texas banned it.', '\'=HYPERLINK("http://x") Texas banned it.'),
    ("+1 for Texas", "'+1 for Texas"),
    ("-2 in Texas", "'-2 in Texas"),
    ("@SUM(A1) Texas", "'@SUM(A1) Texas"),
    ("\tTexas tab", "'\tTexas tab"),
    ("\rTexas return", "'\rTexas return"),
    ("Texas banned DeepSeek.", "Texas banned DeepSeek."),
])
def test_a_text_cell_that_could_run_as_a_formula_gets_a_leading_quote(evidence, cell):
    frame = tables.mentions_frame([mention("tx", "Texas", "banned", evidence=evidence)])
    assert csv_rows(frame_to_csv_bytes(frame))[0]["evidence"] == cell


def test_negative_numbers_in_numeric_columns_stay_numbers():
    frame = tables.mentions_frame([mention("tx", "Texas", "banned", lon=-98.5)])
    row = csv_rows(frame_to_csv_bytes(frame))[0]
    assert row["lon"] == "-98.5"
    assert b"'-98.5" not in frame_to_csv_bytes(frame)


def test_the_csv_holds_every_row_and_column_of_the_frame():
    frame = tables.mentions_frame(sample_mentions())
    assert len(csv_rows(frame_to_csv_bytes(frame))) == len(frame)
    assert list(csv_rows(frame_to_csv_bytes(frame))[0]) == list(frame.columns)


def test_places_become_geojson_points_in_lon_lat_order():
    frame = tables.mentions_frame(sample_mentions())
    features = json.loads(places_geojson(tables.places_frame(frame)))["features"]
    texas = next(f for f in features if f["properties"]["name"] == "Texas")
    assert texas["geometry"] == {"type": "Point", "coordinates": [-99.25, 31.25]}
    assert texas["properties"]["n_mentions"] == 2


def test_a_place_without_coordinates_has_a_null_geometry_not_nan():
    frame = tables.mentions_frame([mention("eu", "Italy", "warned", lat=None, lon=None)])
    payload = places_geojson(tables.places_frame(frame))
    assert json.loads(payload)["features"][0]["geometry"] is None
    assert b"NaN" not in payload


def test_markdown_shows_markup_and_formatting_characters_as_written():
    assert markdown_text("<img src=x> *bold* $x$") == r"\<img src\=x\> \*bold\* \$x\$"


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a b(c)", "https://example.org/a%20b%28c%29"),
    ("http://example.org/?q=1&r=2", "http://example.org/?q=1&r=2"),
    ("javascript:alert(1)", ""),
    ("data:text/html,<b>x</b>", ""),
    ("", ""),
    (None, ""),
])
def test_only_web_links_are_linked(url, expected):
    assert safe_url(url) == expected
