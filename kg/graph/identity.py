"""How works are recognised as the same and named: merge keys, node ids and IRIs."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from kg.constants import NS_DOI, NS_KG_RESOURCE, NS_MESH, NS_OBO, NS_PUBMED
from kg.records import TextSection, Work

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_IRI_SAFE = "/:;()!$&'*+,=@._-~"
_PMCID = re.compile(r"^(?:PMC)?(\d+)$", re.IGNORECASE)


def normalize_title(title: str) -> str:
    """Title folded for comparison: accents, case, punctuation and spacing ignored."""
    if not title.isascii():
        decomposed = unicodedata.normalize("NFKD", title)
        title = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", title.casefold()).strip()


def normalize_doi(doi: str) -> str:
    """A DOI without resolver prefix or trailing punctuation, lower-cased (DOIs are case-insensitive)."""
    return _DOI_PREFIX.sub("", doi.strip()).rstrip(".,;").lower()


def normalize_pmcid(pmcid: str) -> str:
    """``PMC`` followed by digits, or "" when ``pmcid`` is not one."""
    match = _PMCID.match(pmcid.strip())
    return f"PMC{match.group(1)}" if match else ""


def title_key(work: Work) -> str:
    """The title + year merge key, or "" when either is unknown."""
    title = normalize_title(work.title)
    if not title or work.year is None:
        return ""
    return f"{title}|{work.year}"


def work_node_id(work: Work, known_title_key: str | None = None) -> str:
    """The graph node id of a merged work: a CURIE, never a bare number.

    ``known_title_key`` is ``title_key(work)`` when the caller has it already."""
    if work.pmid:
        return f"PMID:{work.pmid}"
    if work.doi:
        return f"DOI:{work.doi}"
    if known_title_key is None:
        known_title_key = title_key(work)
    key = known_title_key or normalize_title(work.title) or work.citation
    return f"KGW:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def work_iri(node_id: str) -> str:
    """The RDF IRI of a work node id (see :func:`work_node_id`)."""
    prefix, _, local = node_id.partition(":")
    if prefix == "PMID":
        return f"{NS_PUBMED}{local}/"
    if prefix == "DOI":
        return f"{NS_DOI}{quote(local, safe=_IRI_SAFE)}"
    return f"{NS_KG_RESOURCE}work/{local}"


def text_id(section: TextSection) -> str:
    """A content-derived id for a piece of text: the same text gets the same id everywhere."""
    digest = hashlib.sha1(f"{section.section}\x1f{section.text}".encode()).hexdigest()
    return digest[:20]


def concept_iri(curie: str) -> str:
    """The ontology IRI of a concept or MeSH CURIE (MESH:, MONDO:, HP:, KG:)."""
    prefix, _, local = curie.partition(":")
    prefix = prefix.upper()
    if prefix == "MESH":
        return f"{NS_MESH}{local}"
    if prefix in ("MONDO", "HP", "CHEBI", "GO", "UBERON", "NCIT", "DOID"):
        return f"{NS_OBO}{prefix}_{local}"
    return f"{NS_KG_RESOURCE}concept/{quote(local, safe=_IRI_SAFE)}"
