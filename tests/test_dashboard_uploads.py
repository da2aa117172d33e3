"""Adding articles: safe names in seeds/uploads, no silent overwrite, tables rebuilt when stale."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_fixture
from pipeline import store
from pipeline.view_uploads import (MAX_UPLOAD_BYTES, UploadError, ensure_tables, is_stale,
                                   pasted_article, safe_stem, save_article, seeds_stamp,
                                   upload_name)

ARTICLE = b"title: Oslo\n\nThe city of Oslo banned DeepSeek in its schools.\n"


def accept(name: str, payload: bytes) -> None:
    """A check that lets every article through."""


@pytest.mark.parametrize("name, stem", [
    ("../../etc/passwd.txt", "passwd"),
    ("..\\..\\windows\\win.ini.md", "win.ini"),
    (".bashrc.txt", "bashrc"),
    ("Über die KI & mehr.html", "ber_die_KI_mehr"),
    ("....txt", "article"),
])
def test_an_uploaded_name_becomes_a_plain_stem(name, stem):
    assert safe_stem(name) == stem


@pytest.mark.parametrize("name", ["../../etc/passwd", "report.pdf", "script.sh", "page.html.exe"])
def test_a_name_without_an_article_suffix_is_refused(name):
    with pytest.raises(UploadError, match="only .txt, .md, .html files"):
        upload_name(name, ARTICLE)


def test_a_traversing_name_is_saved_inside_the_uploads_folder(tmp_path):
    uploads = tmp_path / "seeds" / "uploads"
    saved = save_article("../../etc/passwd.txt", ARTICLE, uploads, accept)
    assert saved.path.parent == uploads
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [saved.path.name]


def test_same_name_other_content_is_kept_beside_never_over(tmp_path):
    first = save_article("oslo.txt", ARTICLE, tmp_path, accept)
    second = save_article("oslo.txt", ARTICLE + b"More.\n", tmp_path, accept)
    assert first.path != second.path
    assert first.path.read_bytes() == ARTICLE


def test_the_same_article_twice_is_saved_once(tmp_path):
    save_article("oslo.txt", ARTICLE, tmp_path, accept)
    again = save_article("copy/oslo.txt", ARTICLE, tmp_path, accept)
    assert again.existed and len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("payload, reason", [
    (b"", "empty"), (b" \n\t", "empty"), (b"x" * (MAX_UPLOAD_BYTES + 1), "larger than 5 MB"),
])
def test_an_empty_or_oversized_file_is_refused_with_a_reason(tmp_path, payload, reason):
    with pytest.raises(UploadError, match=reason):
        save_article("a.txt", payload, tmp_path, accept)
    assert not tmp_path.joinpath("uploads").exists()


def test_a_file_the_reader_refuses_writes_nothing(tmp_path):
    def refuse(name: str, payload: bytes) -> None:
        raise UploadError(f"{name} is binary.")

    with pytest.raises(UploadError, match="a.txt is binary."):
        save_article("a.txt", b"\x00\x01", tmp_path, refuse)
    assert list(tmp_path.iterdir()) == []


def test_pasted_text_is_saved_with_its_title_as_front_matter():
    name, payload = pasted_article("Oslo bans\nurl: javascript:x", "  Oslo banned it.  ")
    assert name == "Oslo_bans_url_javascript_x.txt"
    assert payload == b"title: Oslo bans url: javascript:x\n\nOslo banned it.\n"


def test_pasted_text_without_a_title_has_no_front_matter():
    assert pasted_article("", "Oslo banned it.") == ("pasted.txt", b"Oslo banned it.\n")


def test_an_empty_paste_is_refused():
    with pytest.raises(UploadError, match="text is empty"):
        pasted_article("A title", "  ")


class FakeRefresh:
    """Stands in for pipeline.build.refresh: records calls, writes the fixture tables."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[Path], Path]] = []

    def __call__(self, seed_dirs: list[Path], out_dir: Path):
        self.calls.append((seed_dirs, out_dir))
        write_fixture(out_dir, seed_dirs[0])
        return type("RunReport", (), {"skipped": ["bad.txt was skipped: it is empty."]})()


def test_fresh_tables_are_read_without_rebuilding(tmp_path):
    write_fixture(tmp_path / "data", tmp_path / "seeds")
    refresh = FakeRefresh()
    mentions, places, notes = ensure_tables(tmp_path / "data", tmp_path / "seeds", refresh)
    assert refresh.calls == [] and notes == [] and len(places) == 8


def test_missing_tables_are_built_from_the_seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    refresh = FakeRefresh()
    _, _, notes = ensure_tables(tmp_path / "data", tmp_path / "seeds", refresh)
    assert refresh.calls == [([tmp_path / "seeds"], tmp_path / "data")]
    assert notes == ["bad.txt was skipped: it is empty."]


def test_a_changed_article_makes_the_tables_stale(tmp_path):
    write_fixture(tmp_path / "data", tmp_path / "seeds")
    assert not is_stale(tmp_path / "data", tmp_path / "seeds")
    (tmp_path / "seeds" / "uploads").mkdir()
    (tmp_path / "seeds" / "uploads" / "new.txt").write_bytes(ARTICLE)
    assert is_stale(tmp_path / "data", tmp_path / "seeds")


def test_missing_tables_are_built_by_the_pipeline_from_the_articles(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "italy.txt").write_text("In Europe, Italy blocked DeepSeek.\n")
    mentions, places, notes = ensure_tables(tmp_path / "data", tmp_path / "seeds")
    assert notes == [] and set(zip(mentions["place"], mentions["status"])) == {
        ("Europe", "mentioned"), ("Italy", "banned")}
    assert not is_stale(tmp_path / "data", tmp_path / "seeds")


def test_tables_built_with_another_configuration_are_stale(tmp_path):
    write_fixture(tmp_path / "data", tmp_path / "seeds")
    mentions, places, manifest = store.read_outputs(tmp_path / "data")
    store.write_outputs(mentions, places, tmp_path / "data",
                        {**manifest, "config_sha256": "another configuration"})
    assert is_stale(tmp_path / "data", tmp_path / "seeds")


def test_a_broken_link_among_the_articles_does_not_hide_the_tables(tmp_path):
    write_fixture(tmp_path / "data", tmp_path / "seeds")
    (tmp_path / "seeds" / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    assert ("broken.txt", -1, -1) in seeds_stamp(tmp_path / "seeds")
