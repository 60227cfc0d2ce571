"""Identifiers found in free text: DOIs, PMIDs and PMCIDs in citations and notes."""
from __future__ import annotations

import re

from kg.graph.identity import normalize_doi, normalize_pmcid

_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
# Notes that exports glue to a DOI: "10.1136/x-2020-1[publishedOnlineFirst:2020/12/02]", "...W668[pii]".
_DOI_NOTE = re.compile(r"\[(?:published[^\]]*|pii|doi|epub[^\]]*)\]$", re.IGNORECASE)
_PMCID = re.compile(r"\bPMC\d{1,9}\b", re.IGNORECASE)


def clean_doi(value: str) -> str:
    """A DOI from an identifier field, normalised, without notes glued to its end.

    Brackets inside a DOI are kept: old SICI DOIs have them ("...(2006)53[119:CEOF]2.0.CO;2")."""
    doi = _DOI_NOTE.sub("", normalize_doi(value or ""))
    return normalize_doi(_trim_doi(doi))


def doi_in_text(text: str) -> str:
    """The first DOI in ``text``, normalised; "" when there is none."""
    match = _DOI.search(text or "")
    return normalize_doi(_trim_doi(match.group(0))) if match else ""


def _trim_doi(doi: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets after a DOI."""
    while doi:
        last = doi[-1]
        if last in ".,;:":
            doi = doi[:-1]
        elif last == ")" and doi.count(")") > doi.count("("):
            doi = doi[:-1]
        elif last == "]" and doi.count("]") > doi.count("["):
            doi = doi[:-1]
        else:
            break
    return doi


def pmid_in_text(text: str) -> str:
    """The PMID written as "PMID: 123" in ``text``; "" when there is none."""
    match = _PMID.search(text or "")
    return match.group(1).lstrip("0") if match else ""


def pmcid_in_text(text: str) -> str:
    """The first "PMC123" in ``text``, normalised; "" when there is none."""
    match = _PMCID.search(text or "")
    return normalize_pmcid(match.group(0)) if match else ""


def clean_pmid(value: str) -> str:
    """``value`` as a PMID (digits, no leading zeros) or "" when it is not one."""
    value = value.strip() if value else ""
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return value.lstrip("0")
    return ""
