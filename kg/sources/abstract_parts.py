"""Split a structured abstract ("BACKGROUND: ... METHODS: ...") into one section per part.

Labels and the section each goes to are listed in ``data/abstract_labels.tsv``.
A part starts at a known label, or any label in capitals ("DESIGN:"), at the start of a
line, or at a known label in capitals after a sentence end. Section texts are exact
slices of the abstract text."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.constants import SECTION_ABSTRACT, SECTIONS
from kg.records import TextSection
from kg.sources.datafiles import data_rows

_LABEL = re.compile(
    r"(?:(?P<line>^|(?<=\n))[ \t]*|(?<=[.?!]) +)(?P<label>[A-Za-z][A-Za-z ,&/\-]{1,60}?)[ \t]*:(?:[ \t]+|\n|$)"
)
MIN_UNKNOWN_LABEL_LETTERS = 3


@lru_cache(maxsize=1)
def label_sections() -> dict[str, str]:
    """Known abstract labels (case-folded) -> kg section."""
    table = {row[0].casefold(): row[1] for row in data_rows("abstract_labels.tsv")}
    unknown = set(table.values()) - set(SECTIONS)
    if unknown:
        raise ValueError(f"abstract_labels.tsv names unknown sections: {sorted(unknown)}")
    return table


def _label_section(label: str, at_line_start: bool) -> str | None:
    """The section of a label, or None when ``label`` is not taken as one."""
    known = label_sections().get(label.casefold())
    upper = label.isupper() and sum(ch.isalpha() for ch in label) >= MIN_UNKNOWN_LABEL_LETTERS
    if at_line_start:
        return known or (SECTION_ABSTRACT if upper else None)
    # mid-line, only a known label in capitals: "... in 40 patients. RESULTS: ..."
    return known if upper else None


def split_abstract(text: str) -> tuple[TextSection, ...]:
    """One section per labelled part of ``text``; one abstract section when it has no labels.

    Text before the first label becomes an unlabelled abstract section."""
    cuts: list[tuple[int, int, str, str]] = []  # (label start, text start, heading, section)
    for match in _LABEL.finditer(text):
        section = _label_section(match["label"], match["line"] is not None)
        if section:
            cuts.append((match.start("label"), match.end(), match["label"], section))
    if not cuts:
        stripped = text.strip()
        return (TextSection(SECTION_ABSTRACT, stripped),) if stripped else ()
    sections: list[TextSection] = []
    lead = text[: cuts[0][0]].strip()
    if lead:
        sections.append(TextSection(SECTION_ABSTRACT, lead))
    for index, (_, body_start, heading, section) in enumerate(cuts):
        body_end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        body = text[body_start:body_end].strip()
        if body:
            sections.append(TextSection(section, body, heading))
    return tuple(sections)
