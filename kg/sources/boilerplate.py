"""Recognise paragraphs that are statements about a paper rather than its content.

Conflict-of-interest and funding declarations and copyright lines travel with
abstracts ("None Declared", "© 2012 The Authors"); they carry no findings, so
summary text drops them. The patterns live in ``data/boilerplate.tsv``."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.sources.datafiles import data_rows

# A declaration is a line or two; anything longer is content even if it starts like one.
MAX_WORDS = 60


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row[0], re.IGNORECASE) for row in data_rows("boilerplate.tsv"))


def is_boilerplate(paragraph: str) -> bool:
    """Whether ``paragraph`` is a declaration or copyright line, not content."""
    text = " ".join(paragraph.split())
    if not text or len(text.split()) > MAX_WORDS:
        return False
    return any(pattern.fullmatch(text) for pattern in _patterns())
