"""The one place XML parser settings live, and streaming of record elements.

Every XML reader parses through here: external entities are never resolved, no DTD
is loaded, nothing is fetched from the network, and libxml2's limits on huge text
and entity amplification stay on."""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from kg.errors import InputError
from kg.sources.base import open_binary

SAFE_PARSER_OPTIONS: dict[str, object] = {
    "resolve_entities": False,  # not even internal ones: no billion laughs, no XXE
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "recover": False,
    "remove_comments": True,
    "remove_pis": True,
}

_PROLOG_JUNK = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_DOCTYPE_NAME = re.compile(r"<!DOCTYPE\s+([\w:.-]+)")
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w:.-]*)")


def safe_parser() -> etree.XMLParser:
    """A fresh XMLParser with the safe settings, for parsing a whole document."""
    return etree.XMLParser(**SAFE_PARSER_OPTIONS)  # type: ignore[arg-type]


def root_name(head: str) -> str:
    """The root element name of the XML document starting with ``head``, without prefix; "" if none.

    The DOCTYPE name counts (it must equal the root), so a long internal DTD subset
    does not hide the root."""
    text = _PROLOG_JUNK.sub("", head[:4096]).lstrip()
    if not text.startswith("<"):
        return ""
    match = _DOCTYPE_NAME.match(text) or _FIRST_TAG.match(text)
    if not match:
        return ""
    return match.group(1).rpartition(":")[2]


def local_name(tag: object) -> str:
    """An element tag without its namespace; "" for comments, PIs and entities."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def syntax_error(source_name: str, exc: etree.XMLSyntaxError) -> InputError:
    """The InputError for a file lxml could not parse, naming its line and column."""
    line, column = exc.position if exc.position else (0, 0)
    message = str(exc.msg or exc).split(", line ")[0].strip()
    where = f"line {line}" if line else ""
    reason = f"not well-formed XML: {message}" + (f" (column {column})" if column else "")
    return InputError(source_name, reason, where, hint="the file may be truncated or not XML; records before this point were read")


def stream_records(path: Path, source_name: str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Yield each complete element named one of ``tags`` (local names, any namespace).

    An element nested in another one of ``tags`` comes inside its parent and is not
    yielded on its own. Each element is cleared, with the siblings before it, once
    the consumer asks for the next one, so memory stays flat on large files.
    Raises InputError when the file is not well-formed or cannot be read; the
    records before that point have been yielded."""
    try:
        with open_binary(path) as handle:
            events = etree.iterparse(
                handle, events=("end",), tag=[f"{{*}}{tag}" for tag in tags], **SAFE_PARSER_OPTIONS
            )
            yield from top_level_records(events, frozenset(tags))
    except etree.XMLSyntaxError as exc:
        raise syntax_error(source_name, exc) from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source_name, f"cannot read the file ({exc})") from exc


def top_level_records(
    events: Iterable[tuple[str, etree._Element]], wanted: frozenset[str]
) -> Iterator[etree._Element]:
    """The elements of ``end`` events that are not inside another element named in
    ``wanted``, each cleared with the siblings before it once the next is asked for."""
    for _event, element in events:
        parent = element.getparent()
        if parent is not None and local_name(parent.tag) in wanted:
            continue
        yield element
        element.clear(keep_tail=False)
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]
