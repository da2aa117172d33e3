"""Sentence boundaries with character offsets, tuned for news prose."""
from __future__ import annotations

import re

# A period after one of these does not end a sentence ("Gov. Smith", "St. Louis", "U.S. troops").
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gov sen rep gen col lt sgt capt cmdr adm st mt ft jr sr rev hon pres supt
inc corp co ltd bros dept univ assn est vs etc no nos vol fig approx
jan feb mar apr jun jul aug sep sept oct nov dec
ala ariz ark cal calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb
nebr nev
okla ore oreg pa penn tenn tex va vt wash wis wisc wyo
""".split())

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*""")
_WORD_BEFORE = re.compile(r"(\w+)\.?$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isalpha():  # initials and U.S.-style abbreviations
        return True
    return word.lower() in _ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; `text[start:end]` is stripped of outer space."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without its leading and trailing white space, None when empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
