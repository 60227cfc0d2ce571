"""How each node kind and claim direction looks on the page: one table, sent to the page as data."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from kg.constants import (
    DIRECTION_ASSOCIATED,
    DIRECTION_DECREASES,
    DIRECTION_INCREASES,
    DIRECTION_TREATS,
    KIND_CITED_WORK,
    KIND_MESH_TERM,
    KIND_PAPER,
    ROLE_BIOMARKER,
    ROLE_DISEASE,
    ROLE_MECHANISM,
    ROLE_RISK_FACTOR,
    ROLE_SYMPTOM,
    ROLE_TREATMENT,
)


@dataclass(frozen=True)
class KindStyle:
    """Legend entry and drawing of one node kind (``shape`` is a vis-network shape)."""

    kind: str
    label: str
    color: str
    border: str
    shape: str
    bibliographic: bool  # part of the layer that "hide papers and citations" hides
    shown: bool = True  # shown when the page opens


@dataclass(frozen=True)
class DirectionStyle:
    """Legend entry and colour of one claim direction; ``symbol`` precedes the object in text."""

    direction: str
    label: str
    color: str
    symbol: str
    arrow: bool
    negated: str  # the label of a negated claim: "does not increase"


KIND_STYLES: tuple[KindStyle, ...] = (
    KindStyle(ROLE_MECHANISM, "Mechanism", "#f28e2b", "#b35806", "dot", False),
    KindStyle(ROLE_SYMPTOM, "Symptom", "#e15759", "#a50f15", "triangle", False),
    KindStyle(ROLE_DISEASE, "Disease", "#9c6ade", "#54278f", "star", False),
    KindStyle(ROLE_TREATMENT, "Treatment", "#59a14f", "#1b7837", "diamond", False),
    KindStyle(ROLE_BIOMARKER, "Biomarker", "#b07aa1", "#6a3d74", "triangleDown", False),
    KindStyle(ROLE_RISK_FACTOR, "Risk factor", "#edc948", "#8c6d0a", "hexagon", False),
    KindStyle(KIND_PAPER, "Paper", "#4e79a7", "#1d3f63", "square", True),
    KindStyle(KIND_CITED_WORK, "Cited work", "#a0cbe8", "#4e79a7", "square", True),
    KindStyle(KIND_MESH_TERM, "MeSH heading", "#d3d3d3", "#8c8c8c", "hexagon", True, shown=False),
)
FALLBACK_STYLE = KindStyle("other", "Other", "#bab0ac", "#79706e", "dot", False)

DIRECTION_STYLES: tuple[DirectionStyle, ...] = (
    DirectionStyle(DIRECTION_INCREASES, "increases", "#d62728", "↑", True, "does not increase"),
    DirectionStyle(DIRECTION_DECREASES, "decreases", "#1f77b4", "↓", True, "does not decrease"),
    DirectionStyle(DIRECTION_TREATS, "treats", "#2ca02c", "℞", True, "does not treat"),
    DirectionStyle(DIRECTION_ASSOCIATED, "associated with", "#7f7f7f", "~", False, "is not associated with"),
)

BIBLIO_EDGE_COLOR = "#c8cdd3"
CYCLE_COLOR = "#ffb000"


def kind_style(kind: str) -> KindStyle:
    """The style of ``kind``, or a neutral one for kinds the table does not know."""
    for style in KIND_STYLES:
        if style.kind == kind:
            return style
    return KindStyle(kind, kind.replace("_", " ").capitalize(), FALLBACK_STYLE.color,
                     FALLBACK_STYLE.border, FALLBACK_STYLE.shape, False)


def style_table(kinds: list[str]) -> dict[str, object]:
    """The styles the page needs, as JSON-ready data: every known kind, plus any others present."""
    known = [style.kind for style in KIND_STYLES]
    extra = sorted(k for k in set(kinds) if k not in known)
    return {
        "kinds": [asdict(kind_style(k)) for k in (*known, *extra)],
        "directions": [asdict(d) for d in DIRECTION_STYLES],
        "biblioEdgeColor": BIBLIO_EDGE_COLOR,
        "cycleColor": CYCLE_COLOR,
    }
