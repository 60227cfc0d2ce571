"""`kg load --endpoint` into a real `oxigraph serve`: graphs replaced, never duplicated,
the store left as it was when a request fails, TriG graphs kept apart."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreError
from kg.export.trig import SOURCE_GRAPH_PREFIX
from kg.store.endpoint import HttpTarget
from kg.store.http import Endpoint, auth_headers
from kg.store.server import free_port, start_server

GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def load(*args: str):
    return CliRunner().invoke(main, ["load", *args, "-q"])


def line_count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def graph_counts(url: str) -> dict[str, int]:
    rows = HttpTarget(Endpoint.from_url(url)).execute(GRAPHS)
    return {row["g"]: int(row["n"]) for row in rows.dicts()}


def test_load_counts_match_the_file_and_reloading_never_duplicates(server, seed_out):
    graph = "https://example.org/kg-test/reload"
    nt = seed_out / "graph.nt"
    for _ in range(2):
        result = load(str(nt), "--endpoint", server.url, "--graph", graph, "--chunk", "100")
        assert result.exit_code == 0, result.output
        assert graph_counts(server.url)[graph] == line_count(nt)
    assert not [g for g in graph_counts(server.url) if "/upload/" in g]  # no temporary graph left


def test_unreachable_store_is_a_clear_error(tmp_path, seed_out):
    stopped = start_server(None, free_port(), writable=True, quiet=True)
    stopped.stop()
    result = load(str(seed_out / "graph.nt"), "--endpoint", stopped.url)
    assert result.exit_code == 1
    assert f"cannot reach the store at {stopped.url}/" in result.output
    assert "nothing in it was changed" in result.output


def test_a_refused_request_leaves_the_graph_as_it_was(server, seed_out, tmp_path):
    graph = "https://example.org/kg-test/refused"
    small = tmp_path / "small.nt"
    small.write_text('<http://example.org/a> <http://example.org/p> "kept" .\n')
    assert load(str(small), "--endpoint", server.url, "--graph", graph).exit_code == 0
    before = graph_counts(server.url)
    result = load(str(seed_out / "graph.nt"), "--endpoint", server.url, "--graph", graph,
                  "--update-url", f"{server.url}/no-such-service")
    assert result.exit_code == 1
    assert "the store refused POST" in result.output and "HTTP 404" in result.output
    assert graph_counts(server.url) == before  # temporary graphs deleted, the graph untouched


def test_trig_keeps_one_graph_per_source_and_drops_stale_ones(tmp_path, seed_out):
    trig = seed_out / "graph.trig"
    running = start_server(tmp_path / "db", free_port(), writable=True, quiet=True)
    try:
        stale = tmp_path / "stale.trig"
        stale.write_text(f'<{SOURCE_GRAPH_PREFIX}renamed.txt> {{ <http://example.org/a> <http://example.org/p> 1 . }}\n')
        for without_query_service in (True, False, False):
            assert load(str(stale), "--endpoint", running.url).exit_code == 0
            extra = ["--query-url", f"{running.url}/no-such-service"] if without_query_service else []
            result = load(str(trig), "--endpoint", running.url, *extra)
            assert result.exit_code == 0, result.output
            counts = graph_counts(running.url)
            assert sum(counts.values()) == line_count(seed_out / "graph.nt")
            sources = sorted(g for g in counts if g.startswith(SOURCE_GRAPH_PREFIX))
            assert [g.rsplit("%2F", 1)[-1] for g in sources] == [
                "000_ea24b7b8f5827cdc.txt", "002_3dd905666b6a3e17.txt"]  # the stale graph is gone
    finally:
        running.stop()


def test_graph_option_with_trig_and_missing_graph_are_refused(server, seed_out):
    result = load(str(seed_out / "graph.trig"), "--endpoint", server.url, "--graph", "http://example.org/g")
    assert result.exit_code == 1 and "holds named graphs" in result.output


def test_credentials_come_from_the_environment_never_the_url(seed_out):
    result = load(str(seed_out / "graph.nt"), "--endpoint", "http://user:secret@127.0.0.1:1")
    assert result.exit_code == 1 and "KG_STORE_USER" in result.output
    assert auth_headers({"KG_STORE_USER": "ann", "KG_STORE_PASSWORD": "pw"}) == {"Authorization": "Basic YW5uOnB3"}
    assert auth_headers({"KG_STORE_TOKEN": "t0k"}) == {"Authorization": "Bearer t0k"}
    assert auth_headers({}) == {}
    with pytest.raises(StoreError, match="not an http"):
        Endpoint.from_url("ftp://example.org/")
