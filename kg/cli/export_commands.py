"""``kg export``."""

from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import options
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
        self.show(lambda rate: f"{len(report.exported)} article(s), {report.words:,} words, {rate:,.0f} words/s",
                  report.words)

    def update_shards(self, done: int, total: int, report) -> None:
        self.show(lambda rate: f"shards {done}/{total}, {report.exported} article(s), {report.words:,} words, "
                               f"{rate:,.0f} words/s", report.words, final=done == total)

    def show(self, describe, words: int, final: bool = False) -> None:
        """Rewrite the line as ``describe(words per second)``, at most every half second."""
        now = time.monotonic()
        if not self.enabled or (now - self.shown < 0.5 and not final):
            return
        self.shown = now
        line = describe(words / max(now - self.start, 1e-9))
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
    base: options.Base = DEFAULT_BASE,
    validate: options.Validate = True,
    strict: options.Strict = False,
    quiet: options.Quiet = False,
    authority: options.Authority = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes, each doing whole articles (parse, extract, validate) with its own model, ~320 MB each; output identical to --jobs 1.")] = 1,
    resolve: Annotated[bool, typer.Option("--resolve", help="Link the nodes of one entity across the articles (owl:sameAs to one canonical node) in one more graph.")] = False,
    cluster: Annotated[Optional[str], typer.Option(metavar="local:N|tcp://HOST:PORT", help="Export on Dask (pip install 'kg[cluster]'): local:N starts N worker processes, an address joins a running scheduler. Writes OUTPUT/part-NNNNN.nq.gz shards and OUTPUT/_manifest.json.")] = None,
    articles_per_shard: Annotated[int, typer.Option(min=1, metavar="N", help="Articles per shard with --cluster.")] = 2000,
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
      kg export news.jsonl --resolve -o news.nq   # with the corpus-level identity links
      kg export archive.jsonl --cluster local:2 -o shards/            # shards on 2 local workers
      kg export s3://news/2025/ --cluster tcp://10.0.0.5:8786 -o s3://news-kg/2025/
    """
    settings = options.settings_from(base, validate, authority)  # checked once, up front
    if cluster is not None:
        raise typer.Exit(_export_on_cluster(inputs, output, fmt, jobs, cluster, articles_per_shard, settings,
                                            quiet, strict))

    from kg.export import choose_format, export as run_export

    try:
        choose_format(fmt, output)
    except ValueError as err:
        _err(f"--format: {err}")
        raise typer.Exit(2)
    try:
        progress = _Progress(enabled=not quiet and sys.stderr.isatty())
        with _unwound_by_sigterm():
            report = run_export(inputs, output, fmt, base, validate, on_problem=progress.wrap(_err), n_process=jobs,
                                authority=authority, on_article=progress.update, resolve=resolve)
        progress.clear()
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


def _export_on_cluster(inputs: list[str], output: str, fmt: str | None, jobs: int, cluster: str,
                       articles_per_shard: int, settings, quiet: bool, strict: bool) -> int:
    """``kg export --cluster``: shards and a manifest in the folder ``output``; the exit status."""
    from kg.cluster import ClusterError, export_on_cluster

    if fmt not in (None, "nquads"):
        _err(f"--format {fmt}: --cluster writes N-Quads shards (part-NNNNN.nq.gz)")
        return 2
    if jobs != 1:
        _err("--jobs: with --cluster, the cluster's workers are the processes (e.g. --cluster local:2)")
        return 2
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        report = export_on_cluster(inputs, output, cluster, articles_per_shard, settings,
                                   on_problem=progress.wrap(_err), on_shard=progress.update_shards)
    except ClusterError as err:
        progress.clear()
        _err(str(err))
        return 2
    except OSError as err:
        progress.clear()
        _err(f"{err.filename or output}: cannot write: {err.strerror or err}")
        return 2
    progress.clear()
    if not quiet:
        loads = ", ".join(str(n) for _, n in sorted(report.model_loads.items()))
        _err(f"exported {report.exported} article(s), {report.words} words, to {output} in {len(report.shards)} "
             f"shard(s) on {len(report.model_loads)} worker(s) (model loads per worker: {loads or 'none'})"
             + (f"; {len(report.failed)} failed" if report.failed else "")
             + (f"; {report.violations} shape violation(s)" if report.violations else ""))
    code = report.exit_code
    return 1 if code == 0 and strict and report.violations else code
