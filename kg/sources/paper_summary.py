"""Reader for a paper summary in Markdown: "# Title", "**Authors:** ...", a line of ids
("PMC · DOI: 10.x · 2024-08-27"), "## TL;DR", "## Contribution", "## Key findings",
"## Abstract", "## Linked entities" and a "Source: <url>" footer after "---"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.constants import (
    SECTION_ABSTRACT,
    SECTION_BODY,
    SECTION_CONTRIBUTION,
    SECTION_KEY_FINDING,
    SECTION_TLDR,
)
from kg.errors import InputError
from kg.graph.identity import normalize_doi
from kg.records import Document, EntityLink, TextSection, Work
from kg.sources.base import Reader, read_text
from kg.sources.boilerplate import is_boilerplate

# "## heading" (case-folded) -> how its block is read
TLDR = "tldr"
CONTRIBUTION = "contribution"
FINDINGS = "findings"
ABSTRACT = "abstract"
ENTITIES = "entities"
HEADINGS = {
    "tl;dr": TLDR,
    "tldr": TLDR,
    "contribution": CONTRIBUTION,
    "contributions": CONTRIBUTION,
    "key findings": FINDINGS,
    "key finding": FINDINGS,
    "abstract": ABSTRACT,
    "linked entities": ENTITIES,
}
TEXT_SECTIONS = {TLDR: SECTION_TLDR, CONTRIBUTION: SECTION_CONTRIBUTION}

_TITLE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t]*#*[ \t]*$")
_HEADING = re.compile(r"^##[ \t]+(?P<heading>\S.*?)[ \t]*#*[ \t]*$")
_RULE = re.compile(r"^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$")
_FIELD = re.compile(r"^\s*\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<value>.*)$")
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_SOURCE = re.compile(r"^\s*Source\s*:\s*(?P<url>\S+)", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[\u00b7\u2022|]\s+|\s*[\u00b7\u2022]\s*")
_PMCID = re.compile(r"\bPMC\d+\b", re.IGNORECASE)
_DOI = re.compile(r"\b10\.\d{3,9}/\S+")
_PMID = re.compile(r"\bPMID\s*:?\s*(\d+)\b", re.IGNORECASE)
_DATE = re.compile(r"^(?P<year>(?:1[5-9]|20)\d\d)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?$")
_CURIE = re.compile(r"\((?P<curie>[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.\-]+)\)")
_SNIFF_TITLE = re.compile(r"^# \S", re.MULTILINE)
_SNIFF_MARKER = re.compile(r"^(?:##[ \t]+(?:TL;DR|Key findings)[ \t]*$|\*\*Authors?:\*\*)", re.MULTILINE | re.IGNORECASE)


@dataclass
class _Ids:
    pmid: str = ""
    pmcid: str = ""
    doi: str = ""
    date: str = ""
    journal: str = ""
    authors: tuple[str, ...] = ()


@dataclass
class _Block:
    """A "##" section: its heading as printed and its line range [start, end)."""

    heading: str
    start: int
    end: int
    sections: list[TextSection] = field(default_factory=list)


def _split_authors(value: str) -> tuple[str, ...]:
    parts = [re.sub(r"^and\s+", "", part.strip()) for part in re.split(r"[,;&]|\s+and\s+", value)]
    return tuple(part for part in parts if part and not re.fullmatch(r"et\s+al\.?", part, re.IGNORECASE))


def _read_id_tokens(line: str, ids: _Ids) -> None:
    """Ids, DOI and date from a line such as "PMC11859801 · DOI: 10.1192/x · 2024-08-27", any order."""
    for raw in _SEPARATOR.split(line.strip()):
        token = raw.strip().strip("*").strip()
        if not token:
            continue
        date = _DATE.match(token)
        if date and not ids.date:
            ids.date = token
        elif (doi := _DOI.search(token)) and not ids.doi:
            ids.doi = normalize_doi(doi.group(0))
        elif (pmid := _PMID.search(token)) and not ids.pmid:
            ids.pmid = pmid.group(1)
        elif (pmcid := _PMCID.search(token)) and not ids.pmcid:
            ids.pmcid = pmcid.group(0).upper()


def _read_field(label: str, value: str, ids: _Ids) -> None:
    key = label.casefold()
    if key in ("author", "authors"):
        ids.authors = _split_authors(value)
    elif key == "journal":
        ids.journal = value.strip()
    else:
        _read_id_tokens(value, ids)


def _read_source(url: str, ids: _Ids) -> None:
    """Ids found in the footer URL fill what the header left unknown."""
    if not ids.pmcid and (pmcid := _PMCID.search(url)):
        ids.pmcid = pmcid.group(0).upper()
    if not ids.pmid and (pmid := re.search(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)", url)):
        ids.pmid = pmid.group(1)
    if not ids.doi and (doi := re.search(r"doi\.org/(10\.\S+)", url)):
        ids.doi = normalize_doi(doi.group(1))


class _Text:
    """The file's text with line offsets, so that every section is an exact slice."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.offsets: list[int] = []
        position = 0
        for line in self.lines:
            self.offsets.append(position)
            position += len(line) + 1

    def span(self, start: int, end: int, first_column: int = 0) -> str:
        """Lines [start, end) as printed, from ``first_column`` of the first, stripped."""
        if end <= start:
            return ""
        last = end - 1
        return self.text[self.offsets[start] + first_column : self.offsets[last] + len(self.lines[last])].strip()

    def paragraphs(self, start: int, end: int) -> list[str]:
        """Blank-line separated paragraphs of lines [start, end), each as printed."""
        found: list[str] = []
        first = None
        for index in range(start, end + 1):
            blank = index == end or not self.lines[index].strip()
            if blank and first is not None:
                found.append(self.span(first, index))
                first = None
            elif not blank and first is None:
                first = index
        return found


def _findings(text: _Text, block: _Block) -> list[TextSection]:
    """One key-finding section per bullet (continuation lines included); a block without
    bullets is one finding per paragraph."""
    items: list[tuple[int, int, int]] = []  # (first line, end line, column after the bullet)
    for index in range(block.start, block.end):
        line = text.lines[index]
        bullet = _BULLET.match(line)
        if bullet:
            items.append((index, index + 1, bullet.end()))
        elif line.strip() and items and items[-1][1] == index:
            first, _, column = items[-1]
            items[-1] = (first, index + 1, column)
    if not items:
        found = text.paragraphs(block.start, block.end)
    else:
        found = [text.span(first, end, column) for first, end, column in items]
    return [TextSection(SECTION_KEY_FINDING, item, block.heading) for item in found if item]


def _entities(text: _Text, block: _Block) -> list[EntityLink]:
    """Entity links from bullets like "- **Diseases:** fibromyalgia (MONDO:0005546), pain (HP:0012531)"."""
    links: list[EntityLink] = []
    for index in range(block.start, block.end):
        line = _BULLET.sub("", text.lines[index], count=1)
        category = ""
        labelled = _FIELD.match(line)
        if labelled:
            category, line = labelled["label"].strip(), labelled["value"]
        position = 0
        for curie in _CURIE.finditer(line):
            label = line[position : curie.start()].strip().strip(",;").strip()
            position = curie.end()
            link = EntityLink(label, curie["curie"], category)
            if label and link not in links:
                links.append(link)
    return links


def _blocks(text: _Text, first: int) -> tuple[list[_Block], int]:
    """The "##" blocks from line ``first`` on, and the line where the footer starts."""
    blocks: list[_Block] = []
    footer = len(text.lines)
    for index in range(first, len(text.lines)):
        line = text.lines[index]
        heading = _HEADING.match(line)
        if heading:
            if blocks and blocks[-1].end > index:
                blocks[-1].end = index
            blocks.append(_Block(heading["heading"], index + 1, len(text.lines)))
        elif _RULE.match(line) and blocks and blocks[-1].end > index:
            blocks[-1].end = index
            footer = index
    return blocks, footer


def parse_summary(raw: str, source_name: str) -> Document:
    """The document of one paper summary. Raises InputError when it has no "# " title."""
    text = _Text(raw)
    title_line = next((i for i, line in enumerate(text.lines) if _TITLE.match(line)), None)
    if title_line is None:
        raise InputError(source_name, 'paper summary without a "# " title line', "line 1")
    title = _TITLE.match(text.lines[title_line])["title"]  # type: ignore[index]
    blocks, footer = _blocks(text, title_line + 1)
    ids = _Ids()
    header_end = blocks[0].start - 1 if blocks else footer
    for line in text.lines[title_line + 1 : header_end]:
        labelled = _FIELD.match(line)
        if labelled:
            _read_field(labelled["label"], labelled["value"], ids)
        elif line.strip():
            _read_id_tokens(line, ids)
    for line in text.lines[footer:]:
        source = _SOURCE.match(line)
        if source:
            _read_source(source["url"], ids)
    sections: list[TextSection] = []
    entities: list[EntityLink] = []
    for block in blocks:
        kind = HEADINGS.get(block.heading.strip().rstrip(":").casefold())
        if kind == FINDINGS:
            sections.extend(_findings(text, block))
        elif kind == ENTITIES:
            entities.extend(link for link in _entities(text, block) if link not in entities)
        elif kind == ABSTRACT:
            kept = [p for p in text.paragraphs(block.start, block.end) if not is_boilerplate(p)]
            if kept:
                sections.append(TextSection(SECTION_ABSTRACT, "\n\n".join(kept), block.heading))
        else:
            body = text.span(block.start, block.end)
            if body:
                section = TEXT_SECTIONS.get(kind or "", SECTION_BODY)
                sections.append(TextSection(section, body, block.heading))
    year = _DATE.match(ids.date)
    work = Work(
        title=title,
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        doi=ids.doi,
        authors=ids.authors,
        journal=ids.journal,
        year=int(year["year"]) if year else None,
        date=ids.date,
        entities=tuple(entities),
        sections=tuple(sections),
    )
    return Document(
        source_file=source_name,
        work=work,
        position=f"line {title_line + 1}",
        reader=PaperSummaryReader.name,
    )


class PaperSummaryReader(Reader):
    """A paper summary in Markdown (title, authors, ids, TL;DR, key findings, abstract, entities)."""

    name = "paper-summary"
    description = "paper summary in Markdown (# title, **Authors:**, ## TL;DR, ## Key findings, ## Abstract)"

    def sniff(self, head: str) -> bool:
        """A "# " title line and one of the summary's own markers."""
        return bool(_SNIFF_TITLE.search(head) and _SNIFF_MARKER.search(head))

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        """Yield the one document of the summary."""
        yield parse_summary(read_text(path, source_name), source_name)
