"""What decides an article's graph (base IRI, validation, authority file): one small picklable value.

Kept apart from kg/ingest.py so that code that only passes settings along (the store, the CLI)
does not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.graph import DEFAULT_BASE


@dataclass(frozen=True)
class Settings:
    """Everything that decides an article's graph. Plain strings only, so that it pickles."""

    base: str = DEFAULT_BASE
    validate: bool = True
    authority: str | None = None  # path of an authority CSV (owl:sameAs links)
