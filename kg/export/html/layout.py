"""Node positions computed ahead of time, for pages too large for in-browser physics.

A Fruchterman-Reingold force layout in pure Python (networkx's layouts need numpy, which kg
does not depend on, and Graphviz would make the page depend on what is installed):

* repulsion only between nodes in neighbouring grid cells, so a step costs about linear time;
* nodes of degree one (most cited works) stay out of the simulation and are placed round
  their one neighbour afterwards, which gets room for them;
* each connected component is laid out on its own, then the components are packed in rows.

There is no randomness: the same nodes and edges give the same positions.
"""
from __future__ import annotations

import math
from collections import deque
from typing import Iterable

Point = tuple[float, float]
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _sunflower(count: int, radius: float, offset: int = 0) -> list[Point]:
    """``count`` points spread evenly over a disc (Vogel's spiral)."""
    return [(radius * math.sqrt(i + offset + 0.5) * math.cos(i * _GOLDEN_ANGLE),
             radius * math.sqrt(i + offset + 0.5) * math.sin(i * _GOLDEN_ANGLE)) for i in range(count)]


def _iterations(n: int) -> int:
    """Fewer steps for larger components: the spiral start is already a fair layout."""
    if n <= 300:
        return 100
    return max(30, int(100 - (n - 300) * 70 / 2700))


def _leaf_radius(leaves: int, k: float) -> float:
    """Radius of the disc of ``leaves`` placed round their hub (see :func:`_sunflower`)."""
    return 0.55 * k * math.sqrt(leaves + 2.5) if leaves else 0.0


def _force_layout(members: list[int], adjacency: list[set[int]], leaves: list[int], k: float) -> dict[int, Point]:
    """Fruchterman-Reingold on one component. Ideal distance between two nodes is the sum of
    their radii: ``k / 2`` for a plain node, enough for its disc of leaves for a hub."""
    n = len(members)
    local = {node: i for i, node in enumerate(members)}
    radius = [max(k / 2, _leaf_radius(leaves[node], k) + k * 0.3) for node in members]
    edges = sorted({(min(local[a], local[b]), max(local[a], local[b]))
                    for a in members for b in adjacency[a] if b in local and a != b})
    # start from a breadth-first order on a spiral, so neighbours start near each other
    start = max(members, key=lambda node: (len(adjacency[node]), -node))
    order, seen, queue = [], {start}, deque([start])
    while queue:
        node = queue.popleft()
        order.append(local[node])
        for other in sorted(adjacency[node]):
            if other in local and other not in seen:
                seen.add(other)
                queue.append(other)
    xs, ys = [0.0] * n, [0.0] * n
    for i, (x, y) in zip(order, _sunflower(n, k), strict=True):
        xs[i], ys[i] = x, y
    is_big = [r > k / 2 for r in radius]
    big = [i for i in range(n) if is_big[i]]
    big_cell = 4.0 * max(radius)
    cell = 2.0 * k  # plain nodes push each other within 2k (twice their ideal distance)
    steps = _iterations(n)
    hot = k * max(2.0, math.sqrt(n) / 2)
    gravity = 0.005
    half = ((0, 0), (1, 0), (1, 1), (0, 1), (-1, 1))
    fxs, fys = [0.0] * n, [0.0] * n

    def push(i: int, j: int) -> None:
        """Repulsion between i and j, within twice their ideal distance."""
        ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
        d2 = ddx * ddx + ddy * ddy
        ideal = radius[i] + radius[j]
        if d2 >= 4 * ideal * ideal:
            return
        if d2 < 1e-6:
            ddx, ddy, d2 = 0.01 * (1 + (i - j) % 7), 0.01 * (1 + (i + j) % 5), 1e-4
        force = ideal * ideal / d2
        fxs[i] += ddx * force
        fys[i] += ddy * force
        fxs[j] -= ddx * force
        fys[j] -= ddy * force

    for step in range(steps):
        fxs[:] = [0.0] * n
        fys[:] = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            if not is_big[i]:
                grid.setdefault((math.floor(xs[i] / cell), math.floor(ys[i] / cell)), []).append(i)
        # plain-plain pairs: the half stencil of neighbouring cells meets each pair once
        k2, reach2 = k * k, cell * cell
        for (cx, cy), here in grid.items():
            groups = [grid.get((cx + ox, cy + oy)) for ox, oy in half[1:]]
            for a_pos, i in enumerate(here):
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                for group in (here[a_pos + 1:], *groups):
                    if not group:
                        continue
                    for j in group:
                        ddx, ddy = xi - xs[j], yi - ys[j]
                        d2 = ddx * ddx + ddy * ddy
                        if d2 >= reach2:
                            continue
                        if d2 < 1e-6:
                            ddx, ddy, d2 = 0.01 * (1 + (i - j) % 7), 0.01 * (1 + (i + j) % 5), 1e-4
                        force = k2 / d2
                        fx += ddx * force
                        fy += ddy * force
                        fxs[j] -= ddx * force
                        fys[j] -= ddy * force
                fxs[i] += fx
                fys[i] += fy
        # hub-hub pairs, on a coarse grid of their own
        hubs: dict[tuple[int, int], list[int]] = {}
        for i in big:
            hubs.setdefault((math.floor(xs[i] / big_cell), math.floor(ys[i] / big_cell)), []).append(i)
        for (cx, cy), here in hubs.items():
            for ox, oy in half:
                there = hubs.get((cx + ox, cy + oy))
                if not there:
                    continue
                for a_pos, i in enumerate(here):
                    for j in (here[a_pos + 1:] if (ox, oy) == (0, 0) else there):
                        push(i, j)
        # hub-plain pairs: the cells within the hub's reach
        for i in big:
            span = math.ceil(2 * (radius[i] + k / 2) / cell)
            cx, cy = math.floor(xs[i] / cell), math.floor(ys[i] / cell)
            if (2 * span + 1) ** 2 > len(grid):
                cells = [key for key in grid if abs(key[0] - cx) <= span and abs(key[1] - cy) <= span]
            else:
                cells = [(gx, gy) for gx in range(cx - span, cx + span + 1)
                         for gy in range(cy - span, cy + span + 1) if (gx, gy) in grid]
            for key in cells:
                for j in grid[key]:
                    push(i, j)
        for i, j in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            pull = math.sqrt(ddx * ddx + ddy * ddy) / (radius[i] + radius[j])
            fxs[i] -= ddx * pull
            fys[i] -= ddy * pull
            fxs[j] += ddx * pull
            fys[j] += ddy * pull
        limit = hot * (1 - step / steps) + k * 0.01
        for i in range(n):
            fx = fxs[i] - xs[i] * gravity
            fy = fys[i] - ys[i] * gravity
            length = math.sqrt(fx * fx + fy * fy)
            if length > 0:
                move = min(length, limit) / length
                xs[i] += fx * move
                ys[i] += fy * move
    return {node: (xs[local[node]], ys[local[node]]) for node in members}


def _separate(block: dict[int, Point], gap: float, rounds: int = 12) -> None:
    """Push apart nodes closer than ``gap`` (a few rounds over a grid of ``gap``-sized cells)."""
    members = sorted(block)
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[int]] = {}
        for node in members:
            x, y = block[node]
            grid.setdefault((math.floor(x / gap), math.floor(y / gap)), []).append(node)
        moved = False
        for (cx, cy), here in sorted(grid.items()):
            near = [j for ox in (-1, 0, 1) for oy in (-1, 0, 1) for j in grid.get((cx + ox, cy + oy), ())]
            for i in here:
                for j in near:
                    if j <= i:
                        continue
                    (xi, yi), (xj, yj) = block[i], block[j]
                    dx, dy = xj - xi, yj - yi
                    d = math.sqrt(dx * dx + dy * dy)
                    if d >= gap:
                        continue
                    if d < 1e-6:
                        dx, dy, d = math.cos(i + j), math.sin(i + j), 1.0
                    push = (gap - d) / 2 / d
                    block[i] = (xi - dx * push, yi - dy * push)
                    block[j] = (xj + dx * push, yj + dy * push)
                    moved = True
        if not moved:
            return


def _components(core: list[int], adjacency: list[set[int]], is_core: list[bool]) -> list[list[int]]:
    seen: set[int] = set()
    components = []
    for start in core:
        if start in seen:
            continue
        seen.add(start)
        members, queue = [], deque([start])
        while queue:
            node = queue.popleft()
            members.append(node)
            for other in sorted(adjacency[node]):
                if is_core[other] and other not in seen:
                    seen.add(other)
                    queue.append(other)
        components.append(sorted(members))
    return components


def _pack(blocks: list[dict[int, Point]], gap: float) -> dict[int, Point]:
    """Place each block (already centred on its own points) in rows, largest first."""
    boxes = []
    for block in blocks:
        xs = [p[0] for p in block.values()]
        ys = [p[1] for p in block.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(max(w for _, _, w, _ in boxes), math.sqrt(area) * 1.2)
    placed: dict[int, Point] = {}
    x = y = row_height = 0.0
    for block, (left, top, width, height) in zip(blocks, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in block.items():
            placed[node] = (px - left + x, py - top + y)
        x += width
        row_height = max(row_height, height)
    return placed


def layout(nodes: list[str], edges: Iterable[tuple[str, str]], spacing: float = 110.0) -> dict[str, Point]:
    """Positions (x, y) for ``nodes``, centred on the origin and rounded to 0.1."""
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    adjacency: list[set[int]] = [set() for _ in nodes]
    for a, b in edges:
        if a in index and b in index and a != b:
            adjacency[index[a]].add(index[b])
            adjacency[index[b]].add(index[a])
    parent: dict[int, int] = {}
    for i, near in enumerate(adjacency):
        if len(near) == 1:
            (other,) = near
            if len(adjacency[other]) > 1 or (len(adjacency[other]) == 1 and other < i):
                parent[i] = other
    leaves: dict[int, list[int]] = {}
    for leaf, hub in sorted(parent.items()):
        leaves.setdefault(hub, []).append(leaf)
    leaf_count = [len(leaves.get(i, ())) for i in range(len(nodes))]
    is_core = [i not in parent for i in range(len(nodes))]
    core = [i for i in range(len(nodes)) if is_core[i]]
    components = _components(core, adjacency, is_core)
    components.sort(key=lambda members: (-sum(1 + leaf_count[m] for m in members), members[0]))
    blocks = []
    for members in components:
        if len(members) == 1:
            block = {members[0]: (0.0, 0.0)}
        else:
            block = _force_layout(members, adjacency, leaf_count, spacing)
        for hub in members:
            hx, hy = block[hub]
            ring = leaves.get(hub, [])
            for leaf, (ox, oy) in zip(ring, _sunflower(len(ring), spacing * 0.55, 2), strict=True):
                block[leaf] = (hx + ox, hy + oy)
        _separate(block, spacing * 0.4)
        blocks.append(block)
    placed = _pack(blocks, spacing * 1.5)
    cx = sum(p[0] for p in placed.values()) / len(placed)
    cy = sum(p[1] for p in placed.values()) / len(placed)
    return {nodes[i]: (round(x - cx, 1), round(y - cy, 1)) for i, (x, y) in sorted(placed.items())}
