"""Parse the entries a PubMed page lists: similar and citing articles (summary lines
ending in "PMID: n") and references ("Smith HS, Harris R. Title. Journal. 2011;14(2):E217.").

Each parser returns a :class:`~kg.records.Work` with whatever it could read and never
raises: an entry it cannot take apart keeps its text in ``citation``."""
from __future__ import annotations

import re
from dataclasses import replace

from kg.graph.identity import normalize_doi
from kg.records import Work
from kg.sources.citation import (
    YEAR_RE,
    Source,
    find_doi,
    find_markers,
    find_pmcid,
    find_pmid,
    find_source,
    match_source,
    short_author_list,
)

# Link labels PubMed prints after a reference: "- PubMed", "- DOI", "- PMC", "- PMID: 123".
_REFERENCE_LINK = re.compile(
    r"\s*-\s*(?:PubMed|DOI|PMC|Google Scholar|Free PMC article|Free article"
    r"|PMID\s*:\s*(?P<pmid>\d+)|PMCID\s*:\s*(?P<pmcid>PMC\d+)|DOI\s*:\s*(?P<doi>10\.\S+))\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+\.)\s+")
_YEAR_REPEAT = re.compile(r"\.\s*(?P<year>(?:1[5-9]|20)\d\d)\.?\s*$")


def _strip_title(title: str) -> str:
    """A title without surrounding space and without one final period ("?" and "!" are kept)."""
    title = title.strip()
    return title[:-1].rstrip() if title.endswith(".") else title


def _with_source(work: Work, source: Source) -> Work:
    return replace(
        work,
        journal=source.journal,
        year=source.year,
        date=source.date,
        volume=source.volume,
        issue=source.issue,
        pages=source.pages,
    )


def _split_trailing_authors(title_part: str) -> tuple[str, tuple[str, ...]]:
    """Split "Title.Smith A, Jones B." into the title and its authors, when they are run together.

    Takes a single name only with "et al", so that "... Part II." stays in the title."""
    core = title_part.rstrip()
    marks = [core.rfind(mark, 0, len(core) - 1) for mark in ".?!"]
    cut = max(marks)
    if cut < 0:
        return title_part, ()
    authors = short_author_list(core[cut + 1 :])
    if authors and (len(authors) > 1 or "et al" in core[cut + 1 :].lower()):
        return core[: cut + 1], authors
    return title_part, ()


def _locate_source(text: str) -> tuple[int, Source] | None:
    """Where the title ends and the source begins in a summary line's text before its PMID.

    The short "Journal. Year." PubMed repeats before the PMID names the journal, which
    finds the full citation even when the title runs into it ("...syndrome.Complement Ther")."""
    repeat = _YEAR_REPEAT.search(text)
    if repeat:
        head = text[: repeat.start()]
        journal = head[head.rfind(".") + 1 :].strip()
        if journal:
            anchor = re.compile(r"(?<!\w)" + re.escape(journal) + r"\.\s*(?:1[5-9]|20)\d\d")
            for found in anchor.finditer(text):
                source = match_source(text, found.start())
                if source and found.start() > 0:
                    return found.start(), source
    return find_source(text)


def parse_summary_entry(lines: list[str]) -> Work:
    """A similar or citing article from the lines of its entry.

    Lines other than the first that hold an NLM author list give the authors."""
    authors: tuple[str, ...] = ()
    kept: list[str] = []
    for index, line in enumerate(lines):
        names = short_author_list(line) if index > 0 and not authors else None
        if names:
            authors = names
        else:
            kept.append(line.strip())
    text = " ".join(line for line in kept if line)
    pmid_match = re.search(r"\bPMID\s*:\s*(\d+)", text)
    before = text[: pmid_match.start()].rstrip() if pmid_match else text
    after = text[pmid_match.end() :] if pmid_match else ""
    markers = find_markers(after)
    work = Work(
        pmid=pmid_match.group(1) if pmid_match else "",
        authors=authors,
        publication_types=markers.types,
        publication_type_ids=markers.type_ids,
        free_full_text=markers.free,
    )
    located = _locate_source(before)
    if not located:
        year = YEAR_RE.search(before)
        return replace(work, citation=text, doi=find_doi(before), year=int(year.group(0)) if year else None)
    split, source = located
    title, inline_authors = _split_trailing_authors(before[:split])
    work = _with_source(work, source)
    return replace(
        work,
        title=_strip_title(title),
        authors=work.authors or inline_authors,
        doi=find_doi(before[source.start :]),
        pmcid=find_pmcid(text),
    )


def _strip_reference_links(text: str) -> tuple[str, dict[str, str]]:
    """The reference text without its trailing link labels, and the ids those labels carried."""
    ids: dict[str, str] = {}
    while True:
        match = _REFERENCE_LINK.search(text)
        if not match:
            return text.strip(), ids
        for key in ("pmid", "pmcid", "doi"):
            if match[key] and key not in ids:
                ids[key] = match[key]
        text = text[: match.start()]


def parse_reference(entry: str) -> Work:
    """A reference from its printed text; the text (without bullet and link labels) is kept as ``citation``.

    Pages are normalised to ASCII hyphens ("E217–E245" -> "E217-E245")."""
    # links first: an entry "- PubMed" is a bare link label, not a citation "PubMed"
    text, ids = _strip_reference_links(entry)
    citation = _BULLET.sub("", text, count=1).strip()
    work = Work(
        citation=citation,
        pmid=ids.get("pmid") or find_pmid(citation),
        pmcid=(ids.get("pmcid") or find_pmcid(citation)).upper(),
        doi=find_doi(citation) or normalize_doi(ids.get("doi", "")),
    )
    rest_start = 0
    first_stop = citation.find(". ")
    if first_stop > 0:
        authors = short_author_list(citation[:first_stop])
        if authors:
            work = replace(work, authors=authors)
            rest_start = first_stop + 1
    located = find_source(citation, rest_start) if rest_start < len(citation) else None
    if not located:
        year = YEAR_RE.search(citation, rest_start)
        return replace(work, year=int(year.group(0)) if year else None)
    split, source = located
    return replace(_with_source(work, source), title=_strip_title(citation[rest_start:split]))
