"""HTTP transport for SPARQL stores: where a store's services are, credentials from
the environment, and requests whose failures become :class:`~kg.errors.StoreError`.

Credentials are never taken from the command line (nor from a URL): set
``KG_STORE_USER`` and ``KG_STORE_PASSWORD`` for HTTP Basic authentication, or
``KG_STORE_TOKEN`` for a bearer token.
"""
from __future__ import annotations

import base64
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Mapping

from kg.errors import StoreError

ENV_USER = "KG_STORE_USER"
ENV_PASSWORD = "KG_STORE_PASSWORD"
ENV_TOKEN = "KG_STORE_TOKEN"
TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class Endpoint:
    """A store's SPARQL query, SPARQL update and Graph Store Protocol URLs.

    By default they are ``BASE/query``, ``BASE/update`` and ``BASE/store`` (Oxigraph's
    layout); give each explicitly for stores laid out otherwise."""

    base: str
    query_url: str
    update_url: str
    gsp_url: str

    @classmethod
    def from_url(cls, base: str, query_url: str | None = None, update_url: str | None = None,
                 gsp_url: str | None = None) -> Endpoint:
        urls = [base, query_url, update_url, gsp_url]
        for url in filter(None, urls):
            check_url(url)
        root = base.rstrip("/")
        return cls(root, query_url or f"{root}/query", update_url or f"{root}/update", gsp_url or f"{root}/store")


def check_url(url: str) -> None:
    """StoreError unless ``url`` is an http(s) URL without credentials in it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url!r} is not an http(s) URL", hint="give the store's URL, e.g. http://127.0.0.1:7878")
    if parts.username or parts.password:
        raise StoreError("the store URL holds credentials; they must not appear on the command line",
                         hint=f"set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}) instead")


def auth_headers(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Authorization header from the environment, if credentials are set there."""
    env = os.environ if environ is None else environ
    if env.get(ENV_TOKEN):
        return {"Authorization": f"Bearer {env[ENV_TOKEN]}"}
    if env.get(ENV_USER):
        pair = f"{env[ENV_USER]}:{env.get(ENV_PASSWORD, '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def with_params(url: str, params: list[tuple[str, str]]) -> str:
    """``url`` with query-string parameters added."""
    if not params:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    server: str = ""  # the Server header: which software answered


class RequestRefused(StoreError):
    """The store answered with an HTTP error status."""

    def __init__(self, message: str, status: int, body: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.body = body


def request(method: str, url: str, data: bytes | None = None, headers: Mapping[str, str] | None = None,
            timeout: float = TIMEOUT_SECONDS) -> Response:
    """Send one request; StoreError when the store cannot be reached, RequestRefused on an HTTP error."""
    all_headers = {"User-Agent": "kg", **auth_headers(), **(headers or {})}
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read(),
                            answer.headers.get("Server", ""))
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", errors="replace").strip()
        hint = ""
        if exc.code in (401, 403):
            hint = f"the store wants credentials: set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN})"
        detail = f": {' '.join(body.split())[:300]}" if body else ""
        raise RequestRefused(f"the store refused {method} {url}: HTTP {exc.code} {exc.reason}{detail}",
                             exc.code, body, hint=hint) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"cannot reach the store at {url}: {reason}",
                         hint="is a store running at that address? nothing in it was changed") from exc
