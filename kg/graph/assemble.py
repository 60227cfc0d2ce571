"""Assembly: turn per-document facts into one networkx graph.

Works are merged across all inputs by PMID, then DOI, then normalised title +
year; evidences are grouped into one claim per (subject, direction, object,
negated) and scored. Everything is built in a deterministic order.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Iterator

import networkx as nx

from kg.constants import (
    ATTR_CLAIM,
    ATTR_CONCEPT,
    ATTR_KIND,
    ATTR_LABEL,
    ATTR_MESH,
    ATTR_SOURCES,
    ATTR_WORK,
    EDGE_CITES,
    EDGE_CLAIM,
    EDGE_MENTIONS,
    EDGE_MESH,
    EDGE_SIMILAR,
    KIND_CITED_WORK,
    KIND_MESH_TERM,
    KIND_PAPER,
)
from kg.extract.base import DocumentFacts
from kg.graph.identity import text_id, title_key, work_node_id
from kg.graph.merge import conflicts, merge_works
from kg.graph.scoring import ScoringWeights, predicate_for, score_claims
from kg.records import Claim, ClaimKey, Concept, Evidence, MeshHeading, Work


@dataclass(slots=True)
class _Slot:
    """One record of a work, or several merged. ``sources`` holds each input file once, in
    the order first seen: a tuple of strings, which the garbage collector stops tracking."""

    work: Work
    is_paper: bool
    sources: tuple[str, ...] = ()
    title_key: str = ""  # title_key(work), kept for naming the node

    def add_sources(self, sources: tuple[str, ...]) -> None:
        """Add the files in ``sources`` not yet known."""
        new = tuple(s for s in sources if s not in self.sources)
        if new:
            self.sources += new


class WorkIndex:
    """Union-find over work records, keyed by PMID, DOI and title + year."""

    def __init__(self) -> None:
        self._slots: list[_Slot] = []
        self._parent: list[int] = []
        self._keys: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})

    def find(self, slot: int) -> int:
        """The slot that ``slot`` was merged into."""
        root = slot
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[slot] != root:  # path compression
            self._parent[slot], slot = root, self._parent[slot]
        return root

    @staticmethod
    def _work_keys(work: Work) -> tuple[str, str, str]:
        return work.pmid, work.doi, title_key(work)

    def add(self, work: Work, source: str, is_paper: bool) -> int:
        """Record ``work`` and return its slot, merged with any known record of the same work."""
        keys = self._work_keys(work)
        pmid, doi, title = keys
        by_pmid, by_doi, by_title = self._keys
        if (pmid and pmid in by_pmid) or (doi and doi in by_doi) or (title and title in by_title):
            return self._merge(work, source, is_paper, keys)
        return self._new_slot(work, source, is_paper, keys)  # most records: a work not seen before

    def _new_slot(self, work: Work, source: str, is_paper: bool, keys: tuple[str, str, str]) -> int:
        target = len(self._slots)
        self._slots.append(_Slot(work, is_paper, (source,), keys[2]))
        self._parent.append(target)
        for index, key in zip(self._keys, keys, strict=True):
            if key:
                index.setdefault(key, target)
        return target

    def _merge(self, work: Work, source: str, is_paper: bool, keys: tuple[str, str, str]) -> int:
        """Add ``work``, some of whose ``keys`` are known, to the slot it belongs to (or a new one)."""
        roots: list[int] = []
        for index, key in zip(self._keys, keys, strict=True):
            if key and key in index:
                root = self.find(index[key])
                if root not in roots:
                    roots.append(root)
        target = next((r for r in roots if not conflicts(self._slots[r].work, work)), None)
        if target is None:
            return self._new_slot(work, source, is_paper, keys)
        slot = self._slots[target]
        slot.work = merge_works(slot.work, work)
        slot.is_paper = slot.is_paper or is_paper
        slot.add_sources((source,))
        for other in roots:
            if other != target and not conflicts(slot.work, self._slots[other].work):
                absorbed = self._slots[other]
                slot.work = merge_works(slot.work, absorbed.work)
                slot.is_paper = slot.is_paper or absorbed.is_paper
                slot.add_sources(absorbed.sources)
                self._parent[other] = target
        merged_keys = self._work_keys(slot.work)
        slot.title_key = merged_keys[2]
        for index, key in zip(self._keys, merged_keys, strict=True):
            if key and (key not in index or self.find(index[key]) != target):
                index.setdefault(key, target)
        return target

    def root_of_each(self) -> list[int]:
        """The root of every slot, by slot number."""
        return [self.find(slot) for slot in range(len(self._slots))]

    def roots(self) -> list[int]:
        """Every slot that was not merged into another."""
        return [i for i in range(len(self._slots)) if self._parent[i] == i]

    def slot(self, root: int) -> _Slot:
        return self._slots[root]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (restored after it).

    Building the graph allocates about four containers per node and edge and frees none,
    so the collector's passes find nothing, yet each full pass walks the whole growing
    graph: they cost about a third of the build."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _PlacedEvidence:
    evidence: Evidence
    slot: int


class GraphAssembler:
    """Collects :class:`DocumentFacts` one document at a time; :meth:`build` makes the graph."""

    def __init__(self, weights: ScoringWeights | None = None) -> None:
        self.weights = weights or ScoringWeights()
        self.works = WorkIndex()
        self._links: list[tuple[int, str, int]] = []
        self._mentions: dict[tuple[int, str], int] = defaultdict(int)
        self._concepts: dict[str, Concept] = {}
        self._evidences: list[_PlacedEvidence] = []
        self.documents = 0

    def add(self, facts: DocumentFacts) -> None:
        """Fold one document's facts into the graph under construction."""
        doc = facts.document
        source = doc.source_file
        main = self.works.add(doc.work, source, is_paper=True)
        refs = [self.works.add(w, source, is_paper=False) for w in doc.references]
        citers = [self.works.add(w, source, is_paper=False) for w in doc.cited_by]
        similar = [self.works.add(w, source, is_paper=False) for w in doc.similar]
        slots = [main, *refs, *citers, *similar]
        self._links.extend(zip(repeat(main), repeat(EDGE_CITES), refs))
        self._links.extend(zip(citers, repeat(EDGE_CITES), repeat(main)))
        self._links.extend(zip(repeat(main), repeat(EDGE_SIMILAR), similar))
        for concept_id, concept in facts.concepts.items():
            self._concepts.setdefault(concept_id, concept)
        for mention in facts.mentions:
            self._mentions[(slots[mention.work_index], mention.concept_id)] += 1
        works = doc.works()
        for ev in facts.evidences:
            section = list(works[ev.work_index].text_sections())[ev.section_index]
            placed = replace(ev, text_id=text_id(section))
            self._evidences.append(_PlacedEvidence(placed, slots[ev.work_index]))
        self.documents += 1

    def build(self) -> nx.MultiDiGraph:
        """The assembled graph: nodes and edges in sorted order, claims scored."""
        with _collector_paused():
            return self._build()

    def _build(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        node_of: dict[int, str] = {}
        merged: dict[str, _Slot] = {}
        for root in self.works.roots():
            slot = self.works.slot(root)
            node = work_node_id(slot.work, slot.title_key)
            node_of[root] = node
            if node in merged:  # same id without a merge key (e.g. title without year)
                kept = merged[node]
                work = merge_works(kept.work, slot.work)
                merged[node] = _Slot(work, kept.is_paper or slot.is_paper, kept.sources, title_key(work))
                merged[node].add_sources(slot.sources)
            else:
                merged[node] = slot
        node_names = [node_of[root] for root in self.works.root_of_each()]  # by slot number
        node = node_names.__getitem__

        for node_id, slot in sorted(merged.items()):
            graph.add_node(
                node_id,
                **{
                    ATTR_KIND: KIND_PAPER if slot.is_paper else KIND_CITED_WORK,
                    ATTR_LABEL: slot.work.title or slot.work.citation or node_id,
                    ATTR_WORK: slot.work,
                    ATTR_SOURCES: slot.sources if len(slot.sources) == 1 else tuple(sorted(slot.sources)),
                },
            )
        for concept_id in sorted(self._concepts):
            concept = self._concepts[concept_id]
            graph.add_node(concept_id, **{ATTR_KIND: concept.role, ATTR_LABEL: concept.label, ATTR_CONCEPT: concept})
        self._add_mesh_terms(graph, merged)

        for source, kind, target in sorted({(node_names[s], k, node_names[t]) for s, k, t in self._links}):
            if source != target:
                graph.add_edge(source, target, key=kind, **{ATTR_KIND: kind})
        mentions: dict[tuple[str, str], int] = defaultdict(int)
        for (slot, concept_id), count in self._mentions.items():
            mentions[(node(slot), concept_id)] += count
        for (work_node, concept_id), count in sorted(mentions.items()):
            graph.add_edge(work_node, concept_id, key=EDGE_MENTIONS, **{ATTR_KIND: EDGE_MENTIONS, "count": count})

        works = {n: s.work for n, s in merged.items()}
        claims = self._claims(node)
        score_claims(claims, works, self.weights)
        for claim in claims:
            graph.add_edge(claim.key.subject_id, claim.key.object_id, key=claim.id,
                           **{ATTR_KIND: EDGE_CLAIM, ATTR_CLAIM: claim})
        return graph

    def _claims(self, node_of_slot) -> list[Claim]:
        claims: dict[ClaimKey, Claim] = {}
        for placed in self._evidences:
            ev = replace(placed.evidence, paper_id=node_of_slot(placed.slot))
            key = ClaimKey(ev.subject_id, ev.direction, ev.object_id, ev.negated)
            claim = claims.get(key)
            if claim is None:
                claim = claims[key] = Claim(key, predicate_for(ev.direction))
            claim.evidences.append(ev)
            if ev.paper_id not in claim.paper_ids:
                claim.paper_ids.append(ev.paper_id)
        return [claims[k] for k in sorted(claims, key=lambda k: (k.subject_id, k.direction, k.object_id, k.negated))]

    @staticmethod
    def _add_mesh_terms(graph: nx.MultiDiGraph, merged: dict[str, _Slot]) -> None:
        headings: dict[str, MeshHeading] = {}
        links: list[tuple[str, str, bool]] = []
        for node_id, slot in merged.items():
            for heading in slot.work.mesh_headings:
                if not heading.descriptor_id:
                    continue
                mesh_id = f"MESH:{heading.descriptor_id}"
                headings.setdefault(mesh_id, heading)
                links.append((node_id, mesh_id, heading.major))
        for mesh_id in sorted(headings):
            if mesh_id in graph:
                graph.nodes[mesh_id][ATTR_MESH] = headings[mesh_id]
            else:
                graph.add_node(mesh_id, **{ATTR_KIND: KIND_MESH_TERM, ATTR_LABEL: headings[mesh_id].label,
                                           ATTR_MESH: headings[mesh_id]})
        for node_id, mesh_id, major in sorted(set(links)):
            graph.add_edge(node_id, mesh_id, key=EDGE_MESH, **{ATTR_KIND: EDGE_MESH, "major": major})
