"""The query, queries, load, serve and validate commands."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time

from click.testing import CliRunner

from kg.cli import main
from kg.query import shipped_names
from kg.store.server import free_port


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_query_prints_csv_rows_from_the_store(seed_out):
    result = run("query", "citing-papers", "--out", str(seed_out), "--param", "pmid=22110947", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(row["citing_pmid"] for row in rows) == ["23629594", "36683836", "38337486", "39382317"]


def test_query_json_and_in_memory_graph_without_a_store(seed_out, tmp_path):
    shutil.copy(seed_out / "graph.nt", tmp_path / "graph.nt")
    result = run("query", "most-cited", "--out", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert bindings[0]["pmid"]["value"] == "22110947"
    assert bindings[0]["cited_by"] == {"type": "literal", "value": "4",
                                       "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_query_list_and_queries_show_every_shipped_query():
    listed = run("query", "--list")
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.output.splitlines()] == shipped_names()
    verbose = run("queries", "-v")
    assert "--param pmid (string) = 22110947" in verbose.output
    assert "citing-papers" in run("query", "--help").output


def test_query_errors_are_one_line_and_exit_1(seed_out, tmp_path):
    unknown = run("query", "no-such", "--out", str(seed_out))
    assert unknown.exit_code == 1
    assert "unknown query 'no-such'; choose one of: " in unknown.output and "citing-papers" in unknown.output
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?x = )\n}\n")
    broken = run("query", str(bad), "--out", str(seed_out))
    assert broken.exit_code == 1
    assert f"Error: {bad}:3:3: SPARQL syntax error near 'FILTER(?x = )'" in broken.output
    param = run("query", "citing-papers", "--out", str(seed_out), "--param", "no-equals-sign")
    assert param.exit_code == 2 and "write NAME=VALUE" in param.output
    wrong = run("query", "citing-papers", "--out", str(seed_out), "--param", "year=2012")
    assert wrong.exit_code == 1 and "choose one of: pmid" in wrong.output
    empty = run("query", "citing-papers", "--out", str(tmp_path))
    assert empty.exit_code == 1 and "neither store/ nor graph.nt" in empty.output


def test_load_then_query_the_embedded_store(seed_out, tmp_path):
    shutil.copy(seed_out / "graph.nt", tmp_path / "graph.nt")
    loaded = run("load", "--out", str(tmp_path))
    lines = sum(1 for _ in open(tmp_path / "graph.nt", encoding="utf-8"))
    assert loaded.exit_code == 0 and f"Loaded {lines} triples" in loaded.output
    assert (tmp_path / "store").is_dir()
    result = run("query", "citing-papers", "--out", str(tmp_path), "--format", "tsv")
    assert result.output.count("\n") == 5  # header and four citing papers


def test_serve_answers_sparql_over_http_until_stopped(seed_out):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--out", str(seed_out), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert "SPARQL endpoint: http://127.0.0.1:" in process.stdout.readline()
        url = f"http://127.0.0.1:{port}"
        result = run("query", "citing-papers", "--endpoint", url, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert len(list(csv.DictReader(io.StringIO(result.output)))) == 4
        refused = run("load", str(seed_out / "graph.nt"), "--endpoint", url, "-q")
        assert refused.exit_code == 1 and "refused" in refused.output  # read-only unless --writable
    finally:
        process.terminate()
        process.wait(10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and run("query", "papers-per-year", "--endpoint", url).exit_code == 0:
        time.sleep(0.1)
    assert "cannot reach the store" in run("query", "papers-per-year", "--endpoint", url).output


def test_validate_reports_conformance_and_violations(seed_out, tmp_path):
    ok = run("validate", str(seed_out / "graph.nt"))
    assert ok.exit_code == 0 and "conforms" in ok.output
    broken = tmp_path / "broken.nt"  # a work with no study design and no source file
    broken.write_text('<https://pubmed.ncbi.nlm.nih.gov/1/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
                      '<http://purl.org/spar/fabio/JournalArticle> .\n'
                      '<https://pubmed.ncbi.nlm.nih.gov/1/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
                      '<https://w3id.org/kg/vocab#Paper> .\n'
                      '<https://pubmed.ncbi.nlm.nih.gov/1/> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n',
                      encoding="utf-8")
    bad = run("validate", str(broken), "--max", "1")
    assert bad.exit_code == 1
    assert bad.output.startswith("Violation: https://pubmed.ncbi.nlm.nih.gov/1/ https://w3id.org/kg/vocab#sourceFile")
    assert "does not conform: 2 violation(s), 1 not shown." in bad.output
