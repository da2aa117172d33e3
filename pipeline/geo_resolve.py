"""Resolution: choosing one gazetteer place for each recognised name, from the document.

The rule, in two or three passes. Each candidate scores log10(population), a prior for its type
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
paper's Paris is Paris, Texas, and its Georgia is the state. When an ambiguous name's choice
lies in a region that other names voted for, it votes for that region too and the names are
chosen a third time: "Lamar County" beside "Texas" is the Texan one, and makes Paris Texan.
Same-named places of one country (two Fuzhous) stay separate candidates throughout.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.gazetteer import Index, Place
from pipeline.geo_candidates import Match
from pipeline.geo_recognise import container_after, inside

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


def static_score(place: Place, surface: str) -> float:
    """A candidate's score before context: population, type, capital, exact name."""
    score = math.log10(place.population + 10) + _TYPE_PRIOR[place.place_type]
    if place.capital:
        score += _CAPITAL_BONUS
    if place.name == surface:
        score += 0.5
    return score


def _sure_of_region(m: Match) -> bool:
    """True when every candidate of a match lies in the same first-level region."""
    return len(m.places) == 1 or len({(p.country_code, p.admin1) for p in m.places}) == 1


def _votes_for_region(m: Match, before: _Evidence | None) -> bool:
    """Whether a mention's choice counts for its region as well as its country."""
    if m.chosen.place_type == "region" or m.chosen.population >= _BIG_CITY or _sure_of_region(m):
        return True
    # after a pass, an ambiguous name chosen in a region others voted for is as good as sure
    return before is not None and before.regions[(m.chosen.country_code, m.chosen.admin1)] > 0


def _evidence(text: str, matches: list[Match], before: _Evidence | None = None
              ) -> tuple[_Evidence, dict[str, _Evidence]]:
    """What all mentions add (their current choices), and what those of each ambiguous name add.

    With the evidence `before` a pass, an ambiguous name whose choice lies in a region with
    votes votes for it too: "Lamar County" beside "Texas" is the Texan one, and counts.
    """
    total, own = _Evidence(), {}
    for m in matches:
        region_too = _votes_for_region(m, before)
        total.add(m.chosen, region_too)
        if len(m.places) > 1:  # only an ambiguous name is chosen again, without its own votes
            own.setdefault(text[m.start:m.end], _Evidence()).add(m.chosen, region_too)
    return total, own


def _newly_confirmed(matches: list[Match], before: _Evidence) -> bool:
    """True when some ambiguous name's region vote depends on the evidence of a pass."""
    return any(len(m.places) > 1 and not _votes_for_region(m, None) and _votes_for_region(m, before)
               for m in matches)


def _score(place: Place, static: float, context: _Evidence, container: Match | None,
           lead: int, only: str | None) -> float:
    value = static
    votes = context.countries[place.country_code]
    if place.place_type == "country":
        value += _COUNTRY_CONTEXT_BONUS * min(votes, 2) / 2
    elif votes:
        value += _COUNTRY_CONTEXT_BONUS + (votes >= 3 and votes == lead)
    if place.place_type in ("city", "district", "region"):
        local = context.regions[(place.country_code, place.admin1)]
        if local >= 2:  # one town elsewhere in a region is too little to move a name there
            value += _REGION_CONTEXT_BONUS * min(local, 4)
        if local >= _HOME_MIN and only == place.country_code:
            value += _HOME_BONUS  # a local paper's town beats a namesake abroad
    if container is not None and inside(place, container):
        value += _EXPLICIT_CONTAINER_BONUS
    return value


def _static_scores(m: Match, surface: str, index: Index) -> list[float]:
    """Each candidate's score before context, worked out once per name."""
    memo = index.memo("static scores")
    known = memo.get(surface)
    if known is None or known[0] is not m.places:
        known = memo[surface] = (m.places, [static_score(p, surface) for p in m.places])
    return known[1]


def _best(m: Match, statics: list[float], context: _Evidence, container: Match | None) -> Place:
    """The candidate with the highest score; the first of equals, as `max` gives."""
    # Context only adds to a candidate of a country or region with votes, or in a container.
    touched = set(context.countries) | {country for country, _ in context.regions}
    lead = max(context.countries.values(), default=0)  # the most votes a country has
    only = next(iter(context.countries)) if len(context.countries) == 1 else None
    best, best_score = None, -math.inf
    for place, static in zip(m.places, statics):
        if container is not None or place.country_code in touched:
            static = _score(place, static, context, container, lead, only)
        if static > best_score:
            best, best_score = place, static
    return best


def _choose(text: str, matches: list[Match], evidence: tuple[_Evidence, dict] | None,
            index: Index) -> None:
    """Each match's best candidate, with the evidence of the document's other names."""
    by_start = {m.start: m for m in matches}
    contexts: dict[str, _Evidence] = {}
    for m in matches:
        if len(m.places) == 1:
            m.chosen = m.places[0]
            continue
        surface = text[m.start:m.end]
        if surface not in contexts:
            contexts[surface] = evidence[0].without(evidence[1][surface]) if evidence else _Evidence()
        context = contexts[surface]
        container = container_after(text, m, by_start)
        m.chosen = _best(m, _static_scores(m, surface, index), context, container)


def resolve(text: str, matches: list[Match], index: Index) -> None:
    """Choose each match's place: first on its own, then twice in the light of the others."""
    _choose(text, matches, None, index)
    first = _evidence(text, matches)
    _choose(text, matches, first, index)
    if _newly_confirmed(matches, first[0]):
        _choose(text, matches, _evidence(text, matches, first[0]), index)


def is_metonym(text: str, match: Match, index: Index) -> bool:
    """A capital standing for its government: "Beijing's requests", "Washington negotiators"."""
    if match.chosen is None or not match.chosen.capital:
        return False
    for word in _WORDS.findall(re.split(r"[,.;:()\n]", text[match.end:match.end + 80], maxsplit=1)[0])[:4]:
        if word.lower() in index.metonym_heads:
            return True
    return False
