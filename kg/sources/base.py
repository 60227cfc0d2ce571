"""What every reader is, and the helpers readers share for opening inputs."""
from __future__ import annotations

import gzip
import io
import zlib
from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO, Callable, ClassVar, Iterable, Iterator, Protocol

from kg.errors import InputError
from kg.records import Document, Work
from kg.sources.meter import MeteredFile
from kg.sources.shards import ReadOnFrom, RecordPosition, Shard

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 8192


class Reader(ABC):
    """Reads one input format into :class:`~kg.records.Document` records.

    A reader is chosen by :meth:`sniff` on the start of a file's content, never
    by its name. :meth:`read` yields documents one at a time; it yields an
    :class:`~kg.errors.InputError` for a bad record it skipped and raises one
    when the whole file cannot be read.
    """

    name: ClassVar[str]  # short name shown by `kg formats`, e.g. "pubmed-xml"
    description: ClassVar[str]  # one line: what it reads

    @abstractmethod
    def sniff(self, head: str) -> bool:
        """Whether ``head`` (the first few KB of the content, decoded leniently) is this format."""

    @abstractmethod
    def read(self, path: Path, source_name: str) -> Iterator[Document | InputError]:
        """Yield the documents in ``path``; ``source_name`` is the path as the user gave it."""


class ShardedReader(Reader):
    """A reader whose inputs can be cut into shards of whole records in one process
    and read in others (see :mod:`kg.sources.shards`).

    Reading every shard, in order, must give exactly what :meth:`read` gives, and
    :meth:`read_on` from any shard's start must give the rest of it."""

    @abstractmethod
    def shards(self, path: Path, source_name: str) -> Iterator[Shard | ReadOnFrom]:
        """Cut ``path`` into shards by a cheap byte scan, not a parse; a ``ReadOnFrom``,
        if any, comes last. Never raises for a bad input: its shards fail to read instead."""

    @abstractmethod
    def read_shard(self, shard: Shard) -> Iterator[Document | InputError]:
        """Yield the documents of ``shard``, as :meth:`read` numbers them; raises
        :class:`~kg.sources.shards.ShardError` if the shard does not read on its own."""

    @abstractmethod
    def read_on(self, path: Path, source_name: str, start: RecordPosition) -> Iterator[Document | InputError]:
        """What :meth:`read` yields after the records before ``start`` (raising as it does)."""


class _GzipInput(gzip.GzipFile):
    """A gzip stream that closes the raw file it reads (GzipFile leaves a given file open)."""

    def __init__(self, raw: MeteredFile) -> None:
        super().__init__(fileobj=raw, mode="rb", filename="")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing gzip when the content is gzip."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    raw = MeteredFile(path)  # counts what is read, for the progress bar
    if magic == GZIP_MAGIC:
        return _GzipInput(raw)  # type: ignore[return-value]
    return io.BufferedReader(raw)


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of the (decompressed) content."""
    try:
        with open_binary(path) as handle:
            return handle.read(size)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(str(path), f"cannot read the file ({exc})") from exc


def read_text(path: Path, source_name: str) -> str:
    """The whole content decoded as UTF-8 (a BOM is dropped, newlines normalised).

    Raises InputError naming the line and column of the first byte that is not UTF-8.
    """
    try:
        with open_binary(path) as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source_name, f"cannot read the file ({exc})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            source_name,
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column})",
            f"line {line}",
            hint="re-save the file as UTF-8",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NumberedRecord(Protocol):
    number: int  # 1-based record number in the file
    line: int  # line the record starts on


def documents_from_records(
    records: Iterable[NumberedRecord],
    to_work: Callable[[NumberedRecord], Work],
    source_name: str,
    reader_name: str,
) -> Iterator[Document | InputError]:
    """A Document per record; a record that cannot be read, or has no title, PMID or DOI,
    becomes an InputError naming it, and the rest of the file goes on."""
    for record in records:
        where = f"line {record.line}"
        try:
            work = to_work(record)
        except Exception as exc:  # one odd record must not stop the file
            yield InputError(source_name, f"cannot read record {record.number} ({type(exc).__name__}: {exc})", where)
            continue
        if not (work.title or work.pmid or work.doi):
            yield InputError(source_name, f"record {record.number} has no title, PMID or DOI", where)
            continue
        yield Document(source_name, work, position=f"record {record.number}", reader=reader_name)
