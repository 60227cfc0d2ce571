"""``graph.html``: a self-contained interactive page of the graph.

The page inlines vis-network (the drawing library pyvis bundles), kg's own script and style,
and the graph as JSON; it needs no network. Small graphs are laid out in the browser by
vis-network's physics; larger ones get positions computed here (:mod:`.layout`), and very
large ones are cut to the most connected nodes (:mod:`.select`), saying so on the page.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.constants import ATTR_KIND
from kg.export.base import ExportOptions
from kg.export.html.cycles import causal_cycles
from kg.export.html.layout import layout
from kg.export.html.page import render_page
from kg.export.html.payload import page_data
from kg.export.html.select import UnknownFocusError, resolve_focus, select_nodes
from kg.export.html.style import style_table

__all__ = ["MAX_NODES", "PHYSICS_MAX_NODES", "UnknownFocusError", "render_html", "resolve_focus", "write_html"]

PHYSICS_MAX_NODES = 300  # above this, positions are computed ahead and physics is off
MAX_NODES = 2000  # the page shows at most this many nodes: the most connected ones


def render_html(graph: nx.MultiDiGraph, options: ExportOptions | None = None, max_nodes: int | None = MAX_NODES,
                physics_max_nodes: int = PHYSICS_MAX_NODES) -> str:
    """The page for ``graph`` as a string (``max_nodes=None`` draws every node)."""
    options = options or ExportOptions()
    selection = select_nodes(graph, options.html_focus, options.html_depth, max_nodes)
    shown = set(selection.nodes)
    positions = None
    if len(selection.nodes) > physics_max_nodes:
        edges = ((s, t) for s, t in graph.edges() if s in shown and t in shown)
        positions = layout(selection.nodes, edges)
    cycles = causal_cycles(graph, shown)
    data = page_data(graph, selection, cycles, positions, options.html_depth, options.html_focus)
    styles = style_table([graph.nodes[n][ATTR_KIND] for n in selection.nodes])
    return render_page(data, styles)


def write_html(graph: nx.MultiDiGraph, path: Path, options: ExportOptions) -> None:
    """Write ``graph.html`` (UTF-8, whatever the locale)."""
    Path(path).write_bytes(render_html(graph, options).encode("utf-8"))
