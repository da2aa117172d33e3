"""Build `pipeline/data/world.geojson` from the Natural Earth 1:110m countries (public domain).

The shapes ship inside the geopandas 0.14.4 wheel; geopandas is not a dependency of the
project, so run this once in a throwaway venv:

    python3 -m venv /tmp/geo-venv
    /tmp/geo-venv/bin/pip install "geopandas==0.14.4" pycountry
    /tmp/geo-venv/bin/python scripts/build_world.py
"""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pycountry
from shapely.geometry import mapping

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "world.geojson"
TOLERANCE = 0.05  # degrees; invisible at world zoom, halves the file
DIGITS = 2  # about 1 km at the equator
# Natural Earth codes these -99 in some releases. N. Cyprus and Somaliland stay uncoded,
# as Natural Earth leaves them: drawn as outlines, never filled as Cyprus or Somalia.
BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK"}


def alpha2(name: str, iso_a3: str) -> str:
    """The ISO alpha-2 code for a Natural Earth row ('' when there is none)."""
    if name in BY_NAME:
        return BY_NAME[name]
    country = pycountry.countries.get(alpha_3=iso_a3)
    return country.alpha_2 if country else ""


def rounded(coords):
    """Coordinates rounded to DIGITS, nested lists kept."""
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DIGITS), round(coords[1], DIGITS)]
    return [rounded(c) for c in coords]


def feature(name: str, code: str, geometry) -> dict:
    """One GeoJSON feature with the fields the dashboard joins on."""
    shape = mapping(geometry.simplify(TOLERANCE, preserve_topology=True))
    shape = {"type": shape["type"], "coordinates": rounded(shape["coordinates"])}
    return {"type": "Feature", "properties": {"iso_a2": code, "name": name}, "geometry": shape}


def main() -> None:
    """Read the shapefile, write the small GeoJSON and say what was left without a code."""
    world = gpd.read_file(gpd.datasets.get_path("naturalearth_lowres"))
    features = [feature(r.name, alpha2(r.name, r.iso_a3), r.geometry) for r in world.itertuples()]
    missing = [f["properties"]["name"] for f in features if not f["properties"]["iso_a2"]]
    collection = {"type": "FeatureCollection", "features": features}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(features)} countries, {OUT.stat().st_size // 1024} KB, to {OUT}")
    if missing:
        print("no ISO alpha-2 code for:", ", ".join(missing))


if __name__ == "__main__":
    main()
