"""Readers, one module per input format, and the registry that picks one by content.

To add a format: write a :class:`~kg.sources.base.Reader` subclass in its own
module and add an instance to :data:`READERS` (more specific formats first). A
:class:`~kg.sources.base.ShardedReader` can also cut its inputs into shards that
extraction workers read (:mod:`kg.sources.shards`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError, UnknownChoiceError
from kg.records import Document
from kg.sources.base import Reader, ShardedReader, read_head
from kg.sources.medline_text import MedlineTextReader
from kg.sources.paper_summary import PaperSummaryReader
from kg.sources.pmc_jats import PmcJatsReader
from kg.sources.pubmed_abstract_text import PubMedAbstractTextReader
from kg.sources.pubmed_page import PubMedPageReader
from kg.sources.pubmed_xml import PubMedXmlReader
from kg.sources.ris import RisReader
from kg.sources.shards import Shard

READERS: list[Reader] = [
    PubMedPageReader(),
    PaperSummaryReader(),
    PubMedXmlReader(),
    PmcJatsReader(),
    MedlineTextReader(),
    PubMedAbstractTextReader(),
    RisReader(),
]


def reader_names() -> list[str]:
    """Names of the registered readers, in detection order."""
    return [reader.name for reader in READERS]


def get_reader(name: str) -> Reader:
    """The reader registered as ``name``."""
    for reader in READERS:
        if reader.name == name:
            return reader
    raise UnknownChoiceError("reader", name, reader_names())


def detect(path: Path, source_name: str | None = None) -> Reader:
    """The reader for ``path``, chosen from its content.

    Raises InputError for an empty, binary or unrecognised file."""
    source_name = source_name or str(path)
    head = read_head(path)
    if not head.strip():
        raise InputError(source_name, "empty file", hint="remove it or give it content")
    if b"\x00" in head:
        raise InputError(source_name, "binary content, not a literature record")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    for reader in READERS:
        if reader.sniff(text):
            return reader
    raise InputError(
        source_name,
        "unknown format",
        hint=f"kg reads: {', '.join(reader_names())} (see `kg formats`)",
    )


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Every file under ``paths`` (directories walked recursively, sorted; hidden files skipped).

    Yields each path as the user would write it. A path that does not exist is
    yielded too, so that reading it reports the problem."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield str(Path(root) / name)
        else:
            yield str(raw)


def reader_for(source_name: str) -> Reader:
    """The reader for the file ``source_name``, chosen from its content.

    Raises InputError when it does not exist, is not a regular file, or is not
    in a format kg reads."""
    path = Path(source_name)
    if not path.exists():
        raise InputError(source_name, "no such file")
    if not path.is_file():
        raise InputError(source_name, "not a regular file")
    return detect(path, source_name)


def read_documents(source_name: str) -> Iterator[Document | InputError]:
    """Detect the format of one file and yield its documents and record-level problems.

    Raises InputError when the file as a whole cannot be read."""
    reader = reader_for(source_name)
    yield from reader.read(Path(source_name), source_name)


def read_shard(shard: Shard) -> list[Document | InputError]:
    """The documents and record-level problems of ``shard``, read by the reader that cut it.

    Raises ShardError when the shard does not read on its own."""
    reader = get_reader(shard.reader)
    assert isinstance(reader, ShardedReader)
    return list(reader.read_shard(shard))
