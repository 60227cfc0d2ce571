"""The MEDLINE text (PubMed format, .nbib) reader on real exports and hand-made edge cases.

Expected values were read off the text files themselves."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.constants import (
    SECTION_ABSTRACT,
    SECTION_BACKGROUND,
    SECTION_CONCLUSION,
    SECTION_METHODS,
    SECTION_RESULTS,
)
from kg.errors import InputError
from kg.records import Document, MeshHeading
from kg.sources import detect, read_documents
from kg.sources.medline_text import MedlineTextReader, mesh_heading
from kg.sources.mesh_labels import descriptor_id

DATA = Path(__file__).parents[1] / "data" / "medline_text"
FILES = sorted([*DATA.glob("*.txt"), *DATA.glob("*.nbib")])


def documents(path: Path) -> list[Document]:
    found = list(read_documents(str(path)))
    assert all(isinstance(item, Document) for item in found), [str(i) for i in found if isinstance(i, InputError)]
    return found  # type: ignore[return-value]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.nbib"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_real_files_are_detected(path: Path) -> None:
    assert detect(path).name == "medline-text"


def test_single_record_fields() -> None:
    (doc,) = documents(DATA / "biopython_pubmed_result1.txt")
    work = doc.work
    assert work.pmid == "12230038"
    assert work.title == "The Bio* toolkits--a brief overview."
    assert work.authors == ("Mangalam H",)
    assert work.journal == "Brief Bioinform"
    assert (work.year, work.date) == (2002, "2002-09")
    assert (work.volume, work.issue, work.pages) == ("3", "3", "296-302")
    assert work.publication_types == ("Journal Article",)
    assert work.publication_type_ids == ("D016428",)
    # the abstract's continuation lines are joined with single spaces
    (abstract,) = work.sections
    assert abstract.section == SECTION_ABSTRACT
    assert abstract.text.startswith("Bioinformatics research is often difficult to do with commercial software. The Open")
    assert abstract.text.endswith("particularly from the point of view of the beginning biologist programmer.")
    assert [m.label for m in work.mesh_headings] == [
        "Computational Biology",
        "Computer Systems",
        "Humans",
        "Internet",
        "Programming Languages",
        "Software",
        "User-Computer Interface",
    ]
    assert [m.major for m in work.mesh_headings] == [True, False, False, False, True, True, False]
    assert work.mesh_headings[2].descriptor_id == "D006801"  # Humans, resolved from its label


def test_four_records_ids_and_labelled_abstracts() -> None:
    docs = documents(DATA / "biopython_pubmed_result2.txt")
    assert [d.work.pmid for d in docs] == ["16403221", "16377612", "14871861", "14630660"]
    assert [len(d.work.authors) for d in docs] == [3, 4, 4, 2]
    assert [d.position for d in docs] == ["record 1", "record 2", "record 3", "record 4"]
    first, second = docs[0].work, docs[1].work
    assert first.pmcid == "PMC1373603"
    assert first.doi == "10.1186/1471-2105-7-10"  # from "AID - ... [doi]", not the [pii]
    assert [(s.heading, s.section) for s in first.sections] == [
        ("BACKGROUND", SECTION_BACKGROUND),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSION", SECTION_CONCLUSION),
    ]
    # a two-line title
    assert second.title == "GenomeDiagram: a python package for the visualization of large-scale genomic data."
    assert second.date == "2006-03-01"
    assert [s.heading for s in second.sections] == ["SUMMARY", "AVAILABILITY", "SUPPLEMENTARY INFORMATION"]
    assert all(s.section == SECTION_ABSTRACT for s in second.sections)
    storage = next(m for m in first.mesh_headings if m.label == "Information Storage and Retrieval")
    assert storage == MeshHeading("D016247", "Information Storage and Retrieval", True, ("methods",))
    # old plural publication-type labels still find their ids
    assert first.publication_types == ("Evaluation Studies", "Journal Article")
    assert first.publication_type_ids == ("D023362", "D016428")


def test_structured_abstract_and_doi_from_lid() -> None:
    (doc,) = documents(DATA / "biopython_pubmed_result3.txt")
    work = doc.work
    assert work.pmid == "23039619"
    assert work.title == "Effects of different parameters in the fast scanning method for HIFU treatment."
    assert work.doi == "10.1118/1.4748329"
    assert [(s.heading, s.section) for s in work.sections] == [
        ("PURPOSE", SECTION_BACKGROUND),
        ("METHODS", SECTION_METHODS),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSIONS", SECTION_CONCLUSION),
    ]
    assert work.sections[0].text.startswith("High-intensity focused ultrasound is a promising method")


def test_wrapped_title_with_trailing_spaces() -> None:
    (doc,) = documents(DATA / "biopython_pubmed_result4.txt")
    assert doc.work.title == (
        "High extracellular glucose promotes cell motility by modulating cell deformability and "
        "contractility via cAMP-RhoA-ROCK axis in human breast cancer cells."
    )
    assert doc.work.doi == "10.1091/mbc.e22-12-0560"
    assert doc.work.authors == ("Oh M", "Batty S", "Banerjee N", "Kim TH")
    assert doc.work.mesh_headings == ()


def test_nbib_with_ten_records() -> None:
    docs = documents(DATA / "rayyan_example1.nbib")
    assert len(docs) == 10
    assert docs[0].work.pmid == "29952495"
    assert docs[0].work.title == "Breast cancer: basics, screening, diagnostics and treatment."
    assert docs[0].work.authors == ("Wörmann B",)
    assert docs[0].work.publication_types == ("Journal Article", "Review")
    spanning = docs[3].work
    assert spanning.pmid == "27533387"
    assert spanning.title == "Title that spans multiple lines for this particular research article"
    assert spanning.date == "2000-11"
    prevention = docs[4].work
    assert prevention.doi == "10.26444/aaem/75943"
    assert prevention.keywords == (
        "breast cancer",
        "life style",
        "mammography",
        "modern diagnostics methods",
        "primary and secondary prevention",
        "risk factors",
    )
    assert [s.heading for s in prevention.sections] == ["INTRODUCTION", "OBJECTIVE", "STATE OF KNOWLEDGE", "CONCLUSIONS"]
    assert [len(d.work.authors) for d in docs] == [1, 1, 3, 1, 7, 4, 2, 2, 1, 5]


def test_record_without_pmid_costs_only_that_record(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "PMID- 1\nTI  - First.\n\nTI  - No PMID here.\nAU  - Doe J\n\nPMID- 3\nTI  - Third.\n",
    )
    found = list(read_documents(str(path)))
    assert [type(item) for item in found] == [Document, InputError, Document]
    assert found[1].where == "line 4"
    assert [found[0].work.title, found[2].work.title] == ["First.", "Third."]


def test_records_without_blank_line_between_them(tmp_path: Path) -> None:
    path = write(tmp_path, "PMID- 1\nTI  - One.\nPMID- 2\nTI  - Two.\n")
    assert [d.work.pmid for d in documents(path)] == ["1", "2"]


def test_fau_names_when_there_is_no_au(tmp_path: Path) -> None:
    path = write(tmp_path, "PMID- 5\nTI  - T.\nFAU - de Hoon, Michiel J L\nCN  - SYGMA Investigators\n")
    (doc,) = documents(path)
    assert doc.work.authors == ("de Hoon MJL", "SYGMA Investigators")


def test_bad_utf8_after_good_records(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"PMID- 1\nTI  - Fine.\n\nPMID- 2\nTI  - Caf\xe9.\n")
    seen = []
    with pytest.raises(InputError) as error:
        for item in read_documents(str(path)):
            seen.append(item)
    assert error.value.where == "line 5"
    assert "not UTF-8" in error.value.reason


def test_mesh_heading_forms() -> None:
    assert mesh_heading("*Software") == MeshHeading("D012984", "Software", True, ())
    assert mesh_heading("Information Storage and Retrieval/*methods/*standards") == MeshHeading(
        "D016247", "Information Storage and Retrieval", True, ("methods", "standards")
    )
    assert mesh_heading("Not A Real Heading Anywhere/methods") == MeshHeading(
        "", "Not A Real Heading Anywhere", False, ("methods",)
    )
    assert mesh_heading("*") is None


def test_shipped_mesh_table() -> None:
    assert descriptor_id("Fibromyalgia") == "D005356"
    assert descriptor_id("tai ji") == "D026302"  # case-insensitive
    assert descriptor_id("Amine Oxidase (Copper-Containing)") == "D006631"
    assert descriptor_id("Diamine Oxidase") == ""  # an entry term, not a heading label


def test_sniff() -> None:
    reader = MedlineTextReader()
    assert reader.sniff("\nPMID- 12230038\nOWN - NLM\n")
    assert not reader.sniff("TY  - JOUR\nTI  - x\n")
    assert not reader.sniff("A title\n- PMID: 22110947\n")
    assert not reader.sniff("1. J Med. 2001;1:1.\n\nTitle.\n\nPMID: 1\n")
