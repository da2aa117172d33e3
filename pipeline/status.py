"""Deciding, for every place mention, what the article says happens there with the technology.

Per sentence: a status cue ("banned", "use", "headquartered in") goes to the place it governs:
the nearest place before it in the sentence (news puts the actor first: "In India, authorities
warned"), else the nearest after it in its clause ("was later announced by South Korea") or
led to by "in". The place after wins where "in"/"by" leads to it within a few words ("was banned
in Taiwan", "deployed DeepSeek in its data centre in Dhahran"); a ", which" clause about
something else ("Tesla, which relies on ...") reaches no place before it. A headquarters cue
that speaks of the maker goes to the place after it, and to the country named right after.
Places listed with the chosen one ("Australia and Japan banned", "Korea joined Australia in
banning") share its status.
Of a country and a city inside it, the city takes the status; a continent or union framing a
country ("In Europe, Italy blocked access") stays `mentioned`. Metonyms ("Beijing's requests"),
datelines and names inside the technology's own name are `mentioned`. A "same measure" sentence
takes the previous measure, with its sector and scope, or `considering` under a hedge ("Iowa is
weighing doing the same"). The technology must be named in the sentence, referred back to, or
be the topic of the sentences just before, with no other technology named instead. A sentence
repeated word for word gives its rows once.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.config import TrackingConfig
from pipeline.cues import Cue, Reading, read_sentence, references
from pipeline.documents import Document
from pipeline.records import Mention, Status, Toponym

TOPIC_SPAN = 2  # sentences after a naming of the technology that still speak of it
JOIN_WORDS = 4  # words between two places joined by "joined" ("Korea on Thursday joined Japan")
_WORDS = re.compile(r"[\w'’-]+")
_COORDINATION = re.compile(
    r"^\s*(,\s*(and\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)(?:by\s+|in\s+)?(?:the\s+)?$")
_RANGE_FROM = re.compile(r"\bfrom\s+\Z")
# "France's CNIL": a place's own body, named after it, stands for the place in lists and clauses.
_OWN_BODY = re.compile(r"['’]s(?:\s+(?:[A-Z][\w.&-]*|of|for))*\s+[A-Z][\w.&-]*")
_DATELINE_TAIL = re.compile(r"^\s*(,\s*[A-Za-z0-9. ]+)?\s*(\(|—|–|--|-\s)")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
# ", which" opens a clause about the words just before it ("Tesla, which relies on ...").
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b")
_LOCATIVE = re.compile(r"^[^,;:()—–]*?\b(?:in|by|across|throughout|at)\s+(?:the\s+)?$")
LOCATIVE_WORDS = 8  # words from a cue to the "in" that leads to where it happens
REFERENCE_WORDS = 15  # words from a cue, past a comma, to a place it happens "in"
_IN_THE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?\Z")
ANTECEDENT_WORDS = 3  # words a place may stand before ", which" and still be what it is about
HQ_COUNTRY_WORDS = 4  # words between a headquarters city and the country that holds it
_CONFIDENCE = {"explicit": 0.9, "topic": 0.75, "carried": 0.8, "hedged": 0.6, "mentioned": 0.5}


@dataclass(frozen=True)
class Measure:
    """The last measure a sentence stated, for "the same measure" after it."""

    status: Status
    sectors: tuple[str, ...]
    actors: tuple[str, ...]
    scope: str


def _inside(inner: Toponym, outer: Toponym) -> bool:
    """True when `outer` is a country or area that contains `inner`."""
    if outer.place_type == "supranational":
        return inner.place_type != "supranational"
    return (outer.place_type == "country" and inner.place_type != "country"
            and inner.country_code == outer.country_code)


def _most_specific(candidates: list[Toponym]) -> Toponym:
    """The nearest candidate, unless a place inside it is named just before."""
    chosen = candidates[-1]
    for other in reversed(candidates[:-1]):
        if _inside(other, chosen):
            chosen = other
    return chosen


def _own_body_end(place: Toponym, text: str) -> int:
    """Where the place's name ends, past a body it owns ("Ireland's Data Protection Commission")."""
    body = _OWN_BODY.match(text, place.end)
    return body.end() if body else place.end


def _outside_relative_clause(place: Toponym, at: int, text: str) -> bool:
    """True when a ", which" clause holding the cue is about something other than the place."""
    end = _own_body_end(place, text)
    openers = list(_RELATIVE.finditer(text, end, at))
    return bool(openers) and len(_WORDS.findall(text[end:openers[-1].start()])) > \
        ANTECEDENT_WORDS


def _after_first(after: Toponym, cue_end: int, text: str) -> bool:
    """True for "was banned in Taiwan", "deployed DeepSeek in its data centre in Dhahran"."""
    between = text[cue_end:after.start]
    return bool(_LOCATIVE.match(between)) and len(_WORDS.findall(between)) <= LOCATIVE_WORDS


def _reachable_after(after: list[Toponym], cue_end: int, text: str) -> list[Toponym]:
    """Places after a cue in its clause ("announced by South Korea"), or led to by "in"."""
    return [p for p in after if not _CLAUSE_BREAK.search(text, cue_end, p.start) or (
        _IN_THE.search(text, cue_end, p.start)
        and len(_WORDS.findall(text[cue_end:p.start])) <= REFERENCE_WORDS)]


def _target(cue: Cue, places: list[Toponym], offset: int, text: str) -> Toponym | None:
    """The place a cue governs (positions in document offsets)."""
    at, cue_end = offset + cue.start, offset + cue.end
    before = [p for p in places if p.end <= at]
    after = [p for p in places if p.start >= cue_end]
    if cue.status is Status.HEADQUARTERS:
        return after[0] if after and after[0].start - at < 40 else (
            before[-1] if before and at - before[-1].end <= 1 else None)
    if before and _outside_relative_clause(before[-1], at, text):
        before = []
    after = _reachable_after(after, cue_end, text)
    if after and _after_first(after[0], cue_end, text):
        return after[0]
    if before:
        return _most_specific(before)
    return after[0] if after else None


def _holding_country(chosen: Toponym, places: list[Toponym], text: str) -> list[Toponym]:
    """The country named just after a headquarters city ("Hangzhou, in eastern China")."""
    later = [p for p in places if p.start >= chosen.end]
    if later and later[0].place_type == "country" and _inside(chosen, later[0]) and len(
            _WORDS.findall(text[chosen.end:later[0].start])) <= HQ_COUNTRY_WORDS:
        return [later[0]]
    return []


def _listed(left: Toponym, right: Toponym, text: str, joins: list[tuple[int, int]]) -> bool:
    """True when two neighbouring places are listed together ("Australia and Japan")."""
    gap = text[_own_body_end(left, text):right.start]
    if any(left.end <= a and b <= right.start for a, b in joins):
        return len(_WORDS.findall(gap)) <= JOIN_WORDS and not _CLAUSE_BREAK.search(gap)
    if gap.strip() == "to" and _RANGE_FROM.search(text, 0, left.start):
        return True  # "provinces from Guangdong to Sichuan" names both and those between
    if not _COORDINATION.match(gap):
        return False
    # "Shenzhen, China" and "Europe, Italy" name one place; "the US and Europe" two.
    return bool(re.search(r"\b(and|or)\b|/", gap)) or not (
        _inside(left, right) or _inside(right, left))


def _coordinated(chosen: Toponym, places: list[Toponym], text: str,
                 joins: list[tuple[int, int]]) -> list[Toponym]:
    """The chosen place and those listed right beside it ("Australia, Japan and Taiwan")."""
    group = [chosen]
    index = places.index(chosen)
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(places):
            left, right = sorted((places[i], places[i + step]), key=lambda p: p.start)
            if not _listed(left, right, text, joins):
                break
            i += step
            group.append(places[i])
    return group


def _is_dateline(place: Toponym, text: str, sentence_start: int) -> bool:
    """True for "NEW YORK (AP) —" at the head of a sentence."""
    if place.start - sentence_start > 2 or not place.text.isupper():
        return False
    return bool(_DATELINE_TAIL.match(text[place.end:place.end + 40]))


def _eligible(places: list[Toponym], reading: Reading, text: str, start: int) -> list[Toponym]:
    """Places that can take a status: not metonyms, datelines or words of the technology's name."""
    return [p for p in places if p.kind != "metonym" and not _is_dateline(p, text, start)
            and not any(start + a <= p.start < start + b for a, b in reading.reference_spans)]


def _cues(reading: Reading, measure: Measure | None) -> list[Cue]:
    """The sentence's cues, plus the previous measure where "the same measure" stands."""
    cues = list(reading.cues)
    for start, end, hedged in reading.same_measure if measure else ():
        status = Status.CONSIDERING if hedged else measure.status
        cues.append(Cue(status, start, end, hedged=hedged, carried=True))
    return cues


def assign(places: list[Toponym], reading: Reading, measure: Measure | None, text: str,
           start: int) -> dict[Toponym, list[Cue]]:
    """For each place of one sentence, the cues that reach it (none: only mentioned)."""
    eligible = _eligible(places, reading, text, start)
    joins = [(start + a, start + b) for a, b in reading.joins]
    reached: dict[Toponym, list[Cue]] = {}
    for cue in _cues(reading, measure):
        target = _target(cue, eligible, start, text)
        if target is None:
            continue
        # A ", which" clause speaks of the last place listed alone ("France's CNIL and
        # Ireland's commission, which has written to the company").
        group = [target] if _RELATIVE.search(text, target.end, start + cue.start) else \
            _coordinated(target, eligible, text, joins)
        if cue.status is Status.HEADQUARTERS:
            group += _holding_country(target, eligible, text)
        for place in group:
            if all(c.status is not cue.status for c in reached.get(place, [])):
                reached.setdefault(place, []).append(cue)
    return reached


def _next_measure(reading: Reading, reached: dict, measure: Measure | None) -> Measure | None:
    """The measure a following "same measure" sentence refers to."""
    cues = [c for cs in reached.values() for c in cs if not c.carried]
    if not cues:
        return measure
    return Measure(cues[0].status, reading.sectors, reading.actors, reading.scope)


def _confidence(cue: Cue, reading: Reading) -> float:
    if cue.carried:
        return _CONFIDENCE["carried"]
    if cue.hedged:
        return _CONFIDENCE["hedged"]
    return _CONFIDENCE["explicit" if reading.explicit else "topic"]


def _row(doc: Document, index: int, place: Toponym, **status_fields) -> Mention:
    return Mention(
        doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url,
        published=doc.published, sentence_index=index, start=place.start, end=place.end,
        place=place.text, name=place.name, place_type=place.place_type,
        country_code=place.country_code, lat=place.lat, lon=place.lon,
        geonameid=place.geonameid, place_id=place.place_id, kind=place.kind, **status_fields)


def _rows(doc: Document, index: int, places: list[Toponym], reached: dict, reading: Reading,
          measure: Measure | None) -> list[Mention]:
    start, end = doc.sentences[index]
    evidence = " ".join(doc.text[start:end].split())
    rows = []
    for place in places:
        for cue in reached.get(place, []):
            source = measure if cue.carried and measure else reading
            rows.append(_row(doc, index, place, status=cue.status.value,
                             sector="|".join(source.sectors), actor="|".join(source.actors),
                             scope=source.scope, subject=reading.subject, evidence=evidence,
                             confidence=_confidence(cue, reading)))
        if place not in reached:
            rows.append(_row(doc, index, place, status=Status.MENTIONED.value,
                             sector="", actor="", scope="", subject=reading.subject,
                             evidence=evidence, confidence=_CONFIDENCE["mentioned"]))
    return rows


def _by_sentence(doc: Document, toponyms: list[Toponym]) -> dict[int, list[Toponym]]:
    """Toponyms grouped by the sentence they stand in."""
    starts = [s for s, _ in doc.sentences]
    grouped: dict[int, list[Toponym]] = {}
    for toponym in toponyms:
        index = bisect.bisect_right(starts, toponym.start) - 1
        if index >= 0 and toponym.end <= doc.sentences[index][1]:
            grouped.setdefault(index, []).append(toponym)
    return grouped


def classify(doc: Document, toponyms: list[Toponym], config: TrackingConfig) -> list[Mention]:
    """One row per place mention and status, for a whole document."""
    grouped = _by_sentence(doc, toponyms)
    seen: set[str] = set()
    topic, topic_left, measure = "", 0, None
    rows: list[Mention] = []
    for index, (start, end) in enumerate(doc.sentences):
        sentence = doc.text[start:end]
        places = grouped.get(index, [])
        if not places:  # nothing to decide: the sentence only keeps the topic alive
            named = references(sentence, config)[0]
            topic, topic_left = (named, TOPIC_SPAN) if named else (topic, topic_left - 1)
            continue
        reading = read_sentence(sentence, config, topic if topic_left > 0 else "")
        topic, topic_left = (reading.subject, TOPIC_SPAN) if reading.explicit else (
            topic, topic_left - 1)
        reached = assign(places, reading, measure, doc.text, start)
        key = " ".join(sentence.split())
        if key not in seen:
            seen.add(key)
            rows += _rows(doc, index, places, reached, reading, measure)
        measure = _next_measure(reading, reached, measure)
    return rows
