"""Extraction across processes: documents go out in batches, or shards of raw input
that the workers read themselves; facts come back in input order, with a bounded
number of batches or shards in flight so memory stays flat."""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from kg.errors import InputError
from kg.extract import build_extractors, extract_document
from kg.extract.base import DocumentFacts, ExtractionConfig, Extractor
from kg.records import Document, Work
from kg.sources.shards import Shard, ShardError

BATCH_SIZE = 64
SHARDS_IN_FLIGHT = 3  # per worker: one being read, the rest queued so no worker waits
_PLACEHOLDER = Document(source_file="", work=Work())
_worker_extractors: list[Extractor] = []


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init_worker(config: ExtractionConfig) -> None:
    global _worker_extractors
    _worker_extractors = build_extractors(config)


Item = Document | InputError
Facts = DocumentFacts | InputError
ReadShard = Callable[[Shard], list[Item]]  # a module-level function, so that it pickles by name
T = TypeVar("T")


@dataclass
class ShardFacts:
    """The facts of a shard's documents, in order, with its record problems; ``complete``
    is False when the shard did not read on its own (then ``facts`` is empty)."""

    shard: Shard
    facts: list[Facts]
    complete: bool = True


def _extract_shard(read: ReadShard, shard: Shard, extractors: list[Extractor] | None = None) -> list[Facts] | None:
    """Read and extract one shard; None when it does not read on its own."""
    try:
        items = read(shard)
    except ShardError:
        return None
    extractors = _worker_extractors if extractors is None else extractors
    return [item if isinstance(item, InputError) else extract_document(item, extractors) for item in items]


def _extract_batch(items: list[Item]) -> list[DocumentFacts | InputError]:
    # The document is not sent back: the parent still has it.
    return [
        item if isinstance(item, InputError)
        else replace(extract_document(item, _worker_extractors), document=_PLACEHOLDER)
        for item in items
    ]


def _batches(documents: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


class ExtractionPool:
    """Runs extraction in ``jobs`` worker processes; ``jobs == 1`` runs in this process."""

    def __init__(self, config: ExtractionConfig, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._extractors = build_extractors(config) if self.jobs == 1 else []
        self._executor = (
            ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=(config,)) if self.jobs > 1 else None
        )

    def extract(self, items: Iterable[Item]) -> Iterator[DocumentFacts | InputError]:
        """Facts for each document, in the order the documents came; problems pass through."""
        if self._executor is None:
            for item in items:
                yield item if isinstance(item, InputError) else extract_document(item, self._extractors)
            return
        window: deque[tuple[list[Item], Future[list[DocumentFacts | InputError]]]] = deque()
        for batch in _batches(items, BATCH_SIZE):
            window.append((batch, self._executor.submit(_extract_batch, batch)))
            if len(window) >= 2 * self.jobs:
                yield from self._collect(*window.popleft())
        while window:
            yield from self._collect(*window.popleft())

    def extract_shards(self, units: Iterable[Shard | T], read: ReadShard) -> Iterator[ShardFacts | T]:
        """Each shard read with ``read`` and extracted, in order; anything else passes
        through in its place. Closing the iterator early cancels the shards in flight."""
        if self._executor is None:
            for unit in units:
                if isinstance(unit, Shard):
                    facts = _extract_shard(read, unit, self._extractors)
                    yield ShardFacts(unit, facts or [], facts is not None)
                else:
                    yield unit
            return
        window: deque[tuple[Shard | T, Future[list[Facts] | None] | None]] = deque()
        try:
            for unit in units:
                future = self._executor.submit(_extract_shard, read, unit) if isinstance(unit, Shard) else None
                window.append((unit, future))
                if len(window) >= SHARDS_IN_FLIGHT * self.jobs:
                    yield self._shard_result(*window.popleft())
            while window:
                yield self._shard_result(*window.popleft())
        finally:
            for _, future in window:
                if future is not None:
                    future.cancel()

    @staticmethod
    def _shard_result(unit: Shard | T, future: Future[list[Facts] | None] | None) -> ShardFacts | T:
        if future is None:
            return unit  # type: ignore[return-value]
        facts = future.result()
        return ShardFacts(unit, facts or [], facts is not None)  # type: ignore[arg-type]

    @staticmethod
    def _collect(batch: list[Item], future: Future[list[DocumentFacts | InputError]]
                 ) -> Iterator[DocumentFacts | InputError]:
        for item, result in zip(batch, future.result(), strict=True):
            if isinstance(result, DocumentFacts):
                result.document = item  # type: ignore[assignment]
            yield result

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
