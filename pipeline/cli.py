"""The command line: `python -m pipeline run [PATHS...] [--out DIR] [--config FILE]`.

Exit status: 0 when every document was read, 3 when some were skipped (each named on stderr),
2 for a usage error, 1 when nothing could be written.
"""
from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from pathlib import Path

from pipeline.paths import DATA_DIR, SEEDS_DIR, cache_dir

EXIT_OK, EXIT_WRITE_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Map where a technology is adopted or stopped.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="turn articles into data/mentions.csv and places.csv")
    run.add_argument("paths", nargs="*", type=Path, default=[SEEDS_DIR],
                     help="article files or folders (default: seeds/)")
    run.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: data/)")
    run.add_argument("--config", type=Path, help="tracking configuration TOML (default: shipped)")
    run.add_argument("--geocoder", choices=["offline", "nominatim"], default="offline",
                     help="where coordinates come from (default: the offline gazetteer)")
    run.add_argument("--user-agent", help="identifies you to Nominatim (required with it)")
    run.add_argument("--nominatim-url", default="https://nominatim.openstreetmap.org",
                     help="a Nominatim server of your own (default: OpenStreetMap's)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="run the per-document step on this Dask cluster (needs the [dask] extra)")
    run.add_argument("--fresh", action="store_true",
                     help="process every document again, not only those that changed")
    run.add_argument("--workers", type=int, help="processes to use (default: all cores)")
    run.add_argument("--quiet", action="store_true", help="print only errors")
    return parser


def _geocoder(args: argparse.Namespace):
    """The online geocoder asked for, None for the offline gazetteer alone."""
    from urllib.parse import urlsplit

    from pipeline.online import make_geocoder
    logging.getLogger("geopy").setLevel(logging.ERROR)  # our own sentence says what failed
    url = urlsplit(args.nominatim_url)
    if url.scheme not in ("http", "https") or not url.netloc:
        raise ValueError(f"--nominatim-url {args.nominatim_url!r} is not an http(s) address.")
    return make_geocoder(args.geocoder, args.user_agent, cache_dir(),
                         domain=url.netloc + url.path.rstrip("/"), scheme=url.scheme)


def _run(args: argparse.Namespace) -> int:
    from pipeline.build import refresh
    from pipeline.config import ConfigError, load_config
    if args.scheduler and args.geocoder != "offline":
        print("error: --geocoder nominatim cannot run on a Dask cluster (--scheduler): Nominatim's "
              "one request per second holds for one process; drop one of the two.",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        load_config(args.config)
        geocoder = _geocoder(args)
    except (ConfigError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, sqlite3.Error) as err:
        print(f"error: the Nominatim cache in {cache_dir()} could not be opened ({err}); set "
              "ADOPTION_ATLAS_CACHE to a writable folder.", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = refresh(args.paths, args.out, args.config, geocoder, args.workers,
                         args.scheduler, reuse=not args.fresh)
    except RuntimeError as err:  # --scheduler without Dask installed
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: the tables could not be written to {args.out} ({err.strerror or err}).",
              file=sys.stderr)
        return EXIT_WRITE_FAILED
    for line in report.warnings + report.skipped:
        print(line, file=sys.stderr)
    if not args.quiet:
        print(f"{report.documents} documents read, {len(report.skipped)} skipped; "
              f"{len(report.mentions)} mentions of {len(report.places)} places written to "
              f"{args.out}.", file=sys.stderr)
        if geocoder is not None:
            print(geocoder.stats.sentence(), file=sys.stderr)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    if args.workers is not None and args.workers < 1:
        print("error: --workers takes a whole number of 1 or more.", file=sys.stderr)
        return EXIT_USAGE
    return _run(args)
