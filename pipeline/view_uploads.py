"""Adding articles from the dashboard, and keeping `data/` in step with `seeds/`."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from pipeline import store
from pipeline.build import refresh as pipeline_refresh
from pipeline.config import config_sha256
from pipeline.documents import DocumentError, check_article

UPLOAD_SUFFIXES = (".txt", ".md", ".html")
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(ValueError):
    """An article the dashboard will not save; str() is one sentence naming file and reason."""


@dataclass(frozen=True)
class Saved:
    """Where an added article went, and whether it was there already."""

    path: Path
    existed: bool


def safe_stem(name: str) -> str:
    """A plain file stem from any uploaded name: no folders, no leading dots, short."""
    base = PurePosixPath(name.replace("\\", "/")).name
    stem = _UNSAFE.sub("_", PurePosixPath(base).stem).strip("._-")
    return stem[:60] or "article"


def upload_name(name: str, payload: bytes) -> str:
    """The stored name: safe stem, a content-hash suffix, and the (checked) suffix."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise UploadError(f"{name!r} was not added: only {allowed} files are articles.")
    digest = hashlib.sha256(payload).hexdigest()[:16]
    return f"{safe_stem(name)}-{digest}{suffix}"


def check_size(name: str, payload: bytes) -> None:
    """Refuse an empty file or one over the upload limit."""
    if not payload.strip():
        raise UploadError(f"{name!r} was not added: the file is empty.")
    if len(payload) > MAX_UPLOAD_BYTES:
        raise UploadError(f"{name!r} was not added: it is larger than {MAX_UPLOAD_MB} MB.")


def save_article(name: str, payload: bytes, uploads_dir: Path,
                 check: Callable[[str, bytes], None]) -> Saved:
    """Check an article and save it under uploads_dir, never elsewhere and never over another."""
    check_size(name, payload)
    target = uploads_dir / upload_name(name, payload)
    check(name, payload)
    if target.resolve().parent != uploads_dir.resolve():
        raise UploadError(f"{name!r} was not added: its name does not stay in the uploads folder.")
    if target.exists():
        return Saved(target, existed=True)
    store.atomic_write_bytes(target, payload)
    return Saved(target, existed=False)


def pasted_article(title: str, text: str) -> tuple[str, bytes]:
    """A pasted article as a file name and .txt bytes, the title as front matter."""
    if not text.strip():
        raise UploadError("The pasted article was not added: its text is empty.")
    title = " ".join(title.split())
    head = f"title: {title}\n\n" if title else ""
    return f"{safe_stem(title or 'pasted')}.txt", (head + text.strip() + "\n").encode("utf-8")


def _file_stamp(path: Path) -> tuple[int, int]:
    """(size, mtime) of a file; (-1, -1) for one that cannot be read (a broken link, say)."""
    try:
        info = path.stat()
    except OSError:
        return -1, -1
    return info.st_size, info.st_mtime_ns


def seeds_stamp(seeds_dir: Path) -> tuple:
    """A cheap fingerprint (names, sizes, mtimes) that changes when an article does."""
    files = store.article_files(seeds_dir) if seeds_dir.is_dir() else []
    return tuple((p.relative_to(seeds_dir).as_posix(), *_file_stamp(p)) for p in files)


def tables_stamp(data_dir: Path, seeds_dir: Path) -> tuple:
    """A fingerprint of the seeds and of the manifest, the cache key of loaded tables."""
    manifest = data_dir / store.MANIFEST_FILE
    written = manifest.stat().st_mtime_ns if manifest.exists() else 0
    return (str(data_dir), str(seeds_dir), written, seeds_stamp(seeds_dir))


def built_from(manifest: dict, seeds_dir: Path) -> bool:
    """True when a manifest says its tables come from these seeds and the shipped config."""
    return (manifest.get("seeds_sha256") == store.seeds_hash([seeds_dir])
            and manifest.get("config_sha256") == config_sha256())


def is_stale(data_dir: Path, seeds_dir: Path) -> bool:
    """True when the tables are missing, unreadable, or were built from other seeds or config."""
    try:
        _, _, manifest = store.read_outputs(data_dir)
    except (OSError, ValueError):
        return True
    return not built_from(manifest, seeds_dir)


def ensure_tables(data_dir: Path, seeds_dir: Path, refresh: Callable = pipeline_refresh
                  ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The tables in data_dir, regenerated first when stale; with notes for the reader."""
    try:
        mentions, places, manifest = store.read_outputs(data_dir)
        if built_from(manifest, seeds_dir):
            return mentions, places, []
    except (OSError, ValueError):
        pass  # missing or unreadable: built below
    notes = list(refresh([seeds_dir], data_dir).skipped)
    mentions, places, _ = store.read_outputs(data_dir)
    return mentions, places, notes


def pipeline_check(name: str, payload: bytes) -> None:
    """The pipeline's own article check, its refusal turned into an UploadError."""
    try:
        check_article(name, payload)
    except DocumentError as err:
        raise UploadError(f"{name!r} was not added: {err.reason}.") from err


def add_articles(files: list, title: str, text: str, uploads_dir: Path
                 ) -> list[tuple[bool, str]]:
    """Save each uploaded or pasted article; one sentence per article, good or bad."""
    given = [(f.name, f.getvalue()) for f in files]
    if text.strip() or title.strip():
        try:
            given.append(pasted_article(title, text))
        except UploadError as err:
            return [(False, str(err))] + [add_one(n, p, uploads_dir) for n, p in given]
    if not given:
        return [(False, "Nothing was added: choose a file or paste an article's text.")]
    return [add_one(name, payload, uploads_dir) for name, payload in given]


def add_one(name: str, payload: bytes, uploads_dir: Path) -> tuple[bool, str]:
    """Save one article; (True, what happened) or (False, why it was refused)."""
    try:
        saved = save_article(name, payload, uploads_dir, pipeline_check)
    except UploadError as err:
        return False, str(err)
    if saved.existed:
        return True, f"{name!r} is already among the articles."
    return True, f"{name!r} was added as {saved.path.name}."
