"""Resolution: choosing one gazetteer place for each recognised name, from the document.

Each candidate scores log10(population) plus a prior for its type (countries and supranational
areas over regions over cities), a bonus for a national capital, and bonuses for lying in a
country or first-level region that the document names unambiguously; "Paris, Texas" (a place
followed by a comma and its region or country) overrides all of these.
"""
from __future__ import annotations

import math

from pipeline.gazetteer import Index, Place
from pipeline.geo_recognise import Match, inside

_TYPE_PRIOR = {"supranational": 4.0, "country": 4.0, "region": 0.8, "district": 0.3, "city": 0.0}
_CAPITAL_BONUS = 2.0
_COUNTRY_CONTEXT_BONUS = 2.0
_REGION_CONTEXT_BONUS = 1.5
_EXPLICIT_CONTAINER_BONUS = 6.0


def _static_score(place: Place, surface: str) -> float:
    score = math.log10(place.population + 10) + _TYPE_PRIOR[place.place_type]
    if place.capital:
        score += _CAPITAL_BONUS
    if place.name == surface:
        score += 0.5
    return score


def _context(text: str, matches: list[Match]) -> tuple[set, set]:
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


def resolve(text: str, matches: list[Match]) -> None:
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
            if container is not None and inside(place, container):
                value += _EXPLICIT_CONTAINER_BONUS
            return value

        m.chosen = max(m.places, key=score)


def is_metonym(text: str, tokens: list, match: Match, index: Index) -> bool:
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
