"""graph.trig: the triples of graph.nt, each in the named graph of its one source document."""
from __future__ import annotations

from collections import Counter

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.export.base import ExportOptions
from kg.export.trig import SHARED_GRAPH, SOURCE_GRAPH_PREFIX, source_graph_iri, write_trig
from kg.extract.base import DocumentFacts
from kg.graph.assemble import GraphAssembler
from kg.records import Document, Work

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def test_the_seed_trig_partitions_the_triples_of_graph_nt(seed_out):
    quads = list(parse(path=str(seed_out / "graph.trig"), format=RdfFormat.TRIG))
    triples = Counter(quad.triple for quad in quads)
    assert max(triples.values()) == 1  # no triple in two graphs
    assert set(triples) == {q.triple for q in parse(path=str(seed_out / "graph.nt"), format=RdfFormat.N_TRIPLES)}
    graphs = Counter(quad.graph_name.value for quad in quads)
    sources = sorted(g for g in graphs if g.startswith(SOURCE_GRAPH_PREFIX))
    assert [g.rsplit("%2F", 1)[1] for g in sources] == ["000_ea24b7b8f5827cdc.txt", "002_3dd905666b6a3e17.txt"]
    assert set(graphs) <= {*sources, SHARED_GRAPH}
    evidence_sources = {(q.graph_name.value, q.object.value) for q in quads
                        if q.predicate.value == "https://w3id.org/kg/vocab#sourceFile"
                        and "/evidence/" in q.subject.value}
    assert evidence_sources and all(graph == source_graph_iri(source) for graph, source in evidence_sources)


def test_a_work_seen_in_two_inputs_goes_to_the_shared_graph(tmp_path):
    shared = Work(title="Cited by both", pmid="1", year=2001)
    assembler = GraphAssembler()
    assembler.add(DocumentFacts(Document("a.txt", Work(title="Paper A", pmid="2"), references=(shared,))))
    assembler.add(DocumentFacts(Document("dir/b.txt", Work(title="Paper B", pmid="3"), references=(shared,))))
    path = tmp_path / "graph.trig"
    write_trig(assembler.build(), path, ExportOptions())
    graph_of: dict[tuple[str, str, str], str] = {
        (q.subject.value, q.predicate.value, q.object.value): q.graph_name.value
        for q in parse(path=str(path), format=RdfFormat.TRIG)}
    title = "http://purl.org/dc/terms/title"
    cites = "http://purl.org/spar/cito/cites"
    assert graph_of[(f"{PUBMED}1/", title, "Cited by both")] == SHARED_GRAPH
    assert graph_of[(f"{PUBMED}2/", title, "Paper A")] == source_graph_iri("a.txt")
    assert graph_of[(f"{PUBMED}3/", title, "Paper B")] == f"{SOURCE_GRAPH_PREFIX}dir%2Fb.txt"
    assert graph_of[(f"{PUBMED}2/", cites, f"{PUBMED}1/")] == source_graph_iri("a.txt")  # stated by a.txt alone
    assert graph_of[(f"{PUBMED}3/", cites, f"{PUBMED}1/")] == source_graph_iri("dir/b.txt")
    NamedNode(source_graph_iri("with space & ünïcode.txt"))  # always a valid IRI
