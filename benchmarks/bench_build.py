"""Benchmark `kg build` on a PubMed XML file (run by hand, not in CI).

    python benchmarks/bench_build.py ../shared/data/corpus/pubmed21n1298.xml.gz [--jobs N]

Prints, for the whole file and for its first half: records/s, claims/s,
triples/s, wall time (split into graph, outputs and store) and peak RSS of a
full build (every output and the embedded store); the ratio of the build time to
lxml merely streaming the file, and to pubmed_parser's parse (if installed);
then the time of an incremental rebuild after adding one paper.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

_CHILD = r"""
import cProfile, json, os, resource, sys, time
from pathlib import Path
from kg.pipeline import build
from kg.constants import OUT_CLAIMS
inputs, out, jobs, cache = sys.argv[1:-3], sys.argv[-3], int(sys.argv[-2]), sys.argv[-1] or None


class StageTimes:
    # a kg.pipeline.Progress that notes when each stage after reading starts
    def __init__(self):
        self.starts = {}
    def start(self, total_bytes):
        pass
    def advance(self, done_bytes):
        pass
    def stage(self, name):
        self.starts[name] = time.perf_counter()


profile = cProfile.Profile() if os.environ.get("KG_BENCH_PROFILE") else None
if profile is not None:
    profile.enable()
stages = StageTimes()
t0 = time.perf_counter()
result = build(inputs, out, jobs=jobs, cache_dir=cache, store=True, progress=stages)
t3 = time.perf_counter()
t1, t2 = stages.starts.values()  # assembling; writing outputs and loading the store
if profile is not None:
    profile.disable()
    profile.dump_stats(os.environ["KG_BENCH_PROFILE"])
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would report the
# benchmark's own peak (pubmed_parser's) instead of the build's.
with open("/proc/self/status", encoding="ascii") as status:
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
children = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(f"{out}/{OUT_CLAIMS}", encoding="utf-8") as handle:
    claims = len({line.split("\t", 1)[0] for line in handle}) - 1
print(json.dumps({"wall": t3 - t0, "read": t1 - t0, "assemble": t2 - t1, "outputs": t3 - t2,
                  "cpu": time.process_time(), "children_cpu": children.ru_utime + children.ru_stime,
                  "rss_mb": rss / 1024, "records": result.documents,
                  "triples": result.triples, "claims": claims, "problems": len(result.problems)}))
"""


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def run_build(inputs: list[str], out: str, jobs: int, cache: str = "", profile: str = "") -> dict:
    """One build in a fresh process, so that its peak RSS is its own; the memory of
    all its processes together (workers, converters) is sampled every 0.2 s. With
    ``profile``, the main process runs under cProfile and its stats go to that file."""
    env = {**os.environ, "KG_BENCH_PROFILE": profile}
    process = subprocess.Popen([sys.executable, "-c", _CHILD, *inputs, out, str(jobs), cache],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak_tree = 0
    while process.poll() is None:
        peak_tree = max(peak_tree, _tree_rss_kb(process.pid))
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"the build failed:\n{stderr}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["tree_rss_mb"] = peak_tree / 1024
    return figures


def lxml_stream_seconds(path: str) -> float:
    """The floor: lxml iterparse over every record, clearing as it goes."""
    t0 = time.perf_counter()
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        for _, element in etree.iterparse(handle, tag=("PubmedArticle", "MedlineCitation"), resolve_entities=False):
            element.clear()
    return time.perf_counter() - t0


def pubmed_parser_seconds(path: str) -> float | None:
    """pubmed_parser's parse of the same file, with authors and references, if installed."""
    try:
        import pubmed_parser
    except ImportError:
        return None
    t0 = time.perf_counter()
    for _ in pubmed_parser.parse_medline_xml(path, author_list=True, reference_list=True):
        pass  # it may return a generator: consume it
    return time.perf_counter() - t0


def write_half(path: str, target: Path) -> None:
    """The first half of the file's records, as a PubmedArticleSet."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        total = sum(1 for _ in etree.iterparse(handle, tag="PubmedArticle", resolve_entities=False))
    with opener(path, "rb") as handle, gzip.open(target, "wb") as out:
        out.write(b"<?xml version='1.0' encoding='utf-8'?>\n<PubmedArticleSet>\n")
        for count, (_, element) in enumerate(etree.iterparse(handle, tag="PubmedArticle",
                                                              resolve_entities=False)):
            if count >= total // 2:
                break
            out.write(etree.tostring(element))
            element.clear()
        out.write(b"</PubmedArticleSet>\n")


def report(name: str, figures: dict, floor: float, parser: float | None) -> None:
    wall = figures["wall"]
    print(f"{name}: {figures['records']} records, {figures['claims']} claims, {figures['triples']} triples")
    print(f"  wall {wall:.1f} s = reading and extraction {figures['read']:.1f} + assembly "
          f"{figures['assemble']:.1f} + outputs and store {figures['outputs']:.1f}; CPU {figures['cpu']:.1f} s main + {figures['children_cpu']:.1f} s "
          f"in child processes")
    print(f"  peak RSS {figures['rss_mb']:.0f} MB in the main process, {figures['tree_rss_mb']:.0f} MB "
          f"in all its processes together (sampled)")
    print(f"  {figures['records'] / wall:,.0f} records/s, {figures['claims'] / wall:,.0f} claims/s, "
          f"{figures['triples'] / wall:,.0f} triples/s")
    print(f"  build / lxml stream = {wall:.1f} / {floor:.1f} s = {wall / floor:.2f}")
    if parser is not None:
        print(f"  build / pubmed_parser parse = {wall:.1f} / {parser:.1f} s = {wall / parser:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("xml")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="then build the whole file again under cProfile and print the N functions "
                             "of the main process with the most own time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        half = work / "half.xml.gz"
        write_half(args.xml, half)
        for name, path in (("first half", str(half)), ("whole file", args.xml)):
            floor = lxml_stream_seconds(path)
            parse = pubmed_parser_seconds(path)
            figures = run_build([path], str(work / f"out-{name[0]}"), args.jobs)
            report(name, figures, floor, parse)

        corpus = work / "corpus"
        corpus.mkdir()
        shutil.copy(args.xml, corpus / Path(args.xml).name)
        full = run_build([str(corpus)], str(work / "inc"), args.jobs, str(work / "cache"))
        seed = Path(__file__).resolve().parents[1] / "seeds"
        shutil.copy(next(seed.glob("000_*")), corpus / "one-more-paper.txt")
        again = run_build([str(corpus)], str(work / "inc"), args.jobs, str(work / "cache"))
        print(f"incremental: full build with cache {full['wall']:.1f} s; after adding one paper "
              f"{again['wall']:.1f} s = {100 * again['wall'] / full['wall']:.1f} % of it "
              f"(reading {again['read']:.1f} + assembly {again['assemble']:.1f} + outputs and store "
              f"{again['outputs']:.1f})")
        if args.profile:
            stats_file = str(work / "build.prof")
            run_build([args.xml], str(work / "out-p"), args.jobs, profile=stats_file)
            print(f"\nprofile of the main process, whole file (cProfile, {args.profile} functions by own time):")
            pstats.Stats(stats_file, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
