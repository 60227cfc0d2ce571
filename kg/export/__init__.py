"""Exporters, one module per output format, and the registry that writes them.

To add a format: write a ``write_X(graph, path, options)`` function in its own
module and add an :class:`~kg.export.base.Exporter` to :data:`EXPORTERS`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import networkx as nx
from pyoxigraph import RdfFormat

from kg.constants import OUT_CLAIMS, OUT_HTML, OUT_JSONLD, OUT_NTRIPLES, OUT_TURTLE
from kg.errors import UnknownChoiceError
from kg.export.base import Exporter, ExportOptions, atomic_path
from kg.export.claims_tsv import write_claims_tsv
from kg.export.html import write_html
from kg.export.rdf import serialize_graph


def _rdf_writer(fmt: RdfFormat):
    def write(graph: nx.MultiDiGraph, path: Path, options: ExportOptions) -> None:
        serialize_graph(graph, fmt, str(path))

    return write


EXPORTERS: list[Exporter] = [
    Exporter("turtle", OUT_TURTLE, "RDF as Turtle", _rdf_writer(RdfFormat.TURTLE)),
    Exporter("ntriples", OUT_NTRIPLES, "RDF as N-Triples, one triple per line", _rdf_writer(RdfFormat.N_TRIPLES)),
    Exporter("jsonld", OUT_JSONLD, "RDF as JSON-LD", _rdf_writer(RdfFormat.JSON_LD)),
    Exporter("claims", OUT_CLAIMS, "claims.tsv: one row per evidence of every claim", write_claims_tsv),
    Exporter("html", OUT_HTML, "interactive HTML page of the graph", write_html),
]


def exporter_names() -> list[str]:
    return [e.name for e in EXPORTERS]


def get_exporter(name: str) -> Exporter:
    for exporter in EXPORTERS:
        if exporter.name == name:
            return exporter
    raise UnknownChoiceError("output format", name, exporter_names())


def write_outputs(graph: nx.MultiDiGraph, out_dir: Path, names: Sequence[str] | None = None,
                  options: ExportOptions | None = None) -> list[Path]:
    """Write the chosen outputs (all by default) into ``out_dir``, each file atomically."""
    options = options or ExportOptions()
    chosen = [get_exporter(n) for n in names] if names else EXPORTERS
    written = []
    for exporter in chosen:
        target = Path(out_dir) / exporter.filename
        with atomic_path(target) as tmp:
            exporter.write(graph, tmp, options)
        written.append(target)
    return written
