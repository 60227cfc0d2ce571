"""Split a structured abstract ("BACKGROUND: ... METHODS: ...") into one section per part.

Labels map to sections through :mod:`kg.sources.sections` (``data/section_labels.tsv``),
the one table every reader uses. A part starts at a known label, or any label in capitals ("DESIGN:"), at the start of a
line, or at a known label in capitals after a sentence end. Section texts are exact
slices of the abstract text."""
from __future__ import annotations

import re

from kg.constants import SECTION_ABSTRACT
from kg.records import TextSection
from kg.sources.sections import section_for_label

_LABEL = re.compile(
    r"(?:(?P<line>^|(?<=\n))[ \t]*|(?<=[.?!]) +)(?P<label>[A-Za-z][A-Za-z ,&/\-]{1,60}?)[ \t]*:(?:[ \t]+|\n|$)"
)
MIN_UNKNOWN_LABEL_LETTERS = 3
MIN_INLINE_LABEL_LETTERS = 6


def _label_section(label: str, at_line_start: bool) -> str | None:
    """The section of a label, or None when ``label`` is not taken as one."""
    known = section_for_label(label)
    upper = label.isupper()
    if upper and known:
        return known
    letters = sum(ch.isalpha() for ch in label)
    # unknown capitals: "DESIGN:" opening a line, or "... 40 patients. STATE OF KNOWLEDGE: ..."
    # mid-line when long enough not to be an abbreviation ("... scans. MRI: ...")
    if upper and letters >= (MIN_UNKNOWN_LABEL_LETTERS if at_line_start else MIN_INLINE_LABEL_LETTERS):
        return SECTION_ABSTRACT
    # a label in ordinary case only at the start of a line, and only a known one
    return known if at_line_start else None


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
