"""PubMed XML: efetch ``PubmedArticleSet``, NLM baseline/update files and the old
``MedlineCitationSet``, plain or gzipped, streamed one article at a time."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import ClassVar

from lxml import etree

from kg.constants import SECTION_ABSTRACT
from kg.errors import InputError
from kg.graph.identity import normalize_pmcid
from kg.records import Document, MeshHeading, TextSection, Work
from kg.sources.base import ShardedReader
from kg.sources.dates import iso_date, parse_date, year_in_text
from kg.sources.ids import clean_doi, clean_pmid
from kg.sources.names import short_name
from kg.sources.sections import section_for_label
from kg.sources.shards import ReadOnFrom, RecordPosition, Shard
from kg.sources.xmlsafe import local_name, root_name, stream_records
from kg.sources.xmlshards import RecordTags, cut_shards, stream_shard
from kg.sources.xmltext import collapse, element_text

ROOTS = frozenset({"PubmedArticleSet", "MedlineCitationSet", "PubmedArticle", "MedlineCitation"})
TAGS = RecordTags(records=("PubmedArticle", "PubmedBookArticle", "MedlineCitation"), skipped=("DeleteCitation",))
RECORD_TAGS = TAGS.names
_NO_CATEGORY = ("", "UNASSIGNED")


class PubMedXmlReader(ShardedReader):
    """Reads PubMed/MEDLINE XML, one Document per article, streaming; cuts it into
    shards of whole articles for other processes to read."""

    name: ClassVar[str] = "pubmed-xml"
    description: ClassVar[str] = (
        "PubMed XML (efetch PubmedArticleSet, NLM baseline/update files, MedlineCitationSet), .xml or .xml.gz"
    )

    def sniff(self, head: str) -> bool:
        return root_name(head) in ROOTS

    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        return self._documents(stream_records(path, source_name, RECORD_TAGS), source_name, 0)

    def shards(self, path: Path, source_name: str) -> Iterator[Shard | ReadOnFrom]:
        return cut_shards(path, source_name, self.name, TAGS)

    def read_shard(self, shard: Shard) -> Iterator[Document | InputError]:
        return self._documents(stream_shard(shard, TAGS), shard.source_name, shard.start.records)

    def read_on(self, path: Path, source_name: str, start: RecordPosition) -> Iterator[Document | InputError]:
        elements = stream_records(path, source_name, RECORD_TAGS)
        next(islice(elements, start.elements, start.elements), None)  # read before: parsed again, not made into records
        yield from self._documents(elements, source_name, start.records)

    def _documents(
        self, elements: Iterator[etree._Element], source_name: str, number: int
    ) -> Iterator[Document | InputError]:
        """A Document per article element, numbered on from ``number``; a bad article
        becomes an InputError naming it, and the rest go on."""
        for element in elements:
            tag = local_name(element.tag)
            if tag == "DeleteCitation":
                continue  # update files list PMIDs withdrawn from PubMed; nothing to read
            number += 1
            where = f"record {number}"
            try:
                citation, data = _parts(element, tag)
                pmid = clean_pmid(citation.findtext("PMID") or "")
                if not pmid:
                    raise _BadRecord("article without a PMID")
                where = f"PMID {pmid}"
                yield Document(
                    source_file=source_name,
                    work=_work(citation, data, pmid),
                    references=_references(data) if data is not None else (),
                    position=f"record {number}",
                    reader=self.name,
                )
            except _BadRecord as exc:
                yield InputError(source_name, str(exc), where)
            except Exception as exc:  # one odd record must not stop the file
                yield InputError(source_name, f"cannot read this article ({type(exc).__name__}: {exc})", where)


class _BadRecord(ValueError):
    """An article that lacks what every article must have."""


def _parts(element: etree._Element, tag: str) -> tuple[etree._Element, etree._Element | None]:
    """(the citation, the PubMed data) of a record element."""
    if tag == "PubmedArticle":
        citation, data = element.find("MedlineCitation"), element.find("PubmedData")
    elif tag == "PubmedBookArticle":
        citation, data = element.find("BookDocument"), element.find("PubmedBookData")
    else:  # a MedlineCitation on its own, as in MedlineCitationSet files
        citation, data = element, None
    if citation is None:
        raise _BadRecord(f"{tag} without {'BookDocument' if tag == 'PubmedBookArticle' else 'MedlineCitation'}")
    return citation, data


def _work(citation: etree._Element, data: etree._Element | None, pmid: str) -> Work:
    article = citation.find("Article")
    if article is None:  # book chapters keep their fields on BookDocument itself
        article = citation
    book = citation.find("Book")
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    if not title and book is not None:
        title = _text(book.find("BookTitle"))
    journal, volume, issue, date = _journal_issue(article, book, citation)
    year, iso = _pub_date(date)
    if year is None:
        year, iso = _pub_date(article.find("ArticleDate"))
    doi, pmcid = _identifiers(citation, data, article)
    types = article.findall("PublicationTypeList/PublicationType") or article.findall("PublicationType")
    return Work(
        title=title,
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        authors=_authors(article.find("AuthorList")),
        journal=journal,
        year=year,
        date=iso,
        volume=volume,
        issue=issue,
        pages=_pages(article.find("Pagination")),
        publication_types=tuple(collapse(t.text or "") for t in types),
        publication_type_ids=tuple(t.get("UI", "") for t in types if t.get("UI")),
        keywords=tuple(text for text in (_text(k) for k in citation.iterfind("KeywordList/Keyword")) if text),
        mesh_headings=_mesh_headings(citation.find("MeshHeadingList")),
        sections=_abstract(article.find("Abstract")),
    )


def _journal_issue(
    article: etree._Element, book: etree._Element | None, citation: etree._Element
) -> tuple[str, str, str, etree._Element | None]:
    """(journal, volume, issue, PubDate element); a book stands in for the journal."""
    journal, volume, issue, date = "", "", "", None
    journal_element = article.find("Journal")
    if journal_element is not None:
        journal = journal_element.findtext("ISOAbbreviation") or journal_element.findtext("Title") or ""
        journal_issue = journal_element.find("JournalIssue")
        if journal_issue is not None:
            volume = journal_issue.findtext("Volume") or ""
            issue = journal_issue.findtext("Issue") or ""
            date = journal_issue.find("PubDate")
    elif book is not None:
        journal = _text(book.find("BookTitle"))
        date = book.find("PubDate")
    journal = journal or citation.findtext("MedlineJournalInfo/MedlineTA") or ""
    return collapse(journal), collapse(volume), collapse(issue), date


def _identifiers(
    citation: etree._Element, data: etree._Element | None, article: etree._Element
) -> tuple[str, str]:
    """(doi, pmcid): from PubmedData's ArticleIdList, else the citation's, else a DOI ELocationID."""
    doi, pmcid = _article_ids(data.find("ArticleIdList") if data is not None else None)
    if not doi:
        doi = _article_ids(citation.find("ArticleIdList"))[0]
    if not doi:
        for location in article.iterfind("ELocationID"):
            if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") == "Y":
                return clean_doi(location.text or ""), pmcid
    return doi, pmcid


def _text(element: etree._Element | None) -> str:
    return element_text(element) if element is not None else ""


def _abstract(abstract: etree._Element | None) -> tuple[TextSection, ...]:
    if abstract is None:
        return ()
    sections = []
    for part in abstract.iterfind("AbstractText"):
        text = element_text(part)
        if not text:
            continue
        label = part.get("Label", "")
        category = part.get("NlmCategory", "")
        section = None
        if category not in _NO_CATEGORY:
            section = section_for_label(category)
        if section is None and label:
            section = section_for_label(label)
        sections.append(TextSection(section or SECTION_ABSTRACT, text, label))
    return tuple(sections)


def _authors(author_list: etree._Element | None) -> tuple[str, ...]:
    if author_list is None:
        return ()
    names = []
    for author in author_list:
        if author.tag != "Author" or author.get("ValidYN") == "N":
            continue
        last = fore = letters = ""
        collective = None
        for part in author:  # one pass over the children instead of four path lookups
            tag = part.tag
            if tag == "LastName":
                last = part.text or ""
            elif tag == "ForeName":
                fore = part.text or ""
            elif tag == "Initials":
                letters = part.text or ""
            elif tag == "CollectiveName":
                collective = part
        name = short_name(last, fore, letters) if last else _text(collective)
        if name:
            names.append(name)
    return tuple(names)


def _pub_date(date: etree._Element | None) -> tuple[int | None, str]:
    if date is None:
        return None, ""
    year = date.findtext("Year")
    if year:
        return iso_date(year, date.findtext("Month"), date.findtext("Day"))
    return parse_date(date.findtext("MedlineDate") or "")


def _pages(pagination: etree._Element | None) -> str:
    if pagination is None:
        return ""
    pages = pagination.findtext("MedlinePgn")
    if pages:
        return collapse(pages)
    start, end = pagination.findtext("StartPage") or "", pagination.findtext("EndPage") or ""
    return f"{start}-{end}" if start and end else start


def _article_ids(id_list: etree._Element | None) -> tuple[str, str]:
    """(doi, pmcid) from an ArticleIdList."""
    doi = pmcid = ""
    if id_list is not None:
        for article_id in id_list.iterfind("ArticleId"):
            kind = article_id.get("IdType")
            if kind == "doi" and not doi:
                doi = clean_doi(article_id.text or "")
            elif kind == "pmc" and not pmcid:
                pmcid = normalize_pmcid(article_id.text or "")
    return doi, pmcid


def _mesh_headings(heading_list: etree._Element | None) -> tuple[MeshHeading, ...]:
    if heading_list is None:
        return ()
    headings = []
    for heading in heading_list:
        descriptor = None
        qualifiers = []
        major = False
        for part in heading:
            if part.tag == "DescriptorName":
                descriptor = part
            elif part.tag == "QualifierName":
                qualifiers.append(collapse(part.text or ""))
            else:
                continue
            # PubMed counts a heading as a major topic when the descriptor or any qualifier is one.
            major = major or part.get("MajorTopicYN") == "Y"
        if descriptor is not None:
            headings.append(
                MeshHeading(
                    descriptor_id=descriptor.get("UI", ""),
                    label=collapse(descriptor.text or ""),
                    major=major,
                    qualifiers=tuple(qualifiers),
                )
            )
    return tuple(headings)


def _references(data: etree._Element) -> tuple[Work, ...]:
    # The hot loop of large files (about ten references per article): plain child
    # iteration, no path lookups.
    works = []
    for reference_list in data.iterfind("ReferenceList"):
        for reference in reference_list.iter("Reference"):
            citation = pmid = doi = pmcid = ""
            for child in reference:
                if child.tag == "Citation":
                    citation = element_text(child)
                elif child.tag == "ArticleIdList":
                    for article_id in child:
                        kind, value = article_id.get("IdType"), article_id.text
                        if not value:
                            continue
                        if kind == "pubmed":
                            pmid = pmid or clean_pmid(value)
                        elif kind == "doi":
                            doi = doi or clean_doi(value)
                        elif kind == "pmc":
                            pmcid = pmcid or normalize_pmcid(value)
            if citation or pmid or doi or pmcid:
                works.append(Work(pmid=pmid, doi=doi, pmcid=pmcid, year=year_in_text(citation), citation=citation))
    return tuple(works)
