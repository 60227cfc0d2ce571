"""RDF terms as N-Triples text, made in one place so that every writer and both RDF
libraries agree on IRIs and literal forms (literals are written in canonical form,
e.g. ``"0.4"^^xsd:decimal``, so that no library rewrites them).

Terms are plain strings (``<iri>``, ``"text"``, ``"1"^^<…#integer>``): the graph is
written as N-Triples lines directly, which is several times faster than building
term objects, and the other syntaxes are converted from those lines."""
from __future__ import annotations

import re

from kg.constants import (
    NS_BIOLINK,
    NS_CITO,
    NS_DCTERMS,
    NS_FABIO,
    NS_KG,
    NS_PRISM,
    NS_PROV,
    NS_RDF,
    NS_RDFS,
    NS_SKOS,
    NS_XSD,
)

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"),
    (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
    (re.compile(r"^\d{4}$"), "gYear"),
)


class _Namespace:
    """``NS.term`` -> ``<namespace + term>``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._cache: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        term = self[name]
        setattr(self, name, term)  # later look-ups are plain attribute hits
        return term

    def __getitem__(self, name: str) -> str:
        term = self._cache.get(name)
        if term is None:
            term = self._cache[name] = f"<{self.base}{name}>"
        return term


KG = _Namespace(NS_KG)
BIOLINK = _Namespace(NS_BIOLINK)
CITO = _Namespace(NS_CITO)
DCTERMS = _Namespace(NS_DCTERMS)
FABIO = _Namespace(NS_FABIO)
PRISM = _Namespace(NS_PRISM)
PROV = _Namespace(NS_PROV)
RDF = _Namespace(NS_RDF)
RDFS = _Namespace(NS_RDFS)
SKOS = _Namespace(NS_SKOS)
XSD = _Namespace(NS_XSD)

_INTEGER = f"^^{XSD.integer}"
_TRUE = f'"true"^^{XSD.boolean}'
_FALSE = f'"false"^^{XSD.boolean}'


def iri(value: str) -> str:
    """An IRI term (the value must already be a valid, percent-encoded IRI)."""
    return f"<{value}>"


def iri_value(term: str) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


def curie_iri(curie: str) -> str:
    """The IRI term of a ``biolink:``-style CURIE."""
    prefix, _, local = curie.partition(":")
    if prefix == "biolink":
        return BIOLINK[local]
    raise ValueError(f"no namespace for CURIE {curie!r}")


def text(value: str) -> str:
    """A plain string literal."""
    if '"' in value or "\\" in value or "\n" in value or "\r" in value:
        value = value.translate(_ESCAPES)
    return f'"{value}"'


def integer(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


def boolean(value: bool) -> str:
    return _TRUE if value else _FALSE


def decimal(value: float, places: int = 3) -> str:
    """A decimal literal in canonical form ("0.4", "1.0"), rounded to ``places``."""
    digits = f"{value:.{places}f}".rstrip("0")
    if digits.endswith("."):
        digits += "0"
    return f'"{digits}"^^{XSD.decimal}'


def date(value: str) -> str | None:
    """``2016``, ``2016-08`` or ``2016-08-27`` as xsd:gYear, xsd:gYearMonth or xsd:date."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return f'"{value}"^^{XSD[datatype]}'
    return None


def year(value: int) -> str:
    return f'"{value:04d}"^^{XSD.gYear}'
