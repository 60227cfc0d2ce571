"""Pieces of printed citations as PubMed shows them: the source part
("Pain. 2025 Mar 1;166(3):693-707."), dates, author lists, identifiers and the
publication-type markers that follow a PMID.

Everything here is defensive: a part that does not parse is simply absent."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.graph.identity import normalize_doi
from kg.sources.datafiles import data_rows
from kg.sources.dates import MONTHS

# "Journal. 2016 Aug 3;24(2):109-15" (semicolon, volume, issue and pages each optional) or
# "Journal. 2023 Mar 15:S0012-3692" (ahead of print: pages straight after the date).
SOURCE_RE = re.compile(
    r"\s*(?P<journal>[^.?!\s](?:[^.?!]*[^.?!\s])?)\.\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)"
    r"(?:\s+(?P<month>[A-Za-z]{3,9})\.?(?:\s*[-/]\s*[A-Za-z]{3,9})?"
    r"(?:\s+(?P<day>\d{1,2})(?:\s*-\s*\d{1,2})?)?)?"
    r"(?:\s*;\s*(?P<volume>[^\s;:()]+)?\s*(?:\((?P<issue>[^()]*)\))?)?"
    r"(?:\s*:\s*(?P<pages>[^\s;]*[^\s;.,]))?"
    r"(?=\s*(?:[.,;]|$))"
)
DOI_RE = re.compile(r"\bdoi\s*:?\s*(10\.\d{3,9}/\S+)", re.IGNORECASE)
PMID_RE = re.compile(r"\bPMID\s*:\s*(\d+)")
PMCID_RE = re.compile(r"\bPMCID\s*:\s*(PMC\d+)", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})

_NAME_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.\-]*")
_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,4}")
AFFILIATION_MARKS = " \t0123456789*#\u2020\u2021"  # "Howard S Smith 1 2*" -> "Howard S Smith"
_ET_AL = re.compile(r",?\s*et\s+al\.?$", re.IGNORECASE)
NAME_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "y", "e", "ten", "ter", "bin", "al", "el"})
MAX_NAME_TOKENS = 6


@dataclass(frozen=True)
class Source:
    """The parsed source part of a citation; ``start``/``end`` are offsets in the parsed text."""

    journal: str
    year: int
    date: str
    volume: str
    issue: str
    pages: str
    start: int
    end: int


def iso_date(year: str, month: str | None = None, day: str | None = None) -> str:
    """"2016", "2016-08" or "2016-08-27" from printed parts; an unknown month stops at the year."""
    number = MONTHS.get((month or "").lower().rstrip("."))
    if not number:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}"


def normalize_pages(pages: str) -> str:
    """Page ranges with every dash as "-" (PubMed prints en dashes in references)."""
    return pages.translate(DASHES)


def match_source(text: str, pos: int = 0) -> Source | None:
    """The source part starting at ``pos`` in ``text``, or None."""
    match = SOURCE_RE.match(text, pos)
    if not match:
        return None
    year = match["year"]
    return Source(
        journal=match["journal"].strip(),
        year=int(year),
        date=iso_date(year, match["month"], match["day"]),
        volume=match["volume"] or "",
        issue=(match["issue"] or "").strip(),
        pages=normalize_pages(match["pages"] or ""),
        start=match.start("journal"),
        end=match.end(),
    )


def find_source(text: str, start: int = 0) -> tuple[int, Source] | None:
    """The first source part that follows a sentence end (".", "?", "!") at or after ``start``.

    Returns the offset just after that sentence end (where the preceding title ends) and the source."""
    for mark in re.finditer(r"[.?!]", text[start:]):
        split = start + mark.end()
        source = match_source(text, split)
        if source:
            return split, source
    return None


def find_doi(text: str) -> str:
    """The first "doi: 10.x/..." in ``text``, normalised, or ""."""
    match = DOI_RE.search(text)
    return normalize_doi(match.group(1)) if match else ""


def find_pmid(text: str) -> str:
    """The first "PMID: n" in ``text`` or ""."""
    match = PMID_RE.search(text)
    return match.group(1) if match else ""


def find_pmcid(text: str) -> str:
    """The first "PMCID: PMCn" in ``text`` (upper-cased) or ""."""
    match = PMCID_RE.search(text)
    return match.group(1).upper() if match else ""


def _name_tokens(part: str) -> list[str] | None:
    tokens = part.split()
    if not 1 <= len(tokens) <= MAX_NAME_TOKENS:
        return None
    for token in tokens:
        if not _NAME_TOKEN.fullmatch(token):
            return None
        if not (token[0].isupper() or token.lower() in NAME_PARTICLES):
            return None
    return tokens


def _author_parts(text: str) -> tuple[list[str], bool]:
    """Comma-separated parts of a would-be author list, and whether it ended in "et al"."""
    body = text.strip()
    body = body[:-1] if body.endswith(".") else body
    et_al = bool(_ET_AL.search(body))
    body = _ET_AL.sub("", body)
    parts = [part.strip() for part in re.split(r",|;|\band\b", body)]
    return [part for part in parts if part], et_al


def short_author_list(text: str) -> tuple[str, ...] | None:
    """Authors of an NLM-style list ("Smith HS, Harris R, et al."): each name ends in initials.

    Returns None when ``text`` is not such a list."""
    parts, et_al = _author_parts(text)
    if not parts:
        return None
    authors = []
    for part in parts:
        tokens = _name_tokens(part)
        if not tokens or len(tokens) < 2 or not _INITIALS.fullmatch(tokens[-1]):
            return None
        authors.append(" ".join(tokens))
    return tuple(authors)


def full_author_list(text: str) -> tuple[str, ...] | None:
    """Authors of a by-line with full names ("Howard S Smith 1 2, Daniel Clauw"), affiliation
    numbers dropped. Returns None when ``text`` does not look like one."""
    if re.search(r"[:?!]", text):
        return None
    cleaned = [part.rstrip(AFFILIATION_MARKS) for part in re.split(r",|;", text.strip().rstrip("."))]
    parts, _ = _author_parts(", ".join(part for part in cleaned if part.strip()))
    if not parts:
        return None
    authors = []
    for part in parts:
        tokens = _name_tokens(part)
        if not tokens or len(tokens) < 2:
            return None
        authors.append(" ".join(tokens))
    return tuple(authors)


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = data_rows("pubmed_page_markers.tsv")
    table = {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in rows}
    alternatives = "|".join(re.escape(marker) for marker in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])"), table


@dataclass(frozen=True)
class Markers:
    """Publication types (with their MeSH ids, "" when unknown) and the free-full-text flag."""

    types: tuple[str, ...] = ()
    type_ids: tuple[str, ...] = ()
    free: bool = False


def find_markers(text: str) -> Markers:
    """The known markers (``data/pubmed_page_markers.tsv``) in ``text``, in order, once each."""
    pattern, table = _markers()
    types: list[str] = []
    ids: list[str] = []
    free = False
    for match in pattern.finditer(text):
        kind, mesh_id = table[match.group(1)]
        if kind == "free":
            free = True
        elif match.group(1) not in types:
            types.append(match.group(1))
            ids.append(mesh_id)
    return Markers(tuple(types), tuple(ids), free)


def is_marker_line(line: str) -> bool:
    """Whether ``line`` holds nothing but known markers ("Review. Free PMC article.")."""
    pattern, _ = _markers()
    rest = pattern.sub("", line)
    return rest != line and not rest.strip(" .,;")
