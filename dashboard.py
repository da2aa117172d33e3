"""Adoption Atlas: where a technology is adopted, banned or restricted, from news articles.

Run with `streamlit run dashboard.py`. ADOPTION_ATLAS_DATA and ADOPTION_ATLAS_SEEDS point it
at other tables and articles (the tests do).
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from pipeline import paths
from pipeline.store import frame_to_csv_bytes
from pipeline.view_export import markdown_text, places_geojson, safe_url
from pipeline.view_filters import (Filters, apply_filters, clamped, date_bounds, filter_options,
                                   from_query, option_labels, to_query, within)
from pipeline.view_map import build_deck, legend_html, load_world, selected_place
from pipeline.tables import places_frame
from pipeline.view_counts import sector_counts, status_counts
from pipeline.view_uploads import (MAX_UPLOAD_MB, UPLOAD_SUFFIXES, add_articles, ensure_tables,
                                   tables_stamp)

TABLE_ROWS = 10_000  # rows sent to the browser table; the downloads hold every row
EVIDENCE_ROWS = 200
METRIC_STATUSES = ("adopted", "banned", "restricted", "warned", "considering")
MULTI_FILTERS = {"statuses": "Status", "sectors": "Sector", "countries": "Country",
                 "place_types": "Place type", "sources": "Source", "documents": "Article"}
MENTION_VIEW = ["published", "name", "country_code", "place_type", "status", "sector", "actor",
                "evidence", "source", "title", "url"]
PLACE_VIEW = ["name", "country_code", "place_type", "shown_status", "statuses", "sectors",
              "actors", "n_mentions", "n_documents", "first_published", "last_published"]


def data_paths() -> tuple[Path, Path]:
    """The tables folder and the articles folder (environment first, then the project's)."""
    data_dir = os.environ.get("ADOPTION_ATLAS_DATA") or paths.DATA_DIR
    seeds_dir = os.environ.get("ADOPTION_ATLAS_SEEDS") or paths.SEEDS_DIR
    return Path(data_dir), Path(seeds_dir)


@st.cache_data(show_spinner="Reading the tables…", max_entries=2)
def load_tables(data_dir: str, seeds_dir: str, stamp: tuple) -> tuple:
    """Mentions, notes, and the filters' options, labels and date bounds (worked out once)."""
    mentions, _, notes = ensure_tables(Path(data_dir), Path(seeds_dir))
    return mentions, notes, filter_options(mentions), option_labels(mentions), date_bounds(mentions)


@st.cache_data
def world_shapes() -> dict:
    """The bundled country shapes."""
    return load_world()


def seed_state_from_url(options: dict[str, list[str]], bounds: tuple[date, date] | None) -> None:
    """On a session's first run, set the filter widgets from the URL (a view is a link)."""
    if st.session_state.get("url_read"):
        return
    filters = within(from_query({k: st.query_params.get_all(k) for k in st.query_params}), options)
    for name in MULTI_FILTERS:
        st.session_state[f"f_{name}"] = list(getattr(filters, name))
    st.session_state["f_text"] = filters.text
    if bounds:
        st.session_state["f_dates"] = clamped(filters, bounds)
    st.session_state["url_read"] = True


def clear_filters() -> None:
    """Reset every filter widget (a button callback)."""
    for name in MULTI_FILTERS:
        st.session_state[f"f_{name}"] = []
    st.session_state["f_text"] = ""
    st.session_state.pop("f_dates", None)


def filter_controls(options: dict[str, list[str]], labels: dict, bounds) -> Filters:
    """The sidebar filters, read into a Filters record."""
    chosen: dict[str, object] = {}
    for name, label in MULTI_FILTERS.items():
        key = f"f_{name}"
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options[name]]
        names = labels.get(name, {})
        chosen[name] = tuple(st.multiselect(label, options[name], key=key,
                                            format_func=lambda v, n=names: n.get(v, v)))
    chosen.update(date_control(bounds))
    chosen["text"] = st.text_input("Search the evidence", key="f_text").strip()
    st.button("Clear filters", on_click=clear_filters)
    return Filters(**chosen)


def date_control(bounds: tuple[date, date] | None) -> dict[str, str]:
    """The published-date range picker; no bound when it spans all the data."""
    if not bounds:
        return {}
    if "f_dates" not in st.session_state:
        st.session_state["f_dates"] = bounds
    picked = st.date_input("Published between", min_value=bounds[0], max_value=bounds[1],
                           key="f_dates")
    picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = picked[0].isoformat() if picked and picked[0] != bounds[0] else ""
    end = picked[1].isoformat() if len(picked) > 1 and picked[1] != bounds[1] else ""
    return {"date_from": start, "date_to": end}


def write_url(filters: Filters) -> None:
    """Mirror the filters into the URL when they changed."""
    wanted = {k: v if isinstance(v, list) else [v] for k, v in to_query(filters).items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if wanted != current:
        st.query_params.from_dict(wanted)


def metrics_row(places: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Counts of places per status, with the totals, at the top."""
    counts = status_counts(places)
    columns = st.columns(2 + len(METRIC_STATUSES))
    columns[0].metric("Places", f"{len(places):,}")
    columns[1].metric("Mentions", f"{len(shown):,}")
    for column, status in zip(columns[2:], METRIC_STATUSES):
        column.metric(status.capitalize(), f"{counts.get(status, 0):,}",
                      help=f"Places where an article says the technology is {status}.")


def map_section(places: pd.DataFrame, shown: pd.DataFrame) -> str | None:
    """The map and its legend; the place_id the reader clicked, if any."""
    deck = build_deck(places, shown, world_shapes())
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map",
                            height=500)
    st.markdown(legend_html(), unsafe_allow_html=True)  # constant text only, no article text
    st.caption("Countries are filled by status; cities, regions and places too small for a "
               "shape are points sized by mentions. Click one to open its evidence below.")
    return selected_place(event)


def sector_chart(shown: pd.DataFrame) -> None:
    """Mentions per sector as a small bar chart."""
    st.markdown("**Mentions by sector**")
    counts = sector_counts(shown)
    if counts.empty:
        st.caption("No mentions match the filters.")
        return
    st.bar_chart(counts, horizontal=True, sort="-mentions", height=max(160, 28 * len(counts)))


def evidence_section(places: pd.DataFrame, shown: pd.DataFrame, clicked: str | None) -> None:
    """The chosen place's evidence: every matching sentence with where it came from."""
    st.subheader("Evidence")
    ids = places["place_id"].astype(str).tolist()
    if clicked and clicked != st.session_state.get("map_seen") and clicked in ids:
        st.session_state["place"] = clicked
    st.session_state["map_seen"] = clicked
    if st.session_state.get("place") not in ids:
        st.session_state.pop("place", None)
    if not ids:
        st.caption("No place matches the filters.")
        return
    labels = places["name"].astype(str) + " — " + places["shown_status"].astype(str)
    names = dict(zip(ids, labels))
    place_id = st.selectbox("Place", ids, key="place", format_func=lambda p: names.get(p, p))
    evidence_rows(shown[shown["place_id"].astype(str) == place_id])


def evidence_rows(rows: pd.DataFrame) -> None:
    """One bordered block per mention: status, sector, actor, the sentence, its source."""
    count = "1 sentence matches" if len(rows) == 1 else f"{len(rows)} sentences match"
    st.caption(f"{count} the filters.")
    for row in rows.head(EVIDENCE_ROWS).itertuples(index=False):
        with st.container(border=True):
            sectors = markdown_text(row.sector.replace("|", ", "))
            tags = [f"**{markdown_text(row.status)}**", sectors]
            tags += [markdown_text(row.actor)] if row.actor else []
            st.markdown(" · ".join(t for t in tags if t))
            st.text(row.evidence)
            st.caption(source_line(row))


def source_line(row) -> str:
    """Source, title, date and link of a mention, as escaped Markdown."""
    parts = [markdown_text(p) for p in (row.source, row.title, row.published) if p]
    url = safe_url(row.url)
    return " · ".join(parts + ([f"[link]({url})"] if url else []))


def tables_section(places: pd.DataFrame, shown: pd.DataFrame, total: int) -> None:
    """The filtered mentions and the places they add up to, as two tabs."""
    st.caption(f"Showing {len(shown):,} of {total:,} mentions at {len(places):,} places.")
    by_mention, by_place = st.tabs(["Mentions", "Places"])
    view = shown[MENTION_VIEW].head(TABLE_ROWS).assign(url=lambda f: f["url"].map(safe_url))
    config = {"url": st.column_config.LinkColumn("Link", display_text="open"),
              "evidence": st.column_config.TextColumn("Evidence", width="large"),
              "country_code": "Country", "place_type": "Type", "name": "Place"}
    by_mention.dataframe(view, column_config=config, hide_index=True, key="mentions_table")
    if len(shown) > TABLE_ROWS:
        by_mention.caption(f"The first {TABLE_ROWS:,} rows; the downloads hold all of them.")
    by_place.dataframe(places[PLACE_VIEW], hide_index=True,
                       column_config={"n_mentions": "Mentions", "n_documents": "Articles"})


def downloads(places: pd.DataFrame, shown: pd.DataFrame) -> None:
    """The filtered data as files, built only when a button is pressed."""
    left, middle, right = st.columns(3)
    left.download_button("Download mentions (CSV)", lambda: frame_to_csv_bytes(shown),
                         file_name="mentions.csv", mime="text/csv", on_click="ignore")
    middle.download_button("Download places (CSV)", lambda: frame_to_csv_bytes(places),
                           file_name="places.csv", mime="text/csv", on_click="ignore")
    right.download_button("Download places (GeoJSON)", lambda: places_geojson(places),
                          file_name="places.geojson", mime="application/geo+json",
                          on_click="ignore")


def upload_section(uploads_dir: Path) -> None:
    """A form to add article files or pasted text; the tables rebuild on the next read."""
    kinds = ", ".join(UPLOAD_SUFFIXES)
    with st.expander("Add articles"), st.form("add_articles", clear_on_submit=True):
        files = st.file_uploader(f"Article files ({kinds}, up to {MAX_UPLOAD_MB} MB each)",
                                 type=[s.lstrip(".") for s in UPLOAD_SUFFIXES],
                                 accept_multiple_files=True, max_upload_size=MAX_UPLOAD_MB)
        title = st.text_input("Title of a pasted article (optional)", key="add_title")
        text = st.text_area("Or paste an article's text", key="add_text")
        if st.form_submit_button("Add and update the map"):
            for ok, message in add_articles(files or [], title, text, uploads_dir):
                (st.success if ok else st.error)(message)


def main() -> None:
    """The whole page: uploads first (so tables rebuild), then filters, map, evidence, tables."""
    st.set_page_config(page_title="Adoption Atlas", layout="wide")
    st.title("Adoption Atlas")
    data_dir, seeds_dir = data_paths()
    filters_box = st.sidebar.container()
    with st.sidebar:
        upload_section(seeds_dir / "uploads")
    try:
        mentions, notes, options, labels, bounds = load_tables(
            str(data_dir), str(seeds_dir), tables_stamp(data_dir, seeds_dir))
    except (OSError, ValueError) as err:
        st.error(f"No tables could be read from {data_dir} ({err}); build them with the "
                 "pipeline from the articles in seeds/.")
        return
    for note in notes:
        st.warning(note)
    with filters_box:
        st.header("Filters")
        seed_state_from_url(options, bounds)
        filters = filter_controls(options, labels, bounds)
    write_url(filters)
    show_view(mentions, apply_filters(mentions, filters))


def show_view(mentions: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Everything that follows the filters: metrics, map, chart, evidence, tables, downloads."""
    places = places_frame(shown)
    metrics_row(places, shown)
    left, right = st.columns([3, 1])
    with left:
        clicked = map_section(places, shown)
    with right:
        sector_chart(shown)
    evidence_section(places, shown, clicked)
    tables_section(places, shown, len(mentions))
    downloads(places, shown)


if __name__ == "__main__":
    main()
