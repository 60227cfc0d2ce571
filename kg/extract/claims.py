"""Claims between concepts mentioned in the same sentence, each with its evidence.

Runs after :class:`~kg.extract.mentions.MentionExtractor`: it reads the document's mentions,
splits every text section into sentences and turns each relation the grammar reads
(:mod:`kg.extract.relations`) into an :class:`~kg.records.Evidence`.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from kg.constants import ROLE_DISEASE
from kg.extract.base import DocumentFacts, ExtractionConfig, Extractor
from kg.extract.grammar import load_grammar
from kg.extract.relations import Relation, analyze_sentence
from kg.extract.sentence_view import Item, SentenceView
from kg.extract.sentences import split_sentences
from kg.extract.tokens import TokenizedText, tokenize_shared
from kg.extract.vocabulary import Vocabulary, load_vocabulary
from kg.records import Document, Evidence, Mention


class ClaimExtractor(Extractor):
    """Reads increases / decreases / treats / associated claims from sentences."""

    name = "claims"
    version = "1"
    description = "claims between concepts of a sentence, with hedging, negation and evidence offsets"

    def __init__(self, config: ExtractionConfig) -> None:
        self.vocabulary = load_vocabulary(config.vocab_files)
        self.grammar = load_grammar()

    def extract(self, document: Document, facts: DocumentFacts) -> None:
        by_section: dict[tuple[int, int], list[Mention]] = {}
        for mention in facts.mentions:
            by_section.setdefault((mention.work_index, mention.section_index), []).append(mention)
        by_work: dict[int, list[Mention]] = {}
        for (w, _), section_mentions in by_section.items():
            by_work.setdefault(w, []).extend(section_mentions)
        for work_index, work in enumerate(document.works()):
            work_mentions = by_work.get(work_index)
            if not work_mentions:
                continue
            main = main_disease(work_mentions, self.vocabulary)
            for section_index, section in enumerate(work.text_sections()):
                mentions = by_section.get((work_index, section_index))
                if not mentions:
                    continue
                for found in self._section_evidence(section.text, mentions, main):
                    relation = found.relation
                    facts.evidences.append(Evidence(
                        subject_id=relation.subject.concept_id,
                        direction=relation.direction,
                        object_id=relation.object.concept_id,
                        negated=relation.negated,
                        hedged=bool(relation.hedge_cue),
                        hedge_cue=relation.hedge_cue,
                        subject_text=relation.subject.text,
                        object_text=relation.object.text,
                        source_file=document.source_file,
                        work_index=work_index,
                        section_index=section_index,
                        section=section.section,
                        start=found.start,
                        end=found.end,
                        sentence=section.text[found.start:found.end],
                        negation_cue=relation.negation_cue,
                        trigger=relation.trigger,
                    ))
                    for concept_id in (relation.subject.concept_id, relation.object.concept_id):
                        if concept_id not in facts.concepts:
                            facts.concepts[concept_id] = self.vocabulary.concepts[concept_id]

    def _section_evidence(self, text: str, mentions: Sequence[Mention], main: Item | None) -> list[_Found]:
        tokens = tokenize_shared(text, self.vocabulary.normalizer)
        items = mention_items(tokens, mentions, self.vocabulary)
        found: list[_Found] = []
        for sentence in split_sentences(text):
            first = bisect_left(tokens.starts, sentence.start)
            last = bisect_left(tokens.starts, sentence.end)
            inside = [i for i in items if first <= i.start and i.end <= last]
            if not inside:
                continue
            view = SentenceView(tokens, first, last, inside, self.grammar, self.vocabulary.concepts, main)
            for relation in analyze_sentence(view):
                found.append(_Found(relation, sentence.start, sentence.end))
        return found


@dataclass(frozen=True)
class _Found:
    """A relation with the offsets of its sentence."""

    relation: Relation
    start: int
    end: int


def mention_items(tokens: TokenizedText, mentions: Sequence[Mention], vocabulary: Vocabulary) -> list[Item]:
    """The mentions of one section as items addressed by token index."""
    items: list[Item] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        concept = vocabulary.concepts.get(mention.concept_id)
        if concept is None:
            continue
        start = bisect_left(tokens.starts, mention.start)
        end = bisect_left(tokens.starts, mention.end)
        if start < end:
            items.append(Item(concept.id, concept.role, concept.valence, start, end, mention.text))
    return items


def main_disease(mentions: Sequence[Mention], vocabulary: Vocabulary) -> Item | None:
    """The disease a work is about: its most mentioned disease (the first one on a tie)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for n, mention in enumerate(mentions):
        concept = vocabulary.concepts.get(mention.concept_id)
        if concept is not None and concept.role == ROLE_DISEASE:
            counts[concept.id] += 1
            first_seen.setdefault(concept.id, n)
    if not counts:
        return None
    best = min(counts, key=lambda c: (-counts[c], first_seen[c]))
    concept = vocabulary.concepts[best]
    return Item(concept.id, concept.role, concept.valence, -1, -1, concept.label)
