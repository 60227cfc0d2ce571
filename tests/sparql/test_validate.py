"""SHACL shapes: the seed graph conforms; a broken graph's violations are reported."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.shapes import SHAPES_FILE
from kg.validate import validate_file

PROV = "http://www.w3.org/ns/prov#"
KG = "https://w3id.org/kg/vocab#"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.fixture(scope="module")
def seed_lines(seed_out) -> list[str]:
    return (seed_out / "graph.nt").read_text(encoding="utf-8").splitlines(keepends=True)


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "broken.nt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def first_subject(lines: list[str], predicate: str) -> str:
    return next(line.split(" ", 1)[0] for line in lines if f" <{predicate}> " in line)


def test_shapes_ship_in_the_package():
    assert SHAPES_FILE.is_file() and SHAPES_FILE.parent.name == "shapes"


def test_the_seed_graph_conforms_as_trig(seed_out):
    report = validate_file(seed_out / "graph.trig")  # graph.nt: see test_cli_query.py
    assert report.conforms, [str(v) for v in report.violations[:5]]


def test_each_break_in_the_graph_is_reported(seed_lines, tmp_path):
    """One graph broken in four ways (one validation: pySHACL takes seconds per run)."""
    unquoted = first_subject(seed_lines, f"{PROV}wasQuotedFrom")
    moved = next(s for s in (line.split(" ", 1)[0] for line in seed_lines if f" <{KG}start> " in line)
                 if s != unquoted)
    pain = "<http://id.nlm.nih.gov/mesh/D010146>"
    direct = next(line for line in seed_lines if " <https://w3id.org/biolink/vocab/contributes_to> " in line)

    def broken(line: str) -> str | None:
        if line.startswith(f"{unquoted} <{PROV}wasQuotedFrom>") or line.startswith(f"{pain} {LABEL}") or line == direct:
            return None
        if line.startswith(f"{moved} <{KG}start> "):
            return re.sub(r'"(\d+)"', lambda m: f'"{int(m.group(1)) + 1}"', line)
        return line

    lines = [b for b in map(broken, seed_lines) if b is not None]
    assert len(lines) == len(seed_lines) - 3
    report = validate_file(write(tmp_path, lines))
    assert not report.conforms
    by_focus: dict[str, list[str]] = {}
    for v in report.violations:
        by_focus.setdefault(v.focus, []).append(f"{v.path} {v.message}")
    assert any(m.startswith(f"{PROV}wasQuotedFrom an evidence names the paper") for m in by_focus[unquoted.strip("<>")])
    assert any("every node has an rdfs:label" in m for m in by_focus[pain.strip("<>")])
    assert any("the sentence is the text between kg:start and kg:end" in m for m in by_focus[moved.strip("<>")])
    assert any("appears as its direct triple" in v.message for v in report.violations)


def test_an_unreadable_graph_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n")
    with pytest.raises(InputError, match="bad.nt"):
        validate_file(bad)
    with pytest.raises(InputError, match="unknown RDF file extension"):
        validate_file(tmp_path / "graph.xyz")
