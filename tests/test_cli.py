"""The command line: tables written atomically and the same each time, exit statuses."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipeline.cli import main
from pipeline.records import MENTION_COLUMNS, PLACE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
ITALY = "title: Italy acts\npublished: 2025-02-01\n\nIn Europe, Italy blocked DeepSeek.\n"


def corpus(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "italy.txt").write_text(ITALY, encoding="utf-8")
    (seeds / "korea.md").write_text("South Korea banned DeepSeek on government devices.\n",
                                    encoding="utf-8")
    return seeds


def test_a_run_writes_both_tables_with_their_declared_columns(tmp_path):
    out = tmp_path / "data"
    assert main(["run", str(corpus(tmp_path)), "--out", str(out), "--quiet"]) == 0
    mentions, places = pd.read_csv(out / "mentions.csv"), pd.read_csv(out / "places.csv")
    assert tuple(mentions.columns) == MENTION_COLUMNS and tuple(places.columns) == PLACE_COLUMNS
    assert set(zip(mentions["place"], mentions["status"])) == {
        ("Europe", "mentioned"), ("Italy", "banned"), ("South Korea", "banned")}
    italy = mentions[mentions["place"] == "Italy"].iloc[0]
    assert (italy["doc_id"], italy["title"], italy["published"]) == ("italy.txt", "Italy acts",
                                                                     "2025-02-01")


def test_the_same_run_twice_gives_byte_identical_files(tmp_path):
    seeds = corpus(tmp_path)
    main(["run", str(seeds), "--out", str(tmp_path / "a"), "--quiet"])
    main(["run", str(seeds), "--out", str(tmp_path / "b"), "--quiet", "--workers", "1"])
    for name in ("mentions.csv", "places.csv", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_skipped_files_are_named_and_the_exit_status_is_3(tmp_path, capsys):
    seeds = corpus(tmp_path)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["run", str(seeds), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert sorted(line.split(":")[0] for line in err) == [
        f"Skipped {seeds / 'empty.txt'}", f"Skipped {seeds / 'photo.html'}"]
    assert "Italy" in (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")


def test_a_bad_configuration_is_a_usage_error_in_one_sentence(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[technologies]\n", encoding="utf-8")
    assert main(["run", str(corpus(tmp_path)), "--config", str(bad)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(bad) in line and "not valid TOML" in line


def test_an_unknown_option_is_a_usage_error():
    assert main(["run", "--frobnicate"]) == 2


def test_nothing_written_is_exit_1_and_the_old_tables_stay(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    assert main(["run", str(corpus(tmp_path)), "--out", str(blocker / "data")]) == 1
    assert "could not be written" in capsys.readouterr().err


def test_python_dash_m_pipeline_runs_on_the_bundled_seeds(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(project / "seeds"),
                           "--out", str(project / "data")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 documents read, 0 skipped" in done.stderr
    assert (project / "data" / "places.csv").exists()


def test_the_library_call_gives_the_same_two_tables(tmp_path):
    import pipeline
    mentions, places = pipeline.run([corpus(tmp_path)])
    assert set(mentions["place"]) == {"Europe", "Italy", "South Korea"}
    assert list(places.columns) == list(PLACE_COLUMNS)
    assert set(places.loc[places["name"] == "Italy", "shown_status"]) == {"banned"}


def test_a_missing_path_is_named_and_not_counted_as_read(tmp_path, capsys):
    assert main(["run", str(corpus(tmp_path)), str(tmp_path / "gone.txt"), "--out",
                 str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert f"Skipped {tmp_path / 'gone.txt'}: it does not exist." in err
    assert "2 documents read, 1 skipped" in err


def test_a_configuration_that_is_a_pipe_is_refused_without_waiting(tmp_path, capsys):
    import os
    os.mkfifo(tmp_path / "config.toml")
    assert main(["run", str(corpus(tmp_path)), "--config", str(tmp_path / "config.toml")]) == 2
    assert "is not a regular file" in capsys.readouterr().err


def test_nominatim_on_a_dask_cluster_is_refused_in_one_sentence(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--geocoder", "nominatim", "--user-agent", "me@example.org",
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "--scheduler" in line and "Nominatim" in line
