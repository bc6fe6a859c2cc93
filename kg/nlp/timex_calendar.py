"""Calendar arithmetic on TIMEX3 values: shifting a date by units, and writing it at a precision."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY = "D", "W", "M", "Q", "Y", "DE", "CE"


def at_precision(d: date, unit: str) -> str:
    """``d`` written at the precision of ``unit``: 2025-12-24, 2025-W52, 2025-12, 2025-Q4, 2025, 202, 20."""
    if unit == DAY:
        return d.isoformat()
    if unit == WEEK:
        year, week, _ = d.isocalendar()
        return f"{year_value(year)}-W{week:02d}"
    if unit == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if unit == QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == YEAR:
        return f"{d.year:04d}"
    if unit == DECADE:
        return f"{d.year // 10:03d}"
    if unit == CENTURY:
        return f"{d.year // 100:02d}"
    raise ValueError(unit)


def year_value(year: int) -> str:
    """A year as TIMEX3 writes it, four digits ("0999"); ValueError outside 1 to 9999, as ``date`` gives."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is outside the calendar")
    return f"{year:04d}"


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (negative: back)."""
    if unit == DAY:
        return d + timedelta(days=n)
    if unit == WEEK:
        return d + timedelta(weeks=n)
    if unit == MONTH:
        return d + relativedelta(months=n)
    if unit == QUARTER:
        return d + relativedelta(months=3 * n)
    if unit == YEAR:
        return d + relativedelta(years=n)
    if unit == DECADE:
        return d + relativedelta(years=10 * n)
    if unit == CENTURY:
        return d + relativedelta(years=100 * n)
    raise ValueError(unit)


def weekday_near(d: date, iso_weekday: int, direction: int) -> date:
    """The given weekday on or before ``d`` (direction -1) or on or after it (direction +1)."""
    if direction < 0:
        return d - timedelta(days=(d.isoweekday() - iso_weekday) % 7)
    return d + timedelta(days=(iso_weekday - d.isoweekday()) % 7)


def nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> date:
    """The n-th (n = -1: last) given weekday of a month."""
    if n > 0:
        first = weekday_near(date(year, month, 1), iso_weekday, +1)
        return first + timedelta(weeks=n - 1)
    last = date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)
    return weekday_near(last, iso_weekday, -1)


_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q(\d))?$")


def parse_value(value: str | None) -> tuple[date, str] | None:
    """A TIMEX3 date value as (first day, unit), or None for anything less specific."""
    if not value:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m[1])
    if m[3]:
        return date(year, int(m[2]), int(m[3])), DAY
    if m[2]:
        return date(year, int(m[2]), 1), MONTH
    if m[4]:
        return date.fromisocalendar(year, int(m[4]), 1), WEEK
    if m[5]:
        return date(year, 3 * int(m[5]) - 2, 1), QUARTER
    return date(year, 1, 1), YEAR


def is_calendar_date(value: str | None) -> bool:
    """A day, month or year value, the precisions ``kg:date`` takes (xsd:date, gYearMonth, gYear)."""
    return bool(value) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) is not None
