"""Candidate place names: the longest gazetteer names that start at capitalised words.

A text is scanned once for capitalised words; connectors ("of", "de") are not tokens but gaps a
name may span ("Isle of Man"). Forms looked up: the word as written, without a final period or
a possessive ("Russia's"), the head of "Texas-born", and ALL-CAPS datelines title-cased when
the name is five letters or more ("NEW YORK", "PARIS"): shorter capitals are mostly acronyms
(NASA, NATO, AIDS), so "ROME (AP)" is left unread.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.gazetteer import Index, Place

MAX_TOKENS = 6
_UNKNOWN = object()
_BODY = r"[\w'’&]*(?:[.-](?=[^\W_])[\w'’&]*)*\.?"  # letters, inner hyphens and periods
# A word that starts with a letter other than a-z. The scan tries a cheap character range
# first and the letter and word-start tests only there: half the time of one look-behind at
# every character, and tokenising is a third of the geoparser's time.
_CAPITALISED = re.compile(r"[A-Z\x80-\U0010ffff](?<=[^\W\d_])(?<![\w'’&].)" + _BODY)


@dataclass
class Match:
    """A gazetteer name found in the text, with the places it can be."""

    start: int
    end: int
    tokens: tuple[int, int]  # token index range [first, last)
    places: list[Place]
    kind: str = "literal"
    chosen: Place | None = None


@dataclass
class Tokens:
    """The capitalised words of a text: where each starts and ends, and the word."""

    starts: list[int]
    ends: list[int]
    words: list[str]


@functools.lru_cache(maxsize=4)
def _connector_pattern(connectors: frozenset[str]) -> re.Pattern:
    """A connector and the word it starts ("of", "de-la"), as the gaps between names hold them."""
    joined = "|".join(sorted(connectors, key=len, reverse=True))
    return re.compile(r"(?<![\w'’&])(?:" + joined + r")\b" + _BODY)


def _swallowed(text: str, start: int, connectors: re.Pattern) -> bool:
    """True when a word is the tail of a hyphenated run that starts with a connector ("al-Sadr")."""
    head = start - 1
    while head > 0 and (text[head - 1] in "_'’&" or text[head - 1].isalnum()
                        or (text[head - 1] in ".-" and text[head].isalnum())):
        head -= 1
    found = connectors.search(text, head, start + 1)
    return found is not None and found.start() < start


def tokenise(text: str, index: Index) -> Tokens:
    """The capitalised words of a text, in order."""
    found = list(_CAPITALISED.finditer(text))
    starts = [word.start() for word in found]
    if any(start and text[start - 1] in "-." for start in starts):  # rare: "al-Sadr"
        connectors = _connector_pattern(index.connectors)
        found = [word for word, start in zip(found, starts) if not (
            start and text[start - 1] in "-." and _swallowed(text, start, connectors))]
        starts = [word.start() for word in found]
    return Tokens(starts, [word.end() for word in found], [word.group() for word in found])


def _connector_words(text: str, start: int, end: int, following: int, index: Index) -> int:
    """How many connectors join a name's words to the next word ("Isle of Man": 1), else 0."""
    gap = text[end:following]
    if gap[:1] != " " or gap[-1:] != " " or not _longer_name_starts(
            text[start:end] + " " + gap[1:].split(" ", 1)[0], index):
        return 0  # no name goes on with this connector
    count, at = 0, end
    for found in _connector_pattern(index.connectors).finditer(text, end, following):
        if text[at:found.start()] != " ":
            return 0
        count, at = count + 1, found.end()
    return count if text[at:following] == " " else 0


def _plain(word: str) -> bool:
    """True for a word with one form to look up: no possessive, hyphen, final period or capitals."""
    return (word[-1:].isalpha() and not word.isupper() and "'" not in word and "’" not in word
            and "-" not in word)


def _forms(word: str) -> set[str]:
    """The forms a first word may take in a name: as written, and without its endings."""
    forms = {word, word.rstrip("."), word.removesuffix("'s").removesuffix("’s").rstrip("'’"),
             word.rpartition("-")[0] if word.rpartition("-")[2].islower() else word}
    if word.isupper():
        forms |= {form.title() for form in forms}
    return forms


def _lookup_forms(surface: str, end: int) -> list[tuple[str, int]]:
    """Surface forms to look up for a span: as written, without a final period or a possessive."""
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
        forms.append((head, end - len(surface) + len(head)))
    if surface.isupper() and len(surface) >= 5:  # datelines; shorter capitals are acronyms
        forms += [(form.title(), stop) for form, stop in list(forms)]
    return forms


def _longer_name_starts(span: str, index: Index) -> bool:
    """True when a name of more words starts with these words (as written or title-cased)."""
    return span in index.prefixes or (span.isupper() and span.title() in index.prefixes)


def _reach(text: str, tokens: Tokens, i: int, most: int, index: Index) -> int:
    """The last token a name starting at token i can reach: joined by a space, hyphen or connector."""
    starts, ends = tokens.starts, tokens.ends
    last, used = i, 1
    while last + 1 < len(starts) and used < most:
        if last > i and not _longer_name_starts(text[starts[i]:ends[last]], index):
            break
        width = 1
        if text[ends[last]:starts[last + 1]] not in (" ", "-"):
            inner = _connector_words(text, starts[i], ends[last], starts[last + 1], index)
            if not inner:
                break  # names join over one space or hyphen, or connectors so joined
            width += inner
        if used + width > most:
            break
        last, used = last + 1, used + width
    return last


def _longest(text: str, tokens: Tokens, i: int, last: int, index: Index) -> tuple | None:
    """The longest name from token i to at most token `last`: (tokens, length, kind, places)."""
    starts, ends, words = tokens.starts, tokens.ends, tokens.words
    for j in range(last, i - 1, -1):
        if j > i and not words[j][0].isupper():
            continue  # a name ends on a capitalised word
        for form, stop in _lookup_forms(text[starts[i]:ends[j]], ends[j]):
            if form in index.demonyms:  # "Chinese", "Sri Lankan"
                return j + 1 - i, stop - starts[i], "demonym", [index.places[index.demonyms[form]]]
            if form in index.names:
                return j + 1 - i, stop - starts[i], "literal", index.lookup(form)
    return None


def _find_at(text: str, tokens: Tokens, i: int, most: int, index: Index, known: dict) -> Match | None:
    """The longest gazetteer match starting at token i, if any; `known` holds earlier answers."""
    start = tokens.starts[i]
    last = i if most == 1 else _reach(text, tokens, i, min(most, MAX_TOKENS), index)
    # The words up to `last` decide the answer, wherever they stand: look it up once.
    span = text[start:tokens.ends[last]]
    found = known.get(span, _UNKNOWN)
    if found is _UNKNOWN:
        found = known[span] = _longest(text, tokens, i, last, index)
    if found is None:
        return None
    used, length, kind, places = found
    return Match(start, start + length, (i, i + used), places, kind)


def _first_word(word: str, first_words: dict[str, int]) -> int:
    """The most words a name starting with this token can have (0: no name starts so)."""
    if not word[0].isupper():
        return 0
    if _plain(word):
        return first_words.get(word, 0)
    return max(first_words.get(form, 0) for form in _forms(word))


def candidates(text: str, index: Index) -> tuple[Tokens, list[Match]]:
    """The capitalised words of a text, and the longest gazetteer matches that start at them."""
    tokens = tokenise(text, index)
    words, first_words = tokens.words, index.first_words
    most_of = index.memo("first word")  # most capitalised words start no name: known once
    known = index.memo("longest name")
    matches, i = [], 0
    while i < len(words):
        most = most_of.get(words[i])
        if most is None:
            most = most_of[words[i]] = _first_word(words[i], first_words)
        if most and (match := _find_at(text, tokens, i, most, index, known)):
            matches.append(match)
            i = match.tokens[1]
        else:
            i += 1
    return tokens, matches
