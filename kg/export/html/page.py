"""The page itself: the template with vis-network, kg's script and style, and the data, all inline."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from string import Template

from kg.errors import OutputError

ASSETS = Path(__file__).parent / "assets"
_VIS_DIR = re.compile(r"^vis-(\d+)\.(\d+)\.(\d+)$")

# characters that could end a <script> element or start markup inside JSON, and the two
# line terminators JavaScript once did not allow in strings
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``,
    U+2028 or U+2029 appears literally (each is a ``\\uXXXX`` escape, which JSON.parse undoes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def vis_network_path() -> Path:
    """vis-network's minified script as bundled with pyvis (the newest version it ships)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    versions = []
    for folder in lib.glob("vis-*"):
        match = _VIS_DIR.match(folder.name)
        if match and (folder / "vis-network.min.js").is_file():
            versions.append((tuple(int(part) for part in match.groups()), folder / "vis-network.min.js"))
    if not versions:
        raise OutputError(f"cannot find vis-network in pyvis ({lib})",
                          hint="reinstall pyvis (pip install --force-reinstall 'pyvis>=0.3.2')")
    return max(versions)[1]


def _inline_script(code: str) -> str:
    """Script text that cannot close its own element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def _vis_network() -> str:
    return _inline_script(vis_network_path().read_text(encoding="utf-8"))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def render_page(data: dict[str, object], styles: dict[str, object]) -> str:
    """The whole HTML page: one file, no external resource, data as inert JSON.

    Its Content-Security-Policy allows only its own two scripts (by hash) and inline styles:
    no request can leave the page, and no inline event handler could run even if markup
    were ever injected."""
    vis_network, app = _vis_network(), _inline_script(_asset("app.js"))
    return Template(_asset("page.html")).substitute(
        script_hashes=f"{_csp_hash(vis_network)} {_csp_hash(app)}",
        css=_asset("page.css"),
        vis_network=vis_network,
        app=app,
        styles=script_json(styles),
        data=script_json(data),
    )
