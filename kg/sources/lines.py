"""Streaming a text input line by line, decoded as UTF-8, for the record-per-block formats."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from kg.errors import InputError
from kg.sources.base import open_binary


def iter_lines(path: Path, source_name: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, line without its line break) for every line of ``path``.

    A UTF-8 byte-order mark is dropped. Raises InputError naming the line and column
    of the first byte that is not UTF-8, after the lines before it were yielded."""
    try:
        with open_binary(path) as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(
                        source_name,
                        f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                        f"line {number}",
                        hint="re-save the file as UTF-8",
                    ) from exc
                if number == 1:
                    line = line.lstrip("\ufeff")
                # A lone "\r" ends a line too (old Mac files).
                for part in line.rstrip("\r\n").split("\r"):
                    yield number, part
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source_name, f"cannot read the file ({exc})") from exc


@dataclass
class TaggedRecord:
    """One record of a tagged-line format (MEDLINE text, RIS): (tag, value) pairs in order."""

    number: int  # 1-based record number in the file
    line: int  # line the record starts on
    fields: list[tuple[str, str]] = field(default_factory=list)

    def values(self, tag: str) -> list[str]:
        """Every non-empty value of ``tag``, in order."""
        return [value for name, value in self.fields if name == tag and value]

    def first(self, *tags: str) -> str:
        """The first non-empty value of the first of ``tags`` that has one."""
        for tag in tags:
            for name, value in self.fields:
                if name == tag and value:
                    return value
        return ""
