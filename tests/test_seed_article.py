"""The seed article, read the way a user reads it: the acceptance table of the status issue."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from pipeline.build import run

# place (GeoNames id or country code), status, sectors that must be among the row's
EXPECTED = [
    (1795565, "adopted", {"police"}),
    (1816670, "adopted", {"courts"}),
    (1810821, "adopted", {"health"}),
    (1785623, "adopted", {"transport"}),
    (1800779, "adopted", {"public-services"}),
    (1800163, "adopted", {"courts"}),
    ("CN", "adopted", {"government", "police", "telecom"}),
    (1808926, "headquarters", set()),
    ("AU", "banned", {"government"}),
    ("KR", "banned", {"government"}),
    ("IN", "warned", {"government"}),
    ("IT", "banned", set()),
    ("CZ", "banned", set()),
]
ONLY_MENTIONED = {"Europe", "Asia", "United States", "Washington"}


@pytest.fixture(scope="module")
def mentions(seed_path):
    table, _ = run([seed_path])
    return table


def _rows(mentions, place):
    if isinstance(place, int):
        return mentions[mentions["geonameid"] == place]
    return mentions[(mentions["country_code"] == place) & (mentions["place_type"] == "country")]


@pytest.mark.parametrize("place, status, sectors", EXPECTED)
def test_the_seed_gives_each_place_its_status_and_sectors(mentions, place, status, sectors):
    rows = _rows(mentions, place)
    stated = rows[rows["status"] == status]
    assert len(stated), f"{place} has no {status} row: {sorted(set(rows['status']))}"
    found = set("|".join(stated["sector"]).split("|"))
    assert sectors <= found


def test_the_same_measure_gives_south_korea_australias_scope(mentions):
    for code in ("AU", "KR"):
        banned = _rows(mentions, code).query("status == 'banned'")
        assert set(banned["scope"]) == {"government devices"}


def test_no_place_outside_the_table_appears_at_all(mentions):
    expected_ids = {p for p, _, _ in EXPECTED if isinstance(p, int)} | {4140963}
    expected_codes = {p for p, _, _ in EXPECTED if isinstance(p, str)} | {"US"}
    for row in mentions.itertuples():
        known = (row.geonameid in expected_ids or row.name in ONLY_MENTIONED
                 or (row.place_type == "country" and row.country_code in expected_codes))
        assert known, f"unexpected place {row.place!r} -> {row.name} ({row.geonameid})"


def test_continents_the_us_and_washington_are_only_mentioned(mentions):
    for name in ONLY_MENTIONED:
        assert set(mentions.loc[mentions["name"] == name, "status"]) == {"mentioned"}


def test_beijing_is_adopted_only_where_its_courts_use_it(mentions):
    beijing = mentions[mentions["geonameid"] == 1816670]
    assert list(beijing.query("status == 'adopted'")["sentence_index"]) == [3]
    assert set(beijing.query("status != 'adopted'")["status"]) == {"mentioned"}


def test_china_is_adopted_or_headquarters_never_stopped(mentions):
    china = _rows(mentions, "CN")
    assert set(china["status"]) <= {"adopted", "headquarters", "mentioned"}


def test_the_repeated_paragraph_yields_its_rows_once(mentions):
    assert len(_rows(mentions, "AU")) == 1
    assert len(mentions[mentions["name"] == "Italy"]) == 1


def _committed(name: str) -> bytes:
    """A table as committed (a user's own uploads may have regenerated the working copy)."""
    from pipeline.paths import DATA_DIR, ROOT
    shown = subprocess.run(["git", "show", f"HEAD:data/{name}"], cwd=ROOT, capture_output=True)
    return shown.stdout if shown.returncode == 0 else (DATA_DIR / name).read_bytes()


def test_the_committed_tables_are_those_the_seeds_give_today(tmp_path):
    from pipeline.build import refresh
    from pipeline.paths import SEEDS_DIR
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds, ignore=shutil.ignore_patterns("uploads"))
    refresh([seeds], tmp_path / "data")
    for name in ("mentions.csv", "places.csv", "manifest.json"):
        assert _committed(name) == (tmp_path / "data" / name).read_bytes(), (
            f"data/{name} is stale: run `python -m pipeline run` and commit it")
