"""What an exporter is, and atomic writing of output files."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Protocol

import networkx as nx

from kg.constants import PREFIXES

if TYPE_CHECKING:
    from kg.export.convert import Conversion


@dataclass(frozen=True)
class ExportOptions:
    """Settings for exporters that take any."""

    html_focus: str = ""  # restrict the HTML page to the neighbourhood of this concept or node
    html_depth: int = 2  # how many hops around html_focus


class BackgroundJob(Protocol):
    """Work running beside the export (e.g. a conversion in a child process)."""

    def wait(self) -> None:
        """Block until it ends; raise a :class:`~kg.errors.KGError` if it failed."""

    def cancel(self) -> None:
        """Stop it and drop what it made (also after it ended)."""


@dataclass(frozen=True)
class RdfScratch:
    """The graph's triples, written once: a Turtle file made of ``@prefix`` lines and
    then one N-Triples line per triple, so it reads as Turtle (prefixes kept) and,
    from ``body_offset`` on, as N-Triples."""

    path: Path
    body_offset: int  # byte offset of the first triple
    triples: int

    def lines(self) -> Iterator[str]:
        """The N-Triples lines."""
        with open(self.path, encoding="utf-8", newline="\n") as handle:
            handle.seek(self.body_offset)
            yield from handle


class ExportContext:
    """What exporters of one build share: the graph, the options, and the graph's
    triples written once to a scratch file however many RDF files are made from it."""

    def __init__(self, graph: nx.MultiDiGraph, scratch_dir: Path, options: ExportOptions | None = None) -> None:
        self.graph = graph
        self.options = options or ExportOptions()
        self._scratch_dir = Path(scratch_dir)
        self._rdf: RdfScratch | None = None

    @property
    def rdf(self) -> RdfScratch:
        """The scratch file of the graph's triples, written on first use."""
        if self._rdf is None:
            from kg.export.convert import prefix_header
            from kg.export.rdf import write_ntriples

            path = self.scratch_path(".ttl")
            header = prefix_header(PREFIXES)
            self._rdf = RdfScratch(path, len(header.encode("utf-8")), write_ntriples(self.graph, path, header=header))
        return self._rdf

    @property
    def triples(self) -> int | None:
        """How many triples the graph has, once an RDF output was made."""
        return self._rdf.triples if self._rdf is not None else None

    def scratch_path(self, suffix: str) -> Path:
        """A fresh scratch file name beside the outputs (the caller removes it)."""
        self._scratch_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".graph-", suffix=suffix, dir=self._scratch_dir)
        os.close(fd)
        return Path(name)

    def close(self) -> None:
        """Remove the scratch file."""
        if self._rdf is not None:
            self._rdf.path.unlink(missing_ok=True)
        self._rdf = None


@dataclass(frozen=True)
class Exporter:
    """Writes the graph to one output file."""

    name: str  # e.g. "turtle"
    filename: str  # e.g. "graph.ttl"
    description: str
    # Writes to the given path, or starts a conversion that will (the caller waits for it).
    write: Callable[[ExportContext, Path], Conversion | None]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def staging_path(target: Path) -> Path:
    """A new empty file beside ``target``, to be written and then moved onto it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    return Path(tmp_name)
