"""External programs kg runs: the ``oxigraph`` command line of the ``oxigraph`` package."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


def oxigraph_program() -> str | None:
    """The ``oxigraph`` program: beside this Python's executable, else on PATH; None if absent."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")
