"""Shared fixtures: paths to the repository's seeds and test data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TEST_DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once into a temporary directory (BuildResult)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    result = build([str(SEEDS)], out)
    result.out_dir = out
    return result
