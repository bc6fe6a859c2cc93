"""``kg validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.app import app


def _err(line: str) -> None:
    typer.echo(line, err=True)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="RDF files that kg wrote (.ttl, .jsonld, .nt, .nq, .trig).", show_default=False)],
    shapes: Annotated[Optional[list[Path]], typer.Option("--shapes", metavar="SHAPES.ttl", help="Your own SHACL shapes as well (any SHACL feature; checked by pyshacl). Repeatable.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", metavar="FILE.ttl", help="Write the standard SHACL validation report (sh:ValidationReport) of all FILEs as Turtle.")] = None,
) -> None:
    """Check RDF files against kg's SHACL shapes (and your own, with --shapes); print each result as
    'file: article: node: message'. Each named graph (one article) is checked on its own, as export
    checks it.

    Exit status: 0 when every file conforms (warnings and infos aside), 1 when one has a violation,
    2 when a file or the shapes cannot be read or the report cannot be written.

    \b
    Examples:
      kg validate out/*.ttl
      kg validate corpus.nq --report corpus-report.ttl
      kg validate corpus.nq --shapes my-rules.ttl
    """
    from kg.serialize import read_quads
    from kg.validate import read_shapes, validate_dataset, validate_dataset_with, write_report

    try:
        extra = read_shapes(shapes) if shapes else None
    except ValueError as err:
        _err(str(err))
        raise typer.Exit(2)
    worst, everything = 0, []
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
        if extra is not None:
            try:
                violations = sorted(violations + validate_dataset_with(quads, extra))
            except ValueError as err:
                _err(f"{', '.join(map(str, shapes))}: {err}")
                raise typer.Exit(2)
        everything += violations
        for v in violations:
            severity = v.severity.rsplit("#", 1)[-1]
            typer.echo(f"{path}: {v}" + ("" if severity == "Violation" else f" ({severity.lower()})"))
        if any(v.severity.endswith("#Violation") for v in violations):
            worst = max(worst, 1)
        elif not violations:
            graphs = len({q.graph_name for q in quads})
            _err(f"{path}: conforms ({len(quads)} triples in {graphs} graph{'s' if graphs != 1 else ''})")
    if report is not None:
        try:
            write_report(report, everything)
        except OSError as err:
            _err(f"{report}: cannot write: {err.strerror or err}")
            raise typer.Exit(2)
        _err(f"{report}: SHACL validation report, {len(everything)} result(s)")
    raise typer.Exit(worst)
