"""The dashboard's map: a colour-blind-safe palette, tooltip fields and the pydeck Deck."""
from __future__ import annotations

import html
import json
import math
from pathlib import Path

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from pipeline.paths import PACKAGE_DATA

WORLD_FILE = PACKAGE_DATA / "world.geojson"
# Okabe-Ito, the palette designed to stay distinct under the common colour-vision deficiencies.
PALETTE: dict[str, tuple[int, int, int]] = {
    "mixed": (204, 121, 167),        # reddish purple
    "banned": (213, 94, 0),          # vermillion
    "restricted": (230, 159, 0),     # orange
    "warned": (240, 228, 66),        # yellow
    "considering": (86, 180, 233),   # sky blue
    "adopted": (0, 158, 115),        # bluish green
    "headquarters": (0, 114, 178),   # blue
    "mentioned": (153, 153, 153),    # grey
}
LEGEND_LABELS = {"mixed": "mixed (adopted and banned or restricted)"}
UNKNOWN_COLOUR = (90, 90, 90)
TIP_FIELDS = ("tip_place", "tip_status", "tip_sectors", "tip_actors", "tip_count", "tip_evidence")
TOOLTIP_HTML = ("<b>{tip_place}</b><br/>{tip_status} &middot; {tip_count}<br/>"
                "Sectors: {tip_sectors}<br/>Actors: {tip_actors}<br/><i>{tip_evidence}</i>")
EVIDENCE_CHARS = 140


def load_world(path: Path = WORLD_FILE) -> dict:
    """The bundled Natural Earth country shapes as a GeoJSON FeatureCollection."""
    return json.loads(path.read_text(encoding="utf-8"))


def colour(status: str, alpha: int = 220) -> list[int]:
    """The RGBA fill for a shown status."""
    return [*PALETTE.get(status, UNKNOWN_COLOUR), alpha]


def escaped(value: object) -> str:
    """Text safe inside deck.gl's HTML tooltip: markup escaped, template braces neutralised."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def shortened(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """The start of a sentence, cut at a word with an ellipsis when longer than the limit."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def tooltip_rows(places: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every place's escaped tooltip fields, the same fields for every layer."""
    evidence = mentions.drop_duplicates("place_id").set_index("place_id")["evidence"]
    mixed = places["shown_status"] == "mixed"
    listed = "mixed: " + places["statuses"].str.replace("|", ", ")
    status = places["shown_status"].where(~mixed, listed)
    code = places["country_code"].fillna("")
    tips = pd.DataFrame({
        "tip_place": places["name"] + code.map(lambda c: f" ({c})" if c else ""),
        "tip_status": status,
        "tip_sectors": places["sectors"].str.replace("|", ", ").replace("", "none"),
        "tip_actors": places["actors"].str.replace("|", ", ").replace("", "none"),
        "tip_count": [_count(m, d) for m, d in zip(places["n_mentions"], places["n_documents"])],
        "tip_evidence": places["place_id"].map(evidence).fillna("").map(shortened),
    }, index=places.index)
    return tips.map(escaped)


def _count(n_mentions: int, n_documents: int) -> str:
    """'3 mentions in 2 articles', in words that fit the numbers."""
    mentions = f"{n_mentions} mention" + ("" if n_mentions == 1 else "s")
    return mentions + f" in {n_documents} article" + ("" if n_documents == 1 else "s")


def as_polygon(places: pd.DataFrame, codes: set[str]) -> pd.Series:
    """Which places are drawn as a country's shape (the others are points)."""
    return (places["place_type"] == "country") & places["country_code"].isin(list(codes))


def country_features(world: dict, places: pd.DataFrame, tips: pd.DataFrame) -> dict:
    """The shapes of the countries with data, each carrying its place's fill and tooltip."""
    rows = places.join(tips).drop_duplicates("country_code").set_index("country_code")
    features = []
    for feature in world["features"]:
        code = feature["properties"].get("iso_a2", "")
        if code in rows.index:
            row = rows.loc[code]
            props = {f: row[f] for f in TIP_FIELDS}
            props.update(place_id=str(row["place_id"]), fill=colour(row["shown_status"], 200))
            features.append({"type": "Feature", "geometry": feature["geometry"],
                             "properties": props})
    return {"type": "FeatureCollection", "features": features}


def point_records(places: pd.DataFrame, tips: pd.DataFrame) -> list[dict]:
    """One record per place drawn as a point: position, size by mentions, colour, tooltip."""
    located = places[places["lat"].notna() & places["lon"].notna()]
    frame = pd.DataFrame({
        "place_id": located["place_id"].astype(str), "lon": located["lon"].round(4),
        "lat": located["lat"].round(4), "radius": located["n_mentions"].map(point_radius),
        "fill": located["shown_status"].map(colour)}, index=located.index)
    return frame.join(tips).astype(object).to_dict(orient="records")


def point_radius(n_mentions: int) -> float:
    """A point's radius in pixels: area grows with the mentions, within readable bounds."""
    return round(min(4.0 + 2.5 * math.sqrt(max(int(n_mentions), 1)), 28.0), 1)


def fit_view(lats: list[float], lons: list[float]) -> pdk.ViewState:
    """A view centred on the points, zoomed so all of them fit a ~700x500 px map."""
    if not lats:
        return pdk.ViewState(latitude=20.0, longitude=0.0, zoom=0.6)
    lat_span = max(max(lats) - min(lats), 1.0)
    lon_span = max(max(lons) - min(lons), 1.0)
    zoom = min(math.log2(490 / (1.4 * lon_span)), math.log2(350 / (1.4 * lat_span)))
    return pdk.ViewState(latitude=round((max(lats) + min(lats)) / 2, 3),
                         longitude=round((max(lons) + min(lons)) / 2, 3),
                         zoom=round(min(max(zoom, 0.3), 7.0), 2))


def legend_html() -> str:
    """The map's one legend: a swatch and a word per shown status (constant text only)."""
    items = [f'<span style="display:inline-block;margin-right:14px;white-space:nowrap">'
             f'<span style="display:inline-block;width:12px;height:12px;border-radius:2px;'
             f'border:1px solid #444;vertical-align:middle;background:rgb{rgb}"></span> '
             f'{html.escape(LEGEND_LABELS.get(status, status))}</span>'
             for status, rgb in PALETTE.items()]
    return '<div style="font-size:0.85rem;line-height:1.8">' + "".join(items) + "</div>"


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is written compactly by the C encoder, the same for the same map."""

    def to_json(self) -> str:
        """The deck spec as compact JSON (pydeck's indented pure-Python dump took 0.5 s)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def base_layers(world: dict) -> list[pdk.Layer]:
    """The sea and every country's outline, drawn under the data and never picked."""
    sea = [{"polygon": [[-180, -85], [180, -85], [180, 85], [-180, 85]]}]
    ocean = pdk.Layer("PolygonLayer", sea, id="ocean", get_polygon="polygon",
                      get_fill_color=[223, 234, 242, 255], stroked=False, pickable=False)
    land = pdk.Layer("GeoJsonLayer", world, id="world", stroked=True, filled=True,
                     get_fill_color=[236, 236, 236, 255], get_line_color=[160, 160, 160, 255],
                     line_width_min_pixels=0.5, pickable=False)
    return [ocean, land]


def data_layers(places: pd.DataFrame, mentions: pd.DataFrame, world: dict) -> list[pdk.Layer]:
    """Countries with a shape filled by status; every other located place as a sized point."""
    tips = tooltip_rows(places, mentions)
    codes = {f["properties"].get("iso_a2", "") for f in world["features"]} - {""}
    shaped = as_polygon(places, codes)
    countries = pdk.Layer("GeoJsonLayer", country_features(world, places[shaped], tips),
                          id="countries", stroked=True, filled=True, pickable=True,
                          get_fill_color="properties.fill", get_line_color=[90, 90, 90, 255],
                          line_width_min_pixels=0.8, auto_highlight=True)
    points = pdk.Layer("ScatterplotLayer", point_records(places[~shaped], tips), id="places",
                       get_position="[lon, lat]", get_radius="radius", radius_units="pixels",
                       get_fill_color="fill", get_line_color=[40, 40, 40, 255], stroked=True,
                       line_width_min_pixels=1, pickable=True, auto_highlight=True)
    return [countries, points]


def build_deck(places: pd.DataFrame, mentions: pd.DataFrame, world: dict) -> pdk.Deck:
    """The map: sea and world outlines, countries filled by status, other places as points."""
    located = places[places["lat"].notna() & places["lon"].notna()]
    tooltip = {"html": TOOLTIP_HTML, "style": {"backgroundColor": "#222", "color": "#fff",
                                               "fontSize": "12px", "maxWidth": "360px"}}
    # map_provider=None with the default map_style: Streamlit then draws no basemap at all
    # (map_style=None makes its front end fetch a default style from a tile server).
    view = fit_view(located["lat"].tolist(), located["lon"].tolist())
    return CompactDeck(layers=base_layers(world) + data_layers(places, mentions, world),
                       map_provider=None, tooltip=tooltip, initial_view_state=view)


def selected_place(event: object) -> str | None:
    """The place_id of the object clicked on the map, from the chart's selection state."""
    if not isinstance(event, dict) and not hasattr(event, "get"):
        return None
    objects = (event.get("selection") or {}).get("objects") or {}
    for rows in objects.values():
        for row in rows or []:
            props = row.get("properties") or {}
            found = row.get("place_id") or props.get("place_id")
            if found:
                return str(found)
    return None
