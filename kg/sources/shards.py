"""Shards: runs of whole records cut from one input in the main process, cheaply and
without parsing, so that other processes can parse them.

A reader that can cut its inputs is a :class:`~kg.sources.base.ShardedReader`. Its
cutter yields :class:`Shard` objects and, when the rest of an input cannot be cut
safely, one :class:`ReadOnFrom`. A shard that turns out not to read on its own
(:class:`ShardError`) is read again as part of the whole input: reading
sequentially stays the authority, so records and problems are exactly those of
:meth:`~kg.sources.base.Reader.read`."""
from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KGError


@dataclass(frozen=True)
class RecordPosition:
    """A place between records of an input: the top-level elements (records and
    anything else the reader skips, such as deletions) and the records before it."""

    elements: int = 0
    records: int = 0


@dataclass(frozen=True)
class Shard:
    """Whole records cut from an input, with what parsing them on their own needs."""

    source_name: str  # the input's path as the user gave it
    reader: str  # name of the reader that cut it and reads it
    prolog: bytes  # what comes before the records (e.g. XML declaration and root tag); read before the body
    body: bytes  # the records, exactly as in the input
    start_line: int  # line of the input the body starts on
    start: RecordPosition  # the records before this shard
    elements: int  # top-level elements in the body, as the cutter counted them
    skipped: int  # of those, elements that are not records (e.g. deletions)
    final: bool  # the body runs to the end of the input


@dataclass(frozen=True)
class ReadOnFrom:
    """The rest of the input, from ``start`` on, cannot be cut: read it sequentially."""

    start: RecordPosition


class ShardError(KGError):
    """A shard does not read on its own as cut (not well-formed alone, or other records
    than the cutter counted); the input is read sequentially from the shard instead."""
