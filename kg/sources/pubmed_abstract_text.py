"""PubMed's "Save -> Abstract (text)" export.

Records are numbered ("1. N Engl J Med. 2018 May 17;378(20):1865-1876. doi: ...") and
made of blank-line separated paragraphs: citation, title, authors, "Author information:",
abstract paragraphs (possibly "BACKGROUND: ..." labelled), copyright and other notes,
then "DOI:", "PMCID:" and "PMID:" lines. Lines are wrapped at about 80 columns. Any
part may be missing, and text before the first record (a search note) is skipped."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Iterator

from kg.errors import InputError
from kg.graph.identity import normalize_pmcid
from kg.records import Document, TextSection, Work
from kg.sources.abstract_parts import split_abstract
from kg.sources.base import Reader, documents_from_records
from kg.sources.dates import parse_date
from kg.sources.ids import clean_doi, clean_pmid, doi_in_text
from kg.sources.lines import iter_lines

_RECORD_START = re.compile(r"(\d{1,6})\.\s+(\S.*)")
# "Journal. 2018 May 17;378(20):1865-1876." -- journal, date, volume(issue), pages
_CITATION = re.compile(
    r"(?P<journal>.+?)\.\s+(?P<date>(?:18|19|20)\d\d\b[^;:.]*)"
    r"(?:;(?P<volume>[^(:.;]*)(?:\((?P<issue>[^)]*)\))?)?"
    r"(?::(?P<pages>[^\s;]+?))?(?:\.\s|\.?$)"
)
_ID_LINE = re.compile(r"(DOI|PMCID|PMID|NIHMSID)\s*:\s*(\S+)", re.IGNORECASE)
_LANGUAGE_NOTE = re.compile(r"\[Article in [^\]]*\]")
_AFFILIATION_MARK = re.compile(r"\(\d+(?:,\s*\d+)*\)")
_AUTHOR = re.compile(r"[^\W\d_][\w'’.\- ]*?\s[A-Z]{1,4}(?:\s(?:Jr|Sr|2nd|3rd|I{1,3}|IV))?")
_SNIFF_RECORD = re.compile(r"^\d{1,6}\.\s+\S.*?\.\s+(?:18|19|20)\d\d\b", re.MULTILINE)
_SNIFF_PART = re.compile(r"^(?:PMID:\s*\d|Author information:)", re.MULTILINE)
# Paragraphs after the abstract: notes that are neither abstract nor identifiers.
_NOTE_STARTS = (
    "copyright",
    "©",
    "(c)",
    "published by",
    "this article is protected by copyright",
    "conflict of interest statement:",
    "comment in",
    "comment on",
    "erratum in",
    "erratum for",
    "update of",
    "update in",
    "retraction in",
    "retraction of",
    "retracted and republished",
    "republished in",
    "republished from",
    "expression of concern",
    "corrected and republished",
    "collaborators:",
    "investigators:",
    "summary for patients",
    "original report in",
    "reprint in",
    "reprint of",
    "dataset use reported in",
)
AUTHOR_SHARE = 0.6  # share of comma-separated items that must look like "Surname AB"
MAX_CITATION_CHARS = 1000  # a citation paragraph is a line or two; longer text is not tried as one
MAX_NAME_CHARS = 80


@dataclass
class _Paragraph:
    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


@dataclass
class _Record:
    number: int
    line: int
    citation: str
    paragraphs: list[_Paragraph] = field(default_factory=list)


class PubMedAbstractTextReader(Reader):
    """Reads PubMed "Abstract (text)" exports, one Document per numbered record."""

    name: ClassVar[str] = "pubmed-abstract-text"
    description: ClassVar[str] = 'PubMed "Save -> Abstract (text)" export: numbered records with PMID/DOI lines'

    def sniff(self, head: str) -> bool:
        return bool(_SNIFF_RECORD.search(head) and _SNIFF_PART.search(head))

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        yield from documents_from_records(_records(path, source_name), _work, source_name, self.name)


def _paragraphs(path: Path, source_name: str) -> Iterator[_Paragraph]:
    current: _Paragraph | None = None
    for number, line in iter_lines(path, source_name):
        if line.strip():
            if current is None:
                current = _Paragraph(number, [])
            current.lines.append(line)
        elif current is not None:
            yield current
            current = None
    if current is not None:
        yield current


def _records(path: Path, source_name: str) -> Iterator[_Record]:
    """Group paragraphs into records; a record starts at the next number's citation line."""
    record: _Record | None = None
    for paragraph in _paragraphs(path, source_name):
        start = _RECORD_START.fullmatch(paragraph.text)
        if start and _starts_record(record, int(start.group(1)), start.group(2)):
            if record is not None:
                yield record
            record = _Record(int(start.group(1)), paragraph.line, start.group(2))
        elif record is not None:
            record.paragraphs.append(paragraph)
        # paragraphs before the first record are front matter
    if record is not None:
        yield record


def _starts_record(record: _Record | None, number: int, rest: str) -> bool:
    # "2. The effects of ..." inside an old abstract must not start a record: the
    # number must be the next one and the line must read like a citation.
    if record is not None and number != record.number + 1:
        return False
    return len(rest) <= MAX_CITATION_CHARS and bool(_CITATION.match(rest))


def _work(record: _Record) -> Work:
    citation = _CITATION.match(record.citation)
    journal = volume = issue = pages = ""
    year, date = None, ""
    if citation:
        journal = citation.group("journal").strip()
        year, date = parse_date(citation.group("date"))
        volume = (citation.group("volume") or "").strip()
        issue = (citation.group("issue") or "").strip()
        pages = (citation.group("pages") or "").strip()
    title = authors_text = ""
    ids: dict[str, str] = {}
    sections: list[TextSection] = []
    body = [p for p in record.paragraphs if not _LANGUAGE_NOTE.fullmatch(p.text)]
    for index, paragraph in enumerate(body):
        text = paragraph.text
        lowered = text.casefold()
        if _is_id_block(paragraph):
            for line in paragraph.lines:
                match = _ID_LINE.match(line.strip())
                if match:
                    ids.setdefault(match.group(1).upper(), match.group(2))
        elif index == 0:
            title = text
        elif lowered.startswith("author information:") or lowered.startswith(_NOTE_STARTS):
            continue
        elif index == 1 and _looks_like_authors(text):
            authors_text = text
        else:
            sections.extend(split_abstract(text))
    return Work(
        title=title,
        pmid=clean_pmid(ids.get("PMID", "")),
        pmcid=normalize_pmcid(ids.get("PMCID", "")),
        doi=clean_doi(ids["DOI"]) if "DOI" in ids else doi_in_text(record.citation),
        authors=_authors(authors_text),
        journal=journal,
        year=year,
        date=date,
        volume=volume,
        issue=issue,
        pages=pages,
        sections=tuple(sections),
    )


def _is_id_block(paragraph: _Paragraph) -> bool:
    return all(_ID_LINE.match(line.strip()) for line in paragraph.lines)


def _author_items(text: str) -> list[str]:
    text = _AFFILIATION_MARK.sub("", text.rstrip().rstrip("."))
    return [item.strip() for item in text.split(",") if item.strip()]


def _looks_like_authors(text: str) -> bool:
    """Whether a paragraph is an author list ("O'Byrne PM(1), FitzGerald JM(1).")."""
    if not text.endswith(".") or len(text) > 20000:
        return False
    if _AFFILIATION_MARK.search(text):
        return True
    items = _author_items(text)
    people = sum(1 for item in items if len(item) <= MAX_NAME_CHARS and _AUTHOR.fullmatch(item))
    return bool(items) and people >= AUTHOR_SHARE * len(items)


def _authors(text: str) -> tuple[str, ...]:
    return tuple(_author_items(text)) if text else ()
