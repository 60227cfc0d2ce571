"""XML inputs cannot read local files, fetch anything, or blow up memory."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records import Document
from kg.sources import read_documents
from kg.sources.xmlsafe import SAFE_PARSER_OPTIONS

SECRET = "TOPSECRET-0451"

PUBMED = (
    '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet {doctype}>\n<PubmedArticleSet><PubmedArticle>'
    "<MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Title {ref} end</ArticleTitle>"
    "<Abstract><AbstractText>Text {ref} end</AbstractText></Abstract></Article></MedlineCitation>"
    "</PubmedArticle></PubmedArticleSet>\n"
)
JATS = (
    '<?xml version="1.0"?>\n<!DOCTYPE article {doctype}>\n<article><front><article-meta>'
    '<article-id pub-id-type="pmid">2</article-id><title-group><article-title>Title {ref} end'
    "</article-title></title-group></article-meta></front><body><sec><title>Results</title><p>Text {ref} end</p>"
    "</sec></body></article>\n"
)
TEMPLATES = {"pubmed-xml": PUBMED, "pmc-jats": JATS}


def everything(path: Path) -> tuple[list[Document | InputError], str]:
    """What reading ``path`` yields, and all of it as text (or the error raised)."""
    found: list[Document | InputError] = []
    try:
        for item in read_documents(str(path)):
            found.append(item)
    except InputError as exc:
        return found, repr(found) + str(exc)
    return found, repr(found)


@pytest.fixture()
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_parser_settings() -> None:
    assert SAFE_PARSER_OPTIONS["resolve_entities"] is False
    assert SAFE_PARSER_OPTIONS["no_network"] is True
    assert SAFE_PARSER_OPTIONS["load_dtd"] is False
    assert SAFE_PARSER_OPTIONS["dtd_validation"] is False
    assert SAFE_PARSER_OPTIONS["huge_tree"] is False


@pytest.mark.parametrize("reader", sorted(TEMPLATES))
def test_external_entity_does_not_read_a_local_file(tmp_path: Path, secret_file: Path, reader: str) -> None:
    doctype = f'[<!ENTITY xxe SYSTEM "file://{secret_file}">]'
    path = tmp_path / "xxe.xml"
    path.write_text(TEMPLATES[reader].format(doctype=doctype, ref="&xxe;"), encoding="utf-8")
    found, text = everything(path)
    assert SECRET not in text
    assert found and isinstance(found[0], Document)
    assert found[0].reader == reader
    assert found[0].work.title == "Title end"


@pytest.mark.parametrize("reader", sorted(TEMPLATES))
def test_external_dtd_and_parameter_entities_are_not_loaded(tmp_path: Path, reader: str) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    for doctype in (f'SYSTEM "file://{dtd}"', f'[<!ENTITY % remote SYSTEM "file://{dtd}"> %remote;]'):
        path = tmp_path / "dtd.xml"
        path.write_text(TEMPLATES[reader].format(doctype=doctype, ref="&leak;"), encoding="utf-8")
        _, text = everything(path)
        assert SECRET not in text


def test_no_network_access_for_a_remote_dtd(tmp_path: Path) -> None:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            hits.append(self.path)
            body = f'<!ENTITY leak "{SECRET}">'.encode()
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/evil.dtd"
        for reader, template in TEMPLATES.items():
            path = tmp_path / f"{reader}.xml"
            doctype = f'SYSTEM "{url}"'
            path.write_text(template.format(doctype=doctype, ref="&leak;"), encoding="utf-8")
            _, text = everything(path)
            assert SECRET not in text
            path.write_text(
                template.format(doctype=f'[<!ENTITY net SYSTEM "{url}">]', ref="&net;"), encoding="utf-8"
            )
            _, text = everything(path)
            assert SECRET not in text
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def billion_laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    return "[" + "".join(entities) + "]", f"&lol{levels - 1};"


@pytest.mark.parametrize("reader", sorted(TEMPLATES))
def test_billion_laughs_finishes_fast(tmp_path: Path, reader: str) -> None:
    doctype, ref = billion_laughs()
    path = tmp_path / "lol.xml"
    path.write_text(TEMPLATES[reader].format(doctype=doctype, ref=ref), encoding="utf-8")
    started = time.monotonic()
    found, text = everything(path)
    assert time.monotonic() - started < 5
    assert "lol" * 100 not in text  # never expanded


@pytest.mark.parametrize("reader", sorted(TEMPLATES))
def test_quadratic_blowup_finishes_fast(tmp_path: Path, reader: str) -> None:
    doctype = '[<!ENTITY a "' + "x" * 50_000 + '">]'
    path = tmp_path / "quadratic.xml"
    path.write_text(TEMPLATES[reader].format(doctype=doctype, ref="&a;" * 20_000), encoding="utf-8")
    started = time.monotonic()
    _, text = everything(path)
    assert time.monotonic() - started < 5
    assert "x" * 100_000 not in text
