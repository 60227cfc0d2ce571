"""How far into each input file this process has read, for progress estimates.

Every reader opens its inputs through :func:`kg.sources.base.open_binary`, which
counts the raw (still compressed) bytes read; a progress bar divides the bytes
read by the files' sizes. Only the process that opens the files counts: worker
processes parse shards already read here."""
from __future__ import annotations

import io
import os
from pathlib import Path


def meter_key(path: str | os.PathLike[str]) -> str:
    """One name per file, however the path was written."""
    return os.path.realpath(path)


class InputMeter:
    """How far the latest opening of each file has read it."""

    def __init__(self) -> None:
        self._offsets: dict[str, int] = {}

    def record(self, key: str, offset: int) -> None:
        self._offsets[key] = offset

    def offset(self, key: str) -> int:
        """Bytes read so far of the file of :func:`meter_key` ``key`` (0 when never opened)."""
        return self._offsets.get(key, 0)


INPUT_METER = InputMeter()


class MeteredFile(io.FileIO):
    """A raw file that reports how far it has been read to :data:`INPUT_METER`."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "rb")
        self._key = meter_key(path)
        self._count()  # a new reading starts at 0

    def _count(self) -> None:
        INPUT_METER.record(self._key, self.tell())

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        data = super().read(size)
        self._count()
        return data

    def readall(self) -> bytes:
        data = super().readall()
        self._count()
        return data

    def readinto(self, buffer) -> int | None:  # type: ignore[no-untyped-def, override]
        count = super().readinto(buffer)
        self._count()
        return count
