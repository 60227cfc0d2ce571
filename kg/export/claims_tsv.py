"""``claims.tsv``: one row per piece of evidence for a claim."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.constants import ATTR_CLAIM, ATTR_KIND, ATTR_LABEL, EDGE_CLAIM
from kg.export.base import ExportOptions
from kg.records import Claim

COLUMNS = (
    "claim_id", "subject_id", "subject_label", "subject_text", "predicate", "direction",
    "object_id", "object_label", "object_text", "negated", "hedged", "hedge_cue",
    "negation_cue", "confidence", "papers", "paper", "source_file", "section",
    "start", "end", "sentence",
)


def _clean(value: str) -> str:
    """TSV cells hold no tabs or newlines."""
    return " ".join(value.split())


def claims(graph: nx.MultiDiGraph) -> list[Claim]:
    """Every claim of the graph, in graph order."""
    return [data[ATTR_CLAIM] for _, _, data in graph.edges(data=True) if data[ATTR_KIND] == EDGE_CLAIM]


def write_claims_tsv(graph: nx.MultiDiGraph, path: Path, options: ExportOptions) -> None:
    """Write one row per evidence of every claim."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar=None, quotechar=None)
        writer.writerow(COLUMNS)
        for claim in claims(graph):
            key = claim.key
            for ev in claim.evidences:
                writer.writerow((
                    claim.id, key.subject_id, _clean(graph.nodes[key.subject_id][ATTR_LABEL]), _clean(ev.subject_text),
                    claim.predicate, key.direction, key.object_id, _clean(graph.nodes[key.object_id][ATTR_LABEL]),
                    _clean(ev.object_text), str(ev.negated).lower(), str(ev.hedged).lower(), ev.hedge_cue,
                    ev.negation_cue, f"{claim.confidence:.3f}", len(claim.paper_ids), ev.paper_id,
                    ev.source_file, ev.section, ev.start, ev.end, _clean(ev.sentence),
                ))
