"""The build pipeline: the same result whatever --jobs is, and with or without the cache."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg.export import write_outputs
from kg.pipeline import build_graph, iter_facts

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _outputs(graph, out: Path) -> dict[str, bytes]:
    write_outputs(graph, out, ["ntriples", "claims"])
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_jobs_do_not_change_the_output(tmp_path):
    one = build_graph([str(SEEDS)], jobs=1)
    two = build_graph([str(SEEDS)], jobs=2)
    assert _outputs(one.graph, tmp_path / "one") == _outputs(two.graph, tmp_path / "two")


def test_cache_gives_the_same_graph_and_skips_unchanged_files(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    cache = tmp_path / "cache"
    first = build_graph([str(inputs)], cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 2

    read = []
    import kg.pipeline as pipeline

    original = pipeline.read_documents
    monkeypatch.setattr(pipeline, "read_documents", lambda source: read.append(source) or original(source))
    second = build_graph([str(inputs)], cache_dir=cache)
    assert read == []
    assert _outputs(first.graph, tmp_path / "a") == _outputs(second.graph, tmp_path / "b")

    page = next(inputs.glob("000_*"))
    page.write_text(page.read_text().replace("A mechanism-based approach", "A mechanistic approach", 1))
    build_graph([str(inputs)], cache_dir=cache)
    assert read == [str(page)]


def test_facts_stream_in_input_order_with_problems_in_place(tmp_path):
    (tmp_path / "a_empty.txt").write_text("")
    shutil.copy(next(SEEDS.glob("000_*")), tmp_path / "b_page.txt")
    items = list(iter_facts([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == ["InputError", "DocumentFacts"]
