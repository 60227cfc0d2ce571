"""The embedded store: loaded beside the old one and swapped in; locked stores refused."""
from __future__ import annotations

import os
import time

import pytest

from kg.errors import InputError, QueryError, StoreError
from kg.store.embedded import StoreTarget, build_target, has_writer, load_store, open_store
from kg.store.server import free_port, start_server

NT_A = '<http://example.org/a> <http://example.org/p> "one" .\n<http://example.org/a> <http://example.org/p> "two" .\n'
NT_B = '<http://example.org/b> <http://example.org/p> "three" .\n'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(path) -> int:
    return int(StoreTarget(open_store(path)).execute(COUNT).values("n")[0])


def test_load_replaces_the_previous_content(tmp_path):
    (tmp_path / "a.nt").write_text(NT_A)
    (tmp_path / "b.nt").write_text(NT_B)
    store = tmp_path / "store"
    assert load_store(tmp_path / "a.nt", store) == 2
    assert count(store) == 2
    assert load_store(tmp_path / "b.nt", store) == 1
    assert count(store) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nt", "b.nt", "store"]  # nothing left beside it


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path):
    (tmp_path / "a.nt").write_text(NT_A)
    (tmp_path / "bad.nt").write_text(NT_B + "<http://example.org/broken> .\n")
    store = tmp_path / "store"
    load_store(tmp_path / "a.nt", store)
    with pytest.raises(InputError, match="bad.nt"):
        load_store(tmp_path / "bad.nt", store)
    assert count(store) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nt", "bad.nt", "store"]


def test_trig_graphs_are_queried_as_one_default_graph(tmp_path):
    (tmp_path / "g.trig").write_text(
        "<http://g/1> { <http://example.org/a> <http://example.org/p> 1 . }\n"
        "<http://g/2> { <http://example.org/b> <http://example.org/p> 2 . }\n")
    load_store(tmp_path / "g.trig", tmp_path / "store")
    assert count(tmp_path / "store") == 2


def test_a_store_open_for_writing_is_neither_replaced_nor_opened(tmp_path):
    (tmp_path / "a.nt").write_text(NT_A)
    store = tmp_path / "store"
    load_store(tmp_path / "a.nt", store)
    assert not has_writer(store)
    server = start_server(store, free_port(), writable=True, quiet=True)
    try:
        assert has_writer(store)
        with pytest.raises(StoreError, match="open for writing"):
            load_store(tmp_path / "a.nt", store)
        with pytest.raises(StoreError, match="open for writing"):
            open_store(store)
    finally:
        server.stop()
    assert count(store) == 2


def test_query_target_prefers_the_store_and_warns_when_it_is_stale(tmp_path):
    with pytest.raises(QueryError, match="neither store/ nor graph.nt") as caught:
        build_target(tmp_path)
    assert "kg build" in caught.value.hint
    (tmp_path / "graph.nt").write_text(NT_A)
    target, warning = build_target(tmp_path)
    assert warning == "" and target.name.endswith("graph.nt")
    load_store(tmp_path / "graph.nt", tmp_path / "store")
    target, warning = build_target(tmp_path)
    assert warning == "" and target.name.endswith("store")
    later = time.time() + 5
    os.utime(tmp_path / "graph.nt", (later, later))
    assert "run `kg load`" in build_target(tmp_path)[1]


def test_a_bad_line_in_a_later_chunk_is_named_by_its_line_in_the_file(tmp_path, monkeypatch):
    import kg.store.embedded as embedded

    monkeypatch.setattr(embedded, "BULK_CHUNK_LINES", 2)
    good = "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(5))
    (tmp_path / "bad.nt").write_text(good + "<http://example.org/broken> .\n")
    with pytest.raises(InputError, match="bad.nt.*line 6, column"):
        load_store(tmp_path / "bad.nt", tmp_path / "store")
    (tmp_path / "good.nt").write_text(good)
    assert load_store(tmp_path / "good.nt", tmp_path / "store") == 5
