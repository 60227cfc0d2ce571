"""The ``kg`` command: a thin layer over :mod:`kg.pipeline` and friends."""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Callable, TypeVar

import click

from kg.errors import KGError
from kg.export import EXPORTERS, exporter_names
from kg.export.base import ExportOptions
from kg.extract import ExtractionConfig
from kg.sources import READERS

F = TypeVar("F", bound=Callable[..., object])


def reports_errors(command: F) -> F:
    """Turn a KGError into one line saying what went wrong and what to do; exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except KGError as exc:
            message = f"Error: {exc}"
            if exc.hint:
                message += f"\n  -> {exc.hint}"
            click.echo(message, err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kg")
def main() -> None:
    """kg builds an evidence knowledge graph from literature records.

    It reads PubMed pages, PubMed/MEDLINE exports, PMC full text and paper
    summaries, links papers to the works they cite, finds mechanisms and
    treatments in their text, and keeps every claim with the sentence that
    makes it. Start with `kg build` (reads seeds/, writes output/).
    """


_FORMATS_HELP = "; ".join(f"{e.name} ({e.filename})" for e in EXPORTERS)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the output files (created if missing).")
@click.option("--vocab", "vocab_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra vocabulary file (TSV, same columns as the shipped one); repeatable.")
@click.option("--weights", "weights_file", type=click.Path(exists=True, dir_okay=False),
              help="JSON file of confidence weights (see README, 'Confidence').")
@click.option("--format", "formats", multiple=True, type=click.Choice(exporter_names()),
              help=f"Write only these outputs; repeatable. Default: all of {_FORMATS_HELP}.")
@click.option("--html-focus", default="", help="Restrict graph.html to the neighbourhood of this concept label or node id.")
@click.option("--html-depth", default=2, show_default=True, type=click.IntRange(0, 10),
              help="Hops around --html-focus to show.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes for extraction [default: the machine's cores]. Output is the same for any N.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse extraction results of unchanged input files (kept in OUT/.cache).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, not progress or the summary.")
@reports_errors
def build(paths: tuple[str, ...], out_dir: str, vocab_files: tuple[str, ...], weights_file: str | None,
          formats: tuple[str, ...], html_focus: str, html_depth: int, jobs: int | None, cache: bool,
          quiet: bool) -> None:
    """Build the graph from PATHS (files or directories; default: seeds/).

    Formats are recognised from file content (see `kg formats`); directories are
    walked recursively. Writes RDF (Turtle, N-Triples, JSON-LD), claims.tsv and
    graph.html into --out, then prints a summary.

    Exit status: 0 when every input was read, 1 when any input (or record) could
    not be read; the others are still built and written.

    \b
    Examples:
      kg build                          # seeds/ -> output/
      kg build exports/ --out /tmp/kg   # every file under exports/
      kg build --format turtle --format claims
    """
    from tqdm import tqdm

    from kg.extract.pool import default_jobs
    from kg.graph.scoring import load_weights
    from kg.pipeline import build as run_build

    weights = load_weights(weights_file) if weights_file else None
    # A bar only on a terminal: logs and pipes get the summary alone.
    bar = tqdm(unit=" records", desc="building", disable=quiet or None, file=sys.stderr, leave=False)
    bar.advance = lambda: bar.update(1)  # type: ignore[attr-defined]
    try:
        result = run_build(
            list(paths) or ["seeds"],
            out_dir,
            extraction=ExtractionConfig(vocab_files=tuple(vocab_files)),
            weights=weights,
            export=ExportOptions(html_focus=html_focus, html_depth=html_depth),
            formats=list(formats) or None,
            progress=bar,  # type: ignore[arg-type]
            jobs=jobs or default_jobs(),
            cache_dir=Path(out_dir) / ".cache" if cache else None,
        )
    finally:
        bar.close()
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    if not quiet:
        click.echo(f"Built {out_dir}/ from {len(result.files)} files, {result.documents} records:")
        for name, count in result.counts().items():
            click.echo(f"  {name:>24}: {count}")
        if result.triples is not None:
            click.echo(f"  {'triples':>24}: {result.triples}")
        click.echo(f"  {'wrote':>24}: {', '.join(p.name for p in result.outputs)}")
    if result.problems:
        click.echo(f"{len(result.failed_files)} input(s) had problems (listed above); "
                   "everything else was built.", err=True)
        sys.exit(1)


@main.command()
def formats() -> None:
    """List the input formats kg reads, in the order they are tried."""
    for reader in READERS:
        click.echo(f"{reader.name:<22} {reader.description}")


if __name__ == "__main__":  # pragma: no cover
    main()
