"""Reading the word lists in ``kg/nlp/lexicon/``, for every stage.

One entry a line; ``#`` at the start of a line begins a comment (names and phrases may hold a '#')."""

from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "lexicon"


@cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of lexicon file ``name``, stripped, without blank and comment lines."""
    text = (LEXICON / name).read_text(encoding="utf-8")
    return tuple(s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#"))
