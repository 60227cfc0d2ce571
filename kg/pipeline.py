"""The build: read every input, extract facts, assemble the graph, write outputs.

This is the library entry point the CLI wraps::

    from kg.pipeline import build_graph
    result = build_graph(["seeds/"])
    result.graph  # a networkx.MultiDiGraph
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Protocol, Sequence

import networkx as nx

from kg.constants import ATTR_KIND, CONCEPT_ROLES, KIND_CITED_WORK, KIND_PAPER
from kg.errors import InputError
from kg.export import write_outputs
from kg.export.base import ExportOptions, RdfScratch
from kg.export.html import resolve_focus
from kg.extract import ExtractionConfig, build_extractors, extractors_version
from kg.extract.base import DocumentFacts
from kg.extract.cache import FactsCache, content_hash
from kg.extract.pool import ExtractionPool, ShardFacts
from kg.graph.assemble import GraphAssembler
from kg.graph.scoring import ScoringWeights
from kg.records import Document
from kg.sources import iter_input_files, read_documents, read_shard, reader_for
from kg.sources.base import ShardedReader
from kg.sources.meter import INPUT_METER, meter_key
from kg.sources.shards import RecordPosition
from kg.store.embedded import StoreLoad, start_store_load, store_dir


class Progress(Protocol):
    """Told how a build goes (e.g. a tqdm bar): the inputs' size, each document
    assembled with how many input bytes are read by then, and each later stage."""

    def start(self, total_bytes: int) -> None: ...

    def advance(self, done_bytes: int) -> None: ...

    def stage(self, name: str) -> None: ...


STAGE_ASSEMBLE = "assembling the graph"
STAGE_OUTPUTS = "writing outputs"
STAGE_OUTPUTS_AND_STORE = "writing outputs and loading the store"


class _InputProgress:
    """Turns documents into bytes read: the sizes of the inputs already done plus how
    far into the current one this process has read (:mod:`kg.sources.meter`)."""

    def __init__(self, files: list[str], progress: Progress) -> None:
        self.sizes = {name: _size(name) for name in files}
        self.progress = progress
        self.done, self.reported, self.current, self.key = 0, 0, "", ""
        progress.start(sum(self.sizes.values()))

    def advance(self, source: str) -> None:
        if source != self.current:
            self.done += self.sizes.get(self.current, 0)
            self.current, self.key = source, meter_key(source)
        size = self.sizes.get(source, 0)
        # never backwards: a file may be opened again (sniffing, reading on after a bad shard)
        self.reported = max(self.reported, self.done + min(INPUT_METER.offset(self.key), size))
        self.progress.advance(self.reported)


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


@dataclass
class BuildResult:
    """What a build produced: the graph, the inputs read and the problems met."""

    graph: nx.MultiDiGraph
    files: list[str] = field(default_factory=list)
    documents: int = 0
    problems: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    triples: int | None = None
    store: Path | None = None  # the embedded store, when the build loaded one

    @property
    def failed_files(self) -> list[str]:
        """Inputs with at least one problem."""
        return sorted({problem.path for problem in self.problems})

    def counts(self) -> dict[str, int]:
        """Node counts by kind and edge counts by kind."""
        nodes = Counter(kind for _, kind in self.graph.nodes(data=ATTR_KIND))
        edges = Counter(kind for _, _, kind in self.graph.edges(data=ATTR_KIND))
        counts = {
            "papers": nodes[KIND_PAPER],
            "cited works": nodes[KIND_CITED_WORK],
            "concepts": sum(nodes[role] for role in CONCEPT_ROLES),
        }
        counts.update({f"{kind} edges": n for kind, n in sorted(edges.items())})
        return counts


def _in_place(items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
    """``items``, and the problem that ends them, if any, last."""
    try:
        yield from items
    except InputError as problem:
        yield problem


def _read_items(source: str) -> Iterator[Document | InputError]:
    """A file's documents and record problems; a problem that ends the file comes last."""
    return _in_place(read_documents(source))


def _file_facts(source: str, pool: ExtractionPool) -> Iterator[DocumentFacts | InputError]:
    """One input's facts and problems, in input order. With worker processes, an input
    whose reader cuts shards is read by the workers; any other is read here."""
    if pool.jobs > 1:
        try:
            reader = reader_for(source)
        except InputError as problem:
            yield problem
            return
        if isinstance(reader, ShardedReader):
            yield from _sharded_facts(reader, source, pool)
            return
    yield from pool.extract(_read_items(source))


def _sharded_facts(reader: ShardedReader, source: str, pool: ExtractionPool) -> Iterator[DocumentFacts | InputError]:
    """Facts of the shards the workers read; from the first shard that does not read on
    its own, or the first place the input could not be cut, the rest is read here."""
    path = Path(source)
    results = pool.extract_shards(reader.shards(path, source), read_shard)
    rest: RecordPosition | None = None
    try:
        for result in results:
            if isinstance(result, ShardFacts) and result.complete:
                yield from result.facts
                continue
            rest = result.shard.start if isinstance(result, ShardFacts) else result.start
            break
    finally:
        results.close()  # cancels the shards in flight
    if rest is not None:
        yield from pool.extract(_in_place(reader.read_on(path, source, rest)))


def _cache_for(cache_dir: str | Path | None, extraction: ExtractionConfig) -> FactsCache | None:
    if cache_dir is None:
        return None
    salt = extractors_version(build_extractors(extraction)) + repr(extraction)
    for vocab in extraction.vocab_files:
        salt += content_hash(Path(vocab))
    return FactsCache(Path(cache_dir), salt)


def iter_facts(
    paths: Iterable[str],
    extraction: ExtractionConfig | None = None,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    files: list[str] | None = None,
) -> Iterator[DocumentFacts | InputError]:
    """Facts of every document under ``paths``, one at a time, in input order.

    Problems come in the stream too. With ``jobs > 1`` extraction runs in worker
    processes, which also parse the inputs whose reader cuts shards; with
    ``cache_dir`` each file's results are cached by content hash."""
    extraction = extraction or ExtractionConfig()
    cache = _cache_for(cache_dir, extraction)
    with ExtractionPool(extraction, jobs) as pool:
        for source in iter_input_files(paths):
            if files is not None:
                files.append(source)
            path = Path(source)
            key = cache.key(path, source) if cache is not None and path.is_file() else None
            cached = cache.get(key) if key is not None else None
            if cached is not None:
                yield from cached
                continue
            items = _file_facts(source, pool)
            yield from (cache.put(key, items) if key is not None else items)  # type: ignore[union-attr]


def build_graph(
    paths: Iterable[str],
    extraction: ExtractionConfig | None = None,
    weights: ScoringWeights | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
) -> BuildResult:
    """Read ``paths`` (files or directories) and assemble the graph.

    A file that cannot be read, or a bad record in one, is recorded in
    ``BuildResult.problems``; every other input still builds. The result is the
    same whatever ``jobs`` is and whether or not a cache is used."""
    assembler = GraphAssembler(weights)
    result = BuildResult(nx.MultiDiGraph())
    inputs = list(iter_input_files(paths))
    meter = _InputProgress(inputs, progress) if progress is not None else None
    for item in iter_facts(inputs, extraction, jobs, cache_dir, result.files):
        if isinstance(item, InputError):
            result.problems.append(item)
        else:
            assembler.add(item)
            if meter is not None:
                meter.advance(item.document.source_file)
    result.documents = assembler.documents
    if progress is not None:
        progress.stage(STAGE_ASSEMBLE)
    result.graph = assembler.build()
    return result


def build(
    paths: Iterable[str],
    out_dir: str | Path,
    extraction: ExtractionConfig | None = None,
    weights: ScoringWeights | None = None,
    export: ExportOptions | None = None,
    formats: Sequence[str] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    store: bool = False,
) -> BuildResult:
    """Build the graph from ``paths`` and write every output into ``out_dir``; with
    ``store``, also load it into the embedded store (``out_dir/store``, as ``kg load``)."""
    result = build_graph(paths, extraction, weights, progress, jobs, cache_dir)
    if export is not None and export.html_focus and (not formats or "html" in formats):
        resolve_focus(result.graph, export.html_focus)  # an unknown focus stops before any file is written
    if progress is not None:
        progress.stage(STAGE_OUTPUTS_AND_STORE if store else STAGE_OUTPUTS)
    target = store_dir(out_dir)
    loads: list[StoreLoad] = []

    def start_load(triples: RdfScratch) -> StoreLoad:
        # the store fills from the graph's triples in a child process while the outputs are written
        loads.append(start_store_load(triples.path, target, triples.body_offset))
        return loads[-1]

    written = write_outputs(result.graph, Path(out_dir), formats, export, rdf_jobs=[start_load] if store else [])
    result.outputs, result.triples = written.paths, written.triples
    for load in loads:
        load.commit()
        result.store = target
    return result
