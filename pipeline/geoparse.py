"""Finding place names in text and resolving each to one gazetteer place.

Recognition: capitalised word sequences are looked up in the gazetteer, longest first, with
possessives ("Russia's") and sentence-final periods stripped. A match is dropped when it is
part of an organisation's name ("China Mobile"), of a person's name ("Jack Ma", and later bare
mentions of a name first seen as a person's), a listed non-place word, or an everyday English
word naming a small town ("Reading", "Mobile") unless a following ", State" confirms it.

Disambiguation: each candidate scores log10(population) plus a prior for its type (countries
and supranational areas over regions over cities), a bonus for a national capital, and
bonuses for lying in a country or first-level region that the document names unambiguously;
"Paris, Texas" (a place followed by a comma and its region or country) overrides all of these.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pipeline.gazetteer import Index, Place, get_index
from pipeline.records import Toponym

MAX_TOKENS = 6
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’&]|[.-](?=[^\W_]))*\.?")
_TYPE_PRIOR = {"supranational": 4.0, "country": 4.0, "region": 0.8, "district": 0.3, "city": 0.0}
_CAPITAL_BONUS = 2.0
_COUNTRY_CONTEXT_BONUS = 2.0
_REGION_CONTEXT_BONUS = 1.5
_EXPLICIT_CONTAINER_BONUS = 6.0
_COMMON_WORD_ZIPF = 4.0      # an everyday word ...
_COMMON_WORD_MAX_POP = 1_000_000  # ... naming a town smaller than this is not read as a place
_RARE_WORD_ZIPF = 3.3
_RARE_WORD_MAX_POP = 20_000


@dataclass
class _Match:
    start: int
    end: int
    tokens: tuple[int, int]  # token index range [first, last)
    places: list[Place]
    kind: str = "literal"
    chosen: Place | None = None


def _is_upper_initial(token: str) -> bool:
    return token[:1].isupper()


def _lookup_forms(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """Surface forms to look up for a span: as written, without a final period or a possessive."""
    surface = text[start:end]
    forms = [(surface, end)]
    if surface.endswith("."):
        forms.append((surface[:-1], end - 1))
    for suffix in ("'s", "’s", "'", "’"):
        if surface.endswith(suffix):
            forms.append((surface[: -len(suffix)], end - len(suffix)))
    head, hyphen, tail = surface.rpartition("-")
    if hyphen and head and tail.islower():  # "Hangzhou-based", "Texas-born"
        forms.append((head, start + len(head)))
    if surface.isupper() and len(surface) >= 5:  # ALL-CAPS datelines: "NEW YORK (AP)"
        forms += [(form.title(), stop) for form, stop in list(forms)]
    return forms


def _joinable(text: str, left_end: int, right_start: int) -> bool:
    """True when two tokens are separated by one space or a hyphen only."""
    return text[left_end:right_start] in (" ", "-")


def _find_at(text: str, tokens: list, i: int, index: Index) -> _Match | None:
    """The longest gazetteer match starting at token i, if any."""
    last = i
    while last + 1 < len(tokens) and last + 1 - i < MAX_TOKENS and _joinable(
            text, tokens[last].end(), tokens[last + 1].start()):
        last += 1
    for j in range(last, i - 1, -1):
        word = tokens[j].group()
        if j > i and not _is_upper_initial(word) and word.lower() not in index.connectors:
            continue
        if j > i and word in index.connectors:
            continue
        for form, stop in _lookup_forms(text, tokens[i].start(), tokens[j].end()):
            if j == i and form in index.demonyms:
                return _Match(tokens[i].start(), stop, (i, j + 1),
                              [index.places[index.demonyms[form]]], kind="demonym")
            places = index.lookup(form)
            if places:
                return _Match(tokens[i].start(), stop, (i, j + 1), places)
    return None


def _candidates(text: str, index: Index) -> tuple[list, list[_Match]]:
    """All tokens, and the longest gazetteer matches at capitalised tokens, left to right."""
    tokens = list(_TOKEN.finditer(text))
    matches, i = [], 0
    while i < len(tokens):
        if _is_upper_initial(tokens[i].group()):
            match = _find_at(text, tokens, i, index)
            if match:
                matches.append(match)
                i = match.tokens[1]
                continue
        i += 1
    return tokens, matches


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].strip()
    return start == 0 or before == "" or before[-1:] in ".!?\"“:;\n" or text[start - 1] == "\n"


def _city_only(match: _Match) -> bool:
    return all(p.place_type == "city" for p in match.places)


def _next_word(text: str, tokens: list, match: _Match) -> str:
    """The capitalised word right after a match (one space apart), else ""."""
    k = match.tokens[1]
    if k < len(tokens) and text[match.end:tokens[k].start()] == " ":
        return tokens[k].group().rstrip(".")
    return ""


def _previous_word(text: str, tokens: list, match: _Match) -> str:
    """The word right before a match (one space apart), else ""."""
    k = match.tokens[0] - 1
    if k >= 0 and text[tokens[k].end():match.start] == " ":
        return tokens[k].group()
    return ""


def _in_person_name(text: str, tokens: list, match: _Match, index: Index, starts: set) -> bool:
    """True when a town's name is glued to proper names other than a country's or region's.

    "Jack Ma" and "Liang Wenfeng" are people; "Northern California" and "Kansas City" are not.
    """
    before, after = _previous_word(text, tokens, match), _next_word(text, tokens, match)
    glued_before = (before[:1].isupper() and before not in index.place_modifiers
                    and index.word_zipf.get(before.lower(), 0.0) < 5.5)
    glued_after = (after[:1].isupper() and match.tokens[1] not in starts
                   and after not in index.organisation_words)
    return glued_before or glued_after


def _everyday_word(surface: str, match: _Match, index: Index) -> bool:
    """True when a town's name is mostly an English word or short junk ("Reading", "Ma")."""
    if len(surface) < 3:
        return True
    population = max(p.population for p in match.places)
    excess = index.word_zipf.get(surface.lower(), 0.0) - 0.5 * math.log10(population + 10)
    return excess > 2.0


def _confirmed_by_container(text: str, match: _Match, by_start: dict) -> bool:
    """True when ", Region" or ", Country" containing one of the candidates follows."""
    container = by_start.get(match.end + 2) if text[match.end:match.end + 2] == ", " else None
    return container is not None and any(_inside(p, container) for p in match.places)


def _inside(place: Place, container: _Match) -> bool:
    for c in container.places:
        if c.place_type == "country" and c.country_code == place.country_code and place is not c:
            return True
        if c.place_type == "region" and (c.country_code, c.admin1) == (
                place.country_code, place.admin1) and place is not c:
            return True
    return False


def _keep(text: str, tokens: list, matches: list[_Match], index: Index) -> list[_Match]:
    """Drop matches that name an organisation, a person or an everyday word, not a place."""
    starts = {m.tokens[0] for m in matches if not _city_only(m)}
    by_start = {m.start: m for m in matches}
    person_names: set[str] = set()
    kept = []
    for m in matches:
        surface = text[m.start:m.end]
        if m.kind == "demonym":
            kept.append(m)
        elif surface in index.not_places or _next_word(text, tokens, m) in index.organisation_words:
            continue
        elif _city_only(m) and _in_person_name(text, tokens, m, index, starts):
            person_names.add(surface)
        elif _city_only(m) and _everyday_word(surface, m, index) and not _confirmed_by_container(
                text, m, by_start):
            continue
        else:
            kept.append(m)
    return [m for m in kept if not (_city_only(m) and text[m.start:m.end] in person_names)]


def _static_score(place: Place, surface: str) -> float:
    score = math.log10(place.population + 10) + _TYPE_PRIOR[place.place_type]
    if place.capital:
        score += _CAPITAL_BONUS
    if place.name == surface:
        score += 0.5
    return score


def _context(text: str, matches: list[_Match]) -> tuple[set, set]:
    """Countries and first-level regions the document names without doubt."""
    countries, regions = set(), set()
    for m in matches:
        surface = text[m.start:m.end]
        best = max(m.places, key=lambda p: _static_score(p, surface))
        if best.place_type in ("country", "region") or len(m.places) == 1:
            if best.country_code:
                countries.add(best.country_code)
            if best.place_type == "region":
                regions.add((best.country_code, best.admin1))
    return countries, regions


def _resolve(text: str, matches: list[_Match]) -> None:
    """Choose each match's place, using the document's other places as context."""
    countries, regions = _context(text, matches)
    by_start = {m.start: m for m in matches}
    for m in matches:
        surface = text[m.start:m.end]
        container = by_start.get(m.end + 2) if text[m.end:m.end + 2] == ", " else None

        def score(place: Place) -> float:
            value = _static_score(place, surface)
            if place.place_type != "country" and place.country_code in countries:
                value += _COUNTRY_CONTEXT_BONUS
            if place.place_type == "city" and (place.country_code, place.admin1) in regions:
                value += _REGION_CONTEXT_BONUS
            if container is not None and _inside(place, container):
                value += _EXPLICIT_CONTAINER_BONUS
            return value

        m.chosen = max(m.places, key=score)


def _is_metonym(text: str, tokens: list, match: _Match, index: Index) -> bool:
    """A capital standing for its government: "Beijing's requests", "Washington negotiators"."""
    if match.chosen is None or not match.chosen.capital:
        return False
    k = match.tokens[1]
    for token in tokens[k:k + 4]:
        gap = text[match.end:token.start()]
        if any(ch in gap for ch in ",.;:()\n"):
            return False
        if token.group().lower().rstrip(".") in index.metonym_heads:
            return True
    return False


def _lookup_online(geocoder: Any, name: str, country_code: str) -> tuple[float, float] | None:
    """Coordinates from a geopy geocoder, None when it has no answer."""
    try:
        location = geocoder.geocode(name, exactly_one=True,
                                    country_codes=country_code.lower() or None)
    except TypeError:  # a geocoder that takes no country filter
        location = geocoder.geocode(name, exactly_one=True)
    if location is None:
        return None
    return float(location.latitude), float(location.longitude)


def _toponym(text: str, match: _Match, kind: str, point: tuple | None) -> Toponym:
    place = match.chosen
    lat, lon = point if point else (place.lat, place.lon)
    return Toponym(start=match.start, end=match.end, text=text[match.start:match.end],
                   name=place.name, place_type=place.place_type,
                   country_code=place.country_code, lat=lat, lon=lon,
                   geonameid=place.geonameid, kind=kind)


def geoparse(text: str, geocoder: Any = None, index: Index | None = None) -> list[Toponym]:
    """Place mentions in `text`, in text order, each resolved to one place.

    With a geopy `geocoder`, each unique resolved place is located through it (with its
    country as context), and the gazetteer's point is kept where it has no answer.
    """
    index = index or get_index()
    tokens, matches = _candidates(text, index)
    matches = _keep(text, tokens, matches, index)
    _resolve(text, matches)
    points: dict[tuple, tuple | None] = {}
    found = []
    for m in matches:
        kind = "metonym" if m.kind == "literal" and _is_metonym(text, tokens, m, index) else m.kind
        key = (m.chosen.name, m.chosen.country_code, m.chosen.place_type)
        if geocoder is not None and key not in points:
            points[key] = _lookup_online(geocoder, m.chosen.name, m.chosen.country_code)
        found.append(_toponym(text, m, kind, points.get(key)))
    return found
