"""Merge rules and edges of the assembled graph."""
from __future__ import annotations

from kg.constants import ATTR_KIND, ATTR_WORK, EDGE_CITES, EDGE_SIMILAR, KIND_CITED_WORK, KIND_PAPER
from kg.extract.base import DocumentFacts
from kg.graph.assemble import GraphAssembler
from kg.records import Document, Work


def build(*documents: Document):
    assembler = GraphAssembler()
    for document in documents:
        assembler.add(DocumentFacts(document))
    return assembler.build()


def test_same_pmid_is_one_node_with_union_of_fields():
    a = Document("a.txt", Work(title="A study", pmid="1", journal="J A"))
    b = Document("b.txt", Work(title="Other", doi="10.1/x"), references=(Work(pmid="1", year=2001, volume="3"),))
    graph = build(a, b)
    work = graph.nodes["PMID:1"][ATTR_WORK]
    assert (work.title, work.journal, work.year, work.volume) == ("A study", "J A", 2001, "3")
    assert graph.nodes["PMID:1"][ATTR_KIND] == KIND_PAPER
    assert graph.has_edge("DOI:10.1/x", "PMID:1", key=EDGE_CITES)


def test_same_doi_merges_and_pmid_names_the_node():
    a = Document("a.txt", Work(title="Alpha", doi="10.5/abc"))
    b = Document("b.txt", Work(title="Beta", pmid="7"), similar=(Work(title="Alpha", doi="10.5/abc", pmid="9"),))
    graph = build(a, b)
    assert "DOI:10.5/abc" not in graph
    assert graph.nodes["PMID:9"][ATTR_WORK].title == "Alpha"
    assert graph.has_edge("PMID:7", "PMID:9", key=EDGE_SIMILAR)


def test_title_and_year_merge_ignores_case_and_punctuation():
    a = Document("a.txt", Work(title="Pain, Stress & Sleep: a Review.", year=2010, pmid="5"))
    b = Document("b.txt", Work(title="Other", pmid="6"),
                 references=(Work(title="pain stress sleep - a review", year=2010, journal="Pain"),))
    graph = build(a, b)
    assert graph.nodes["PMID:5"][ATTR_WORK].journal == "Pain"
    assert graph.has_edge("PMID:6", "PMID:5", key=EDGE_CITES)
    assert graph.number_of_nodes() == 2


def test_same_title_different_year_or_conflicting_pmid_stays_apart():
    a = Document("a.txt", Work(title="Fibromyalgia", year=2010, pmid="1"))
    b = Document("b.txt", Work(title="Fibromyalgia", year=2011, pmid="2"),
                 references=(Work(title="Fibromyalgia", year=2010, pmid="3"),))
    graph = build(a, b)
    assert {"PMID:1", "PMID:2", "PMID:3"} <= set(graph)


def test_a_later_pmid_joins_two_nodes_known_by_doi_and_title():
    a = Document("a.txt", Work(title="X", pmid="1"), references=(Work(title="Deep pain", year=2000),))
    b = Document("b.txt", Work(title="Y", pmid="2"), references=(Work(doi="10.9/dp"),))
    c = Document("c.txt", Work(title="Deep pain", year=2000, doi="10.9/dp", pmid="3"))
    graph = build(a, b, c)
    assert graph.has_edge("PMID:1", "PMID:3") and graph.has_edge("PMID:2", "PMID:3")
    assert graph.number_of_nodes() == 3


def test_cited_by_points_at_the_page_paper_and_kinds_are_set():
    page = Document("p.txt", Work(title="Page", pmid="10"), cited_by=(Work(title="Citer", pmid="11"),))
    graph = build(page)
    assert graph.has_edge("PMID:11", "PMID:10", key=EDGE_CITES)
    assert graph.nodes["PMID:11"][ATTR_KIND] == KIND_CITED_WORK


def test_work_without_ids_gets_a_non_numeric_stable_id():
    graph1 = build(Document("a.txt", Work(title="No ids here", year=1999)))
    graph2 = build(Document("b.txt", Work(title="No IDs here!", year=1999)))
    (node1,), (node2,) = list(graph1), list(graph2)
    assert node1 == node2 and node1.startswith("KGW:")
