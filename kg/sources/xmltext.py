"""Plain text out of XML elements with inline markup (PubMed and JATS)."""
from __future__ import annotations

from lxml import etree

# Emphasis that publishers sometimes glue to the neighbouring words
# ("at the<i>TERT</i>gene"): a space is put back when a letter meets a letter.
_EMPHASIS = frozenset({"i", "b", "u", "em", "strong", "italic", "bold", "underline", "sc"})
# Elements whose text is a separate item: always separated by a space.
_SEPARATE = frozenset({"break", "list-item", "p", "title", "label", "td", "th", "tr", "def-item", "term", "def"})


def collapse(text: str) -> str:
    """``text`` with every run of whitespace made one space, and trimmed."""
    return " ".join(text.split())


def element_text(element: etree._Element, drop: frozenset[str] = frozenset()) -> str:
    """The text of ``element`` and its descendants, whitespace collapsed.

    Elements whose local name is in ``drop`` are left out (their tail text is kept);
    comments, processing instructions and unresolved entities are left out too."""
    if len(element) == 0:
        return collapse(element.text or "")
    parts: list[str] = []
    _walk(element, parts, drop)
    return collapse("".join(parts))


def _walk(element: etree._Element, parts: list[str], drop: frozenset[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if isinstance(tag, str):
            name = tag.rpartition("}")[2]
            if name not in drop:
                if name in _SEPARATE:
                    parts.append(" ")
                    _walk(child, parts, drop)
                    parts.append(" ")
                elif name in _EMPHASIS:
                    _emphasis(child, parts, drop)
                else:
                    _walk(child, parts, drop)
        if child.tail:
            parts.append(child.tail)


def _emphasis(child: etree._Element, parts: list[str], drop: frozenset[str]) -> None:
    inner: list[str] = []
    _walk(child, inner, drop)
    text = "".join(inner)
    # One-letter emphasis is usually inside a word (a variable, "M<i>m</i>PPOX").
    if len(text.strip()) > 1:
        if parts and parts[-1][-1:].isalpha() and text[:1].isalpha():
            parts.append(" ")
        tail = child.tail or ""
        if text[-1:].isalpha() and tail[:1].isalpha():
            text += " "
    parts.append(text)
