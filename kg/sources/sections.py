"""Section headings to kg sections, from the shipped table ``data/section_labels.tsv``.

Every reader that sees headings (PubMed abstract labels, NLM categories, JATS section
titles, "BACKGROUND: ..." paragraphs) maps them here, so all formats agree."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.constants import SECTIONS
from kg.errors import VocabularyError

LABEL_TABLE = Path(__file__).parent / "data" / "section_labels.tsv"
SKIP = "skip"  # table value of headings whose text is about the paper (funding, contributions...)

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-H]\.)\s+")
_PLURAL_MARK = re.compile(r"\(S\)")
_NON_WORD = re.compile(r"[^0-9A-Z]+")


def normalize_label(label: str) -> str:
    """``label`` folded for lookup: "2.1. Materials & methods:" -> "MATERIALS AND METHODS"."""
    text = _NUMBERING.sub("", label).upper().replace("&", " AND ").replace("'", "")
    text = _PLURAL_MARK.sub("S", text)
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=1)
def label_table() -> dict[str, str]:
    """The heading -> section table, keys normalised."""
    table: dict[str, str] = {}
    with open(LABEL_TABLE, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            label, _, section = line.rstrip("\n").partition("\t")
            if section not in SECTIONS and section != SKIP:
                raise VocabularyError(f"{LABEL_TABLE}:line {number}: unknown section {section!r}")
            table[normalize_label(label)] = section
    return table


@lru_cache(maxsize=4096)
def _lookup(label: str) -> str | None:
    key = normalize_label(label)
    if not key:
        return None
    table = label_table()
    found = table.get(key)
    if found is None:
        found = table.get(key.split(" ", 1)[0])
    return found


def section_for_label(label: str) -> str | None:
    """The kg section a heading names, or None when the table does not know it."""
    found = _lookup(label)
    return None if found == SKIP else found


def is_skipped_heading(label: str) -> bool:
    """Whether text under this heading (competing interests, funding...) is left out."""
    return _lookup(label) == SKIP
