"""``kg view``: a thin wrapper over kg/view/site.py."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from kg.cli.app import app


def _err(line: str) -> None:
    typer.echo(line, err=True)


class _Progress:
    """Pages written so far, on one line of a terminal's stderr, rewritten at most every half second."""

    def __init__(self, enabled: bool):
        self.enabled, self.shown, self.width = enabled, time.monotonic(), 0

    def update(self, report) -> None:
        if not self.enabled or time.monotonic() - self.shown < 0.5:
            return
        self.shown = time.monotonic()
        line = f"{report.articles} article page(s), {report.entities} entity page(s)"
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


@app.command()
def view(
    store: Annotated[str, typer.Option("--store", "-s", metavar="PATH", help="Embedded store folder.")] = "out/store",
    output: Annotated[str, typer.Option("--output", "-o", metavar="DIR",
                                        help="Folder for the site (new, empty, or one kg view wrote before).")] = "out/view",
    page_size: Annotated[int, typer.Option(min=10, max=10000, metavar="N", help="Rows per page of the index lists.")] = 100,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")] = False,
) -> None:
    """Write the store as a static web site: every article with its names, places, dates, statements
    and meetings marked in the text, a page per person, organisation and place with everything they
    said and every meeting, and an index with who met whom. No server, no network: open DIR/index.html.

    Every marked span carries data-begin, data-end (offsets as in the graph) and data-iri (its node).
    The site is built beside DIR and swapped in whole: a reader never sees half of it.

    Exit status: 0 when every page was written, 1 when some could not be (each named on stderr),
    2 when the store could not be read.

    \b
    Examples:
      kg load examples/ && kg view                 # out/store -> out/view/index.html
      kg view --store /data/kg --output site/
      xdg-open out/view/index.html                 # or open it in any browser
    """
    from kg.view.pages import ViewError
    from kg.view.site import write_site
    from kg.view.source import SourceError, StoreSource

    try:
        source = StoreSource(store)
    except SourceError as err:
        _err(str(err))
        raise typer.Exit(2)
    progress = _Progress(sys.stderr.isatty() and not quiet)
    try:
        report = write_site(source, output, page_size=page_size, on_page=progress.update)
    except (SourceError, ViewError) as err:
        _err(str(err))
        raise typer.Exit(2)
    except OSError as err:
        _err(f"{err.filename or output}: cannot write: {err.strerror or err}")
        raise typer.Exit(2)
    finally:
        progress.clear()
        source.close()
    for line in report.problems:
        _err(line)
    if not quiet:
        _err(f"wrote {report.articles} article page(s), {report.entities} entity page(s) and "
             f"{report.list_pages + 1} index page(s) to {output} in {report.seconds:.1f} s"
             + (f"; {len(report.problems)} page(s) failed" if report.problems else ""))
    raise typer.Exit(1 if report.problems else 0)
