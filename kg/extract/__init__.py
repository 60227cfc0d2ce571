"""Extractors, one module per kind of fact, and the registry that runs them.

Bibliographic facts (works, citations, similar articles) come straight from the
:class:`~kg.records.Document` structure; extractors add facts found in text.
To add one: subclass :class:`~kg.extract.base.Extractor` in its own module and
add a factory to :data:`EXTRACTOR_FACTORIES`.
"""
from __future__ import annotations

from typing import Callable, Sequence

from kg.extract.base import DocumentFacts, ExtractionConfig, Extractor
from kg.extract.claims import ClaimExtractor
from kg.extract.mentions import MentionExtractor
from kg.records import Document

ExtractorFactory = Callable[[ExtractionConfig], Extractor]

# Claims read the mentions, so mentions run first.
EXTRACTOR_FACTORIES: list[ExtractorFactory] = [MentionExtractor, ClaimExtractor]


def build_extractors(config: ExtractionConfig) -> list[Extractor]:
    """Instantiate every registered extractor for ``config``, in order."""
    return [factory(config) for factory in EXTRACTOR_FACTORIES]


def extract_document(document: Document, extractors: Sequence[Extractor]) -> DocumentFacts:
    """Run ``extractors`` over one document. A pure function of its arguments."""
    facts = DocumentFacts(document)
    for extractor in extractors:
        extractor.extract(document, facts)
    return facts


def extractors_version(extractors: Sequence[Extractor]) -> str:
    """A string that changes whenever any extractor's output may change."""
    return ";".join(f"{e.name}={e.version}" for e in extractors)


__all__ = [
    "DocumentFacts",
    "ExtractionConfig",
    "Extractor",
    "build_extractors",
    "extract_document",
    "extractors_version",
]
