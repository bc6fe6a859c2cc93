"""``kg export`` and ``kg validate``."""

from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.app import app
from kg.graph import DEFAULT_BASE


def _err(line: str) -> None:
    typer.echo(line, err=True)


class _Progress:
    """A line on a terminal's stderr, rewritten at most every half second: articles and words done
    and the rate. Problems are printed above it."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.start = self.shown = time.monotonic()
        self.width = 0

    def update(self, report) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.shown < 0.5:
            return
        self.shown = now
        rate = report.words / (now - self.start)
        line = f"{len(report.exported)} article(s), {report.words:,} words, {rate:,.0f} words/s"
        self.clear()
        sys.stderr.write(line)
        sys.stderr.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.enabled and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.width = 0

    def wrap(self, print_line):
        def printed(line: str) -> None:
            self.clear()
            print_line(line)
        return printed


@contextmanager
def _unwound_by_sigterm():
    """SIGTERM (a scheduler's stop, `kill`) unwinds the job like Ctrl-C does, so that the spool and
    half-written temporary files are removed on the way out; only SIGKILL leaves them behind, for
    the next export to remove."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@app.command()
def export(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Article files (.txt, .json, .jsonl), folders, or - for stdin.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", metavar="PATH", help="A file (all articles together), a folder (one file per article), or - for stdout.")] = "out/",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="turtle | jsonld | ntriples | nquads | trig (default: from the output suffix, else turtle).")] = None,
    base: Annotated[str, typer.Option(metavar="IRI", help="Base IRI of the exported nodes; ends with '/'.")] = DEFAULT_BASE,
    validate: Annotated[bool, typer.Option("--validate/--no-validate", help="Check each article's graph against the SHACL shapes.")] = True,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any graph violates the shapes.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")] = False,
    authority: Annotated[Optional[Path], typer.Option(metavar="CSV", help="Authority file (name or alias, IRI, optional type) linking persons and organisations with owl:sameAs.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N", help="spaCy parser processes; each costs ~400 MB.")] = 1,
) -> None:
    """Extract people, organisations, places, roles, statements, meetings and dates from news
    articles and write them as RDF.

    A .txt article may start with a header line 'date YYYY-MM-DD'; .json holds one article or a list,
    .jsonl one per line: {"id": ..., "date": "YYYY-MM-DD", "title": ..., "text": ...}.

    Exit status: 0 when every article was exported, 1 when some failed (or, with --strict, a graph
    violates the shapes), 2 when none could be.

    \b
    Examples:
      kg export examples/                         # one Turtle file per article in out/
      kg export news.jsonl -f nquads -o news.nq   # all articles in one N-Quads file
      kg export story.txt -f jsonld -o -          # JSON-LD on stdout
      cat story.txt | kg export - -o story.ttl    # read stdin
    """
    from kg.export import choose_format, export as run_export
    from kg.ingest import check_base

    try:
        check_base(base)
    except ValueError as err:
        _err(f"--base {base}: {err}")
        raise typer.Exit(2)
    try:
        choose_format(fmt, output)
    except ValueError as err:
        _err(f"--format: {err}")
        raise typer.Exit(2)
    if authority is not None and not authority.is_file():
        _err(f"{authority}: no such authority file")
        raise typer.Exit(2)
    try:
        if authority is not None:
            from kg.nlp.linking import load_authority

            load_authority(authority)  # a malformed file stops here, before any work
        progress = _Progress(enabled=not quiet and sys.stderr.isatty())
        with _unwound_by_sigterm():
            report = run_export(inputs, output, fmt, base, validate, on_problem=progress.wrap(_err), n_process=jobs,
                                authority=authority, on_article=progress.update)
        progress.clear()
    except ValueError as err:
        if authority is None:
            raise
        _err(f"{authority}: {err}")
        raise typer.Exit(2)
    except BrokenPipeError:
        raise  # the reader of stdout left (`kg export ... -o - | head`): click exits quietly
    except OSError as err:
        _err(f"{err.filename or output}: cannot write: {err.strerror or err}")
        raise typer.Exit(2)
    if not quiet:
        where = "stdout" if output == "-" else output
        _err(f"exported {len(report.exported)} article(s), {report.words} words, to {where}"
             + (f"; {len(report.failed)} failed" if report.failed else "")
             + (f"; {len(report.violations)} shape violation(s)" if report.violations else ""))
    code = report.exit_code
    if code == 0 and strict and report.violations:
        code = 1
    raise typer.Exit(code)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="RDF files that kg wrote (.ttl, .jsonld, .nt, .nq, .trig).", show_default=False)],
) -> None:
    """Check RDF files against kg's SHACL shapes; print each violation as 'article: node: message'.
    Each named graph (one article) is checked on its own, as export checks it.

    Exit status: 0 when every file conforms, 1 when one does not, 2 when one cannot be read.

    \b
    Examples:
      kg validate out/*.ttl
      kg validate corpus.nq
    """
    from kg.serialize import read_quads
    from kg.validate import validate_dataset

    worst = 0
    for path in files:
        try:
            quads = read_quads(path)
        except FileNotFoundError:
            _err(f"{path}: no such file")
            worst = 2
            continue
        except Exception as err:  # any parser's error is a bad file, reported in one line
            _err(f"{path}: cannot parse: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
            worst = 2
            continue
        violations = validate_dataset(quads)
        for v in violations:
            typer.echo(f"{path}: {v}")
        if violations:
            worst = max(worst, 1)
        else:
            graphs = len({q.graph_name for q in quads})
            _err(f"{path}: conforms ({len(quads)} triples in {graphs} graph{'s' if graphs != 1 else ''})")
    raise typer.Exit(worst)
