"""TIMEX3 values from the parts of a time expression.

Amounts, durations, the year a month or a day given alone falls in, the date of a weekday, years
in words."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from kg.nlp import timex_lexicon as lex
from kg.nlp.timex_calendar import CENTURY, DAY, DECADE, MONTH, QUARTER, WEEK, YEAR, weekday_near
from kg.nlp.timex_context import DATE, TIME
from kg.nlp.timex_tense import FUTURE, MODAL, PAST

# How much further a date on the side the tense contradicts may be than one on the right side.
_WRONG_SIDE_DAYS = 200
_UNKNOWN_FUTURE_DAYS = 60

# Units of time_units.tsv -> their TIMEX3 letter and the calendar unit an "ago" expression is resolved to.
_UNIT_SHORT = {"TS": "S", "TM": "M", "TH": "H"}
GRANULARITY = {"D": DAY, "W": WEEK, "M": MONTH, "Q": QUARTER, "Y": YEAR, "10Y": DECADE, "100Y": CENTURY,
               "2W": WEEK}


def number(words: str) -> float | None:
    """The amount a number phrase gives; None for an unspecified one ("several")."""
    w = re.sub(r"\s+", " ", words.lower().strip())
    half = 0.0
    if w.endswith(" and a half"):
        w, half = w[: -len(" and a half")], 0.5
    if w in ("half a", "half an", "a half"):
        return 0.5
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?: (\d)/(\d))?", w)
    if m:
        n = float(m[1].replace(",", "")) if "," not in m[1] or len(m[1].split(",")[-1]) == 3 else float(m[1].replace(",", "."))
        if m[2]:
            n += int(m[2]) / int(m[3])
        return n + half
    table = lex.numbers()
    if w in table:
        return None if table[w] == "X" else float(table[w]) + half
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in table and parts[1] in table and table[parts[0]] != "X" and table[parts[1]] != "X":
        return float(table[parts[0]]) + float(table[parts[1]]) + half
    return None


def duration_value(amount: float | None, unit_code: str) -> str:
    """P3Y, PT4H, P2Y6M, PXY ... for an amount of a unit from ``time_units.tsv``."""
    time = unit_code.startswith("T")
    letter = _UNIT_SHORT.get(unit_code, unit_code)
    scale = 1
    if letter in ("10Y", "100Y", "2W"):
        scale, letter = int(letter[:-1]), letter[-1]
    prefix = "PT" if time else "P"
    if amount is None:
        code = {"10Y": "DE", "100Y": "CE"}.get(unit_code, letter)
        return f"{prefix}X{code}"
    amount *= scale
    if amount == int(amount):
        return f"{prefix}{int(amount)}{letter}"
    whole, frac = int(amount), amount - int(amount)
    smaller = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "M": ("D", 30) if not time else ("S", 60), "W": ("D", 7)}
    if letter in smaller:
        sub, per = smaller[letter]
        lead = f"{whole}{letter}" if whole else ""
        if letter == "D" or (letter == "W"):
            return f"P{lead}{'T' if sub == 'H' else ''}{round(frac * per)}{sub}"
        return f"{prefix}{lead}{round(frac * per)}{sub}"
    return f"{prefix}{amount:g}{letter}"


def year_for(month: int, day: int | None, tense: int, published: date) -> int:
    """The year of a month (and day) given without one: the one nearest the dateline, with the side the
    tense points to preferred ("payable Dec. 15" in October is this December even after "declared")."""
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        if day is None and year == published.year and month == published.month:
            return year
        try:
            candidate = date(year, month, day or 15)
        except ValueError:
            continue
        delta = (candidate - published).days
        wrong_side = (tense == PAST and delta > 0) or (tense == FUTURE and delta < 0)
        # News mostly reports what has happened: without a tense the future side costs a little extra.
        cost = abs(delta) + (_WRONG_SIDE_DAYS if wrong_side else _UNKNOWN_FUTURE_DAYS if tense != FUTURE and delta > 0 else 0)
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else published.year


def day_and_part(d: date, part: str | None, typ: str = DATE) -> tuple[str, str]:
    if part:
        code = lex.day_parts().get(part.lower())
        if code:
            return TIME, f"{d.isoformat()}T{code}"
    return typ, d.isoformat()


def weekday_date(iso_weekday: int, rel: str, tense: int, published: date) -> date:
    rel = rel.lower()
    if rel in ("last", "this past", "past"):
        return weekday_near(published - timedelta(days=1), iso_weekday, -1)
    if rel in ("next", "coming", "this coming"):
        return weekday_near(published + timedelta(days=1), iso_weekday, +1)
    return weekday_near(published, iso_weekday, +1 if tense in (FUTURE, MODAL) else -1)


def spoken_year(words: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 1900 for "nineteen hundred"."""
    parts = re.split(r"[\s-]+", words.lower())
    table = lex.numbers()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + sum(int(table[p]) for p in rest if table.get(p, "X") != "X")
    if len(parts) < 2 or parts[0] not in ("nineteen", "eighteen"):
        return None
    century = int(table[parts[0]])
    if parts[1] == "hundred":
        return century * 100
    rest = [int(table[p]) for p in parts[1:] if table.get(p, "X") != "X"]
    return century * 100 + sum(rest) if rest else None


@cache
def _month_keys() -> dict[str, str]:
    return {k.lower(): k for k in lex.months()}


def month_key(written: str) -> str:
    return _month_keys()[written.lower()]


def holiday_key(written: str) -> str:
    flat = re.sub(r"\s+", " ", written)
    return next(k for k in lex.holidays() if k.lower() == flat.lower())
