"""Hostile input and big corpora: each bad file named, nothing written lost, no traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import build, store
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.documents import parse_article
from pipeline.geoparse import geoparse
from pipeline.status import classify

ROOT = Path(__file__).resolve().parent.parent
NEWS = "In Europe, Italy blocked DeepSeek. Police in Shenzhen use DeepSeek.\n"
CONFIG = load_config()


def seeds_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, payload in files.items():
        (seeds / name).write_bytes(payload)
    return seeds


def test_every_kind_of_bad_file_is_named_once_and_the_good_ones_are_read(tmp_path, capsys):
    seeds = seeds_with(tmp_path, {
        "good.txt": NEWS.encode(), "utf16.txt": NEWS.encode("utf-16"),
        "latin1.md": "Les hôpitaux de Zürich utilisent DeepSeek.\n".encode("latin-1"),
        "page.html": b"<style>p{}</style><script>Italy()</script><p>Italy banned DeepSeek.</p>",
        "empty.txt": b"", "binary.txt": bytes(range(256)) * 4,
        "bad-date.txt": b"published: 31/02/2025\n\n" + NEWS.encode(),
    })
    (seeds / "folder.txt").mkdir()
    os.mkfifo(seeds / "pipe.md")
    assert main(["run", str(seeds), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    lines = capsys.readouterr().err.strip().splitlines()
    skipped = sorted(Path(line.split(":")[0].removeprefix("Skipped ")).name
                     for line in lines if line.startswith("Skipped"))
    assert skipped == ["binary.txt", "empty.txt", "folder.txt", "pipe.md"]
    assert any("bad-date.txt" in line and "31/02/2025" in line for line in lines)
    assert not any("Traceback" in line for line in lines)
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv")
    assert set(mentions["doc_id"]) == {"good.txt", "utf16.txt", "latin1.md", "page.html",
                                       "bad-date.txt"}


def test_a_file_that_vanishes_after_the_listing_is_named_and_the_rest_processed(tmp_path,
                                                                                 monkeypatch):
    seeds = seeds_with(tmp_path, {"a.txt": NEWS.encode(), "b.txt": NEWS.encode()})
    listing = store.article_files(seeds)
    (seeds / "a.txt").unlink()
    monkeypatch.setattr(store, "article_files", lambda folder: listing)
    report = build.run_report([seeds], reuse=False)
    assert report.skipped == [f"Skipped {seeds / 'a.txt'}: it disappeared before it could be read."]
    assert set(report.mentions["doc_id"]) == {"b.txt"}


def test_a_file_of_tens_of_megabytes_is_read_whole(tmp_path):
    paragraph = ("The regional council met on Tuesday to discuss the budget for roads and parks. "
                 * 40 + "\n").encode()
    payload = paragraph * (12 * 2**20 // len(paragraph)) + b"Finally, Italy banned DeepSeek.\n"
    seeds = seeds_with(tmp_path, {"big.txt": payload})
    report = build.run_report([seeds], reuse=False)
    assert len(payload) > 12 * 10**6 and report.skipped == []
    assert list(report.mentions["status"]) == ["banned"]


def test_a_rerun_only_processes_documents_whose_content_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("ADOPTION_ATLAS_CACHE", str(tmp_path / "cache"))
    seeds = seeds_with(tmp_path, {"a.txt": NEWS.encode(), "b.txt": NEWS.encode()})
    analysed = []
    original = build._analyse
    monkeypatch.setattr(build, "_analyse", lambda *a: analysed.append(a[1]) or original(*a))
    first = build.run_report([seeds])
    (seeds / "b.txt").write_text("Italy banned DeepSeek.\n", encoding="utf-8")
    second = build.run_report([seeds])
    assert analysed == ["a.txt", "b.txt", "b.txt"]
    assert len(first.mentions) == 6 and len(second.mentions) == 4


def test_a_run_killed_part_way_leaves_the_previous_tables_whole(tmp_path):
    seeds = seeds_with(tmp_path, {f"doc{i:04d}.txt": (f"Report {i}. " + NEWS).encode()
                                  for i in range(400)})
    out = tmp_path / "data"
    assert main(["run", str(seeds / "doc0000.txt"), "--out", str(out), "--quiet"]) == 0
    before = {name: (out / name).read_bytes() for name in ("mentions.csv", "places.csv")}
    env = {**os.environ, "ADOPTION_ATLAS_CACHE": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(seeds), "--out",
                              str(out), "--workers", "1"], cwd=ROOT, env=env,
                             stderr=subprocess.DEVNULL)
    time.sleep(3.0)  # long enough to be mid-run, far too short to finish 400 documents
    assert child.poll() is None, "the run finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    after = {name: (out / name).read_bytes() for name in ("mentions.csv", "places.csv")}
    assert after == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_geoparse_never_fails_and_its_offsets_always_point_at_the_mention(text):
    for toponym in geoparse(text):
        assert 0 <= toponym.start < toponym.end <= len(text)
        assert text[toponym.start:toponym.end] == toponym.text


places_and_noise = st.lists(st.sampled_from(
    ["Italy", "banned", "DeepSeek", " ", ", ", ". ", "In Europe", "not", "use", "\n", "South Korea",
     "the same measure", "'s", "Beijing", "<img src=x>", "=1+1", "\u200b", "É"]), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), places_and_noise.map("".join)))
def test_the_status_step_never_fails_and_keeps_offsets_inside_the_text(text):
    doc = parse_article("any.txt", text)
    for row in classify(doc, geoparse(doc.text), CONFIG):
        assert doc.text[row.start:row.end] == row.place
        assert row.status in {"adopted", "banned", "restricted", "warned", "considering",
                              "headquarters", "mentioned"}
