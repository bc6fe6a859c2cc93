"""Options that several commands share (``kg export``, ``kg load``), declared once, and the one check
that turns them into ingestion Settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.graph import DEFAULT_BASE
from kg.settings import Settings, check_base

Base = Annotated[str, typer.Option(metavar="IRI", help="Base IRI of the nodes of extracted articles; ends with '/'.")]
Validate = Annotated[bool, typer.Option("--validate/--no-validate", help="Check each article's graph against the SHACL shapes.")]
Strict = Annotated[bool, typer.Option(help="Exit 1 when any graph violates the shapes.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")]
Authority = Annotated[Optional[Path], typer.Option(metavar="CSV", help="Authority file (name or alias, IRI, optional type) linking persons and organisations with owl:sameAs.")]


def err(line: str) -> None:
    typer.echo(line, err=True)


def settings_from(base: str = DEFAULT_BASE, validate: bool = True, authority: Path | None = None) -> Settings:
    """The ingestion settings of the options, checked up front: a bad base or authority file is one
    line and exit 2, before any article is read."""
    try:
        check_base(base)
    except ValueError as error:
        err(f"--base {base}: {error}")
        raise typer.Exit(2)
    if authority is not None:
        if not authority.is_file():
            err(f"{authority}: no such authority file")
            raise typer.Exit(2)
        from kg.nlp.linking import load_authority

        try:
            load_authority(authority)  # a malformed file stops here, before any work
        except ValueError as error:
            err(f"{authority}: {error}")
            raise typer.Exit(2)
    return Settings(base=base, validate=validate, authority=str(authority) if authority else None)
