"""N-Triples terms: any text survives a round trip through both RDF libraries."""
from __future__ import annotations

import io

import pyoxigraph
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from kg.export import terms as t

# N-Triples carries any Unicode scalar value; surrogates cannot be encoded at all.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(TEXT)
def test_text_literal_round_trips(value):
    line = f"<http://e.org/s> <http://e.org/p> {t.text(value)} .\n"
    (triple,) = list(pyoxigraph.parse(io.BytesIO(line.encode("utf-8")), pyoxigraph.RdfFormat.N_TRIPLES))
    assert triple.object.value == value
    (row,) = rdflib.Graph().parse(data=line, format="nt")
    assert str(row[2]) == value


def test_literal_forms_are_canonical():
    assert t.decimal(0.4) == f'"0.4"^^{t.XSD.decimal}'
    assert t.decimal(1) == f'"1.0"^^{t.XSD.decimal}'
    assert t.date("2016-08") == f'"2016-08"^^{t.XSD.gYearMonth}'
    assert t.date("Aug 2016") is None
    assert t.year(999) == f'"0999"^^{t.XSD.gYear}'
