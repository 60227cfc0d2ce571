"""`kg build` over every sample in tests/data: one merged graph."""
from __future__ import annotations

from pathlib import Path

from kg.constants import ATTR_SOURCES, ATTR_WORK, EDGE_CITES
from kg.graph.identity import normalize_title
from kg.pipeline import build_graph

DATA = Path(__file__).resolve().parent / "data"
JATS = str(DATA / "pmc_jats" / "pone.0046493.nxml")
RIS = str(DATA / "ris" / "cited_elsewhere.ris")


def test_every_sample_builds_into_one_graph_and_shared_works_are_one_node():
    result = build_graph([str(DATA)])
    # the only unreadable files are the licences and the README beside the samples
    assert {Path(p.path).name.split(".")[0] for p in result.problems} <= {"README", "LICENSE"}
    graph = result.graph
    citing = "PMID:23029536"  # pone.0046493.nxml

    by_pmid = graph.nodes["PMID:21127999"]
    assert set(by_pmid[ATTR_SOURCES]) == {JATS, RIS}
    assert graph.has_edge(citing, "PMID:21127999", key=EDGE_CITES)

    wanted = normalize_title("Intracellular lipophilic inclusions of mycobacteria in vitro and in sputum")
    matches = [n for n, d in graph.nodes(data=True)
               if ATTR_WORK in d and normalize_title(d[ATTR_WORK].title) == wanted]
    assert len(matches) == 1
    (node,) = matches
    assert set(graph.nodes[node][ATTR_SOURCES]) == {JATS, RIS}
    assert graph.has_edge(citing, node, key=EDGE_CITES)
    assert graph.nodes[node][ATTR_WORK].volume == "148"
