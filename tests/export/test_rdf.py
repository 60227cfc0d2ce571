"""The RDF files: same graph in three syntaxes, in both RDF libraries, with the data model the README documents."""
from __future__ import annotations

import pyoxigraph
import rdflib
from rdflib.compare import isomorphic

from kg.constants import OUT_JSONLD, OUT_NTRIPLES, OUT_TURTLE
from kg.export.rdf import to_rdflib


def _rdflib(path, fmt):
    graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


def _oxigraph_as_rdflib(path, fmt):
    store = pyoxigraph.Store()
    store.load(path=str(path), format=fmt)
    data = pyoxigraph.serialize((q.triple for q in store), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def test_three_syntaxes_parse_to_the_same_graph_in_rdflib_and_pyoxigraph(seed_build):
    out = seed_build.out_dir
    reference = _rdflib(out / OUT_NTRIPLES, "nt")
    assert len(reference) == seed_build.triples
    for name, rdflib_fmt, ox_fmt in (
        (OUT_TURTLE, "turtle", pyoxigraph.RdfFormat.TURTLE),
        (OUT_NTRIPLES, "nt", pyoxigraph.RdfFormat.N_TRIPLES),
        (OUT_JSONLD, "json-ld", pyoxigraph.RdfFormat.JSON_LD),
    ):
        assert isomorphic(reference, _rdflib(out / name, rdflib_fmt)), name
        assert isomorphic(reference, _oxigraph_as_rdflib(out / name, ox_fmt)), name
    assert isomorphic(reference, to_rdflib(seed_build.graph))


def _select(graph, query):
    return {tuple(str(v) for v in row) for row in graph.query(query)}


def test_seed_paper_citations_and_similar_articles(seed_build):
    graph = to_rdflib(seed_build.graph)
    paper = "https://pubmed.ncbi.nlm.nih.gov/22110947/"
    cites = _select(graph, f"SELECT ?o WHERE {{ <{paper}> cito:cites ?o }}")
    cited_by = _select(graph, f"SELECT ?s WHERE {{ ?s cito:cites <{paper}> }}")
    similar = _select(graph, f"SELECT ?o WHERE {{ <{paper}> kg:similarTo ?o }}")
    assert len(cites) == 4
    assert cited_by == {(f"https://pubmed.ncbi.nlm.nih.gov/{p}/",) for p in ("38337486", "36683836", "39382317", "23629594")}
    assert similar == {(f"https://pubmed.ncbi.nlm.nih.gov/{p}/",) for p in ("27502810", "29340774", "31672149", "36151442", "22210272")}
    ids = _select(graph, f"""SELECT ?pmid ?pmcid ?doi WHERE {{ <{paper}> a fabio:JournalArticle, kg:Paper ;
        fabio:hasPubMedId ?pmid ; fabio:hasPubMedCentralId ?pmcid ; prism:doi ?doi ; dcterms:title ?t }}""")
    assert ids == {("22110947", "PMC3200141", "10.1155/2012/951354")}


def test_every_node_has_a_label(seed_build):
    graph = to_rdflib(seed_build.graph)
    unlabelled = _select(graph, """SELECT DISTINCT ?s WHERE { ?s ?p ?o .
        FILTER NOT EXISTS { ?s rdfs:label ?l } }""")
    assert unlabelled == set()


def test_fifteen_distinct_papers(seed_build):
    graph = to_rdflib(seed_build.graph)
    works = _select(graph, "SELECT ?w WHERE { ?w a fabio:JournalArticle }")
    assert len(works) == 15


def test_two_authors_of_one_name_give_one_triple_and_the_count_is_of_distinct_triples(tmp_path):
    from kg.export.rdf import write_ntriples
    from kg.extract.base import DocumentFacts
    from kg.graph.assemble import GraphAssembler
    from kg.records import Document, Work

    assembler = GraphAssembler()
    assembler.add(DocumentFacts(Document("a.txt", Work(title="T", pmid="1", authors=("Zhang J", "Li X", "Zhang J")))))
    path = tmp_path / "g.nt"
    count = write_ntriples(assembler.build(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == len(set(lines))
    assert sum('/creator> "Zhang J"' in line for line in lines) == 1
