"""Exporters, one module per output format, and the registry that writes them.

To add a format: write a ``write_X(graph, path, options)`` function in its own
module and add an :class:`~kg.export.base.Exporter` to :data:`EXPORTERS`
(exporters of RDF syntaxes convert the shared :attr:`ExportContext.ntriples`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import networkx as nx
from pyoxigraph import RdfFormat

from kg.constants import OUT_CLAIMS, OUT_HTML, OUT_JSONLD, OUT_NTRIPLES, OUT_TURTLE
from kg.errors import UnknownChoiceError
from kg.export.base import ExportContext, Exporter, ExportOptions, atomic_path
from kg.export.claims_tsv import write_claims_tsv
from kg.export.html import write_html
from kg.export.rdf import convert_ntriples
from kg.export.trig import OUT_TRIG, write_trig


def _rdf_writer(fmt: RdfFormat):
    def write(context: ExportContext, path: Path) -> None:
        convert_ntriples(context.ntriples, fmt, path)

    return write


def _graph_writer(write_function):
    """An exporter from a ``write_X(graph, path, options)`` function."""

    def write(context: ExportContext, path: Path) -> None:
        write_function(context.graph, path, context.options)

    return write


EXPORTERS: list[Exporter] = [
    Exporter("turtle", OUT_TURTLE, "RDF as Turtle", _rdf_writer(RdfFormat.TURTLE)),
    Exporter("ntriples", OUT_NTRIPLES, "RDF as N-Triples, one triple per line", _rdf_writer(RdfFormat.N_TRIPLES)),
    Exporter("jsonld", OUT_JSONLD, "RDF as JSON-LD", _rdf_writer(RdfFormat.JSON_LD)),
    Exporter("trig", OUT_TRIG, "RDF as TriG, one named graph per source document",
             lambda context, path: write_trig(context.graph, path, context.options, context.ntriples)),
    Exporter("claims", OUT_CLAIMS, "claims.tsv: one row per evidence of every claim", _graph_writer(write_claims_tsv)),
    Exporter("html", OUT_HTML, "interactive HTML page of the graph", _graph_writer(write_html)),
]


def exporter_names() -> list[str]:
    return [e.name for e in EXPORTERS]


def get_exporter(name: str) -> Exporter:
    for exporter in EXPORTERS:
        if exporter.name == name:
            return exporter
    raise UnknownChoiceError("output format", name, exporter_names())


@dataclass
class WrittenOutputs:
    """The files one call of :func:`write_outputs` wrote."""

    paths: list[Path] = field(default_factory=list)
    triples: int | None = None  # triples in the graph, when an RDF output was written


def write_outputs(graph: nx.MultiDiGraph, out_dir: Path, names: Sequence[str] | None = None,
                  options: ExportOptions | None = None) -> WrittenOutputs:
    """Write the chosen outputs (all by default) into ``out_dir``, each file atomically."""
    context = ExportContext(graph, Path(out_dir), options)
    chosen = [get_exporter(n) for n in names] if names else EXPORTERS
    written = WrittenOutputs()
    try:
        for exporter in chosen:
            target = Path(out_dir) / exporter.filename
            with atomic_path(target) as tmp:
                exporter.write(context, tmp)
            written.paths.append(target)
    finally:
        context.close()
    written.triples = context.triples
    return written
