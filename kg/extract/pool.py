"""Extraction across processes: documents go out in batches, facts come back in input
order, with a bounded number of batches in flight so memory stays flat."""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.extract import build_extractors, extract_document
from kg.extract.base import DocumentFacts, ExtractionConfig, Extractor
from kg.records import Document, Work

BATCH_SIZE = 64
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
