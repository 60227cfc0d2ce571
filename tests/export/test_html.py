"""graph.html without a browser: self-contained, safe, deterministic, and what it shows."""
from __future__ import annotations

import base64
import hashlib
import json
import locale
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from test_html_fixtures import HOSTILE_HREF, HOSTILE_IMG, HOSTILE_SCRIPT, seed_like_graph, synthetic_graph

from kg.cli import main
from kg.constants import ATTR_KIND, CONCEPT_ROLES, EDGE_CLAIM, OUT_HTML
from kg.errors import KGError
from kg.export.base import ExportOptions
from kg.export.html import PHYSICS_MAX_NODES, UnknownFocusError, render_html, write_html
from kg.export.html.cycles import causal_cycles
from kg.export.html.layout import layout
from kg.export.html.page import script_json
from kg.export.html.select import neighbourhood, resolve_focus, select_nodes

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


def page_json(html: str, element_id: str = "kg-data") -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.DOTALL)
    assert match, element_id
    return json.loads(match.group(1))


def outside_scripts(html: str) -> str:
    return _SCRIPT.sub("<script></script>", html)


@pytest.fixture(scope="module")
def seed_like():
    return seed_like_graph()


@pytest.fixture(scope="module")
def seed_like_html(seed_like):
    return render_html(seed_like)


# --- self-contained and safe ---------------------------------------------------------------------

def test_page_loads_nothing_from_anywhere(seed_like_html):
    markup = outside_scripts(seed_like_html)
    assert not re.search(r"\b(src|href|action|srcset|poster)\s*=", markup, re.IGNORECASE)
    assert "<link" not in markup.lower() and "@import" not in markup and "url(" not in markup
    assert "http" not in markup.replace("http-equiv", "")
    scripts = _SCRIPT.findall(seed_like_html)
    assert [attrs for attrs, _ in scripts] == [' type="application/json" id="kg-styles"',
                                               ' type="application/json" id="kg-data"', "", ""]
    assert "vis-network" in scripts[2][1] and "new vis.Network" in scripts[3][1]


def test_csp_allows_only_the_two_inline_scripts_by_hash(seed_like_html):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', seed_like_html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    code = [body for attrs, body in _SCRIPT.findall(seed_like_html) if "application/json" not in attrs]
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'" for c in code}
    assert set(re.search(r"script-src ([^;]*)", csp).group(1).split()) == hashes


def test_script_json_cannot_break_out_of_its_element():
    value = {"t": [HOSTILE_IMG, HOSTILE_SCRIPT, "<!-- a & b -->", "line\u2028sep\u2029x", "'\"\\"]}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_hostile_titles_reach_the_page_only_as_json_data():
    graph = seed_like_graph(hostile=True)
    html = render_html(graph)
    for payload in (HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_HREF, "<svg onload", "<b onmouseover"):
        assert payload not in html
    assert html.count("</script>") == 4
    data = page_json(html)
    titles = {w["title"] for w in data["works"].values()}
    assert {HOSTILE_IMG, HOSTILE_SCRIPT} <= titles
    assert HOSTILE_HREF in {w["journal"] for w in data["works"].values()}
    assert "KG:<svg onload=alert(1)>" in {n["id"] for n in data["nodes"]}
    assert any(HOSTILE_IMG in e["sentence"] for c in data["claims"] for e in c["evidence"])


def test_the_script_never_writes_markup():
    code = (Path(__file__).resolve().parents[2] / "kg/export/html/assets/app.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL), flags=re.MULTILINE)
    assert "textContent" in code or "createTextNode" in code
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setAttribute(\"on", "javascript:"):
        assert sink not in code, sink


def test_links_are_https_to_pubmed_pmc_and_doi(seed_like_html):
    works = page_json(seed_like_html)["works"]
    assert [link["url"] for link in works["PMID:22110947"]["links"]] == [
        "https://pubmed.ncbi.nlm.nih.gov/22110947/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC3200141/",
        "https://doi.org/10.1155/2012/951354",
    ]


def test_node_ids_stay_strings_even_when_numeric():
    graph = nx.MultiDiGraph()
    graph.add_node("12345", kind="mechanism", label="numeric id")
    graph.add_node("PMID:1", kind="paper", label="a paper")
    graph.add_edge("PMID:1", "12345", key="mentions", kind="mentions")
    data = page_json(render_html(graph))
    assert [n["id"] for n in data["nodes"]] == ["12345", "PMID:1"]
    assert data["edges"][0]["to"] == "12345"


# --- files and determinism ---------------------------------------------------------------------------

def test_write_html_writes_utf8_whatever_the_locale_and_nothing_else(tmp_path, monkeypatch):
    graph = seed_like_graph()
    graph.nodes["PMID:22110947"]["work"].authors = ("Söderberg Ä", "Ω-author")
    monkeypatch.setattr(locale, "getpreferredencoding", lambda *_: "ascii")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    write_html(graph, out / OUT_HTML, ExportOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == [OUT_HTML]
    text = (out / OUT_HTML).read_bytes().decode("utf-8")
    assert "Söderberg Ä" in text and '<meta charset="utf-8">' in text


def test_same_graph_gives_the_same_bytes():
    assert render_html(seed_like_graph()) == render_html(seed_like_graph())
    big = synthetic_graph(700)
    first, second = render_html(big), render_html(synthetic_graph(700))
    assert first == second and '"x":' in first


# --- what the page shows --------------------------------------------------------------------------

def test_claims_carry_direction_hedging_negation_confidence_and_evidence(seed_like_html):
    data = page_json(seed_like_html)
    claims = {c["id"]: c for c in data["claims"]}
    hedged = claims["MESH:D015444|decreases|MESH:D010146|asserted"]
    assert hedged["hedged"] is True and hedged["evidence"][0]["hedgeCue"] == "might"
    assert hedged["confidence"] == 0.35
    mixed = claims["MESH:D013315|increases|MESH:D010146|asserted"]
    assert mixed["hedged"] is False and [e["hedged"] for e in mixed["evidence"]] == [True, False]
    negated = claims["MESH:D003863|decreases|MESH:D006631|negated"]
    assert negated["negated"] is True and negated["evidence"][0]["negationCue"] == "No Reduction"
    assert negated["evidence"][0]["paper"] == "PMID:36151442" and negated["evidence"][0]["section"] == "title"
    assert mixed["cycle"] is True and hedged["cycle"] is False
    edges = [e for e in data["edges"] if "claim" in e]
    assert len(edges) == len(claims) == 14
    assert all(data["claims"][e["claim"]]["subject"] == e["from"] for e in edges)


def test_every_node_and_edge_of_the_graph_is_on_the_page(seed_like, seed_like_html):
    data = page_json(seed_like_html)
    assert [n["id"] for n in data["nodes"]] == list(seed_like)
    assert len(data["edges"]) == seed_like.number_of_edges()
    assert data["meta"] == {"totalNodes": 17, "candidates": 17, "shownNodes": 17, "capped": False, "focus": "",
                            "focusNodes": [], "depth": 2, "physics": True}
    paper = next(n for n in data["nodes"] if n["id"] == "PMID:22110947")
    cited = next(n for n in data["nodes"] if n["id"] == "DOI:10.1000/vaso.1")
    assert paper["size"] > cited["size"]


def test_causal_loops_are_found_shortest_first(seed_like):
    cycles = causal_cycles(seed_like, set(seed_like))
    assert [c.nodes for c in cycles] == [
        ("MESH:D010146", "MESH:D013315"),
        ("MESH:D007511", "MESH:D010146", "MESH:D013315", "MESH:D014661"),
    ]
    assert {c.kind for c in cycles} == {"reinforcing"}
    assert cycles[0].claims == (("MESH:D010146|increases|MESH:D013315|asserted",),
                                ("MESH:D013315|increases|MESH:D010146|asserted",))
    assert causal_cycles(seed_like, set(seed_like), max_length=3) == cycles[:1]
    assert causal_cycles(seed_like, set(seed_like) - {"MESH:D010146"}) == []


def test_a_loop_through_a_decrease_is_balancing_and_negated_claims_make_no_loop():
    graph = seed_like_graph()
    for _, _, data in graph.edges(data=True):
        claim = data.get("claim")
        if claim is not None and claim.id == "MESH:D010146|increases|MESH:D013315|asserted":
            claim.key = type(claim.key)(claim.key.subject_id, "decreases", claim.key.object_id, False)
    assert causal_cycles(graph, set(graph))[0].kind == "balancing"
    for _, _, data in graph.edges(data=True):
        claim = data.get("claim")
        if claim is not None and claim.key.subject_id == "MESH:D010146":
            claim.key = type(claim.key)(claim.key.subject_id, claim.key.direction, claim.key.object_id, True)
    assert causal_cycles(graph, set(graph)) == []


# --- focus and cap -------------------------------------------------------------------------------------

@pytest.mark.parametrize("focus", ["psychological stress", "Stress, Psychological", "  STRESS ", "MESH:D013315",
                                   "mesh:d013315"])
def test_focus_matches_label_synonym_or_id(seed_like, focus):
    assert resolve_focus(seed_like, focus) == ["MESH:D013315"]


def test_focus_matches_abbreviations_and_paper_ids(seed_like):
    assert resolve_focus(seed_like, "FMS") == ["MONDO:0005546"]
    assert resolve_focus(seed_like, "PMID:22110947") == ["PMID:22110947"]


def test_unknown_focus_is_a_kg_error_naming_close_matches(seed_like):
    with pytest.raises(UnknownFocusError) as caught:
        resolve_focus(seed_like, "psychological stres")
    assert isinstance(caught.value, KGError)
    assert "psychological stress" in str(caught.value) and caught.value.hint
    with pytest.raises(UnknownFocusError, match="no close matches"):
        resolve_focus(seed_like, "zzzzqqqq")


def test_focus_and_depth_restrict_the_page(seed_like):
    around = set(seed_like.successors("MESH:D010146")) | set(seed_like.predecessors("MESH:D010146"))
    html = render_html(seed_like, ExportOptions(html_focus="pain", html_depth=1))
    data = page_json(html)
    assert {n["id"] for n in data["nodes"]} == around | {"MESH:D010146"}
    assert data["meta"]["focusNodes"] == ["MESH:D010146"] and data["meta"]["focus"] == "pain"
    assert all(e["from"] in around | {"MESH:D010146"} for e in data["edges"])
    assert set(neighbourhood(seed_like, ["MESH:D010146"], 0)) == {"MESH:D010146"}
    assert len(neighbourhood(seed_like, ["MESH:D010146"], 2)) > len(around) + 1


def test_cap_keeps_concepts_with_claims_then_papers_and_says_so():
    graph = synthetic_graph(3000)
    selection = select_nodes(graph, limit=400)
    assert len(selection.nodes) == 400 and selection.capped and selection.candidates == 3000
    concepts = {n for n, k in graph.nodes(data=ATTR_KIND) if k in CONCEPT_ROLES}
    with_claims = {n for s, t, k in graph.edges(data=ATTR_KIND) if k == EDGE_CLAIM for n in (s, t)}
    assert with_claims <= set(selection.nodes)
    assert concepts <= set(selection.nodes)
    kinds = [graph.nodes[n][ATTR_KIND] for n in selection.nodes]
    assert "cited_work" not in kinds or kinds.count("paper") == sum(1 for _, k in graph.nodes(data=ATTR_KIND)
                                                                   if k == "paper")
    meta = page_json(render_html(graph, max_nodes=400))["meta"]
    assert (meta["shownNodes"], meta["candidates"], meta["capped"], meta["physics"]) == (400, 3000, True, False)


# --- layout -------------------------------------------------------------------------------------------

def test_large_pages_get_precomputed_positions_and_small_ones_physics(seed_like_html):
    assert all("x" not in n for n in page_json(seed_like_html)["nodes"])
    data = page_json(render_html(synthetic_graph(PHYSICS_MAX_NODES + 50)))
    assert data["meta"]["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_layout_spreads_nodes_and_keeps_leaves_by_their_hub():
    graph = synthetic_graph(600)
    nodes = list(graph)
    edges = list(graph.edges())
    positions = layout(nodes, edges, spacing=100.0)
    assert positions == layout(nodes, edges, spacing=100.0)
    assert set(positions) == set(nodes)
    points = sorted(positions.values())
    assert len(set(points)) == len(points)
    close = sum(1 for i, (x, y) in enumerate(points) for (u, v) in points[i + 1:]
                if (u - x) ** 2 + (v - y) ** 2 < 25.0 ** 2)
    assert close <= len(points) * 0.01, close
    undirected = nx.Graph(graph)
    for node in nodes:
        if undirected.degree(node) == 1:
            (hub,) = undirected[node]
            if undirected.degree(hub) > 1:
                (x, y), (u, v) = positions[node], positions[hub]
                assert ((x - u) ** 2 + (y - v) ** 2) ** 0.5 < 100.0 * 4


def test_layout_of_separate_components_does_not_overlap():
    nodes = [f"A:{i}" for i in range(30)] + [f"B:{i}" for i in range(30)]
    edges = [(f"A:{i}", f"A:{(i + 1) % 30}") for i in range(30)] + [(f"B:{i}", f"B:{(i + 1) % 30}") for i in range(30)]
    positions = layout(nodes, edges)

    def box(prefix):
        xs = [p[0] for n, p in positions.items() if n.startswith(prefix)]
        ys = [p[1] for n, p in positions.items() if n.startswith(prefix)]
        return min(xs), max(xs), min(ys), max(ys)

    (ax0, ax1, ay0, ay1), (bx0, bx1, by0, by1) = box("A"), box("B")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0


# --- through the command line -----------------------------------------------------------------------

def test_cli_focus_restricts_the_page_and_an_unknown_focus_names_close_matches(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--format", "html", "-q",
                                       "--html-focus", "pmid:22110947", "--html-depth", "1"])
    assert result.exit_code == 0, result.output
    data = page_json((out / OUT_HTML).read_text(encoding="utf-8"))
    assert data["meta"]["focusNodes"] == ["PMID:22110947"] and data["meta"]["depth"] == 1
    assert data["meta"]["shownNodes"] < data["meta"]["totalNodes"]
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path / "bad"), "--format", "html",
                                       "-q", "--html-focus", "A mechanism based aproach to prevention of and "
                                       "therapy for fibromyalgia"])
    assert result.exit_code == 1
    assert "A mechanism-based approach to prevention of and therapy for fibromyalgia" in result.output
    assert not (tmp_path / "bad" / OUT_HTML).exists()
