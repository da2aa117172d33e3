"""Shared fixtures: small mention tables written like the pipeline writes them, and a browser."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline import store, tables
from pipeline.config import config_sha256
from pipeline.records import Mention

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4bac3b1f262285c8.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE = '<img src=x onerror=window.__pwned=1>'


def mention(doc: str, place: str, status: str, **extra) -> Mention:
    """One mention with sensible defaults for a place from PLACES."""
    name, place_type, code, lat, lon, geonameid = PLACES[place]
    values = dict(
        doc_id=doc, title=f"Title of {doc}", source="Reuters", url=f"https://example.org/{doc}",
        published="2025-02-03", sentence_index=0, start=0, end=len(place), place=place,
        name=name, place_type=place_type, country_code=code, lat=lat, lon=lon,
        geonameid=geonameid, place_id=str(geonameid) if geonameid else code, kind="literal",
        status=status, sector="government", actor="", scope="", subject="DeepSeek",
        evidence=f"{place} did something with DeepSeek.", confidence=0.9)
    values.update(extra)
    return Mention(**values)


PLACES = {
    "Italy": ("Italy", "country", "IT", 42.83, 12.83, 3175395),
    "South Korea": ("South Korea", "country", "KR", 36.5, 127.75, 1835841),
    "Australia": ("Australia", "country", "AU", -25.0, 135.0, 2077456),
    "Shenzhen": ("Shenzhen", "city", "CN", 22.55, 114.07, 1795565),
    "Beijing": ("Beijing", "city", "CN", 39.91, 116.40, 1816670),
    "Texas": ("Texas", "region", "US", 31.25, -99.25, 4736286),
    "Singapore": ("Singapore", "country", "SG", 1.37, 103.8, 1880251),
    "China": ("China", "country", "CN", 35.0, 105.0, 1814991),
    "Oslo": ("Oslo", "city", "NO", 59.91, 10.75, 3143244),
}


def sample_mentions() -> list[Mention]:
    """Eight documents' worth of mentions covering every filter the dashboard offers."""
    return [
        mention("it-garante", "Italy", "banned", source="Reuters", published="2025-01-30",
                sector="government", actor="Garante", start=10, end=15,
                evidence="Italy's privacy watchdog Garante banned DeepSeek on Thursday."),
        mention("kr-ministries", "South Korea", "restricted", source="Yonhap",
                published="2025-02-06", sector="government|military", actor="ministries",
                evidence="South Korea restricted DeepSeek on ministry computers."),
        mention("au-gov", "Australia", "banned", source="ABC News", published="2025-02-04",
                sector="government", evidence="Australia banned DeepSeek from government devices."),
        mention("cn-police", "Shenzhen", "adopted", source="Mundo América", published="2025-08-18",
                sector="police", actor="police",
                evidence="The police in Shenzhen use DeepSeek to analyze surveillance videos."),
        mention("cn-police", "Beijing", "adopted", source="Mundo América", published="2025-08-18",
                sector="courts", actor="judicial officials", sentence_index=1, start=200, end=207,
                evidence="In the courts of Beijing, judicial officials use DeepSeek."),
        mention("tx-gov", "Texas", "banned", source="AP", published="2025-01-28",
                sector="government", actor="Governor Greg Abbott",
                evidence="=HYPERLINK(\"http://x\") Texas banned DeepSeek on state devices."),
        mention("tx-gov", "Texas", "adopted", source="AP", published="2025-01-28",
                sector="education", actor="universities", sentence_index=2, start=90, end=95,
                evidence=f"Some Texas universities adopted DeepSeek {HOSTILE} for research."),
        mention("sg-hq", "Singapore", "considering", source="Straits Times", published="",
                sector="finance", evidence="Singapore banks are considering DeepSeek."),
        mention("cn-hq", "China", "headquarters", source="Mundo América", published="2025-03-01",
                sector="other", evidence="DeepSeek is based in Hangzhou, China."),
    ]


def write_fixture(data_dir: Path, seeds_dir: Path, mentions: list[Mention] | None = None) -> None:
    """Write one seed article and fresh tables whose manifest matches the seeds and config."""
    seeds_dir.mkdir(parents=True, exist_ok=True)
    (seeds_dir / "article.txt").write_text("title: A seed\n\nItaly banned DeepSeek.\n")
    frame = tables.mentions_frame(mentions if mentions is not None else sample_mentions())
    manifest = {"seeds_sha256": store.seeds_hash([seeds_dir]), "config_sha256": config_sha256()}
    store.write_outputs(frame, tables.places_frame(frame), data_dir, manifest)


@pytest.fixture
def sample() -> list[Mention]:
    """The sample mentions."""
    return sample_mentions()


@pytest.fixture
def dashboard_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Fresh fixture tables and seeds, and the environment that points the dashboard at them."""
    data_dir, seeds_dir = tmp_path / "data", tmp_path / "seeds"
    write_fixture(data_dir, seeds_dir)
    monkeypatch.setenv("ADOPTION_ATLAS_DATA", str(data_dir))
    monkeypatch.setenv("ADOPTION_ATLAS_SEEDS", str(seeds_dir))
    return data_dir, seeds_dir


def browser_missing() -> str | None:
    """Why no browser test can run here, or None when one can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not importable (pip install playwright)"
    return None


def require_browser() -> None:
    """Skip a browser test where none is installed; fail instead under .ci/run."""
    reason = browser_missing()
    if reason and os.environ.get("ADOPTION_ATLAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ADOPTION_ATLAS_REQUIRE_BROWSER=1 but {reason}")
    if reason:
        pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(url: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until the Streamlit server answers its health check (or fail saying why)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout:.0f} s")


def serve(base: Path, bundled: bool = False):
    """Serve the dashboard on fixture tables (or a copy of the bundled ones) under base.

    Yields (url, data_dir, seeds_dir).
    """
    data_dir, seeds_dir = base / "data", base / "seeds"
    if bundled:
        shutil.copytree(ROOT / "data", data_dir)
        shutil.copytree(ROOT / "seeds", seeds_dir, ignore=shutil.ignore_patterns("uploads"))
    else:
        write_fixture(data_dir, seeds_dir)
    port = free_port()
    env = {**os.environ, "ADOPTION_ATLAS_DATA": str(data_dir),
           "ADOPTION_ATLAS_SEEDS": str(seeds_dir)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
               "--server.headless", "true", "--server.port", str(port),
               "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]
    with open(base / "streamlit.log", "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_health(f"http://127.0.0.1:{port}", proc)
            yield f"http://127.0.0.1:{port}", data_dir, seeds_dir
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    """The dashboard served on fixture tables, shared by a module's read-only tests."""
    require_browser()
    yield from serve(tmp_path_factory.mktemp("served"))


@pytest.fixture
def bundled_server(tmp_path: Path):
    """The dashboard served on a copy of the bundled seeds and their tables."""
    require_browser()
    yield from serve(tmp_path, bundled=True)


@pytest.fixture
def upload_server(tmp_path: Path):
    """The dashboard served on its own fixture tables, for a test that adds articles."""
    require_browser()
    yield from serve(tmp_path)


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by playwright."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh page that records every URL it requests (page.requested)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The bundled seed article."""
    return SEED


# The status step on small texts, shared by the status tests.

@pytest.fixture(scope="module")
def config():
    """The shipped tracking configuration."""
    from pipeline.config import load_config
    return load_config()


def classified(text: str, config) -> list:
    """The mention rows of a small article."""
    from pipeline.documents import parse_article
    from pipeline.geoparse import geoparse
    from pipeline.status import classify
    doc = parse_article("test.txt", text)
    return classify(doc, geoparse(doc.text), config)


def statuses(text: str, config) -> dict[str, set[str]]:
    """Place as written -> the statuses its mentions got."""
    found: dict[str, set[str]] = {}
    for row in classified(text, config):
        found.setdefault(row.place, set()).add(row.status)
    return found
