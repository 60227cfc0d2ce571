"""The paper-summary reader on the seed summary and on summaries written here."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.constants import (
    SECTION_ABSTRACT,
    SECTION_BODY,
    SECTION_CONTRIBUTION,
    SECTION_KEY_FINDING,
    SECTION_TLDR,
)
from kg.errors import InputError
from kg.records import Document, EntityLink
from kg.sources.boilerplate import is_boilerplate
from kg.sources.paper_summary import PaperSummaryReader, parse_summary

SEEDS = Path(__file__).parents[2] / "seeds"
SUMMARY = SEEDS / "002_3dd905666b6a3e17.txt"
PAGE = SEEDS / "000_ea24b7b8f5827cdc.txt"


def read_one(path: Path) -> Document:
    documents = list(PaperSummaryReader().read(path, str(path)))
    assert len(documents) == 1
    assert isinstance(documents[0], Document)
    return documents[0]


def parse(text: str) -> Document:
    return parse_summary(text, "summary.md")


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_one(SUMMARY)


def test_seed_header(seed: Document) -> None:
    work = seed.work
    assert work.title == (
        "Fibromyalgia: functional, autoimmune or both? Treatment options for drug-resistant fibromyalgia"
    )
    assert work.authors == ("C. P. Desport", "D. O. Martins", "J. R. Freitas", "L. C. de Castro")
    assert work.doi == "10.1192/j.eurpsy.2024.1349"
    assert work.pmcid == "PMC11859801"  # only in the Source URL
    assert work.pmid == ""
    assert (work.date, work.year) == ("2024-08-27", 2024)
    assert work.entities == (EntityLink("fibromyalgia", "MONDO:0005546", "Diseases"),)
    assert seed.reader == "paper-summary"
    assert seed.source_file == str(SUMMARY)
    assert seed.references == seed.cited_by == seed.similar == ()


def test_seed_sections(seed: Document) -> None:
    sections = seed.work.sections
    assert [s.section for s in sections] == [
        SECTION_TLDR,
        SECTION_CONTRIBUTION,
        SECTION_KEY_FINDING,
        SECTION_KEY_FINDING,
        SECTION_KEY_FINDING,
        SECTION_ABSTRACT,
    ]
    assert sections[0].text == (
        "This paper reviews the possible causes and treatment options for fibromyalgia, a complex and"
        " debilitating condition that is often resistant to standard treatments."
    )
    assert sections[0].heading == "TL;DR"
    assert sections[1].text == (
        "The paper provides an updated review of fibromyalgia's pathophysiology and treatment, focusing on"
        " drug-resistant cases."
    )
    assert [s.text for s in sections[2:5]] == [
        "Psychological factors like stress and abuse history are linked to fibromyalgia.",
        "Immune-inflammatory system dysregulation may contribute to fibromyalgia.",
        "Treatments like neuromodulation and aerobic exercise may help reduce symptoms and improve quality"
        " of life.",
    ]


def test_seed_abstract_paragraphs_without_declaration(seed: Document) -> None:
    abstract = seed.work.sections[-1]
    paragraphs = abstract.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("fibromyalgia is a modern disease, with growing investigation")
    assert paragraphs[2] == (
        "bibliographical search in PubMed database, using the key-words \u201cfibromyalgia\u201d and"
        " \u201cpsychiatry\u201d, limited to works published in the last 10 years."
    )
    assert paragraphs[-1].endswith("and in improving fatigue and in a lesser degree sleep.")
    assert "None Declared" not in abstract.text
    text = SUMMARY.read_text(encoding="utf-8")
    for paragraph in paragraphs:
        assert paragraph in text


SUMMARY_TEXT = """\
# Sleep and pain in fibromyalgia

**Authors:** A. Author; B. Writer and C. Third

2021-03 · PMID: 33333333 · DOI: https://doi.org/10.1000/ABC.1 · PMC7654321

## TL;DR

Short summary.
Second line of it.

## Key findings

- Poor sleep predicts pain,
  the next day.
* Pain predicts poor sleep.

## Methods in brief

A diary study.

## Abstract

Background paragraph.

Results paragraph.

Conflict of interest: the authors received consulting fees from nobody.

Copyright \u00a9 2021 The Authors.

## Linked entities

- **Diseases:** fibromyalgia (MONDO:0005546), sleep disorder, unspecified (MONDO:0005200)
- **Phenotypes:** pain (HP:0012531); fatigue (HP:0012378)
- **Chemicals:** amine oxidase (copper-containing) (MESH:D006631)

---
Source: https://tomesphere.com/paper/PMC0000001
"""


def test_header_in_any_order_and_header_wins_over_source_url() -> None:
    work = parse(SUMMARY_TEXT).work
    assert work.authors == ("A. Author", "B. Writer", "C. Third")
    assert (work.pmid, work.pmcid, work.doi) == ("33333333", "PMC7654321", "10.1000/abc.1")
    assert (work.date, work.year) == ("2021-03", 2021)


def test_sections_of_written_summary() -> None:
    sections = parse(SUMMARY_TEXT).work.sections
    assert [(s.section, s.heading, s.text) for s in sections] == [
        (SECTION_TLDR, "TL;DR", "Short summary.\nSecond line of it."),
        (SECTION_KEY_FINDING, "Key findings", "Poor sleep predicts pain,\n  the next day."),
        (SECTION_KEY_FINDING, "Key findings", "Pain predicts poor sleep."),
        (SECTION_BODY, "Methods in brief", "A diary study."),
        (SECTION_ABSTRACT, "Abstract", "Background paragraph.\n\nResults paragraph."),
    ]


def test_several_entity_categories() -> None:
    assert parse(SUMMARY_TEXT).work.entities == (
        EntityLink("fibromyalgia", "MONDO:0005546", "Diseases"),
        EntityLink("sleep disorder, unspecified", "MONDO:0005200", "Diseases"),
        EntityLink("pain", "HP:0012531", "Phenotypes"),
        EntityLink("fatigue", "HP:0012378", "Phenotypes"),
        EntityLink("amine oxidase (copper-containing)", "MESH:D006631", "Chemicals"),
    )


def test_pmc_id_only_in_source_url() -> None:
    text = "# A title\n\n**Authors:** X. Y\n\nPMC \u00b7 2020\n\n## TL;DR\n\nT.\n\n---\nSource: https://example.org/paper/PMC42\n"
    work = parse(text).work
    assert (work.pmcid, work.date, work.year, work.doi) == ("PMC42", "2020", 2020, "")
    assert [s.text for s in work.sections] == ["T."]


def test_footer_is_not_section_text() -> None:
    sections = parse(SUMMARY_TEXT).work.sections
    assert all("Source:" not in s.text and "---" not in s.text for s in sections)


def test_no_title_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "untitled.md"
    path.write_text("**Authors:** A. B\n\n## TL;DR\n\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_one(path)
    assert caught.value.path == str(path)


def test_sniff() -> None:
    reader = PaperSummaryReader()
    assert reader.sniff(SUMMARY.read_text(encoding="utf-8"))
    assert reader.sniff("# T\n\n## Key findings\n\n- x\n")
    assert not reader.sniff(PAGE.read_text(encoding="utf-8"))
    assert not reader.sniff("# Just a README\n\nSome text.\n\n## Installation\n")
    assert not reader.sniff("PMID- 1\nTI  - Title\n")


@pytest.mark.parametrize(
    "paragraph",
    [
        "None Declared",
        "None declared.",
        "Disclosure of Interest: None Declared",
        "Conflicts of interest: The authors have nothing to disclose.",
        "The authors declare no competing interests.",
        "No conflicts of interest.",
        "\u00a9 2012 The Authors.",
        "Copyright 2020 Elsevier Inc. All rights reserved.",
    ],
)
def test_declarations_are_boilerplate(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Conflicts of interest are common in industry-funded research on fibromyalgia.",
        "None of the patients declared adverse events.",
        "Funding sources varied between trials and were declared in 12 of 30 studies, which shows "
        + "that reporting is incomplete. " * 10,
        "Exercise reduced pain.",
    ],
)
def test_content_is_not_boilerplate(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)
