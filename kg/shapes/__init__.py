"""SHACL shapes of kg's data model (``kg.shacl.ttl``), checked by :mod:`kg.validate`."""
from __future__ import annotations

from pathlib import Path

SHAPES_FILE = Path(__file__).parent / "kg.shacl.ttl"
