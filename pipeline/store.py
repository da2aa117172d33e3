"""Reading and writing the tables in `data/`, atomically, with the seeds' content hash."""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pandas as pd

from pipeline.atomic import atomic_write_bytes
from pipeline.documents import ARTICLE_SUFFIXES
from pipeline.records import MENTION_COLUMNS, PLACE_COLUMNS

MENTIONS_FILE = "mentions.csv"
PLACES_FILE = "places.csv"
MANIFEST_FILE = "manifest.json"


# OWASP CSV injection: cells starting with these are read as formulas by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text cell that cannot run as a formula (a leading quote added); other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, the same bytes for the same frame; text cells cannot run as formulas.

    Numbers (a longitude of -98.5) stay numbers. CRLF rows make the writer quote any cell
    holding a bare CR, which "\n" rows would leave unquoted and the file unreadable.
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(neutralised)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def article_files(root: Path) -> list[Path]:
    """Every article file under a folder, in a stable order (hidden files skipped)."""
    found = [p for p in root.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(found)


def _content_hash(file: Path) -> bytes:
    """A file's SHA-256; a folder, pipe or unreadable file hashes as such, never blocks."""
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return b"not a regular file"
        return hashlib.sha256(file.read_bytes()).digest()
    except OSError:
        return b"unreadable"


def seeds_hash(paths: list[Path]) -> str:
    """A SHA-256 over the names and bytes of the article files under the given paths."""
    digest = hashlib.sha256()
    for path in paths:
        files = article_files(path) if path.is_dir() else [path]
        for file in files:
            name = file.relative_to(path) if path.is_dir() else Path(file.name)
            digest.update(name.as_posix().encode() + b"\0")
            digest.update(_content_hash(file))
    return digest.hexdigest()


def write_outputs(mentions: pd.DataFrame, places: pd.DataFrame, out_dir: Path,
                  manifest: dict) -> None:
    """Write both tables and the manifest, each atomically, manifest last."""
    atomic_write_bytes(out_dir / MENTIONS_FILE, frame_to_csv_bytes(mentions))
    atomic_write_bytes(out_dir / PLACES_FILE, frame_to_csv_bytes(places))
    text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    atomic_write_bytes(out_dir / MANIFEST_FILE, text.encode("utf-8"))


def read_outputs(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The tables and manifest a run wrote (raises OSError or ValueError when absent or bad)."""
    text_columns = {c: "string" for c in MENTION_COLUMNS if c not in
                    ("sentence_index", "start", "end", "lat", "lon", "geonameid", "confidence")}
    mentions = pd.read_csv(out_dir / MENTIONS_FILE, dtype=text_columns, keep_default_na=False,
                           na_values={"lat": [""], "lon": [""], "geonameid": [""]})
    places = pd.read_csv(out_dir / PLACES_FILE, dtype={"place_id": "string"},
                         keep_default_na=False, na_values={"lat": [""], "lon": [""]})
    missing = set(MENTION_COLUMNS) - set(mentions.columns) | set(PLACE_COLUMNS) - set(places.columns)
    if missing:
        raise ValueError(f"{out_dir} holds tables without the columns {sorted(missing)}")
    manifest = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    return mentions, places, manifest
