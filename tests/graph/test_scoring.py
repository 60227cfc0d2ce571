"""Claim confidence, study designs, contradictions, weights and predicates."""
from __future__ import annotations

import json

import pytest

from kg.constants import DIRECTIONS
from kg.errors import KGError
from kg.graph.scoring import (
    DEFAULT_DESIGN_WEIGHTS,
    ScoringWeights,
    direction_qualifier,
    load_weights,
    predicate_for,
    score_claims,
    study_design,
)
from kg.records import Claim, ClaimKey, Evidence, Work


def _evidence(paper: str, hedged: bool = False, subject: str = "A", direction: str = "decreases",
              obj: str = "B", negated: bool = False) -> Evidence:
    return Evidence(subject, direction, obj, negated, hedged, "may" if hedged else "", "a", "b", "f.txt",
                    0, 1, "abstract", 0, 10, "A lowers B.", paper_id=paper)


def _claim(*evidences: Evidence) -> Claim:
    first = evidences[0]
    claim = Claim(ClaimKey(first.subject_id, first.direction, first.object_id, first.negated), "biolink:affects",
                  list(evidences))
    claim.paper_ids = list(dict.fromkeys(e.paper_id for e in evidences))
    return claim


def _score(*claims: Claim, works=None, weights=None) -> list[Claim]:
    score_claims(list(claims), works or {}, weights or ScoringWeights())
    return list(claims)


@pytest.mark.parametrize("types, title, design", [
    (("Journal Article", "Meta-Analysis", "Review"), "", "meta-analysis"),
    (("Randomized Controlled Trial", "Journal Article"), "", "rct"),
    (("Clinical Trial, Phase III",), "", "clinical-trial"),
    (("Observational Study",), "", "observational"),
    (("Review",), "", "review"),
    (("Journal Article",), "", "other"),
    ((), "Yoga for pain: a randomised controlled trial", "rct"),
    ((), "Brain-derived neurotrophic factor and exercise: a mini review", "review"),
    ((), "Efficacy of tai chi", "other"),
])
def test_study_design_from_publication_types_or_title(types, title, design):
    assert study_design(Work(title=title, publication_types=types)) == design


def test_study_design_from_mesh_ids():
    assert study_design(Work(publication_type_ids=("D016449",))) == "rct"


def test_support_counts_papers_not_sentences():
    one_paper = _claim(_evidence("P1"), _evidence("P1"), _evidence("P1"))
    two_papers = _claim(_evidence("P1"), _evidence("P2"))
    _score(one_paper, two_papers)
    assert one_paper.confidence == pytest.approx(DEFAULT_DESIGN_WEIGHTS["other"])
    assert two_papers.confidence > one_paper.confidence
    assert two_papers.confidence == pytest.approx(1 - (1 - 0.4) ** 2, abs=1e-3)


def test_design_and_hedging_move_confidence():
    works = {"RCT": Work(publication_types=("Randomized Controlled Trial",)), "OTHER": Work()}
    rct, other, hedged = _claim(_evidence("RCT")), _claim(_evidence("OTHER")), _claim(_evidence("OTHER", True))
    _score(rct, other, hedged, works=works)
    assert rct.confidence > other.confidence > hedged.confidence > 0
    half_hedged = _claim(_evidence("OTHER", True), _evidence("OTHER", False))
    _score(half_hedged, works=works)
    assert half_hedged.confidence == other.confidence  # one plain sentence is enough


def test_confidence_is_bounded_rounded_and_deterministic():
    many = _claim(*(_evidence(f"P{i}") for i in range(40)))
    _score(many)
    assert 0 <= many.confidence <= 1 and many.confidence == round(many.confidence, 3)
    again = _claim(*(_evidence(f"P{i}") for i in reversed(range(40))))
    _score(again)
    assert again.confidence == many.confidence


def test_custom_weights_change_the_score(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"design": {"other": 0.2}, "hedge_factor": 0.5}))
    weights = load_weights(str(path))
    assert weights.design["other"] == 0.2 and weights.design["review"] == DEFAULT_DESIGN_WEIGHTS["review"]
    claim = _claim(_evidence("P1", True))
    _score(claim, weights=weights)
    assert claim.confidence == 0.1


@pytest.mark.parametrize("content", ["{", '{"design": {"nonsense": 0.5}}', '{"hedge_factor": 2}',
                                     '{"speed": 1}', '[1, 2]', '{"design": {"review": "high"}}'])
def test_bad_weights_files_raise_kg_errors(tmp_path, content):
    path = tmp_path / "w.json"
    path.write_text(content)
    with pytest.raises(KGError):
        load_weights(str(path))


def test_contradictions():
    asserted = _claim(_evidence("P1"))
    negated = _claim(_evidence("P2", negated=True))
    opposite = _claim(_evidence("P3", direction="increases"))
    unrelated = _claim(_evidence("P4", obj="C"))
    assoc = _claim(_evidence("P5", direction="associated", subject="X", obj="Y"))
    assoc_denied = _claim(_evidence("P6", direction="associated", subject="Y", obj="X", negated=True))
    _score(asserted, negated, opposite, unrelated, assoc, assoc_denied)
    assert set(asserted.contradicts) == {negated.key, opposite.key}
    assert negated.contradicts == [asserted.key]
    assert opposite.contradicts == [asserted.key]
    assert unrelated.contradicts == []
    assert assoc.contradicts == [assoc_denied.key] and assoc_denied.contradicts == [assoc.key]


def test_every_direction_has_a_biolink_predicate():
    assert predicate_for("treats") == "biolink:treats_or_applied_or_studied_to_treat"
    assert predicate_for("associated") == "biolink:associated_with"
    assert {predicate_for(d) for d in DIRECTIONS} <= {
        "biolink:contributes_to", "biolink:affects", "biolink:treats_or_applied_or_studied_to_treat",
        "biolink:associated_with"}
    assert direction_qualifier("decreases") == "decreased" and direction_qualifier("associated") == ""
    with pytest.raises(KGError):
        predicate_for("sideways")
