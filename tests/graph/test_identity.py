from kg.graph.identity import concept_iri, normalize_doi, normalize_pmcid, normalize_title, work_iri


def test_normalize_title_folds_case_accents_and_punctuation():
    assert normalize_title("Söderberg's  Pain-Study: A REVIEW.") == normalize_title("soderberg s pain study a review")


def test_normalize_doi_strips_resolvers_and_case():
    assert normalize_doi("https://doi.org/10.1155/2012/951354.") == "10.1155/2012/951354"
    assert normalize_doi("doi: 10.1097/AJP.0b013e318287aac7") == "10.1097/ajp.0b013e318287aac7"


def test_normalize_pmcid():
    assert normalize_pmcid("3200141") == "PMC3200141"
    assert normalize_pmcid("pmc3200141") == "PMC3200141"
    assert normalize_pmcid("n/a") == ""


def test_iris():
    assert work_iri("PMID:22110947") == "https://pubmed.ncbi.nlm.nih.gov/22110947/"
    assert work_iri("DOI:10.1/a b<c>") == "https://doi.org/10.1/a%20b%3Cc%3E"
    assert work_iri("KGW:abc").startswith("https://w3id.org/kg/resource/work/")
    assert concept_iri("MESH:D013315") == "http://id.nlm.nih.gov/mesh/D013315"
    assert concept_iri("MONDO:0005546") == "http://purl.obolibrary.org/obo/MONDO_0005546"
