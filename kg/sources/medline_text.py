"""MEDLINE text ("PubMed format", ``.nbib``): tagged lines, records separated by blank lines.

A line is ``TAG - value`` with the tag padded to four characters ("PMID- ", "TI  - ");
a value goes on over lines indented by six spaces. MeSH headings carry no ids in
this format: they are resolved from labels through :mod:`kg.sources.mesh_labels`."""
from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Iterator

from kg.errors import InputError
from kg.graph.identity import normalize_pmcid
from kg.records import Document, MeshHeading, Work
from kg.sources.abstract_parts import split_abstract
from kg.sources.base import Reader
from kg.sources.dates import parse_date
from kg.sources.ids import clean_doi, clean_pmid
from kg.sources.lines import TaggedRecord, iter_lines
from kg.sources.mesh_labels import descriptor_id
from kg.sources.names import short_name_from_inverted

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_SNIFF_FIRST = re.compile(r"\s*PMID- *\d")
_ID_WITH_TYPE = re.compile(r"^(.*?)\s*\[(\w+)\]\s*$")


class MedlineTextReader(Reader):
    """Reads MEDLINE / PubMed-format text exports, one Document per record."""

    name: ClassVar[str] = "medline-text"
    description: ClassVar[str] = 'MEDLINE text / "PubMed format" export (.nbib, .txt): "PMID- " tagged lines'

    def sniff(self, head: str) -> bool:
        return bool(_SNIFF_FIRST.match(head))

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        for record in _records(path, source_name):
            pmid = clean_pmid(record.first("PMID"))
            where = f"line {record.line}"
            if not pmid:
                yield InputError(source_name, f"record {record.number} has no PMID", where)
                continue
            try:
                work = _work(record, pmid)
            except Exception as exc:  # one odd record must not stop the file
                yield InputError(source_name, f"cannot read PMID {pmid} ({type(exc).__name__}: {exc})", where)
                continue
            yield Document(source_name, work, position=f"record {record.number}", reader=self.name)


def _records(path: Path, source_name: str) -> Iterator[TaggedRecord]:
    """The records of the file, as (tag, value) lists with continuation lines joined."""
    record: TaggedRecord | None = None
    number = 0
    for line_number, line in iter_lines(path, source_name):
        if not line.strip():
            if record is not None:
                yield record
                record = None
            continue
        tagged = None if line[:1].isspace() else _TAG_LINE.fullmatch(line.rstrip())
        if tagged:
            tag, value = tagged.group(1), tagged.group(2).strip()
            if record is not None and tag == "PMID" and record.fields:
                yield record
                record = None
            if record is None:
                number += 1
                record = TaggedRecord(number, line_number)
            record.fields.append((tag, value))
        elif record is not None and record.fields:
            # A continuation line, or an unindented wrapped line from a lax exporter.
            tag, value = record.fields[-1]
            record.fields[-1] = (tag, f"{value} {line.strip()}".strip())
    if record is not None:
        yield record


def _work(record: TaggedRecord, pmid: str) -> Work:
    year, date = parse_date(record.first("DP", "DEP"))
    doi = ""
    for value in record.values("LID") + record.values("AID"):
        match = _ID_WITH_TYPE.match(value)
        if match and match.group(2).lower() == "doi":
            doi = clean_doi(match.group(1))
            break
    types = tuple(record.values("PT"))
    return Work(
        title=record.first("TI", "BTI", "TT"),
        pmid=pmid,
        pmcid=normalize_pmcid(record.first("PMC")),
        doi=doi,
        authors=_authors(record),
        journal=record.first("TA", "JT"),
        year=year,
        date=date,
        volume=record.first("VI"),
        issue=record.first("IP"),
        pages=record.first("PG"),
        publication_types=types,
        publication_type_ids=tuple(found for found in map(descriptor_id, types) if found),
        keywords=tuple(value for value in record.values("OT") if value),
        mesh_headings=tuple(heading for heading in map(mesh_heading, record.values("MH")) if heading),
        sections=tuple(split_abstract(record.first("AB"))),
    )


def _authors(record: TaggedRecord) -> tuple[str, ...]:
    """AU ("Mangalam H") and CN (collective) names in order; FAU when a record has no AU."""
    short = [value for name, value in record.fields if name in ("AU", "CN") and value]
    if any(name == "AU" for name, _ in record.fields):
        return tuple(short)
    return tuple(
        short_name_from_inverted(value) if name == "FAU" else value
        for name, value in record.fields
        if name in ("FAU", "CN") and value
    )


def mesh_heading(value: str) -> MeshHeading | None:
    """A MeSH heading from its MEDLINE form: "Information Storage and Retrieval/*methods".

    A "*" marks a major topic (on the descriptor or a qualifier); the id is looked up by label."""
    descriptor, *qualifiers = (part.strip() for part in value.split("/"))
    major = descriptor.startswith("*") or any(q.startswith("*") for q in qualifiers)
    label = descriptor.lstrip("*").strip()
    if not label:
        return None
    return MeshHeading(
        descriptor_id=descriptor_id(label),
        label=label,
        major=major,
        qualifiers=tuple(q.lstrip("*").strip() for q in qualifiers if q.lstrip("*").strip()),
    )
