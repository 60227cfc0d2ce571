"""Every shipped query on the seed graph, in the embedded store and over HTTP, with
checks on the rows themselves (grounded in what the seed texts say)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import load_query, run_query, shipped_names
from kg.store.embedded import StoreTarget, memory_store
from kg.store.endpoint import HttpTarget
from kg.store.http import Endpoint

SEED_PMID = "22110947"
CITING = {"38337486", "36683836", "39382317", "23629594"}
CONTRADICTION_DOC = Path(__file__).parent / "data" / "contradiction.md"


def rows(where, name: str, **params: str) -> list[dict[str, str]]:
    return run_query(load_query(name), where, params).dicts()


def check_citing_papers(target) -> None:
    found = rows(target, "citing-papers")
    assert {r["citing_pmid"] for r in found} == CITING
    assert len(found) == 4
    assert all(r["title"] for r in found)
    assert rows(target, "citing-papers", pmid="38337486") == []  # nothing in the seeds cites it


def check_most_cited(target) -> None:
    top = rows(target, "most-cited")
    assert [(r["pmid"], r["cited_by"]) for r in top] == [(SEED_PMID, "4")]
    everything = rows(target, "most-cited", min_citations="1")
    assert everything[0]["pmid"] == SEED_PMID
    assert len(everything) == 5 and {r["cited_by"] for r in everything[1:]} == {"1"}  # its 4 references


def check_papers_per_year(target) -> None:
    found = rows(target, "papers-per-year")
    years = [r["year"] for r in found]
    assert years == sorted(years) and len(set(years)) == len(years)
    for r in found:
        assert int(r["works"]) == int(r["papers"]) + int(r["cited_works"])
    assert {"year": "2024", "works": "2", "papers": "1", "cited_works": "1"} in found  # the 2024 summary
    assert {"2014", "2022", "2024", "2025"} <= set(years)  # the citing papers' years


def check_treatments_for(target) -> None:
    fatigue = rows(target, "treatments-for")
    assert {(r["treatment_label"], r["direction"]) for r in fatigue} >= {("exercise", "decreases")}
    assert all(r["target_label"] == "fatigue" for r in fatigue)
    confidences = [Decimal(r["confidence"]) for r in fatigue]
    assert confidences == sorted(confidences, reverse=True)
    pain = rows(target, "treatments-for", target="PAIN")  # case-insensitive
    assert "electrical stimulation therapy" in {r["treatment_label"] for r in pain}
    assert all(r["direction"] in ("decreases", "treats") for r in pain)  # pain: more is bad
    fibro = rows(target, "treatments-for", target="FMS")  # an abbreviation
    assert {"exercise", "Tai Ji", "neuromodulation"} <= {r["treatment_label"] for r in fibro}
    assert rows(target, "treatments-for", target='fatigue" } UNION { ?claim ?p ?o } #') == []


def check_upstream_of_pain(target) -> None:
    found = rows(target, "upstream-of-pain")
    steps = {(r["cause_label"], r["effect_label"]) for r in found}
    assert {("psychological stress", "pain"), ("psychological stress", "vasoconstriction"),
            ("vasoconstriction", "muscle ischemia"), ("muscle ischemia", "pain")} <= steps
    for r in found:
        assert (r["direct"] == "true") == (r["effect_label"] == "pain")
    assert not {cause for cause, _ in steps} & {"exercise", "fibromyalgia"}  # they do not lead to pain


def check_stress_to_pain(target) -> None:
    found = rows(target, "stress-to-pain")
    chains = {r["chain"]: r["steps"] for r in found}
    assert chains["psychological stress → pain"] == "1"
    assert chains["psychological stress → vasoconstriction → muscle ischemia → pain"] == "3"
    for r in found:
        assert r["chain"].count(" → ") == int(r["steps"])
        assert Decimal("0") < Decimal(r["weakest"]) <= Decimal("1")
    reverse = rows(target, "stress-to-pain", source="pain", target="stress")
    assert [r["chain"] for r in reverse] == ["pain → psychological stress"]


def check_vicious_circles(target) -> None:
    found = rows(target, "vicious-circles")
    pairs = {(r["cause_label"], r["effect_label"]): r["back_directly"] for r in found}
    assert pairs[("psychological stress", "pain")] == "true"
    assert pairs[("pain", "psychological stress")] == "true"
    assert pairs[("vasoconstriction", "muscle ischemia")] == "false"  # stress → vasoconstriction → ischemia → pain → stress
    assert ("exercise", "sleep quality") not in pairs


def check_claim_evidence(target) -> None:
    found = rows(target, "claim-evidence")
    assert len(found) >= 2
    for r in found:
        assert r["claim_label"] == "psychological stress increases pain"
        assert int(r["end"]) - int(r["start"]) == len(r["sentence"])
        assert r["pmid"] == SEED_PMID
    sentences = " ".join(r["sentence"] for r in found)
    assert "Stress acts centrally to facilitate pain" in sentences
    assert "can" in {r.get("hedge_cue") for r in found}  # "pain ... can be a consequence of ... stress"
    exercise = rows(target, "claim-evidence", subject="Physical exercise", direction="decreases", object="fatigue")
    assert any("attenuate stress, depression, and fatigue" in r["sentence"] for r in exercise)


def check_hedged_only(target) -> None:
    found = rows(target, "hedged-only")
    labels = {r["claim_label"]: r["cues"] for r in found}
    assert labels["neuromodulation treats fibromyalgia"] == "may"
    assert "psychological stress increases pain" not in labels  # one of its sentences states it as fact
    for r in found:
        assert r["cues"] and r["negated"] == "false"
    assert rows(target, "hedged-only", min_evidences="99") == []


def check_negated_findings(target) -> None:
    found = rows(target, "negated-findings")
    assert [(r["claim_label"], r["negation_cue"], r["pmid"]) for r in found] == [
        ("psychotropic drugs does not decrease diamine oxidase", "No", "38337486")]
    assert "No Reduction in Diamine Oxidase" in found[0]["sentence"]


def check_contradictions(target) -> None:
    assert rows(target, "contradictions") == []  # the seeds contradict nothing; see test_contradictions_found


def check_claims_by_design(target) -> None:
    found = rows(target, "claims-by-design")
    order = ["meta-analysis", "rct", "clinical-trial", "observational", "review", "other"]
    designs = [r["paper_design"] for r in found]
    assert designs == sorted(designs, key=order.index)
    assert found[0]["claim_label"] == "Tai Ji treats fibromyalgia" and found[0]["paper_design"] == "clinical-trial"
    reviews = rows(target, "claims-by-design", design="Review")
    assert reviews and {r["paper_design"] for r in reviews} == {"review"}


def check_co_mentioned(target) -> None:
    found = rows(target, "co-mentioned")
    assert (found[0]["a_label"], found[0]["b_label"]) == ("fibromyalgia", "pain")
    assert int(found[0]["works"]) >= 2
    assert all(r["a_label"] <= r["b_label"] and int(r["works"]) >= 2 for r in found)
    with_exercise = rows(target, "co-mentioned", concept="physical exercise", min_works="1")
    assert with_exercise and all("exercise" in (r["a_label"], r["b_label"]) for r in with_exercise)


CHECKS: dict[str, Callable] = {
    "citing-papers": check_citing_papers,
    "most-cited": check_most_cited,
    "papers-per-year": check_papers_per_year,
    "treatments-for": check_treatments_for,
    "upstream-of-pain": check_upstream_of_pain,
    "stress-to-pain": check_stress_to_pain,
    "vicious-circles": check_vicious_circles,
    "claim-evidence": check_claim_evidence,
    "hedged-only": check_hedged_only,
    "negated-findings": check_negated_findings,
    "contradictions": check_contradictions,
    "claims-by-design": check_claims_by_design,
    "co-mentioned": check_co_mentioned,
}


@pytest.mark.parametrize("name", shipped_names())
def test_query_on_the_seed_graph(name, target):
    assert name in CHECKS, f"query {name} has no check on its rows"
    CHECKS[name](target)


@pytest.mark.parametrize("name", sorted(set(shipped_names()) - {"contradictions"}))
def test_every_query_but_contradictions_has_rows_on_the_seeds(name, embedded_target):
    assert run_query(load_query(name), embedded_target).rows


@pytest.fixture(scope="module")
def contradiction_nt(seed_build, tmp_path_factory) -> Path:
    """The seeds plus one hand-written summary saying exercise did not reduce fatigue."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("contradiction")
    seeds = Path(seed_build.files[0]).parent
    build([str(seeds), str(CONTRADICTION_DOC)], out, formats=["ntriples"])
    return out / "graph.nt"


def test_contradictions_found_in_the_embedded_store_and_over_http(contradiction_nt, server):
    graph = "https://example.org/kg-test/contradiction"
    loaded = CliRunner().invoke(main, ["load", str(contradiction_nt), "--endpoint", server.url, "--graph", graph, "-q"])
    assert loaded.exit_code == 0, loaded.output
    for target in (StoreTarget(memory_store(contradiction_nt)), HttpTarget(Endpoint.from_url(server.url), [graph])):
        found = rows(target, "contradictions")
        assert [{r["claim_label"], r["other_label"]} for r in found] == [
            {"exercise decreases fatigue", "exercise does not decrease fatigue"}]
