"""What an exporter is, and atomic writing of output files."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import networkx as nx

from kg.errors import OutputError


@dataclass(frozen=True)
class ExportOptions:
    """Settings for exporters that take any."""

    html_focus: str = ""  # restrict the HTML page to the neighbourhood of this concept or node
    html_depth: int = 2  # how many hops around html_focus


class ExportContext:
    """What exporters of one build share: the graph, the options, and the graph's
    N-Triples, written once to a scratch file however many RDF files are made from it."""

    def __init__(self, graph: nx.MultiDiGraph, scratch_dir: Path, options: ExportOptions | None = None) -> None:
        self.graph = graph
        self.options = options or ExportOptions()
        self._scratch_dir = Path(scratch_dir)
        self._ntriples: Path | None = None
        self.triples: int | None = None

    @property
    def ntriples(self) -> Path:
        """A scratch file holding the graph as N-Triples, written on first use."""
        if self._ntriples is None:
            from kg.export.rdf import write_ntriples

            self._scratch_dir.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".graph-", suffix=".nt", dir=self._scratch_dir)
            os.close(fd)
            self._ntriples = Path(name)
            self.triples = write_ntriples(self.graph, self._ntriples)
        return self._ntriples

    def close(self) -> None:
        """Remove the scratch file."""
        if self._ntriples is not None and self._ntriples.exists():
            self._ntriples.unlink()
        self._ntriples = None


@dataclass(frozen=True)
class Exporter:
    """Writes the graph to one output file."""

    name: str  # e.g. "turtle"
    filename: str  # e.g. "graph.ttl"
    description: str
    write: Callable[[ExportContext, Path], None]  # writes to the given path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
