"""RDF terms made in one place, so that every writer and both RDF libraries agree
on IRIs and literal datatypes."""
from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

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

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"),
    (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
    (re.compile(r"^\d{4}$"), "gYear"),
)


class _Namespace:
    """``NS.term`` -> NamedNode, cached."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._cache: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        return self[name]

    def __getitem__(self, name: str) -> NamedNode:
        node = self._cache.get(name)
        if node is None:
            node = self._cache[name] = NamedNode(self._base + name)
        return node


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


def iri(value: str) -> NamedNode:
    """A named node for an absolute IRI."""
    return NamedNode(value)


def curie_iri(curie: str) -> NamedNode:
    """A named node for a ``biolink:``-style CURIE."""
    prefix, _, local = curie.partition(":")
    if prefix == "biolink":
        return BIOLINK[local]
    raise ValueError(f"no namespace for CURIE {curie!r}")


def text(value: str) -> Literal:
    """A plain string literal."""
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def decimal(value: float, places: int = 3) -> Literal:
    """A decimal literal with a fixed number of places, so output is stable."""
    return Literal(f"{value:.{places}f}", datatype=XSD.decimal)


def date(value: str) -> Literal | None:
    """``2016``, ``2016-08`` or ``2016-08-27`` as xsd:gYear, xsd:gYearMonth or xsd:date."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=XSD[datatype])
    return None


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)
