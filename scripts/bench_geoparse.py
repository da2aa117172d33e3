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


def docs_per_second(parse, texts: list[str], repeat: int) -> tuple[float, float]:
    """Documents per second on the first timed pass over all texts, and on the best of `repeat`.

    The geoparser keeps in-memory memos of words it has seen: the first pass is what a run over
    new articles gets before the memos fill, the best pass what a long run tends to.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            parse(text)
        times.append(time.perf_counter() - started)
    return len(texts) / times[0], len(texts) / min(times)


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
    _, baseline = docs_per_second(GeoText, texts, args.repeat)
    first, ours = docs_per_second(geoparse, texts, args.repeat)
    print(f"LGL, {len(texts)} documents")
    print(f"  geotext (best pass)            {baseline:8.0f} documents/s")
    print(f"  pipeline.geoparse, first pass  {first:8.0f} documents/s ({first / baseline:.3f}x geotext)")
    print(f"  pipeline.geoparse, best pass   {ours:8.0f} documents/s ({ours / baseline:.3f}x geotext)")
    print(f"  cold start (import pipeline + one sentence, index cached): "
          f"{cold_start_seconds():.2f} s wall")


if __name__ == "__main__":
    main()
