"""Checking a built graph against kg's SHACL shapes with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, parse, serialize
from rdflib.namespace import SH

from kg.errors import InputError
from kg.shapes import SHAPES_FILE
from kg.store.gsp import rdf_format


@dataclass(frozen=True)
class Violation:
    """One validation result: which node broke which constraint, and how."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value[:80]})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class Report:
    """Whether the graph conforms, and every violation in a stable order."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def _parse(path: Path, what: str) -> rdflib.Graph:
    """Any RDF file as one rdflib graph: read by pyoxigraph (fast, precise errors), the
    triples of all its graphs handed to rdflib as N-Triples."""
    fmt = rdf_format(path)
    try:
        triples = (quad.triple for quad in parse(path=str(path), format=fmt))
        ntriples = serialize(triples, format=RdfFormat.N_TRIPLES)
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file", hint="run `kg build` first") from exc
    except (SyntaxError, OSError) as exc:
        raise InputError(str(path), f"cannot read {what}: {exc}") from exc
    graph = rdflib.Graph()
    graph.parse(data=ntriples, format="nt")
    return graph


def _text(graph: rdflib.Graph, node: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
    value = graph.value(node, predicate)
    if value is None:
        return ""
    if isinstance(value, rdflib.BNode):  # a path expression or anonymous shape
        return ""
    return str(value)


def validate_file(path: str | Path, shapes: str | Path = SHAPES_FILE) -> Report:
    """Validate an RDF file (N-Triples, Turtle, TriG as the union of its graphs) against ``shapes``."""
    from pyshacl import validate  # imported late: slow to import

    data = _parse(Path(path), "the graph")
    shapes_graph = _parse(Path(shapes), "the shapes")
    conforms, results, _ = validate(data, shacl_graph=shapes_graph, inference="none", advanced=True,
                                    allow_warnings=True)
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=_text(results, result, SH.focusNode),
            path=_text(results, result, SH.resultPath),
            message=_text(results, result, SH.resultMessage),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=_text(results, result, SH.value),
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(bool(conforms), violations)
