"""Sentence splitting on news prose."""
from __future__ import annotations

import pytest

from pipeline.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The first was Australia. The same measure was later announced by South Korea.",
     ["The first was Australia.", "The same measure was later announced by South Korea."]),
    ("Sen. Joe Manchin of W.Va. said it. He left the U.S. Army.",
     ["Sen. Joe Manchin of W.Va. said it.", "He left the U.S. Army."]),
    ('Authorities warned it could "pose risks." In Europe, Italy blocked access.',
     ['Authorities warned it could "pose risks."', "In Europe, Italy blocked access."]),
    ("A headline\nThe body starts here. It goes on", ["A headline", "The body starts here.", "It goes on"]),
])
def test_sentences_end_at_terminal_punctuation_but_not_at_abbreviations(text, expected):
    assert sentences(text) == expected


def test_empty_text_has_no_sentences():
    assert split_sentences("  \n ") == []
