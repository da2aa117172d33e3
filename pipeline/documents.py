"""Reading articles: decoding, HTML to text, front matter, sentences."""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.htmltext import html_to_text, looks_like_html
from pipeline.sentences import split_sentences

log = logging.getLogger(__name__)

MAX_BYTES = 64 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_FRONT_LINE = re.compile(r"^(title|url|published|source|date)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class DocumentError(Exception):
    """An article that cannot be read; str() is one sentence naming the file and the reason."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Skipped {name}: {reason}.")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """One article: its metadata, its text and the sentence spans of that text."""

    doc_id: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    source: str = ""
    sentences: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = field(default=())


def decode(payload: bytes, name: str) -> str:
    """Text of a file's bytes: BOM-marked UTF-8/16, else UTF-8, else a legacy 8-bit code page."""
    for bom, codec in _BOMS:
        if payload.startswith(bom):
            try:
                return payload.decode(codec)
            except UnicodeDecodeError as err:
                raise DocumentError(name, f"its bytes are not valid {codec} ({err.reason})") from err
    if b"\x00" in payload[:65536]:
        raise DocumentError(name, "it is a binary file, not text")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = payload.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 100):
        raise DocumentError(name, "its bytes are not text in UTF-8, UTF-16 or a Windows code page")
    return text.replace("\ufffd", "")


def _is_binary_text(text: str) -> bool:
    """True for decoded text that is mostly control characters (a binary file)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > len(sample) // 20


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Leading `key: value` lines (optionally between `---` fences) and the body after them."""
    lines = text.split("\n")
    fenced = lines and lines[0].strip() == "---"
    meta: dict[str, str] = {}
    index = 1 if fenced else 0
    while index < len(lines):
        line = lines[index].strip()
        match = _FRONT_LINE.match(line)
        if fenced and line == "---":
            index += 1
            break
        if not match:
            break
        key = "published" if match.group(1).lower() == "date" else match.group(1).lower()
        meta[key] = match.group(2)
        index += 1
    if not meta:
        return {}, text
    return meta, "\n".join(lines[index:]).lstrip("\n")


def parse_date(value: str) -> str | None:
    """The ISO date (YYYY-MM-DD) of an ISO date or date-time, None when unparsable."""
    value = value.strip().strip("\"'")
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


def _first_sentence(text: str, spans: list[tuple[int, int]]) -> str:
    """The first sentence, shortened to a title's length."""
    if not spans:
        return ""
    sentence = " ".join(text[slice(*spans[0])].split())
    return sentence if len(sentence) <= 120 else sentence[:117].rstrip() + "..."


def parse_article(doc_id: str, raw: str, is_html: bool = False) -> Document:
    """A Document from decoded article text (front matter, HTML and sentences handled)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(raw)
    html_title = ""
    if is_html or looks_like_html(body):
        html_title, body = html_to_text(body)
    warnings = []
    published = ""
    if meta.get("published"):
        published = parse_date(meta["published"]) or ""
        if not published:
            warnings.append(f"{doc_id}: the published date {meta['published']!r} is not an ISO date "
                            "(YYYY-MM-DD); the article is kept without a date.")
    spans = split_sentences(body)
    title = meta.get("title") or html_title or _first_sentence(body, spans)
    return Document(doc_id=doc_id, text=body, title=title, url=meta.get("url", ""),
                    published=published, source=meta.get("source", ""),
                    sentences=tuple(spans), warnings=tuple(warnings))


def document_from_bytes(name: str, payload: bytes) -> Document:
    """A Document from a file's name and bytes, or DocumentError saying why not."""
    if not payload.strip():
        raise DocumentError(name, "it is empty")
    if len(payload) > MAX_BYTES:
        raise DocumentError(name, f"it is larger than {MAX_BYTES // 2**20} MB")
    text = decode(payload, name)
    if _is_binary_text(text):
        raise DocumentError(name, "it is a binary file, not text")
    document = parse_article(name, text, is_html=name.lower().endswith(HTML_SUFFIXES))
    if not document.text.strip():
        raise DocumentError(name, "it has no visible text")
    return document


def check_article(name: str, payload: bytes) -> None:
    """Raise DocumentError when an uploaded article could not be read."""
    if not name.lower().endswith(ARTICLE_SUFFIXES):
        raise DocumentError(name, "only .txt, .md and .html articles are read")
    document_from_bytes(name, payload)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; a folder, FIFO or device is refused before it is opened."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(str(path), "it is not a regular file (a folder, pipe or device)")
        if info.st_size > MAX_BYTES:
            raise DocumentError(str(path), f"it is larger than {MAX_BYTES // 2**20} MB")
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError as err:
        raise DocumentError(str(path), "it disappeared before it could be read") from err
    except OSError as err:
        raise DocumentError(str(path), f"it could not be read ({err.strerror or err})") from err


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read one article file, or raise DocumentError with one sentence saying why not."""
    payload = read_bytes(path)
    try:
        return document_from_bytes(doc_id or path.name, payload)
    except DocumentError as err:
        raise DocumentError(str(path), err.reason) from err
