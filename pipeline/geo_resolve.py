"""Resolution: choosing one gazetteer place for each recognised name, from the document.

The rule, in two passes. Each candidate scores log10(population), a prior for its type
(countries and supranational areas over regions over districts over cities), +2 for a national
capital and +0.5 for an exact spelling. A following ", Region" or ", Country" that contains it
adds 6 ("Paris, Texas"). That is the first pass.

In the second pass the other names of the document (their first-pass choices) vote: each for
its country, and for its first-level region when that is certain (a region named counts two, a
town one; an ambiguous town votes for its region only when it is a city of 100,000 or more).
A name's own mentions never vote for it. A town, county or region then gains +2 when its
country has votes (+1 more when that country leads with three or more), and 0.75 per vote for
its region from two votes up (at most four); a country gains up to +2 from votes. A town in a
region with three or more votes in a document that names no other country gains +5: the local
paper's Paris is Paris, Texas, and its Georgia is the state. Same-named places of one country
(two Fuzhous) stay separate candidates throughout.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.gazetteer import Index, Place
from pipeline.geo_recognise import Match, inside

_WORDS = re.compile(r"[^\W\d_][\w'’]*")
_TYPE_PRIOR = {"supranational": 4.0, "country": 4.0, "region": 0.8, "district": 0.3, "city": 0.0}
_CAPITAL_BONUS = 2.0
_COUNTRY_CONTEXT_BONUS = 2.0
_REGION_CONTEXT_BONUS = 0.75  # per vote: a town in the region is one, naming it two
_HOME_BONUS = 5.0
_HOME_MIN = 3  # votes (a region named counts two) that make a region the home of a document
_EXPLICIT_CONTAINER_BONUS = 6.0
_BIG_CITY = 100_000  # a name of a city this big mostly means that city: it votes for its region


@dataclass
class _Evidence:
    """Where the document's other place names lie: votes per country and per region."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)

    def add(self, place: Place, region_too: bool) -> None:
        if place.country_code:
            self.countries[place.country_code] += 1
        if region_too and place.place_type != "country" and place.admin1:
            # naming a region is stronger evidence for it than naming one of its towns
            weight = 2 if place.place_type == "region" else 1
            self.regions[(place.country_code, place.admin1)] += weight

    def without(self, other: "_Evidence") -> "_Evidence":
        return _Evidence(self.countries - other.countries, self.regions - other.regions)


def _static_score(place: Place, surface: str) -> float:
    score = math.log10(place.population + 10) + _TYPE_PRIOR[place.place_type]
    if place.capital:
        score += _CAPITAL_BONUS
    if place.name == surface:
        score += 0.5
    return score


def _sure_of_region(m: Match) -> bool:
    """True when every candidate of a match lies in the same first-level region."""
    return len({(p.country_code, p.admin1) for p in m.places}) == 1


def _evidence(text: str, matches: list[Match]) -> dict[str, _Evidence]:
    """Per surface form, the evidence its own mentions add (their first-pass choices)."""
    by_surface: dict[str, _Evidence] = {}
    for m in matches:
        evidence = by_surface.setdefault(text[m.start:m.end], _Evidence())
        sure = _sure_of_region(m) or m.chosen.place_type == "region"
        evidence.add(m.chosen, region_too=sure or m.chosen.population >= _BIG_CITY)
    return by_surface


def _score(place: Place, surface: str, context: _Evidence, container: Match | None) -> float:
    value = _static_score(place, surface)
    votes = context.countries[place.country_code]
    if place.place_type == "country":
        value += _COUNTRY_CONTEXT_BONUS * min(votes, 2) / 2
    elif votes:
        value += _COUNTRY_CONTEXT_BONUS + (votes >= 3 and votes == max(context.countries.values()))
    if place.place_type in ("city", "district", "region"):
        local = context.regions[(place.country_code, place.admin1)]
        if local >= 2:  # one town elsewhere in a region is too little to move a name there
            value += _REGION_CONTEXT_BONUS * min(local, 4)
        if local >= _HOME_MIN and set(context.countries) == {place.country_code}:
            value += _HOME_BONUS  # a local paper's town beats a namesake abroad
    if container is not None and inside(place, container):
        value += _EXPLICIT_CONTAINER_BONUS
    return value


def _choose(text: str, matches: list[Match], evidence: dict[str, _Evidence] | None) -> None:
    """Each match's best candidate, with the evidence of the document's other names."""
    total = _Evidence()
    for own in (evidence or {}).values():
        total.countries.update(own.countries)
        total.regions.update(own.regions)
    by_start = {m.start: m for m in matches}
    contexts: dict[str, _Evidence] = {}
    for m in matches:
        if len(m.places) == 1:
            m.chosen = m.places[0]
            continue
        surface = text[m.start:m.end]
        if surface not in contexts:
            contexts[surface] = total.without(evidence[surface]) if evidence else _Evidence()
        context = contexts[surface]
        container = by_start.get(m.end + 2) if text[m.end:m.end + 2] == ", " else None
        m.chosen = max(m.places, key=lambda p: _score(p, surface, context, container))


def resolve(text: str, matches: list[Match]) -> None:
    """Choose each match's place: first on its own, then in the light of the others."""
    _choose(text, matches, None)
    _choose(text, matches, _evidence(text, matches))


def is_metonym(text: str, match: Match, index: Index) -> bool:
    """A capital standing for its government: "Beijing's requests", "Washington negotiators"."""
    if match.chosen is None or not match.chosen.capital:
        return False
    for word in _WORDS.findall(re.split(r"[,.;:()\n]", text[match.end:match.end + 80], maxsplit=1)[0])[:4]:
        if word.lower() in index.metonym_heads:
            return True
    return False
