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


@dataclass(frozen=True)
class Exporter:
    """Writes the graph to one output file."""

    name: str  # e.g. "turtle"
    filename: str  # e.g. "graph.ttl"
    description: str
    write: Callable[[nx.MultiDiGraph, Path, ExportOptions], None]  # writes to the given path


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
