"""What one sentence says: references to the technology, status cues, sectors, actor, scope."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.config import TrackingConfig
from pipeline.records import Status

NEGATION_WINDOW = 6  # words of its clause before a cue in which a negation undoes it
HEDGE_WINDOW = 5  # words of its clause before a cue in which a hedge makes it `considering`
OBJECT_WINDOW = 4  # words after a stopping cue in which "use"/"access" is its object
REFERENCE_WINDOW = 12  # words between a cue and the technology's mention that it speaks of
INDIVIDUALS_WINDOW = 6  # words of its clause before an adoption cue where "users" are its subject
COORDINATED_WINDOW = 3  # words between another technology and the tracked one listed with it
MAKER_WINDOW = 6  # words between the maker's name and "headquartered in" that speaks of it
_STOPPING = (Status.BANNED, Status.RESTRICTED, Status.WARNED)
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s")
_NOUN_OF = re.compile(r"\s+of\b")  # "the use of": an adoption cue used as a noun
_OWN = re.compile(r"\s+(?:its|their|his|her)\s+own\b")  # "uses its own software": not the technology


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
    same_measure: tuple[tuple[int, int, bool], ...]  # "the same measure": start, end, hedged
    joins: tuple[tuple[int, int], ...]  # "joined" in "South Korea joined Australia in banning"


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


def _words_before(sentence: str, position: int, count: int, config: TrackingConfig) -> str:
    """The last `count` words before a position within its clause, as text."""
    head = sentence[:position]
    breaks = [m.end() for m in _CLAUSE_END.finditer(head)]
    breaks += [m.end() for m in config.clause_breaks.finditer(head)]
    words = _WORD.findall(head[max(breaks, default=0):])
    return " ".join(words[-count:])


def _undone(sentence: str, start: int, config: TrackingConfig) -> bool:
    return bool(config.negations.search(_words_before(sentence, start, NEGATION_WINDOW, config)))


def _hedged(sentence: str, start: int, config: TrackingConfig) -> bool:
    return bool(config.hedges.search(_words_before(sentence, start, HEDGE_WINDOW, config)))


def _by_individuals(sentence: str, cue: Cue, config: TrackingConfig) -> bool:
    """True for "users in Korea can still use the app": private use is no adoption."""
    if cue.status is not Status.ADOPTED:
        return False
    before = _words_before(sentence, cue.start, INDIVIDUALS_WINDOW, config)
    return any(_common_noun_use(before, m) for m in config.individuals.finditer(before))


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
    """True for "use" in "banned its use", "assess" in "warned banks to assess the risks"."""
    governing = [s for s in stops if cue.status is Status.ADOPTED or (
        cue.status is Status.CONSIDERING and s.status is Status.WARNED)]
    return any(s.end <= cue.start and len(_WORD.findall(sentence[s.end:cue.start])) < OBJECT_WINDOW
               for s in governing)


def _of_its_own(cue: Cue, sentence: str) -> bool:
    """True for "uses" in "Toyota, based in Japan, uses its own software"."""
    return cue.status is Status.ADOPTED and bool(_OWN.match(sentence, cue.end))


def _is_subject_of_stop(cue: Cue, stops: list[Cue], sentence: str) -> bool:
    """True for "use" in "The use of DeepSeek has been prohibited": a noun the stop acts on."""
    if cue.status is not Status.ADOPTED or not _NOUN_OF.match(sentence, cue.end):
        return False
    return any(s.start >= cue.end and not _CLAUSE_END.search(sentence, cue.end, s.start)
               for s in stops)


def _words_apart(first: tuple[int, int], second: tuple[int, int], sentence: str) -> int:
    """How many words stand between two spans of a sentence."""
    left, right = sorted((first, second))
    return len(_WORD.findall(sentence[left[1]:max(left[1], right[0])]))


def _about_other(sentence: str, cue: Cue, near: list[tuple[int, int]],
                 spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    """True for "banned" in "banned TikTok, but not DeepSeek": another technology is nearer."""
    span = (cue.start, cue.end)
    nearest = min(others, key=lambda o: _words_apart(span, o, sentence), default=None)
    if nearest is None:
        return False
    distance = _words_apart(span, nearest, sentence)
    if any(_words_apart(span, a, sentence) <= distance for a in near):
        return False
    # "AI tools such as ChatGPT and DeepSeek" names the tracked one with the other.
    return not any(_words_apart(nearest, s, sentence) <= COORDINATED_WINDOW for s in spans)


def _of_maker(sentence: str, cue: Cue, named: list[tuple[int, int]]) -> bool:
    """True when a headquarters cue speaks of the maker, not another firm ("Microsoft, based in")."""
    span = (cue.start, cue.end)
    for name in named:
        if name[1] <= cue.start and _words_apart(name, span, sentence) <= MAKER_WINDOW:
            return True  # "DeepSeek, which is based in Hangzhou"
        if name[0] >= cue.start and _words_apart(span, name, sentence) == 0:
            return True  # "Hangzhou-based DeepSeek"
    return False


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


def _dropped(cue: Cue, stops: list[Cue], sentence: str, config: TrackingConfig) -> bool:
    """True for a cue that another cue, a negation or its subject or object undoes."""
    return (_is_object_of_stop(cue, stops, sentence) or _is_subject_of_stop(cue, stops, sentence)
            or _of_its_own(cue, sentence) or _undone(sentence, cue.start, config)
            or _by_individuals(sentence, cue, config))


def find_cues(sentence: str, config: TrackingConfig, spans: list[tuple[int, int]],
              near: list[tuple[int, int]] | None = None) -> list[Cue]:
    """Status cues that stand: near the technology, not negated, not inside its name; hedges marked."""
    others = [m.span() for m in config.other_technologies.finditer(sentence)]
    cues = [c for c in _raw_cues(sentence, config)
            if not any(a <= c.start < b for a, b in spans)
            and (near is None or _near(sentence, c, near))
            and not _about_other(sentence, c, near or [], spans, others)]
    named = spans + [m.span() for t in config.technologies for m in t.makers.finditer(sentence)]
    cues = [c for c in cues if c.status is not Status.HEADQUARTERS or _of_maker(sentence, c, named)]
    stops = [c for c in cues if c.status in _STOPPING]
    kept = []
    for cue in cues:
        if _dropped(cue, stops, sentence, config):
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
    others_named = bool(config.other_technologies.search(sentence))
    if not subject and topic and not others_named:
        subject = topic  # "Italy blocked access." in a passage about the technology
    same = _same_measures(sentence, config) if subject else ()
    near = anchors(sentence, config, spans, topical=bool(subject))
    # A sentence that only continues the topic speaks of it throughout: a far "the company"
    # does not confine its cues ("The warning echoes advice by France's CNIL ... the company").
    cues = find_cues(sentence, config, spans, near if near and explicit else None) \
        if subject else []
    maker = "" if subject else maker_named(sentence, config)
    if maker:
        # A sentence about the maker alone ("The company, headquartered in ...") places it,
        # unless another technology's maker may be meant ("the Paris-based startup Mistral").
        subject = maker
        cues = [c for c in find_cues(sentence, config, spans, near)
                if c.status is Status.HEADQUARTERS and not others_named]
    stated = bool(cues or same)  # sectors, actors and scope matter only where a status is
    return Reading(subject=subject, explicit=explicit, reference_spans=tuple(spans),
                   cues=tuple(cues),
                   sectors=tuple(sectors_in(sentence, config)) if stated else (),
                   actors=tuple(actors_in(sentence, config)) if stated else (),
                   scope=scope_of(sentence, config) if stated else "",
                   same_measure=same,
                   joins=tuple(m.span() for m in config.joins.finditer(sentence)))


def _same_measures(sentence: str, config: TrackingConfig) -> tuple[tuple[int, int, bool], ...]:
    """Where "the same measure" stands, not negated, and whether a hedge weakens it."""
    return tuple((m.start(), m.end(), _hedged(sentence, m.start(), config))
                 for m in config.same_measure.finditer(sentence)
                 if not _undone(sentence, m.start(), config))
