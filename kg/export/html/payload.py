"""The page's data: nodes, edges, works, claims with their evidence, and loops, as JSON-ready dicts.

Everything from papers goes in as plain strings; the page turns it into text nodes, never markup."""
from __future__ import annotations

import math
from urllib.parse import quote

import networkx as nx

from kg.constants import (
    ATTR_CLAIM,
    ATTR_CONCEPT,
    ATTR_KIND,
    ATTR_LABEL,
    ATTR_MESH,
    ATTR_WORK,
    EDGE_CLAIM,
    NS_DOI,
    NS_PUBMED,
)
from kg.export.html.cycles import Cycle
from kg.export.html.select import Selection
from kg.records import Claim, Evidence, Work

PMC_ARTICLES = "https://pmc.ncbi.nlm.nih.gov/articles/"
MAX_EVIDENCE = 25  # evidence sentences per claim carried by the page; claims.tsv has all
LABEL_CHARS = 38  # longer labels are shortened on the canvas (tooltips show them whole)
_DOI_SAFE = "/:;()!$*+,=@._-~[]"


def work_links(work: Work) -> list[dict[str, str]]:
    """Links to a work: PubMed, PubMed Central and DOI, as far as its identifiers are known."""
    links = []
    if work.pmid.isdigit():
        links.append({"label": f"PubMed {work.pmid}", "url": f"{NS_PUBMED}{work.pmid}/"})
    if work.pmcid.startswith("PMC") and work.pmcid[3:].isdigit():
        links.append({"label": work.pmcid, "url": f"{PMC_ARTICLES}{work.pmcid}/"})
    if work.doi:
        links.append({"label": f"DOI {work.doi}", "url": NS_DOI + quote(work.doi, safe=_DOI_SAFE)})
    return links


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",.;:-") + "…"


def _work_data(work: Work) -> dict[str, object]:
    return {
        "title": work.title or work.citation,
        "journal": work.journal,
        "year": work.year,
        "authors": list(work.authors[:3]) + (["et al."] if len(work.authors) > 3 else []),
        "types": list(work.publication_types),
        "pmid": work.pmid,
        "pmcid": work.pmcid,
        "doi": work.doi,
        "links": work_links(work),
    }


def _evidence_data(evidence: Evidence) -> dict[str, object]:
    return {
        "sentence": evidence.sentence,
        "section": evidence.section,
        "paper": evidence.paper_id,
        "hedged": evidence.hedged,
        "hedgeCue": evidence.hedge_cue,
        "negated": evidence.negated,
        "negationCue": evidence.negation_cue,
        "source": evidence.source_file,
    }


def _claim_data(claim: Claim, in_cycle: bool) -> dict[str, object]:
    shown = claim.evidences[:MAX_EVIDENCE]
    return {
        "id": claim.id,
        "subject": claim.key.subject_id,
        "object": claim.key.object_id,
        "direction": claim.key.direction,
        "negated": claim.key.negated,
        "confidence": round(float(claim.confidence), 3),
        "hedged": bool(claim.evidences) and all(e.hedged for e in claim.evidences),
        "papers": list(claim.paper_ids),
        "evidence": [_evidence_data(e) for e in shown],
        "evidenceTotal": len(claim.evidences),
        "contradicts": [f"{k.subject_id}|{k.direction}|{k.object_id}|{'negated' if k.negated else 'asserted'}"
                        for k in claim.contradicts],
        "cycle": in_cycle,
    }


def node_size(weight: int, work: bool) -> float:
    """Drawn size from weight (edges on the page, plus twice the evidence sentences): grows with
    its square root; works stay smaller than concepts."""
    if work:
        return round(min(7.0 + 1.6 * math.sqrt(weight), 24.0), 1)
    return round(min(10.0 + 3.0 * math.sqrt(weight), 42.0), 1)


def page_data(graph: nx.MultiDiGraph, selection: Selection, cycles: list[Cycle],
              positions: dict[str, tuple[float, float]] | None, depth: int, focus: str) -> dict[str, object]:
    """Everything the page draws and shows, for the selected nodes and the edges between them."""
    shown = set(selection.nodes)
    in_cycle = {claim_id for cycle in cycles for step in cycle.claims for claim_id in step}
    edges: list[dict[str, object]] = []
    claims: list[dict[str, object]] = []
    evidence_count: dict[str, int] = {}
    works_needed: list[str] = []
    degree: dict[str, int] = {}
    for source, target, data in graph.edges(data=True):
        if source not in shown or target not in shown:
            continue
        edge: dict[str, object] = {"id": f"e{len(edges)}", "from": source, "to": target, "kind": data[ATTR_KIND]}
        if data[ATTR_KIND] == EDGE_CLAIM:
            claim: Claim = data[ATTR_CLAIM]
            edge["claim"] = len(claims)
            claims.append(_claim_data(claim, claim.id in in_cycle))
            for evidence in claim.evidences:
                for node in (source, target, evidence.paper_id):
                    evidence_count[node] = evidence_count.get(node, 0) + 1
                works_needed.append(evidence.paper_id)
        edges.append(edge)
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1
    nodes: list[dict[str, object]] = []
    works: dict[str, object] = {}
    for node in selection.nodes:
        data = graph.nodes[node]
        label = str(data.get(ATTR_LABEL) or node)
        item: dict[str, object] = {
            "id": node,
            "kind": data[ATTR_KIND],
            "label": short_label(label),
            "name": label,
            "size": node_size(degree.get(node, 0) + 2 * evidence_count.get(node, 0),
                              data.get(ATTR_CONCEPT) is None),
            "evidence": evidence_count.get(node, 0),
        }
        concept = data.get(ATTR_CONCEPT)
        if concept is not None:
            item["synonyms"] = list(dict.fromkeys((*concept.synonyms, *concept.abbreviations)))
            item["valence"] = concept.valence
        mesh = data.get(ATTR_MESH)
        if mesh is not None and concept is None:
            item["major"] = mesh.major
        if positions is not None:
            item["x"], item["y"] = positions[node]
        if data.get(ATTR_WORK) is not None:
            works[node] = _work_data(data[ATTR_WORK])
        nodes.append(item)
    for paper in works_needed:
        if paper not in works and paper in graph and graph.nodes[paper].get(ATTR_WORK) is not None:
            works[paper] = _work_data(graph.nodes[paper][ATTR_WORK])
    return {
        "meta": {
            "totalNodes": selection.total,
            "candidates": selection.candidates,
            "shownNodes": len(nodes),
            "capped": selection.capped,
            "focus": focus,
            "focusNodes": list(selection.focus),
            "depth": depth,
            "physics": positions is None,
        },
        "nodes": nodes,
        "edges": edges,
        "works": works,
        "claims": claims,
        "cycles": [{"nodes": list(c.nodes), "claims": [list(step) for step in c.claims], "kind": c.kind}
                   for c in cycles],
    }
