"""The opt-in Nominatim geocoder, against a real local HTTP server that answers like Nominatim."""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from pipeline.online import GeocodeStats, OnlineGeocoder, make_geocoder

AGENT = "tests@example.org adoption-atlas"
PLACES = {
    "Berlin": {"lat": "52.5170365", "lon": "13.3888599", "display_name": "Berlin, Deutschland"},
    "Homs": {"lat": "34.7333", "lon": "36.7167", "display_name": "Homs, Syria"},
    "Aleppo": {"lat": "36.2021", "lon": "37.1343", "display_name": "Aleppo, Syria"},
}
# Fast but still real: every wait the policy sets, shrunk so the file runs in seconds.
FAST = {"min_delay_seconds": 0.05, "timeout": 0.5, "max_retries": 2, "error_wait_seconds": 0.05}


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a status, a body, and how long to stall before sending it."""

    status: int = 200
    body: bytes = b"[]"
    delay: float = 0.0


@dataclass(frozen=True)
class Hit:
    """A request the server saw: when it arrived, its parameters and its User-Agent."""

    at: float
    params: dict[str, list[str]]
    agent: str


@dataclass
class FakeNominatim:
    """The server's state: scripted replies to use first, then PLACES; every request seen."""

    cache_dir: Path
    port: int = 0
    script: list[Reply] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    def reply_to(self, params: dict[str, list[str]]) -> Reply:
        """The next scripted reply, or what Nominatim would answer for q."""
        if self.script:
            return self.script.pop(0)
        place = PLACES.get(params.get("q", [""])[0])
        extra = {"place_id": 1, "class": "place", "type": "city"}
        places = [] if place is None else [{**place, **extra}]
        return Reply(body=json.dumps(places).encode())

    def geocoder(self, **options: float) -> OnlineGeocoder:
        """An OnlineGeocoder on this server and cache, with the fast waits unless overridden."""
        return OnlineGeocoder(
            AGENT, self.cache_dir, domain=f"127.0.0.1:{self.port}", scheme="http",
            **{**FAST, **options},
        )

    def gaps(self) -> list[float]:
        """Seconds between consecutive requests, as the server saw them."""
        return [b.at - a.at for a, b in zip(self.hits, self.hits[1:])]


def handler_for(state: FakeNominatim) -> type[BaseHTTPRequestHandler]:
    """A request handler that records each GET /search and answers from state."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            params = parse_qs(urlparse(self.path).query)
            state.hits.append(Hit(time.monotonic(), params, self.headers.get("User-Agent", "")))
            reply = state.reply_to(params)
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up on a slow reply, as it should

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server(tmp_path: Path) -> Iterator[FakeNominatim]:
    """A Nominatim look-alike on 127.0.0.1, in a thread, with a fresh cache dir, for one test."""
    state = FakeNominatim(tmp_path)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_a_found_place_returns_its_coordinates(server: FakeNominatim) -> None:
    location = server.geocoder().geocode("Berlin")
    assert (location.latitude, location.longitude) == (52.5170365, 13.3888599)


def test_the_request_carries_the_user_agent_and_country_codes(server: FakeNominatim) -> None:
    server.geocoder().geocode("Homs", country_codes=["SY"])
    hit = server.hits[0]
    assert (hit.agent, hit.params["q"], hit.params["countrycodes"]) == (AGENT, ["Homs"], ["sy"])


def test_a_second_geocoder_on_the_same_cache_sends_no_request(server: FakeNominatim) -> None:
    server.geocoder().geocode("Berlin")
    again = server.geocoder().geocode("Berlin")
    assert (len(server.hits), again.latitude) == (1, 52.5170365)


def test_a_place_nominatim_does_not_know_is_cached_as_absent(server: FakeNominatim) -> None:
    first = server.geocoder().geocode("Atlantis")
    second = server.geocoder().geocode("Atlantis")
    assert (first, second, len(server.hits)) == (None, None, 1)


def test_other_country_codes_are_another_cache_entry(server: FakeNominatim) -> None:
    geocoder = server.geocoder()
    for codes in (None, "sy", ["SY"], "de,sy", ["sy", "de"]):
        geocoder.geocode("Homs", country_codes=codes)
    assert [hit.params.get("countrycodes") for hit in server.hits] == [None, ["sy"], ["de,sy"]]


def test_requests_are_spaced_by_at_least_min_delay(server: FakeNominatim) -> None:
    geocoder = server.geocoder(min_delay_seconds=0.2, error_wait_seconds=0.2)
    for place in ("Berlin", "Homs", "Aleppo"):
        geocoder.geocode(place)
    # RateLimiter spaces the starts of calls; the server sees arrivals a few ms later, unevenly.
    assert min(server.gaps()) >= 0.2 - 0.02


def test_cache_hits_do_not_wait_for_the_rate_limit(server: FakeNominatim) -> None:
    server.geocoder().geocode("Berlin")
    geocoder = server.geocoder(min_delay_seconds=5.0, error_wait_seconds=5.0)
    started = time.monotonic()
    for _ in range(3):
        geocoder.geocode("Berlin")
    assert time.monotonic() - started < 1.0


def test_a_429_is_retried_after_the_error_wait_and_answered(server: FakeNominatim) -> None:
    server.script.append(Reply(status=429, body=b'{"error": "Too many requests"}'))
    location = server.geocoder(error_wait_seconds=0.3).geocode("Aleppo")
    assert (location.address, len(server.hits)) == ("Aleppo, Syria", 2)
    assert server.gaps()[0] >= 0.3


def test_a_500_every_time_gives_none_after_max_retries_plus_one(server: FakeNominatim) -> None:
    server.script.extend([Reply(status=500, body=b"oops")] * 10)
    location = server.geocoder(max_retries=2).geocode("Berlin")
    assert (location, len(server.hits)) == (None, 3)


def test_a_spent_lookup_logs_one_warning_naming_the_query(
    server: FakeNominatim, caplog: pytest.LogCaptureFixture
) -> None:
    server.script.extend([Reply(status=500, body=b"oops")] * 10)
    with caplog.at_level(logging.WARNING, logger="pipeline.online"):
        server.geocoder().geocode("Berlin")
    ours = [r.getMessage() for r in caplog.records if r.name == "pipeline.online"]
    assert len(ours) == 1 and "'Berlin'" in ours[0] and "500" in ours[0]


def test_a_reply_slower_than_the_timeout_gives_none(server: FakeNominatim) -> None:
    server.script.extend([Reply(delay=0.6, body=b"[]")] * 10)
    location = server.geocoder(timeout=0.2, max_retries=1).geocode("Berlin")
    assert (location, len(server.hits)) == (None, 2)


MALFORMED = [
    b'[{"lat": "52.5", "lon"',
    b"<html>Service Unavailable</html>",
    b'"Berlin"',
    b"[1]",
    b'{"unexpected": true}',
    b'[{"display_name": "Berlin"}]',
    b'[{"lat": "north", "lon": "13.4", "display_name": "Berlin"}]',
]


@pytest.mark.parametrize("body", MALFORMED)
def test_a_malformed_answer_gives_none_not_a_traceback(
    server: FakeNominatim, body: bytes
) -> None:
    server.script.extend([Reply(body=body)] * 10)
    assert server.geocoder(max_retries=0).geocode("Berlin") is None


FAILURES = {
    "rate limited": Reply(status=429, body=b"{}"),
    "server error": Reply(status=500, body=b"oops"),
    "too slow": Reply(delay=0.6),
    "malformed": Reply(body=b"[{"),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_failure_is_not_cached_so_a_later_good_answer_is_used(
    server: FakeNominatim, failure: Reply
) -> None:
    server.script.append(failure)
    failed = server.geocoder(timeout=0.2, max_retries=0).geocode("Berlin")
    later = server.geocoder().geocode("Berlin")
    assert (failed, later.address) == (None, "Berlin, Deutschland")


def test_stats_count_lookups_cache_hits_requests_and_failures(server: FakeNominatim) -> None:
    server.script.append(Reply(status=500))
    geocoder = server.geocoder(max_retries=0)
    for place in ("Homs", "Berlin", "Berlin", "Atlantis"):
        geocoder.geocode(place)
    assert geocoder.stats == GeocodeStats(lookups=4, cache_hits=1, requests=3, failures=1)


def test_stats_read_as_the_run_report() -> None:
    stats = GeocodeStats(lookups=12, cache_hits=9, requests=3, failures=1)
    expected = "12 lookups, 9 from cache, 1 failed (fell back to the offline gazetteer)"
    assert stats.sentence() == expected


SAMPLE_AGENTS = [
    None, "", "  ", "geopy/2.5.0", "geopy/2.4.1", "my_user_agent/1.0", "specify_your_app_name_here"
]


@pytest.mark.parametrize("agent", SAMPLE_AGENTS)
def test_an_empty_or_sample_user_agent_is_refused_with_the_fix(
    agent: str | None, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"--user-agent .*Nominatim's usage policy"):
        make_geocoder("nominatim", agent, tmp_path)


def test_an_unknown_geocoder_name_is_refused_naming_the_choices(tmp_path: Path) -> None:
    choices = r"Unknown geocoder 'google': choose one of offline, nominatim\."
    with pytest.raises(ValueError, match=choices):
        make_geocoder("google", AGENT, tmp_path)


def test_offline_means_no_online_geocoder(tmp_path: Path) -> None:
    assert make_geocoder("offline", None, tmp_path) is None


def test_nominatim_builds_an_online_geocoder_with_the_policy_rate(tmp_path: Path) -> None:
    geocoder = make_geocoder("nominatim", AGENT, tmp_path)
    assert (type(geocoder), geocoder._limited.min_delay_seconds) == (OnlineGeocoder, 1.0)


def test_an_error_wait_shorter_than_the_rate_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="min_delay_seconds"):
        make_geocoder("nominatim", AGENT, tmp_path, min_delay_seconds=1.0, error_wait_seconds=0.1)


# The whole run, with the online geocoder in front of the offline gazetteer.

ARTICLE = "In Syria, hospitals in Homs use DeepSeek. Officials in Aleppo banned DeepSeek.\n"


def test_a_run_through_a_failing_server_completes_offline_and_loses_no_row(
        server: FakeNominatim, tmp_path: Path) -> None:
    from pipeline.build import refresh
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "syria.txt").write_text(ARTICLE, encoding="utf-8")
    offline = refresh([seeds], tmp_path / "offline", reuse=False)
    server.script = [Reply(status=500)] * 3 + [Reply(body=b"not json")] * 3
    online = refresh([seeds], tmp_path / "online", geocoder=server.geocoder(), reuse=False)
    assert list(online.mentions["place"]) == list(offline.mentions["place"])
    assert list(online.mentions["status"]) == list(offline.mentions["status"])
    by_place = online.mentions.set_index("place")
    assert (by_place.loc["Aleppo", "lat"], by_place.loc["Aleppo", "lon"]) == (36.2021, 37.1343)
    assert by_place.loc["Syria", "lat"] == offline.mentions.set_index("place").loc["Syria", "lat"]
    assert all(gap >= FAST["min_delay_seconds"] - 0.02 for gap in server.gaps())


def test_the_command_line_takes_a_nominatim_server_and_a_second_run_sends_nothing(
        server: FakeNominatim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.cli import main
    monkeypatch.setenv("ADOPTION_ATLAS_CACHE", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "berlin.txt").write_text("Police in Berlin use DeepSeek.\n", encoding="utf-8")
    argv = ["run", str(seeds), "--out", str(tmp_path / "data"), "--quiet", "--geocoder",
            "nominatim", "--user-agent", AGENT, "--nominatim-url", f"http://127.0.0.1:{server.port}"]
    assert main(argv) == 0
    sent = len(server.hits)
    assert sent == 1 and "52.5170365" in (tmp_path / "data" / "mentions.csv").read_text()
    assert main(argv) == 0
    assert len(server.hits) == sent


def test_the_command_line_refuses_nominatim_without_a_user_agent(tmp_path: Path, capsys) -> None:
    from pipeline.cli import main
    assert main(["run", str(tmp_path), "--geocoder", "nominatim"]) == 2
    assert "--user-agent" in capsys.readouterr().err


def test_a_cache_that_cannot_be_read_counts_as_a_miss_not_a_failure(server: FakeNominatim) -> None:
    geocoder = server.geocoder()
    geocoder.cache.path.unlink()
    geocoder.cache.path.mkdir()  # a folder where the sqlite file was: every cache call fails
    location = geocoder.geocode("Berlin")
    assert location is not None and round(location.latitude, 2) == 52.52
    assert geocoder.stats.failures == 0 and len(server.hits) == 1


def test_a_cache_folder_that_cannot_be_made_is_one_sentence(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("ADOPTION_ATLAS_CACHE", str(tmp_path / "file"))
    argv = ["run", str(tmp_path), "--geocoder", "nominatim", "--user-agent", AGENT]
    assert main(argv) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "could not be opened" in line and "ADOPTION_ATLAS_CACHE" in line
