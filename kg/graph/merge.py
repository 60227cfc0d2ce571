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


# How a field is merged: unioned, the longer value, either true, the first known value.
_UNION, _LONGER, _EITHER, _FIRST_KNOWN = "union", "longer", "either", "first known"


def _rule(name: str) -> str:
    """How :func:`merge_works` merges the field ``name``."""
    if name in _UNION_FIELDS:
        return _UNION
    if name in ("authors", "date"):
        return _LONGER
    if name == "free_full_text":
        return _EITHER
    return _FIRST_KNOWN


_RULES = tuple((f.name, _rule(f.name)) for f in fields(Work))  # worked out once, not per merge


def merge_works(kept: Work, other: Work) -> Work:
    """``kept`` completed by ``other``: scalar fields keep the first known value,
    collections are unioned in order, the longer author list and date win."""
    values = {}
    for name, rule in _RULES:
        a, b = getattr(kept, name), getattr(other, name)
        if rule is _UNION:
            values[name] = _union(a, b)
        elif rule is _LONGER:
            values[name] = a if len(a) >= len(b) else b  # "2016-08-27" is more than "2016"
        elif rule is _EITHER:
            values[name] = a or b
        else:
            values[name] = a if a not in ("", None) else b
    return Work(**values)
