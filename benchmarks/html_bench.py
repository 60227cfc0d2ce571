"""Time to an interactive graph.html for 1,000, 5,000 and 20,000 synthetic nodes (run by hand).

For each size it builds a synthetic corpus-shaped graph (papers citing works, papers mentioning
concepts, claims between concepts), renders the page twice, as kg writes it (capped to
``kg.export.html.MAX_NODES``) and uncapped, and loads each in headless Chromium with the network
off. It prints:

* ``render s``: Python time to select, lay out and write the page;
* ``ready s``: wall time from navigation to the page's "ready" signal (vis-network has drawn
  the settled graph and every handler is attached), and ``in-page ms``, the same from the page's
  own clock (``performance.now()``);
* ``redraw ms``: the median time of a full redraw afterwards (what panning and zooming cost).

Usage: python benchmarks/html_bench.py [sizes...]   (needs chromium on PATH)
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "export"))


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "export" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REDRAW = """(() => { const times = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); kg.network.redraw(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b); return times[3]; })()"""


def main(sizes: list[int]) -> None:
    from kg.export.html import MAX_NODES, render_html

    fixtures = _load("test_html_fixtures")
    browser_mod = _load("test_html_browser")
    browser = browser_mod.Chromium()
    print(f"{'nodes':>7} {'page':>9} {'shown':>6} {'edges':>7} {'render s':>9} {'MB':>5} {'ready s':>8} "
          f"{'in-page ms':>10} {'redraw ms':>9}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in sizes:
                graph = fixtures.synthetic_graph(size)
                for label, cap in (("capped", MAX_NODES), ("uncapped", None)):
                    started = time.perf_counter()
                    html = render_html(graph, max_nodes=cap)
                    rendered = time.perf_counter() - started
                    path = Path(tmp) / f"graph-{size}-{label}.html"
                    path.write_bytes(html.encode("utf-8"))
                    started = time.perf_counter()
                    page = browser_mod.open_page(browser, path, timeout=600)
                    ready = time.perf_counter() - started
                    stats = page.evaluate("kg.stats")
                    redraw = page.evaluate(REDRAW)
                    errors = page.errors()
                    page.close()
                    print(f"{graph.number_of_nodes():>7} {label:>9} {stats['drawnNodes']:>6} {stats['drawnEdges']:>7} "
                          f"{rendered:>9.2f} {len(html) / 1e6:>5.1f} {ready:>8.2f} {stats['readyMs']:>10} "
                          f"{redraw:>9.1f}" + (f"  errors: {errors}" if errors else ""), flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000, 20000])
