"""The tracking configuration: technologies, status cues, sectors and scopes, from TOML."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import PACKAGE_DATA
from pipeline.records import Sector, Status

DEFAULT_CONFIG = PACKAGE_DATA / "tracking.toml"
_CUE_ORDER = (Status.BANNED, Status.RESTRICTED, Status.WARNED, Status.CONSIDERING,
              Status.ADOPTED, Status.HEADQUARTERS)


class ConfigError(Exception):
    """A configuration file that cannot be used; str() names the file and the fix."""


@dataclass(frozen=True)
class Technology:
    """A tracked technology and the phrases that refer to it or to its maker."""

    name: str
    aliases: re.Pattern
    makers: re.Pattern


@dataclass(frozen=True)
class TrackingConfig:
    """Everything the status step matches, compiled."""

    technologies: tuple[Technology, ...]
    other_technologies: re.Pattern
    anaphora: re.Pattern
    cues: tuple[tuple[Status, re.Pattern], ...]
    negations: re.Pattern
    hedges: re.Pattern
    same_measure: re.Pattern
    clause_breaks: re.Pattern
    individuals: re.Pattern
    joins: re.Pattern
    scopes: tuple[tuple[str, re.Pattern], ...]
    sectors: tuple[tuple[str, re.Pattern], ...]
    actors: re.Pattern


def _bounds(phrase: str) -> tuple[str, str]:
    """The look-arounds that make a phrase match whole words only."""
    head = r"(?<![\w-])" if phrase[:1].isalnum() else r"(?<=\w)" if phrase[:1] == "-" else ""
    tail = r"(?![\w])" if phrase.rstrip("*")[-1:].isalnum() or phrase.endswith("*") else ""
    return head, tail


_GAP = r"(?:[\w'’-]+\s+){0,2}[\w'’-]+"  # `~`: one to three words ("advised its staff against")


def _body(phrase: str) -> str:
    """A phrase as a regex body: `*` for any word ending, `~` for a few words, any spaces."""
    words = [_GAP if word == "~" else re.escape(word).replace(r"\*", r"[\w'’-]*")
             for word in phrase.split()]
    return r"\s+".join(words)


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One case-insensitive pattern matching any of the phrases, longest first."""
    groups: dict[tuple[str, str], list[str]] = {}
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        groups.setdefault(_bounds(phrase), []).append(_body(phrase))
    if not groups:
        return re.compile(r"(?!x)x")  # matches nothing
    # Phrases sharing their look-arounds share one group: far faster than one each.
    parts = [f"{head}(?:{'|'.join(bodies)}){tail}" for (head, tail), bodies in groups.items()]
    return re.compile("|".join(parts), re.IGNORECASE)


def _technology(entry: dict) -> Technology:
    name = entry["name"]
    return Technology(name=name, aliases=compile_phrases([name, *entry.get("aliases", [])]),
                      makers=compile_phrases(entry.get("makers", [name])))


def _build(raw: dict) -> TrackingConfig:
    cues = raw["cues"]
    unknown = set(raw.get("sectors", {})) - {s.value for s in Sector}
    if unknown:
        raise KeyError(f"sectors {sorted(unknown)} (choose from {[s.value for s in Sector]})")
    return TrackingConfig(
        technologies=tuple(_technology(t) for t in raw["technologies"]),
        other_technologies=compile_phrases(raw.get("other_technologies", [])),
        anaphora=compile_phrases(raw.get("anaphora", [])),
        cues=tuple((s, compile_phrases(cues.get(s.value, []))) for s in _CUE_ORDER),
        negations=compile_phrases(cues.get("negations", [])),
        hedges=compile_phrases(cues.get("hedges", [])),
        same_measure=compile_phrases(cues.get("same_measure", [])),
        clause_breaks=compile_phrases(cues.get("clause_breaks", [])),
        individuals=compile_phrases(cues.get("individuals", [])),
        joins=compile_phrases(cues.get("joins", [])),
        scopes=tuple((k, compile_phrases(v)) for k, v in raw.get("scopes", {}).items()),
        sectors=tuple((k, compile_phrases(v)) for k, v in raw.get("sectors", {}).items()),
        actors=compile_phrases(raw.get("actors", {}).get("phrases", [])),
    )


def read_config(path: Path | None = None) -> tuple[Path, bytes]:
    """The configuration file's path and bytes; a folder, pipe or device is refused unopened."""
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ConfigError(f"The configuration {path} is not a regular file.")
        return path, path.read_bytes()
    except OSError as err:
        raise ConfigError(f"The configuration {path} could not be read ({err.strerror}).") from err


def config_sha256(path: Path | None = None) -> str:
    """A SHA-256 of the configuration file (the shipped one by default)."""
    return hashlib.sha256(read_config(path)[1]).hexdigest()


def parse_config(path: Path, payload: bytes) -> TrackingConfig:
    """The tracking configuration from a TOML file's bytes (path names it in errors)."""
    try:
        raw = tomllib.loads(payload.decode("utf-8"))
        if not raw.get("technologies"):
            raise KeyError("technologies (at least one [[technologies]] with a name)")
        return _build(raw)
    except UnicodeDecodeError as err:
        raise ConfigError(f"The configuration {path} is not UTF-8 text ({err.reason}).") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"The configuration {path} is not valid TOML ({err}).") from err
    except (KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"The configuration {path} lacks or misstates {err}; "
                          f"see {DEFAULT_CONFIG.name} shipped with the package.") from err


def load_config(path: Path | None = None) -> TrackingConfig:
    """The tracking configuration from a TOML file (the shipped one by default)."""
    return parse_config(*read_config(path))
