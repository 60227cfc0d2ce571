"""Conversions in child oxigraph processes, their in-process fallback, and all-or-nothing outputs."""
from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat

from kg import export
from kg.constants import OUT_CLAIMS, OUT_NTRIPLES, OUT_TURTLE, PREFIXES
from kg.errors import OutputError
from kg.export import Exporter, write_outputs
from kg.export.base import ExportContext
from kg.export.convert import prefix_header, start_conversion
from kg.programs import oxigraph_program


def test_the_program_and_the_in_process_fallback_write_the_same_bytes(seed_build, tmp_path):
    assert oxigraph_program(), "the oxigraph package's program is a dependency"
    context = ExportContext(seed_build.graph, tmp_path)
    try:
        scratch = context.rdf
        for fmt in (RdfFormat.TURTLE, RdfFormat.JSON_LD):
            by_program, in_process = tmp_path / f"a.{fmt.file_extension}", tmp_path / f"b.{fmt.file_extension}"
            start_conversion(scratch.path, RdfFormat.TURTLE, by_program, fmt, PREFIXES).wait()
            start_conversion(scratch.path, RdfFormat.TURTLE, in_process, fmt, PREFIXES, program="").wait()
            assert by_program.read_bytes() == in_process.read_bytes() != b""
    finally:
        context.close()
    assert not list(tmp_path.glob(".graph-*")), "the scratch file is removed"


def test_the_scratch_file_is_turtle_with_prefixes_then_ntriples(seed_build, tmp_path):
    context = ExportContext(seed_build.graph, tmp_path)
    try:
        scratch = context.rdf
        data = scratch.path.read_bytes()
        assert data[:scratch.body_offset].decode() == prefix_header(PREFIXES)
        assert list(scratch.lines()) == (seed_build.out_dir / OUT_NTRIPLES).read_text(encoding="utf-8").splitlines(True)
        assert scratch.triples == seed_build.triples
    finally:
        context.close()


@pytest.mark.parametrize("program", [None, ""], ids=["oxigraph program", "in process"])
def test_a_failed_conversion_names_its_target_and_removes_its_scratch(tmp_path, program):
    source, scratch = tmp_path / "bad.ttl", tmp_path / "scratch.tmp"
    source.write_text("<a> <b> .\n", encoding="utf-8")  # no object
    scratch.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="out.jsonld"):
        start_conversion(source, RdfFormat.TURTLE, tmp_path / "out.jsonld", RdfFormat.JSON_LD,
                         scratch=(scratch,), program=program).wait()
    assert not scratch.exists()


def test_a_failing_output_leaves_every_previous_output_as_it_was(seed_build, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / OUT_TURTLE).write_text("previous turtle", encoding="utf-8")
    (out / OUT_CLAIMS).write_text("previous claims", encoding="utf-8")

    def fail(context, path):
        raise OutputError("disk full (simulated)")

    broken = [*export.EXPORTERS, Exporter("broken", "broken.txt", "always fails", fail)]
    monkeypatch.setattr(export, "EXPORTERS", broken)
    with pytest.raises(OutputError, match="simulated"):
        write_outputs(seed_build.graph, out)
    assert (out / OUT_TURTLE).read_text(encoding="utf-8") == "previous turtle"
    assert (out / OUT_CLAIMS).read_text(encoding="utf-8") == "previous claims"
    assert sorted(p.name for p in out.iterdir()) == [OUT_CLAIMS, OUT_TURTLE], "no temporary file is left"
