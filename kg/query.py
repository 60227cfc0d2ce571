"""SPARQL queries as files: load one by name or path, bind its parameters, run it.

A query file opens with comment lines that describe it::

    # question: Which treatments reduce a symptom or mechanism?
    # param: target = pain  -- label or synonym of the symptom, case-insensitive
    # param: min_papers (integer) = 1
    # row: one claim that a treatment lowers or treats the target.

``param`` lines declare SPARQL variables (``?target``) with a type (``string`` by
default; ``integer``, ``decimal``, ``boolean``, ``iri``) and a default; a param
without ``= default`` must be given. Continuation lines (``#`` followed by more
indentation) extend the previous field.

Values are bound as RDF terms: each becomes a serialized term in a ``VALUES``
block opening the query's outermost WHERE group, so a value holding quotes,
braces or ``} UNION {`` stays one literal. The same text runs on the embedded
store and over HTTP (see :mod:`kg.store`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping, Protocol

from pyoxigraph import Literal, NamedNode, Store

from kg.constants import NS_XSD
from kg.errors import QueryError, UnknownChoiceError
from kg.results import Rows

QUERY_DIR = Path(__file__).parent / "queries"
QUERY_SUFFIX = ".rq"

PARAM_TYPES = ("string", "integer", "decimal", "boolean", "iri")

_FIELD = re.compile(r"^#\s?(question|param|row)\s*:\s*(.*)$", re.IGNORECASE)
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(
    r"^\??(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<type>\w+)\))?\s*"
    r"(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$"
)
_ERROR_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
# Tokens that matter when looking for the WHERE group; everything else is skipped one char at a time.
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                   |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<where>(?<![\w?$:])WHERE(?![\w:]))
      | (?P<open>\{)
      | (?P<close>\})""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Param:
    """A parameter a query declares: a SPARQL variable bound from ``--param name=value``."""

    name: str
    type: str = "string"
    default: str | None = None  # None: the value must be given
    description: str = ""

    def term(self, value: str) -> Literal | NamedNode:
        """``value`` as an RDF term of this parameter's type (QueryError when it is not one)."""
        try:
            if self.type == "iri":
                return NamedNode(value)
            if self.type == "integer":
                return Literal(str(int(value.strip())), datatype=NamedNode(NS_XSD + "integer"))
            if self.type == "decimal":
                return Literal(str(Decimal(value.strip())), datatype=NamedNode(NS_XSD + "decimal"))
            if self.type == "boolean":
                flag = value.strip().lower()
                if flag not in ("true", "false"):
                    raise ValueError("expected true or false")
                return Literal(flag, datatype=NamedNode(NS_XSD + "boolean"))
            return Literal(value)
        except (ValueError, InvalidOperation) as exc:
            raise QueryError(f"parameter {self.name}: {value!r} is not a valid {self.type} ({exc})",
                             hint=f"give --param {self.name}=<{self.type}>") from exc


@dataclass(frozen=True)
class Query:
    """A SPARQL query file and what its opening comments say about it."""

    name: str
    path: Path
    text: str
    question: str = ""
    row: str = ""
    params: tuple[Param, ...] = ()

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise UnknownChoiceError(f"parameter of query {self.name}", name, [p.name for p in self.params])


class SparqlTarget(Protocol):
    """Where a query runs: the embedded store or an HTTP endpoint."""

    def execute(self, text: str) -> Rows:
        """Run a SPARQL query text; raise QueryError or StoreError."""
        ...


def shipped_queries() -> list[Query]:
    """Every query in the package's ``queries/`` directory, sorted by name."""
    return [load_query(path) for path in sorted(QUERY_DIR.glob(f"*{QUERY_SUFFIX}"))]


def shipped_names() -> list[str]:
    return sorted(path.stem for path in QUERY_DIR.glob(f"*{QUERY_SUFFIX}"))


def load_query(name_or_path: str | Path) -> Query:
    """A shipped query by name (``treatments-for``) or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if not path.is_file():
        if path.suffix == QUERY_SUFFIX or len(path.parts) > 1:
            raise QueryError(f"{name_or_path}: no such query file")
        if path.name not in shipped_names():
            raise UnknownChoiceError("query", path.name, shipped_names())
        path = QUERY_DIR / f"{path.name}{QUERY_SUFFIX}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query file: {exc}") from exc
    return parse_query(text, path)


def parse_query(text: str, path: Path) -> Query:
    """A query from its text: the header comments parsed, the SPARQL syntax checked."""
    fields: dict[str, list[str]] = {"question": [], "row": []}
    params: list[Param] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.rstrip()
        if not stripped.startswith("#"):
            if stripped.strip():
                break
            last = None
            continue
        match = _FIELD.match(stripped)
        if match:
            last = match.group(1).lower()
            if last == "param":
                params.append(_parse_param(match.group(2), path, number))
            else:
                fields[last].append(match.group(2).strip())
            continue
        more = _CONTINUATION.match(stripped)
        if more and last == "param":
            head = params[-1]
            params[-1] = Param(head.name, head.type, head.default,
                               f"{head.description} {more.group(1)}".strip())
        elif more and last:
            fields[last].append(more.group(1).strip())
        else:
            last = None
    query = Query(path.stem, path, text, " ".join(fields["question"]), " ".join(fields["row"]), tuple(params))
    check_syntax(query)
    body = _strip_comments(text)
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", body):
            raise QueryError(f"{path}: parameter {param.name} is declared but ?{param.name} is not used")
    if len({p.name for p in params}) != len(params):
        raise QueryError(f"{path}: a parameter is declared twice")
    return query


def _parse_param(spec: str, path: Path, line: int) -> Param:
    match = _PARAM.match(spec.strip())
    if not match:
        raise QueryError(f"{path}:{line}: cannot read parameter {spec!r}",
                         hint="write '# param: name (type) = default -- description'")
    kind = (match.group("type") or "string").lower()
    if kind not in PARAM_TYPES:
        raise QueryError(f"{path}:{line}: unknown parameter type {kind!r}; choose one of: {', '.join(PARAM_TYPES)}")
    param = Param(match.group("name"), kind, match.group("default"), (match.group("doc") or "").strip())
    if param.default is not None:
        param.term(param.default)  # a default must be a valid value
    return param


def _strip_comments(text: str) -> str:
    return _TOKEN.sub(lambda m: "" if m.group("comment") else m.group(0), text)


def check_syntax(query: Query) -> None:
    """Raise QueryError naming the file, line and column of a SPARQL syntax error."""
    try:
        Store().query(query.text)
    except SyntaxError as exc:
        raise syntax_error(query.path, exc, query.text) from exc


def syntax_error(path: Path | str, exc: SyntaxError, text: str = "") -> QueryError:
    """A QueryError ``FILE:LINE:COLUMN: message`` from a pyoxigraph syntax error.

    Oxigraph reports where its parser gave up, sometimes at the end of the text;
    rdflib's parser points at the clause that fails. The earlier place is reported,
    with the text found there."""
    message = str(exc)
    match = _ERROR_AT.match(message)
    if not match:
        return QueryError(f"{path}: SPARQL syntax error: {message}")
    line, column = int(match.group(1)), int(match.group(2))
    detail = " ".join(match.group(3).split())
    if len(detail) > 160:
        detail = detail[:157] + "..."
    if text:
        line, column = min((line, column), _rdflib_error_place(text) or (line, column))
        found = _text_at(text, line, column)
        if found:
            detail = f"near {found!r}: {detail}"
    return QueryError(f"{path}:{line}:{column}: SPARQL syntax error {detail}" if detail.startswith("near")
                      else f"{path}:{line}:{column}: SPARQL syntax error: {detail}")


def _rdflib_error_place(text: str) -> tuple[int, int] | None:
    """Where rdflib's SPARQL parser fails on ``text`` (line, column), or None."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseBaseException as exc:
        return exc.lineno, exc.col
    except Exception:  # noqa: BLE001 - any other rdflib failure tells nothing about the place
        return None
    return None


def _text_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    return lines[line - 1][column - 1:].strip()[:24]


def resolve_values(query: Query, values: Mapping[str, str]) -> dict[str, Literal | NamedNode]:
    """Every parameter's RDF term: the given value, else the default (QueryError when missing)."""
    for name in values:
        query.param(name)  # UnknownChoiceError for a parameter the query does not declare
    terms: dict[str, Literal | NamedNode] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            raise QueryError(f"query {query.name} needs --param {param.name}=<{param.type}>",
                             hint=param.description or f"run `kg query --list` to see {query.name}'s parameters")
        terms[param.name] = param.term(value)
    return terms


def bind(query: Query, values: Mapping[str, str] | None = None) -> str:
    """The query text with its parameters bound by a VALUES block (the text itself otherwise)."""
    terms = resolve_values(query, values or {})
    if not terms:
        return query.text
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    block = f" VALUES ({names}) {{ ({row}) }} "
    position = _where_group_start(query.text)
    if position is None:
        raise QueryError(f"{query.path}: no WHERE group to bind parameters in")
    return query.text[:position] + block + query.text[position:]


def _where_group_start(text: str) -> int | None:
    """The offset just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    first_open: int | None = None
    after_where = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            if depth == 0:
                if after_where:
                    return match.end()
                if first_open is None:
                    first_open = match.end()
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "where" and depth == 0:
            after_where = True
    return None if after_where else first_open


def run_query(query: Query, target: SparqlTarget, values: Mapping[str, str] | None = None) -> Rows:
    """Run ``query`` with its parameters bound and return its rows."""
    text = bind(query, values)
    return target.execute(text)
