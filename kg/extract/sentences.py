"""Sentence splitting with exact character offsets: ``text[s.start:s.end] == s.text``.

A sentence ends at ., ! or ? followed by space and a capital, digit or opening bracket,
unless the word before the stop is a known abbreviation ("et al.", "vs.", "e.g.", "Fig.")
or an initial. Line breaks end sentences too (bullets, paragraphs), except a line that
obviously wraps mid-sentence (lower-case on both sides of the break).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.tokens import read_table

ABBREVIATIONS_FILE = Path(__file__).resolve().parents[1] / "vocab" / "sentence_abbreviations.tsv"

# A sentence-final stop, its closing quotes/brackets, the space after it, and what follows.
_STOP = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=[ \t\u00a0]+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
_BULLET = re.compile(r"(?:[-*\u2022\u00b7\u2013\u2014]|\d{1,2}[.)])\s+")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text section, with its character offsets into the section text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(cells[0].lower() for _, cells in read_table(ABBREVIATIONS_FILE, ("word",)))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; whitespace and bullet markers between them are dropped."""
    cuts = sorted(set(_line_cuts(text)) | set(_stop_cuts(text)))
    sentences: list[Sentence] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        sentence = _trimmed(text, begin, cut)
        if sentence is not None:
            sentences.append(sentence)
        begin = cut
    return sentences


def _line_cuts(text: str) -> list[int]:
    if "\n" not in text:  # most texts: no need to run the pattern at every space
        return []
    cuts = []
    for match in _LINE_BREAK.finditer(text):
        last = _last_visible(text, match.start())
        after = text[match.end():match.end() + 1]
        blank_line = match.group().count("\n") > 1
        wraps = bool(last) and (last.islower() or last in ",-") and after.islower()
        if blank_line or not wraps:
            cuts.append(match.start())
    return cuts


def _last_visible(text: str, end: int) -> str:
    """The last non-space character before ``end``, or "" (no copy of the text before it)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > 0 else ""


def _stop_cuts(text: str) -> list[int]:
    abbreviations = _abbreviations()
    cuts = []
    for match in _STOP.finditer(text):
        if text[match.start()] == ".":
            word = _word_before(text, match.start())
            if word is not None:
                word_start = word[0]
                token = text[word_start:word[1]].lower()
                if len(token) == 1 or token in abbreviations or token.rstrip(".") in abbreviations:
                    continue
                # "et al." is two words; check the one before too
                previous = text[max(0, word_start - 3):word_start].lower()
                if token == "al" and previous.endswith("et "):
                    continue
        cuts.append(match.end())
    return cuts


def _word_before(text: str, end: int) -> tuple[int, int] | None:
    """The (start, end) of the word (ASCII letters and dots, starting with a letter) that ends
    at ``end``, or right before a line break at ``end - 1`` (as a regex ``$`` would), or None.
    Walks back from ``end``: no scan of the text before the word."""
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    start = end
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and text[start] == ".":
        start += 1
    return (start, end) if start < end else None


def _trimmed(text: str, begin: int, end: int) -> Sentence | None:
    while begin < end and text[begin].isspace():
        begin += 1
    bullet = _BULLET.match(text, begin, end)
    if bullet:
        begin = bullet.end()
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin >= end or not any(c.isalnum() for c in text[begin:end]):
        return None
    return Sentence(begin, end, text[begin:end])
