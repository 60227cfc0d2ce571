"""Concept mentions in every text section of every work of a document.

Synonyms match case-insensitively on folded tokens (plurals, hyphens and spelling variants
fold away), abbreviations match case-sensitively, and the longest phrase wins. An
abbreviation a work defines ("fibromyalgia syndrome (FMS)") names that concept in the
rest of the same work.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kg.extract.base import DocumentFacts, ExtractionConfig, Extractor
from kg.extract.tokens import TOKEN_RE, PhraseTrie, TokenizedText, tokenize_shared
from kg.extract.vocabulary import Vocabulary, load_vocabulary
from kg.records import Document, Mention, TextSection

MAX_SHORT_FORM = 10  # characters


@dataclass(frozen=True)
class Span:
    """A concept found at tokens ``start`` to ``end`` (exclusive) of one tokenized text."""

    start: int
    end: int
    concept_id: str


def find_spans(tokens: TokenizedText, vocabulary: Vocabulary,
               local: PhraseTrie[str] | None = None) -> list[Span]:
    """Non-overlapping concept spans, longest match first, left to right.

    ``local`` holds abbreviations defined in the work (case-sensitive, they win ties)."""
    spans: list[Span] = []
    keys, joins = tokens.keys, tokens.joins
    # cased() changes only non-ASCII words
    cased_words = tokens.raws if tokens.text.isascii() else vocabulary.normalizer.cased_all(tokens.raws)
    phrases, cased = vocabulary.phrases, vocabulary.cased
    tries = (cased,) if local is None else (cased, local)
    candidates = set(phrases.starts(keys))
    for trie in tries:
        candidates.update(trie.starts(cased_words))
    end = 0  # the token after the last span taken
    for i in sorted(candidates):
        if i < end:
            continue
        best = phrases.longest(keys, i, joins) if phrases.starts_with(keys[i]) else None
        for trie in tries:
            if trie.starts_with(cased_words[i]):
                match = trie.longest(cased_words, i, joins)
                if match is not None and (best is None or match.end > best.end
                                          or (trie is local and match.end == best.end)):
                    best = match
        if best is None:
            continue
        if best.payload is not None:  # None marks a stop phrase: skip it whole
            spans.append(Span(best.start, best.end, best.payload))
        end = best.end
    return spans


def defined_abbreviations(tokens: TokenizedText, spans: Sequence[Span]) -> dict[tuple[str, ...], str]:
    """Short forms defined right after a concept mention: "long form (SF)" -> {("SF",): concept}.

    The short form must be explainable by the long form (Schwartz & Hearst, 2003)."""
    text = tokens.text
    found: dict[tuple[str, ...], str] = {}
    for span in spans:
        after = tokens.ends[span.end - 1]
        rest = text[after:after + MAX_SHORT_FORM + 4]
        stripped = rest.lstrip(" ")
        if not stripped.startswith("("):
            continue
        close = stripped.find(")")
        separator = min((p for p in (stripped.find(";"), stripped.find(",")) if p > 0), default=-1)
        end = separator if 0 < separator < close else close
        if end <= 1:
            continue
        short = stripped[1:end].strip()
        if not _plausible_short_form(short):
            continue
        long_form = text[tokens.starts[span.start]:after]
        if _explains(short, long_form):
            found[tuple(TOKEN_RE.findall(short))] = span.concept_id
    return found


def _plausible_short_form(short: str) -> bool:
    if not 2 <= len(short) <= MAX_SHORT_FORM or " " in short.strip():
        return False
    return short[0].isalnum() and any(c.isupper() for c in short) and any(c.isalpha() for c in short)


def _explains(short: str, long_form: str) -> bool:
    """Schwartz-Hearst: every letter/digit of ``short`` appears, right to left, in ``long_form``,
    and the first one starts a word of the long form."""
    chars = [c.lower() for c in short if c.isalnum()]
    long_lower = long_form.lower()
    li = len(long_lower) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (long_lower[li] != c or (si == 0 and li > 0 and long_lower[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


class MentionExtractor(Extractor):
    """Finds concept mentions in titles, abstracts and every other text section."""

    name = "mentions"
    version = "1"
    description = "concept mentions from the vocabulary, with abbreviations defined in the text"

    def __init__(self, config: ExtractionConfig) -> None:
        self.vocabulary = load_vocabulary(config.vocab_files)

    def extract(self, document: Document, facts: DocumentFacts) -> None:
        for work_index, work in enumerate(document.works()):
            sections = list(work.text_sections())
            if sections:  # most cited works have no text
                self._extract_work(work_index, sections, facts)

    def _extract_work(self, work_index: int, sections: Sequence[TextSection], facts: DocumentFacts) -> None:
        """The mentions in the text ``sections`` of work ``work_index``."""
        vocabulary = self.vocabulary
        tokenized = [tokenize_shared(s.text, vocabulary.normalizer) for s in sections]
        spans = [find_spans(t, vocabulary) for t in tokenized]
        local: dict[tuple[str, ...], str] = {}
        for tokens, section_spans in zip(tokenized, spans, strict=True):
            if section_spans:
                local.update(defined_abbreviations(tokens, section_spans))
        if local:
            trie: PhraseTrie[str] = PhraseTrie()
            for words, concept_id in local.items():
                trie.add(list(words), concept_id)
                trie.add([*words[:-1], words[-1] + "s"], concept_id)
            spans = [find_spans(t, vocabulary, trie) for t in tokenized]
        for section_index, (tokens, section_spans) in enumerate(zip(tokenized, spans, strict=True)):
            for span in section_spans:
                start, end = tokens.starts[span.start], tokens.ends[span.end - 1]
                facts.mentions.append(Mention(span.concept_id, tokens.text[start:end],
                                              work_index, section_index, start, end))
                if span.concept_id not in facts.concepts:
                    facts.concepts[span.concept_id] = vocabulary.concepts[span.concept_id]
