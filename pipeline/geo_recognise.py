"""Recognition: capitalised word sequences looked up in the gazetteer, then filtered.

Candidates are the longest gazetteer names at capitalised tokens, with possessives ("Russia's"),
sentence-final periods and ALL-CAPS datelines handled. A candidate is dropped when it is
- part of a company's name ("China Mobile", "New York Times"); an institution named for its
  place keeps the place ("Alexandria Police", "Paris High School"): it is where it serves;
- part of a person's name ("Jack Ma", "Flores said"), and later bare
  mentions of a name first seen as a person's;
- a listed non-place word, or an everyday English word naming a small town ("Reading",
  "Mobile") unless a following ", State" confirms it.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from pipeline.gazetteer import Index, Place

MAX_TOKENS = 6
_WORD = r"[^\W\d_](?:[\w'’&]|[.-](?=[^\W_]))*\.?"
_NEXT_WORD = re.compile(" (" + _WORD + ")")
# "Moscow said" is a government, "Flores said" a person; "Winnipeg Free Press" and "Edmonton
# Oilers" name a big city's institutions, "Jack Ma" a person.
_PERSON_MAX_POP = 200_000
_NAME_MAX_ZIPF = 4.0  # rarer words are mostly names ("wenfeng" 0, "hilton" 3.8), not "bank" (5.0)


@dataclass
class Match:
    """A gazetteer name found in the text, with the places it can be."""

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
    if surface[-1].isalpha() and "'" not in surface and "’" not in surface and "-" not in surface and (
            len(surface) < 5 or not surface.isupper()):
        return forms  # the common case: a plain word
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



def _plain(word: str) -> bool:
    """True for a word with one form to look up: no possessive, hyphen, final period or capitals."""
    return (word[-1:].isalpha() and not word.isupper() and "'" not in word and "’" not in word
            and "-" not in word)


def _max_words(word: str, index: Index) -> int:
    """The most words a name starting with this token can have (0: no name starts so)."""
    if _plain(word):
        return index.first_words.get(word, 0)  # the common case: one form to look up
    forms = {word, word.rstrip("."), word.removesuffix("'s").removesuffix("’s").rstrip("'’"),
             word.rpartition("-")[0] if word.rpartition("-")[2].islower() else word}
    if word.isupper():
        forms |= {form.title() for form in forms}
    return max(index.first_words.get(form, 0) for form in forms)


def _find_at(text: str, tokens: list, words: list[str], i: int, index: Index) -> Match | None:
    """The longest gazetteer match starting at token i, if any."""
    most = min(_max_words(words[i], index), MAX_TOKENS)
    if not most:
        return None
    last, end = i, tokens[i].end()
    while last + 1 < len(tokens) and last + 1 - i < most:
        following = tokens[last + 1]
        if text[end:following.start()] not in (" ", "-"):
            break  # names join over one space or hyphen only
        last, end = last + 1, following.end()
    start = tokens[i].start()
    for j in range(last, i - 1, -1):
        if j > i and not words[j][0].isupper():
            continue  # a name ends on a capitalised word, not on "of"
        for form, stop in _lookup_forms(text, start, tokens[j].end()):
            if form in index.demonyms:  # "Chinese", "Sri Lankan"
                return Match(start, stop, (i, j + 1), [index.places[index.demonyms[form]]],
                             kind="demonym")
            if form in index.names:
                return Match(start, stop, (i, j + 1), index.lookup(form))
    return None


@functools.lru_cache(maxsize=4)
def _token_pattern(connectors: frozenset[str]) -> re.Pattern:
    """Words that can be part of a name: capitalised ones and connectors ("of", "upon").

    Other lower-case words are skipped, which makes tokenising four times cheaper; the gap they
    leave between two tokens keeps those tokens from joining into one name.
    """
    joined = "|".join(sorted(connectors, key=len, reverse=True))
    return re.compile(r"(?<![\w'’&])(?=[^\W\d_a-z]|(?:" + joined + r")\b)" + _WORD)


def candidates(text: str, index: Index) -> tuple[list, list[Match]]:
    """Capitalised and connector tokens, and the longest gazetteer matches at the capitalised."""
    tokens = list(_token_pattern(index.connectors).finditer(text))
    words = [token.group() for token in tokens]
    first_words = index.first_words
    matches, i = [], 0
    while i < len(tokens):
        word = words[i]
        # Most capitalised words start no name: one dictionary look-up rules them out.
        if word[0].isupper() and (word in first_words or not _plain(word)):
            match = _find_at(text, tokens, words, i, index)
            if match:
                matches.append(match)
                i = match.tokens[1]
                continue
        i += 1
    return tokens, matches


def _city_only(match: Match) -> bool:
    return all(p.place_type == "city" for p in match.places)


def next_word(text: str, tokens: list, match: Match) -> str:
    """The word right after a match (one space apart), without a final period, else ""."""
    found = _NEXT_WORD.match(text, match.end)
    return found.group(1).rstrip(".") if found else ""


def _previous_word(text: str, tokens: list, match: Match) -> str:
    """The word right before a match (one space apart), else ""."""
    k = match.tokens[0] - 1
    if k >= 0 and text[tokens[k].end():match.start] == " ":
        return tokens[k].group()
    return ""


def _glued_names(text: str, tokens: list, match: Match, index: Index, starts: set) -> list[str]:
    """The proper names a town's name is glued to, other than a place's or an office's.

    "Jack Ma" and "Liang Wenfeng" are people; "Northern California", "Kansas City" and
    "Toronto Saturday" are not.
    """
    before, after = _previous_word(text, tokens, match), next_word(text, tokens, match)
    glued = []
    if (before[:1].isupper() and before not in index.place_modifiers
            and index.word_zipf.get(before.lower(), 0.0) < 5.5):
        glued.append(before)
    if (after[:1].isupper() and match.tokens[1] not in starts
            and after not in index.company_words and after not in index.institution_words
            and after not in index.not_places):
        glued.append(after)
    return glued


def _capitalised_run(text: str, tokens: list, match: Match) -> int:
    """How many capitalised words, one space apart, stand in a row around a match."""
    first, last = match.tokens[0], match.tokens[1] - 1
    while first > 0 and text[tokens[first - 1].end():tokens[first].start()] == " " \
            and _is_upper_initial(tokens[first - 1].group()):
        first -= 1
    while last + 1 < len(tokens) and text[tokens[last].end():tokens[last + 1].start()] == " " \
            and _is_upper_initial(tokens[last + 1].group()):
        last += 1
    return last - first + 1


def _name_like(word: str, index: Index) -> bool:
    """True for a word that is rarely anything but a name ("Wenfeng", "Jack", not "Crown")."""
    return index.word_zipf.get(word.lower().rstrip("'’s"), 0.0) < _NAME_MAX_ZIPF


def _person_cue(text: str, tokens: list, match: Match, index: Index) -> bool:
    """True when a town's name is followed by a speech verb ("Flores said")."""
    return next_word(text, tokens, match).lower() in index.person_cues


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


def _confirmed_by_container(text: str, match: Match, by_start: dict) -> bool:
    """True when ", Region" or ", Country" containing one of the candidates follows."""
    container = by_start.get(match.end + 2) if text[match.end:match.end + 2] == ", " else None
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


def _person(text: str, tokens: list, m: Match, index: Index, starts: set) -> tuple[bool, bool]:
    """Whether a town's name is (part of) a person's name here, and surely so.

    Sure readings ("Liang Wenfeng", "Flores said") make later bare mentions a person's too;
    a name glued to an everyday capitalised word ("Oxford Crown Court") is dropped alone.
    """
    if not _small_town(m):
        return False, False
    if _person_cue(text, tokens, m, index):
        return True, True
    if not _city_only(m):  # "Queensland Amber Alert": a region's name is not glued to a person's
        return False, False
    glued = _glued_names(text, tokens, m, index, starts)
    two_words = len(glued) == 1 and _capitalised_run(text, tokens, m) == 2  # not "Oxford Crown Court"
    return bool(glued), two_words and _name_like(glued[0], index)


def keep(text: str, tokens: list, matches: list[Match], index: Index) -> list[Match]:
    """Drop matches that name a company, a person or an everyday word, not a place."""
    starts = {m.tokens[0] for m in matches if not _city_only(m)}
    by_start = {m.start: m for m in matches}
    person_names: set[str] = set()
    kept = []
    for m in matches:
        surface = text[m.start:m.end]
        if m.kind == "demonym":
            kept.append(m)
        elif surface in index.not_places or next_word(text, tokens, m) in index.company_words:
            continue
        elif (person := _person(text, tokens, m, index, starts))[0]:
            if person[1]:
                person_names.add(surface)
        elif _city_only(m) and _everyday_word(surface, m, index) and not _confirmed_by_container(
                text, m, by_start):
            continue
        else:
            kept.append(m)
    return [m for m in kept if not (_small_town(m) and text[m.start:m.end] in person_names)]
