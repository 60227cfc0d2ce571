"""The PMC JATS reader on real .nxml files and efetch's pmc-articleset wrapper.

Expected values were read off the XML files themselves."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.constants import (
    SECTION_ABSTRACT,
    SECTION_BACKGROUND,
    SECTION_BODY,
    SECTION_CONCLUSION,
    SECTION_METHODS,
    SECTION_RESULTS,
)
from kg.errors import InputError
from kg.records import Document
from kg.sources import detect, read_documents
from kg.sources.pmc_jats import PmcJatsReader

DATA = Path(__file__).parents[1] / "data" / "pmc_jats"
FILES = sorted([*DATA.glob("*.nxml"), *DATA.glob("*.xml")])

# file -> (pmid, pmcid, doi, authors, references)
EXPECTED = {
    "1471-2180-11-174.nxml": ("21810267", "PMC3166277", "10.1186/1471-2180-11-174", 2, 64),
    "1472-6831-8-11.nxml": ("18405359", "PMC2329613", "10.1186/1472-6831-8-11", 4, 31),
    "6605965a.nxml": ("21045829", "PMC2994229", "10.1038/sj.bjc.6605965", 46, 34),
    "cc11003.nxml": ("", "PMC3363814", "10.1186/cc11003", 5, 3),
    "ehp-116-1694.nxml": ("19079722", "PMC2599765", "10.1289/ehp.11570", 4, 58),
    "mds526.nxml": ("23149571", "PMC3574550", "10.1093/annonc/mds526", 7, 40),
    "pntd.0002065.nxml": ("23469300", "PMC3585041", "10.1371/journal.pntd.0002065", 6, 32),
    "pone.0000217.nxml": ("17299597", "PMC1790863", "10.1371/journal.pone.0000217", 4, 33),
    "pone.0046493.nxml": ("23029536", "PMC3460867", "10.1371/journal.pone.0046493", 9, 58),
    "biopython_efetch_pmc.xml": ("34527728", "PMC8435807", "10.1183/23120541.50193-2021", 0, 0),
}


def read_one(path: Path) -> Document:
    found = list(read_documents(str(path)))
    assert len(found) == 1 and isinstance(found[0], Document), [str(i) for i in found]
    return found[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_ids_authors_and_reference_counts(path: Path) -> None:
    assert detect(path).name == "pmc-jats"
    doc = read_one(path)
    pmid, pmcid, doi, authors, references = EXPECTED[path.name]
    assert (doc.work.pmid, doc.work.pmcid, doc.work.doi) == (pmid, pmcid, doi)
    assert len(doc.work.authors) == authors
    assert len(doc.references) == references
    assert doc.reader == "pmc-jats"


def test_titles_keep_inline_text() -> None:
    assert read_one(DATA / "pone.0046493.nxml").work.title == (
        "MmPPOX Inhibits Mycobacterium tuberculosis Lipolytic Enzymes Belonging to the "
        "Hormone-Sensitive Lipase Family and Alters Mycobacterial Growth"
    )
    assert read_one(DATA / "1471-2180-11-174.nxml").work.title == (
        "Factors influencing lysis time stochasticity in bacteriophage \u03bb"
    )
    assert read_one(DATA / "ehp-116-1694.nxml").work.title.startswith(
        "Dietary Exposure to 2,2\u2032,4,4\u2032-Tetrabromodiphenyl Ether (PBDE-47)"
    )


def test_front_matter_fields() -> None:
    work = read_one(DATA / "pone.0046493.nxml").work
    assert work.journal == "PLoS One"
    assert (work.year, work.date) == (2012, "2012")  # the collection date, as PubMed dates the issue
    assert (work.volume, work.issue, work.pages) == ("7", "9", "e46493")
    assert work.authors[:2] == ("Delorme V", "Diomandé SV")
    bjc = read_one(DATA / "6605965a.nxml").work
    assert bjc.keywords == ("oral contraceptives", "reproductive history", "colorectal cancer", "cohort study")


def test_structured_abstract_and_body_sections() -> None:
    work = read_one(DATA / "1471-2180-11-174.nxml").work
    abstract = [s for s in work.sections if s.heading in ("Background", "Results", "Conclusions")][:3]
    assert [(s.heading, s.section) for s in abstract] == [
        ("Background", SECTION_BACKGROUND),
        ("Results", SECTION_RESULTS),
        ("Conclusions", SECTION_CONCLUSION),
    ]
    headings = [s.heading for s in work.sections]
    # subsections keep their parent's kind; text about the paper is left out
    by_heading = {s.heading: s for s in work.sections}
    assert by_heading["Effect of allelic variation in holin sequence"].section == SECTION_RESULTS
    assert by_heading["Statistical analysis"].section == SECTION_METHODS
    assert by_heading["Discussion"].section == SECTION_CONCLUSION
    assert by_heading["Appendix A"].section == SECTION_BODY
    assert "Competing interests" not in headings
    assert "Authors' contributions" not in headings
    assert "Supplementary Material" not in headings
    # paragraphs joined by blank lines; citation marks kept inline
    discussion = by_heading["Effect of allelic variation in holin sequence"].text
    assert discussion.startswith("It has long been known that different holin alleles show different lysis times [37,46,47].")


def test_unstructured_abstract_author_summary_and_introduction() -> None:
    work = read_one(DATA / "pntd.0002065.nxml").work
    assert work.sections[0].section == SECTION_ABSTRACT
    assert work.sections[0].heading == ""
    assert work.sections[0].text.startswith("Rift Valley fever (RVF) is endemic in most parts of Africa")
    assert (work.sections[1].heading, work.sections[1].section) == ("Author Summary", SECTION_ABSTRACT)
    intro = next(s for s in work.sections if s.heading == "Introduction")
    assert intro.section == SECTION_BACKGROUND
    assert "\n\n" in intro.text


def test_figures_and_tables_are_left_out() -> None:
    work = read_one(DATA / "pone.0046493.nxml").work
    text = "\n".join(s.text for s in work.sections)
    assert "Chemical structure of inhibitors." not in text  # a figure caption
    assert "Substrate specificity of recombinant Lip-HSL proteins." not in text  # a table caption
    assert "Figure 1" in text  # the prose's references to figures stay


def test_references_with_pub_ids_and_fields() -> None:
    doc = read_one(DATA / "pone.0046493.nxml")
    first = doc.references[0]
    assert first.pmid == "21127999"
    assert first.title == "Drug-resistant tuberculosis: an insurmountable epidemic?"
    assert first.journal == "Inflammopharmacology"
    assert (first.year, first.volume, first.pages) == (2011, "19", "131-137")
    assert first.authors == ("Chakroborty A",)
    assert first.citation == "Chakroborty A. Drug-resistant tuberculosis: an insurmountable epidemic? Inflammopharmacology. 2011;19:131-137."
    garton = doc.references[1]
    assert garton.pmid == ""
    assert garton.authors == ("Garton NJ", "Christensen H", "Minnikin DE", "Adegbola RA", "Barer MR")
    with_pmid = sum(1 for r in doc.references if r.pmid)
    assert with_pmid == 44


def test_reference_ids_in_other_citation_styles() -> None:
    oral = read_one(DATA / "1472-6831-8-11.nxml").references
    assert (oral[1].pmid, oral[1].doi) == ("2645088", "10.1111/j.1600-0528.1989.tb01816.x")
    ards = read_one(DATA / "cc11003.nxml").references
    assert (ards[0].pmid, ards[0].doi) == ("16637425", "10.1016/s0210-5691(06)74455-2")
    assert ards[0].citation.startswith("Roca O, et al. Estudio de cohortes")
    cancer = read_one(DATA / "mds526.nxml").references
    assert cancer[0].doi == "10.1038/bjc.2011.489"  # from the <comment> link: no pub-id doi
    rift = read_one(DATA / "pntd.0002065.nxml").references
    assert rift[0].citation == (
        "Murphy FA, Gibbs EPJ, Horzinek MC, Studdert MJ (1999) Veterinary Virology. USA: Elsevier. pp 469\u2013475."
    )
    assert rift[0].year == 1999
    book = read_one(DATA / "6605965a.nxml").references[1]
    assert (book.title, book.journal, book.authors) == (
        "Global Cancer Facts and Figures 2007",
        "",
        ("American Cancer Society",),
    )


def test_article_set_with_several_articles(tmp_path: Path) -> None:
    articles = []
    for name in ("pone.0000217.nxml", "cc11003.nxml"):
        text = (DATA / name).read_text(encoding="utf-8")
        articles.append(text[text.index("<article") :])
    path = tmp_path / "set.xml"
    path.write_text(
        '<?xml version="1.0" ?>\n<!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN" '
        '"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">\n<pmc-articleset>'
        + "\n".join(articles)
        + "</pmc-articleset>\n",
        encoding="utf-8",
    )
    found = list(read_documents(str(path)))
    assert [d.work.pmcid for d in found] == ["PMC1790863", "PMC3363814"]
    assert [d.position for d in found] == ["record 1", "record 2"]


def test_bad_article_costs_only_that_article(tmp_path: Path) -> None:
    good = '<article><front><article-meta><article-id pub-id-type="pmid">{}</article-id></article-meta></front></article>'
    path = tmp_path / "set.xml"
    path.write_text(
        "<pmc-articleset>" + good.format(1) + "<article><body><p>No front.</p></body></article>" + good.format(3) + "</pmc-articleset>",
        encoding="utf-8",
    )
    found = list(read_documents(str(path)))
    assert [type(item) for item in found] == [Document, InputError, Document]
    assert found[1].where == "record 2"


def test_namespaced_jats(tmp_path: Path) -> None:
    path = tmp_path / "oai.xml"
    path.write_text(
        '<article xmlns="https://jats.nlm.nih.gov/ns/archiving/1.3/"><front><article-meta>'
        '<article-id pub-id-type="pmcid">PMC42</article-id><title-group><article-title>Namespaced'
        "</article-title></title-group></article-meta></front></article>",
        encoding="utf-8",
    )
    (doc,) = read_documents(str(path))
    assert (doc.work.pmcid, doc.work.title) == ("PMC42", "Namespaced")


def test_truncated_article_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.nxml"
    path.write_bytes((DATA / "cc11003.nxml").read_bytes()[:3000])
    with pytest.raises(InputError) as error:
        list(read_documents(str(path)))
    assert error.value.where.startswith("line ")


def test_sniff() -> None:
    reader = PmcJatsReader()
    assert not reader.sniff('<?xml version="1.0"?><article><title>Some other XML</title></article>')
    assert not reader.sniff('<?xml version="1.0"?><PubmedArticleSet><PubmedArticle/>')
    assert reader.sniff('<?xml version="1.0"?>\n<pmc-articleset><article>')
