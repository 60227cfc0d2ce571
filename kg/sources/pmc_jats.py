"""PMC full text as JATS XML: one ``<article>`` (``.nxml``) or efetch's ``<pmc-articleset>``.

Front matter becomes the work; the abstract and body sections become text sections
(body text is its paragraphs joined by blank lines; figures, tables and display
formulas are left out, citation marks kept inline); ``ref-list`` entries become the
cited works."""
from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Iterator

from lxml import etree

from kg.constants import SECTION_ABSTRACT, SECTION_BODY
from kg.errors import InputError
from kg.graph.identity import normalize_pmcid
from kg.records import Document, TextSection, Work
from kg.sources.base import Reader
from kg.sources.dates import iso_date, year_in_text
from kg.sources.ids import clean_doi, clean_pmid, doi_in_text
from kg.sources.names import short_name
from kg.sources.sections import is_skipped_heading, section_for_label
from kg.sources.xmlsafe import local_name, root_name, stream_records
from kg.sources.xmltext import collapse, element_text

ROOTS = frozenset({"article", "pmc-articleset"})
_JATS_MARK = re.compile(r"<(?:[\w-]+:)?(?:front|article-meta|journal-meta)[\s>]|JATS|Journal (?:Archiving|Publishing)")
# Left out of text: floats, display formulas, TeX duplicates of MathML, footnotes.
DROP = frozenset(
    {
        "fig",
        "fig-group",
        "table-wrap",
        "table-wrap-group",
        "table",
        "disp-formula",
        "disp-formula-group",
        "tex-math",
        "annotation",
        "supplementary-material",
        "graphic",
        "media",
        "fn",
        "object-id",
    }
)
_TITLE_DROP = DROP | {"xref"}  # footnote marks in titles
_CONTAINERS = frozenset({"list", "list-item", "disp-quote", "boxed-text", "statement", "def-list", "def-item", "def"})
_SKIPPED_ABSTRACTS = frozenset({"graphical", "teaser", "toc", "web-summary"})
_DATE_PREFERENCE = ("ppub", "epub-ppub", "collection", "epub", "")  # "" : any other
_CITATION_TAGS = ("mixed-citation", "element-citation", "citation", "nlm-citation")
_YEAR_DIGITS = re.compile(r"\d{4}")
_END_PUNCTUATION = (".", "?", "!")


class PmcJatsReader(Reader):
    """Reads PMC JATS full-text XML, one Document per article, streaming."""

    name: ClassVar[str] = "pmc-jats"
    description: ClassVar[str] = "PMC full text, JATS XML (.nxml <article>, efetch <pmc-articleset>)"

    def sniff(self, head: str) -> bool:
        root = root_name(head)
        return root == "pmc-articleset" or (root == "article" and bool(_JATS_MARK.search(head)))

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        number = 0
        for article in stream_records(path, source_name, ("article",)):
            number += 1
            where = f"record {number}"
            try:
                if article.tag.startswith("{"):
                    _strip_namespace(article)
                yield _document(article, source_name, number)
            except Exception as exc:  # one odd article must not stop the file
                yield InputError(source_name, f"cannot read this article ({type(exc).__name__}: {exc})", where)


def _strip_namespace(article: etree._Element) -> None:
    """Drop the JATS namespace some exports (PMC OAI) put on every element; MathML keeps its own."""
    namespace = article.tag[: article.tag.index("}") + 1]
    for element in article.iter():
        if isinstance(element.tag, str) and element.tag.startswith(namespace):
            element.tag = element.tag[len(namespace) :]


def _document(article: etree._Element, source_name: str, number: int) -> Document:
    front = article.find("front")
    meta = front.find("article-meta") if front is not None else None
    if meta is None:
        raise ValueError("no front/article-meta")
    journal_meta = front.find("journal-meta")
    sections = list(_abstracts(meta))
    body = article.find("body")
    if body is not None:
        sections.extend(_body_sections(body))
    ids = dict(_article_ids(meta))
    year, date = _pub_date(meta)
    title_element = meta.find("title-group/article-title")
    work = Work(
        title=element_text(title_element, _TITLE_DROP) if title_element is not None else "",
        pmid=ids.get("pmid", ""),
        pmcid=ids.get("pmcid", ""),
        doi=ids.get("doi", ""),
        authors=_contributors(meta.iterfind("contrib-group/contrib")),
        journal=_journal(journal_meta),
        year=year,
        date=date,
        volume=collapse(meta.findtext("volume") or ""),
        issue=collapse(meta.findtext("issue") or ""),
        pages=_pages(meta),
        keywords=tuple(text for text in (element_text(k) for k in meta.iterfind("kwd-group/kwd")) if text),
        sections=tuple(sections),
    )
    back = article.find("back")
    references = tuple(_references(back)) if back is not None else ()
    return Document(
        source_file=source_name,
        work=work,
        references=references,
        position=f"record {number}",
        reader=PmcJatsReader.name,
    )


def _article_ids(meta: etree._Element) -> Iterator[tuple[str, str]]:
    for article_id in meta.iterfind("article-id"):
        kind, value = article_id.get("pub-id-type", ""), article_id.text or ""
        if kind == "pmid" and clean_pmid(value):
            yield "pmid", clean_pmid(value)
        elif kind in ("pmc", "pmcid", "pmcaid") and normalize_pmcid(value):
            yield "pmcid", normalize_pmcid(value)
        elif kind == "doi" and value.strip():
            yield "doi", clean_doi(value)


def _journal(journal_meta: etree._Element | None) -> str:
    if journal_meta is None:
        return ""
    by_type = {j.get("journal-id-type"): collapse(j.text or "") for j in journal_meta.iterfind("journal-id")}
    title = journal_meta.findtext("journal-title-group/journal-title") or journal_meta.findtext("journal-title")
    return by_type.get("nlm-ta") or by_type.get("iso-abbrev") or collapse(title or "")


def _pub_date(meta: etree._Element) -> tuple[int | None, str]:
    found: dict[str, tuple[int | None, str]] = {}
    for date in meta.iterfind("pub-date"):
        kind = date.get("pub-type") or date.get("date-type") or ""
        if kind == "pub":  # JATS 1.1+: date-type="pub" with publication-format
            kind = "ppub" if date.get("publication-format") == "print" else "epub"
        elif kind not in _DATE_PREFERENCE and kind != "pmc-release":
            kind = ""
        year, text = iso_date(date.findtext("year"), date.findtext("month") or date.findtext("season"), date.findtext("day"))
        if year is not None:
            found.setdefault(kind, (year, text))
    for kind in (*_DATE_PREFERENCE, "pmc-release"):
        if kind in found:
            return found[kind]
    return None, ""


def _pages(container: etree._Element) -> str:
    first, last = collapse(container.findtext("fpage") or ""), collapse(container.findtext("lpage") or "")
    if first:
        return f"{first}-{last}" if last and last != first else first
    return collapse(container.findtext("elocation-id") or "")


def _name(element: etree._Element) -> str:
    """ "Surname Initials" from a JATS name or string-name; a collab's text as it is."""
    tag = local_name(element.tag)
    if tag == "collab":
        return element_text(element, DROP | {"contrib-group"})
    surname = element.findtext("surname")
    if surname:
        return short_name(surname, element.findtext("given-names") or "")
    return element_text(element)  # a string-name holding only text


def _contributors(contribs: Iterator[etree._Element]) -> tuple[str, ...]:
    names = []
    for contrib in contribs:
        if contrib.get("contrib-type", "author") != "author":
            continue
        for tag in ("name", "name-alternatives/name", "string-name", "collab"):
            element = contrib.find(tag)
            if element is not None:
                name = _name(element)
                if name:
                    names.append(name)
                break
    return tuple(names)


def _paragraphs(container: etree._Element) -> list[str]:
    """The text of the paragraphs directly in ``container`` (lists and quotes included)."""
    paragraphs = []
    for child in container:
        tag = local_name(child.tag)
        if tag == "p":
            text = element_text(child, DROP)
            if text:
                paragraphs.append(text)
        elif tag in _CONTAINERS:
            paragraphs.extend(_paragraphs(child))
    return paragraphs


def _abstracts(meta: etree._Element) -> Iterator[TextSection]:
    for abstract in meta.iterfind("abstract"):
        if abstract.get("abstract-type") in _SKIPPED_ABSTRACTS:
            continue
        heading = element_text(abstract.find("title")) if abstract.find("title") is not None else ""
        if heading.casefold() == "abstract":
            heading = ""
        paragraphs = _paragraphs(abstract)
        if paragraphs:
            yield TextSection(SECTION_ABSTRACT, "\n\n".join(paragraphs), heading)
        for sec in abstract.iter("sec"):
            title = element_text(sec.find("title")) if sec.find("title") is not None else ""
            paragraphs = _paragraphs(sec)
            if paragraphs:
                yield TextSection(section_for_label(title) or SECTION_ABSTRACT, "\n\n".join(paragraphs), title)


def _body_sections(body: etree._Element) -> list[TextSection]:
    sections = []
    paragraphs = _paragraphs(body)
    if paragraphs:
        sections.append(TextSection(SECTION_BODY, "\n\n".join(paragraphs)))
    for sec in body.iterfind("sec"):
        _walk_section(sec, None, sections)
    return sections


def _walk_section(sec: etree._Element, inherited: str | None, out: list[TextSection]) -> None:
    title_element = sec.find("title")
    title = element_text(title_element, _TITLE_DROP) if title_element is not None else ""
    sec_type = (sec.get("sec-type") or "").split("|")[0].replace("-", " ")
    if is_skipped_heading(title) or (sec_type and is_skipped_heading(sec_type)):
        return
    # A subsection keeps its parent's kind ("Statistical analysis" under Methods);
    # its own title decides only where the parent has none.
    kind = section_for_label(sec_type) if sec_type else None
    kind = kind or inherited or section_for_label(title)
    paragraphs = _paragraphs(sec)
    if paragraphs:
        out.append(TextSection(kind or SECTION_BODY, "\n\n".join(paragraphs), title))
    for sub in sec.iterfind("sec"):
        _walk_section(sub, kind, out)


def _references(back: etree._Element) -> Iterator[Work]:
    for ref in back.iter("ref"):
        citation = next((c for tag in _CITATION_TAGS for c in ref.iter(tag)), None)
        if citation is None:
            text = element_text(ref, DROP | {"label"})
            if text:
                yield Work(citation=text, year=year_in_text(text), doi=doi_in_text(text))
            continue
        work = _cited_work(citation)
        if work.citation or work.pmid or work.doi:
            yield work


def _cited_work(citation: etree._Element) -> Work:
    ids: dict[str, str] = {}
    for pub_id in citation.iter("pub-id"):
        kind, value = pub_id.get("pub-id-type", ""), pub_id.text or ""
        if kind == "pmid" and clean_pmid(value):
            ids.setdefault("pmid", clean_pmid(value))
        elif kind in ("pmc", "pmcid") and normalize_pmcid(value):
            ids.setdefault("pmcid", normalize_pmcid(value))
        elif kind == "doi" and value.strip():
            ids.setdefault("doi", clean_doi(value))
    plain = element_text(citation, DROP | {"pub-id", "label"})
    article_title = _child_text(citation, "article-title") or _child_text(citation, "chapter-title")
    source = _child_text(citation, "source")
    kind = citation.get("publication-type") or citation.get("citation-type") or ""
    title, journal = article_title, source
    if not article_title and kind != "journal":
        title, journal = source, ""  # a book, report or web page: its source is its title
    year_text = _child_text(citation, "year")
    year_match = _YEAR_DIGITS.search(year_text)
    year = int(year_match.group()) if year_match else year_in_text(plain)
    authors = _citation_authors(citation)
    volume, issue, pages = _child_text(citation, "volume"), _child_text(citation, "issue"), _pages(citation)
    if article_title or source:
        text = _format_citation(authors, bool(citation.findall(".//etal")), article_title, source, year, volume, issue, pages)
    else:
        text = plain
    return Work(
        title=title,
        pmid=ids.get("pmid", ""),
        pmcid=ids.get("pmcid", ""),
        doi=ids.get("doi") or doi_in_text(plain),
        authors=authors,
        journal=journal,
        year=year,
        volume=volume,
        issue=issue,
        pages=pages,
        citation=text,
    )


def _child_text(element: etree._Element, tag: str) -> str:
    child = element.find(tag)
    return element_text(child, DROP) if child is not None else ""


def _citation_authors(citation: etree._Element) -> tuple[str, ...]:
    groups = citation.findall("person-group")
    holders = [g for g in groups if g.get("person-group-type", "author") == "author"] if groups else [citation]
    names = []
    for holder in holders:
        for child in holder:
            if local_name(child.tag) in ("name", "string-name", "collab"):
                name = _name(child)
                if name:
                    names.append(name)
    return tuple(names)


def _format_citation(
    authors: tuple[str, ...],
    etal: bool,
    title: str,
    source: str,
    year: int | None,
    volume: str,
    issue: str,
    pages: str,
) -> str:
    """A structured citation printed the way PubMed prints references."""
    parts = []
    if authors:
        parts.append(", ".join(authors) + (", et al" if etal else ""))
    parts.extend(part for part in (title, source) if part)
    numbers = str(year) if year else ""
    if volume:
        numbers += f";{volume}"
    if issue:
        numbers += f"({issue})"
    if pages:
        numbers += f":{pages}"
    if numbers:
        parts.append(numbers)
    return " ".join(part if part.endswith(_END_PUNCTUATION) else f"{part}." for part in parts)
