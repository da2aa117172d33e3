"""Per-document results cached by content, so a re-run only processes what changed."""
from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from pathlib import Path

from pipeline.atomic import atomic_write_bytes
from pipeline.paths import PACKAGE_DIR, cache_dir

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the pipeline's code and data: results from other code are never reused."""
    from pipeline.gazetteer import source_key
    digest = hashlib.sha256(source_key().encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def result_key(doc_id: str, payload: bytes, config_key: str) -> str:
    """The cache key of one document's result."""
    digest = hashlib.sha256(code_key().encode() + config_key.encode() + doc_id.encode() + b"\0")
    digest.update(payload)
    return digest.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / "results" / key[:2] / f"{key}.pickle"


def load(key: str):
    """The cached result for a key, None when there is none (or it cannot be read)."""
    try:
        return pickle.loads(_path(key).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as err:
        log.warning("A cached result %s could not be read (%s); it is made again.", key, err)
        return None


def save(key: str, result) -> None:
    """Cache a result; a cache that cannot be written only costs time later."""
    try:
        atomic_write_bytes(_path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as err:
        log.warning("A result could not be cached in %s (%s).", _path(key).parent, err)
