"""kg.query: query files, parameters bound as RDF terms, syntax errors with their place."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.errors import QueryError, UnknownChoiceError
from kg.query import (
    QUERY_DIR,
    _where_group_start,
    bind,
    load_query,
    parse_query,
    run_query,
    shipped_names,
    shipped_queries,
)
from kg.store.embedded import StoreTarget

ECHO = """# question: What value was bound?
# param: value = default text  -- any text
# row: the bound value and its length.
SELECT ?value ?length WHERE { BIND(STRLEN(?value) AS ?length) }
"""

CITES = """# question: Which works cite the work with this id?
# param: pmid = 1
# row: a citing work.
PREFIX ex: <http://example.org/>
SELECT ?citing WHERE { ?cited ex:pmid ?pmid . ?citing ex:cites ?cited }
"""

HOSTILE = [
    'a"b',
    '"} UNION { ?s ?p ?o } #',
    "1\" } UNION { ?citing ?p ?o } #",
    "'''\"\"\"",
    "}} UNION {{",
    "\\u0022 } UNION {",
    "line\nbreak\ttab\\backslash",
    "<http://example.org/x>",
    "?value",
    "é ∑ 🙂",
]


def query_from(tmp_path: Path, text: str, name: str = "q.rq"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_query(path)


@pytest.fixture()
def cites_store() -> StoreTarget:
    store = Store()
    ex = "http://example.org/"
    for work, pmid in (("a", "1"), ("b", "2"), ("c", "3")):
        store.add(Quad(NamedNode(ex + work), NamedNode(ex + "pmid"), Literal(pmid)))
    store.add(Quad(NamedNode(ex + "b"), NamedNode(ex + "cites"), NamedNode(ex + "a")))
    store.add(Quad(NamedNode(ex + "c"), NamedNode(ex + "cites"), NamedNode(ex + "b")))
    return StoreTarget(store)


def test_at_least_twelve_shipped_queries_each_describing_itself():
    queries = shipped_queries()
    assert len(queries) >= 12
    assert [q.name for q in queries] == shipped_names()
    for q in queries:
        assert q.question.endswith("?"), q.name
        assert len(q.row) > 20, q.name
        for param in q.params:
            assert param.default is not None, f"{q.name}: {param.name} needs a default"


def test_queries_directory_is_the_repository_queries_folder():
    assert (QUERY_DIR.parents[1] / "queries").resolve() == QUERY_DIR.resolve()


def test_header_params_types_defaults_and_continuations(tmp_path):
    query = query_from(tmp_path, """# question: Which things
#   span two lines?
# param: label = pain  -- a label,
#   continued here
# param: ?limit (integer) = 3
# param: node (iri)
# row: one thing.
SELECT * WHERE { ?x ?p ?label . ?x ?q ?limit . ?x ?r ?node }
""")
    assert query.question == "Which things span two lines?"
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("label", "string", "pain"), ("limit", "integer", "3"), ("node", "iri", None)]
    assert query.params[0].description == "a label, continued here"
    with pytest.raises(QueryError, match="needs --param node"):
        bind(query)


def test_values_are_typed_terms(tmp_path):
    query = query_from(tmp_path, """# param: n (integer) = 7
# param: d (decimal) = 0.5
# param: b (boolean) = true
# param: i (iri) = http://example.org/x
SELECT ?n ?d ?b ?i WHERE { }
""")
    rows = run_query(query, StoreTarget(Store()), {"n": " 12 "})
    assert rows.rows[0] == (
        Literal("12", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        Literal("0.5", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        NamedNode("http://example.org/x"))
    with pytest.raises(QueryError, match="not a valid integer"):
        bind(query, {"n": "7 } UNION {"})
    with pytest.raises(QueryError, match="not a valid iri"):
        bind(query, {"i": "http://example.org/> } UNION { <x"})


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_stays_one_literal(tmp_path, value):
    rows = run_query(query_from(tmp_path, ECHO), StoreTarget(Store()), {"value": value})
    assert len(rows) == 1
    assert rows.rows[0][0] == Literal(value)
    assert rows.values("length") == [str(len(value))]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_as_a_value(value):
    query = parse_query(ECHO, Path("echo.rq"))
    rows = run_query(query, StoreTarget(Store()), {"value": value})
    assert rows.rows == [(Literal(value), Literal(str(len(value)), datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))]


def test_an_injection_attempt_matches_nothing_instead_of_everything(tmp_path, cites_store):
    query = query_from(tmp_path, CITES)
    assert run_query(query, cites_store, {"pmid": "1"}).values("citing") == ["http://example.org/b"]
    assert run_query(query, cites_store, {"pmid": '1" } UNION { ?citing ?p ?o } #'}).rows == []


@pytest.mark.parametrize("text, expected", [
    ('SELECT ?x WHERE { ?x ?p "WHERE {" }', 'SELECT ?x WHERE {'),
    ("# WHERE { in a comment\nSELECT * WHERE { ?x ?p ?o }", "SELECT * WHERE {"),
    ("SELECT * { ?x ?p ?o }", "SELECT * {"),
    ("ASK { ?x ?p ?o }", "ASK {"),
    ("PREFIX w: <http://x/where#>\nCONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE {"),
    ("SELECT ?where WHERE { { SELECT ?x WHERE { ?x ?p ?where } } }", "SELECT ?where WHERE {"),
])
def test_values_go_into_the_outermost_where_group(text, expected):
    position = _where_group_start(text)
    assert position is not None
    assert text[:position].rstrip().endswith(expected)


def test_binding_reaches_a_query_with_a_subquery(tmp_path, cites_store):
    query = query_from(tmp_path, """# param: pmid = 1
PREFIX ex: <http://example.org/>
SELECT ?cited ?n WHERE {
  { SELECT ?cited (COUNT(?citing) AS ?n) WHERE { ?citing ex:cites ?cited } GROUP BY ?cited }
  ?cited ex:pmid ?pmid .
}
""")
    rows = run_query(query, cites_store, {"pmid": "2"})
    assert rows.dicts() == [{"cited": "http://example.org/b", "n": "1"}]


def test_unused_parameter_is_a_defect(tmp_path):
    with pytest.raises(QueryError, match="declared but"):
        query_from(tmp_path, "# param: ghost = 1\nSELECT * WHERE { ?s ?p ?o }\n")


def test_syntax_error_names_file_line_and_column(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# question: Broken?\nSELECT ?x\nWHERE {\n  ?x ?p \n}\n", encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        load_query(path)
    assert str(caught.value).startswith(f"{path}:4:3: SPARQL syntax error near '?x ?p': expected")


def test_syntax_error_place_is_the_failing_clause_not_the_end_of_the_text(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?x = )\n}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken.rq:3:3: SPARQL syntax error near 'FILTER\(\?x = \)'"):
        load_query(path)


def test_unknown_query_and_parameter_list_the_choices(tmp_path):
    with pytest.raises(UnknownChoiceError) as caught:
        load_query("no-such-query")
    assert "citing-papers" in str(caught.value)
    with pytest.raises(QueryError, match="no such query file"):
        load_query(tmp_path / "missing.rq")
    with pytest.raises(UnknownChoiceError, match="choose one of: pmid"):
        bind(load_query("citing-papers"), {"pimd": "1"})


def test_the_readme_lists_every_shipped_query():
    readme = (QUERY_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Queries and triple stores", 1)[1].split("\n## ", 1)[0]
    for query in shipped_queries():
        assert f"| `{query.name}` | {query.question} |" in section, query.name
