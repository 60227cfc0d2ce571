"""The PubMed "Abstract (text)" export reader, on samples written in that layout."""
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
from kg.sources.pubmed_abstract_text import PubMedAbstractTextReader

DATA = Path(__file__).parents[1] / "data" / "abstract_text"
EXPORT = DATA / "pubmed_abstract_export.txt"
FRONT_MATTER = DATA / "front_matter_missing_parts.txt"
SEED_PAGE = Path(__file__).parents[2] / "seeds" / "000_ea24b7b8f5827cdc.txt"


def documents(path: Path) -> list[Document]:
    found = list(read_documents(str(path)))
    assert all(isinstance(item, Document) for item in found), [str(i) for i in found if isinstance(i, InputError)]
    return found  # type: ignore[return-value]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "abstract.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_detected_by_content_and_not_the_seed_page() -> None:
    assert detect(EXPORT).name == "pubmed-abstract-text"
    assert detect(FRONT_MATTER).name == "pubmed-abstract-text"
    head = SEED_PAGE.read_text(encoding="utf-8")[:8192]
    assert not PubMedAbstractTextReader().sniff(head)
    assert detect(SEED_PAGE).name != "pubmed-abstract-text"


def test_labelled_abstract_record() -> None:
    nejm = documents(EXPORT)[0]
    work = nejm.work
    assert nejm.position == "record 1"
    assert work.pmid == "29768149"
    assert work.doi == "10.1056/nejmoa1715274"
    assert work.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert work.journal == "N Engl J Med"
    assert (work.year, work.date, work.volume, work.issue, work.pages) == (2018, "2018-05-17", "378", "20", "1865-1876")
    assert len(work.authors) == 10
    assert work.authors[0] == "O'Byrne PM" and work.authors[-1] == "Reddel HK"
    assert [(s.heading, s.section) for s in work.sections] == [
        ("BACKGROUND", SECTION_BACKGROUND),
        ("METHODS", SECTION_METHODS),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSIONS", SECTION_CONCLUSION),
    ]
    # wrapped lines joined; copyright, comments and author information are not abstract text
    assert work.sections[0].text == (
        "In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting "
        "β2-agonist may be an alternative to conventional treatment strategies."
    )
    all_text = " ".join(s.text for s in work.sections)
    assert "Copyright" not in all_text and "Comment in" not in all_text and "Firestone" not in all_text


def test_unlabelled_abstract_with_notes_and_wrapped_citation() -> None:
    work = documents(EXPORT)[1].work
    assert work.pmid == "36400559"
    assert work.doi == "10.1016/j.ncl.2022.07.002"
    assert work.authors == ("Gibbs D", "McGahan BG", "Ropper AE", "Xu DS")
    assert (work.journal, work.year, work.date) == ("Neurol Clin", 2023, "2023-02")
    (abstract,) = work.sections
    assert abstract.section == SECTION_ABSTRACT
    assert abstract.text.startswith("Back pain is a common condition affecting millions of individuals each year.")
    assert abstract.text.endswith("imaging and a specialist referral may be indicated.")


def test_record_without_abstract() -> None:
    work = documents(EXPORT)[2].work
    assert (work.pmid, work.pmcid, work.doi) == ("11446611", "PMC4951901", "10.7861/clinmedicine.1-3-188")
    assert work.title == "Acute back pain."
    assert work.authors == ("Jayson MI",)
    assert work.sections == ()
    assert (work.journal, work.year, work.volume, work.issue, work.pages) == ("Clin Med (Lond)", 2001, "1", "3", "188-9")


def test_front_matter_is_skipped_and_missing_authors_are_tolerated() -> None:
    seed, german = documents(FRONT_MATTER)
    assert seed.work.pmid == "22110947"
    assert seed.work.pmcid == "PMC3200141"
    assert seed.work.doi == "10.1155/2012/951354"
    assert seed.work.title == "A mechanism-based approach to prevention of and therapy for fibromyalgia."
    assert seed.work.authors == ()  # the abstract right after the title is not taken for authors
    assert seed.work.sections[0].text.startswith("Fibromyalgia syndrome (FMS) is characterized by pain")
    assert (seed.work.journal, seed.work.year, seed.work.volume, seed.work.pages) == ("Pain Res Treat", 2012, "2012", "951354")
    assert german.work.pmid == "29952495"
    assert german.work.authors == ("Wörmann B",)
    assert german.work.title == "Breast cancer: basics, screening, diagnostics and treatment."
    assert german.work.sections[0].text.startswith("Breast cancer is by far the most common malignancy in women.")


def test_numbered_paragraph_inside_an_abstract_is_not_a_record(tmp_path: Path) -> None:
    text = (
        "1. J Physiol. 1978 Mar;276:1-10.\n\nOld title.\n\nSmith AB, Jones C.\n\n"
        "2. The effects of cold were studied in 1977 in cats.\n\n"
        "3. Warmth reversed them.\n\nPMID: 100\n\n\n"
        "2. Nature. 1979 Jan 4;277(5691):1-2.\n\nNext title.\n\nPMID: 200\n"
    )
    first, second = documents(write(tmp_path, text))
    assert first.work.pmid == "100"
    assert [s.text for s in first.work.sections] == [
        "2. The effects of cold were studied in 1977 in cats.",
        "3. Warmth reversed them.",
    ]
    assert (second.work.pmid, second.work.title, second.position) == ("200", "Next title.", "record 2")


def test_record_with_nothing_usable(tmp_path: Path) -> None:
    text = "1. J Physiol. 1978 Mar;276:1-10.\n\n\n2. Nature. 1979 Jan 4;277(5691):1-2.\n\nA title.\n\nPMID: 5\n"
    found = list(read_documents(str(write(tmp_path, text))))
    assert [type(item) for item in found] == [InputError, Document]
    assert found[0].where == "line 1"


def test_sniff_needs_a_record_and_an_id_or_author_block() -> None:
    reader = PubMedAbstractTextReader()
    assert reader.sniff("1. J Physiol. 1978 Mar;276:1-10.\n\nTitle.\n\nPMID: 1\n")
    assert not reader.sniff("1. J Physiol. 1978 Mar;276:1-10.\n\nTitle.\n")
    assert not reader.sniff("PMID- 1\nTI  - x\n")
    assert not reader.sniff("# Summary\n\n1. First point. 2020 was a year.\n")


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00\x00" * 10])
def test_empty_and_binary(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError):
        list(read_documents(str(path)))
