"""Sentence splitting: abbreviations keep sentences whole, offsets slice the text exactly."""
from __future__ import annotations

import pytest

from kg.extract.sentences import split_sentences


def _texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text
    return [s.text for s in sentences]


def test_plain_sentences_split():
    assert _texts("Pain rose. Sleep fell! Why? Because.") == ["Pain rose.", "Sleep fell!", "Why?", "Because."]


@pytest.mark.parametrize("text", [
    "As Smith et al. Reported, yoga helps.",
    "Duloxetine vs. Pregabalin was tested.",
    "Some drugs (e.g. Duloxetine) help.",
    "One drug, i.e. Milnacipran, helps.",
    "See Fig. 2 for the curve.",
    "It took approx. 10 weeks.",
    "Pain fell by 3.5 points.",
    "Written by J. R. Tolkien in 1954.",
    "Cited as Nature Vol. 3 here.",
])
def test_abbreviations_decimals_and_initials_do_not_split(text):
    assert _texts(text) == [text]


def test_lines_and_bullets_split_and_markers_are_dropped():
    text = "Key findings\n- Stress is linked to FM.\n- Exercise may help\n\nfibromyalgia is common"
    assert _texts(text) == ["Key findings", "Stress is linked to FM.", "Exercise may help", "fibromyalgia is common"]


def test_a_wrapped_line_stays_one_sentence():
    assert _texts("exercise reduced pain in women\nwith fibromyalgia.") == ["exercise reduced pain in women\nwith fibromyalgia."]


def test_offsets_with_leading_space_and_quotes():
    text = '  He said "Stop." Then we left.  '
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ['He said "Stop."', "Then we left."]
    assert sentences[0].start == 2 and text[sentences[1].start:sentences[1].end] == "Then we left."


def test_empty_and_punctuation_only():
    assert split_sentences("") == []
    assert split_sentences(" \n - \n") == []
