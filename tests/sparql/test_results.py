"""kg.results: the output formats of query rows."""
from __future__ import annotations

import csv
import io
import json

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, parse_query_results

from kg.errors import UnknownChoiceError
from kg.results import TABLE_CELL_WIDTH, Rows, output_format_names, render

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = Rows(["work", "title", "n"], [
    (NamedNode("https://pubmed.ncbi.nlm.nih.gov/1/"), Literal('Pain, "stress"\tand\nsleep'),
     Literal("3", datatype=NamedNode(XSD + "integer"))),
    (BlankNode("b0"), Literal("douleur", language="fr"), None),
])


def test_formats_are_a_registry_with_the_four_formats():
    assert output_format_names() == ["table", "csv", "tsv", "json"]
    with pytest.raises(UnknownChoiceError, match="table, csv, tsv, json"):
        render(ROWS, "xml")


def test_json_is_sparql_results_json_and_lossless():
    text = render(ROWS, "json")
    assert json.loads(text)["head"] == {"vars": ["work", "title", "n"]}
    parsed = list(parse_query_results(text, QueryResultsFormat.JSON))
    assert parsed[0]["work"] == ROWS.rows[0][0]
    assert parsed[0]["title"] == ROWS.rows[0][1]
    assert parsed[0]["n"] == ROWS.rows[0][2]
    assert parsed[1]["title"] == Literal("douleur", language="fr")
    assert parsed[1]["n"] is None


def test_csv_holds_plain_values_with_quoting():
    table = list(csv.reader(io.StringIO(render(ROWS, "csv"))))
    assert table == [["work", "title", "n"],
                     ["https://pubmed.ncbi.nlm.nih.gov/1/", 'Pain, "stress"\tand\nsleep', "3"],
                     ["_:b0", "douleur", ""]]


def test_tsv_is_one_line_per_row_with_escapes():
    lines = render(ROWS, "tsv").splitlines()
    assert lines == ["work\ttitle\tn",
                     'https://pubmed.ncbi.nlm.nih.gov/1/\tPain, "stress"\\tand\\nsleep\t3',
                     "_:b0\tdouleur\t"]


def test_table_aligns_shortens_and_counts():
    long = Rows(["text"], [(Literal("x" * 200),), (Literal("short"),)])
    lines = render(long, "table").splitlines()
    assert lines[0] == "text"
    assert lines[2] == "x" * (TABLE_CELL_WIDTH - 1) + "…"
    assert lines[3] == "short"
    assert lines[-1] == "(2 rows)"
    assert render(ROWS, "table").splitlines()[2].split(" | ")[1].startswith('Pain, "stress" and sleep')
