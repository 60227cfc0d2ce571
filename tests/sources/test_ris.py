"""The RIS reader, on Zotero- and EndNote-style samples written for it."""
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
from kg.records import Document
from kg.sources import detect, read_documents
from kg.sources.ris import RisReader

DATA = Path(__file__).parents[1] / "data" / "ris"
ZOTERO = DATA / "zotero_export.ris"
ENDNOTE = DATA / "endnote_export.ris"


def documents(path: Path) -> list[Document]:
    found = list(read_documents(str(path)))
    assert all(isinstance(item, Document) for item in found), [str(i) for i in found if isinstance(i, InputError)]
    return found  # type: ignore[return-value]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.ris"
    path.write_text(text, encoding="utf-8")
    return path


def test_detected() -> None:
    assert detect(ZOTERO).name == "ris"
    assert detect(ENDNOTE).name == "ris"  # after a provider header


def test_zotero_journal_article() -> None:
    nejm, seed, chapter = documents(ZOTERO)
    work = nejm.work
    assert work.title == "Inhaled Combined Budesonide–Formoterol as Needed in Mild Asthma"
    assert work.pmid == "29768149"  # AN from a PubMed-sourced record
    assert work.doi == "10.1056/nejmoa1715274"
    assert len(work.authors) == 10
    assert work.authors[:2] == ("O'Byrne PM", "FitzGerald JM")
    assert work.journal == "N Engl J Med"
    assert (work.year, work.date) == (2018, "2018-05-17")
    assert (work.volume, work.issue, work.pages) == ("378", "20", "1865-1876")
    assert work.keywords == ("Administration, Inhalation", "Asthma", "Budesonide")
    assert [(s.heading, s.section) for s in work.sections] == [
        ("BACKGROUND", SECTION_BACKGROUND),
        ("METHODS", SECTION_METHODS),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSIONS", SECTION_CONCLUSION),
    ]
    # PMID and PMCID from a note over two lines; the year is PY's, not the earlier online date
    assert (seed.work.pmid, seed.work.pmcid, seed.work.doi) == ("22110947", "PMC3200141", "10.1155/2012/951354")
    assert (seed.work.year, seed.work.date) == (2012, "2012")
    assert seed.work.sections[0].section == SECTION_ABSTRACT
    assert chapter.work.title == "Rift Valley fever"
    assert chapter.work.authors == ("Swanepoel R", "Coetzer JAW")  # A2 editors are not authors
    assert (chapter.work.year, chapter.work.pages) == (2004, "1037-1070")
    assert [d.position for d in (nejm, seed, chapter)] == ["record 1", "record 2", "record 3"]


def test_endnote_records() -> None:
    gibbs, reuler = documents(ENDNOTE)
    assert gibbs.work.title == "Back Pain: Differential Diagnosis and Management"
    assert gibbs.work.pmid == ""  # AN is a Web of Science accession number
    assert gibbs.work.doi == "10.1016/j.ncl.2022.07.002"
    assert gibbs.work.authors == ("Gibbs D", "McGahan BG", "Ropper AE", "Xu DS")
    assert gibbs.work.keywords == ("Back pain", "Diagnosis", "Management", "Outpatient")
    assert (gibbs.work.year, gibbs.work.date, gibbs.work.pages) == (2023, "2023-02", "61-76")
    assert gibbs.work.sections[0].text.startswith("Back pain is a common condition")
    assert (reuler.work.pmid, reuler.work.pmcid) == ("2930949", "PMC1306303")
    assert reuler.work.pages == "259-65"


def test_record_without_title_or_ids_and_missing_er(tmp_path: Path) -> None:
    text = "TY  - JOUR\nAU  - Nobody, A.\nPY  - 2001\nER  - \nTY  - JOUR\nTI  - Kept\nTY  - BOOK\nTI  - Also kept\n"
    found = list(read_documents(str(write(tmp_path, text))))
    assert [type(item) for item in found] == [InputError, Document, Document]
    assert found[0].where == "line 1"
    assert [found[1].work.title, found[2].work.title] == ["Kept", "Also kept"]


def test_wrapped_abstract_lines(tmp_path: Path) -> None:
    text = "TY  - JOUR\nTI  - T\nAB  - First part\nsecond part.\nER  - \n"
    (doc,) = documents(write(tmp_path, text))
    assert doc.work.sections[0].text == "First part second part."


def test_accession_number_is_a_pmid_only_for_pubmed(tmp_path: Path) -> None:
    text = "TY  - JOUR\nTI  - T\nAN  - 12345\nDB  - Embase\nER  - \nTY  - JOUR\nTI  - U\nAN  - 12345\nER  - \n"
    embase, plain = documents(write(tmp_path, text))
    assert embase.work.pmid == ""
    assert plain.work.pmid == "12345"


def test_sniff() -> None:
    reader = RisReader()
    assert reader.sniff("\ufeffTY  - JOUR\n")
    assert not reader.sniff("PMID- 1\nTI  - A title\n")
    assert not reader.sniff("TI  - A title\nTY  - JOUR\n")


def test_windows_1252_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.ris"
    path.write_bytes("TY  - JOUR\nTI  - Caf\u00e9\nER  - \n".encode("cp1252"))
    with pytest.raises(InputError) as error:
        list(read_documents(str(path)))
    assert error.value.where == "line 2"
