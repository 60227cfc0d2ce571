"""Reader for a PubMed abstract page saved or copied as plain text.

The page is a header (title, ids, and where the copy has them the citation line,
authors and publication-type markers), then headed blocks: "Abstract", "Similar
articles", "Cited by", "References" and page furniture, ending at "LinkOut - more
resources". Entries in a block are separated by lines holding only "-"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.graph.identity import normalize_doi, normalize_pmcid
from kg.records import Document, TextSection, Work
from kg.sources.abstract_parts import split_abstract
from kg.sources.base import Reader, read_text
from kg.sources.boilerplate import is_boilerplate
from kg.sources.citation import (
    Markers,
    Source,
    find_doi,
    find_markers,
    full_author_list,
    is_marker_line,
    match_source,
    short_author_list,
)
from kg.sources.page_entries import parse_reference, parse_summary_entry

# Block headings (case-folded, without colon or count) -> what the block holds.
ABSTRACT = "abstract"
SIMILAR = "similar"
CITED_BY = "cited_by"
REFERENCES = "references"
TYPES = "publication_types"
KEYWORDS = "keywords"
OTHER = "other"
STOP = "stop"
HEADINGS: dict[str, str] = {
    "abstract": ABSTRACT,
    "similar articles": SIMILAR,
    "cited by": CITED_BY,
    "references": REFERENCES,
    "publication types": TYPES,
    "keywords": KEYWORDS,
    "mesh terms": OTHER,
    "substances": OTHER,
    "grants and funding": OTHER,
    "conflict of interest statement": OTHER,
    "comment in": OTHER,
    "comment on": OTHER,
    "erratum in": OTHER,
    "erratum for": OTHER,
    "update of": OTHER,
    "update in": OTHER,
    "retraction in": OTHER,
    "expression of concern in": OTHER,
    "figures": OTHER,
    "supplementary info": OTHER,
    "associated data": OTHER,
    "related information": OTHER,
    "linkout - more resources": STOP,
    "full text sources": STOP,
}
# Headings that only a PubMed page has; "References" alone is too common to recognise a page by.
PAGE_HEADINGS = frozenset({ABSTRACT, SIMILAR, CITED_BY, TYPES, STOP})
FURNITURE = frozenset(
    {
        "affiliations",
        "expand",
        "collapse",
        "display options",
        "full text links",
        "cite",
        "share",
        "save",
        "email",
        "send to",
        "item in clipboard",
        "page navigation",
        "title & authors",
        "actions",
        "no abstract available",
        "online ahead of print",
    }
)
MAX_HEADER_LINES = 60  # the id line must come this early for the page to be recognised

_COUNT = re.compile(r"\s*\(?\d+\)?(?:\s+articles?)?$")
_ID_LINE = re.compile(r"^\s*(?:-\s*)?(?:PMID|PMCID|DOI)\s*:", re.IGNORECASE)
_ID_VALUE = re.compile(r"\b(PMID|PMCID|DOI)\s*:\s*(\S+)", re.IGNORECASE)
_PMID_LINE = re.compile(r"^\s*(?:-\s*)?PMID\s*:\s*\d+", re.IGNORECASE)
_KEYWORDS_LINE = re.compile(r"^\s*keywords?\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_EPUB_LINE = re.compile(r"^(?:epub\b|online ahead of print)", re.IGNORECASE)
_BLOCK_FURNITURE = re.compile(r"^(?:see all|show all|show more|show less|load more)\b", re.IGNORECASE)
_LINK_ONLY = re.compile(
    r"^(?:-\s*)?(?:PubMed|DOI|PMC|Google Scholar|PMID\s*:\s*\d+|PMCID\s*:\s*PMC\d+)"
    r"(?:\s*-\s*(?:PubMed|DOI|PMC|Google Scholar|PMID\s*:\s*\d+|PMCID\s*:\s*PMC\d+))*$",
    re.IGNORECASE,
)
_NUMBERED_RECORD = re.compile(r"^\d+\.\s")
_FOREIGN_FORMAT = re.compile(r"^(?:PMID-\s*\d|TY  - |<\?xml|<PubmedArticle)", re.MULTILINE)


def heading_role(line: str) -> str | None:
    """What the block under ``line`` holds, or None when ``line`` is not a page heading."""
    key = _COUNT.sub("", line.strip().rstrip(":").strip()).casefold()
    if key in HEADINGS:
        return HEADINGS[key]
    if _KEYWORDS_LINE.match(line):
        return KEYWORDS
    return None


@dataclass
class _Header:
    """What the lines above the first heading say."""

    title: str = ""
    pmid: str = ""
    pmcid: str = ""
    doi: str = ""
    authors: tuple[str, ...] = ()
    source: Source | None = None
    markers: list[Markers] = field(default_factory=list)


def _logical_lines(lines: list[str]) -> list[str]:
    """Non-empty stripped lines, a line starting with "." joined to the one before
    (copies split "Pain Res Treat" from ". 2012;2012:951354.")."""
    logical: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith(".") and logical and not _ID_LINE.match(logical[-1]):
            logical[-1] += line
        else:
            logical.append(line)
    return logical


def _read_ids(line: str, header: _Header) -> None:
    for label, value in _ID_VALUE.findall(line):
        label = label.upper()
        if label == "PMID" and value.isdigit() and not header.pmid:
            header.pmid = value
        elif label == "PMCID" and not header.pmcid:
            header.pmcid = normalize_pmcid(value)
        elif label == "DOI" and not header.doi and value.startswith("10."):
            header.doi = normalize_doi(value)


def _parse_header(lines: list[str]) -> _Header:
    header = _Header()
    candidates: list[str] = []
    in_affiliations = False
    for line in _logical_lines(lines):
        key = line.casefold().rstrip(".")
        if _ID_LINE.match(line):
            _read_ids(line, header)
            in_affiliations = False
        elif key in FURNITURE:
            in_affiliations = in_affiliations or key == "affiliations"
        elif is_marker_line(line):
            header.markers.append(find_markers(line))
        elif header.source is None and (source := match_source(line)) is not None:
            header.source = source
            header.doi = header.doi or find_doi(line)
        elif _EPUB_LINE.match(line) or in_affiliations:
            continue
        else:
            candidates.append(line)
    header.title = _choose_title(candidates)
    if header.title:
        after = candidates[candidates.index(header.title) + 1 :]
        if after and after[0] != header.title:
            header.authors = full_author_list(after[0]) or short_author_list(after[0]) or ()
    return header


def _choose_title(candidates: list[str]) -> str:
    """The title: a line the page prints twice (copies repeat it), else the first candidate."""
    seen: set[str] = set()
    for line in candidates:
        if line in seen:
            return line
        seen.add(line)
    return candidates[0] if candidates else ""


def _split_entries(lines: list[str], role: str) -> list[list[str]]:
    """The entries of a block, each as its non-empty stripped lines."""
    lines = [line.strip() for line in lines if line.strip() and not _BLOCK_FURNITURE.match(line.strip())]
    if any(line == "-" for line in lines):
        entries: list[list[str]] = [[]]
        for line in lines:
            if line == "-":
                entries.append([])
            else:
                entries[-1].append(line)
        return [entry for entry in entries if entry]
    grouped: list[list[str]] = []
    if role == REFERENCES:
        for line in lines:
            if _LINK_ONLY.match(line) and grouped:
                grouped[-1].append(line)
            else:
                grouped.append([line])
        return grouped
    # similar / cited by: an entry ends with its "PMID: n" line; marker lines after it belong to it
    open_entry = False
    for line in lines:
        if not open_entry and grouped and is_marker_line(line):
            grouped[-1].append(line)
            continue
        if not open_entry:
            grouped.append([])
            open_entry = True
        grouped[-1].append(line)
        if re.search(r"\bPMID\s*:\s*\d+", line):
            open_entry = False
    return grouped


@dataclass
class _Blocks:
    """Line ranges [start, end) of the blocks of a page, by role."""

    header_end: int
    ranges: dict[str, tuple[int, int]]


def _find_blocks(lines: list[str]) -> _Blocks:
    starts: list[tuple[str, int]] = []
    end = len(lines)
    for index, line in enumerate(lines):
        role = heading_role(line)
        if role == STOP:
            end = index
            break
        if role is not None and role not in {name for name, _ in starts}:
            starts.append((role, index))
    header_end = starts[0][1] if starts else end
    ranges: dict[str, tuple[int, int]] = {}
    for position, (role, start) in enumerate(starts):
        stop = starts[position + 1][1] if position + 1 < len(starts) else end
        ranges[role] = (start, stop)
    return _Blocks(header_end, ranges)


def _abstract(text: str, offsets: list[int], lines: list[str], start: int, stop: int) -> tuple[TextSection, ...]:
    """The abstract sections of block lines [start, stop) (heading line first), without
    trailing copyright or declaration lines."""
    first, last = start + 1, stop
    while last > first and (
        not lines[last - 1].strip()
        or is_boilerplate(lines[last - 1])
        or lines[last - 1].strip().casefold().rstrip(".") in FURNITURE
    ):
        last -= 1
    if last <= first:
        return ()
    return split_abstract(text[offsets[first] : offsets[last - 1] + len(lines[last - 1])])


def _keywords(lines: list[str], start: int, stop: int) -> tuple[str, ...]:
    """Keywords printed after "Keywords:" on its line, else on the lines below up to a blank one."""
    inline = _KEYWORDS_LINE.match(lines[start])
    if inline and inline["rest"].strip():
        return _split_keywords(inline["rest"])
    words: list[str] = []
    for line in lines[start + 1 : stop]:
        if not line.strip() or is_boilerplate(line):
            break
        words.append(line)
    return _split_keywords("; ".join(words))


def _split_keywords(text: str) -> tuple[str, ...]:
    separator = ";" if ";" in text else ","
    parts = [part.strip().rstrip(".").strip() for part in text.split(separator)]
    return tuple(part for part in parts if part)


def _work(header: _Header, sections: tuple[TextSection, ...], keywords: tuple[str, ...], types: list[str]) -> Work:
    names: list[str] = []
    ids: list[str] = []
    free = False
    for markers in header.markers:
        free = free or markers.free
        for name, mesh_id in zip(markers.types, markers.type_ids, strict=True):
            if name not in names:
                names.append(name)
                ids.append(mesh_id)
    for name in types:
        if name not in names:
            found = find_markers(name)
            names.append(name)
            ids.append(found.type_ids[0] if found.types == (name,) else "")
    source = header.source
    return Work(
        title=header.title,
        pmid=header.pmid,
        pmcid=header.pmcid,
        doi=header.doi,
        authors=header.authors,
        journal=source.journal if source else "",
        year=source.year if source else None,
        date=source.date if source else "",
        volume=source.volume if source else "",
        issue=source.issue if source else "",
        pages=source.pages if source else "",
        publication_types=tuple(names),
        publication_type_ids=tuple(ids),
        free_full_text=free,
        keywords=keywords,
        sections=sections,
    )


def _known(work: Work) -> bool:
    """Whether an entry says anything (an entry of bare link labels does not)."""
    return bool(work.title or work.citation or work.pmid or work.doi or work.pmcid)


def parse_page(text: str, source_name: str) -> Document:
    """The document of one PubMed page copy. Raises InputError without a title or without ids."""
    lines = text.split("\n")
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    blocks = _find_blocks(lines)
    header = _parse_header(lines[: blocks.header_end])
    if not header.title:
        raise InputError(source_name, "PubMed page without a title", "line 1")
    if not header.pmid and not header.doi:
        raise InputError(
            source_name, "PubMed page without a PMID or DOI above its first heading", f"line {blocks.header_end + 1}"
        )
    sections = _abstract(text, offsets, lines, *blocks.ranges[ABSTRACT]) if ABSTRACT in blocks.ranges else ()
    keywords = _keywords(lines, *blocks.ranges[KEYWORDS]) if KEYWORDS in blocks.ranges else ()
    types: list[str] = []
    if TYPES in blocks.ranges:
        start, stop = blocks.ranges[TYPES]
        types = [line.strip() for line in lines[start + 1 : stop] if line.strip() and line.strip() != "-"]

    def entries(role: str) -> list[list[str]]:
        if role not in blocks.ranges:
            return []
        start, stop = blocks.ranges[role]
        return _split_entries(lines[start + 1 : stop], role)

    return Document(
        source_file=source_name,
        work=_work(header, sections, keywords, types),
        references=tuple(work for work in map(parse_reference, map(" ".join, entries(REFERENCES))) if _known(work)),
        cited_by=tuple(work for work in map(parse_summary_entry, entries(CITED_BY)) if _known(work)),
        similar=tuple(work for work in map(parse_summary_entry, entries(SIMILAR)) if _known(work)),
        position="line 1",
        reader=PubMedPageReader.name,
    )


class PubMedPageReader(Reader):
    """A PubMed abstract page (pubmed.ncbi.nlm.nih.gov/<PMID>/) saved or copied as text."""

    name = "pubmed-page"
    description = "PubMed abstract page copied as text (title, ids, abstract, similar, cited by, references)"

    def sniff(self, head: str) -> bool:
        """A "PMID: n" line near the top followed by a heading only PubMed pages print."""
        stripped = head.lstrip()
        if not stripped or stripped[0] in "<{#" or _NUMBERED_RECORD.match(stripped):
            return False
        if _FOREIGN_FORMAT.search(head):
            return False
        seen_id = False
        nonempty = 0
        for line in head.split("\n"):
            if not line.strip():
                continue
            nonempty += 1
            if not seen_id:
                if nonempty > MAX_HEADER_LINES:
                    return False
                seen_id = bool(_PMID_LINE.match(line))
            elif heading_role(line) in PAGE_HEADINGS:
                return True
        return False

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        """Yield the one document of the page."""
        yield parse_page(read_text(path, source_name), source_name)
