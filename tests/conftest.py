"""Shared fixtures: the bundled seed article and small real texts."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4bac3b1f262285c8.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
