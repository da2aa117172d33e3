"""Benchmark the whole pipeline: documents per second and peak memory.

Usage: python scripts/bench_pipeline.py [--docs 3000 20000] [--workers 1 2] [--corpora DIR]

Each corpus size is a folder of news articles made from the texts of the annotated corpora in
../shared/eval/geoparse (cycled, each copy made distinct by a numbered first line), written to
a temporary folder. Each measurement runs in a fresh process with a cache of its own holding only
the gazetteer index (built once beforehand), so no result is reused and peak memory is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "eval" / "geoparse"


def corpus_texts(corpora: Path) -> list[str]:
    """The article texts of LGL and TR-News."""
    texts = []
    for xml in ("LGL/lgl.xml", "TR-News/TR-News.xml"):
        root = ET.parse(corpora / xml).getroot()
        texts += [a.findtext("text") or "" for a in root.iter("article")]
    return [t for t in texts if t.strip()]


def write_corpus(texts: list[str], count: int, folder: Path) -> None:
    """`count` article files cycling through the texts."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = texts[i % len(texts)]
        (folder / f"doc{i:06d}.txt").write_text(f"Report {i}.\n{text}\n", encoding="utf-8")


def measure(folder: Path, workers: int) -> dict:
    """Run the pipeline over a folder in this process and report time and peak memory."""
    sys.path.insert(0, str(ROOT))
    from pipeline.build import run_report
    from pipeline.gazetteer import get_index
    get_index()  # the cached index is loaded once per process, outside the timing
    started = time.perf_counter()
    report = run_report([folder], workers=workers)
    elapsed = time.perf_counter() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"documents": report.documents, "seconds": elapsed, "mentions": len(report.mentions),
            "peak_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[3000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--measure", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), int(args.measure[1]))))
        return
    texts = corpus_texts(args.corpora)
    print(f"texts: {len(texts)} articles from {args.corpora}")
    with tempfile.TemporaryDirectory(prefix="bench-index-") as index_cache:
        run_sizes(args, texts, Path(index_cache))


def run_sizes(args: argparse.Namespace, texts: list[str], index_cache: Path) -> None:
    """Measure each corpus size with each worker count."""
    build_index = "import pipeline.gazetteer as g; g.get_index()"
    subprocess.run([sys.executable, "-c", build_index], cwd=ROOT, check=True,
                   env={**os.environ, "ADOPTION_ATLAS_CACHE": str(index_cache)})
    for count in args.docs:
        with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
            write_corpus(texts, count, Path(tmp) / "seeds")
            for workers in args.workers:
                # A cache of its own: nothing is reused, and the user's cache is left alone.
                cache = Path(tmp) / f"cache{workers}"
                shutil.copytree(index_cache, cache)
                env = {**os.environ, "ADOPTION_ATLAS_CACHE": str(cache)}
                done = subprocess.run([sys.executable, __file__, "--measure", str(Path(tmp) / "seeds"),
                                       str(workers)], capture_output=True, text=True, check=True,
                                      env=env)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                rate = r["documents"] / r["seconds"]
                print(f"{r['documents']:>6} documents, {workers} worker(s): {r['seconds']:.2f} s, "
                      f"{rate:.0f} documents/s ({rate / workers:.0f} per core), "
                      f"{r['mentions']} mentions, peak memory {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
