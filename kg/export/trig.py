"""The graph as TriG: the triples of ``graph.nt``, each in the named graph of the one
source document it came from.

* a source document's graph is ``kgr:source/<the input path as given, percent-encoded>``
  (``kgr:source/seeds%2F000_ea24b7b8f5827cdc.txt``);
* a triple goes there when everything it describes came from that one input: the
  triples of a work seen only in that input (with its text sections, citations,
  mentions and MeSH headings), of an evidence sentence (its ``kg:sourceFile``), of a
  claim whose evidence all comes from that input (with its direct triple), of a
  concept or MeSH descriptor only that input's works mention or make claims about;
* every other triple (a work seen in two inputs, a claim with evidence from two, a
  concept several inputs name) goes to the shared graph ``kgr:graph/shared``.

The graphs partition the triples: each triple is in exactly one graph, so the
union of the graphs is ``graph.nt`` with no duplicates, and a store queried with
its union default graph answers exactly as over ``graph.nt``.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

import networkx as nx
from pyoxigraph import RdfFormat

from kg.constants import (
    ATTR_CLAIM,
    ATTR_KIND,
    ATTR_SOURCES,
    ATTR_WORK,
    EDGE_CITES,
    EDGE_CLAIM,
    EDGE_SIMILAR,
    NS_KG_RESOURCE,
    PREFIXES,
)
from kg.export import terms as t
from kg.export.base import ExportOptions, RdfScratch
from kg.export.convert import Conversion, prefix_header, start_conversion
from kg.export.rdf import claim_iri, evidence_iri, node_iris, ntriples_lines, text_iri
from kg.graph.identity import text_id
from kg.records import Claim

OUT_TRIG = "graph.trig"
SHARED_GRAPH = f"{NS_KG_RESOURCE}graph/shared"
SOURCE_GRAPH_PREFIX = f"{NS_KG_RESOURCE}source/"


@lru_cache(maxsize=1 << 12)
def source_graph_iri(source_file: str) -> str:
    """The named graph of one input file."""
    return SOURCE_GRAPH_PREFIX + quote(source_file, safe="")


class _Owners:
    """The sources each RDF subject, direct claim triple and citation came from,
    keyed by N-Triples terms."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.subjects: dict[str, set[str]] = defaultdict(set)
        self.statements: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = {}
        iris = node_iris(graph)
        for node_id, data in graph.nodes(data=True):
            work = data.get(ATTR_WORK)
            if work is None:
                continue
            sources = set(data.get(ATTR_SOURCES, ()))
            self.subjects[iris[node_id]] |= sources
            for section in work.text_sections():
                self.subjects[text_iri(text_id(section))] |= sources
        for source, successors in graph.adjacency():
            s_iri = iris[source]
            for target, keyed in successors.items():
                o_iri = iris[target]
                for edge in keyed.values():
                    kind = edge[ATTR_KIND]
                    if kind == EDGE_CLAIM:
                        self._claim(edge[ATTR_CLAIM], s_iri, o_iri)
                    elif kind in (EDGE_CITES, EDGE_SIMILAR):
                        self._link(s_iri, o_iri)
                    else:  # mentions, MeSH headings: the concept is named by the work's sources
                        self.subjects[o_iri] |= self.subjects[s_iri]

    def _link(self, s_iri: str, o_iri: str) -> None:
        """A citation is stated by the sources both works came from, else by the citing
        work's; only one whose graph differs from the citing work's is kept."""
        both = self.subjects[s_iri] & self.subjects[o_iri]
        if both and both != self.subjects[s_iri]:
            self.links[(s_iri, o_iri)] = both

    def _claim(self, claim: Claim, s_iri: str, o_iri: str) -> None:
        sources = {ev.source_file for ev in claim.evidences}
        self.subjects[claim_iri(claim)] |= sources
        for evidence in claim.evidences:
            self.subjects[evidence_iri(claim, evidence)].add(evidence.source_file)
        self.subjects[s_iri] |= sources
        self.subjects[o_iri] |= sources
        if not claim.key.negated:
            self.statements[(s_iri, t.curie_iri(claim.predicate), o_iri)] |= sources

    def graph_of(self, subject: str, predicate: str = "", obj: str = "") -> str:
        """The named graph (an IRI) of a triple, given as N-Triples terms."""
        sources = self.statements.get((subject, predicate, obj))
        if sources is None:
            sources = self.links.get((subject, obj)) if predicate in _LINK_PREDICATES else None
        if sources is None:
            sources = self.subjects.get(subject, set())
        return source_graph_iri(next(iter(sources))) if len(sources) == 1 else SHARED_GRAPH


_LINK_PREDICATES = {t.CITO.cites, t.KG.similarTo}


def trig_lines(graph: nx.MultiDiGraph, ntriples: Iterable[str] | None = None) -> Iterator[str]:
    """The graph as TriG text: each N-Triples line, in the usual triple order, inside a
    block of its named graph (a block per run of lines in one graph; streamed).
    ``ntriples``: the graph's N-Triples lines, when already written."""
    owners = _Owners(graph)
    # Only citation links and direct claim triples can leave their subject's graph;
    # every other triple is in its subject's, and lines come grouped by subject.
    per_triple = _LINK_PREDICATES | {p for _, p, _ in owners.statements}
    last_subject, subject_graph, current = "", "", ""
    for line in ntriples if ntriples is not None else ntriples_lines(graph):
        # subject and predicate are IRIs, which hold no space; the object is the rest
        end_subject = line.index(" ")
        subject = line[:end_subject]
        if subject != last_subject:
            last_subject, subject_graph = subject, owners.graph_of(subject)
        name = subject_graph
        end_predicate = line.index(" ", end_subject + 1)
        predicate = line[end_subject + 1:end_predicate]
        if predicate in per_triple:
            name = owners.graph_of(subject, predicate, line[end_predicate + 1:-3])
        if name != current:
            yield f"}}\n<{name}> {{\n" if current else f"<{name}> {{\n"
            current = name
        yield line
    if current:
        yield "}\n"


def start_trig(graph: nx.MultiDiGraph, path: Path, scratch: RdfScratch | None, trig_scratch: Path) -> Conversion:
    """Start writing ``graph.trig``: the TriG text goes to ``trig_scratch`` (removed at
    the end), then a conversion gives it its final form. ``scratch``: the graph's
    triples, when already written."""
    prefixes = {**PREFIXES, "source": SOURCE_GRAPH_PREFIX}
    try:
        with open(trig_scratch, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(prefix_header(prefixes))
            handle.writelines(trig_lines(graph, scratch.lines() if scratch is not None else None))
    except BaseException:
        trig_scratch.unlink(missing_ok=True)
        raise
    return start_conversion(trig_scratch, RdfFormat.TRIG, path, RdfFormat.TRIG, prefixes, scratch=(trig_scratch,))


def write_trig(graph: nx.MultiDiGraph, path: Path, options: ExportOptions) -> None:
    """Write ``graph.trig`` and wait until it is written."""
    start_trig(graph, path, None, Path(f"{path}.scratch.trig")).wait()
