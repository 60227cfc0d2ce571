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
@click.option("--store", "load_store", is_flag=True,
              help="Also load the graph into the embedded store (<out>/store/), as `kg load` does.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, not progress or the summary.")
@reports_errors
def build(paths: tuple[str, ...], out_dir: str, vocab_files: tuple[str, ...], weights_file: str | None,
          formats: tuple[str, ...], html_focus: str, html_depth: int, jobs: int | None, cache: bool,
          load_store: bool, quiet: bool) -> None:
    """Build the graph from PATHS (files or directories; default: seeds/).

    Formats are recognised from file content (see `kg formats`); directories are
    walked recursively. Writes RDF (Turtle, N-Triples, JSON-LD, TriG), claims.tsv
    and graph.html into --out (with --store, also the embedded store), then prints
    a summary. Next: open graph.html, or `kg query --list`.

    Large inputs: extraction runs in --jobs worker processes (PubMed XML is also
    parsed there), results are cached per input file so a rebuild re-extracts only
    changed files, and RDF conversions and the store load run in child processes.
    On a terminal a progress bar estimates the time left.

    Exit status: 0 when every input was read, 1 when any input (or record) could
    not be read; the others are still built and written.

    \b
    Examples:
      kg build                          # seeds/ -> output/
      kg build exports/ --out /tmp/kg   # every file under exports/
      kg build --format turtle --format claims
      kg build baseline.xml.gz --store -j 4
    """
    from kg.extract.pool import default_jobs
    from kg.graph.scoring import load_weights
    from kg.pipeline import build as run_build
    from kg.progress import BuildProgressBar

    weights = load_weights(weights_file) if weights_file else None
    bar = BuildProgressBar(quiet)
    try:
        result = run_build(
            list(paths) or ["seeds"],
            out_dir,
            extraction=ExtractionConfig(vocab_files=tuple(vocab_files)),
            weights=weights,
            export=ExportOptions(html_focus=html_focus, html_depth=html_depth),
            formats=list(formats) or None,
            progress=bar,
            jobs=jobs or default_jobs(),
            cache_dir=Path(out_dir) / ".cache" if cache else None,
            store=load_store,
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
        if result.store is not None:
            click.echo(f"  {'loaded the store':>24}: {result.store}/ (`kg query` uses it)")
    if result.problems:
        click.echo(f"{len(result.failed_files)} input(s) had problems (listed above); "
                   "everything else was built.", err=True)
        sys.exit(1)


@main.command()
def formats() -> None:
    """List the input formats kg reads, in the order they are tried."""
    for reader in READERS:
        click.echo(f"{reader.name:<22} {reader.description}")


# --- queries, triple stores and validation (README, "Queries and triple stores") -----------

def _query_epilog() -> str:
    from kg.query import shipped_names, shipped_queries

    lines = ["\b", "Shipped queries (`kg queries` shows their parameters):"]
    try:
        lines += [f"  {q.name:<26} {q.question}" for q in shipped_queries()]
    except KGError:  # a broken query file must not break every command
        lines += [f"  {name}" for name in shipped_names()]
    return "\n".join(lines)


def _split_params(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r}: write NAME=VALUE", ctx=ctx, param=param)
        pairs[name.strip()] = text
    return pairs


def _print_queries(verbose: bool) -> None:
    from kg.query import shipped_queries

    for q in shipped_queries():
        click.echo(f"{q.name:<26} {q.question}")
        if verbose:
            for p in q.params:
                default = "(required)" if p.default is None else f"= {p.default or chr(34) * 2}"
                click.echo(f"{'':<28}--param {p.name} ({p.type}) {default}  {p.description}".rstrip())
            if q.row:
                click.echo(f"{'':<28}row: {q.row}")


def _output_format_names() -> list[str]:
    from kg.results import output_format_names

    return output_format_names()


def _output_format_help() -> str:
    from kg.results import OUTPUT_FORMATS

    return "; ".join(f"{f.name}: {f.description}" for f in OUTPUT_FORMATS)


@main.command(epilog=_query_epilog())
@click.argument("name", required=False, metavar="NAME|FILE")
@click.option("-p", "--param", "params", multiple=True, callback=_split_params, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); values are bound as RDF terms, never pasted.")
@click.option("--format", "output_format", default="table", show_default=True,
              type=click.Choice(_output_format_names()), help=_output_format_help())
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Build directory: its store/ (after `kg load`), else its graph.nt in memory.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Query a SPARQL 1.1 store over HTTP instead: its base URL (queries go to URL/query).")
@click.option("--query-url", default=None, metavar="URL", help="The store's query service, when not URL/query.")
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="With --endpoint: query this named graph as the default graph (repeatable).")
@click.option("--list", "list_only", is_flag=True, help="List the shipped queries and their questions.")
@reports_errors
def query(name: str | None, params: dict[str, str], output_format: str, out_dir: str, endpoint: str | None,
          query_url: str | None, graphs: tuple[str, ...], list_only: bool) -> None:
    """Run a SPARQL query: a shipped one by NAME, or any .rq FILE.

    Parameters the query declares (`kg queries` lists them) take --param
    NAME=VALUE, else their defaults. Rows go to stdout.

    \b
    Examples:
      kg query treatments-for --param target=fatigue
      kg query citing-papers -p pmid=22110947 --format csv
      kg query my.rq --endpoint http://127.0.0.1:7878
    """
    from kg.query import load_query, run_query
    from kg.results import render

    if list_only or not name:
        if not list_only:
            raise click.UsageError("give a query NAME or FILE (or --list)")
        _print_queries(verbose=False)
        return
    chosen = load_query(name)
    if endpoint:
        from kg.store.endpoint import HttpTarget
        from kg.store.http import Endpoint

        target = HttpTarget(Endpoint.from_url(endpoint, query_url=query_url), list(graphs))
    else:
        from kg.store.embedded import build_target

        target, warning = build_target(out_dir)
        if warning:
            click.echo(f"warning: {warning}", err=True)
    click.echo(render(run_query(chosen, target, params), output_format), nl=False)


@main.command()
@click.option("-v", "--verbose", is_flag=True, help="Also show each query's parameters and what a row means.")
def queries(verbose: bool) -> None:
    """List the shipped SPARQL queries with the questions they answer."""
    _print_queries(verbose)


@main.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False), metavar="[FILE]")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Build directory; FILE defaults to its graph.nt, the store to its store/.")
@click.option("--store", "store_path", default=None, type=click.Path(file_okay=False),
              help="Directory of the embedded store (default: OUT/store).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Load into a SPARQL 1.1 store over HTTP (Graph Store Protocol) instead: its base URL.")
@click.option("--graph", default=None, metavar="IRI",
              help="With --endpoint: the named graph a triples file replaces "
                   "[default: https://w3id.org/kg/resource/graph]; a TriG file names its own graphs.")
@click.option("--gsp-url", default=None, metavar="URL", help="The store's Graph Store service, when not URL/store.")
@click.option("--update-url", default=None, metavar="URL", help="The store's update service, when not URL/update.")
@click.option("--query-url", default=None, metavar="URL",
              help="The store's query service, when not URL/query (asked which graphs exist).")
@click.option("--chunk", "chunk_triples", default=50_000, show_default=True, type=click.IntRange(1),
              help="With --endpoint: triples per upload request.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@reports_errors
def load(rdf_file: str | None, out_dir: str, store_path: str | None, endpoint: str | None, graph: str | None,
         gsp_url: str | None, update_url: str | None, query_url: str | None, chunk_triples: int,
         quiet: bool) -> None:
    """Load a built graph (FILE, default OUT/graph.nt) into a triple store.

    Without --endpoint: into the embedded Oxigraph store OUT/store/, replacing its
    content (loaded beside it, then swapped in); `kg query` and `kg serve` use it.

    With --endpoint: into any SPARQL 1.1 store, through the Graph Store HTTP
    Protocol. The target graph is replaced, so reloading never duplicates; the
    upload goes to a temporary graph, swapped in by one SPARQL Update, so a failed
    load leaves the store as it was. Credentials come from the environment:
    KG_STORE_USER and KG_STORE_PASSWORD (Basic), or KG_STORE_TOKEN (Bearer).

    \b
    Examples:
      kg load                                         # output/graph.nt -> output/store/
      kg load output/graph.trig --endpoint http://127.0.0.1:7878
      kg load --endpoint http://localhost:3030/ds --gsp-url http://localhost:3030/ds/data
    """
    from pathlib import Path

    from kg.constants import OUT_NTRIPLES

    source = Path(rdf_file) if rdf_file else Path(out_dir) / OUT_NTRIPLES
    if endpoint is None:
        from kg.store.embedded import load_store, store_dir

        target = Path(store_path) if store_path else store_dir(out_dir)
        count = load_store(source, target)
        if not quiet:
            click.echo(f"Loaded {count} triples from {source} into {target}/")
        return
    from tqdm import tqdm

    from kg.store import DEFAULT_GRAPH_IRI
    from kg.store.gsp import load_endpoint, rdf_format
    from kg.store.http import Endpoint

    if graph is None and not rdf_format(source).supports_datasets:
        graph = DEFAULT_GRAPH_IRI

    def progress(total: int) -> tqdm:
        return tqdm(total=total, unit=" triples", unit_scale=True, disable=True if quiet else None,
                    file=sys.stderr, desc="uploading")

    where = Endpoint.from_url(endpoint, query_url=query_url, update_url=update_url, gsp_url=gsp_url)
    report = load_endpoint(source, where, graph, chunk_triples, progress=progress)
    if not quiet:
        click.echo(f"Loaded {report.triples} triples from {source} into {len(report.graphs)} graph(s) "
                   f"at {where.base}:")
        for name, count in report.graphs.items():
            click.echo(f"  {count:>9}  <{name}>")


@main.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port on 127.0.0.1.")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Build directory whose store/ is served.")
@click.option("--store", "store_path", default=None, type=click.Path(file_okay=False),
              help="Directory of the store to serve (default: OUT/store).")
@click.option("--writable", is_flag=True,
              help="Also accept SPARQL updates and Graph Store writes (e.g. `kg load --endpoint`).")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for a Yasgui page on another site).")
@reports_errors
def serve(port: int, out_dir: str, store_path: str | None, writable: bool, cors: bool) -> None:
    """Serve the embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 until Ctrl-C.

    Runs `oxigraph serve` (from the `oxigraph` package). Queries see the union of
    the store's graphs as their default graph. Run `kg load` first; restart the
    server after loading again.
    """
    from kg.store.embedded import store_dir
    from kg.store.server import start_server

    location = store_path or str(store_dir(out_dir))
    server = start_server(location, port, writable=writable, cors=cors)
    click.echo(f"SPARQL endpoint: {server.url}/query  (store {location}, "
               f"{'read-write: updates at /update, graph store at /store' if writable else 'read-only'})")
    click.echo("Stop with Ctrl-C.")
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)  # so that the server is stopped with us, never orphaned
    try:
        sys.exit(server.process.wait())
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@main.command()
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False), metavar="[GRAPH_FILE]")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Build directory; GRAPH_FILE defaults to its graph.nt.")
@click.option("--shapes", default=None, type=click.Path(exists=True, dir_okay=False),
              help="SHACL shapes file (default: the shapes shipped in kg/shapes/).")
@click.option("--max", "max_shown", default=50, show_default=True, type=click.IntRange(1),
              help="Show at most this many violations.")
@reports_errors
def validate(graph_file: str | None, out_dir: str, shapes: str | None, max_shown: int) -> None:
    """Check a built graph (N-Triples, Turtle or TriG) against kg's SHACL shapes.

    Exit status 0 when it conforms, 1 when it does not (violations listed).
    """
    from pathlib import Path

    from kg.constants import OUT_NTRIPLES
    from kg.validate import validate_file

    target = Path(graph_file) if graph_file else Path(out_dir) / OUT_NTRIPLES
    report = validate_file(target, shapes) if shapes else validate_file(target)
    if report.conforms:
        click.echo(f"{target} conforms to the shapes.")
        return
    for violation in report.violations[:max_shown]:
        click.echo(str(violation))
    more = len(report.violations) - max_shown
    click.echo(f"{target} does not conform: {len(report.violations)} violation(s)"
               + (f", {more} not shown" if more > 0 else "") + ".", err=True)
    sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
