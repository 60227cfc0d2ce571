"""Query results as rows of RDF terms, and the output formats that print them.

Formats: ``table`` (aligned text for people; long values are shortened), ``csv``
(the SPARQL 1.1 CSV results format: plain values), ``tsv`` (plain values, one row
per line; tab, newline and backslash inside a value written as ``\\t``, ``\\n``,
``\\\\``) and ``json`` (the SPARQL 1.1 JSON results format, lossless).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Callable, Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from kg.errors import UnknownChoiceError

Term = NamedNode | BlankNode | Literal | Triple

TABLE_CELL_WIDTH = 72
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class Rows:
    """Variables in projection order and one tuple of terms (None: unbound) per row."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Term | None]:
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def values(self, name: str) -> list[str]:
        """The plain values of one column ("" when unbound)."""
        return [plain(term) for term in self.column(name)]

    def dicts(self) -> list[dict[str, str]]:
        """Each row as ``{variable: plain value}``, unbound variables left out."""
        return [{v: plain(t) for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows]

    @classmethod
    def from_result(cls, result: QuerySolutions | QueryBoolean | Iterable[Triple]) -> Rows:
        """Rows from any pyoxigraph query result (SELECT, ASK, CONSTRUCT/DESCRIBE)."""
        if isinstance(result, QueryBoolean):
            return cls(["boolean"], [(Literal("true" if bool(result) else "false",
                                              datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),)])
        if isinstance(result, QuerySolutions):
            variables = [v.value for v in result.variables]
            return cls(variables, [tuple(solution[v] for v in variables) for solution in result])
        return cls(["subject", "predicate", "object"],
                   [(t.subject, t.predicate, t.object) for t in result])


def plain(term: Term | None) -> str:
    """A term's value as people read it: IRI, literal value, ``_:id``; "" when unbound."""
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return f"<< {plain(term.subject)} {plain(term.predicate)} {plain(term.object)} >>"
    return term.value


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
        out["datatype"] = term.datatype.value
    return out


def to_json(rows: Rows) -> str:
    bindings = [{v: _json_term(t) for v, t in zip(rows.variables, row, strict=True) if t is not None} for row in rows.rows]
    return json.dumps({"head": {"vars": rows.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: Rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.variables)
    writer.writerows([plain(t) for t in row] for row in rows.rows)
    return out.getvalue()


def _tsv_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(rows: Rows) -> str:
    lines = ["\t".join(rows.variables)]
    lines += ["\t".join(_tsv_cell(plain(t)) for t in row) for row in rows.rows]
    return "\n".join(lines) + "\n"


def _cell(term: Term | None, width: int) -> str:
    value = " ".join(plain(term).split())
    return value if len(value) <= width else value[: width - 1] + "…"


def to_table(rows: Rows, width: int = TABLE_CELL_WIDTH) -> str:
    cells = [[_cell(t, width) for t in row] for row in rows.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(rows.variables)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(rows.variables, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str
    render: Callable[[Rows], str]


OUTPUT_FORMATS: list[OutputFormat] = [
    OutputFormat("table", f"aligned columns for reading; values longer than {TABLE_CELL_WIDTH} characters shortened",
                 to_table),
    OutputFormat("csv", "SPARQL 1.1 CSV results: plain values, RFC 4180 quoting", to_csv),
    OutputFormat("tsv", "plain values, one row per line; tab/newline/backslash escaped as \\t \\n \\\\", to_tsv),
    OutputFormat("json", "SPARQL 1.1 JSON results (lossless: term types, datatypes, languages)", to_json),
]


def output_format_names() -> list[str]:
    return [f.name for f in OUTPUT_FORMATS]


def get_output_format(name: str) -> OutputFormat:
    for fmt in OUTPUT_FORMATS:
        if fmt.name == name:
            return fmt
    raise UnknownChoiceError("output format", name, output_format_names())


def render(rows: Rows, format_name: str = "table") -> str:
    """``rows`` in the named output format."""
    return get_output_format(format_name).render(rows)
