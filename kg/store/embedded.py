"""The embedded store: an on-disk Oxigraph store (pyoxigraph) in ``output/store/``.

:func:`load_store` fills a fresh directory and swaps it in, so a query never sees a
half-loaded store and a failed load leaves the previous one in place. Queries open
the store read-only and see the union of all its graphs as their default graph (a
store loaded from TriG answers like one loaded from N-Triples).
"""
from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from kg.constants import OUT_NTRIPLES
from kg.errors import InputError, QueryError, StoreError
from kg.query import syntax_error
from kg.results import Rows
from kg.store import STORE_DIRNAME
from kg.store.gsp import rdf_format

try:  # advisory locks: how RocksDB marks a store opened for writing
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


BULK_CHUNK_LINES = 100_000


def store_dir(out_dir: str | Path) -> Path:
    """Where the embedded store of a build's output directory lives."""
    return Path(out_dir) / STORE_DIRNAME


def has_writer(path: Path) -> bool:
    """Whether a process (e.g. ``kg serve --writable``) holds ``path`` open for writing."""
    lock = path / "LOCK"
    if fcntl is None or not lock.is_file():
        return False
    with open(lock, "r+b") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
    return False


def load_store(rdf_file: str | Path, target: str | Path) -> int:
    """Replace the store at ``target`` with the content of ``rdf_file``; return the number of quads.

    The file is bulk-loaded into a fresh sibling directory, which then takes the
    place of the old store (renamed away and removed)."""
    rdf_file, target = Path(rdf_file), Path(target)
    fmt = rdf_format(rdf_file)
    if not rdf_file.is_file():
        raise InputError(str(rdf_file), "no such file", hint="run `kg build` first")
    fresh = _fresh_dir(target)
    try:
        count = fill_store(rdf_file, fmt, fresh)
    except SyntaxError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise InputError(str(rdf_file), f"not valid {fmt.name}: {exc}") from exc
    except (OSError, ValueError) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise StoreError(f"cannot load {rdf_file} into {fresh}: {exc}") from exc
    _swap(fresh, target)
    return count


def _fresh_dir(target: Path) -> Path:
    """A new directory name beside the store ``target`` (refused while a writer holds it)."""
    if has_writer(target):
        raise StoreError(f"{target} is open for writing by another process (a `kg serve --writable`?)",
                         hint="stop it, or load through it with `kg load --endpoint URL`")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")


def fill_store(rdf_file: Path, fmt: RdfFormat, location: Path, offset: int = 0) -> int:
    """Bulk-load ``rdf_file`` (from byte ``offset``) into a new store at ``location``;
    return the number of quads. Raises SyntaxError, OSError or ValueError."""
    store = Store(str(location))
    _bulk_load(store, rdf_file, fmt, offset)
    store.flush()
    count = len(store)
    del store
    gc.collect()  # closes the store, releasing RocksDB's lock
    return count


class StoreLoad:
    """A store filled in a child process (``python -m kg.store.fill``) while the build
    goes on: :meth:`wait` for it, then :meth:`commit` swaps it in; :meth:`cancel`
    drops it."""

    def __init__(self, process: subprocess.Popen[bytes], fresh: Path, target: Path, source: str) -> None:
        self._process, self.fresh, self.target, self.source = process, fresh, target, source
        self.quads: int | None = None

    def wait(self) -> None:
        stdout, stderr = self._process.communicate()
        if self._process.returncode != 0:
            shutil.rmtree(self.fresh, ignore_errors=True)
            complaint = stderr.decode("utf-8", "replace").strip()[-2000:]
            raise StoreError(f"cannot load {self.source} into {self.target}: {complaint}")
        self.quads = int(stdout.split()[-1])

    def cancel(self) -> None:
        if self._process.returncode is None:
            self._process.kill()
            self._process.communicate()
        shutil.rmtree(self.fresh, ignore_errors=True)

    def commit(self) -> None:
        _swap(self.fresh, self.target)


def start_store_load(ntriples: Path, target: str | Path, offset: int = 0) -> StoreLoad:
    """Start filling a fresh store for ``target`` from the N-Triples lines of ``ntriples``
    after byte ``offset``, in a child process."""
    target = Path(target)
    fresh = _fresh_dir(target)
    command = [sys.executable, "-m", "kg.store.fill", str(ntriples), str(offset), str(fresh)]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return StoreLoad(process, fresh, target, str(ntriples))


def _bulk_load(store: Store, rdf_file: Path, fmt: RdfFormat, offset: int = 0) -> None:
    """Bulk-load ``rdf_file``; line-based files go in chunks of :data:`BULK_CHUNK_LINES`
    lines, since the bulk loader holds a whole call's data in memory (1.6 GB for the
    2.9 M triples of a 20,000-paper corpus at once; about 200 MB in chunks, as fast)."""
    if fmt not in (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS):
        store.bulk_load(path=str(rdf_file), format=fmt)
        return
    first_line = 1
    with open(rdf_file, "rb") as handle:
        handle.seek(offset)
        while lines := list(islice(handle, BULK_CHUNK_LINES)):
            try:
                store.bulk_load(b"".join(lines), fmt)
            except SyntaxError as exc:
                reason = str(exc.msg).split(": ", 1)[-1]
                line = first_line + (exc.lineno or 1) - 1
                raise SyntaxError(f"line {line}, column {exc.offset}: {reason}") from exc
            first_line += len(lines)


def _swap(fresh: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    try:
        if target.exists():
            os.rename(target, old)
        os.rename(fresh, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            os.rename(old, target)
        shutil.rmtree(fresh, ignore_errors=True)
        raise StoreError(f"cannot replace {target}: {exc}") from exc
    shutil.rmtree(old, ignore_errors=True)


def open_store(path: str | Path) -> Store:
    """The store at ``path``, read-only."""
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"no store at {path}", hint="run `kg load` to create it")
    if has_writer(path):
        raise StoreError(f"{path} is open for writing by another process (a `kg serve --writable`?)",
                         hint="query that server with --endpoint, or stop it")
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc


def memory_store(rdf_file: str | Path) -> Store:
    """An in-memory store holding ``rdf_file``."""
    rdf_file = Path(rdf_file)
    store = Store()
    try:
        store.bulk_load(path=str(rdf_file), format=rdf_format(rdf_file))
    except SyntaxError as exc:
        raise InputError(str(rdf_file), f"not valid RDF: {exc}") from exc
    except OSError as exc:
        raise InputError(str(rdf_file), f"cannot read: {exc}") from exc
    return store


@dataclass
class StoreTarget:
    """Queries against a pyoxigraph store; the default graph is the union of its graphs."""

    store: Store
    name: str = "store"

    def execute(self, text: str) -> Rows:
        try:
            return Rows.from_result(self.store.query(text, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise syntax_error(self.name, exc) from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed on {self.name}: {exc}") from exc


def build_target(out_dir: str | Path) -> tuple[StoreTarget, str]:
    """The embedded store of ``out_dir`` when loaded, else ``graph.nt`` in memory; and a
    warning when the store is older than the graph it was loaded from ("" otherwise)."""
    path = store_dir(out_dir)
    graph = Path(out_dir) / OUT_NTRIPLES
    if path.is_dir():
        warning = ""
        if graph.is_file() and graph.stat().st_mtime > path.stat().st_mtime:
            warning = f"{path} is older than {graph}: run `kg load` to query the latest build"
        return StoreTarget(open_store(path), str(path)), warning
    if graph.is_file():
        return StoreTarget(memory_store(graph), str(graph)), ""
    raise QueryError(f"no graph in {out_dir}/: neither {STORE_DIRNAME}/ nor {OUT_NTRIPLES}",
                     hint="run `kg build` (and `kg load` for a persistent store), or give --out")


__all__ = ["StoreTarget", "build_target", "has_writer", "load_store", "memory_store",
           "open_store", "store_dir"]
