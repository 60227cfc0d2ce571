"""XML inputs cut into shards of whole top-level record elements, and shards streamed.

The cutter runs in the main process and never parses: it decompresses, finds the
record tags with one compiled bytes pattern over large blocks, and cuts between two
top-level records every :data:`SHARD_ELEMENTS` of them. It cuts only where the input
is regular: nothing but whitespace between one top-level record and the next, so
every shard starts in the state the first record started in, and parses after a copy
of the prolog (everything before the first record: XML declaration, DOCTYPE, root
tag). Where the input is not regular, or cannot be read to the end, the rest is left
to the sequential reader (:class:`~kg.sources.shards.ReadOnFrom`).

A shard is parsed with the same safe parser settings as a whole file; it must parse
without error and hold exactly the elements the cutter counted, else
:class:`~kg.sources.shards.ShardError`."""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from kg.sources.base import open_binary
from kg.sources.shards import ReadOnFrom, RecordPosition, Shard, ShardError
from kg.sources.xmlsafe import SAFE_PARSER_OPTIONS, local_name, top_level_records

READ_SIZE = 32768  # what lxml's iterparse reads at a time: a gzip error then strikes at the same byte
BLOCK_SIZE = 1 << 20  # bytes read before scanning
SHARD_ELEMENTS = 64  # top-level elements a shard holds
SHARD_BYTES = 8 << 20  # ... or fewer, once it is this large
PENDING_BYTES = 4 * SHARD_BYTES  # the most held while looking for a place to cut
FEED_SIZE = 1 << 16  # bytes of a shard fed to the parser at a time


@dataclass(frozen=True)
class RecordTags:
    """The local names of the top-level elements a reader reads, and of those it skips."""

    records: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    pattern: re.Pattern[bytes] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = sorted(self.names, key=len, reverse=True)
        alternatives = b"|".join(re.escape(name.encode("ascii")) for name in names)
        # A start or end tag of one of the names, without a namespace prefix: a prefixed
        # record is not seen here, so its shard fails its count and is read sequentially.
        object.__setattr__(self, "pattern", re.compile(rb"<(/?)(" + alternatives + rb")[\s/>]"))

    @property
    def names(self) -> tuple[str, ...]:
        return self.records + self.skipped


_LONGEST_TAG = 2 + 64  # "</" and a name: a tag cut by the end of a block is looked for again
_SLASH = ord("/")


def cut_shards(
    path: Path, source_name: str, reader: str, tags: RecordTags, size: int | None = None
) -> Iterator[Shard | ReadOnFrom]:
    """Shards of ``path``, in order, each of ``size`` (default :data:`SHARD_ELEMENTS`)
    top-level elements named in ``tags``, or fewer when large; a ``ReadOnFrom`` comes
    last when the rest could not be cut."""
    size = size or SHARD_ELEMENTS
    skipped_names = frozenset(name.encode("ascii") for name in tags.skipped)
    pattern = tags.pattern
    position = RecordPosition()
    try:
        handle = open_binary(path)
    except OSError:
        yield ReadOnFrom(position)
        return
    with handle:
        buf = b""  # the input from the start of the current shard's body (or of the file) on
        scan = 0  # where the next scan starts in buf
        body: int | None = None  # where the current shard's body starts in buf; None before the first record
        prolog = b""
        line = 1  # line the current shard's body starts on
        depth = 0  # record elements open
        elements = skipped = 0  # complete top-level elements in the current shard
        last_end = -1  # end in buf of the last complete top-level element; -1 if none
        eof = False
        while not eof:
            try:
                block, eof = _read_block(handle)
            except (OSError, EOFError, zlib.error):
                yield ReadOnFrom(position)  # the sequential reader reports it, after the records before it
                return
            buf += block
            for match in pattern.finditer(buf, scan):
                start = match.start()
                close = buf.find(b">", match.end() - 1)
                if close < 0:  # the tag runs on into the next block
                    scan = start
                    break
                scan = close + 1
                if match.group(1):  # an end tag
                    depth -= 1
                    if depth < 0:
                        yield ReadOnFrom(position)
                        return
                    if depth == 0:
                        elements += 1
                        skipped += match.group(2) in skipped_names
                        last_end = close + 1
                    continue
                self_closing = buf[close - 1] == _SLASH
                if depth == 0:
                    if body is None:
                        prolog, body = buf[:start], start
                        line += buf.count(b"\n", 0, start)
                    elif last_end >= 0 and start > last_end and not buf[last_end:start].isspace():
                        yield ReadOnFrom(position)  # something between two records: not regular
                        return
                    elif elements >= size or (elements and start - body >= SHARD_BYTES):
                        yield Shard(source_name, reader, prolog, buf[body:start], line, position,
                                    elements, skipped, final=False)
                        position = RecordPosition(position.elements + elements, position.records + elements - skipped)
                        line += buf.count(b"\n", body, start)
                        body, elements, skipped = start, 0, 0
                if self_closing:
                    if depth == 0:
                        elements += 1
                        skipped += match.group(2) in skipped_names
                        last_end = close + 1
                else:
                    depth += 1
            else:
                scan = len(buf) if eof else max(scan, len(buf) - _LONGEST_TAG)
            if body is not None and body > 0:  # keep only the current shard
                buf, scan, last_end = buf[body:], scan - body, max(last_end - body, -1)
                body = 0
            if len(buf) > PENDING_BYTES:  # no place to cut for too long: memory stays bounded
                yield ReadOnFrom(position)
                return
        if body is None:
            yield ReadOnFrom(position)  # no record at all: nothing to share out
            return
        yield Shard(source_name, reader, prolog, buf[body:], line, position, elements, skipped, final=True)


def _read_block(handle) -> tuple[bytes, bool]:
    """About BLOCK_SIZE bytes, read as lxml reads, and whether the input ended."""
    chunks: list[bytes] = []
    got = 0
    while got < BLOCK_SIZE:
        chunk = handle.read(READ_SIZE)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks), False


def stream_shard(shard: Shard, tags: RecordTags) -> Iterator[etree._Element]:
    """Yield each top-level element of ``shard`` named in ``tags``, as
    :func:`~kg.sources.xmlsafe.stream_records` would in the whole input.

    Raises ShardError when the shard is not well-formed on its own or holds other
    elements than the cutter counted."""
    parser = etree.XMLPullParser(
        events=("end",), tag=[f"{{*}}{name}" for name in tags.names], **SAFE_PARSER_OPTIONS  # type: ignore[arg-type]
    )
    steps = [partial(parser.feed, shard.prolog)]
    steps += [partial(parser.feed, shard.body[at:at + FEED_SIZE]) for at in range(0, len(shard.body), FEED_SIZE)]
    if shard.final:
        steps.append(parser.close)  # the end of the input: what is left open is an error
    wanted, skipped_names = frozenset(tags.names), frozenset(tags.skipped)
    elements = skipped = 0
    try:
        for step in steps:
            step()
            for element in top_level_records(parser.read_events(), wanted):
                elements += 1
                skipped += local_name(element.tag) in skipped_names
                yield element
    except etree.XMLSyntaxError as exc:
        raise ShardError(f"{shard.source_name}: shard at line {shard.start_line} does not parse alone ({exc})") from exc
    if (elements, skipped) != (shard.elements, shard.skipped):
        raise ShardError(
            f"{shard.source_name}: shard at line {shard.start_line} holds {elements} elements ({skipped} skipped), "
            f"the cutter counted {shard.elements} ({shard.skipped})"
        )
