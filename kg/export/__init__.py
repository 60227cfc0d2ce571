"""Exporters, one module per output format, and the registry that writes them.

To add a format: write a ``write_X(graph, path, options)`` function in its own
module and add an :class:`~kg.export.base.Exporter` to :data:`EXPORTERS`
(exporters of RDF syntaxes convert the shared :attr:`ExportContext.rdf` scratch file,
and may return a running :class:`~kg.export.convert.Conversion` instead of waiting).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import networkx as nx
from pyoxigraph import RdfFormat

from kg.constants import OUT_CLAIMS, OUT_HTML, OUT_JSONLD, OUT_NTRIPLES, OUT_TURTLE, PREFIXES
from kg.errors import OutputError, UnknownChoiceError
from kg.export.base import BackgroundJob, ExportContext, Exporter, ExportOptions, RdfScratch, staging_path
from kg.export.claims_tsv import write_claims_tsv
from kg.export.convert import Conversion, start_conversion
from kg.export.html import write_html
from kg.export.rdf import copy_ntriples
from kg.export.trig import OUT_TRIG, start_trig


def _rdf_writer(fmt: RdfFormat):
    """An exporter that converts the scratch Turtle file, in a child process."""

    def write(context: ExportContext, path: Path) -> Conversion | None:
        scratch = context.rdf
        if fmt == RdfFormat.N_TRIPLES:
            copy_ntriples(scratch, path)
            return None
        return start_conversion(scratch.path, RdfFormat.TURTLE, path, fmt, PREFIXES)

    return write


def _graph_writer(write_function):
    """An exporter from a ``write_X(graph, path, options)`` function."""

    def write(context: ExportContext, path: Path) -> None:
        write_function(context.graph, path, context.options)
        return None

    return write


EXPORTERS: list[Exporter] = [
    Exporter("turtle", OUT_TURTLE, "RDF as Turtle", _rdf_writer(RdfFormat.TURTLE)),
    Exporter("ntriples", OUT_NTRIPLES, "RDF as N-Triples, one triple per line", _rdf_writer(RdfFormat.N_TRIPLES)),
    Exporter("jsonld", OUT_JSONLD, "RDF as JSON-LD", _rdf_writer(RdfFormat.JSON_LD)),
    Exporter("trig", OUT_TRIG, "RDF as TriG, one named graph per source document",
             lambda context, path: start_trig(context.graph, path, context.rdf, context.scratch_path(".trig"))),
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
                  options: ExportOptions | None = None,
                  rdf_jobs: Sequence[Callable[[RdfScratch], BackgroundJob]] = ()) -> WrittenOutputs:
    """Write the chosen outputs (all by default) into ``out_dir``.

    Each file is written beside its target and moved onto it only once every chosen
    output is written, so a failure leaves the previous outputs as they were. RDF
    conversions run in child processes while the other exporters work. ``rdf_jobs``
    start more such work on the graph's triples (e.g. loading a store); they are
    waited for too, and cancelled if any output fails."""
    context = ExportContext(graph, Path(out_dir), options)
    chosen = [get_exporter(n) for n in names] if names else EXPORTERS
    staged: list[tuple[Path, Path]] = []
    started: list[BackgroundJob] = []
    done = False
    try:
        started += [start(context.rdf) for start in rdf_jobs]  # first: they are the longest
        for exporter in chosen:
            target = Path(out_dir) / exporter.filename
            staged.append((staging_path(target), target))
            try:
                conversion = exporter.write(context, staged[-1][0])
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc}") from exc
            if conversion is not None:
                started.append(conversion)
        for job in started:
            job.wait()
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc}") from exc
        done = True
    finally:
        if not done:
            for job in started:
                job.cancel()
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        triples = context.triples
        context.close()
    return WrittenOutputs([target for _, target in staged], triples)
