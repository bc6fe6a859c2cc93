"""Time expressions: found by rules over the text, normalised to TIMEX3 values against the publication date.

Recognition is a set of precompiled regular expressions (``timex_patterns``: one per kind of expression,
built from the word lists in ``lexicon/time_*``), run once each over the article text; overlapping
candidates are settled longest first. spaCy's parse is only consulted at the candidates: to drop "May" the modal or "March" the
verb, and to read the tense that decides whether "on Wednesday" or "in October" lies before or after the
dateline.

Spans follow TimeML: the preposition is left out ("on Wednesday" -> "Wednesday") but determiners and
modifiers that change the value or mark it vague are kept ("last December", "the third quarter",
"nearly two years"). Normalisation walks the expressions in text order, so "at the time", "that day" and
"the following day" can take the value of the last expression with a date (recorded as ``anchor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from kg.model import Span, TimeExpression
from kg.nlp import docindex
from kg.nlp import timex_lexicon as lex
from kg.nlp.timex_calendar import (
    CENTURY, DAY, DECADE, MONTH, QUARTER, WEEK, YEAR,
    at_precision, is_calendar_date, nth_weekday, parse_value, shift, weekday_near,
)
from kg.nlp.timex_patterns import candidates
from kg.nlp.timex_tense import FUTURE, MODAL, PAST, governor
from kg.nlp.timex_tense import tense as tense_of

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
# How much further a date on the side the tense contradicts may be than one on the right side.
_WRONG_SIDE_DAYS = 200
_UNKNOWN_FUTURE_DAYS = 60

# Units of time_units.tsv -> their TIMEX3 letter and the calendar unit an "ago" expression is resolved to.
_UNIT_SHORT = {"TS": "S", "TM": "M", "TH": "H"}
_GRANULARITY = {"D": DAY, "W": WEEK, "M": MONTH, "Q": QUARTER, "Y": YEAR, "10Y": DECADE, "100Y": CENTURY,
                "2W": WEEK}


@dataclass
class _Found:
    begin: int
    end: int
    type: str
    value: str | None
    anchor: str | None = None
    reference: bool = True  # False for values shifted back from another ("a year earlier")


class _Context:
    """What normalising one expression may look at: the parse, the dateline, what came before."""

    def __init__(self, doc: Doc, text: str, published: date | None):
        self.doc = doc
        self.text = text
        self.published = published
        self.found: list[tuple[str, _Found]] = []  # (key, expression) in text order
        self._starts = doc.to_array(IDX)  # token start offsets, without making a Token per word

    def token(self, char: int) -> Token | None:
        """The token that holds the character at ``char``."""
        i = int(self._starts.searchsorted(char, side="right")) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def previous_word(self, char: int) -> str:
        """The word just before ``char``, lower case ("" at the start of the text)."""
        m = re.search(r"([\w$%'’.-]+)\s*$", self.text[max(0, char - 40):char])
        return m.group(1).lower() if m else ""

    def last_dated(self) -> tuple[str, _Found, date, str] | None:
        """The latest expression before this one with a date value (day, week, month, quarter or year)."""
        for key, f in reversed(self.found):
            parsed = parse_value(f.value)
            if parsed is not None:
                return key, f, parsed[0], parsed[1]
        return None

    def last_quarter(self) -> str | None:
        """The quarter the article reports on: the last one it named as such (not a year-earlier one)."""
        for _, f in reversed(self.found):
            if f.value and f.reference and re.fullmatch(r"\d{4}-Q\d", f.value):
                return f.value
        return None


def _number(words: str) -> float | None:
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


def _duration_value(amount: float | None, unit_code: str) -> str:
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


def _year_for(month: int, day: int | None, tense: int, published: date) -> int:
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


def _day_and_part(d: date, part: str | None, typ: str = DATE) -> tuple[str, str]:
    if part:
        code = lex.day_parts().get(part.lower())
        if code:
            return TIME, f"{d.isoformat()}T{code}"
    return typ, d.isoformat()


def _weekday_date(iso_weekday: int, rel: str, tense: int, published: date) -> date:
    rel = rel.lower()
    if rel in ("last", "this past", "past"):
        return weekday_near(published - timedelta(days=1), iso_weekday, -1)
    if rel in ("next", "coming", "this coming"):
        return weekday_near(published + timedelta(days=1), iso_weekday, +1)
    return weekday_near(published, iso_weekday, +1 if tense in (FUTURE, MODAL) else -1)


def _is_verb_or_modal(tok: Token | None) -> bool:
    return tok is not None and (tok.tag_ in ("MD", "VB", "VBP", "VBZ", "VBD", "VBG") or tok.pos_ == "VERB")


def _normalise(rule: str, m: re.Match, ctx: _Context, begin: int) -> _Found | None:  # noqa: C901 - one branch a rule
    """The type and value of one candidate, or None to reject it."""
    g = m.groupdict()
    pub = ctx.published
    end = m.end()
    tok = ctx.token(begin)
    tense = tense_of(tok)
    before = ctx.text[max(0, begin - 14):begin].lower()
    if tense != PAST and re.search(r"(?:\buntil|\btill|as soon as|as early as|no later than)\s+(?:at\s+|on\s+)?$", before):
        tense = FUTURE  # a deadline or an earliest date lies ahead

    if rule in ("date_mdy", "date_dmy", "date_iso", "date_slash"):
        mon = g["mon"]
        month = int(mon) if mon.isdigit() else lex.months()[_month_key(mon)]
        day = int(re.match(r"\d+", g["day"])[0])
        if rule == "date_slash" and month > 12:
            month, day = day, month  # "24/12/2025": day first, as outside the US
        if g.get("year"):
            year = int(g["year"])
            if year < 100:
                year += 1900 if year > 30 else 2000
        elif pub is None:
            return _Found(begin, end, DATE, None)
        else:
            rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
            # "last Oct. 23" lies before the dateline, "next March 3" after it, whatever the tense says.
            side = PAST if rel in ("last", "this past") else FUTURE if rel in ("next", "this coming") else tense
            year = _year_for(month, day, side, pub)
        try:
            return _Found(begin, end, DATE, date(year, month, day).isoformat())
        except ValueError:
            return None

    if rule == "month_year":
        month = lex.months()[_month_key(g["mon"])]
        year = int(g["year"]) if g.get("year") else _spoken_year(g["syear"])
        return _Found(begin, end, DATE, f"{year:04d}-{month:02d}") if year else None

    if rule == "spoken_year":
        year = _spoken_year(g["syear"])
        return _Found(begin, end, DATE, f"{year:04d}") if year else None

    if rule == "word_decade":
        decade = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(g["wdec"].lower()) + 2
        century = 19 if pub is None or pub.year < 2030 else pub.year // 100
        return _Found(begin, end, DATE, f"{century}{decade}")

    if rule in ("year_period", "last_years_quarter"):
        if rule == "year_period" and g["what"].lower() == "quarter" or ctx.last_quarter():
            q = ctx.last_quarter()
            if rule == "year_period":
                number = q[-1] if q else None
                return _Found(begin, end, DATE, f"{int(g['year']):04d}-Q{number}" if number else g["year"], reference=False)
            if q:
                return _Found(begin, end, DATE, at_precision(shift(parse_value(q)[0], YEAR, -1), QUARTER), reference=False)
        if rule == "year_period":
            return _Found(begin, end, DATE, g["year"], reference=False)
        return _Found(begin, end, DATE, str(pub.year - 1) if pub else None, reference=False)

    if rule == "month":
        mon = g["mon"]
        key = _month_key(mon)
        rel = (g.get("rel") or "").lower().split()
        if key in ("May", "March") and not rel and not g.get("rel2"):
            # "May" the modal, "March" the verb; a month name alone needs a preposition or a non-verb tag.
            if _is_verb_or_modal(tok) or ctx.previous_word(begin) in ("will", "to", "and", "they", "we", "you", "i", "it", "he", "she"):
                return None
        if len(mon) <= 4 and not mon.endswith(".") and mon.lower() not in ("may", "june", "july"):
            return None  # "Jan", "Oct" without a day or a year: too often a name
        month = lex.months()[key]
        if pub is None:
            return _Found(begin, end, DATE, None)
        rel2 = (g.get("rel2") or "").lower()
        if rel2:
            year = pub.year + {"this": 0, "last": -1, "next": 1}[rel2]
        elif "last" in rel or "past" in rel:
            year = pub.year if month < pub.month else pub.year - 1
        elif "next" in rel or "coming" in rel:
            year = pub.year if month > pub.month else pub.year + 1
        elif "this" in rel:
            year = pub.year
        else:
            year = _year_for(month, None, tense, pub)
        return _Found(begin, end, DATE, f"{year:04d}-{month:02d}")

    if rule == "holiday":
        spec = lex.holidays()[_holiday_key(g["hol"])]
        if g.get("year"):
            year = int(g["year"])
        elif pub is None:
            return _Found(begin, end, DATE, None)
        else:
            rel = (g.get("rel") or "").lower()
            month = int(spec[:2])
            year = pub.year - 1 if rel in ("last", "past") else pub.year + 1 if rel == "next" else _year_for(month, 28, tense, pub)
        if "-W" in spec:
            month, wd, n = re.fullmatch(r"(\d\d)-W(\d)-(-?\d)", spec).groups()
            d = nth_weekday(year, int(month), int(wd), int(n))
        else:
            d = date(year, int(spec[:2]), int(spec[3:5]))
        return _Found(begin, end, DATE, d.isoformat())

    if rule in ("time", "noon", "clock"):
        if rule == "noon":
            hour, minute = (24, 0) if g["hw"].lower() == "midnight" else (12, 0)
        else:
            hour, minute = int(g["h"]), int(g["mi"] or 0)
            ap = (g.get("ap") or "").lower()
            if ap.startswith("p") and hour < 12:
                hour += 12
            elif ap.startswith("a") and hour == 12:
                hour = 0
            if rule == "clock" and not g.get("tz") and ctx.previous_word(begin) not in ("at", "by", "until", "before", "after", "around", "about", "from", "to"):
                return None
        dayword = (g.get("dayword") or "").strip()
        if pub is None:
            return _Found(begin, end, TIME, None)
        d = pub
        if dayword:
            lw = dayword.lower()
            if lw == "yesterday":
                d = pub - timedelta(days=1)
            elif lw == "tomorrow":
                d = pub + timedelta(days=1)
            elif dayword in lex.weekdays():
                d = _weekday_date(lex.weekdays()[dayword], "", tense, pub)
            elif g.get("tmon"):
                month, day = lex.months()[_month_key(g["tmon"])], int(re.match(r"\d+", g["tday"])[0])
                try:
                    d = date(_year_for(month, day, tense, pub), month, day)
                except ValueError:
                    return None
        anchor_key = None
        if not dayword:
            # A bare clock time belongs to the day the text is telling about, if it has named one.
            last = ctx.last_dated()
            if last is not None and last[3] == DAY:
                anchor_key, d = last[0], last[2]
        clock = "24:00" if hour == 24 else f"{hour:02d}:{minute:02d}"
        return _Found(begin, end, TIME, f"{d.isoformat()}T{clock}", anchor_key)

    if rule == "weekday":
        wd = g["wd"]
        if len(wd) <= 4 and not wd.endswith("."):
            return None
        if pub is None:
            return _Found(begin, end, DATE, None)
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        if rel.startswith("the "):
            last = ctx.last_dated()
            base = last[2] if last is not None and last[3] == DAY else pub
            step = -1 if rel in ("the previous", "the preceding") else 1
            d = weekday_near(base + timedelta(days=step), lex.weekdays()[wd], step)
            return _Found(begin, end, *_day_and_part(d, g.get("part")), last[0] if last is not None and last[3] == DAY else None)
        d = _weekday_date(lex.weekdays()[wd], rel if rel in ("last", "next", "this past", "coming", "this coming", "past") else "", tense, pub)
        typ, value = _day_and_part(d, g.get("part"))
        return _Found(begin, end, typ, value)

    if rule in ("relday", "daypart"):
        if pub is None:
            return _Found(begin, end, DATE, None)
        dw = g["dw"].lower()
        part = g.get("part")
        if dw in ("that", "the same") or re.fullmatch(r"the\s+same", dw):
            anchor = ctx.last_dated()
            if anchor is None or anchor[3] != DAY:
                return None
            typ, value = _day_and_part(anchor[2], part)
            return _Found(begin, end, typ, value, anchor[0])
        offset = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[dw]
        d = pub + timedelta(days=offset)
        if dw == "tonight":
            part = "night"
        if dw == "last" and part and part.lower() != "night":
            return None
        return _Found(begin, end, *_day_and_part(d, part))

    if rule == "ago":
        amount = _number(g["num"])
        code = lex.units()[g["unit"].lower()]
        unit = _GRANULARITY.get(code)
        direction = re.sub(r"\s+", " ", (g["dir"] or g["rdir"]).lower())
        relative_to_event = direction in ("earlier", "later", "before", "after")
        if unit is None or g.get("mod") or (relative_to_event and (amount is None or code in ("TS", "TM", "TH", "D", "W"))):
            # TimeML gives the length, not the date, when the distance is approximate ("about two years ago")
            # or counted in days from another event ("three days later").
            return _Found(begin, end, DURATION, _duration_value(amount, code))
        sign = 1 if direction in ("later", "after", "from now", "hence") or re.fullmatch(r"from\s+now", direction) else -1
        if amount is None:
            return _Found(begin, end, DATE, "PAST_REF" if sign < 0 else "FUTURE_REF")
        if pub is None:
            return _Found(begin, end, DATE, None)
        base, anchor_key = pub, None
        if direction in ("earlier", "later", "before", "after"):
            last = ctx.last_dated()
            if last is not None:
                anchor_key, base = last[0], last[2]
        n = int(amount)
        if unit == YEAR and ctx.last_quarter() and direction in ("ago", "earlier"):
            q = parse_value(ctx.last_quarter())
            return _Found(begin, end, DATE, at_precision(shift(q[0], YEAR, sign * n), QUARTER), reference=False)
        if code == "10Y":
            n, unit = 10 * n, YEAR
        elif code == "100Y":
            n, unit = 100 * n, YEAR
        elif code == "2W":
            n = 2 * n
        return _Found(begin, end, DATE, at_precision(shift(base, unit, sign * n), unit), anchor_key)

    if rule == "year_ago":
        if pub is None:
            return _Found(begin, end, DATE, None)
        q = ctx.last_quarter()
        if q:
            return _Found(begin, end, DATE, at_precision(shift(parse_value(q)[0], YEAR, -1), QUARTER), reference=False)
        return _Found(begin, end, DATE, str(pub.year - 1))

    if rule in ("quarter", "the_quarter"):
        what = g["what"].lower()
        qual = " ".join(x for x in ((g.get("q") or ""), (g.get("q2") or "")) if x).lower()
        if rule == "the_quarter" and what == "period" and not qual:
            return None
        ordinal = g.get("ord")
        if g.get("the") and "-" in (g.get("sep") or "") and not qual:
            begin = m.start("ord")  # "the third-quarter results": an adjective; the article belongs to the noun
        explicit = g.get("year") or (re.fullmatch(r"(?:1[0-9]|20)\d\d", qual.split()[0]) and qual.split()[0] if qual else None)
        if pub is None and not (explicit and explicit[0].isdigit()):
            return _Found(begin, end, DATE, None)
        if ordinal:
            n = lex.ordinals()[ordinal.lower()]
            if what == "half":
                if n > 2:
                    return None
                code = f"H{n}"
            else:
                if n > 4:
                    return None
                code = f"Q{n}"
            if explicit and explicit[0].isdigit():
                year = int(explicit)
            elif explicit:
                year = pub.year + {"this": 0, "last": -1, "next": 1}[explicit.split()[0].lower()]
            elif "last" in qual or "year-earlier" in qual or "year-ago" in qual or "year earlier" in qual:
                year = pub.year - 1
            elif "next" in qual:
                year = pub.year + 1
            else:
                start_month = 3 * n - 2 if code[0] == "Q" else 6 * n - 5
                year = pub.year - 1 if (tense == PAST and start_month > pub.month) else pub.year
            shifted = any(w in qual for w in ("last", "year-earlier", "year-ago", "year earlier"))
            return _Found(begin, end, DATE, f"{year:04d}-{code}", reference=not shifted)
        current = (pub.month - 1) // 3 + 1
        completed = at_precision(shift(date(pub.year, 3 * current - 2, 1), QUARTER, -1), QUARTER)
        # "the latest quarter" is the last one completed before the dateline; "the quarter" the one named last.
        last = completed if "latest" in qual or "recent" in qual else (ctx.last_quarter() or completed)
        if "year-earlier" in qual or "year-ago" in qual:
            return _Found(begin, end, DATE, at_precision(shift(parse_value(last)[0], YEAR, -1), QUARTER), reference=False)
        if "previous" in qual:
            return _Found(begin, end, DATE, at_precision(shift(parse_value(last)[0], QUARTER, -1), QUARTER), reference=False)
        return _Found(begin, end, DATE, last)

    if rule == "decade":
        dec = g["dec"].lstrip("'")
        if len(dec) == 2:
            if pub is None:
                century = 19
            else:
                century = pub.year // 100 if int(dec) <= pub.year % 100 else pub.year // 100 - 1
            dec = f"{century}{dec}"
        if len(dec) != 4:
            return None
        return _Found(begin, end, DATE, dec[:3])

    if rule == "century":
        n = lex.ordinals()[g["ord"].lower()]
        if ctx.text[end:end + 1] == "-" or n > 21:
            return None
        return _Found(begin, end, DATE, f"{n - 1:02d}")

    if rule == "season":
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        year = g.get("year") or g.get("year2")
        code = lex.seasons()[g["season"].lower()]
        following = ctx.text[end:end + 4].lower()
        if not rel and not year:
            prev = ctx.previous_word(begin)
            if prev not in ("in", "this", "last", "next", "during", "by", "until", "since", "early", "late", "over"):
                return None
        if rel == "the" and not year:
            if following.startswith(" of") or ctx.previous_word(begin) not in ("in", "during", "by", "until", "since", "over", "through", "for", "before", "after"):
                return None
        if tok is not None and tok.pos_ == "VERB":
            return None
        if year:
            year = int(year) if year.isdigit() else _spoken_year(year)
            return _Found(begin, end, DATE, f"{year:04d}-{code}") if year else None
        if pub is None:
            return _Found(begin, end, DATE, None)
        y = pub.year
        season_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if "last" in rel or "past" in rel:
            y = y if season_month + 3 <= pub.month else y - 1
        elif "next" in rel or "coming" in rel:
            y = y if season_month > pub.month else y + 1
        elif "this" not in rel and tense == PAST and season_month > pub.month:
            y -= 1
        return _Found(begin, end, DATE, f"{y:04d}-{code}")

    if rule == "relunit":
        unit = re.sub(r"\s+", " ", g["unit"].lower())
        rel = g["rel"].lower()
        the = bool(g.get("the"))
        if rel == "present" and unit != "day":
            return None
        offset = {"this": 0, "current": 0, "same": 0, "present": 0, "latest": 0, "last": -1, "previous": -1,
                  "preceding": -1, "past": -1, "next": 1, "coming": 1, "following": 1}[rel]
        if unit in ("day", "morning", "afternoon", "evening", "night"):
            if rel not in ("next", "following", "previous", "preceding", "same"):
                return None
            last = ctx.last_dated()
            if last is None or last[3] != DAY:
                if pub is None:
                    return _Found(begin, end, DATE, None)
                last = (None, None, pub, DAY)
            d = last[2] + timedelta(days=offset)
            typ, value = _day_and_part(d, unit if unit != "day" else None)
            return _Found(begin, end, typ, value, last[0])
        if pub is None:
            return _Found(begin, end, DATE, None)
        base, anchor_key = pub, None
        if rel in ("following", "previous", "preceding", "same"):
            last = ctx.last_dated()
            if last is not None:
                anchor_key, base = last[0], last[2]
        if unit == "weekend":
            d = shift(base, WEEK, offset)
            return _Found(begin, end, DATE, f"{at_precision(d, WEEK)}-WE", anchor_key)
        gran = {"week": WEEK, "month": MONTH, "year": YEAR, "fiscal year": YEAR, "quarter": QUARTER,
                "decade": DECADE, "century": CENTURY}[unit]
        if unit == "quarter" and rel in ("current", "this") and ctx.last_quarter():
            return _Found(begin, end, DATE, ctx.last_quarter())
        return _Found(begin, end, DATE, at_precision(shift(base, gran, offset), gran), anchor_key)

    if rule == "anaphor":
        what = re.sub(r"\s+", " ", g["what"].lower())
        det = g["det"].lower()
        if what == "same time":
            return None  # "at the same time" mostly means "also"
        if what == "time":
            # "at the time", "during that time"; "the time" alone is rarely a date ("the time it takes").
            if not g.get("x") and (det == "the" or ctx.previous_word(begin) not in ("during", "since", "until", "by", "from")):
                return None
        elif det == "the" and not what.startswith("same "):
            return None  # "the day", "the year": too often no particular one
        begin = m.start("det")
        last = ctx.last_dated()
        if last is None:
            return _Found(begin, end, DATE, "PAST_REF" if tense == PAST else "PRESENT_REF")
        key, f, d, gran = last
        unit = what.split()[-1]
        if unit in ("day",) and gran != DAY:
            return None
        value = f.value
        if unit == "week":
            value = at_precision(d, WEEK)
        elif unit == "month" and gran in (DAY, MONTH):
            value = at_precision(d, MONTH)
        elif unit == "year":
            value = at_precision(d, YEAR)
        return _Found(begin, end, DATE, value, key)

    if rule == "day_before":
        last = ctx.last_dated()
        if last is None:
            return None
        gran = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[g["what"].lower()]
        sign = -1 if g["dir"].lower() == "before" else 1
        return _Found(begin, end, DATE, at_precision(shift(last[2], gran, sign), gran), last[0])

    if rule == "the_weekend":
        if pub is None:
            return _Found(begin, end, DATE, None)
        saturday = weekday_near(pub, 6, +1) if tense in (FUTURE, MODAL) else weekday_near(pub + timedelta(days=1 if pub.isoweekday() == 7 else 0), 6, -1)
        return _Found(begin, end, DATE, f"{at_precision(saturday, WEEK)}-WE")

    if rule == "period_end":
        if pub is None:
            return _Found(begin, end, DATE, None)
        unit = (g.get("unit") or g.get("unit2") or g.get("unit3")).lower()
        since = ctx.previous_word(begin) == "since"
        if unit == "year":
            return _Found(begin, end, DATE, str(pub.year - 1 if since else pub.year))
        return _Found(begin, end, DATE, at_precision(shift(pub, MONTH, -1) if since else pub, MONTH))

    if rule == "the_year":
        if re.match(r"\s+(?:ended|ending|to\s+date|through)\b", ctx.text[end:end + 12]):
            return _Found(begin, end, DURATION, "P1Y")  # "the year ended Sept. 30": a twelve-month period
        if ctx.previous_word(begin) not in ("for", "during", "of", "in", "through", "throughout"):
            return None
        if pub is None:
            return _Found(begin, end, DATE, None)
        return _Found(begin, end, DATE, str(pub.year))

    if rule == "year":
        pre = (g.get("pre") or "").lower()
        year = int(g["year"])
        if not pre and not _looks_like_year(ctx, tok, begin, year):
            return None
        return _Found(begin, end, DATE, f"{year:04d}")

    if rule == "set":
        what = g["what"]
        every = g["every"].lower()
        if what in lex.weekdays():
            return _Found(begin, end, SET, f"XXXX-WXX-{lex.weekdays()[what]}")
        if what in lex.months():
            return _Found(begin, end, SET, f"XXXX-{lex.months()[what]:02d}")
        lw = what.lower()
        if lw in lex.seasons():
            return _Found(begin, end, SET, f"XXXX-{lex.seasons()[lw]}")
        if lw in lex.day_parts():
            return _Found(begin, end, SET, f"XXXX-XX-XXT{lex.day_parts()[lw]}")
        if lw == "weekend":
            return _Found(begin, end, SET, "XXXX-WXX-WE")
        if every == "per" and ctx.previous_word(begin) == "":
            return None
        return _Found(begin, end, SET, _duration_value(1, lex.units()[lw]))

    if rule == "set_weekdays":
        number = lex.weekdays()[g.get("wd") or g.get("wd2")]
        part = g.get("part") or g.get("part2")
        suffix = f"T{lex.day_parts()[part.lower()]}" if part else ""
        return _Found(begin, end, SET, f"XXXX-WXX-{number}{suffix}")

    if rule == "set_times":
        return _Found(begin, end, SET, _duration_value(1, lex.units()[g["unit"].lower()]))

    if rule == "set_word":
        word = g["word"].lower()
        if word == "quarterly" and tok is not None and tok.pos_ == "ADJ":
            return None  # "its quarterly dividend": a kind of payment, not a recurrence
        return _Found(begin, end, SET, lex.sets()[word])

    if rule == "duration":
        amount = _number(g["num"])
        code = lex.units()[g["unit"].lower()]
        numtext = g["num"].lower()
        if numtext in ("a", "an") and not g.get("the") and not g.get("rel") and not g.get("mod"):
            prev = ctx.previous_word(begin)
            if prev in lex.rate_words() or prev in ("a", "an") or re.fullmatch(r"[$£€]?[\d.,]+%?", prev or "x"):
                return _Found(begin, end, SET, _duration_value(1, code))
        if g.get("old") or re.match(r"\s+old\b", ctx.text[end:end + 5]):
            return None  # an age ("a 6-year-old", "37 years old"), not a period of time
        unit_word = g["unit"].lower()
        if unit_word.startswith("quarter") and (re.match(r"\s+of\b", ctx.text[end:end + 4]) or "-" in ctx.text[begin:end]):
            return None  # "three-quarters of its food", "a quarter of the market": fractions
        if numtext in ("a", "an") and unit_word == "second":
            return None  # "a second group": an ordinal
        if numtext in ("some", "many") and not g.get("mod"):
            return None
        if g.get("the") and "-" in g["sep"] and not g.get("rel") and not g.get("mod"):
            begin = m.start("num")  # "the two-week strike": an adjective; the article belongs to the noun
        if unit_word.startswith("quarter") and amount is not None and amount == int(amount):
            return _Found(begin, end, DURATION, f"P{int(amount)}Q")
        return _Found(begin, end, DURATION, _duration_value(amount, code))

    if rule == "plural":
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        code = lex.units()[g["unit"].lower()]
        if rel == "in":
            return None  # "in years" is mostly "in years to come" or "the first time in years": unclear
        if rel in ("for", "over", "within"):
            begin = m.start("unit")  # TimeML leaves the preposition out
        return _Found(begin, end, DURATION, _duration_value(None, code))

    if rule == "vague":
        phrase = re.sub(r"\s+", " ", g["phrase"].lower())
        value = lex.vague()[phrase]
        if phrase == "current" and (tok is None or tok.pos_ != "ADJ"):
            return None  # "the current" of a river
        if phrase == "now" and tok is not None and tok.dep_ == "intj":
            return None  # "Now, ..." opening a turn
        return _Found(begin, end, DATE, value)

    return None


def _spoken_year(words: str) -> int | None:
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


def _looks_like_year(ctx: _Context, tok: Token | None, begin: int, year: int) -> bool:
    """A four-digit number that is a year rather than an amount ("1,990" never gets here; "1990 cars" should not)."""
    prev = ctx.previous_word(begin)
    following = tok.nbor(1) if tok is not None and tok.i + 1 < len(ctx.doc) else None
    before_plural = (following is not None and following.tag_ == "NNS"
                     and following.lower_ not in lex.year_plural_nouns())
    if prev in lex.year_introducers():
        return True
    if prev in lex.year_or_amount_introducers():
        return not before_plural
    if tok is not None:
        if tok.ent_type_ in ("DATE", "EVENT"):
            return True
        if tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
            return False
        if following is None or following.is_punct:
            return True
        if before_plural:
            return False
    return 1900 <= year <= 2030


@cache
def _month_keys() -> dict[str, str]:
    return {k.lower(): k for k in lex.months()}


def _month_key(written: str) -> str:
    return _month_keys()[written.lower()]


def _holiday_key(written: str) -> str:
    flat = re.sub(r"\s+", " ", written)
    return next(k for k in lex.holidays() if k.lower() == flat.lower())


def find_time_expressions(doc: Doc, published: date | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, with its TIMEX3 type and value resolved against ``published``
    (relative ones get no value when it is None)."""
    text = docindex.text(doc)  # Doc.text joins the tokens on every access
    ctx = _Context(doc, text, published)
    cands = sorted(candidates(text), key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    # One pass in text order: of the candidates overlapping at a point, the longest that normalises wins
    # (a rejected "May" the modal must not hide a shorter reading, nor a longer one an accepted one).
    i, taken_until = 0, -1
    while i < len(cands):
        b = cands[i][0]
        if b < taken_until:
            i += 1
            continue
        head_end, j = cands[i][1], i
        while j < len(cands) and cands[j][0] < head_end:
            j += 1
        group = sorted(cands[i:j], key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
        for cb, ce, order, name, m in group:
            try:
                f = _normalise(name, m, ctx, cb)
            except (OverflowError, ValueError):
                f = _Found(cb, ce, DATE, None)  # the arithmetic left the calendar (a dateline in year 1 or 9999)
            if f is None:
                continue
            f.begin, f.end = _trim(text, f.begin, f.end)
            if f.end > f.begin:
                ctx.found.append((f"t{len(ctx.found)}", f))
                taken_until = ce
                break
        i += 1
    return [TimeExpression(key, Span.of(text, f.begin, f.end), f.type, f.value, f.anchor) for key, f in ctx.found]


def _trim(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and not text[begin].isalnum() and text[begin] not in "'":
        begin += 1
    while end > begin and text[end - 1] in " \t\n,;:":
        end -= 1
    return begin, end


def date_for(doc: Doc, span: Span, timexes: list[TimeExpression]) -> TimeExpression | None:
    """The expression that dates the event at ``span``: one with a day, month or year value, in the same
    clause if there is one, else the nearest in the sentence. "at the time" and "that day" already carry
    the value of what they refer back to (their ``anchor``)."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    event = tokens.root
    sent = event.sent
    clause = governor(event)
    best, best_score = None, None
    for t in timexes:
        if not (sent.start_char <= t.span.begin < sent.end_char) or t.type != DATE or not is_calendar_date(t.value):
            continue
        ttoks = doc.char_span(t.span.begin, t.span.end, alignment_mode="expand")
        same_clause = ttoks is not None and len(ttoks) > 0 and governor(ttoks.root) == clause
        distance = min(abs(t.span.begin - span.end), abs(span.begin - t.span.end))
        score = (0 if same_clause else 1, distance)
        if best_score is None or score < best_score:
            best, best_score = t, score
    return best
