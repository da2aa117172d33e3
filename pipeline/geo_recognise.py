"""Recognition: the candidate names of `geo_candidates`, filtered.

A candidate is dropped when it is
- part of a company's name ("China Mobile", "New York Times", "Bank of East Asia" for a
  continent or world region, "Korea Hydro & Nuclear Power" for a country; a demonym before a
  word rare in English, "Saudi Aramco"); an institution named for its town or state keeps the
  place ("Alexandria Police", "Bank of Canada", "Texas Parks & Wildlife"): it is where it serves;
- part of a person's name ("Jack Ma", "Flores said", a title before it: "Mrs. Lincoln",
  "President Vladimir Putin"), and later bare mentions of a name first seen as a person's;
- a listed non-place word, or an everyday English word naming a small town ("Reading",
  "Mobile") unless a following ", State" confirms it.
"""
from __future__ import annotations

import math
import re

from pipeline.gazetteer import Index, Place
from pipeline.geo_candidates import Match, Tokens

_WORD = r"[^\W\d_](?:[\w'’&]|[.-](?=[^\W_]))*\.?"
_NEXT_WORD = re.compile(" (" + _WORD + ")")
_OWNER_BEFORE = re.compile(r"([^\W\d_]+) of (?:the )?$")  # "Bank of East Asia"
_AMPERSAND_AFTER = re.compile(r"(?: [A-Z][\w'’-]*)+ & [A-Z]")  # "Korea Hydro & Nuclear Power"
# "Moscow said" is a government, "Flores said" a person; "Winnipeg Free Press" and "Edmonton
# Oilers" name a big city's institutions, "Jack Ma" a person.
_PERSON_MAX_POP = 200_000
_TOWN_SIZED_DIVISION = 50_000  # municipalities that GeoNames lists as first-level divisions
_NAME_MAX_ZIPF = 4.0  # rarer words are mostly names ("wenfeng" 0, "hilton" 3.8), not "bank" (5.0)
_BRAND_MAX_ZIPF = 2.5  # "Aramco", "Gazprom"; not "Prime", "Muslim", "Cypriot"


def _in_organisation(text: str, m: Match, index: Index, after: str) -> bool:
    """True when a name is part of an organisation's ("China Mobile", "Bank of East Asia").

    A town's or state's institution keeps its place ("Bank of Canada", "Texas Parks & Wildlife"
    serve there); a firm named for a continent or a country sells in it or from it.
    """
    if after in index.company_words:
        return True
    if text.endswith(("of ", "the "), 0, m.start) and all(
            p.place_type == "supranational" for p in m.places) and (owner := _OWNER_BEFORE.search(
            text, max(0, m.start - 24), m.start)) and owner.group(1) in index.company_words:
        return True
    # most texts have no "&" near a name: look for one before trying the pattern
    return (0 <= text.find("&", m.end, m.end + 60) and not _no_country(m)
            and _AMPERSAND_AFTER.match(text, m.end) is not None)


def _titled(text: str, tokens: Tokens, m: Match, index: Index) -> bool:
    """True when a name follows a person's title, or a title and a name ("Lt. Paul Henderson")."""
    k, starts, ends = m.tokens[0], tokens.starts, tokens.ends
    for back in (1, 2):
        if k - back < 0 or text[ends[k - back]:starts[k - back + 1]] != " ":
            return False
        word = tokens.words[k - back]
        if word in index.person_titles:
            return True
        if word.endswith(".") or not word[:1].isupper():  # "Governor Resigns. Murmansk"
            return False
    return False


def _names_a_brand(text: str, tokens: Tokens, m: Match, index: Index) -> bool:
    """True when a demonym starts a name with a word rare in English ("Saudi Aramco")."""
    after = next_word(text, tokens, m).removesuffix("'s").removesuffix("’s")
    return (after[:1].isupper() and after[1:].islower() and after.isalpha()
            and index.word_zipf.get(after.lower(), 0.0) < _BRAND_MAX_ZIPF)


def _city_only(match: Match) -> bool:
    return all(p.place_type == "city" for p in match.places)


def _town_sized(match: Match) -> bool:
    """True when every candidate is a town, or a division no bigger than one ("Store", Slovenia)."""
    return all(p.place_type == "city" or (p.place_type in ("region", "district")
                                          and p.population < _TOWN_SIZED_DIVISION)
               for p in match.places)


def next_word(text: str, tokens: Tokens, match: Match) -> str:
    """The word right after a match (one space apart), without a final period, else ""."""
    found = _NEXT_WORD.match(text, match.end)
    return found.group(1).rstrip(".") if found else ""


def _previous_word(text: str, tokens: Tokens, match: Match) -> str:
    """The word right before a match (one space apart), else ""."""
    k = match.tokens[0] - 1
    if k >= 0 and text[tokens.ends[k]:match.start] == " ":
        return tokens.words[k]
    return ""


def _glued_names(text: str, tokens: Tokens, match: Match, index: Index, starts: set,
                 after: str) -> list[str]:
    """The proper names a town's name is glued to, other than a place's or an office's.

    "Jack Ma" and "Liang Wenfeng" are people; "Northern California", "Kansas City" and
    "Toronto Saturday" are not.
    """
    before = _previous_word(text, tokens, match)
    glued = []
    if (before[:1].isupper() and before not in index.place_modifiers
            and index.word_zipf.get(before.lower(), 0.0) < 5.5):
        glued.append(before)
    if (after[:1].isupper() and match.tokens[1] not in starts
            and after not in index.company_words and after not in index.institution_words
            and after not in index.not_places):
        glued.append(after)
    return glued


def _capitalised_run(text: str, tokens: Tokens, match: Match) -> int:
    """How many capitalised words, one space apart, stand in a row around a match."""
    starts, ends, words = tokens.starts, tokens.ends, tokens.words
    first, last = match.tokens[0], match.tokens[1] - 1
    while first > 0 and text[ends[first - 1]:starts[first]] == " " and words[first - 1][:1].isupper():
        first -= 1
    while last + 1 < len(words) and text[ends[last]:starts[last + 1]] == " " \
            and words[last + 1][:1].isupper():
        last += 1
    return last - first + 1


def _name_like(word: str, index: Index) -> bool:
    """True for a word that is rarely anything but a name ("Wenfeng", "Jack", not "Crown")."""
    return index.word_zipf.get(word.lower().rstrip("'’s"), 0.0) < _NAME_MAX_ZIPF


def _everyday_word(surface: str, match: Match, index: Index) -> bool:
    """True when a town's name is mostly an English word or short junk ("Reading", "Ma")."""
    if len(surface) < 3:
        return True
    population = max(p.population for p in match.places)
    excess = index.word_zipf.get(surface.lower(), 0.0) - 0.5 * math.log10(population + 10)
    return excess > 2.0


def inside(place: Place, container: Match) -> bool:
    """True when one of the container's candidates is the place's country or region."""
    for c in container.places:
        if c.place_type == "country" and c.country_code == place.country_code and place is not c:
            return True
        if c.place_type == "region" and (c.country_code, c.admin1) == (
                place.country_code, place.admin1) and place is not c:
            return True
    return False


def container_after(text: str, match: Match, by_start: dict) -> Match | None:
    """The match right after ", " ("Paris, Texas"), which may contain this one; else None."""
    return by_start.get(match.end + 2) if text[match.end:match.end + 2] == ", " else None


def _confirmed_by_container(text: str, match: Match, by_start: dict) -> bool:
    """True when ", Region" or ", Country" containing one of the candidates follows."""
    container = container_after(text, match, by_start)
    return container is not None and any(inside(p, container) for p in match.places)


def _no_country(match: Match) -> bool:
    """True when no candidate is a country or a supranational area."""
    return all(p.place_type not in ("country", "supranational") for p in match.places)


def _small_town(match: Match) -> bool:
    """True when a candidate is a town, none a country or a city whose name is rarely a person's.

    Town names double as people's names ("Nelson said"); names only of regions rarely do.
    """
    cities = [p.population for p in match.places if p.place_type == "city"]
    return _no_country(match) and bool(cities) and max(cities) < _PERSON_MAX_POP


def _person(text: str, tokens: Tokens, m: Match, index: Index, starts: set, after: str,
            city_only: bool) -> tuple[bool, bool]:
    """Whether a small town's name is (part of) a person's name here, and surely so.

    Sure readings ("Liang Wenfeng", "Flores said") make later bare mentions a person's too;
    a name glued to an everyday capitalised word ("Oxford Crown Court") is dropped alone.
    """
    if after.lower() in index.person_cues:  # "Flores said"
        return True, True
    if not city_only:  # "Queensland Amber Alert": a region's name is not glued to a person's
        return False, False
    glued = _glued_names(text, tokens, m, index, starts, after)
    two_words = len(glued) == 1 and _capitalised_run(text, tokens, m) == 2  # not "Oxford Crown Court"
    return bool(glued), two_words and _name_like(glued[0], index)


def _facts(surface: str, m: Match, index: Index) -> tuple[list[Place], bool, bool]:
    """A name's candidates, whether all are cities and whether it is a small town's; once a name."""
    memo = index.memo("town facts")
    known = memo.get(surface)
    if known is None or known[0] is not m.places:
        known = memo[surface] = (m.places, _city_only(m), _small_town(m))
    return known


def keep(text: str, tokens: Tokens, matches: list[Match], index: Index) -> list[Match]:
    """Drop matches that name a company, a person or an everyday word, not a place."""
    surfaces = [text[m.start:m.end] for m in matches]
    facts = [_facts(surface, m, index) for surface, m in zip(surfaces, matches)]
    starts = {m.tokens[0] for m, (_, city_only, _) in zip(matches, facts) if not city_only}
    by_start = {m.start: m for m in matches}
    person_names: set[str] = set()
    kept = []
    for m, surface, (_, city_only, small_town) in zip(matches, surfaces, facts):
        if m.kind == "demonym":
            if not _names_a_brand(text, tokens, m, index):
                kept.append((m, surface, small_town))
            continue
        after = next_word(text, tokens, m)
        if surface in index.not_places or _in_organisation(text, m, index, after):
            continue
        if _titled(text, tokens, m, index) and _no_country(m):
            if small_town:
                person_names.add(surface)
            continue
        if small_town and (person := _person(text, tokens, m, index, starts, after, city_only))[0]:
            if person[1]:
                person_names.add(surface)
        elif not (_town_sized(m) and _everyday_word(surface, m, index)
                  and not _confirmed_by_container(text, m, by_start)):
            kept.append((m, surface, small_town))
    return [m for m, surface, small_town in kept if not (small_town and surface in person_names)]
