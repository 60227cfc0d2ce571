"""Which nodes the page shows: the neighbourhood of a focus, capped to the most connected."""
from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter, deque
from dataclasses import dataclass
from typing import Iterable, Iterator

import networkx as nx

from kg.constants import (
    ATTR_CLAIM,
    ATTR_CONCEPT,
    ATTR_KIND,
    ATTR_LABEL,
    CONCEPT_ROLES,
    EDGE_CLAIM,
    KIND_CITED_WORK,
    KIND_MESH_TERM,
    KIND_PAPER,
)
from kg.errors import UnknownChoiceError

_SPACE = re.compile(r"\s+")


class UnknownFocusError(UnknownChoiceError):
    """``--html-focus`` names no node; the message lists the closest names."""

    def __init__(self, focus: str, close: list[str]) -> None:
        super().__init__("--html-focus", focus, close or ["(no close matches)"])
        self.hint = "give a concept label, a synonym or a node id (e.g. MESH:D013315, PMID:22110947)"


@dataclass(frozen=True)
class Selection:
    """The nodes a page shows, in drawing order, and why it may show fewer than the graph has."""

    nodes: list[str]
    total: int  # nodes in the whole graph
    focus: tuple[str, ...] = ()  # the focus nodes, when the page is restricted to a neighbourhood
    candidates: int = 0  # nodes eligible before the cap (the whole graph, or the neighbourhood)

    @property
    def capped(self) -> bool:
        return len(self.nodes) < self.candidates


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def node_names(graph: nx.MultiDiGraph, node: str) -> Iterator[str]:
    """Every name a node can be found by: id, label, and a concept's synonyms and abbreviations."""
    data = graph.nodes[node]
    yield node
    yield str(data.get(ATTR_LABEL, ""))
    concept = data.get(ATTR_CONCEPT)
    if concept is not None:
        yield from concept.synonyms
        yield from concept.abbreviations


def resolve_focus(graph: nx.MultiDiGraph, focus: str) -> list[str]:
    """The nodes ``focus`` names (case and spacing ignored): by id, then label, then synonym.

    Raises :class:`UnknownFocusError`, listing close matches, when none does."""
    wanted = _fold(focus)
    by_id = [n for n in graph if _fold(n) == wanted]
    if by_id:
        return by_id
    by_label = [n for n in graph if _fold(str(graph.nodes[n].get(ATTR_LABEL, ""))) == wanted]
    if by_label:
        return sorted(by_label)
    by_name = [n for n in graph if any(_fold(name) == wanted for name in node_names(graph, n))]
    if by_name:
        return sorted(by_name)
    raise UnknownFocusError(focus, close_names(graph, focus))


def close_names(graph: nx.MultiDiGraph, focus: str, limit: int = 8) -> list[str]:
    """Names of concepts (or of any node, when no concept is close) that resemble ``focus``,
    one per node: its label, or the synonym that resembles ``focus`` followed by the label."""
    wanted = _fold(focus)
    for kinds in (CONCEPT_ROLES, None):
        names: dict[str, tuple[str, str]] = {}  # folded name -> (name, node)
        for node, kind in graph.nodes(data=ATTR_KIND):
            if kinds is None or kind in kinds:
                for name in node_names(graph, node):
                    names.setdefault(_fold(name), (name, node))
        contains = sorted(n for n in names if wanted and wanted in n)
        similar = difflib.get_close_matches(wanted, sorted(names), n=4 * limit, cutoff=0.6)
        found: dict[str, str] = {}
        for folded in (*similar, *contains):
            name, node = names[folded]
            label = str(graph.nodes[node].get(ATTR_LABEL, node))
            found.setdefault(node, label if _fold(label) == folded else f"{name} ({label})")
        if found:
            return list(found.values())[:limit]
    return []


def neighbourhood(graph: nx.MultiDiGraph, roots: Iterable[str], depth: int) -> dict[str, int]:
    """Every node within ``depth`` hops of ``roots`` along edges of either direction, with its distance."""
    distance = {root: 0 for root in roots}
    queue = deque(distance)
    while queue:
        node = queue.popleft()
        if distance[node] >= depth:
            continue
        for other in sorted({*graph.successors(node), *graph.predecessors(node)}):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


_TIER = {KIND_PAPER: 2, KIND_CITED_WORK: 3, KIND_MESH_TERM: 4}


def _claim_counts(graph: nx.MultiDiGraph) -> Counter[str]:
    """For each node: claims it takes part in, or (for works) evidence sentences it gives."""
    counts: Counter[str] = Counter()
    for source, target, data in graph.edges(data=True):
        if data.get(ATTR_KIND) == EDGE_CLAIM:
            counts[source] += 1
            counts[target] += 1
            claim = data.get(ATTR_CLAIM)
            if claim is not None:
                counts.update(e.paper_id for e in claim.evidences)
    return counts


def priority(graph: nx.MultiDiGraph, node: str, claims: Counter[str]) -> tuple[int, int, int]:
    """Sort key, most important first: concepts with claims, other concepts, papers, cited works,
    MeSH headings; within a tier, more claims (or evidence) and then more edges first."""
    kind = graph.nodes[node][ATTR_KIND]
    if kind in CONCEPT_ROLES or kind not in _TIER:
        tier = 0 if claims[node] else 1
    else:
        tier = _TIER[kind]
    return tier, -claims[node], -graph.degree(node)


def _ranks(graph: nx.MultiDiGraph, claims: Counter[str]) -> dict[str, tuple[int, int, int]]:
    """:func:`priority` of every node, computed in one pass (the graph may hold 10^5 nodes)."""
    degrees = dict(graph.degree())
    ranks = {}
    for node, kind in graph.nodes(data=ATTR_KIND):
        tier = (0 if claims[node] else 1) if kind in CONCEPT_ROLES or kind not in _TIER else _TIER[kind]
        ranks[node] = (tier, -claims[node], -degrees[node])
    return ranks


def _grow(graph: nx.MultiDiGraph, limit: int, claims: Counter[str]) -> set[str]:
    """``limit`` nodes that hang together: every concept first (those with claims before the
    others), then, repeatedly, the best node next to the ones chosen (papers before cited works
    before MeSH headings; more evidence, then more links to the chosen, then more edges first).
    Only when nothing is next to the chosen is the best remaining node taken on its own."""
    rank = _ranks(graph, claims)
    order = sorted(graph, key=lambda n: (*rank[n], n))
    chosen: set[str] = set()
    links: Counter[str] = Counter()
    frontier: list[tuple[int, int, int, int, str]] = []

    def take(node: str) -> None:
        chosen.add(node)
        for other in {*graph.successors(node), *graph.predecessors(node)}:
            if other not in chosen:
                links[other] += 1
                tier, evidence, degree = rank[other]
                heapq.heappush(frontier, (tier, evidence, -links[other], degree, other))

    for node in order:
        if len(chosen) >= limit or rank[node][0] > 1:
            break
        take(node)
    remaining = iter(order)
    while len(chosen) < limit:
        while frontier and (frontier[0][-1] in chosen or -frontier[0][2] != links[frontier[0][-1]]):
            heapq.heappop(frontier)
        if frontier:
            take(heapq.heappop(frontier)[-1])
        else:
            take(next(n for n in remaining if n not in chosen))
    return chosen


def select_nodes(graph: nx.MultiDiGraph, focus: str = "", depth: int = 2, limit: int | None = None) -> Selection:
    """The nodes to draw: all of them, or the neighbourhood of ``focus``; at most ``limit``.

    With a focus, the cut keeps the nodes nearest the focus and, among equally near ones, the
    most important (see :func:`priority`); without one, it grows a connected picture outward
    from the concepts (see :func:`_grow`). The result keeps the graph's own node order."""
    roots: tuple[str, ...] = ()
    if focus:
        roots = tuple(resolve_focus(graph, focus))
        distance = neighbourhood(graph, roots, depth)
    else:
        distance = dict.fromkeys(graph, 0)
    candidates = len(distance)
    if limit is None or candidates <= limit:
        kept = set(distance)
    elif focus:
        claims = _claim_counts(graph)
        kept = set(sorted(distance, key=lambda n: (distance[n], *priority(graph, n, claims), n))[:limit])
    else:
        kept = _grow(graph, limit, _claim_counts(graph))
    return Selection([n for n in graph if n in kept], graph.number_of_nodes(), roots, candidates)
