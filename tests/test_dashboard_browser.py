"""The dashboard in a real headless Chromium, served by `streamlit run` on fixture tables."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import conftest
from conftest import HOSTILE
from pipeline.store import read_outputs

MAP_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
SCREENSHOT_MAX_BYTES = 300_000


def opened(page, url: str) -> None:
    """Load the app and wait until the map is drawn and the table caption is there."""
    page.goto(url)
    page.wait_for_selector(MAP_CANVAS, timeout=30_000)
    page.get_by_text("mentions at").first.wait_for(timeout=30_000)


def off_machine(urls: list[str]) -> list[str]:
    """The requested URLs whose host is not this machine."""
    local = {"127.0.0.1", "localhost", "[::1]", "::1"}
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob")
            and urlsplit(u).hostname not in local]


def pick(page, label: str, option: str) -> None:
    """Choose an option in the multiselect with this label."""
    page.get_by_test_id("stMultiSelect").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def download_rows(page, label: str) -> list[dict]:
    """Press a download button and read the CSV it gives."""
    with page.expect_download(timeout=20_000) as info:
        page.get_by_role("button", name=label).click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("required, outcome", [("", pytest.skip.Exception),
                                               ("1", pytest.fail.Exception)])
def test_a_missing_browser_skips_here_but_fails_under_ci(monkeypatch, required, outcome):
    monkeypatch.setattr(conftest, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("ADOPTION_ATLAS_REQUIRE_BROWSER", required)
    with pytest.raises(outcome, match="no Chromium at /nonexistent/chromium"):
        conftest.require_browser()


@pytest.mark.browser
def test_the_page_draws_the_map_offline_and_shows_no_error(app_server, page):
    opened(page, app_server[0])
    page.wait_for_timeout(1500)  # let deck.gl paint before the picture
    assert page.locator(MAP_CANVAS).first.is_visible()
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Showing 9 of 9 mentions at 8 places.").is_visible()
    assert page.requested and off_machine(page.requested) == []


@pytest.mark.browser
def test_the_bundled_seed_article_opens_as_its_map(bundled_server, page, tmp_path):
    url, data_dir, _ = bundled_server
    started = (data_dir.parent / "streamlit.log").read_text()
    assert "URL: http://127.0.0.1:" in started and "external IP" not in started  # no look-up
    mentions, places, _ = read_outputs(data_dir)
    opened(page, url)
    page.wait_for_timeout(2000)  # let deck.gl paint before the picture
    shown = f"Showing {len(mentions)} of {len(mentions)} mentions at {len(places)} places."
    assert page.get_by_text(shown).is_visible()
    banned = page.get_by_test_id("stMetric").filter(has_text="Banned")
    assert banned.get_by_test_id("stMetricValue").inner_text() == str(
        (places["shown_status"] == "banned").sum())
    assert page.get_by_test_id("stException").count() == 0
    assert off_machine(page.requested) == []
    # The README's picture: ADOPTION_ATLAS_SCREENSHOT=docs/dashboard.png pytest -k bundled
    shot = Path(os.environ.get("ADOPTION_ATLAS_SCREENSHOT") or tmp_path / "dashboard.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), type="png")
    assert 10_000 < shot.stat().st_size < SCREENSHOT_MAX_BYTES


@pytest.mark.browser
def test_a_filter_click_changes_the_table_and_the_download(app_server, page):
    opened(page, app_server[0])
    pick(page, "Status", "banned")
    page.get_by_text("Showing 3 of 9 mentions at 3 places.").wait_for(timeout=20_000)
    assert "status=banned" in page.url
    rows = download_rows(page, "Download mentions (CSV)")
    assert sorted(r["doc_id"] for r in rows) == ["au-gov", "it-garante", "tx-gov"]
    assert {r["status"] for r in rows} == {"banned"}
    texas = next(r for r in rows if r["doc_id"] == "tx-gov")
    assert texas["evidence"].startswith("'=HYPERLINK(") and texas["lon"] == "-99.25"
    assert page.get_by_test_id("stException").count() == 0
    assert off_machine(page.requested) == []


@pytest.mark.browser
def test_article_markup_in_the_evidence_shows_as_text_and_never_runs(app_server, page):
    opened(page, app_server[0] + "/?q=universities")
    page.get_by_text("Showing 1 of 9 mentions at 1 places.").wait_for(timeout=20_000)
    sentence = f"Some Texas universities adopted DeepSeek {HOSTILE} for research."
    assert page.get_by_test_id("stText").get_by_text(sentence).is_visible()
    cell = page.locator("[role=gridcell]").filter(has_text=sentence)
    cell.wait_for(state="attached", timeout=20_000)  # the table's accessible copy of the cell
    page.locator(MAP_CANVAS).first.hover()
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


HOSTILE_ARTICLE = (f"title: Oslo schools {HOSTILE}\n\n"
                   f"The city of Oslo banned DeepSeek {HOSTILE} in all of its schools on Monday.\n"
                   '=HYPERLINK("http://x") Oslo officials said the ban covers teachers too.\n')


@pytest.mark.browser
def test_an_uploaded_hostile_article_is_added_and_shows_as_text(upload_server, page):
    opened(page, upload_server[0])
    page.get_by_text("Add articles").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
        {"name": "../../etc/oslo.txt", "mimeType": "text/plain",
         "buffer": HOSTILE_ARTICLE.encode("utf-8")})
    page.get_by_role("button", name="Add and update the map").click()
    page.get_by_text("was added as oslo-").wait_for(timeout=60_000)
    saved = list((upload_server[2] / "uploads").iterdir())
    assert len(saved) == 1 and saved[0].name.startswith("oslo-")
    page.get_by_label("Search the evidence").fill("onerror")
    page.keyboard.press("Enter")
    cell = page.locator("[role=gridcell]").filter(has_text=f"DeepSeek {HOSTILE} in all")
    cell.first.wait_for(state="attached", timeout=20_000)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.get_by_test_id("stException").count() == 0
    assert off_machine(page.requested) == []
