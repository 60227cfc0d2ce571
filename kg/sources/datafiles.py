"""Tables shipped in ``kg/sources/data``: tab-separated, ``#`` comments, blank lines ignored."""
from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of data file ``name``, each split on tabs (trailing empty fields kept)."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)
