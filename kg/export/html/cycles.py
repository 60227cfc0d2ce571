"""Causal feedback loops ("vicious circles" such as stress -> pain -> stress) among claims."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from kg.constants import ATTR_CLAIM, ATTR_KIND, DIRECTION_DECREASES, DIRECTION_INCREASES, EDGE_CLAIM
from kg.records import Claim

CAUSAL_DIRECTIONS = (DIRECTION_INCREASES, DIRECTION_DECREASES)
MAX_LENGTH = 4  # longest loop looked for, in claims
MAX_CYCLES = 50  # loops listed on the page, shortest first


@dataclass(frozen=True)
class Cycle:
    """A loop of asserted causal claims: ``nodes[i]`` acts on ``nodes[i + 1]`` (and the last on the first).

    ``claims`` holds, per step, the ids of the claims that make it. ``kind`` is ``reinforcing``
    (an even number of "decreases" steps: each change feeds itself), ``balancing`` (odd), or
    ``mixed`` when some step is claimed in both directions."""

    nodes: tuple[str, ...]
    claims: tuple[tuple[str, ...], ...]
    kind: str


def _steps(graph: nx.MultiDiGraph, nodes: set[str]) -> dict[tuple[str, str], list[Claim]]:
    steps: dict[tuple[str, str], list[Claim]] = {}
    for source, target, data in graph.edges(data=True):
        if data.get(ATTR_KIND) != EDGE_CLAIM or source == target or source not in nodes or target not in nodes:
            continue
        claim: Claim = data[ATTR_CLAIM]
        if claim.key.negated or claim.key.direction not in CAUSAL_DIRECTIONS:
            continue
        steps.setdefault((source, target), []).append(claim)
    return steps


def _loop_kind(step_claims: list[list[Claim]]) -> str:
    decreases = 0
    for claims in step_claims:
        directions = {c.key.direction for c in claims}
        if len(directions) > 1:
            return "mixed"
        decreases += DIRECTION_DECREASES in directions
    return "balancing" if decreases % 2 else "reinforcing"


def _rotate(cycle: list[str]) -> tuple[str, ...]:
    start = cycle.index(min(cycle))
    return tuple(cycle[start:] + cycle[:start])


def causal_cycles(graph: nx.MultiDiGraph, nodes: set[str], max_length: int = MAX_LENGTH,
                  limit: int = MAX_CYCLES) -> list[Cycle]:
    """Loops of at most ``max_length`` asserted increases/decreases claims among ``nodes``,
    shortest first, then by node ids; at most ``limit`` of them (looked for among ``20 * limit``)."""
    steps = _steps(graph, nodes)
    causal = nx.DiGraph()
    causal.add_edges_from(sorted(steps))
    found = islice(nx.simple_cycles(causal, length_bound=max_length), 20 * limit)
    loops = sorted({_rotate(list(c)) for c in found}, key=lambda c: (len(c), c))[:limit]
    cycles = []
    for loop in loops:
        pairs = [(loop[i], loop[(i + 1) % len(loop)]) for i in range(len(loop))]
        step_claims = [steps[pair] for pair in pairs]
        cycles.append(Cycle(loop, tuple(tuple(c.id for c in claims) for claims in step_claims),
                            _loop_kind(step_claims)))
    return cycles
