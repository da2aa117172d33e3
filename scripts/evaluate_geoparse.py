"""Score `pipeline.geoparse` on the annotated news corpora with the shared `score.py`.

Usage: python scripts/evaluate_geoparse.py [--corpora DIR] [--corpus lgl trnews] [--keep DIR]
                                            [--no-demonyms] [--split even|odd]

The corpora are read where they lie (../shared/eval/geoparse by default); nothing is copied.
Demonyms ("Russian officials") are scored as toponyms: both corpora annotate them (about three
in four of the demonyms the geoparser finds are gold spans); --no-demonyms leaves them out.
--split scores only the documents whose position in the corpus is even (or odd), for checks on
documents that a rule was not tuned on.
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


def predictions(docs: dict[str, str], demonyms: bool = True) -> list[dict]:
    """One prediction per toponym, in the scorer's JSON-lines shape."""
    rows = []
    for doc_id, text in docs.items():
        for t in geoparse(text):
            if demonyms or t.kind != "demonym":
                rows.append({"doc_id": doc_id, "start": t.start, "end": t.end,
                             "name": t.text, "lat": t.lat, "lon": t.lon})
    return rows


def split_docs(docs: dict[str, str], split: str | None) -> dict[str, str]:
    """The documents at even or odd positions of the corpus, or all of them."""
    if split is None:
        return docs
    parity = 0 if split == "even" else 1
    return {k: v for i, (k, v) in enumerate(docs.items()) if i % 2 == parity}


def restrict_scorer(scorer, split: str | None) -> None:
    """Make the scorer read only the documents (and their gold) of one split."""
    load = scorer.load_corpus

    def load_split(name, *args, **kwargs):
        docs, gold, notes = load(name, *args, **kwargs)
        docs = split_docs(docs, split)
        return docs, [g for g in gold if g["doc_id"] in docs], notes
    scorer.load_corpus = load_split


def evaluate(scorer, corpus: str, keep: Path | None, demonyms: bool = True) -> None:
    """Geoparse a corpus, write the predictions and print the scorer's report."""
    docs, _, _ = scorer.load_corpus(corpus)
    started = time.perf_counter()
    rows = predictions(docs, demonyms)
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
    parser.add_argument("--no-demonyms", action="store_true", help="leave demonyms out")
    parser.add_argument("--split", choices=["even", "odd"], help="score half of the documents")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.corpora)
    restrict_scorer(scorer, args.split)
    get_index()  # build or load the gazetteer before timing
    for corpus in args.corpus:
        evaluate(scorer, corpus, args.keep, demonyms=not args.no_demonyms)


if __name__ == "__main__":
    main()
