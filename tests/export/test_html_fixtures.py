"""Hand-made graphs for the graph.html tests: a seed-like graph with claims, and a hostile one.

Built through the real assembler (``GraphAssembler`` + ``DocumentFacts``), so the graph has
the shape a build produces. No tests here; ``test_html.py`` and ``test_html_browser.py`` use it.
"""
from __future__ import annotations

import random

import networkx as nx

from kg.constants import (
    ATTR_CLAIM,
    ATTR_KIND,
    ATTR_LABEL,
    EDGE_CITES,
    EDGE_CLAIM,
    EDGE_MENTIONS,
    KIND_CITED_WORK,
    KIND_PAPER,
    ROLE_DISEASE,
    ROLE_MECHANISM,
    ROLE_SYMPTOM,
    ROLE_TREATMENT,
    SECTION_ABSTRACT,
    SECTION_TITLE,
)
from kg.extract.base import DocumentFacts
from kg.graph.assemble import GraphAssembler
from kg.records import Claim, ClaimKey, Concept, Document, Evidence, Mention, TextSection, Work

# a title that runs script if it is ever parsed as markup: sets document.title and a global
HOSTILE_IMG = "<img src=x onerror=\"window.__kgPwned=1;document.title='PWNED'\">"
HOSTILE_SCRIPT = "</script><script>window.__kgPwned=2;document.title='PWNED'</script>"
HOSTILE_HREF = "<a href=\"javascript:window.__kgPwned=3\">click</a> href"

CONCEPTS = {
    "MESH:D013315": Concept("MESH:D013315", "psychological stress", ROLE_MECHANISM, "biolink:PhenotypicFeature",
                            synonyms=("Stress, Psychological", "stress"), valence=-1),
    "MESH:D010146": Concept("MESH:D010146", "pain", ROLE_SYMPTOM, "biolink:PhenotypicFeature", valence=-1),
    "MESH:D014661": Concept("MESH:D014661", "vasoconstriction", ROLE_MECHANISM, "biolink:BiologicalProcess"),
    "MESH:D007511": Concept("MESH:D007511", "ischemia", ROLE_MECHANISM, "biolink:Disease",
                            synonyms=("ischaemia",), valence=-1),
    "MESH:D003863": Concept("MESH:D003863", "depression", ROLE_SYMPTOM, "biolink:Disease", valence=-1),
    "MESH:D005221": Concept("MESH:D005221", "fatigue", ROLE_SYMPTOM, "biolink:PhenotypicFeature", valence=-1),
    "MESH:D015444": Concept("MESH:D015444", "exercise", ROLE_TREATMENT, "biolink:Procedure",
                            synonyms=("physical exercise", "aerobic exercise")),
    "MONDO:0005546": Concept("MONDO:0005546", "fibromyalgia", ROLE_DISEASE, "biolink:Disease",
                             synonyms=("fibromyalgia syndrome",), abbreviations=("FMS",), valence=-1),
    "MESH:D006631": Concept("MESH:D006631", "diamine oxidase", ROLE_MECHANISM, "biolink:Protein",
                            abbreviations=("DAO",)),
    "MESH:D015283": Concept("MESH:D015283", "citalopram", ROLE_TREATMENT, "biolink:Drug"),
}

ABSTRACT = (
    "The widespread, deep pain of FMS can be a consequence of chronic psychological stress. "
    "Stress acts centrally to facilitate pain and acts peripherally, via sympathetic vasoconstriction, "
    "to establish painful muscular ischemia. "
    "FMS pain is stressful, setting up a vicious circle of reciprocal interaction. "
    "Physical exercise has been shown to counteract peripheral vasoconstriction and to attenuate stress, "
    "depression, and fatigue. "
    "Exercise should be considered strongly as a first-line approach to FMS therapy."
)
# (subject, direction, object, sentence start, hedge cue)
ABSTRACT_CLAIMS = (
    ("MESH:D013315", "increases", "MESH:D010146", "The widespread", "can be"),
    ("MESH:D013315", "increases", "MESH:D010146", "Stress acts", ""),
    ("MESH:D013315", "increases", "MESH:D014661", "Stress acts", ""),
    ("MESH:D014661", "increases", "MESH:D007511", "Stress acts", ""),
    ("MESH:D007511", "increases", "MESH:D010146", "Stress acts", ""),
    ("MESH:D010146", "increases", "MESH:D013315", "FMS pain", ""),
    ("MESH:D015444", "decreases", "MESH:D014661", "Physical exercise", ""),
    ("MESH:D015444", "decreases", "MESH:D013315", "Physical exercise", ""),
    ("MESH:D015444", "decreases", "MESH:D003863", "Physical exercise", ""),
    ("MESH:D015444", "decreases", "MESH:D005221", "Physical exercise", ""),
    ("MESH:D015444", "treats", "MONDO:0005546", "Exercise should", ""),
    ("MONDO:0005546", "associated", "MESH:D010146", "The widespread", ""),
)
SIMILAR_TITLE = "Finding No Reduction in Diamine Oxidase Levels and Activity except with Citalopram"


def _sentence(text: str, start_words: str) -> tuple[int, int, str]:
    start = text.index(start_words)
    end = text.index(". ", start) + 1 if ". " in text[start:] else len(text)
    return start, end, text[start:end]


def _evidence(doc: Document, work_index: int, section_index: int, subject: str, direction: str, obj: str,
              start_words: str, hedge: str = "", negation: str = "") -> Evidence:
    section = list(doc.works()[work_index].text_sections())[section_index]
    start, end, sentence = _sentence(section.text, start_words)
    return Evidence(subject, direction, obj, negated=bool(negation), hedged=bool(hedge), hedge_cue=hedge,
                    subject_text=subject, object_text=obj, source_file=doc.source_file, work_index=work_index,
                    section_index=section_index, section=section.section, start=start, end=end,
                    sentence=sentence, negation_cue=negation)


def _mentions(doc: Document, work_index: int, concept_ids: list[str]) -> list[Mention]:
    return [Mention(cid, CONCEPTS[cid].label, work_index, 0, 0, 1) for cid in concept_ids]


def _set_confidences(graph: nx.MultiDiGraph) -> None:
    """Deterministic, varied confidences (the scorer may still be a placeholder)."""
    for _, _, data in graph.edges(data=True):
        if data[ATTR_KIND] == EDGE_CLAIM:
            claim: Claim = data[ATTR_CLAIM]
            papers = len(claim.paper_ids)
            hedged = all(e.hedged for e in claim.evidences)
            claim.confidence = round(min(0.95, 0.35 + 0.15 * len(claim.evidences) + 0.2 * (papers - 1)
                                         - (0.15 if hedged else 0)), 2)


def seed_like_graph(hostile: bool = False) -> nx.MultiDiGraph:
    """Two papers, their cited and similar works, ten concepts and about fifteen claims,
    including a hedged one, a negated one and the stress -> pain -> stress loop.

    With ``hostile``, titles, a journal, a sentence and a concept label carry markup and script."""
    title = "A mechanism-based approach to prevention of and therapy for fibromyalgia"
    similar = (
        Work(title=SIMILAR_TITLE, pmid="36151442", year=2022, journal="Biomedicines"),
        Work(title="Efficacy of rehabilitation with Tai Ji Quan in an Italian cohort of patients with "
                   "Fibromyalgia Syndrome", pmid="27502810", year=2016, journal="Complement Ther Clin Pract",
             publication_types=("Clinical Trial",)),
        Work(title=HOSTILE_IMG if hostile else "Exercise for fibromyalgia: a review", pmid="29340774",
             year=2018, journal=HOSTILE_HREF if hostile else "Rheumatol Int"),
    )
    references = (
        Work(title=HOSTILE_SCRIPT if hostile else "Stress and pain", year=2001, journal="Pain"),
        Work(title="Sympathetic vasoconstriction in muscle", doi="10.1000/vaso.1", year=1999),
    )
    cited_by = (Work(title="Fibromyalgia: functional, autoimmune or both?", pmid="39382317", year=2024,
                     pmcid="PMC11859801", doi="10.1192/j.eurpsy.2024.1349"),)
    main = Work(title=title, pmid="22110947", pmcid="PMC3200141", doi="10.1155/2012/951354",
                journal="Pain Res Treat", year=2012, authors=("Gupta A", "Silman AJ", "Doe J", "Roe R"),
                publication_types=("Journal Article", "Review"),
                sections=(TextSection(SECTION_ABSTRACT, ABSTRACT, "Abstract"),))
    doc = Document("seeds/000.txt", main, references=references, cited_by=cited_by, similar=similar)
    facts = DocumentFacts(doc, concepts=dict(CONCEPTS))
    facts.mentions = _mentions(doc, 0, sorted(CONCEPTS)[:8]) + _mentions(doc, 4, ["MESH:D006631", "MESH:D015283"])
    for subject, direction, obj, start, hedge in ABSTRACT_CLAIMS:
        facts.evidences.append(_evidence(doc, 0, 1, subject, direction, obj, start, hedge))
    # from the similar article's title: a plain claim and a negated one
    facts.evidences.append(_evidence(doc, 4, 0, "MESH:D015283", "decreases", "MESH:D006631", "Finding"))
    facts.evidences.append(_evidence(doc, 4, 0, "MESH:D003863", "decreases", "MESH:D006631", "Finding",
                                     negation="No Reduction"))
    second = Document("seeds/002.md", Work(
        title="Fibromyalgia: functional, autoimmune or both? Treatment options", pmid="39382317",
        doi="10.1192/j.eurpsy.2024.1349", year=2024,
        sections=(TextSection(SECTION_ABSTRACT,
                              ("Aerobic exercise might be effective in reducing pain. " if not hostile else
                               "Aerobic exercise might be effective in reducing pain " + HOSTILE_IMG + ". ") +
                              "Exercise treats fibromyalgia in adults. ", "Abstract"),)))
    facts2 = DocumentFacts(second, concepts=dict(CONCEPTS))
    facts2.evidences.append(_evidence(second, 0, 1, "MESH:D015444", "decreases", "MESH:D010146", "Aerobic",
                                      hedge="might"))
    facts2.evidences.append(_evidence(second, 0, 1, "MESH:D015444", "treats", "MONDO:0005546", "Exercise treats"))
    if hostile:
        evil = Concept("KG:<svg onload=alert(1)>", "<b onmouseover=alert(1)>bold</b> concept", ROLE_MECHANISM,
                       "biolink:NamedThing", synonyms=("</script><script>alert(1)</script>",))
        facts2.concepts[evil.id] = evil
        facts2.evidences.append(_evidence(second, 0, 1, evil.id, "increases", "MESH:D010146", "Aerobic",
                                          hedge="might"))
    assembler = GraphAssembler()
    assembler.add(facts)
    assembler.add(facts2)
    graph = assembler.build()
    _set_confidences(graph)
    return graph


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n`` nodes shaped like a corpus build: papers citing works, papers mentioning
    concepts, claims between concepts. Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    concepts = [f"KG:c{i}" for i in range(max(10, n // 40))]
    papers = [f"PMID:{100000 + i}" for i in range(max(5, n // 8))]
    cited = [f"DOI:10.1/w{i}" for i in range(max(0, n - len(concepts) - len(papers)))]
    roles = (ROLE_MECHANISM, ROLE_SYMPTOM, ROLE_DISEASE, ROLE_TREATMENT)
    for i, cid in enumerate(concepts):
        concept = Concept(cid, f"concept {i}", roles[i % 4], "biolink:NamedThing", synonyms=(f"syn {i}",))
        graph.add_node(cid, **{ATTR_KIND: concept.role, ATTR_LABEL: concept.label, "concept": concept})
    for i, pid in enumerate(papers):
        graph.add_node(pid, **{ATTR_KIND: KIND_PAPER, ATTR_LABEL: f"Paper {i} on things",
                               "work": Work(title=f"Paper {i} on things", pmid=pid[5:], year=2000 + i % 20)})
    for i, wid in enumerate(cited):
        graph.add_node(wid, **{ATTR_KIND: KIND_CITED_WORK, ATTR_LABEL: f"Cited work {i}",
                               "work": Work(title=f"Cited work {i}", doi=wid[4:])})
    for wid in cited:
        for pid in {papers[int(rng.random() ** 1.5 * len(papers))] for _ in range(1 + int(rng.random() * 2.2))}:
            graph.add_edge(pid, wid, key=EDGE_CITES, kind=EDGE_CITES)
    for pid in papers:
        for cid in {concepts[int(rng.random() ** 2 * len(concepts))] for _ in range(3)}:
            graph.add_edge(pid, cid, key=EDGE_MENTIONS, kind=EDGE_MENTIONS)
    directions = ("increases", "decreases", "treats", "associated")
    for _ in range(len(concepts) * 2):
        a, b = rng.sample(concepts, 2)
        direction = directions[rng.randrange(4)]
        paper = papers[rng.randrange(len(papers))]
        evidence = Evidence(a, direction, b, False, False, "", a, b, "synthetic", 0, 0, SECTION_TITLE, 0, 10,
                            "A synthetic sentence.", paper_id=paper)
        claim = Claim(ClaimKey(a, direction, b, False), "biolink:related_to", [evidence], [paper],
                      confidence=round(rng.random(), 2))
        if not graph.has_edge(a, b, key=claim.id):
            graph.add_edge(a, b, key=claim.id, kind=EDGE_CLAIM, claim=claim)
    return graph
