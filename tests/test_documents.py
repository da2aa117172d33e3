"""Reading articles: encodings, HTML, front matter, and files that are not articles."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.documents import DocumentError, check_article, read_document

ARTICLE = "The police in Shenzhen use DeepSeek. In Europe, Italy blocked access."


def write(tmp_path: Path, name: str, payload: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(payload)
    return path


def test_the_seed_front_matter_becomes_metadata_and_is_not_prose(seed_path):
    doc = read_document(seed_path)
    assert (doc.url, doc.published, doc.source) == (
        "https://www.mundoamerica.com/news/2025/08/18/68a2f2b4fc6c837d1f8b4589.html",
        "2025-08-18", "Mundo América")
    assert doc.text.startswith("The police in Shenzhen")
    assert doc.doc_id == seed_path.name


def test_without_a_title_the_first_sentence_serves(seed_path):
    assert read_document(seed_path).title.startswith("The police in Shenzhen, China's mega")


def test_a_title_line_is_the_title(tmp_path):
    path = write(tmp_path, "a.md", b"title: Italy blocks DeepSeek\nsource: Wire\n\n" + ARTICLE.encode())
    doc = read_document(path)
    assert (doc.title, doc.source, doc.text) == ("Italy blocks DeepSeek", "Wire", ARTICLE)


def test_an_unparsable_date_is_left_empty_with_a_warning_and_the_document_kept(tmp_path):
    path = write(tmp_path, "a.txt", b"published: last Tuesday\n\n" + ARTICLE.encode())
    doc = read_document(path)
    assert doc.published == "" and doc.text == ARTICLE
    assert "last Tuesday" in doc.warnings[0] and "a.txt" in doc.warnings[0]


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("cp1252", b""), ("latin-1", b""),
])
def test_every_common_encoding_decodes_to_the_same_text(tmp_path, encoding, prefix):
    text = "Les hôpitaux de Zürich et de Besançon l'utilisent. Señor Peña approuve."
    doc = read_document(write(tmp_path, "a.txt", prefix + text.encode(encoding)))
    assert doc.text == text


def test_html_gives_its_visible_text_and_its_title_never_script_or_style(tmp_path):
    page = (b"<html><head><title>Ban news</title><style>p {color: red}</style></head><body>"
            b"<script>var Italy = 'blocked';</script><p>In Europe, Italy blocked access.</p>"
            b"<noscript>Enable JavaScript</noscript><p>Seoul followed &amp; agreed.</p></body></html>")
    doc = read_document(write(tmp_path, "a.html", page))
    assert doc.title == "Ban news"
    assert doc.text == "In Europe, Italy blocked access.\nSeoul followed & agreed."


def test_sentences_carry_offsets_into_the_text(seed_path):
    doc = read_document(seed_path)
    first, second = doc.sentences[:2]
    assert doc.text[slice(*first)].startswith("The police in Shenzhen")
    assert doc.text[slice(*first)].endswith("missing persons.")
    assert doc.text[slice(*second)].startswith("Earlier this summer")


@pytest.mark.parametrize("name, payload, reason", [
    ("empty.txt", b"", "it is empty"),
    ("blank.txt", b"  \n\n ", "it is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("script-only.html", b"<html><script>alert(1)</script></html>", "no visible text"),
])
def test_a_file_that_is_not_an_article_is_named_with_its_reason(tmp_path, name, payload, reason):
    with pytest.raises(DocumentError) as caught:
        read_document(write(tmp_path, name, payload))
    message = str(caught.value)
    assert name in message and reason in message and message.count(".") >= 1
    assert "\n" not in message


def test_a_folder_named_like_an_article_is_refused_without_reading(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(tmp_path / "folder.txt")


def test_a_fifo_named_like_an_article_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(tmp_path / "pipe.txt")


def test_a_file_that_vanished_is_named(tmp_path):
    with pytest.raises(DocumentError, match="gone.txt: it disappeared"):
        read_document(tmp_path / "gone.txt")


def test_an_upload_with_another_suffix_is_refused():
    with pytest.raises(DocumentError, match="only .txt, .md and .html"):
        check_article("report.exe", ARTICLE.encode())
    check_article("report.md", ARTICLE.encode())
