"""Take the README's screenshot of graph.html (run by hand): ``output/graph.png``.

Loads a graph.html (default: the seeds, built into a temporary directory) in headless Chromium at
1400 x 900 with the network off, waits until the layout has settled, opens the evidence of one
claim (default: the best-supported claim on a feedback loop) and saves a PNG.

Usage: python benchmarks/html_screenshot.py [--page graph.html] [--claim ID] [--out output/graph.png]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "export"))


def _driver():
    spec = importlib.util.spec_from_file_location("test_html_browser", ROOT / "tests/export/test_html_browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_claim(page_html: str) -> str:
    """The claim to show: on a feedback loop if any, then most sentences, then highest confidence."""
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page_html, re.DOTALL).group(1))
    claims = sorted(data["claims"], key=lambda c: (not c["cycle"], c["negated"], -c["evidenceTotal"],
                                                    -c["confidence"], c["id"]))
    return claims[0]["id"] if claims else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, help="graph.html to show (default: build seeds/)")
    parser.add_argument("--claim", default=None, help="claim id whose evidence to open ('' for none)")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "graph.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page_path = args.page
        if page_path is None:
            from kg.pipeline import build

            build([str(ROOT / "seeds")], tmp, formats=["html"])
            page_path = Path(tmp) / "graph.html"
        claim = default_claim(page_path.read_text(encoding="utf-8")) if args.claim is None else args.claim
        driver = _driver()
        browser = driver.Chromium(width=1400, height=900)
        try:
            page = browser.new_page()
            url = page_path.resolve().as_uri() + (f"#claim={quote(claim, safe='')}" if claim else "")
            page.goto(url)
            page.wait_for("window.kg && window.kg.ready === true", 60)
            browser.pump(0.8)  # let the selection redraw
            errors = page.errors()
            if errors:
                raise SystemExit(f"the page logged errors: {errors}")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(args.out)
        finally:
            browser.close()
    print(f"wrote {args.out} ({claim or 'no claim selected'})")


if __name__ == "__main__":
    main()
