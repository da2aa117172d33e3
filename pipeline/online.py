"""Opt-in online geocoding through Nominatim: cached on disk, rate-limited, never raising."""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import ConfigurationError, GeocoderParseError, GeocoderServiceError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

LOGGER = logging.getLogger(__name__)
GEOCODERS = ("offline", "nominatim")
CACHE_FILE = "nominatim.sqlite3"
USAGE_POLICY = "https://operations.osmfoundation.org/policies/nominatim/"
_SHAPE_ERRORS = (AttributeError, IndexError, KeyError, TypeError, ValueError)


@dataclass(frozen=True)
class GeocodeStats:
    """One run's counts: lookups asked, answered from cache, requests sent, failures."""

    lookups: int = 0
    cache_hits: int = 0
    requests: int = 0
    failures: int = 0

    def sentence(self) -> str:
        """The run report line, e.g. '3 lookups, 1 from cache, 1 failed (fell back ...)'."""
        return (
            f"{self.lookups} lookups, {self.cache_hits} from cache, {self.failures} failed "
            "(fell back to the offline gazetteer)"
        )


@dataclass(frozen=True)
class CachedAnswer:
    """A stored answer; location None means Nominatim knows no such place."""

    location: Location | None


class LookupCache:
    """Nominatim answers in one sqlite file, one row per request, written as each arrives."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, "
                "address TEXT, latitude REAL, longitude REAL, raw TEXT)"
            )

    def _connect(self) -> sqlite3.Connection:
        # One short connection per call: safe across threads and processes sharing the file.
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> CachedAnswer | None:
        """The stored answer for key, or None if it was never fetched."""
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT address, latitude, longitude, raw FROM answers WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        address, latitude, longitude, raw = row
        if address is None:
            return CachedAnswer(None)
        return CachedAnswer(Location(address, (latitude, longitude), json.loads(raw)))

    def put(self, key: str, location: Location | None) -> None:
        """Store a found place, or a known absence when location is None."""
        values: tuple[Any, ...] = (key, None, None, None, None)
        if location is not None:
            raw = json.dumps(location.raw)
            values = (key, location.address, location.latitude, location.longitude, raw)
        with closing(self._connect()) as conn, conn:
            conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", values)


class _CheckedNominatim(Nominatim):
    """Nominatim that raises GeocoderParseError for a well-formed JSON of the wrong shape."""

    def _parse_json(self, places: Any, exactly_one: bool) -> Any:
        try:
            location = super()._parse_json(places, exactly_one)
        except GeopyError:
            raise
        except _SHAPE_ERRORS as exc:
            raise GeocoderParseError(f"unexpected answer {places!r:.80}") from exc
        # geopy turns a place without lat/lon into (0, 0), a real-looking point in the sea.
        if location is not None and not {"lat", "lon"} <= set(location.raw):
            raise GeocoderParseError(f"answer without coordinates {places!r:.80}")
        return location


def check_user_agent(user_agent: str | None) -> str:
    """The agent, stripped, or ValueError if Nominatim would refuse it or it names no one."""
    agent = (user_agent or "").strip()
    if agent and not agent.lower().startswith("geopy/"):
        return agent
    raise ValueError(_agent_message(agent))


def _agent_message(agent: str) -> str:
    """The one sentence telling a user how to fix their user agent."""
    return (
        f"Nominatim needs a user agent that identifies you, not {agent!r}: pass "
        f'--user-agent "you@example.org adoption-atlas" (Nominatim\'s usage policy, '
        f"{USAGE_POLICY})."
    )


def _country_codes(codes: str | Sequence[str] | None) -> list[str] | None:
    """Country codes as a sorted lowercase list, so order and case share one cache entry."""
    if not codes:
        return None
    if isinstance(codes, str):
        codes = codes.split(",")
    return sorted({code.strip().lower() for code in codes if code.strip()}) or None


def cache_key(query: str, country_codes: list[str] | None, params: dict[str, Any]) -> str:
    """The cache key: everything that changes what Nominatim would answer."""
    request = {"q": query, "countrycodes": country_codes, **params}
    return json.dumps(request, sort_keys=True, default=str)


class OnlineGeocoder:
    """Nominatim behind a disk cache and RateLimiter; a failed lookup returns None, uncached."""

    def __init__(
        self,
        user_agent: str | None,
        cache_dir: Path,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        max_retries: int = 2,
        error_wait_seconds: float = 2.0,
    ) -> None:
        _check_waits(min_delay_seconds, error_wait_seconds, max_retries)
        self.nominatim = _nominatim(check_user_agent(user_agent), domain, scheme, timeout)
        self.cache = LookupCache(Path(cache_dir) / CACHE_FILE)
        self.stats = GeocodeStats()
        self._limited = RateLimiter(
            self._send,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        **kw: Any,
    ) -> Location | None:
        """The best place for query from cache or Nominatim, or None (not found, or failed)."""
        if not exactly_one:
            raise ValueError("OnlineGeocoder answers one place per query; use exactly_one=True.")
        codes = _country_codes(country_codes)
        key = cache_key(query, codes, kw)
        self._count(lookups=1)
        cached = self._cached(key)
        if cached is not None:
            self._count(cache_hits=1)
            return cached.location
        return self._fetch(key, query, codes, kw)

    def _fetch(
        self, key: str, query: str, codes: list[str] | None, params: dict[str, Any]
    ) -> Location | None:
        """Ask Nominatim (with retries); the one place its errors become a warning and None."""
        try:
            location = self._limited(query, country_codes=codes, **params)
        except GeocoderServiceError as exc:
            self._count(failures=1)
            LOGGER.warning(
                "Nominatim lookup of %r failed (%s: %s); using the offline gazetteer instead.",
                query, type(exc).__name__, exc,
            )
            return None
        try:
            self.cache.put(key, location)
        except (OSError, sqlite3.Error) as exc:
            LOGGER.warning("The Nominatim cache %s could not be written (%s).", self.cache.path, exc)
        return location

    def _cached(self, key: str) -> CachedAnswer | None:
        """The cached answer, None when absent or when the cache cannot be read (a miss)."""
        try:
            return self.cache.get(key)
        except (OSError, sqlite3.Error) as exc:
            LOGGER.warning("The Nominatim cache %s could not be read (%s).", self.cache.path, exc)
            return None

    def _send(self, query: str, **params: Any) -> Location | None:
        """One HTTP request to Nominatim; RateLimiter calls this once per attempt."""
        self._count(requests=1)
        return self.nominatim.geocode(query, exactly_one=True, **params)

    def _count(self, **increments: int) -> None:
        """Add increments to the run's stats."""
        current = {name: getattr(self.stats, name) + n for name, n in increments.items()}
        self.stats = replace(self.stats, **current)


def _nominatim(user_agent: str, domain: str, scheme: str, timeout: float) -> Nominatim:
    """geopy's Nominatim, with geopy's refusal of sample agents turned into our sentence."""
    try:
        # urllib, not requests: requests retries timeouts itself, unspaced and uncounted.
        return _CheckedNominatim(
            user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout,
            adapter_factory=URLLibAdapter,
        )
    except ConfigurationError as exc:
        raise ValueError(_agent_message(user_agent)) from exc


def _check_waits(min_delay_seconds: float, error_wait_seconds: float, max_retries: int) -> None:
    """ValueError unless the waits keep to the rate (RateLimiter only asserts this)."""
    if min_delay_seconds < 0 or error_wait_seconds < min_delay_seconds or max_retries < 0:
        raise ValueError(
            f"Need 0 <= min_delay_seconds ({min_delay_seconds}) <= error_wait_seconds "
            f"({error_wait_seconds}) and max_retries ({max_retries}) >= 0."
        )


def make_geocoder(
    name: str, user_agent: str | None, cache_dir: Path, **options: Any
) -> OnlineGeocoder | None:
    """The online geocoder the --geocoder option names, or None for the offline gazetteer alone."""
    if name == "offline":
        return None
    if name == "nominatim":
        return OnlineGeocoder(user_agent, cache_dir, **options)
    raise ValueError(f"Unknown geocoder {name!r}: choose one of {', '.join(GEOCODERS)}.")
