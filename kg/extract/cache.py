"""Extraction results cached per input file, keyed by the file's content hash and the
extractors' versions and settings: a rebuild re-extracts only files that changed.

Each cache entry is a stream of pickled items (facts or record-level problems),
written to a temporary file and renamed when complete, read back one at a time."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.extract.base import DocumentFacts

CacheItem = DocumentFacts | InputError
_FORMAT = b"kg-facts-1\n"


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FactsCache:
    """A directory of cache entries. ``salt`` names everything besides content that
    changes extraction output (extractor versions, vocabulary files, settings)."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = Path(directory)
        self.salt = hashlib.sha256(salt.encode("utf-8")).hexdigest()[:16]

    def key(self, path: Path, source_name: str) -> str:
        # The source name is part of the key: facts record the path as the user gave it.
        name = hashlib.sha256(source_name.encode("utf-8")).hexdigest()[:12]
        return f"{content_hash(path)[:40]}-{name}-{self.salt}"

    def _entry(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def get(self, key: str) -> Iterator[CacheItem] | None:
        """The cached items of ``key``, streamed, or None when there is no usable entry."""
        entry = self._entry(key)
        try:
            handle = open(entry, "rb")
        except OSError:
            return None
        if handle.readline() != _FORMAT:
            handle.close()
            return None
        return self._stream(handle)

    @staticmethod
    def _stream(handle) -> Iterator[CacheItem]:
        with handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    return

    def put(self, key: str, items: Iterable[CacheItem]) -> Iterator[CacheItem]:
        """Pass ``items`` through while writing them to the entry ``key``; the entry
        appears only if every item was written (an interrupted build caches nothing)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".facts-", dir=self.directory)
        complete = False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_FORMAT)
                for item in items:
                    pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
                    yield item
            complete = True
        finally:
            if complete:
                os.replace(tmp, self._entry(key))
            else:
                os.unlink(tmp)
