"""The whole flow: read documents -> find places -> decide status -> tables -> files."""
from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import results, store
from pipeline.config import TrackingConfig, parse_config, read_config
from pipeline.documents import DocumentError, document_from_bytes, read_bytes
from pipeline.geoparse import geoparse
from pipeline.records import Mention
from pipeline.status import classify
from pipeline.tables import mentions_frame, places_frame

PARALLEL_FROM = 40  # documents; fewer are read in this process (workers cost a second to start)


@dataclass(frozen=True)
class DocResult:
    """What one document gave: its rows, or the sentence saying why it was skipped."""

    doc_id: str
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: str = ""


@dataclass
class RunReport:
    """A run's tables and what it could not read."""

    mentions: pd.DataFrame
    places: pd.DataFrame
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    config_sha256: str = ""


def find_documents(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """(file, doc_id) for every article under the paths, and a sentence per missing path."""
    found, missing = [], []
    for path in paths:
        if path.is_dir():
            found += [(f, f.relative_to(path).as_posix()) for f in store.article_files(path)]
        elif path.exists() or path.is_symlink():
            found.append((path, path.name))
        else:
            missing.append(f"Skipped {path}: it does not exist.")
    return found, missing


@dataclass(frozen=True)
class Settings:
    """How documents are processed: the configuration, and the key of its file."""

    config: TrackingConfig
    config_key: str
    geocoder: Any = None
    reuse: bool = True  # take unchanged documents' results from the cache


def settings(config_path: Path | None, geocoder: Any = None, reuse: bool = True) -> Settings:
    """Processing settings for a configuration file (the shipped one by default)."""
    path, payload = read_config(config_path)
    key = hashlib.sha256(payload).hexdigest()
    return Settings(parse_config(path, payload), key, geocoder, reuse)


def _analyse(path: Path, doc_id: str, payload: bytes, setup: Settings) -> DocResult:
    try:
        document = document_from_bytes(doc_id, payload)
    except DocumentError as err:
        return DocResult(doc_id=doc_id, skipped=str(DocumentError(str(path), err.reason)))
    toponyms = geoparse(document.text, geocoder=setup.geocoder)
    mentions = classify(document, toponyms, setup.config)
    return DocResult(doc_id=doc_id, mentions=tuple(mentions), warnings=document.warnings)


def process(path: Path, doc_id: str, setup: Settings) -> DocResult:
    """Read, geoparse and classify one document; a bad file becomes a skip, never an exception."""
    try:
        payload = read_bytes(path)
    except DocumentError as err:
        return DocResult(doc_id=doc_id, skipped=str(err))
    cacheable = setup.geocoder is None  # an online geocoder's points are its own cache's
    key = results.result_key(doc_id, payload, setup.config_key) if cacheable else ""
    cached = results.load(key) if cacheable and setup.reuse else None
    if isinstance(cached, DocResult):
        return cached
    result = _analyse(path, doc_id, payload, setup)
    if cacheable and not result.skipped:
        results.save(key, result)
    return result


_WORKER: list[Settings] = []  # one per worker process, set by its initializer


def _init_worker(setup: Settings) -> None:
    _WORKER[:] = [setup]


def _process_in_worker(item: tuple[Path, str]) -> DocResult:
    return process(item[0], item[1], _WORKER[0])


def _results(items: list[tuple[Path, str]], setup: Settings, workers: int,
             scheduler: str | None = None) -> Iterator[DocResult]:
    """Per-document results in input order: on a Dask cluster, in worker processes, or here."""
    if scheduler:
        from pipeline.distributed import results_on_cluster
        yield from results_on_cluster(items, setup, scheduler)
    elif workers > 1 and len(items) >= PARALLEL_FROM and setup.geocoder is None:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(setup,)) as pool:
            yield from pool.map(_process_in_worker, items, chunksize=16)
    else:
        for path, doc_id in items:
            yield process(path, doc_id, setup)


def _progress(results: Iterator[DocResult], total: int) -> Iterator[DocResult]:
    """A progress bar on stderr for long runs at a terminal."""
    if total < 20 or not sys.stderr.isatty():
        return results
    from tqdm import tqdm
    return tqdm(results, total=total, unit="doc", file=sys.stderr)


def run_report(paths: list[Path], config: Path | None = None, geocoder: Any = None,
               workers: int | None = None, scheduler: str | None = None,
               reuse: bool = True) -> RunReport:
    """Process every article under the paths into the two tables."""
    items, skipped = find_documents([Path(p) for p in paths])
    setup = settings(config, geocoder, reuse)
    workers = workers or os.cpu_count() or 1
    rows: list[Mention] = []
    warnings: list[str] = []
    read = 0
    for result in _progress(_results(items, setup, workers, scheduler), len(items)):
        rows += result.mentions
        warnings += result.warnings
        if result.skipped:
            skipped.append(result.skipped)
        else:
            read += 1
    mentions = mentions_frame(rows)
    return RunReport(mentions=mentions, places=places_frame(mentions), documents=read,
                     skipped=skipped, warnings=warnings, config_sha256=setup.config_key)


def run(paths: list[Path], config: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions and places tables for the articles under the paths."""
    report = run_report(paths, config)
    return report.mentions, report.places


def refresh(seed_dirs: list[Path], out_dir: Path, config: Path | None = None,
            geocoder: Any = None, workers: int | None = None, scheduler: str | None = None,
            reuse: bool = True) -> RunReport:
    """Regenerate the tables from the seeds and write them, with the seeds' hash, atomically."""
    report = run_report(seed_dirs, config, geocoder, workers, scheduler, reuse)
    manifest = {"seeds_sha256": store.seeds_hash([Path(p) for p in seed_dirs]),
                "config_sha256": report.config_sha256, "documents": report.documents,
                "skipped": report.skipped}
    store.write_outputs(report.mentions, report.places, Path(out_dir), manifest)
    return report
