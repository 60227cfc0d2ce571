"""The graph as RDF in standard vocabularies (see "Data model" in the README).

Triples are generated once, in a deterministic order grouped by subject, as
pyoxigraph terms; pyoxigraph serializes them (fast), and :func:`to_rdflib`
gives the same triples as an rdflib graph for library users.
"""
from __future__ import annotations

import hashlib
from typing import Iterator

import networkx as nx
import rdflib
from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

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
from kg.graph.identity import concept_iri, text_id, work_iri
from kg.graph.scoring import study_design
from kg.records import Claim, Concept, Evidence, MeshHeading, Work

_EDGE_PREDICATES = {
    EDGE_CITES: t.CITO.cites,
    EDGE_SIMILAR: t.KG.similarTo,
    EDGE_MENTIONS: t.KG.mentions,
    EDGE_MESH: t.DCTERMS.subject,
}


def _hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:20]


def node_iri(graph: nx.MultiDiGraph, node_id: str) -> NamedNode:
    """The IRI of a graph node: a work, a concept or a MeSH term."""
    kind = graph.nodes[node_id][ATTR_KIND]
    if kind in CONCEPT_ROLES or kind == KIND_MESH_TERM:
        return t.iri(concept_iri(node_id))
    return t.iri(work_iri(node_id))


def claim_iri(claim: Claim) -> NamedNode:
    return t.iri(f"{NS_KG_RESOURCE}claim/{_hash(claim.id)}")


def evidence_iri(claim: Claim, evidence: Evidence) -> NamedNode:
    key = f"{claim.id}|{evidence.paper_id}|{evidence.text_id}|{evidence.start}|{evidence.end}"
    return t.iri(f"{NS_KG_RESOURCE}evidence/{_hash(key)}")


def text_iri(text_key: str) -> NamedNode:
    return t.iri(f"{NS_KG_RESOURCE}text/{text_key}")


def _work_triples(subject: NamedNode, work: Work, kind: str, label: str, sources: tuple[str, ...]) -> Iterator[Triple]:
    yield Triple(subject, t.RDF.type, t.FABIO.JournalArticle)
    yield Triple(subject, t.RDF.type, t.KG.Paper if kind == KIND_PAPER else t.KG.CitedWork)
    yield Triple(subject, t.RDFS.label, t.text(label))
    if work.title:
        yield Triple(subject, t.DCTERMS.title, t.text(work.title))
    if work.pmid:
        yield Triple(subject, t.FABIO.hasPubMedId, t.text(work.pmid))
    if work.pmcid:
        yield Triple(subject, t.FABIO.hasPubMedCentralId, t.text(work.pmcid))
    if work.doi:
        yield Triple(subject, t.PRISM.doi, t.text(work.doi))
    for author in work.authors:
        yield Triple(subject, t.DCTERMS.creator, t.text(author))
    if work.authors:
        yield Triple(subject, t.KG.authorList, t.text("; ".join(work.authors)))
    date = t.date(work.date) if work.date else None
    if date is not None:
        yield Triple(subject, t.DCTERMS.date, date)
    if work.year is not None:
        yield Triple(subject, t.FABIO.hasPublicationYear, t.year(work.year))
    if work.journal:
        yield Triple(subject, t.PRISM.publicationName, t.text(work.journal))
    if work.volume:
        yield Triple(subject, t.PRISM.volume, t.text(work.volume))
    if work.issue:
        yield Triple(subject, t.PRISM.issueIdentifier, t.text(work.issue))
    if work.pages:
        yield Triple(subject, t.PRISM.pageRange, t.text(work.pages))
    for pub_type in work.publication_types:
        yield Triple(subject, t.KG.publicationType, t.text(pub_type))
    for type_id in work.publication_type_ids:
        yield Triple(subject, t.DCTERMS.type, t.iri(concept_iri(f"MESH:{type_id}")))
    yield Triple(subject, t.KG.studyDesign, t.text(study_design(work)))
    if work.free_full_text:
        yield Triple(subject, t.KG.freeFullText, t.boolean(True))
    for keyword in work.keywords:
        yield Triple(subject, t.PRISM.keyword, t.text(keyword))
    for entity in work.entities:
        yield Triple(subject, t.KG.linkedEntity, t.iri(concept_iri(entity.curie)))
    if work.citation:
        yield Triple(subject, t.DCTERMS.bibliographicCitation, t.text(work.citation))
    for source in sources:
        yield Triple(subject, t.KG.sourceFile, t.text(source))
    for section in work.text_sections():
        yield Triple(subject, t.KG.hasText, text_iri(text_id(section)))


def _text_triples(subject: NamedNode, work: Work, seen: set[str]) -> Iterator[Triple]:
    for index, section in enumerate(work.text_sections()):
        key = text_id(section)
        if key in seen:
            continue
        seen.add(key)
        node = text_iri(key)
        yield Triple(node, t.RDF.type, t.KG.TextSection)
        yield Triple(node, t.RDFS.label, t.text(section.heading or section.section))
        yield Triple(node, t.DCTERMS.isPartOf, subject)
        yield Triple(node, t.KG.section, t.text(section.section))
        if section.heading:
            yield Triple(node, t.KG.heading, t.text(section.heading))
        yield Triple(node, t.KG.position, t.integer(index))
        yield Triple(node, t.RDF.value, t.text(section.text))


def _concept_triples(subject: NamedNode, concept: Concept) -> Iterator[Triple]:
    yield Triple(subject, t.RDF.type, t.curie_iri(concept.category))
    yield Triple(subject, t.RDF.type, t.KG.Concept)
    yield Triple(subject, t.RDFS.label, t.text(concept.label))
    yield Triple(subject, t.KG.curie, t.text(concept.id))
    yield Triple(subject, t.KG.role, t.text(concept.role))
    yield Triple(subject, t.KG.valence, t.integer(concept.valence))
    for synonym in (*concept.synonyms, *concept.abbreviations):
        yield Triple(subject, t.SKOS.altLabel, t.text(synonym))


def _mesh_triples(subject: NamedNode, heading: MeshHeading) -> Iterator[Triple]:
    yield Triple(subject, t.RDF.type, t.KG.MeshDescriptor)
    yield Triple(subject, t.RDFS.label, t.text(heading.label))


def _claim_triples(graph: nx.MultiDiGraph, claim: Claim, claim_ids: dict) -> Iterator[Triple]:
    key = claim.key
    subject, obj = node_iri(graph, key.subject_id), node_iri(graph, key.object_id)
    predicate = t.curie_iri(claim.predicate)
    node = claim_iri(claim)
    subject_label = graph.nodes[key.subject_id][ATTR_LABEL]
    object_label = graph.nodes[key.object_id][ATTR_LABEL]
    verb = f"does not {key.direction.rstrip('s')}" if key.negated else key.direction
    yield Triple(node, t.RDF.type, t.RDF.Statement)
    yield Triple(node, t.RDF.type, t.BIOLINK.Association)
    yield Triple(node, t.RDFS.label, t.text(f"{subject_label} {verb} {object_label}"))
    yield Triple(node, t.RDF.subject, subject)
    yield Triple(node, t.RDF.predicate, predicate)
    yield Triple(node, t.RDF.object, obj)
    yield Triple(node, t.KG.direction, t.text(key.direction))
    yield Triple(node, t.BIOLINK.negated, t.boolean(key.negated))
    yield Triple(node, t.KG.confidence, t.decimal(claim.confidence))
    yield Triple(node, t.KG.paperCount, t.integer(len(claim.paper_ids)))
    yield Triple(node, t.KG.evidenceCount, t.integer(len(claim.evidences)))
    yield Triple(node, t.KG.hedgedCount, t.integer(sum(ev.hedged for ev in claim.evidences)))
    yield Triple(node, t.KG.negatedCount, t.integer(sum(ev.negated for ev in claim.evidences)))
    for other in claim.contradicts:
        if other in claim_ids:
            yield Triple(node, t.KG.contradicts, claim_ids[other])
    for paper in claim.paper_ids:
        yield Triple(node, t.BIOLINK.publications, node_iri(graph, paper))
    for evidence in claim.evidences:
        yield Triple(node, t.KG.hasEvidence, evidence_iri(claim, evidence))
    for evidence in claim.evidences:
        yield from _evidence_triples(graph, claim, evidence)


def _evidence_triples(graph: nx.MultiDiGraph, claim: Claim, ev: Evidence) -> Iterator[Triple]:
    node = evidence_iri(claim, ev)
    yield Triple(node, t.RDF.type, t.KG.Evidence)
    yield Triple(node, t.RDF.type, t.PROV.Entity)
    yield Triple(node, t.RDFS.label, t.text(ev.sentence))
    yield Triple(node, t.PROV.value, t.text(ev.sentence))
    yield Triple(node, t.PROV.wasQuotedFrom, node_iri(graph, ev.paper_id))
    yield Triple(node, t.KG.inText, text_iri(ev.text_id))
    yield Triple(node, t.KG.section, t.text(ev.section))
    yield Triple(node, t.KG.start, t.integer(ev.start))
    yield Triple(node, t.KG.end, t.integer(ev.end))
    yield Triple(node, t.KG.subjectText, t.text(ev.subject_text))
    yield Triple(node, t.KG.objectText, t.text(ev.object_text))
    yield Triple(node, t.KG.hedged, t.boolean(ev.hedged))
    if ev.hedge_cue:
        yield Triple(node, t.KG.hedgeCue, t.text(ev.hedge_cue))
    yield Triple(node, t.BIOLINK.negated, t.boolean(ev.negated))
    if ev.negation_cue:
        yield Triple(node, t.KG.negationCue, t.text(ev.negation_cue))
    if ev.trigger:
        yield Triple(node, t.KG.trigger, t.text(ev.trigger))
    yield Triple(node, t.KG.sourceFile, t.text(ev.source_file))


def graph_triples(graph: nx.MultiDiGraph) -> Iterator[Triple]:
    """Every triple of the graph, grouped by subject, in a deterministic order."""
    claims: list[Claim] = []
    seen_texts: set[str] = set()
    for node_id, data in graph.nodes(data=True):
        subject = node_iri(graph, node_id)
        work = data.get(ATTR_WORK)
        if work is not None:
            yield from _work_triples(subject, work, data[ATTR_KIND], data[ATTR_LABEL], data.get(ATTR_SOURCES, ()))
        elif ATTR_CONCEPT in data:
            yield from _concept_triples(subject, data[ATTR_CONCEPT])
        elif ATTR_MESH in data:
            yield from _mesh_triples(subject, data[ATTR_MESH])
        for _, target, edge in graph.out_edges(node_id, data=True):
            if edge[ATTR_KIND] != EDGE_CLAIM:
                yield Triple(subject, _EDGE_PREDICATES[edge[ATTR_KIND]], node_iri(graph, target))
                continue
            claim = edge[ATTR_CLAIM]
            claims.append(claim)
            if not claim.key.negated:  # a negated claim never appears as a direct triple
                yield Triple(subject, t.curie_iri(claim.predicate), node_iri(graph, target))
        if work is not None:
            yield from _text_triples(subject, work, seen_texts)
    claim_ids = {claim.key: claim_iri(claim) for claim in claims}
    for claim in claims:
        yield from _claim_triples(graph, claim, claim_ids)


def serialize_graph(graph: nx.MultiDiGraph, fmt: RdfFormat, path: str | None = None) -> bytes | None:
    """Write the graph as Turtle, N-Triples or JSON-LD (to ``path``, or return bytes)."""
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.JSON_LD) else None
    return serialize(graph_triples(graph), path, fmt, prefixes=prefixes)


def to_rdflib(graph: nx.MultiDiGraph) -> rdflib.Graph:
    """The graph's triples as an :class:`rdflib.Graph`, with kg's prefixes bound."""
    result = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        result.bind(prefix, namespace, override=True)
    result.parse(data=serialize_graph(graph, RdfFormat.N_TRIPLES), format="nt")
    return result
