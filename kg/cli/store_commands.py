"""``kg load``, ``kg query``, ``kg serve``, ``kg stats``: thin wrappers over kg/store/."""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import asdict
from typing import Annotated, Optional

import typer

from kg.cli import options
from kg.cli.app import app
from kg.graph import DEFAULT_BASE

STORE_HELP = "Embedded store folder."
ENDPOINT_HELP = ("SPARQL 1.1 endpoint base URL (oxigraph server: URL/query, URL/update). "
                 "Credentials: KG_ENDPOINT_TOKEN, or KG_ENDPOINT_USER + KG_ENDPOINT_PASSWORD, or ~/.netrc.")

Store = Annotated[str, typer.Option("--store", "-s", metavar="PATH", help=STORE_HELP)]
EndpointOpt = Annotated[Optional[str], typer.Option("--endpoint", "-e", metavar="URL", help=ENDPOINT_HELP)]
QueryUrl = Annotated[Optional[str], typer.Option(metavar="URL", help="SPARQL query URL (default ENDPOINT/query).")]
UpdateUrl = Annotated[Optional[str], typer.Option(metavar="URL", help="SPARQL update URL (default ENDPOINT/update).")]
StoreUrl = Annotated[Optional[str], typer.Option(metavar="URL", help="Graph Store Protocol URL (default ENDPOINT/store); "
                    "accepted, but no longer used: graphs are replaced through the update URL.")]


def _err(line: str) -> None:
    typer.echo(line, err=True)


def _fail(err: Exception | str, code: int = 2) -> typer.Exit:
    _err(str(err))
    return typer.Exit(code)


@app.command()
def load(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", show_default=False,
                      help="Articles (.txt, .json, .jsonl, folders, - for stdin), RDF files kg wrote (.ttl, .nt, .nq, .nq.gz, .trig, .jsonld) or a folder of shards from kg export --cluster.")],
    store: Store = "out/store",
    endpoint: EndpointOpt = None,
    query_url: QueryUrl = None,
    update_url: UpdateUrl = None,
    store_url: StoreUrl = None,
    base: options.Base = DEFAULT_BASE,
    validate: options.Validate = True,
    strict: options.Strict = False,
    authority: options.Authority = None,
    quiet: options.Quiet = False,
) -> None:
    """Load articles (extracted on the way, exactly as kg export does) or RDF files into the triple
    store: the embedded Oxigraph store by default, or a SPARQL 1.1 endpoint with --endpoint.

    One named graph per article, the ontology in <https://w3id.org/newskg/ontology>. Loading an
    article again replaces its graph, in one transaction: nothing doubles, nothing is half-loaded.

    Exit status: 0 when every input was loaded, 1 when some could not be read or extracted (or, with
    --strict, a graph violates the shapes), 2 when none could be (then no store is created) or the
    store failed (the graphs before the failure are loaded whole, the failing one not at all, and
    the message names it).

    \b
    Examples:
      kg load examples/                               # extract and load into out/store
      kg load corpus.nq --store /data/kg              # an export, into another store
      kg load shards/                                 # kg export --cluster's shards, bulk-loaded
      kg load out/ --endpoint http://127.0.0.1:7878   # into a running oxigraph server
      KG_ENDPOINT_TOKEN=... kg load news.jsonl -e https://sparql.example.org/ds
    """
    from pathlib import Path

    from kg.store import StoreError, load_inputs, open_store

    settings = options.settings_from(base, validate, authority)
    failed: list[str] = []
    violations = 0

    def on_result(result) -> None:
        nonlocal violations
        violations += len(result.violations)

    # A new embedded store is made only when some input is there to put in it.
    if endpoint is None and not Path(store).exists() and not any(_may_exist(i) for i in inputs):
        for item in inputs:
            _err(f"{item}: no such file or folder")
        raise _fail("nothing loaded: no input could be read", 2)
    target = None
    try:
        target = open_store(store, endpoint, query_url=query_url, update_url=update_url, store_url=store_url)
        report = load_inputs(target, inputs, settings, _err, on_result, failed.append)
    except StoreError as err:
        raise _fail(err)
    finally:
        if target is not None:
            target.close()
    loaded = len(report.graphs) - 1  # the ontology graph is not an input
    if not quiet:
        _err(f"loaded {loaded} graph(s), {report.triples} triples, into {target.name} in {report.seconds:.1f} s"
             + (f"; {len(failed)} input(s) failed" if failed else "")
             + (f"; {violations} shape violation(s)" if violations else ""))
    code = 0 if not failed else (1 if loaded else 2)
    if code == 0 and strict and violations:
        code = 1
    raise typer.Exit(code)


def _may_exist(item: str) -> bool:
    """Whether an input may give something: stdin, a URL, or a path that is there."""
    from pathlib import Path

    return item == "-" or "://" in item or Path(item).exists()


@app.command()
def query(
    query_text: Annotated[Optional[str], typer.Argument(metavar="QUERY", show_default=False,
                          help="SPARQL text, @file.rq, or the name of a query in the pack (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", metavar="NAME=VALUE",
                     help="Bind ?NAME to VALUE (a string; NAME=<iri> for an IRI), safely, as one RDF term. "
                          "Repeatable for different names; a name given twice is an error.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT",
                   help="table | csv | tsv | json (SPARQL results JSON) | turtle | ntriples. Default: table on a terminal, "
                        "else csv; turtle for CONSTRUCT/DESCRIBE.")] = None,
    list_pack: Annotated[bool, typer.Option("--list", help="List the query pack and exit.")] = False,
    allow_service: Annotated[bool, typer.Option("--allow-service",
                             help="Let the embedded store call other servers for SERVICE clauses.")] = False,
    store: Store = "out/store",
    endpoint: EndpointOpt = None,
    query_url: QueryUrl = None,
) -> None:
    """Answer a SPARQL query from the store (or --endpoint).

    On the embedded store the default graph is the union of all article graphs; the pack's queries
    name their graphs, so they answer the same on any endpoint. The embedded store refuses SERVICE
    (a call to another server) unless --allow-service. Tables show control characters escaped
    (ESC as \\x1b); csv, tsv and json keep the text as it is.

    \b
    Examples:
      kg query --list
      kg query meetings
      kg query statements-by --param person="Sergey Lavrov" --format json
      kg query timeline -p entity=Lavrov -f csv > lavrov.csv
      kg query @my-query.rq --endpoint http://127.0.0.1:7878
      kg query 'SELECT ?name WHERE { ?x a <https://w3id.org/newskg/ontology#Person> ; rdfs:label ?name }'
    """
    from kg.sparql_results import FORMATS, GRAPH, AnswerError, render
    from kg.store import StoreError, open_store, parse_params, query_pack, resolve_query, run_query

    if list_pack:
        for q in query_pack():
            params = f"  [params: {', '.join(q.parameters)}]" if q.parameters else ""
            typer.echo(f"{q.name}\n" + textwrap.fill(q.summary + params, 100, initial_indent="    ",
                                                       subsequent_indent="    "))
        raise typer.Exit(0)
    if not query_text:
        _err("query: give QUERY (SPARQL text, @file.rq or a pack name) or --list")
        raise typer.Exit(2)
    if fmt is not None and fmt not in FORMATS:
        _err(f"--format {fmt}: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        text = resolve_query(query_text)
        params = parse_params(param or [])
        target = open_store(store, endpoint, query_url=query_url, read_only=True, allow_service=allow_service)
    except StoreError as err:
        raise _fail(err)
    try:  # the answer is evaluated as it is printed, so the store stays open until then
        result = run_query(target, text, params)
        chosen = fmt or ("turtle" if result.kind == GRAPH else ("table" if sys.stdout.isatty() else "csv"))
        output = render(result, chosen)
    except StoreError as err:
        raise _fail(err)
    except AnswerError as err:
        raise _fail(f"query: {err}")
    except ValueError as err:
        raise _fail(f"--format {chosen}: {err}")
    finally:
        target.close()
    typer.echo(output, nl=False, color=True)  # color=True: click would strip ANSI sequences from the data


@app.command()
def serve(
    store: Store = "out/store",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port on 127.0.0.1.")] = 7878,
    writable: Annotated[bool, typer.Option("--writable", help="Accept SPARQL updates and Graph Store writes "
                        "(/update, /store). Any web page open in your browser can then change the store.")] = False,
) -> None:
    """Serve the store on 127.0.0.1: the browsable view at http://127.0.0.1:PORT/ (articles with
    their evidence highlighted, people, meetings), a SPARQL endpoint for tools (PORT/query) and a query
    page with kg's prefixes and the query pack (PORT/query-ui). Read-only unless --writable. The
    default graph is the union of the article graphs. Stop it with Ctrl-C. While it runs, `kg load`
    into the same store is refused ("in use"): with --writable, load through --endpoint instead.

    \b
    Examples:
      kg serve                          # out/store on http://127.0.0.1:7878/
      kg serve --store /data/kg --port 8080
      kg query meetings --endpoint http://127.0.0.1:7878   # from another terminal
      kg serve --writable               # then: kg load news.jsonl --endpoint http://127.0.0.1:7878
    """
    from kg.view.server import ServeError, serve as run_serve

    try:
        run_serve(store, port, writable=writable)
    except ServeError as err:
        raise _fail(err)


@app.command()
def stats(
    store: Store = "out/store",
    endpoint: EndpointOpt = None,
    query_url: QueryUrl = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count what the store holds: articles, entities by class, statements, meetings, triples.

    \b
    Examples:
      kg stats
      kg stats --endpoint http://127.0.0.1:7878 --json
    """
    from kg.store import StoreError, open_store, stats as run_stats

    try:
        target = open_store(store, endpoint, query_url=query_url, read_only=True)
        counts = run_stats(target)
    except StoreError as err:
        raise _fail(err)
    target.close()
    if as_json:
        typer.echo(json.dumps(asdict(counts), indent=2))
        return
    typer.echo(f"store         {target.name}")
    typer.echo(f"articles      {counts.articles}")
    for cls, plural in (("Person", "people"), ("Organisation", "organisations"), ("Place", "places")):
        typer.echo(f"{plural:<13} {counts.entities.get(cls, 0)}")
    typer.echo(f"statements    {counts.statements}")
    typer.echo(f"meetings      {counts.meetings}")
    typer.echo(f"triples       {counts.triples} in {counts.graphs} graph(s)")
