"""Merging two records of the same work into one that carries the union of what was known."""
from __future__ import annotations

from dataclasses import fields
from typing import TypeVar

from kg.records import Work

T = TypeVar("T")

_UNION_FIELDS = (
    "publication_types",
    "publication_type_ids",
    "keywords",
    "mesh_headings",
    "entities",
    "sections",
)


def _union(first: tuple[T, ...], second: tuple[T, ...]) -> tuple[T, ...]:
    seen = set(first)
    return first + tuple(item for item in second if item not in seen and not seen.add(item))  # type: ignore[func-returns-value]


def conflicts(a: Work, b: Work) -> bool:
    """Whether two records cannot be the same work: both have a PMID, or both a DOI, and they differ."""
    return bool((a.pmid and b.pmid and a.pmid != b.pmid) or (a.doi and b.doi and a.doi != b.doi))


def merge_works(kept: Work, other: Work) -> Work:
    """``kept`` completed by ``other``: scalar fields keep the first known value,
    collections are unioned in order, the longer author list and date win."""
    merged = Work()
    for f in fields(Work):
        a, b = getattr(kept, f.name), getattr(other, f.name)
        if f.name in _UNION_FIELDS:
            value = _union(a, b)
        elif f.name == "authors":
            value = a if len(a) >= len(b) else b
        elif f.name == "date":
            value = a if len(a) >= len(b) else b  # "2016-08-27" is more than "2016"
        elif f.name == "free_full_text":
            value = a or b
        else:
            value = a if a not in ("", None) else b
        setattr(merged, f.name, value)
    return merged
