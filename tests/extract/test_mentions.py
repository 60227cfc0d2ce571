"""Concept mentions: longest match, folding of case, plurals and spellings, abbreviations."""
from __future__ import annotations

from kg.extract.base import DocumentFacts, ExtractionConfig
from kg.extract.mentions import MentionExtractor
from kg.records import Document, TextSection, Work

FM = "MESH:D005356"
PAIN = "MESH:D010146"


def _mentions(text: str, title: str = "", **document) -> list[tuple[str, str]]:
    work = Work(title=title, sections=(TextSection("abstract", text),) if text else ())
    doc = Document("in.txt", work, **document)
    facts = DocumentFacts(doc)
    MentionExtractor(ExtractionConfig()).extract(doc, facts)
    for m in facts.mentions:
        section = list(doc.works()[m.work_index].text_sections())[m.section_index]
        assert section.text[m.start:m.end] == m.text
        assert m.concept_id in facts.concepts
    return [(m.text, m.concept_id) for m in facts.mentions]


def test_case_insensitive_longest_match_with_plurals():
    found = _mentions("Chronic Widespread Pain and PAINS, Oxidative Stresses and Fibromyalgia Syndromes.")
    assert found == [("Chronic Widespread Pain", "KG:chronic_widespread_pain"), ("PAINS", PAIN),
                     ("Oxidative Stresses", "MESH:D018384"), ("Fibromyalgia Syndromes", FM)]


def test_spelling_and_hyphen_variants():
    found = dict(_mentions("muscle ischaemia, small-fibre neuropathy, cognitive behavioural therapy and Tai-Chi"))
    assert found == {"muscle ischaemia": "KG:muscle_ischemia", "small-fibre neuropathy": "MESH:D000071075",
                     "cognitive behavioural therapy": "MESH:D015928", "Tai-Chi": "MESH:D026302"}


def test_abbreviations_are_case_sensitive_whole_words():
    assert _mentions("fm radio, a form of FMs") == [("FMs", FM)]
    assert _mentions("IL-6 and TNF-α rose") == [("IL-6", "MESH:D015850"), ("TNF-α", "MESH:D014409")]


def test_stop_phrases_block_a_shorter_synonym():
    assert _mentions("shear stress and respiratory depression, not stress") == [("stress", "MESH:D013315")]


def test_abbreviation_defined_in_the_text_counts_in_that_work_only():
    found = _mentions("Central sensitization (CeSe) is common; CeSe amplifies pain.",
                      similar=(Work(title="CeSe in migraine"),))
    assert found.count(("CeSe", "MESH:D059333")) == 2
    assert ("migraine", "MESH:D008881") in found and len([f for f in found if f[0] == "CeSe"]) == 2


def test_a_short_form_the_long_form_cannot_explain_is_ignored():
    assert [t for t, _ in _mentions("Central sensitization (XQ) again XQ.")] == ["Central sensitization"]


def test_every_work_and_section_is_searched():
    work = Work(title="Yoga for fibromyalgia", sections=(TextSection("abstract", "Pain fell."),
                                                           TextSection("tldr", "Sleep rose.")))
    doc = Document("in.txt", work, references=(Work(title="Duloxetine trial"),),
                   cited_by=(Work(title="Pregabalin review"),))
    facts = DocumentFacts(doc)
    MentionExtractor(ExtractionConfig()).extract(doc, facts)
    where = {(m.text, m.work_index, m.section_index) for m in facts.mentions}
    assert where == {("Yoga", 0, 0), ("fibromyalgia", 0, 0), ("Pain", 0, 1), ("Sleep", 0, 2),
                     ("Duloxetine", 1, 0), ("Pregabalin", 2, 0)}


def test_user_vocabulary_reaches_the_extractor(tmp_path):
    extra = tmp_path / "v.tsv"
    extra.write_text("id\tlabel\trole\tcategory\tvalence\tsynonyms\tabbreviations\n"
                     "KG:widget_therapy\twidget therapy\ttreatment\tbiolink:Procedure\t0\twidgeting\tWT\n")
    doc = Document("in.txt", Work(title="Widgeting and WT for pain"))
    facts = DocumentFacts(doc)
    MentionExtractor(ExtractionConfig(vocab_files=(str(extra),))).extract(doc, facts)
    assert [(m.text, m.concept_id) for m in facts.mentions] == [
        ("Widgeting", "KG:widget_therapy"), ("WT", "KG:widget_therapy"), ("pain", PAIN)]
