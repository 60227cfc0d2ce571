"""Running SPARQL queries and updates against any store over the SPARQL 1.1 Protocol."""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from kg.errors import QueryError, StoreError
from kg.results import Rows
from kg.store.http import Endpoint, RequestRefused, request

_RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


@dataclass
class HttpTarget:
    """A SPARQL query service. ``default_graphs`` become ``default-graph-uri`` parameters:
    the query's default graph is then their merge (the store's default graph otherwise)."""

    endpoint: Endpoint
    default_graphs: list[str] = field(default_factory=list)

    def execute(self, text: str) -> Rows:
        params = [("query", text)] + [("default-graph-uri", g) for g in self.default_graphs]
        body = urllib.parse.urlencode(params).encode("utf-8")
        try:
            response = request("POST", self.endpoint.query_url, body, {
                "Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT})
        except RequestRefused as exc:
            if exc.status == 400:
                raise QueryError(f"the store at {self.endpoint.query_url} rejected the query: "
                                 f"{' '.join(exc.body.split())[:300]}") from exc
            raise
        media = response.content_type.split(";")[0].strip().lower()
        try:
            if media in _RESULT_TYPES:
                return Rows.from_result(parse_query_results(response.body, _RESULT_TYPES[media]))
            if media in _GRAPH_TYPES:
                return Rows.from_result(q.triple for q in parse(response.body, _GRAPH_TYPES[media]))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"unreadable answer from {self.endpoint.query_url}: {exc}") from exc
        raise StoreError(f"unexpected answer type {media or 'none'!r} from {self.endpoint.query_url}")


def run_update(endpoint: Endpoint, text: str) -> None:
    """Send a SPARQL 1.1 Update; StoreError when the store refuses it."""
    request("POST", endpoint.update_url, text.encode("utf-8"),
            {"Content-Type": "application/sparql-update; charset=utf-8"})
