"""The word lists the time expression rules read, from ``kg/nlp/lexicon/time_*.tsv``.

Each file is tab separated, one entry a line, ``#`` starts a comment; users extend them without
touching the code. Loaded once.
"""

from __future__ import annotations

from functools import cache

from kg.nlp.lexicon_io import lines



def _rows(name: str) -> list[list[str]]:
    """The tab separated cells of each entry line."""
    return [[cell.strip() for cell in line.split("\t")] for line in _lines(name)]


def _table(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in _rows(name)}


@cache
def months() -> dict[str, int]:
    """Capitalised month name or abbreviation -> month number."""
    return {k: int(v) for k, v in _table("time_months.tsv").items()}


@cache
def weekdays() -> dict[str, int]:
    """Capitalised weekday name -> ISO weekday (Monday 1)."""
    return {k: int(v) for k, v in _table("time_weekdays.tsv").items()}


@cache
def numbers() -> dict[str, str]:
    """Lower case number word -> digits, or "X" for an unspecified amount."""
    return _table("time_numbers.tsv")


@cache
def ordinals() -> dict[str, int]:
    return {k: int(v) for k, v in _table("time_ordinals.tsv").items()}


@cache
def units() -> dict[str, str]:
    """Singular and plural unit words -> TIMEX3 duration unit ("TH" for hours, "10Y" for decades)."""
    out = {}
    for singular, plural, code in _rows("time_units.tsv"):
        out[singular] = out[plural] = code
    return out


@cache
def vague() -> dict[str, str]:
    return _table("time_vague.tsv")


@cache
def seasons() -> dict[str, str]:
    return _table("time_seasons.tsv")


@cache
def day_parts() -> dict[str, str]:
    return _table("time_day_parts.tsv")


@cache
def sets() -> dict[str, str]:
    return _table("time_sets.tsv")


@cache
def holidays() -> dict[str, str]:
    return _table("time_holidays.tsv")


def _lines(name: str) -> tuple[str, ...]:
    return lines(name)


@cache
def modifiers() -> tuple[str, ...]:
    """Approximators ("nearly", "more than") that TimeML keeps in a duration's span."""
    return tuple(_lines("time_modifiers.txt"))


@cache
def future_governors() -> frozenset[str]:
    """Words that put the clause they govern in the future ("plans to", "scheduled")."""
    return frozenset(_lines("time_future_governors.txt"))


@cache
def rate_words() -> frozenset[str]:
    """Words after which "a year" is a rate ("$5 million a year")."""
    return frozenset(_lines("time_rate_words.txt"))


@cache
def year_introducers() -> frozenset[str]:
    """Words after which a four-digit number is a year ("in 1990")."""
    return frozenset(_lines("time_year_introducers.txt"))


@cache
def year_or_amount_introducers() -> frozenset[str]:
    """Words after which a four-digit number is a year unless a plural noun follows ("the 2000 employees")."""
    return frozenset(_lines("time_year_or_amount_introducers.txt"))


@cache
def year_plural_nouns() -> frozenset[str]:
    """Plural nouns that follow a year ("the 1990 elections")."""
    return frozenset(_lines("time_year_plural_nouns.txt"))
