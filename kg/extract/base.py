"""What every extractor is, and the facts extraction produces for one document."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from kg.records import Concept, Document, Evidence, Mention


@dataclass
class DocumentFacts:
    """Everything extracted from one document. Self-contained, so it can be cached or
    sent between processes: it carries the concepts its mentions and evidence refer to."""

    document: Document
    concepts: dict[str, Concept] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    evidences: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class ExtractionConfig:
    """Settings every extractor is built from. Part of the cache key of extraction results."""

    vocab_files: tuple[str, ...] = ()  # user vocabularies added to the shipped ones


class Extractor(ABC):
    """Finds one kind of fact in a document and adds it to the document's facts.

    Extractors run in registry order, so a later one can use what an earlier one
    found (claims use mentions). ``extract`` must be a pure function of the document."""

    name: ClassVar[str]
    version: ClassVar[str]  # bump when output changes, to invalidate cached results
    description: ClassVar[str]

    @abstractmethod
    def extract(self, document: Document, facts: DocumentFacts) -> None:
        """Add this extractor's facts about ``document`` to ``facts``."""
