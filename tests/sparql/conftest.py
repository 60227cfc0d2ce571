"""Fixtures for queries and stores: the seed graph in the embedded store and in a real
`oxigraph serve` loaded with `kg load --endpoint`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.embedded import StoreTarget, load_store, open_store
from kg.store.endpoint import HttpTarget
from kg.store.http import Endpoint
from kg.store.server import free_port, start_server

SEED_GRAPH_IRI = "https://example.org/kg-test/seeds"


@pytest.fixture(scope="session")
def seed_out(seed_build, tmp_path_factory) -> Path:
    """A copy of the seed build's output directory with the embedded store loaded."""
    out = tmp_path_factory.mktemp("seed-out")
    for name in ("graph.nt", "graph.trig"):
        shutil.copy(Path(seed_build.out_dir) / name, out / name)
    load_store(out / "graph.nt", out / "store")
    return out


@pytest.fixture(scope="session")
def embedded_target(seed_out) -> StoreTarget:
    return StoreTarget(open_store(seed_out / "store"), "seed store")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A writable `oxigraph serve` on a free loopback port, stopped at the end of the session."""
    running = start_server(tmp_path_factory.mktemp("served") / "db", free_port(), writable=True, quiet=True)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def http_target(server, seed_out) -> HttpTarget:
    """The seed graph loaded into the server with `kg load --endpoint`, queried over HTTP."""
    result = CliRunner().invoke(main, ["load", str(seed_out / "graph.nt"), "--endpoint", server.url,
                                       "--graph", SEED_GRAPH_IRI, "-q"])
    assert result.exit_code == 0, result.output
    return HttpTarget(Endpoint.from_url(server.url), [SEED_GRAPH_IRI])


@pytest.fixture(params=["embedded", "http"])
def target(request):
    """Each seed query test runs against both the embedded store and the HTTP endpoint."""
    return request.getfixturevalue(f"{request.param}_target")
