"""Score `pipeline.geoparse` on the annotated news corpora with the shared `score.py`.

Usage: python scripts/evaluate_geoparse.py [--corpora DIR] [--corpus lgl trnews] [--keep DIR]

The corpora are read where they lie (../shared/eval/geoparse by default); nothing is copied.
Demonyms are left out of the predictions: neither corpus annotates them as toponyms.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import geoparse  # noqa: E402
from pipeline.gazetteer import get_index  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "eval" / "geoparse"


def load_scorer(corpora: Path):
    """The shared scoring module, imported from where it lies."""
    spec = importlib.util.spec_from_file_location("geoparse_score", corpora / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = str(corpora)
    return module


def predictions(docs: dict[str, str]) -> list[dict]:
    """One prediction per non-demonym toponym, in the scorer's JSON-lines shape."""
    rows = []
    for doc_id, text in docs.items():
        for t in geoparse(text):
            if t.kind != "demonym":
                rows.append({"doc_id": doc_id, "start": t.start, "end": t.end,
                             "name": t.text, "lat": t.lat, "lon": t.lon})
    return rows


def evaluate(scorer, corpus: str, keep: Path | None) -> None:
    """Geoparse a corpus, write the predictions and print the scorer's report."""
    docs, _, _ = scorer.load_corpus(corpus)
    started = time.perf_counter()
    rows = predictions(docs)
    elapsed = time.perf_counter() - started
    out_dir = keep or Path(tempfile.mkdtemp(prefix="geoparse-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pred = out_dir / f"{corpus}.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scorer.main(["score", "--corpus", corpus, "--pred", str(pred)])
    print(f"  {len(docs)} documents in {elapsed:.2f} s ({len(docs) / elapsed:.0f} documents/s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", nargs="+", default=["lgl", "trnews"])
    parser.add_argument("--keep", type=Path, help="folder to keep the predictions in")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.corpora)
    get_index()  # build or load the gazetteer before timing
    for corpus in args.corpus:
        evaluate(scorer, corpus, args.keep)


if __name__ == "__main__":
    main()
