"""A standard SPARQL 1.1 endpoint over the embedded store: the ``oxigraph serve``
server from the ``oxigraph`` PyPI package, bound to loopback.

The server answers SPARQL queries at ``/query`` (and, when writable, updates at
``/update`` and the Graph Store Protocol at ``/store``); its default graph is the
union of the store's graphs, as for ``kg query``.
"""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.programs import oxigraph_program

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
START_TIMEOUT_SECONDS = 20.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: beside this Python's executable, else on PATH."""
    found = oxigraph_program()
    if found:
        return found
    raise StoreError("the `oxigraph` server program is not installed",
                     hint="install kg's dependencies (`pip install -e .` installs the `oxigraph` package)")


def serve_command(store: str | Path | None, port: int, writable: bool = False, cors: bool = False) -> list[str]:
    """The ``oxigraph serve`` command line; ``store`` None serves an empty in-memory store."""
    if store is None:
        command = [oxigraph_binary(), "serve"]
    else:
        command = [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(store)]
    command += ["--bind", f"{HOST}:{port}", "--union-default-graph"]
    if cors:
        command.append("--cors")
    return command


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``oxigraph serve``."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server and wait for it (killed if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def start_server(store: str | Path | None, port: int = DEFAULT_PORT, writable: bool = False, cors: bool = False,
                 timeout: float = START_TIMEOUT_SECONDS, quiet: bool = False) -> Server:
    """Start ``oxigraph serve`` and wait (at most ``timeout`` seconds) until it answers queries."""
    if store is not None and not writable and not Path(store).is_dir():
        raise StoreError(f"no store at {store}", hint="run `kg load` first")
    command = serve_command(store, port, writable, cors)
    output = subprocess.DEVNULL if quiet else None
    try:
        process = subprocess.Popen(command, stdout=output, stderr=output)
    except OSError as exc:
        raise StoreError(f"cannot start {command[0]}: {exc}") from exc
    server = Server(process, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"oxigraph serve stopped at once (exit status {process.returncode}); "
                             f"is port {port} in use, or {store} open for writing elsewhere?")
        if _answers(f"{server.url}/query?query=ASK%7B%7D"):
            return server
        time.sleep(0.05)
    server.stop()
    raise StoreError(f"oxigraph serve did not answer on port {port} within {timeout:.0f} s")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1.0) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False
