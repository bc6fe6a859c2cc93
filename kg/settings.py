"""What decides an article's graph (base IRI, validation, authority file): one small picklable value.

Kept apart from kg/ingest.py so that code that only passes settings along (the store, the CLI)
does not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.graph import DEFAULT_BASE


@dataclass(frozen=True)
class Settings:
    """Everything that decides an article's graph. Plain strings only, so that it pickles."""

    base: str = DEFAULT_BASE
    validate: bool = True
    authority: str | None = None  # path of an authority CSV (owl:sameAs links)

    def __post_init__(self) -> None:
        check_base(self.base)


def check_base(base: str) -> None:
    """Raise a ValueError saying what is wrong with ``base`` as the base IRI of kg's nodes."""
    if "#" in base:
        raise ValueError("must not hold '#' (kg adds '#...' fragments to article IRIs); end it with '/'")
    if not base.endswith("/"):
        raise ValueError("must end with '/'")
    try:
        ox.NamedNode(f"{base}article/x")
    except ValueError as err:
        raise ValueError(f"not a valid IRI: {err}") from None
