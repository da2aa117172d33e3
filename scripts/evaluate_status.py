"""Score the status step on an annotated set of articles: place-status precision, recall, F1.

Usage: python scripts/evaluate_status.py FILE [--errors]

FILE is a TOML list of `[[articles]]`, each with `text` and `expected` entries
`{place, status, sectors?, scope?}` (see tests/data/status_dev.toml). A pair is one article,
one place (gazetteer name, or as written) and one status other than `mentioned`. Sector
agreement counts the matched pairs whose annotated sectors are all among the found ones; scope
agreement the matched pairs whose annotated scope is the one found. --errors lists every miss.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import load_config  # noqa: E402
from pipeline.documents import parse_article  # noqa: E402
from pipeline.geoparse import geoparse  # noqa: E402
from pipeline.status import classify  # noqa: E402

Found = dict[tuple[str, str], dict]  # (place, status) -> sectors, scopes, evidence


def key(name: str) -> str:
    """A place name compared loosely: "The Netherlands" is "Netherlands"."""
    name = name.lower()
    return name[4:] if name.startswith("the ") else name


def found_pairs(article: dict, config) -> tuple[Found, set[str]]:
    """What the pipeline finds in one article, and every place it names (lower case)."""
    doc = parse_article(article["id"], article["text"])
    pairs: Found = {}
    named: set[str] = set()
    for row in classify(doc, geoparse(doc.text), config):
        named |= {key(row.name), key(row.place)}
        if row.status == "mentioned":
            continue
        entry = pairs.setdefault((key(row.name), row.status),
                                 {"sectors": set(), "scopes": set(), "evidence": []})
        entry["sectors"] |= set(filter(None, row.sector.split("|")))
        entry["scopes"].add(row.scope)
        entry["evidence"].append(f"{row.place!r}: {row.evidence}")
    return pairs, named


def score_article(article: dict, config, tally: dict, errors: list[str]) -> None:
    """Add one article's matches and misses to the tally."""
    pairs, named = found_pairs(article, config)
    expected = {(key(e["place"]), e["status"]): e for e in article.get("expected", [])}
    for pair, entry in expected.items():
        if pair not in pairs:
            why = "" if pair[0] in named else " (place not found by the geoparser)"
            errors.append(f"{article['id']}: missed {pair[0]} {pair[1]}{why}")
            continue
        tally["matched"] += 1
        if "sectors" in entry:
            tally["sector_n"] += 1
            ok = set(entry["sectors"]) <= pairs[pair]["sectors"]
            tally["sector_ok"] += ok
            if not ok:
                errors.append(f"{article['id']}: {pair[0]} {pair[1]} sectors "
                              f"{sorted(pairs[pair]['sectors'])}, expected {entry['sectors']}")
        if "scope" in entry:
            tally["scope_n"] += 1
            ok = entry["scope"] in pairs[pair]["scopes"]
            tally["scope_ok"] += ok
            if not ok:
                errors.append(f"{article['id']}: {pair[0]} {pair[1]} scope "
                              f"{sorted(pairs[pair]['scopes'])}, expected {entry['scope']!r}")
    for pair in pairs.keys() - expected.keys():
        errors.append(f"{article['id']}: spurious {pair[0]} {pair[1]} <- "
                      f"{pairs[pair]['evidence'][0]}")
    tally["expected"] += len(expected)
    tally["found"] += len(pairs)


def report(name: str, tally: dict) -> str:
    """The one line to quote."""
    p = tally["matched"] / tally["found"] if tally["found"] else 0.0
    r = tally["matched"] / tally["expected"] if tally["expected"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (f"{name}: place-status P={p:.3f} R={r:.3f} F1={f1:.3f} "
            f"(matched {tally['matched']}, found {tally['found']}, expected {tally['expected']}); "
            f"sector {tally['sector_ok']}/{tally['sector_n']}, "
            f"scope {tally['scope_ok']}/{tally['scope_n']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    articles = tomllib.loads(args.file.read_text(encoding="utf-8"))["articles"]
    config = load_config()
    tally = dict.fromkeys(("matched", "found", "expected", "sector_ok", "sector_n",
                           "scope_ok", "scope_n"), 0)
    errors: list[str] = []
    for article in articles:
        score_article(article, config, tally, errors)
    if args.errors:
        print("\n".join(errors))
    print(report(f"{args.file.name} ({len(articles)} articles)", tally))


if __name__ == "__main__":
    main()
