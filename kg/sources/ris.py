"""RIS, the citation-manager export (EndNote, Zotero, Mendeley): ``TY  - `` ... ``ER  - `` records."""
from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Iterator

from kg.errors import InputError
from kg.records import Document, Work
from kg.sources.abstract_parts import split_abstract
from kg.sources.base import Reader, documents_from_records
from kg.sources.dates import parse_date
from kg.sources.ids import clean_doi, clean_pmid, doi_in_text, pmcid_in_text, pmid_in_text
from kg.sources.lines import TaggedRecord, iter_lines
from kg.sources.names import short_name_from_inverted

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]) {1,2}- ?(.*)")
_SNIFF_TAG = re.compile(r"^[A-Z][A-Z0-9] {1,2}-(?: |$)", re.MULTILINE)
# Fields that may carry "PMID: 123" or "PMC123" notes.
_NOTE_TAGS = ("AN", "N1", "M1", "M2", "M3", "C1", "C2", "C7", "U1", "U2", "DB", "UR", "L2")
# The accession number (AN) is a PMID only when the record comes from PubMed/MEDLINE (or says nothing).
_PUBMED_DATABASES = re.compile(r"pubmed|medline|\bnlm\b|ncbi", re.IGNORECASE)
MAX_PMID_DIGITS = 8


class RisReader(Reader):
    """Reads RIS citation-manager exports, one Document per record."""

    name: ClassVar[str] = "ris"
    description: ClassVar[str] = 'RIS citation-manager export (.ris): "TY  - " ... "ER  - " records'

    def sniff(self, head: str) -> bool:
        first_tag = _SNIFF_TAG.search(head.lstrip("\ufeff"))
        return bool(first_tag and first_tag.group(0).startswith("TY"))

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        yield from documents_from_records(_records(path, source_name), _work, source_name, self.name)


def _records(path: Path, source_name: str) -> Iterator[TaggedRecord]:
    """Records from TY to ER; a TY without the ER before it still ends the record before."""
    record: TaggedRecord | None = None
    number = 0
    for line_number, line in iter_lines(path, source_name):
        tagged = _TAG_LINE.fullmatch(line.rstrip())
        if tagged:
            tag, value = tagged.group(1), tagged.group(2).strip()
            if tag == "TY":
                if record is not None:
                    yield record
                number += 1
                record = TaggedRecord(number, line_number)
            elif record is None:
                continue  # text before the first record
            if tag == "ER":
                yield record
                record = None
                continue
            record.fields.append((tag, value))
        elif record is not None and record.fields and line.strip():
            tag, value = record.fields[-1]  # a wrapped line of the field before
            record.fields[-1] = (tag, f"{value} {line.strip()}")
    if record is not None:
        yield record


def _work(record: TaggedRecord) -> Work:
    year, date = parse_date(record.first("PY", "Y1", "DA"))
    detailed_year, detailed = parse_date(record.first("DA", "Y1"))
    if detailed and detailed_year == year and len(detailed) > len(date):
        date = detailed
    notes = " ".join(value for tag in _NOTE_TAGS for value in record.values(tag))
    first_page, last_page = record.first("SP"), record.first("EP")
    pages = f"{first_page}-{last_page}" if first_page and last_page and "-" not in first_page else first_page
    keywords = tuple(part.strip() for value in record.values("KW") for part in value.split(";") if part.strip())
    return Work(
        title=" ".join(record.first("TI", "T1", "CT", "BT").split()),
        pmid=_pmid(record, notes),
        pmcid=pmcid_in_text(notes),
        doi=clean_doi(record.first("DO")) if record.first("DO") else doi_in_text(notes),
        authors=tuple(short_name_from_inverted(name) for tag in ("AU", "A1") for name in record.values(tag)),
        journal=record.first("J2", "JA", "JO", "JF", "T2"),
        year=year,
        date=date,
        volume=record.first("VL"),
        issue=record.first("IS"),
        pages=pages,
        keywords=keywords,
        sections=tuple(split_abstract(record.first("AB", "N2"))),
    )


def _pmid(record: TaggedRecord, notes: str) -> str:
    accession = record.first("AN")
    database = record.first("DB", "DP")
    if accession and (not database or _PUBMED_DATABASES.search(database)):
        pmid = clean_pmid(accession)
        if pmid and len(accession.strip()) <= MAX_PMID_DIGITS:
            return pmid
    return pmid_in_text(notes)
