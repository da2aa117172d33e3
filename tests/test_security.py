"""A hostile article in seeds/, through the whole path: tables, map, evidence, downloads inert."""
from __future__ import annotations

import csv
import io

from streamlit.testing.v1 import AppTest

from conftest import ROOT
from pipeline.cli import main
from pipeline.store import frame_to_csv_bytes, read_outputs

MARKUP = "<img src=x onerror=window.__pwned=1>"
ARTICLE = (f"title: {MARKUP} ban\n\n"
           f"Italy banned DeepSeek {MARKUP} on Monday.\n"
           '=HYPERLINK("http://x","click") Police in Shenzhen use DeepSeek.\n'
           "+1 South Korea banned DeepSeek too.\n"
           "-2 In India, authorities warned against DeepSeek.\n"
           "@SUM(A1) Officials in Kenya use DeepSeek.\n")
FORMULA_STARTS = ("=", "+", "-", "@")


def cells(payload: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(payload.decode("utf-8")))
    return [cell for row in rows for cell in row]


def test_a_hostile_article_stays_inert_from_the_tables_to_the_downloads(tmp_path, monkeypatch):
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(seeds), "--out", str(data), "--quiet"]) == 0

    for name in ("mentions.csv", "places.csv"):  # the CLI's own tables
        payload = (data / name).read_bytes()
        texts = [c for c in cells(payload) if not c.lstrip("-").replace(".", "").isdigit()]
        assert not [c for c in texts if c.startswith(FORMULA_STARTS)]
    mentions, places, _ = read_outputs(data)
    assert set(mentions["place"]) >= {"Italy", "Shenzhen", "South Korea", "India", "Kenya"}
    assert any(MARKUP in e for e in mentions["evidence"])  # kept as text, not stripped
    assert any(e.startswith("'=HYPERLINK") for e in mentions["evidence"])

    monkeypatch.setenv("ADOPTION_ATLAS_DATA", str(data))
    monkeypatch.setenv("ADOPTION_ATLAS_SEEDS", str(seeds))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception and not app.error
    spec = app.get("deck_gl_json_chart")[0].proto.json
    assert MARKUP not in spec and "&lt;img src=x onerror=" in spec  # tooltips escaped
    app.selectbox(key="place").set_value(places.loc[places["name"] == "Italy", "place_id"].iloc[0])
    app.run()
    shown = [t.value for t in app.text]
    assert shown == [f"Italy banned DeepSeek {MARKUP} on Monday."]  # plain text, not HTML
    assert all(MARKUP not in c.value for c in [*app.caption, *app.markdown])

    for frame in (mentions, places):  # what the download buttons send
        texts = [c for c in cells(frame_to_csv_bytes(frame))
                 if not c.lstrip("-").replace(".", "").isdigit()]
        assert not [c for c in texts if c.startswith(FORMULA_STARTS)]
