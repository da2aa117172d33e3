"""What one sentence says: references to the technology, status cues, sectors, actor, scope."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.config import TrackingConfig
from pipeline.records import Status

NEGATION_WINDOW = 3  # words before a cue in which a negation undoes it
HEDGE_WINDOW = 5  # words before a cue in which a hedge makes it `considering`
OBJECT_WINDOW = 4  # words after a stopping cue in which "use"/"access" is its object
REFERENCE_WINDOW = 12  # words between a cue and the technology's mention that it speaks of
_STOPPING = (Status.BANNED, Status.RESTRICTED, Status.WARNED)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Cue:
    """A status cue in a sentence, with character offsets into the sentence."""

    status: Status
    start: int
    end: int
    hedged: bool = False
    carried: bool = False


@dataclass(frozen=True)
class Reading:
    """What a sentence says about the tracked technology."""

    subject: str  # the technology referred to, "" when none
    explicit: bool  # named in this sentence, not only by reference back
    reference_spans: tuple[tuple[int, int], ...]
    cues: tuple[Cue, ...]
    sectors: tuple[str, ...]
    actors: tuple[str, ...]
    scope: str
    same_measure: tuple[int, int] | None  # where "the same measure" stands


def references(sentence: str, config: TrackingConfig) -> tuple[str, list[tuple[int, int]]]:
    """The first tracked technology the sentence names, and the spans of its aliases."""
    for technology in config.technologies:
        spans = [m.span() for m in technology.aliases.finditer(sentence)]
        if spans:
            return technology.name, spans
    return "", []


def maker_named(sentence: str, config: TrackingConfig) -> str:
    """The tracked technology whose maker the sentence names ("the company"), else ""."""
    for technology in config.technologies:
        if technology.makers.search(sentence):
            return technology.name
    return ""


def _words_before(sentence: str, position: int, count: int) -> str:
    """The last `count` words before a position, as text."""
    words = _WORD.findall(sentence[:position])
    return " ".join(words[-count:])


def _undone(sentence: str, start: int, config: TrackingConfig) -> bool:
    return bool(config.negations.search(_words_before(sentence, start, NEGATION_WINDOW)))


def _hedged(sentence: str, start: int, config: TrackingConfig) -> bool:
    return bool(config.hedges.search(_words_before(sentence, start, HEDGE_WINDOW)))


def _raw_cues(sentence: str, config: TrackingConfig) -> list[Cue]:
    """Every cue match, longest-first per status, overlapping matches of weaker statuses dropped."""
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for status, pattern in config.cues:
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append(Cue(status, match.start(), match.end()))
    return sorted(found, key=lambda c: c.start)


def _is_object_of_stop(cue: Cue, stops: list[Cue], sentence: str) -> bool:
    """True for "use" in "banned its use": an adoption word that a stopping cue governs."""
    return cue.status is Status.ADOPTED and any(
        s.end <= cue.start and len(_WORD.findall(sentence[s.end:cue.start])) < OBJECT_WINDOW
        for s in stops)


def _near(sentence: str, cue: Cue, anchors: list[tuple[int, int]]) -> bool:
    """True when the cue stands within a few words of a mention of the technology."""
    for start, end in anchors:
        between = sentence[min(end, cue.end):max(start, cue.start)]
        if len(_WORD.findall(between)) <= REFERENCE_WINDOW:
            return True
    return False


def anchors(sentence: str, config: TrackingConfig, spans: list[tuple[int, int]],
            topical: bool) -> list[tuple[int, int]]:
    """Where the sentence speaks of the technology: its names, its maker, words referring back."""
    found = list(spans)
    for technology in config.technologies:
        found += [m.span() for m in technology.makers.finditer(sentence)]
    if topical or spans:
        found += [m.span() for m in config.anaphora.finditer(sentence)]
    return found


def find_cues(sentence: str, config: TrackingConfig, spans: list[tuple[int, int]],
              near: list[tuple[int, int]] | None = None) -> list[Cue]:
    """Status cues that stand: near the technology, not negated, not inside its name; hedges marked."""
    cues = [c for c in _raw_cues(sentence, config)
            if not any(a <= c.start < b for a, b in spans)
            and (near is None or _near(sentence, c, near))]
    stops = [c for c in cues if c.status in _STOPPING]
    kept = []
    for cue in cues:
        if _is_object_of_stop(cue, stops, sentence) or _undone(sentence, cue.start, config):
            continue
        if cue.status is Status.CONSIDERING:
            kept.append(cue)
        elif cue.status is not Status.HEADQUARTERS and _hedged(sentence, cue.start, config):
            kept.append(Cue(Status.CONSIDERING, cue.start, cue.end, hedged=True))
        else:
            kept.append(cue)
    return kept


def sectors_in(sentence: str, config: TrackingConfig) -> list[str]:
    """Sectors the sentence names, in text order; a longer phrase wins over one inside it."""
    hits = [(m.start(), -len(m.group()), sector)
            for sector, pattern in config.sectors for m in pattern.finditer(sentence)
            if _common_noun_use(sentence, m)]
    sectors, last_end = [], -1
    for start, negative_length, sector in sorted(hits):
        if start < last_end:
            continue  # "judicial officials" is courts, not also government
        last_end = start - negative_length
        if sector not in sectors:
            sectors.append(sector)
    return sectors


def actors_in(sentence: str, config: TrackingConfig) -> list[str]:
    """The phrases naming who acts, in text order, each once."""
    found: list[str] = []
    for match in config.actors.finditer(sentence):
        phrase = match.group()
        if _common_noun_use(sentence, match) and phrase.lower() not in map(str.lower, found):
            found.append(phrase)
    return found


def _common_noun_use(sentence: str, match: re.Match) -> bool:
    """False for a lower-case phrase met inside a proper name ("Financial Times", "China Telecom")."""
    if not match.group()[:1].isupper() or not sentence[:match.start()].strip(" \"'“‘("):
        return True
    # A phrase the configuration itself capitalises ("Executive Yuan") is a name, and wanted.
    return re.escape(match.group().split()[0]) in match.re.pattern


def scope_of(sentence: str, config: TrackingConfig) -> str:
    """The first scope the sentence states, "" when none."""
    for scope, pattern in config.scopes:
        if pattern.search(sentence):
            return scope
    return ""


def read_sentence(sentence: str, config: TrackingConfig, topic: str) -> Reading:
    """What a sentence says, given the technology the sentences before it were about."""
    subject, spans = references(sentence, config)
    explicit = bool(subject)
    if not subject and topic and not config.other_technologies.search(sentence):
        subject = topic  # "Italy blocked access." in a passage about the technology
    same = config.same_measure.search(sentence) if subject else None
    near = anchors(sentence, config, spans, topical=bool(subject))
    cues = find_cues(sentence, config, spans, near if near else None) if subject else []
    if not subject and maker_named(sentence, config):
        # A sentence about the maker alone ("The company, headquartered in ...") places it.
        subject = maker_named(sentence, config)
        cues = [c for c in find_cues(sentence, config, spans, near)
                if c.status is Status.HEADQUARTERS]
    stated = bool(cues or same)  # sectors, actors and scope matter only where a status is
    return Reading(subject=subject, explicit=explicit, reference_spans=tuple(spans),
                   cues=tuple(cues),
                   sectors=tuple(sectors_in(sentence, config)) if stated else (),
                   actors=tuple(actors_in(sentence, config)) if stated else (),
                   scope=scope_of(sentence, config) if stated else "",
                   same_measure=same.span() if same else None)
