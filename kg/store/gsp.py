"""Loading an RDF file into any SPARQL 1.1 store through the Graph Store HTTP Protocol.

Every target graph is *replaced*, never added to, and the store is left as it was
when anything fails:

1. one query asks which target graphs exist already (and, for a quads file, which graphs
   an earlier kg load left);
2. the triples are POSTed, in chunks, to fresh temporary graphs
   (``kgr:upload/<random>/<n>``);
3. one SPARQL Update then swaps them in, every graph at once in a store that runs an
   update request as one transaction (as Oxigraph does): a graph that did not exist is
   ``ADD``ed to; an existing one gets only the difference (``DELETE`` the triples the new content lacks,
   ``INSERT`` the ones it adds), much faster on a reload than dropping and copying it;
4. the temporary graphs are deleted; on any failure before the swap they are deleted
   too (best effort) and a StoreError raised.

A triples file (N-Triples, Turtle) goes into one named graph. A quads file (TriG,
N-Quads) keeps its graphs apart; graphs of an earlier kg load (under
``kgr:source/`` and ``kgr:graph/``) that the file no longer has are dropped in the
same update, so renaming an input never leaves its old triples behind.

When the store is Oxigraph (its ``Server`` header says so), uploads to the temporary
graphs use its bulk loader (``no_transaction``): they need no atomicity, the swap has it.
"""
from __future__ import annotations

import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.constants import NS_KG_RESOURCE
from kg.errors import InputError, StoreError
from kg.store.endpoint import run_update
from kg.store.http import Endpoint, RequestRefused, request, with_params

CHUNK_TRIPLES = 50_000
KG_GRAPH_PREFIXES = (f"{NS_KG_RESOURCE}source/", f"{NS_KG_RESOURCE}graph/")

ProgressFactory = Callable[[int], "Progress"]


class Progress:
    """Progress of an upload in triples; the default reports nothing."""

    def update(self, n: int) -> None:  # pragma: no cover - trivial
        pass

    def close(self) -> None:  # pragma: no cover - trivial
        pass


@dataclass
class LoadReport:
    """What a load sent: triples per target graph."""

    graphs: dict[str, int]

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def rdf_format(path: Path) -> RdfFormat:
    """The RDF format of ``path`` from its extension (InputError when unknown)."""
    fmt = RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise InputError(str(path), "unknown RDF file extension",
                         hint="give a .nt, .ttl, .trig, .nq or .jsonld file")
    return fmt


def _quads(path: Path, fmt: RdfFormat) -> Iterator[Quad]:
    try:
        yield from parse(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise InputError(str(path), f"not valid {fmt.name}: {exc}") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc


def _target(quad: Quad, graph: str | None) -> str:
    if graph is not None:
        return graph
    if isinstance(quad.graph_name, NamedNode):
        return quad.graph_name.value
    raise InputError("", "quads in the default graph or a blank-node graph cannot be sent graph by graph")


def _survey(path: Path, fmt: RdfFormat, graph: str | None) -> tuple[dict[str, int], bool]:
    """Triples per target graph, and whether any blank node occurs (then a graph goes in one request)."""
    counts: dict[str, int] = {}
    blank = False
    for quad in _quads(path, fmt):
        try:
            target = _target(quad, graph)
        except InputError as exc:
            raise InputError(str(path), exc.reason, hint="give --graph, or a file whose graphs are all named") from exc
        counts[target] = counts.get(target, 0) + 1
        blank = blank or isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode)
    return counts, blank


def _chunks(path: Path, fmt: RdfFormat, graph: str | None, size: int) -> Iterator[tuple[str, list[Triple]]]:
    """Runs of at most ``size`` triples bound for the same graph, in file order."""
    current: str | None = None
    batch: list[Triple] = []
    for quad in _quads(path, fmt):
        target = _target(quad, graph)
        if batch and (target != current or len(batch) >= size):
            yield current, batch  # type: ignore[misc]
            batch = []
        current = target
        batch.append(quad.triple)
    if batch:
        yield current, batch  # type: ignore[misc]


def _iri(value: str) -> str:
    return str(NamedNode(value))


@dataclass
class StoreState:
    """What the store holds before a load."""

    existing: set[str]  # target graphs that hold triples
    kg_graphs: set[str] | None  # graphs under KG_GRAPH_PREFIXES; None when the store was not asked
    oxigraph: bool  # whether the store said it is Oxigraph


def swap_update(temporary: dict[str, str], state: StoreState, prune: bool) -> str:
    """The SPARQL Update that gives every target graph its temporary graph's content and,
    with ``prune``, empties the kg graphs that are not targets."""
    steps = []
    for target, temp in temporary.items():
        g, tmp = _iri(target), _iri(temp)
        if target in state.existing:
            steps.append(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
                         f"FILTER NOT EXISTS {{ GRAPH {tmp} {{ ?s ?p ?o }} }} }}")
            steps.append(f"INSERT {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {tmp} {{ ?s ?p ?o }} "
                         f"FILTER NOT EXISTS {{ GRAPH {g} {{ ?s ?p ?o }} }} }}")
        else:  # a graph that did not exist when asked: ADD alone (DROP+ADD takes twice as long)
            steps.append(f"ADD SILENT GRAPH {tmp} TO GRAPH {g}")
    if prune and state.kg_graphs is not None:
        steps += [f"DROP SILENT GRAPH {_iri(g)}" for g in sorted(state.kg_graphs - set(temporary))]
    elif prune:  # the graphs are unknown: find them in the update itself (scans every named graph)
        starts = " || ".join(f'STRSTARTS(STR(?g), "{prefix}")' for prefix in KG_GRAPH_PREFIXES)
        kept = ", ".join(_iri(target) for target in temporary)
        steps.append("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                     f"FILTER(({starts}) && ?g NOT IN ({kept})) }}")
    return " ;\n".join(steps)


def probe(endpoint: Endpoint, targets: list[str], list_kg_graphs: bool) -> StoreState:
    """Ask the store (one query) which targets hold triples and, if wanted, which kg graphs it has.

    A store without a query service at ``endpoint.query_url`` is assumed to hold every target
    (the difference update is right either way)."""
    values = " ".join(_iri(t) for t in targets)
    text = (f'SELECT ?g ?kind WHERE {{ {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} '
            f'BIND("target" AS ?kind) }}')
    if list_kg_graphs:
        starts = " || ".join(f'STRSTARTS(STR(?g), "{prefix}")' for prefix in KG_GRAPH_PREFIXES)
        text += f' UNION {{ GRAPH ?g {{ }} FILTER({starts}) BIND("kg" AS ?kind) }}'
    text += " }"
    body = urllib.parse.urlencode([("query", text)]).encode("utf-8")
    try:
        response = request("POST", endpoint.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    except RequestRefused:
        return StoreState(set(targets), None, False)
    oxigraph = response.server.lower().startswith("oxigraph")
    try:
        rows = [(s["g"].value, s["kind"].value) for s in parse_query_results(response.body, QueryResultsFormat.JSON)]
    except (SyntaxError, ValueError, TypeError, AttributeError):
        return StoreState(set(targets), None, oxigraph)
    return StoreState({g for g, kind in rows if kind == "target"},
                      {g for g, kind in rows if kind == "kg"} if list_kg_graphs else None, oxigraph)


def load_endpoint(path: str | Path, endpoint: Endpoint, graph: str | None = None,
                  chunk_triples: int = CHUNK_TRIPLES,
                  progress: ProgressFactory | None = None) -> LoadReport:
    """Replace graphs of the store at ``endpoint`` with the content of ``path``.

    ``graph`` names the target graph of a triples file (required for one); a quads
    file's own graph names are used and ``graph`` must be None."""
    path = Path(path)
    fmt = rdf_format(path)
    if fmt.supports_datasets and graph is not None:
        raise StoreError(f"{path} holds named graphs; --graph applies only to a triples file (.nt, .ttl)")
    if not fmt.supports_datasets and graph is None:
        raise StoreError(f"{path} holds triples: say which graph they go into with --graph")
    if graph is not None:
        try:
            NamedNode(graph)
        except ValueError as exc:
            raise StoreError(f"--graph {graph!r} is not an IRI: {exc}") from exc
    counts, blank = _survey(path, fmt, graph)
    if graph is not None:
        counts.setdefault(graph, 0)  # an empty file empties the graph
    state = probe(endpoint, list(counts), list_kg_graphs=fmt.supports_datasets)
    size = max(sum(counts.values()), 1) if blank else chunk_triples
    run = uuid.uuid4().hex
    temporary = {target: f"{NS_KG_RESOURCE}upload/{run}/{n}" for n, target in enumerate(counts)}
    bulk = [("no_transaction", "")] if state.oxigraph else []
    bar = progress(sum(counts.values())) if progress else Progress()
    try:
        for target, triples in _chunks(path, fmt, graph, size):
            data = serialize(triples, format=RdfFormat.N_TRIPLES)
            request("POST", with_params(endpoint.gsp_url, [("graph", temporary[target]), *bulk]), data,
                    {"Content-Type": "application/n-triples"})
            bar.update(len(triples))
        run_update(endpoint, swap_update(temporary, state, prune=fmt.supports_datasets))
    finally:
        bar.close()
        _drop_quietly(endpoint, temporary.values())
    return LoadReport(counts)


def _drop_quietly(endpoint: Endpoint, graphs) -> None:
    """Best-effort removal of temporary graphs (Graph Store Protocol DELETE)."""
    for name in graphs:
        try:
            request("DELETE", with_params(endpoint.gsp_url, [("graph", name)]))
        except StoreError:
            pass  # never created (404), or the store is gone
