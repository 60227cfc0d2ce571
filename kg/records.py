"""Typed records passed between stages: readers yield :class:`Document`,
extractors yield :class:`Mention` and :class:`Evidence`, assembly keeps
:class:`Claim`. All are plain dataclasses, picklable for process pools."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from kg.constants import SECTION_TITLE


@dataclass(frozen=True)
class TextSection:
    """A piece of a work's text. Evidence offsets index into ``text``."""

    section: str  # one of kg.constants.SECTIONS
    text: str
    heading: str = ""  # the heading as printed, e.g. "CONCLUSIONS" or a body section title


@dataclass(frozen=True)
class MeshHeading:
    """A MeSH descriptor a record is indexed with (or one of its publication types)."""

    descriptor_id: str  # e.g. "D005356"
    label: str
    major: bool = False
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityLink:
    """An entity a source itself links to an ontology, e.g. "fibromyalgia (MONDO:0005546)"."""

    label: str
    curie: str  # e.g. "MONDO:0005546"
    category: str = ""  # as the source names it, e.g. "Diseases"


@dataclass
class Work:
    """Everything known about one paper or cited work. Empty fields are unknown."""

    title: str = ""
    pmid: str = ""
    pmcid: str = ""  # with its "PMC" prefix
    doi: str = ""  # lower-cased, without a resolver prefix
    authors: tuple[str, ...] = ()
    journal: str = ""
    year: int | None = None
    date: str = ""  # ISO 8601 as far as known: "2016", "2016-08", "2016-08-27"
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publication_types: tuple[str, ...] = ()
    publication_type_ids: tuple[str, ...] = ()  # MeSH ids of the publication types, where given
    free_full_text: bool = False  # "Free PMC article"
    keywords: tuple[str, ...] = ()
    mesh_headings: tuple[MeshHeading, ...] = ()
    entities: tuple[EntityLink, ...] = ()
    sections: tuple[TextSection, ...] = ()  # text other than the title: abstract, TL;DR, body...
    citation: str = ""  # the citation text as printed, for references

    def text_sections(self) -> Iterator[TextSection]:
        """The title (as a section) followed by every other text section."""
        if self.title:
            yield TextSection(SECTION_TITLE, self.title)
        yield from self.sections


@dataclass
class Document:
    """One record read from an input: a work and its bibliographic neighbours.

    ``references`` are cited by ``work``; ``cited_by`` cite ``work``;
    ``similar`` are PubMed's similar articles.
    """

    source_file: str  # the input's path as given
    work: Work
    references: tuple[Work, ...] = ()
    cited_by: tuple[Work, ...] = ()
    similar: tuple[Work, ...] = ()
    position: str = ""  # where in the file: "record 3", "line 40"
    reader: str = ""  # name of the reader that produced it

    def works(self) -> tuple[Work, ...]:
        """The main work first, then references, citing works and similar articles.

        Evidence and mentions point into this tuple by index."""
        return (self.work, *self.references, *self.cited_by, *self.similar)


@dataclass(frozen=True)
class Concept:
    """A mechanism, treatment, symptom, disease, biomarker or risk factor."""

    id: str  # CURIE: "MESH:D013315", "MONDO:0005546", "HP:0012531", "KG:..."
    label: str
    role: str  # one of kg.constants.CONCEPT_ROLES
    category: str  # Biolink category CURIE, e.g. "biolink:Disease"
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    valence: int = 0  # -1: more is bad (pain); +1: more is good (sleep quality); 0: neutral


@dataclass(frozen=True)
class Mention:
    """A concept found in one text section of one work of a document."""

    concept_id: str
    text: str  # the surface text as written
    work_index: int  # index into Document.works()
    section_index: int  # index into Work.text_sections()
    start: int  # offsets into that section's text
    end: int


@dataclass(frozen=True)
class Evidence:
    """One sentence supporting (or negating) one claim."""

    subject_id: str
    direction: str  # one of kg.constants.DIRECTIONS
    object_id: str
    negated: bool
    hedged: bool
    hedge_cue: str  # the hedging word, "" when not hedged
    subject_text: str
    object_text: str
    source_file: str
    work_index: int  # index into Document.works()
    section_index: int  # index into Work.text_sections()
    section: str  # one of kg.constants.SECTIONS
    start: int  # sentence offsets into the section's text: text[start:end] == sentence
    end: int
    sentence: str
    negation_cue: str = ""
    trigger: str = ""  # the word or pattern that carried the relation
    paper_id: str = ""  # graph node id of the work, filled in by assembly
    text_id: str = ""  # id of the TextSection the offsets index into, filled in by assembly


@dataclass(frozen=True)
class ClaimKey:
    """What makes a claim one claim."""

    subject_id: str
    direction: str
    object_id: str
    negated: bool


@dataclass
class Claim:
    """All evidence for one (subject, direction, object, negated)."""

    key: ClaimKey
    predicate: str  # Biolink predicate CURIE
    evidences: list[Evidence] = field(default_factory=list)
    paper_ids: list[str] = field(default_factory=list)  # distinct paper node ids, first-seen order
    confidence: float = 0.0
    contradicts: list[ClaimKey] = field(default_factory=list)

    @property
    def id(self) -> str:
        k = self.key
        return f"{k.subject_id}|{k.direction}|{k.object_id}|{'negated' if k.negated else 'asserted'}"
