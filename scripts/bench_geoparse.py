"""Benchmark `pipeline.geoparse` against geotext on LGL, and time a cold start.

Usage: python scripts/bench_geoparse.py [--corpora DIR] [--repeat N]

Prints documents per second for geotext (pip install geotext, the `bench` extra) and for the
geoparser on the same texts in the same run, their ratio, and the wall time of a fresh process
that imports `pipeline` and geoparses one sentence with the gazetteer index already cached.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate_geoparse import DEFAULT_CORPORA, load_scorer  # noqa: E402

COLD_START = ("import pipeline; "
              "pipeline.geoparse('Officials in Paris, Texas, met Beijing negotiators.')")


def docs_per_second(parse, texts: list[str], repeat: int) -> float:
    """The best of `repeat` timed passes over all texts, as documents per second."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            parse(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def cold_start_seconds(runs: int = 5) -> float:
    """Median wall time of a fresh interpreter that imports pipeline and parses a sentence."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD_START], cwd=ROOT, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from geotext import GeoText

    from pipeline import geoparse
    from pipeline.gazetteer import get_index
    docs, _, _ = load_scorer(args.corpora).load_corpus("lgl")
    texts = list(docs.values())
    get_index()  # build or load the index before timing, as the cold start below expects
    baseline = docs_per_second(GeoText, texts, args.repeat)
    ours = docs_per_second(geoparse, texts, args.repeat)
    print(f"LGL, {len(texts)} documents")
    print(f"  geotext            {baseline:8.0f} documents/s")
    print(f"  pipeline.geoparse  {ours:8.0f} documents/s ({ours / baseline:.3f}x geotext)")
    print(f"  cold start (import pipeline + one sentence, index cached): "
          f"{cold_start_seconds():.2f} s wall")


if __name__ == "__main__":
    main()
