"""The graph as RDF in standard vocabularies (see "Data model" in the README).

Triples are generated once, in a deterministic order grouped by subject, as
N-Triples text (:mod:`kg.export.terms`); :mod:`kg.export.convert` turns that
text into Turtle and JSON-LD, streaming; :func:`graph_triples` and :func:`to_rdflib` give
the same triples as pyoxigraph or rdflib objects for library users.
"""
from __future__ import annotations

import hashlib
import io
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import networkx as nx
import pyoxigraph
import rdflib
from pyoxigraph import RdfFormat

from kg.constants import (
    ATTR_CLAIM,
    ATTR_CONCEPT,
    ATTR_KIND,
    ATTR_LABEL,
    ATTR_MESH,
    ATTR_SOURCES,
    ATTR_WORK,
    CONCEPT_ROLES,
    EDGE_CITES,
    EDGE_CLAIM,
    EDGE_MENTIONS,
    EDGE_MESH,
    EDGE_SIMILAR,
    KIND_MESH_TERM,
    KIND_PAPER,
    NS_KG_RESOURCE,
    PREFIXES,
)
from kg.export import terms as t
from kg.export.base import RdfScratch
from kg.graph.identity import concept_iri, text_id, work_iri
from kg.graph.scoring import direction_qualifier, study_design
from kg.records import Claim, Concept, Evidence, MeshHeading, Work

Statement = tuple[str, str, str]  # subject, predicate, object as N-Triples terms

_EDGE_PREDICATES = {
    EDGE_CITES: t.CITO.cites,
    EDGE_SIMILAR: t.KG.similarTo,
    EDGE_MENTIONS: t.KG.mentions,
    EDGE_MESH: t.DCTERMS.subject,
}


def _hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:20]


def node_iri(graph: nx.MultiDiGraph, node_id: str) -> str:
    """The IRI of a graph node: a work, a concept or a MeSH term."""
    kind = graph.nodes[node_id][ATTR_KIND]
    return _node_iri(node_id, kind in CONCEPT_ROLES or kind == KIND_MESH_TERM)


def node_iris(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The IRI term of every node, made once: a node is named by every triple about it."""
    return {node_id: _node_iri(node_id, kind in CONCEPT_ROLES or kind == KIND_MESH_TERM)
            for node_id, kind in graph.nodes(data=ATTR_KIND)}


@lru_cache(maxsize=1 << 18)
def _node_iri(node_id: str, is_concept: bool) -> str:
    # Each IRI is needed once per triple that names the node: make it once.
    return t.iri(concept_iri(node_id) if is_concept else work_iri(node_id))


def claim_iri(claim: Claim) -> str:
    return t.iri(f"{NS_KG_RESOURCE}claim/{_hash(claim.id)}")


def evidence_iri(claim: Claim, evidence: Evidence) -> str:
    key = f"{claim.id}|{evidence.paper_id}|{evidence.text_id}|{evidence.start}|{evidence.end}"
    return t.iri(f"{NS_KG_RESOURCE}evidence/{_hash(key)}")


def text_iri(text_key: str) -> str:
    return t.iri(f"{NS_KG_RESOURCE}text/{text_key}")


def _work_triples(subject: str, work: Work, kind: str, label: str, sources: tuple[str, ...]) -> Iterator[Statement]:
    yield (subject, t.RDF.type, t.FABIO.JournalArticle)
    yield (subject, t.RDF.type, t.KG.Paper if kind == KIND_PAPER else t.KG.CitedWork)
    yield (subject, t.RDFS.label, t.text(label))
    if work.title:
        yield (subject, t.DCTERMS.title, t.text(work.title))
    if work.pmid:
        yield (subject, t.FABIO.hasPubMedId, t.text(work.pmid))
    if work.pmcid:
        yield (subject, t.FABIO.hasPubMedCentralId, t.text(work.pmcid))
    if work.doi:
        yield (subject, t.PRISM.doi, t.text(work.doi))
    for author in dict.fromkeys(work.authors):  # two authors may share a name: one triple
        yield (subject, t.DCTERMS.creator, t.text(author))
    if work.authors:
        yield (subject, t.KG.authorList, t.text("; ".join(work.authors)))
    date = t.date(work.date) if work.date else None
    if date is not None:
        yield (subject, t.DCTERMS.date, date)
    if work.year is not None:
        yield (subject, t.FABIO.hasPublicationYear, t.year(work.year))
    if work.journal:
        yield (subject, t.PRISM.publicationName, t.text(work.journal))
    if work.volume:
        yield (subject, t.PRISM.volume, t.text(work.volume))
    if work.issue:
        yield (subject, t.PRISM.issueIdentifier, t.text(work.issue))
    if work.pages:
        yield (subject, t.PRISM.pageRange, t.text(work.pages))
    for pub_type in work.publication_types:
        yield (subject, t.KG.publicationType, t.text(pub_type))
    for type_id in work.publication_type_ids:
        yield (subject, t.DCTERMS.type, t.iri(concept_iri(f"MESH:{type_id}")))
    yield (subject, t.KG.studyDesign, t.text(study_design(work)))
    if work.free_full_text:
        yield (subject, t.KG.freeFullText, t.boolean(True))
    for keyword in work.keywords:
        yield (subject, t.PRISM.keyword, t.text(keyword))
    for entity in work.entities:
        yield (subject, t.KG.linkedEntity, t.iri(concept_iri(entity.curie)))
    if work.citation:
        yield (subject, t.DCTERMS.bibliographicCitation, t.text(work.citation))
    for source in sources:
        yield (subject, t.KG.sourceFile, t.text(source))
    for text_key in dict.fromkeys(text_id(section) for section in work.text_sections()):
        yield (subject, t.KG.hasText, text_iri(text_key))


def _text_triples(subject: str, work: Work, seen: set[str]) -> Iterator[Statement]:
    for index, section in enumerate(work.text_sections()):
        key = text_id(section)
        if key in seen:
            continue
        seen.add(key)
        node = text_iri(key)
        yield (node, t.RDF.type, t.KG.TextSection)
        yield (node, t.RDFS.label, t.text(section.heading or section.section))
        yield (node, t.DCTERMS.isPartOf, subject)
        yield (node, t.KG.section, t.text(section.section))
        if section.heading:
            yield (node, t.KG.heading, t.text(section.heading))
        yield (node, t.KG.position, t.integer(index))
        yield (node, t.RDF.value, t.text(section.text))


def _concept_triples(subject: str, concept: Concept) -> Iterator[Statement]:
    yield (subject, t.RDF.type, t.curie_iri(concept.category))
    yield (subject, t.RDF.type, t.KG.Concept)
    yield (subject, t.RDFS.label, t.text(concept.label))
    yield (subject, t.KG.curie, t.text(concept.id))
    yield (subject, t.KG.role, t.text(concept.role))
    yield (subject, t.KG.valence, t.integer(concept.valence))
    for synonym in (*concept.synonyms, *concept.abbreviations):
        yield (subject, t.SKOS.altLabel, t.text(synonym))


def _mesh_triples(subject: str, heading: MeshHeading) -> Iterator[Statement]:
    yield (subject, t.RDF.type, t.KG.MeshDescriptor)
    yield (subject, t.RDFS.label, t.text(heading.label))


def _claim_triples(graph: nx.MultiDiGraph, claim: Claim, claim_ids: dict) -> Iterator[Statement]:
    key = claim.key
    subject, obj = node_iri(graph, key.subject_id), node_iri(graph, key.object_id)
    predicate = t.curie_iri(claim.predicate)
    node = claim_iri(claim)
    subject_label = graph.nodes[key.subject_id][ATTR_LABEL]
    object_label = graph.nodes[key.object_id][ATTR_LABEL]
    verb = f"does not {key.direction.rstrip('s')}" if key.negated else key.direction
    yield (node, t.RDF.type, t.RDF.Statement)
    yield (node, t.RDF.type, t.BIOLINK.Association)
    yield (node, t.RDFS.label, t.text(f"{subject_label} {verb} {object_label}"))
    yield (node, t.RDF.subject, subject)
    yield (node, t.RDF.predicate, predicate)
    yield (node, t.RDF.object, obj)
    yield (node, t.KG.direction, t.text(key.direction))
    qualifier = direction_qualifier(key.direction)
    if qualifier:
        yield (node, t.BIOLINK.object_direction_qualifier, t.text(qualifier))
    yield (node, t.BIOLINK.negated, t.boolean(key.negated))
    yield (node, t.KG.confidence, t.decimal(claim.confidence))
    yield (node, t.KG.paperCount, t.integer(len(claim.paper_ids)))
    yield (node, t.KG.evidenceCount, t.integer(len(claim.evidences)))
    yield (node, t.KG.hedgedCount, t.integer(sum(ev.hedged for ev in claim.evidences)))
    yield (node, t.KG.negatedCount, t.integer(sum(ev.negated for ev in claim.evidences)))
    for other in claim.contradicts:
        if other in claim_ids:
            yield (node, t.KG.contradicts, claim_ids[other])
    for paper in claim.paper_ids:
        yield (node, t.BIOLINK.publications, node_iri(graph, paper))
    for evidence in claim.evidences:
        yield (node, t.KG.hasEvidence, evidence_iri(claim, evidence))
    for evidence in claim.evidences:
        yield from _evidence_triples(graph, claim, evidence)


def _evidence_triples(graph: nx.MultiDiGraph, claim: Claim, ev: Evidence) -> Iterator[Statement]:
    node = evidence_iri(claim, ev)
    yield (node, t.RDF.type, t.KG.Evidence)
    yield (node, t.RDF.type, t.PROV.Entity)
    yield (node, t.RDFS.label, t.text(ev.sentence))
    yield (node, t.PROV.value, t.text(ev.sentence))
    yield (node, t.PROV.wasQuotedFrom, node_iri(graph, ev.paper_id))
    yield (node, t.KG.inText, text_iri(ev.text_id))
    yield (node, t.KG.section, t.text(ev.section))
    yield (node, t.KG.start, t.integer(ev.start))
    yield (node, t.KG.end, t.integer(ev.end))
    yield (node, t.KG.subjectText, t.text(ev.subject_text))
    yield (node, t.KG.objectText, t.text(ev.object_text))
    yield (node, t.KG.hedged, t.boolean(ev.hedged))
    if ev.hedge_cue:
        yield (node, t.KG.hedgeCue, t.text(ev.hedge_cue))
    yield (node, t.BIOLINK.negated, t.boolean(ev.negated))
    if ev.negation_cue:
        yield (node, t.KG.negationCue, t.text(ev.negation_cue))
    if ev.trigger:
        yield (node, t.KG.trigger, t.text(ev.trigger))
    yield (node, t.KG.sourceFile, t.text(ev.source_file))


def graph_triples_text(graph: nx.MultiDiGraph) -> Iterator[Statement]:
    """Every triple of the graph as N-Triples terms, grouped by subject, in a deterministic order."""
    claims: list[Claim] = []
    seen_texts: set[str] = set()
    iris = node_iris(graph)
    successors = dict(graph.adjacency())  # raw {target: {key: edge data}}: much faster than out_edges views
    for node_id, data in graph.nodes(data=True):
        subject = iris[node_id]
        work = data.get(ATTR_WORK)
        if work is not None:
            yield from _work_triples(subject, work, data[ATTR_KIND], data[ATTR_LABEL], data.get(ATTR_SOURCES, ()))
        elif ATTR_CONCEPT in data:
            yield from _concept_triples(subject, data[ATTR_CONCEPT])
        elif ATTR_MESH in data:
            yield from _mesh_triples(subject, data[ATTR_MESH])
        for target, keyed in successors[node_id].items():
            for edge in keyed.values():
                if edge[ATTR_KIND] != EDGE_CLAIM:
                    yield (subject, _EDGE_PREDICATES[edge[ATTR_KIND]], iris[target])
                    continue
                claim = edge[ATTR_CLAIM]
                claims.append(claim)
                if not claim.key.negated:  # a negated claim never appears as a direct triple
                    yield (subject, t.curie_iri(claim.predicate), iris[target])
        if work is not None:
            yield from _text_triples(subject, work, seen_texts)
    claim_ids = {claim.key: claim_iri(claim) for claim in claims}
    for claim in claims:
        yield from _claim_triples(graph, claim, claim_ids)


def ntriples_lines(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The graph as N-Triples lines."""
    for subject, predicate, obj in graph_triples_text(graph):
        yield f"{subject} {predicate} {obj} .\n"


def write_ntriples(graph: nx.MultiDiGraph, path: str | Path, header: str = "") -> int:
    """Write the graph as N-Triples, after ``header`` (e.g. Turtle ``@prefix`` lines,
    which make the file Turtle); return the number of triples."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(header)
        buffer: list[str] = []
        for line in ntriples_lines(graph):
            buffer.append(line)
            if len(buffer) >= 10_000:
                handle.write("".join(buffer))
                count += len(buffer)
                buffer.clear()
        handle.write("".join(buffer))
        count += len(buffer)
    return count


def _prefixes(fmt: RdfFormat) -> dict[str, str] | None:
    return PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.JSON_LD) else None


def copy_ntriples(scratch: RdfScratch, target: str | Path) -> None:
    """Copy the N-Triples lines of the scratch file (everything after its prefixes)."""
    with open(scratch.path, "rb") as source, open(target, "wb") as out:
        source.seek(scratch.body_offset)
        shutil.copyfileobj(source, out, 1 << 20)


def graph_triples(graph: nx.MultiDiGraph) -> Iterator[pyoxigraph.Triple]:
    """The graph's triples as pyoxigraph terms."""
    data = "".join(ntriples_lines(graph)).encode("utf-8")
    yield from pyoxigraph.parse(io.BytesIO(data), RdfFormat.N_TRIPLES)


def serialize_graph(graph: nx.MultiDiGraph, fmt: RdfFormat) -> bytes:
    """The graph in one RDF syntax, as bytes."""
    data = "".join(ntriples_lines(graph)).encode("utf-8")
    if fmt == RdfFormat.N_TRIPLES:
        return data
    return pyoxigraph.serialize(pyoxigraph.parse(io.BytesIO(data), RdfFormat.N_TRIPLES), None, fmt,
                                prefixes=_prefixes(fmt))


def to_rdflib(graph: nx.MultiDiGraph) -> rdflib.Graph:
    """The graph's triples as an :class:`rdflib.Graph`, with kg's prefixes bound."""
    result = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        result.bind(prefix, namespace, override=True)
    result.parse(data=serialize_graph(graph, RdfFormat.N_TRIPLES), format="nt")
    return result
