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
from pyoxigraph import RdfFormat, parse, serialize

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
from kg.export.base import ExportOptions
from kg.export.rdf import claim_iri, evidence_iri, node_iri, ntriples_lines, text_iri
from kg.graph.identity import text_id

OUT_TRIG = "graph.trig"
SHARED_GRAPH = f"{NS_KG_RESOURCE}graph/shared"
SOURCE_GRAPH_PREFIX = f"{NS_KG_RESOURCE}source/"


@lru_cache(maxsize=1 << 12)
def source_graph_iri(source_file: str) -> str:
    """The named graph of one input file."""
    return SOURCE_GRAPH_PREFIX + quote(source_file, safe="")


class _Owners:
    """The sources each RDF subject, direct claim triple and citation came from."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.subjects: dict[str, set[str]] = defaultdict(set)
        self.statements: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = {}
        for node_id, data in graph.nodes(data=True):
            work = data.get(ATTR_WORK)
            if work is None:
                continue
            sources = set(data.get(ATTR_SOURCES, ()))
            self.subjects[t.iri_value(node_iri(graph, node_id))] |= sources
            for section in work.text_sections():
                self.subjects[t.iri_value(text_iri(text_id(section)))] |= sources
        for source, target, edge in graph.edges(data=True):
            kind = edge[ATTR_KIND]
            s_iri, o_iri = t.iri_value(node_iri(graph, source)), t.iri_value(node_iri(graph, target))
            if kind == EDGE_CLAIM:
                self._claim(graph, edge[ATTR_CLAIM], s_iri, o_iri)
            elif kind in (EDGE_CITES, EDGE_SIMILAR):
                both = self.subjects[s_iri] & self.subjects[o_iri]
                self.links[(s_iri, o_iri)] = both or self.subjects[s_iri]
            else:  # mentions, MeSH headings: the concept is named by the work's sources
                self.subjects[o_iri] |= self.subjects[s_iri]

    def _claim(self, graph: nx.MultiDiGraph, claim, s_iri: str, o_iri: str) -> None:
        sources = {ev.source_file for ev in claim.evidences}
        self.subjects[t.iri_value(claim_iri(claim))] |= sources
        for evidence in claim.evidences:
            self.subjects[t.iri_value(evidence_iri(claim, evidence))].add(evidence.source_file)
        self.subjects[s_iri] |= sources
        self.subjects[o_iri] |= sources
        if not claim.key.negated:
            self.statements[(s_iri, t.iri_value(t.curie_iri(claim.predicate)), o_iri)] |= sources

    def graph_of(self, subject: str, predicate: str, obj: str) -> str:
        sources = self.statements.get((subject, predicate, obj))
        if sources is None:
            sources = self.links.get((subject, obj)) if predicate in _LINK_PREDICATES else None
        if sources is None:
            sources = self.subjects.get(subject, set())
        return source_graph_iri(next(iter(sources))) if len(sources) == 1 else SHARED_GRAPH


_LINK_PREDICATES = {t.iri_value(t.CITO.cites), t.iri_value(t.KG.similarTo)}


def graph_quads(graph: nx.MultiDiGraph, ntriples: Iterable[str] | None = None) -> Iterator[str]:
    """Every triple of the graph as an N-Quads line in its graph, in the usual triple
    order (streamed: nothing is held back). ``ntriples``: the graph's N-Triples lines,
    when already written, so they are not generated again."""
    owners = _Owners(graph)
    # Only citation links and direct claim triples can leave their subject's graph;
    # every other triple is in its subject's, and lines come grouped by subject.
    per_triple = {f"<{p}>" for p in _LINK_PREDICATES} | {f"<{p}>" for _, p, _ in owners.statements}
    last_subject, subject_graph = "", ""
    for line in ntriples if ntriples is not None else ntriples_lines(graph):
        # subject and predicate are IRIs, which hold no space; the object is the rest
        subject, predicate, rest = line.split(" ", 2)
        if predicate in per_triple:
            obj = rest[:-3]  # drop " .\n"
            obj_iri = t.iri_value(obj) if obj.startswith("<") else ""
            name = owners.graph_of(t.iri_value(subject), t.iri_value(predicate), obj_iri)
        else:
            if subject != last_subject:
                last_subject, subject_graph = subject, owners.graph_of(t.iri_value(subject), "", "")
            name = subject_graph
        yield f"{line[:-3]} <{name}> .\n"


def write_trig(graph: nx.MultiDiGraph, path: Path, options: ExportOptions, ntriples: Path | None = None) -> None:
    """Write ``graph.trig`` (from the graph's N-Triples file ``ntriples`` when given)."""
    prefixes = {**PREFIXES, "source": SOURCE_GRAPH_PREFIX}
    nquads = Path(f"{path}.nq")
    try:
        with open(nquads, "w", encoding="utf-8", newline="\n") as handle:
            if ntriples is None:
                handle.writelines(graph_quads(graph))
            else:
                with open(ntriples, encoding="utf-8") as lines:
                    handle.writelines(graph_quads(graph, lines))
        serialize(parse(path=str(nquads), format=RdfFormat.N_QUADS), str(path), RdfFormat.TRIG, prefixes=prefixes)
    finally:
        nquads.unlink(missing_ok=True)
