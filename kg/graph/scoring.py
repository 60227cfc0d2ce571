"""Claim confidence, study designs, contradictions and the Biolink predicate of each direction.

Confidence of a claim (a noisy-OR over independent papers)::

    support(paper) = design_weight[study_design(paper)] * (hedge_factor if every sentence
                     of that paper supporting the claim is hedged else 1)
    confidence     = 1 - product over distinct papers of (1 - support(paper))

rounded to 3 decimals. More papers raise it, better designs raise it, hedging lowers it;
one paper can never count twice however many sentences it has.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from kg.constants import DIRECTION_ASSOCIATED, DIRECTION_DECREASES, DIRECTION_INCREASES, DIRECTIONS
from kg.errors import KGError, VocabularyError
from kg.extract.tokens import read_table
from kg.records import Claim, ClaimKey, Work

VOCAB_DIR = Path(__file__).resolve().parents[1] / "vocab"
DESIGNS_FILE = VOCAB_DIR / "study_designs.tsv"
PREDICATES_FILE = VOCAB_DIR / "predicates.tsv"

DESIGN_META_ANALYSIS = "meta-analysis"
DESIGN_RCT = "rct"  # randomized controlled trial
DESIGN_CLINICAL_TRIAL = "clinical-trial"  # any other clinical trial
DESIGN_COHORT = "observational"  # cohort, case-control, cross-sectional
DESIGN_REVIEW = "review"
DESIGN_OTHER = "other"
DESIGN_ORDER = (DESIGN_META_ANALYSIS, DESIGN_RCT, DESIGN_CLINICAL_TRIAL, DESIGN_COHORT, DESIGN_REVIEW, DESIGN_OTHER)

DEFAULT_DESIGN_WEIGHTS: Mapping[str, float] = {
    DESIGN_META_ANALYSIS: 0.9,
    DESIGN_RCT: 0.8,
    DESIGN_CLINICAL_TRIAL: 0.7,
    DESIGN_COHORT: 0.6,
    DESIGN_REVIEW: 0.5,
    DESIGN_OTHER: 0.4,
}


@dataclass(frozen=True)
class ScoringWeights:
    """Weights of the confidence formula.

    ``design``: how much one paper of each study design supports a claim (0..1; defaults
    meta-analysis 0.9, rct 0.8, clinical-trial 0.7, observational 0.6, review 0.5, other 0.4). ``hedge_factor``: the share of that
    support left when every sentence of the paper hedges the claim (default 0.6)."""

    design: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_DESIGN_WEIGHTS))
    hedge_factor: float = 0.6


def load_weights(path: str) -> ScoringWeights:
    """Weights from a JSON file such as ``{"design": {"review": 0.4}, "hedge_factor": 0.5}``.

    Keys left out keep their defaults."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KGError(f"{path}: cannot read scoring weights: {exc}",
                      hint="give a JSON object with 'design' and/or 'hedge_factor'") from exc
    if not isinstance(data, dict) or set(data) - {"design", "hedge_factor"}:
        raise KGError(f"{path}: scoring weights must be a JSON object with keys 'design' and 'hedge_factor'",
                      hint="see the confidence formula in the README")
    design = dict(DEFAULT_DESIGN_WEIGHTS)
    given = data.get("design", {})
    if not isinstance(given, dict):
        raise KGError(f"{path}: 'design' must map study designs to weights")
    for name, value in given.items():
        if name not in DESIGN_ORDER:
            raise KGError(f"{path}: unknown study design {name!r}; choose from {', '.join(DESIGN_ORDER)}")
        design[name] = _unit(path, f"design.{name}", value)
    hedge_factor = _unit(path, "hedge_factor", data.get("hedge_factor", ScoringWeights.hedge_factor))
    return ScoringWeights(design, hedge_factor)


def _unit(path: str, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise KGError(f"{path}: {name} must be a number from 0 to 1, not {value!r}")
    return float(value)


@dataclass(frozen=True)
class _DesignRules:
    by_type: Mapping[str, str]  # lower-case publication type name or MeSH id -> design
    title: tuple[tuple[re.Pattern[str], str], ...]
    any_title: re.Pattern[str]  # matches where some title pattern might: most titles name no design


@lru_cache(maxsize=1)
def _design_rules() -> _DesignRules:
    by_type: dict[str, str] = {}
    title: list[tuple[re.Pattern[str], str]] = []
    for line_no, (match, value, design) in read_table(DESIGNS_FILE, ("match", "value", "design")):
        if design not in DESIGN_ORDER or match not in ("type", "title") or not value:
            raise VocabularyError(f"{DESIGNS_FILE}:{line_no}: expected type|title, a value and a design "
                                  f"from {', '.join(DESIGN_ORDER)}")
        if match == "type":
            by_type[value.lower()] = design
        else:
            title.append((re.compile(rf"(?<![a-z]){re.escape(value.lower())}(?![a-z])"), design))
    any_title = re.compile("|".join(pattern.pattern for pattern, _ in title) or "(?!)")
    return _DesignRules(by_type, tuple(title), any_title)


def study_design(work: Work) -> str:
    """The best study design a work's publication types (or, lacking those, its title) name."""
    rules = _design_rules()
    found = {rules.by_type.get(t.strip().lower()) for t in (*work.publication_types, *work.publication_type_ids)}
    if not found - {None}:
        title = work.title.lower()
        if not rules.any_title.search(title):
            return DESIGN_OTHER
        found = {design for pattern, design in rules.title if pattern.search(title)}
    return next((d for d in DESIGN_ORDER if d in found), DESIGN_OTHER)


@lru_cache(maxsize=1)
def _predicates() -> Mapping[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line_no, (direction, predicate, qualifier) in read_table(
            PREDICATES_FILE, ("direction", "predicate", "object_direction_qualifier")):
        if direction not in DIRECTIONS or not predicate.startswith("biolink:"):
            raise VocabularyError(f"{PREDICATES_FILE}:{line_no}: expected a direction and a biolink: predicate")
        table[direction] = (predicate, qualifier)
    missing = set(DIRECTIONS) - set(table)
    if missing:
        raise VocabularyError(f"{PREDICATES_FILE}: no predicate for {', '.join(sorted(missing))}")
    return table


def predicate_for(direction: str) -> str:
    """The Biolink predicate CURIE of a claim direction."""
    try:
        return _predicates()[direction][0]
    except KeyError:
        raise VocabularyError(f"{PREDICATES_FILE}: no predicate for direction {direction!r}") from None


def direction_qualifier(direction: str) -> str:
    """The Biolink object_direction_qualifier of a direction ("increased", "decreased" or "")."""
    return _predicates().get(direction, ("", ""))[1]


def score_claims(claims: list[Claim], works: Mapping[str, Work], weights: ScoringWeights) -> None:
    """Set every claim's ``confidence`` and ``contradicts`` (see the module docstring)."""
    designs: dict[str, str] = {}
    for claim in claims:
        claim.confidence = _confidence(claim, works, weights, designs)
    _mark_contradictions(claims)


def _confidence(claim: Claim, works: Mapping[str, Work], weights: ScoringWeights, designs: dict[str, str]) -> float:
    hedged_only: dict[str, bool] = {}
    for paper in claim.paper_ids:
        hedged_only.setdefault(paper, True)
    for evidence in claim.evidences:
        paper = evidence.paper_id or f"{evidence.source_file}#{evidence.work_index}"
        hedged_only[paper] = hedged_only.get(paper, True) and evidence.hedged
    doubt = 1.0
    for paper in sorted(hedged_only):
        if paper not in designs:
            work = works.get(paper)
            designs[paper] = study_design(work) if work is not None else DESIGN_OTHER
        support = weights.design.get(designs[paper], DEFAULT_DESIGN_WEIGHTS[DESIGN_OTHER])
        if hedged_only[paper]:
            support *= weights.hedge_factor
        doubt *= 1.0 - min(max(support, 0.0), 1.0)
    return round(min(max(1.0 - doubt, 0.0), 1.0), 3) if hedged_only else 0.0


def _mark_contradictions(claims: Iterable[Claim]) -> None:
    """Same pair asserted and negated, or asserted as both increasing and decreasing."""
    by_pair: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        claim.contradicts = []
        by_pair.setdefault(_pair(claim.key), []).append(claim)
    opposite = {DIRECTION_INCREASES: DIRECTION_DECREASES, DIRECTION_DECREASES: DIRECTION_INCREASES}
    for group in by_pair.values():
        for claim in group:
            k = claim.key
            for other in group:
                o = other.key
                if other is claim:
                    continue
                same_relation = o.direction == k.direction and o.negated != k.negated and (
                    k.direction == DIRECTION_ASSOCIATED or o.subject_id == k.subject_id)
                reversed_effect = (not k.negated and not o.negated and o.subject_id == k.subject_id
                                   and opposite.get(k.direction) == o.direction)
                if same_relation or reversed_effect:
                    claim.contradicts.append(o)
            claim.contradicts.sort(key=lambda c: (c.subject_id, c.direction, c.object_id, c.negated))


def _pair(key: ClaimKey) -> tuple[str, str]:
    a, b = key.subject_id, key.object_id
    return (a, b) if a <= b else (b, a)
