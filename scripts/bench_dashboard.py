"""Time the dashboard on a generated table of 100,000 mentions over 5,000 places.

    /work/venv/bin/python scripts/bench_dashboard.py [--mentions N] [--places N]

Prints server-side times measured with streamlit.testing (AppTest), which runs the whole
script as the server does but sends nothing to a browser: the first render (tables read from
CSV, cache cold), a rerun with nothing changed (cache warm), and a filter change. It also
times the pure steps a filter change runs. Targets: first render < 3 s, filter change < 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402
from pipeline.config import config_sha256  # noqa: E402
from pipeline.records import MENTION_COLUMNS, Sector, Status  # noqa: E402
from pipeline.view_filters import Filters, apply_filters  # noqa: E402
from pipeline.view_map import build_deck, load_world  # noqa: E402
from pipeline.tables import places_frame  # noqa: E402

WORDS = "the city council police court hospital said on Monday that DeepSeek would be".split()


def synthetic_mentions(n_mentions: int, n_places: int, seed: int = 7) -> pd.DataFrame:
    """A mentions table shaped like the pipeline's, with random places, statuses and text."""
    rng = random.Random(seed)
    places = [(f"P{i}", rng.choice(["city", "city", "region", "country"]),
               f"{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", rng.uniform(-55, 70),
               rng.uniform(-170, 175)) for i in range(n_places)]
    statuses, sectors = [s.value for s in Status], [s.value for s in Sector]
    rows = []
    for i in range(n_mentions):
        name, kind, code, lat, lon = places[rng.randrange(n_places)]
        doc = f"doc{i // 20}"
        text = " ".join(rng.choice(WORDS) for _ in range(24))
        rows.append((doc, f"Title {doc}", f"Source {i % 40}", f"https://example.org/{doc}",
                     f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", i % 20, i * 10, i * 10 + 5, name,
                     name, kind, code, round(lat, 3), round(lon, 3), None, name, "literal",
                     rng.choice(statuses), "|".join(rng.sample(sectors, rng.randint(1, 2))),
                     rng.choice(["", "police", "ministry"]), "", "DeepSeek",
                     f"{name} {text}.", 0.8))
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def write_tables(base: Path, n_mentions: int, n_places: int) -> tuple[Path, Path]:
    """Write generated tables, and one seed, with the manifest that makes them current."""
    data_dir, seeds_dir = base / "data", base / "seeds"
    seeds_dir.mkdir(parents=True)
    (seeds_dir / "seed.txt").write_text("Generated for the benchmark.\n")
    mentions = synthetic_mentions(n_mentions, n_places)
    store.write_outputs(mentions, places_frame(mentions), data_dir,
                        {"seeds_sha256": store.seeds_hash([seeds_dir]),
                         "config_sha256": config_sha256()})
    return data_dir, seeds_dir


def timed(label: str, step) -> object:
    """Run a step, print how long it took, return its result."""
    start = time.perf_counter()
    result = step()
    print(f"{label:<46} {time.perf_counter() - start:6.3f} s")
    return result


def bench_app(data_dir: Path, seeds_dir: Path) -> None:
    """Time the whole script under AppTest: first render, warm rerun, filter change."""
    from streamlit.testing.v1 import AppTest

    os.environ["ADOPTION_ATLAS_DATA"] = str(data_dir)
    os.environ["ADOPTION_ATLAS_SEEDS"] = str(seeds_dir)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    timed("AppTest first render (cold cache, reads CSV)", app.run)
    timed("AppTest rerun, nothing changed", app.run)
    timed("AppTest filter change (status = banned)",
          app.multiselect(key="f_statuses").set_value(["banned"]).run)
    timed("AppTest filter change (text search 'police')",
          app.text_input(key="f_text").set_value("police").run)
    if app.exception or app.error:
        raise SystemExit(f"the app failed: {(app.exception or app.error)[0].value}")
    total = len(store.read_outputs(data_dir)[0])
    shown = app.caption.values
    if not any(f"of {total:,} mentions" in c for c in shown):  # the generated tables, not a rebuild
        raise SystemExit(f"the app did not show the generated tables: {shown[:3]}")


def bench_steps(data_dir: Path) -> None:
    """Time the pure steps a filter change runs."""
    mentions, _, _ = timed("read_outputs (CSV to frames)", lambda: store.read_outputs(data_dir))
    world = load_world()
    shown = timed("apply_filters (status = banned)",
                  lambda: apply_filters(mentions, Filters(statuses=("banned",))))
    places = timed("places_frame (re-aggregate filtered mentions)", lambda: places_frame(shown))
    timed("build_deck + to_json", lambda: build_deck(places, shown, world).to_json())


def main() -> None:
    """Generate the tables in a temporary folder and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, seeds_dir = timed(f"generate {args.mentions:,} mentions / {args.places:,} places",
                                    lambda: write_tables(Path(tmp), args.mentions, args.places))
        bench_steps(data_dir)
        bench_app(data_dir, seeds_dir)


if __name__ == "__main__":
    main()
