"""The PubMed page reader on the seed page and on page copies written here."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.constants import (
    SECTION_ABSTRACT,
    SECTION_BACKGROUND,
    SECTION_CONCLUSION,
    SECTION_METHODS,
    SECTION_RESULTS,
)
from kg.errors import InputError
from kg.records import Document, TextSection, Work
from kg.sources import detect, read_documents
from kg.sources.abstract_parts import split_abstract
from kg.sources.page_entries import parse_reference, parse_summary_entry
from kg.sources.paper_summary import PaperSummaryReader
from kg.sources.pubmed_page import PubMedPageReader, parse_page

SEEDS = Path(__file__).parents[2] / "seeds"
PAGE = SEEDS / "000_ea24b7b8f5827cdc.txt"
SUMMARY = SEEDS / "002_3dd905666b6a3e17.txt"


def read_one(path: Path) -> Document:
    documents = list(PubMedPageReader().read(path, str(path)))
    assert len(documents) == 1
    assert isinstance(documents[0], Document)
    return documents[0]


def write(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_one(PAGE)


# --- the seed page ---------------------------------------------------------------


def test_seed_main_work(seed: Document) -> None:
    work = seed.work
    assert work.title == "A mechanism-based approach to prevention of and therapy for fibromyalgia"
    assert work.pmid == "22110947"
    assert work.pmcid == "PMC3200141"
    assert work.doi == "10.1155/2012/951354"
    assert seed.reader == "pubmed-page"
    assert seed.source_file == str(PAGE)
    # the seed page shows no authors, citation line or markers
    assert work.authors == ()
    assert work.journal == "" and work.year is None and work.date == ""
    assert work.publication_types == () and not work.free_full_text


def test_seed_abstract_is_the_file_text(seed: Document) -> None:
    sections = seed.work.sections
    assert len(sections) == 1
    (abstract,) = sections
    assert abstract.section == SECTION_ABSTRACT
    assert abstract.text.startswith("Fibromyalgia syndrome (FMS) is characterized by pain referred to deep tissues.")
    assert abstract.text.endswith("exercise should be considered strongly as a first-line approach to FMS therapy.")
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    assert abstract.text == lines[lines.index("Abstract") + 1]


def entry(title, pmid, doi, journal, year, date, volume, issue, pages, types=(), free=False) -> Work:
    return Work(
        title=title,
        pmid=pmid,
        doi=doi,
        journal=journal,
        year=year,
        date=date,
        volume=volume,
        issue=issue,
        pages=pages,
        publication_types=types,
        free_full_text=free,
    )


SEED_SIMILAR = [
    entry(
        "Efficacy of rehabilitation with Tai Ji Quan in an Italian cohort of patients with Fibromyalgia Syndrome",
        "27502810", "10.1016/j.ctcp.2016.05.010", "Complement Ther Clin Pract", 2016, "2016-08",
        "24", "", "109-15", ("Clinical Trial",),
    ),
    entry(
        "'Exercise to me is a scary word': perceptions of fatigue, sleep dysfunction, and exercise in people"
        " with fibromyalgia syndrome-a focus group study",
        "29340774", "10.1007/s00296-018-3932-5", "Rheumatol Int", 2018, "2018-03", "38", "3", "507-515",
    ),
    entry(
        "The effect of concomitant fibromyalgia in HIV infected patients receiving antiretroviral therapy:"
        " a prospective cross-sectional study",
        "31672149", "10.1186/s12941-019-0330-0", "Ann Clin Microbiol Antimicrob", 2019, "2019-10-31",
        "18", "1", "31", free=True,
    ),
    entry(
        "Coexistence of fibromyalgia syndrome and inflammatory rheumatic diseases, and autonomic"
        " cardiovascular system involvement in fibromyalgia syndrome",
        "36151442", "10.1007/s10067-022-06385-8", "Clin Rheumatol", 2023, "2023-03", "42", "3", "645-652",
        ("Review",),
    ),
    entry(
        "Brain-derived neurotrophic factor and exercise in fibromyalgia syndrome patients: a mini review",
        "22210272", "10.1007/s00296-011-2348-2", "Rheumatol Int", 2012, "2012-09", "32", "9", "2593-9",
        ("Review",),
    ),
]

SEED_CITED_BY = [
    entry(
        "Exploring the Relationship between Diamine Oxidase and Psychotropic Medications in Fibromyalgia"
        " Treatment, Finding No Reduction in Diamine Oxidase Levels and Activity except with Citalopram",
        "38337486", "10.3390/jcm13030792", "J Clin Med", 2024, "2024-01-30", "13", "3", "792", free=True,
    ),
    entry(
        "Fibromyalgia syndrome: epidemiology, diagnosis and treatment",
        "36683836", "10.5114/reum.2022.123671", "Reumatologia", 2022, "2022", "60", "6", "413-421", free=True,
    ),
    entry(
        "Sex-specific role of RNA-binding protein, pAUF1, on prolonged hypersensitivity after repetitive"
        " ischemia with reperfusion injury",
        "39382317", "10.1097/j.pain.0000000000003415", "Pain", 2025, "2025-03-01", "166", "3", "693-707",
    ),
    entry(
        "Characteristics of sensitization associated with chronic pain conditions",
        "23629594", "10.1097/ajp.0b013e318287aac7", "Clin J Pain", 2014, "2014-02", "30", "2", "119-28",
        free=True,
    ),
]

TYPE_IDS = {"Clinical Trial": "D016430", "Review": "D016454"}


def expected(work: Work) -> Work:
    """The expected record with the MeSH ids of its types filled in (from MeSH 2024)."""
    ids = tuple(TYPE_IDS[name] for name in work.publication_types)
    return Work(**{**work.__dict__, "publication_type_ids": ids})


@pytest.mark.parametrize("index", range(len(SEED_SIMILAR)))
def test_seed_similar_articles(seed: Document, index: int) -> None:
    assert len(seed.similar) == 5
    assert seed.similar[index] == expected(SEED_SIMILAR[index])


@pytest.mark.parametrize("index", range(len(SEED_CITED_BY)))
def test_seed_cited_by(seed: Document, index: int) -> None:
    assert len(seed.cited_by) == 4
    assert seed.cited_by[index] == expected(SEED_CITED_BY[index])


def test_seed_markers() -> None:
    doc = read_one(PAGE)
    by_pmid = {work.pmid: work for work in (*doc.similar, *doc.cited_by)}
    assert by_pmid["27502810"].publication_types == ("Clinical Trial",)
    assert by_pmid["36151442"].publication_types == ("Review",)
    assert by_pmid["22210272"].publication_types == ("Review",)
    free = {pmid for pmid, work in by_pmid.items() if work.free_full_text}
    assert free == {"31672149", "38337486", "36683836", "23629594"}


SEED_REFERENCES = [
    (
        ("Smith HS", "Harris R", "Clauw D"),
        "Fibromyalgia: an afferent processing disorder leading to a complex pain generalized syndrome",
        "Pain Physician", 2011, "14", "2", "E217-E245",
        "Smith HS, Harris R, Clauw D. Fibromyalgia: an afferent processing disorder leading to a complex pain"
        " generalized syndrome. Pain Physician. 2011;14(2):E217\u2013E245.",
    ),
    (
        ("Gerdle B", "S\u00f6derberg K", "Puigvert LS", "Rosendal L", "Larsson B"),
        "Increased interstitial concentrations of pyruvate and lactate in the trapezius muscle of patients"
        " with fibromyalgia: a microdialysis study",
        "Journal of Rehabilitation Medicine", 2010, "42", "7", "679-687",
        "Gerdle B, S\u00f6derberg K, Puigvert LS, Rosendal L, Larsson B. Increased interstitial concentrations"
        " of pyruvate and lactate in the trapezius muscle of patients with fibromyalgia: a microdialysis study."
        " Journal of Rehabilitation Medicine. 2010;42(7):679\u2013687.",
    ),
    (
        ("Bendtsen L", "N\u00d8rregaard J", "Jensen R", "Olesen J"),
        "Evidence of qualitatively altered nociception in patients with fibromyalgia",
        "Arthritis and Rheumatism", 1997, "40", "1", "98-102",
        "Bendtsen L, N\u00d8rregaard J, Jensen R, Olesen J. Evidence of qualitatively altered nociception in"
        " patients with fibromyalgia. Arthritis and Rheumatism. 1997;40(1):98\u2013102.",
    ),
    (
        ("Ge HY", "Nie H", "Madeleine P", "Danneskiold-Sams\u00f8e B", "Graven-Nielsen T", "Arendt-Nielsen L"),
        "Contribution of the local and referred pain from active myofascial trigger points in fibromyalgia"
        " syndrome",
        "Pain", 2009, "147", "1-3", "233-240",
        "Ge HY, Nie H, Madeleine P, Danneskiold-Sams\u00f8e B, Graven-Nielsen T, Arendt-Nielsen L. Contribution"
        " of the local and referred pain from active myofascial trigger points in fibromyalgia syndrome."
        " Pain. 2009;147(1-3):233\u2013240.",
    ),
]


@pytest.mark.parametrize("index", range(len(SEED_REFERENCES)))
def test_seed_references(seed: Document, index: int) -> None:
    assert len(seed.references) == 4
    authors, title, journal, year, volume, issue, pages, citation = SEED_REFERENCES[index]
    assert seed.references[index] == Work(
        title=title,
        authors=authors,
        journal=journal,
        year=year,
        date=str(year),
        volume=volume,
        issue=issue,
        pages=pages,
        citation=citation,
    )


def test_page_furniture_after_linkout_is_ignored(tmp_path: Path) -> None:
    text = PAGE.read_text(encoding="utf-8") + "\nReferences\n-\n- Late R. Not a reference. J X. 2020;1:1.\n"
    doc = read_one(write(tmp_path, text))
    assert len(doc.references) == 4


# --- pages written here ----------------------------------------------------------------

LABELLED = """\
Exercise for fibromyalgia: a trial
- PMID: 1234567
- DOI: 10.1000/ABC.123
Exercise for fibromyalgia: a trial
Abstract
BACKGROUND: Fibromyalgia causes widespread pain.
METHODS: We randomised 40 patients.
RESULTS: Exercise reduced pain.
CONCLUSIONS: Exercise helps.
Similar articles
-
Does exercise help in fibromyalgia?J Pain Res. 2020 Jan 5;13:1-9. J Pain Res. 2020. PMID: 111 Randomized Controlled Trial. Free article.
-
Pain without a DOI.Pain Med. 2019 Spring;20(4):700-710. Pain Med. 2019. PMID: 222 Systematic Review. Meta-Analysis.
References
-
- Doe J, Roe R. A study. J Pain. 2001;2(3):45\u201350. - DOI - PMC - PubMed
-
- Roe R, et al. Another study. Pain. 2005;9:1. doi: 10.1000/XYZ.9. - PMID: 999 - PubMed
-
- This is not a parseable reference at all
LinkOut - more resources
"""


def test_labelled_abstract(tmp_path: Path) -> None:
    path = write(tmp_path, LABELLED)
    doc = read_one(path)
    assert doc.work.doi == "10.1000/abc.123"
    assert [(s.section, s.heading, s.text) for s in doc.work.sections] == [
        (SECTION_BACKGROUND, "BACKGROUND", "Fibromyalgia causes widespread pain."),
        (SECTION_METHODS, "METHODS", "We randomised 40 patients."),
        (SECTION_RESULTS, "RESULTS", "Exercise reduced pain."),
        (SECTION_CONCLUSION, "CONCLUSIONS", "Exercise helps."),
    ]
    for section in doc.work.sections:
        assert section.text in LABELLED


def test_entry_with_question_mark_title_and_free_article(tmp_path: Path) -> None:
    first = read_one(write(tmp_path, LABELLED)).similar[0]
    assert first.title == "Does exercise help in fibromyalgia?"
    assert (first.journal, first.date, first.year, first.volume, first.issue, first.pages) == (
        "J Pain Res", "2020-01-05", 2020, "13", "", "1-9",
    )
    assert first.doi == ""
    assert first.pmid == "111"
    assert first.publication_types == ("Randomized Controlled Trial",)
    assert first.publication_type_ids == ("D016449",)
    assert first.free_full_text


def test_entry_without_doi_and_season_date(tmp_path: Path) -> None:
    second = read_one(write(tmp_path, LABELLED)).similar[1]
    assert second.title == "Pain without a DOI"
    assert (second.journal, second.date, second.volume, second.issue, second.pages) == (
        "Pain Med", "2019", "20", "4", "700-710",
    )
    assert second.doi == ""
    assert second.publication_types == ("Systematic Review", "Meta-Analysis")
    assert not second.free_full_text


def test_reference_link_suffixes(tmp_path: Path) -> None:
    first, second, third = read_one(write(tmp_path, LABELLED)).references
    assert first.authors == ("Doe J", "Roe R")
    assert (first.title, first.journal, first.year, first.volume, first.issue, first.pages) == (
        "A study", "J Pain", 2001, "2", "3", "45-50",
    )
    assert first.citation == "Doe J, Roe R. A study. J Pain. 2001;2(3):45\u201350."
    assert second.authors == ("Roe R",)
    assert (second.title, second.pmid, second.doi) == ("Another study", "999", "10.1000/xyz.9")
    assert third == Work(citation="This is not a parseable reference at all")


def test_reference_with_pmcid_suffix() -> None:
    work = parse_reference("- Lee K. Sleep and pain. Sleep. 2015;38(1):1-9. - PMCID: PMC123 - PMID: 42 - PubMed")
    assert (work.pmcid, work.pmid, work.title, work.journal) == ("PMC123", "42", "Sleep and pain", "Sleep")


REAL_COPY = """\
Review
Pain Res Treat
. 2012;2012:951354.
doi: 10.1155/2012/951354. Epub 2011 Oct 20.
A mechanism-based approach to prevention of and therapy for fibromyalgia
Howard S Smith 1, Richard Harris 2, Daniel J Clauw 2
Affiliations
expand
1 Department of Medicine, Somewhere.
2 Department of Anesthesiology, Elsewhere.
PMID: 22110947 PMCID: PMC3200141 DOI: 10.1155/2012/951354
Free PMC article
Abstract
Stress facilitates pain. Exercise attenuates stress.
Keywords: fibromyalgia; exercise; stress.
Copyright \u00a9 2011 The Authors.
Similar articles
Efficacy of rehabilitation with Tai Ji Quan in an Italian cohort of patients with Fibromyalgia Syndrome.
Maddali Bongi S, Paoletti G, Cal\u00e0 M, Del Rosso A, El Aoufy K, Mikhaylova S.
Complement Ther Clin Pract. 2016 Aug;24:109-15. doi: 10.1016/j.ctcp.2016.05.010. Epub 2016 May 27.
PMID: 27502810
Clinical Trial.
Fibromyalgia: a review.Doe J, et al.Reumatologia. 2022;60(6):413-421. Reumatologia. 2022. PMID: 36683836 Free PMC article.
See all similar articles
References
Smith HS, Harris R, Clauw D. Fibromyalgia. Pain Physician. 2011;14(2):E217\u2013E245.
- PubMed
Bendtsen L, Olesen J. Altered nociception. Arthritis Rheum. 1997;40(1):98\u2013102.
- DOI
- PubMed
Publication types
Review
Research Support, Non-U.S. Gov't
MeSH terms
Fibromyalgia / therapy*
LinkOut - more resources
"""


def test_page_with_citation_line_authors_and_markers(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path, REAL_COPY))
    work = doc.work
    assert work.title == "A mechanism-based approach to prevention of and therapy for fibromyalgia"
    assert work.authors == ("Howard S Smith", "Richard Harris", "Daniel J Clauw")
    assert (work.pmid, work.pmcid, work.doi) == ("22110947", "PMC3200141", "10.1155/2012/951354")
    assert (work.journal, work.year, work.date, work.volume, work.pages) == (
        "Pain Res Treat", 2012, "2012", "2012", "951354",
    )
    assert work.publication_types == ("Review", "Research Support, Non-U.S. Gov't")
    assert work.publication_type_ids == ("D016454", "")
    assert work.free_full_text
    assert work.keywords == ("fibromyalgia", "exercise", "stress")
    assert [s.text for s in work.sections] == ["Stress facilitates pain. Exercise attenuates stress."]


def test_entries_without_separators(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path, REAL_COPY))
    first, second = doc.similar
    assert first.title.startswith("Efficacy of rehabilitation") and first.title.endswith("Syndrome")
    assert first.authors == ("Maddali Bongi S", "Paoletti G", "Cal\u00e0 M", "Del Rosso A", "El Aoufy K", "Mikhaylova S")
    assert (first.pmid, first.publication_types, first.date) == ("27502810", ("Clinical Trial",), "2016-08")
    assert second.title == "Fibromyalgia: a review"
    assert second.authors == ("Doe J",)
    assert (second.pmid, second.journal, second.free_full_text) == ("36683836", "Reumatologia", True)
    assert [(r.authors, r.title, r.journal) for r in doc.references] == [
        (("Smith HS", "Harris R", "Clauw D"), "Fibromyalgia", "Pain Physician"),
        (("Bendtsen L", "Olesen J"), "Altered nociception", "Arthritis Rheum"),
    ]


def test_title_with_periods_and_journal_repeat() -> None:
    work = parse_summary_entry(
        ["Fibromyalgia. Part II. Pain?J Rheumatol Suppl. 2005 Aug;75:6-21. J Rheumatol Suppl. 2005. PMID: 5"]
    )
    assert (work.title, work.journal, work.volume, work.pages) == (
        "Fibromyalgia. Part II. Pain?", "J Rheumatol Suppl", "75", "6-21",
    )


def test_unparseable_entry_keeps_its_text() -> None:
    work = parse_summary_entry(["Something odd 2019 PMID: 77"])
    assert work.pmid == "77"
    assert work.citation == "Something odd 2019 PMID: 77"
    assert work.year == 2019 and work.title == ""


# --- errors and detection --------------------------------------------------------------


def test_truncated_page_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "- PMID: \n- DOI: \nAbstract\nSome text.\nSimilar articles\n", "cut.txt")
    with pytest.raises(InputError) as caught:
        read_one(path)
    assert caught.value.path == str(path)
    assert caught.value.where.startswith("line ")
    assert str(path) in str(caught.value)


def test_page_without_ids_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "A title\nAbstract\nSome text.\nSimilar articles\n", "noids.txt")
    with pytest.raises(InputError, match="PMID or DOI") as caught:
        read_one(path)
    assert caught.value.where == "line 2"


def test_detect_picks_the_reader_for_each_seed() -> None:
    assert detect(PAGE).name == "pubmed-page"
    assert detect(SUMMARY).name == "paper-summary"
    documents = list(read_documents(str(PAGE)))
    assert [d.work.pmid for d in documents] == ["22110947"]


MEDLINE = """\
PMID- 22110947
OWN - NLM
STAT- PubMed-not-MEDLINE
TI  - A mechanism-based approach to prevention of and therapy for fibromyalgia.
AB  - Fibromyalgia syndrome (FMS) is characterized by pain referred to deep tissues.
"""

ABSTRACT_EXPORT = """\
1. Pain Res Treat. 2012;2012:951354. doi: 10.1155/2012/951354. Epub 2011 Oct 20.

A mechanism-based approach to prevention of and therapy for fibromyalgia.

Abstract
Fibromyalgia syndrome (FMS) is characterized by pain referred to deep tissues.

DOI: 10.1155/2012/951354
PMCID: PMC3200141
PMID: 22110947
"""

RIS = "TY  - JOUR\nTI  - A title\nAN  - PMID: 22110947\nAB  - Abstract\nER  - \n"
XML = '<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle><PMID>1</PMID>\nAbstract\n</PubmedArticle>\n'
RANDOM = "Shopping list\n\neggs\nmilk\nPMID: is not a thing here\nAbstract thoughts\n"


def test_detect_rejects_other_text(tmp_path: Path) -> None:
    path = write(tmp_path, RANDOM, "other.txt")
    with pytest.raises(InputError, match="unknown format"):
        detect(path)


def test_detect_gives_medline_text_to_its_own_reader(tmp_path: Path) -> None:
    assert detect(write(tmp_path, MEDLINE, "other.txt")).name == "medline-text"


@pytest.mark.parametrize(
    "text", [MEDLINE, ABSTRACT_EXPORT, RIS, XML, RANDOM], ids=["medline", "abstract-text", "ris", "xml", "random"]
)
def test_sniff_rejects_other_formats(text: str) -> None:
    assert not PubMedPageReader().sniff(text)


def test_sniff_keeps_the_two_seed_formats_apart() -> None:
    page = PAGE.read_text(encoding="utf-8")
    summary = SUMMARY.read_text(encoding="utf-8")
    assert PubMedPageReader().sniff(page)
    assert not PubMedPageReader().sniff(summary)
    assert not PaperSummaryReader().sniff(page)
    assert PubMedPageReader().sniff(REAL_COPY)
    assert PubMedPageReader().sniff(LABELLED)


def test_sniff_needs_the_id_near_the_top() -> None:
    filler = "".join(f"line {n}\n" for n in range(60))
    assert not PubMedPageReader().sniff(filler + "PMID: 1\nAbstract\n")


# --- never an exception other than InputError --------------------------------------------

PIECES = st.sampled_from(
    [".", "?", ":", ";", "-", "\n", "\n-\n", " ", "(", ")", "PMID: 12", "doi: 10.1/x", "2016", " Aug",
     "Smith HS", ", ", "Title", "J Pain", "Abstract\n", "Similar articles\n", "References\n",
     "BACKGROUND: ", "Review", "Free PMC article", "- PubMed", "\u2013", "et al"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_entry_parsers_never_raise(text: str) -> None:
    reference = parse_reference(text)
    summary = parse_summary_entry(text.split("\n"))
    flat = " ".join(text.split())
    for work in (reference, summary):
        assert " ".join(work.title.split()) in flat


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=80).map("".join))
def test_page_parser_raises_only_input_errors(text: str) -> None:
    source = "- PMID: 5\nA title\n" + text
    try:
        doc = parse_page(source, "f.txt")
    except InputError:
        return
    for section in doc.work.sections:
        assert section.text in source


def test_entries_of_bare_link_labels_are_dropped() -> None:
    text = "T\n- PMID: 1\nAbstract\nA.\nReferences\n-\n- PubMed\n-\n- Doe J. A study. J Pain. 2001;2:45.\n"
    doc = parse_page(text, "f.txt")
    assert [work.title for work in doc.references] == ["A study"]


def test_abstract_labels_on_their_own_line_and_inline() -> None:
    text = "Background:\nPain is common.\nObjective: To test. DESIGN: A trial in 40 patients. MRI: scans. RESULTS: Less pain."
    assert [(s.section, s.heading, s.text) for s in split_abstract(text)] == [
        (SECTION_BACKGROUND, "Background", "Pain is common."),
        (SECTION_BACKGROUND, "Objective", "To test."),
        (SECTION_METHODS, "DESIGN", "A trial in 40 patients. MRI: scans."),
        (SECTION_RESULTS, "RESULTS", "Less pain."),
    ]
    assert split_abstract("Note: nothing labelled here.") == (TextSection(SECTION_ABSTRACT, "Note: nothing labelled here."),)
