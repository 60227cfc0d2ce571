"""`kg build` and `kg formats` through click's CliRunner."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.constants import OUT_CLAIMS, OUT_HTML, OUT_JSONLD, OUT_NTRIPLES, OUT_TURTLE
from kg.export.trig import OUT_TRIG

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

ALL_OUTPUTS = (OUT_TURTLE, OUT_NTRIPLES, OUT_JSONLD, OUT_TRIG, OUT_HTML, OUT_CLAIMS)


def test_build_writes_every_output_and_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ALL_OUTPUTS:
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert "papers: 2" in " ".join(result.output.split())
    assert "cited works: 13" in " ".join(result.output.split())
    assert "triples" in result.output


def test_bad_inputs_are_reported_and_the_rest_still_builds(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, inputs / seed.name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.dat").write_bytes(bytes(range(256)) * 4)
    (inputs / "notes.txt").write_text("Just some notes about my day.\nNothing bibliographic.\n")
    (inputs / "latin1.txt").write_bytes((SEEDS / "000_ea24b7b8f5827cdc.txt").read_bytes().replace(
        "Söderberg".encode(), "Söderberg".encode("latin-1")))
    truncated = (SEEDS / "000_ea24b7b8f5827cdc.txt").read_text()[:40]
    (inputs / "truncated.txt").write_text(truncated)
    result = CliRunner().invoke(main, ["build", str(inputs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("problem:")]
    assert len(lines) == 5, result.output
    for name, reason in (("empty.txt", "empty"), ("binary.dat", "binary"), ("notes.txt", "unknown format"),
                         ("latin1.txt", "not UTF-8"), ("truncated.txt", "")):
        assert any(name in line and reason in line for line in lines), (name, lines)
    assert "line " in next(line for line in lines if "latin1.txt" in line)
    summary = " ".join(result.output.split())
    assert "papers: 2" in summary
    assert (tmp_path / "out" / OUT_TURTLE).exists()


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope.xml"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_formats_lists_every_reader():
    from kg.sources import READERS

    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 0
    for reader in READERS:
        assert reader.name in result.output


def test_wrong_format_choice_lists_the_choices(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2
    assert "turtle" in result.output and "claims" in result.output


def test_committed_outputs_are_rebuilt_byte_for_byte(tmp_path, monkeypatch):
    """output/ holds the seed build; a rebuild must give the same bytes (determinism)."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    for name in ALL_OUTPUTS:
        committed = ROOT / "output" / name
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), f"output/{name} differs: run `kg build`"


def test_unknown_html_focus_stops_before_writing_anything(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path / "o"),
                                       "--html-focus", "psychological stres"])
    assert result.exit_code == 1
    assert "psychological stress" in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").glob("graph.*"))


def test_build_with_store_loads_the_embedded_store_that_query_then_uses(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--format", "claims", "--store"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [OUT_CLAIMS, "store"]
    assert "loaded the store" in result.output
    query = CliRunner().invoke(main, ["query", "citing-papers", "--out", str(out), "--param", "pmid=22110947",
                                      "--format", "csv"])
    assert query.exit_code == 0, query.output
    assert "warning" not in query.output  # the store is not older than graph.nt
    assert len(query.output.strip().splitlines()) == 5  # header and the 4 citing papers
