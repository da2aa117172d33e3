"""The dashboard run by streamlit.testing on fixture tables: what a reader sees and can do."""
from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from conftest import HOSTILE, ROOT

APP = str(ROOT / "dashboard.py")


def started(**query) -> AppTest:
    """The app after its first run (with URL query parameters, if given)."""
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update(query)
    return app.run()


def deck(app: AppTest) -> dict:
    """The deck spec the browser would receive."""
    return json.loads(app.get("deck_gl_json_chart")[0].proto.json)


def map_places(app: AppTest) -> set[str]:
    """The names of every place drawn on the map, shapes and points."""
    layers = {layer["id"]: layer["data"] for layer in deck(app)["layers"]}
    shapes = {f["properties"]["tip_place"] for f in layers["countries"]["features"]}
    return {name.rsplit(" (", 1)[0] for name in shapes | {r["tip_place"] for r in layers["places"]}}


def table_docs(app: AppTest) -> set[str]:
    """The titles' document ids in the mentions table."""
    return {title.removeprefix("Title of ") for title in app.dataframe[0].value["title"]}


def texts(app: AppTest) -> list[str]:
    """Every plain text element's body."""
    return [element.value for element in app.text]


def test_the_app_opens_on_the_tables_without_error(dashboard_dirs):
    app = started()
    assert not app.exception and not app.error
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Places": "8", "Mentions": "9", "Adopted": "3", "Banned": "3",
                       "Restricted": "1", "Warned": "0", "Considering": "1"}


def test_the_deck_holds_the_world_the_countries_and_the_points(dashboard_dirs):
    spec = deck(started())
    assert [(layer["id"], layer["@@type"]) for layer in spec["layers"]] == [
        ("ocean", "PolygonLayer"), ("world", "GeoJsonLayer"), ("countries", "GeoJsonLayer"),
        ("places", "ScatterplotLayer")]
    assert len(spec["layers"][1]["data"]["features"]) == 177
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec


@pytest.mark.parametrize("widget, value, docs, places", [
    ("f_statuses", ["banned"], {"it-garante", "au-gov", "tx-gov"}, {"Italy", "Australia", "Texas"}),
    ("f_sectors", ["police"], {"cn-police"}, {"Shenzhen"}),
    ("f_countries", ["CN"], {"cn-police", "cn-hq"}, {"Shenzhen", "Beijing", "China"}),
    ("f_place_types", ["city"], {"cn-police"}, {"Shenzhen", "Beijing"}),
    ("f_sources", ["Yonhap"], {"kr-ministries"}, {"South Korea"}),
    ("f_documents", ["sg-hq"], {"sg-hq"}, {"Singapore"}),
    ("f_dates", (date(2025, 2, 1), date(2025, 2, 28)), {"au-gov", "kr-ministries"},
     {"Australia", "South Korea"}),
    ("f_text", "universities", {"tx-gov"}, {"Texas"}),
])
def test_each_filter_changes_the_table_and_the_map(dashboard_dirs, widget, value, docs, places):
    app = started()
    element = app.text_input(key=widget) if widget == "f_text" else (
        app.date_input(key=widget) if widget == "f_dates" else app.multiselect(key=widget))
    element.set_value(value).run()
    assert not app.exception
    assert table_docs(app) == docs
    assert map_places(app) == places


def test_a_filter_is_written_into_the_url(dashboard_dirs):
    app = started()
    app.multiselect(key="f_statuses").set_value(["banned", "restricted"]).run()
    app.text_input(key="f_text").set_value("DeepSeek").run()
    assert app.query_params["status"] == ["banned", "restricted"]
    assert app.query_params["q"] == "DeepSeek"


def test_a_link_with_filters_opens_on_that_view(dashboard_dirs):
    app = started(status=["restricted"], country=["KR", "XX"], q="ministry")
    assert app.multiselect(key="f_countries").value == ["KR"]
    assert table_docs(app) == {"kr-ministries"}
    assert map_places(app) == {"South Korea"}


def test_clicking_a_place_opens_its_evidence(dashboard_dirs):
    app = started()
    app.session_state["map"] = {"selection": {"indices": {"places": [0]},
                                              "objects": {"places": [{"place_id": "1816670"}]}}}
    app.run()
    assert app.selectbox(key="place").value == "1816670"
    assert texts(app) == ["In the courts of Beijing, judicial officials use DeepSeek."]
    assert any("Mundo América" in c.value and "[link](https://example.org/cn-police)" in c.value
               for c in app.caption)


def test_clicking_a_country_shape_opens_that_country(dashboard_dirs):
    app = started()
    app.session_state["map"] = {"selection": {"objects": {"countries": [
        {"type": "Feature", "properties": {"place_id": "3175395"}}]}}}
    app.run()
    assert texts(app) == ["Italy's privacy watchdog Garante banned DeepSeek on Thursday."]


def test_article_markup_in_evidence_is_shown_as_text_and_escaped_in_tooltips(dashboard_dirs):
    app = started(q="universities")
    assert texts(app) == [f"Some Texas universities adopted DeepSeek {HOSTILE} for research."]
    spec = app.get("deck_gl_json_chart")[0].proto.json
    assert HOSTILE not in spec
    assert "DeepSeek &lt;img src=x onerror=window.__pwned=1&gt; for research." in spec


def test_the_three_downloads_are_offered(dashboard_dirs):
    labels = [button.label for button in started().download_button]
    assert labels == ["Download mentions (CSV)", "Download places (CSV)",
                      "Download places (GeoJSON)"]


def test_tables_that_cannot_be_written_give_one_sentence(tmp_path, monkeypatch):
    (tmp_path / "blocker").write_text("a file where the tables folder should be")
    monkeypatch.setenv("ADOPTION_ATLAS_DATA", str(tmp_path / "blocker" / "data"))
    monkeypatch.setenv("ADOPTION_ATLAS_SEEDS", str(tmp_path / "seeds"))
    app = started()
    assert not app.exception
    assert [e.value.split(" (")[0] for e in app.error] == [
        f"No tables could be read from {tmp_path / 'blocker' / 'data'}"]


def submit(app: AppTest, name: str, payload: bytes) -> AppTest:
    """Upload one file through the form and press its button."""
    app.file_uploader[0].set_value((name, payload, "text/plain"))
    return next(b for b in app.button if b.label == "Add and update the map").click().run()


def test_an_uploaded_article_is_saved_and_mapped(dashboard_dirs):
    payload = f"title: Oslo {HOSTILE}\n\nOslo banned DeepSeek {HOSTILE} in schools.\n".encode()
    app = submit(started(), "../../etc/oslo.txt", payload)
    assert not app.exception and not app.error
    saved = list((dashboard_dirs[1] / "uploads").iterdir())
    assert [p.name.startswith("oslo-") for p in saved] == [True]
    assert "Oslo" in map_places(app)
    assert f"added as {saved[0].name}" in app.success[0].value


def test_a_bad_upload_gets_one_sentence_and_changes_nothing(dashboard_dirs):
    app = submit(started(), "photo.txt", b"\x89PNG\x00\x00")
    assert [e.value for e in app.error] == ["'photo.txt' was not added: it is a binary file, not text."]
    assert not (dashboard_dirs[1] / "uploads").exists()
    assert len(app.dataframe[0].value) == 9


def test_pasted_text_is_saved_as_a_txt_with_its_title(dashboard_dirs):
    app = started()
    app.text_input(key="add_title").set_value("Oslo schools")
    app.text_area(key="add_text").set_value("Oslo banned DeepSeek in schools.")
    next(b for b in app.button if b.label == "Add and update the map").click().run()
    saved = list((dashboard_dirs[1] / "uploads").iterdir())
    assert [p.read_text() for p in saved] == [
        "title: Oslo schools\n\nOslo banned DeepSeek in schools.\n"]
    assert saved[0].name.startswith("Oslo_schools-") and saved[0].suffix == ".txt"
    assert "Oslo" in map_places(app)
