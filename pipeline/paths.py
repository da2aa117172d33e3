"""Project paths, anchored once on this file."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
PACKAGE_DATA = PACKAGE_DIR / "data"


def cache_dir() -> Path:
    """Where built indexes and online lookups are cached (ADOPTION_ATLAS_CACHE overrides)."""
    env = os.environ.get("ADOPTION_ATLAS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "adoption-atlas"
