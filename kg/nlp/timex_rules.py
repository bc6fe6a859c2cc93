"""The time-expression rules, each a pattern registered with the function that normalises its matches.

Most specific first: the order breaks ties between candidates of equal length. A normaliser gives
a match its TIMEX3 type and value.

A rule is one decorated function: ``@rule(name, pattern, needs=...)`` above the normaliser, where
``pattern`` is a regular expression, or a function of the :class:`~kg.nlp.timex_patterns.Pieces`
(months, weekdays, numbers, ... built from the word lists) giving one. The normaliser receives the
:class:`~kg.nlp.timex_context.Hit` and answers a :class:`~kg.nlp.timex_context.Found`, or None to
reject the match (then a shorter or other reading of the same words may win). Adding a date rule
is adding one such function at the right place in this file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import Union

from spacy.tokens import Token

from kg.nlp import timex_lexicon as lex
from kg.nlp.timex_calendar import (
    CENTURY, DAY, DECADE, MONTH, QUARTER, WEEK, YEAR, at_precision, nth_weekday, parse_value, shift, weekday_near,
    year_value,
)
from kg.nlp.timex_context import DATE, DURATION, SET, TIME, Found, Hit
from kg.nlp.timex_patterns import Normaliser, Pieces, Rule, compile_rule, pieces
from kg.nlp.timex_tense import FUTURE, MODAL, PAST
from kg.nlp.timex_values import (
    GRANULARITY, day_and_part, duration_value, holiday_key, month_key, number, spoken_year, weekday_date, year_for,
)

_FromPieces = Union[str, Callable[[Pieces], str]]
_NeedsFromPieces = Union[tuple[str, ...], Callable[[Pieces], tuple[str, ...]]]
_REGISTERED: list[tuple[str, _FromPieces, _NeedsFromPieces, Normaliser, bool]] = []


def rule(name: str, pattern: _FromPieces, needs: _NeedsFromPieces = (),
         unit_anchored: bool = False) -> Callable[[Normaliser], Normaliser]:
    """Register the decorated function as the normaliser of the rule ``name``. ``needs``: lower-case
    strings one of which a text must hold for the rule to run; ``unit_anchored``: a rule that starts
    with a number and ends in a unit word, run only around unit words."""
    def register(normalise: Normaliser) -> Normaliser:
        if any(known == name for known, *_ in _REGISTERED):
            raise ValueError(f"two time-expression rules are named {name!r}")
        _REGISTERED.append((name, pattern, needs, normalise, unit_anchored))
        return normalise
    return register


@cache
def rules() -> list[Rule]:
    """The compiled rules, in the order they are registered."""
    p = pieces()
    return [compile_rule(name, pattern(p) if callable(pattern) else pattern,
                         needs(p) if callable(needs) else tuple(needs), normalise, anchored)
            for name, pattern, needs, normalise, anchored in _REGISTERED]


def _flat(words: str | None) -> str:
    """Lower case, white space runs as one space ("this  past" -> "this past")."""
    return re.sub(r"\s+", " ", (words or "").lower())


# ------------------------------------------------------------------------------ calendar dates
def _calendar_date(hit: Hit, day_first_when_needed: bool = False) -> Found | None:
    g, pub = hit.g, hit.published
    mon = g["mon"]
    month = int(mon) if mon.isdigit() else lex.months()[month_key(mon)]
    day = int(re.match(r"\d+", g["day"])[0])
    if day_first_when_needed and month > 12:
        month, day = day, month  # "24/12/2025": day first, as outside the US
    if g.get("year"):
        year = int(g["year"])
        if year < 100:
            year += 1900 if year > 30 else 2000
    elif pub is None:
        return hit.found(DATE, None)
    else:
        rel = _flat(g.get("rel"))
        # "last Oct. 23" lies before the dateline, "next March 3" after it, whatever the tense says.
        side = PAST if rel in ("last", "this past") else FUTURE if rel in ("next", "this coming") else hit.tense
        year = year_for(month, day, side, pub)
    try:
        return hit.found(DATE, date(year, month, day).isoformat())
    except ValueError:
        return None


@rule("date_mdy", lambda p: rf"(?:(?P<rel>last|next|this\s+past|this\s+coming)\s+)?(?:(?P<wd>{p.weekday}),?\s+)?(?P<mon>{p.month})\s+(?P<day>{p.day})(?:,?\s+(?P<year>{p.year}))?",
      needs=lambda p: p.month_words)
def _month_day_year(hit: Hit) -> Found | None:
    return _calendar_date(hit)


@rule("date_dmy", lambda p: rf"(?:(?P<wd>{p.weekday}),?\s+)?(?:the\s+)?(?P<day>{p.day})\s+(?:of\s+)?(?P<mon>{p.month})(?:,?\s+(?P<year>{p.year}))?",
      needs=lambda p: p.month_words)
def _day_month_year(hit: Hit) -> Found | None:
    return _calendar_date(hit)


@rule("date_iso", r"(?<![\d-])(?P<year>(?:1[0-9]|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>[0-3]\d)(?![\d-])", needs=("-",))
def _iso_date(hit: Hit) -> Found | None:
    return _calendar_date(hit)


@rule("date_slash", r"(?<![\d/])(?P<mon>[12]\d|3[01]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>(?:19|20)?\d\d)(?![\d/])",
      needs=("/",))
def _slash_date(hit: Hit) -> Found | None:
    return _calendar_date(hit, day_first_when_needed=True)


@rule("month_year", lambda p: rf"{p.prefix}(?P<mon>{p.month}),?\s+(?:of\s+)?(?:(?P<year>{p.year})|(?P<syear>{p.spoken}))",
      needs=lambda p: p.month_words)
def _month_year(hit: Hit) -> Found | None:
    g = hit.g
    month = lex.months()[month_key(g["mon"])]
    year = int(g["year"]) if g.get("year") else spoken_year(g["syear"])
    return hit.found(DATE, f"{year:04d}-{month:02d}") if year else None


@rule("spoken_year", lambda p: rf"(?:the\s+year\s+)?(?P<syear>{p.spoken})(?![\w-])", needs=("nineteen", "eighteen", "thousand"))
def _year_in_words(hit: Hit) -> Found | None:
    year = spoken_year(hit.g["syear"])
    return hit.found(DATE, f"{year:04d}") if year else None


@rule("word_decade", lambda p: rf"the\s+(?:(?P<pre>early|late|mid-?)\s*)?(?P<wdec>{p.word_decades})(?!\w)", needs=("ties",))
def _word_decade(hit: Hit) -> Found | None:
    pub = hit.published
    decade = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(hit.g["wdec"].lower()) + 2
    century = 19 if pub is None or pub.year < 2030 else pub.year // 100
    return hit.found(DATE, f"{century}{decade}")


@rule("year_period", lambda p: rf"the\s+(?P<year>{p.year})\s+(?P<what>quarter|period)(?![\w-])", needs=("quarter", "period"))
def _year_period(hit: Hit) -> Found | None:
    g = hit.g
    if g["what"].lower() == "quarter" or hit.ctx.last_quarter():
        q = hit.ctx.last_quarter()
        n = q[-1] if q else None
        return hit.found(DATE, f"{int(g['year']):04d}-Q{n}" if n else g["year"], reference=False)
    return hit.found(DATE, g["year"], reference=False)


@rule("last_years_quarter", r"(?:the\s+(?:corresponding|comparable|same)\s+(?:year-ago\s+|year-earlier\s+)?(?:quarter|period)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))|the\s+(?:comparable|corresponding)\s+(?:year-ago|year-earlier)|last\s+year's\s+(?:quarter|period))(?:\s+(?:quarter|period))?(?![\w-])",
      needs=("last year's", "corresponding", "comparable"))
def _last_years_quarter(hit: Hit) -> Found | None:
    q = hit.ctx.last_quarter()
    if q:
        return hit.found(DATE, at_precision(shift(parse_value(q)[0], YEAR, -1), QUARTER), reference=False)
    pub = hit.published
    return hit.found(DATE, year_value(pub.year - 1) if pub else None, reference=False)


def _is_verb_or_modal(tok: Token | None) -> bool:
    return tok is not None and (tok.tag_ in ("MD", "VB", "VBP", "VBZ", "VBD", "VBG") or tok.pos_ == "VERB")


@rule("month", lambda p: rf"(?:(?P<rel>last|next|this|this\s+past|past|coming|early|late|earlier\s+this|later\s+this|early\s+last|late\s+last|early\s+next|late\s+next)\s+|{p.prefix})"
                         rf"(?P<mon>{p.month})(?:\s+(?P<rel2>this|last|next)\s+year)?",
      needs=lambda p: p.month_words)
def _month(hit: Hit) -> Found | None:
    g, pub = hit.g, hit.published
    mon = g["mon"]
    key = month_key(mon)
    rel = (g.get("rel") or "").lower().split()
    if key in ("May", "March") and not rel and not g.get("rel2"):
        # "May" the modal, "March" the verb; a month name alone needs a preposition or a non-verb tag.
        if _is_verb_or_modal(hit.token) or hit.previous_word() in ("will", "to", "and", "they", "we", "you", "i", "it", "he", "she"):
            return None
    if len(mon) <= 4 and not mon.endswith(".") and mon.lower() not in ("may", "june", "july"):
        return None  # "Jan", "Oct" without a day or a year: too often a name
    month = lex.months()[key]
    if pub is None:
        return hit.found(DATE, None)
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
        year = year_for(month, None, hit.tense, pub)
    return hit.found(DATE, f"{year_value(year)}-{month:02d}")


@rule("holiday", lambda p: rf"(?:(?P<rel>last|next|this|past)\s+)?(?P<hol>{p.holiday})(?:,?\s+(?P<year>{p.year}))?",
      needs=lambda p: p.holiday_words)
def _holiday(hit: Hit) -> Found | None:
    g, pub = hit.g, hit.published
    spec = lex.holidays()[holiday_key(g["hol"])]
    if g.get("year"):
        year = int(g["year"])
    elif pub is None:
        return hit.found(DATE, None)
    else:
        rel = (g.get("rel") or "").lower()
        month = int(spec[:2])
        year = pub.year - 1 if rel in ("last", "past") else pub.year + 1 if rel == "next" else year_for(month, 28, hit.tense, pub)
    if "-W" in spec:
        month, wd, n = re.fullmatch(r"(\d\d)-W(\d)-(-?\d)", spec).groups()
        d = nth_weekday(year, int(month), int(wd), int(n))
    else:
        d = date(year, int(spec[:2]), int(spec[3:5]))
    return hit.found(DATE, d.isoformat())


# ------------------------------------------------------------------------------ times of day
def _hour_minute(g: dict) -> tuple[int, int]:
    hour, minute = int(g["h"]), int(g["mi"] or 0)
    ap = (g.get("ap") or "").lower()
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    return hour, minute


def _time_of_day(hit: Hit, hour: int, minute: int) -> Found | None:
    """The clock time on the day the expression names, else on the day the text is telling about."""
    g, pub = hit.g, hit.published
    dayword = (g.get("dayword") or "").strip()
    if pub is None:
        return hit.found(TIME, None)
    d = pub
    if dayword:
        lw = dayword.lower()
        if lw == "yesterday":
            d = pub - timedelta(days=1)
        elif lw == "tomorrow":
            d = pub + timedelta(days=1)
        elif dayword in lex.weekdays():
            d = weekday_date(lex.weekdays()[dayword], "", hit.tense, pub)
        elif g.get("tmon"):
            month, day = lex.months()[month_key(g["tmon"])], int(re.match(r"\d+", g["tday"])[0])
            try:
                d = date(year_for(month, day, hit.tense, pub), month, day)
            except ValueError:
                return None
    anchor_key = None
    if not dayword:
        # A bare clock time belongs to the day the text is telling about, if it has named one.
        last = hit.ctx.last_dated()
        if last is not None and last[3] == DAY:
            anchor_key, d = last[0], last[2]
    clock = "24:00" if hour == 24 else f"{hour:02d}:{minute:02d}"
    return hit.found(TIME, f"{d.isoformat()}T{clock}", anchor_key)


@rule("time", lambda p: rf"(?:(?P<mod>around|about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
                        r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b|o'clock)"
                        r"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)))?"
                        rf"(?:,?\s+(?P<dayword>today|yesterday|tomorrow|tonight|{p.weekday}|(?P<tmon>{p.month})\s+(?P<tday>{p.day})))?",
      needs=("a.m", "p.m", "am", "pm", "o'clock"))
def _time(hit: Hit) -> Found | None:
    return _time_of_day(hit, *_hour_minute(hit.g))


@rule("noon", lambda p: rf"(?P<hw>noon|midnight|midday)(?:,?\s+(?P<dayword>today|yesterday|tomorrow|{p.weekday}))?",
      needs=("noon", "midnight", "midday"))
def _noon(hit: Hit) -> Found | None:
    hour, minute = (24, 0) if hit.g["hw"].lower() == "midnight" else (12, 0)
    return _time_of_day(hit, hour, minute)


@rule("clock", r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)))?", needs=(":",))
def _clock(hit: Hit) -> Found | None:
    hour, minute = _hour_minute(hit.g)
    if not hit.g.get("tz") and hit.previous_word() not in ("at", "by", "until", "before", "after", "around", "about", "from", "to"):
        return None
    return _time_of_day(hit, hour, minute)


# ------------------------------------------------------------------------------ days
@rule("weekday", lambda p: rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|early|late|the\s+previous|the\s+preceding|the\s+following|the\s+next)\s+)?(?P<wd>{p.weekday})"
                           rf"(?:\s+(?P<part>{p.part}))?",
      needs=lambda p: p.weekday_words)
def _weekday(hit: Hit) -> Found | None:
    g, pub = hit.g, hit.published
    wd = g["wd"]
    if len(wd) <= 4 and not wd.endswith("."):
        return None
    if pub is None:
        return hit.found(DATE, None)
    rel = _flat(g.get("rel"))
    if rel.startswith("the "):
        last = hit.ctx.last_dated()
        base = last[2] if last is not None and last[3] == DAY else pub
        step = -1 if rel in ("the previous", "the preceding") else 1
        d = weekday_near(base + timedelta(days=step), lex.weekdays()[wd], step)
        return hit.found(*day_and_part(d, g.get("part")), last[0] if last is not None and last[3] == DAY else None)
    d = weekday_date(lex.weekdays()[wd], rel if rel in ("last", "next", "this past", "coming", "this coming", "past") else "", hit.tense, pub)
    return hit.found(*day_and_part(d, g.get("part")))


_DAY_OFFSETS = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1}


@rule("relday", lambda p: rf"(?:(?P<rel>earlier|later|early|late)\s+)?(?P<dw>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{p.part}))?",
      needs=("today", "yesterday", "tomorrow", "tonight"))
def _relative_day(hit: Hit) -> Found | None:
    pub = hit.published
    if pub is None:
        return hit.found(DATE, None)
    dw = hit.g["dw"].lower()
    part = "night" if dw == "tonight" else hit.g.get("part")
    return hit.found(*day_and_part(pub + timedelta(days=_DAY_OFFSETS[dw]), part))


@rule("daypart", lambda p: rf"(?P<dw>this|last|tomorrow|yesterday|that|the\s+same)\s+(?P<part>{p.part})", needs=lambda p: p.part_words)
def _day_part(hit: Hit) -> Found | None:
    pub = hit.published
    if pub is None:
        return hit.found(DATE, None)
    dw, part = hit.g["dw"].lower(), hit.g["part"]
    if dw == "that" or re.fullmatch(r"the\s+same", dw):
        anchor = hit.ctx.last_dated()
        if anchor is None or anchor[3] != DAY:
            return None
        return hit.found(*day_and_part(anchor[2], part), anchor[0])
    if dw == "last" and part.lower() != "night":
        return None
    return hit.found(*day_and_part(pub + timedelta(days=_DAY_OFFSETS[dw]), part))


DAYPART_PARAGRAPHS = 3  # "in the morning" farther on than this many paragraph breaks from the day is of no day named


@rule("the_daypart", r"(?:(?<=\bin )|(?<=\bduring ))the\s+(?P<part>morning|afternoon|evening)(?![\w-])(?!\s+of\b)",
      needs=("morning", "afternoon", "evening"))
def _the_day_part(hit: Hit) -> Found | None:
    """"in the morning", "during the afternoon": of the day the story has just named ("spent Thursday in
    talks ... a meeting in the morning") a few short paragraphs before at most; not a clock time's ("at 4
    in the morning") nor, with no day named, any day."""
    ctx = hit.ctx
    if re.search(r"\d\s+(?:in|during)\s+$", ctx.text[max(0, hit.begin - 16):hit.begin]):
        return None
    for key, f in reversed(ctx.found):  # the last day named, or part of one ("in the morning ... in the afternoon")
        day = re.match(r"\d{4}-\d{2}-\d{2}(?![\d-])", f.value or "")
        if day is not None and ctx.text.count("\n\n", f.end, hit.begin) <= DAYPART_PARAGRAPHS:
            return hit.found(*day_and_part(date.fromisoformat(day.group(0)), hit.g["part"]), key)
        if day is not None or parse_value(f.value) is not None:
            return None  # a day too far back, or a week, month or year named since
    return None


# ------------------------------------------------------------------------------ distances back and ahead
@rule("ago", lambda p: rf"(?:(?P<mod>{p.modifiers})\s+)?(?P<num>{p.number})[\s-]+(?P<unit>{p.unit})\s+(?:(?P<dir>ago|from\s+now|hence|back)|(?P<rdir>earlier|later|before|after)(?=\s*[.,;:)\"'”]|\s+(?:and|but|when|in|on|to|at|than|of|,)\b))",
      unit_anchored=True)
def _ago(hit: Hit) -> Found | None:
    g, pub, ctx = hit.g, hit.published, hit.ctx
    amount = number(g["num"])
    code = lex.units()[g["unit"].lower()]
    unit = GRANULARITY.get(code)
    direction = _flat(g["dir"] or g["rdir"])
    relative_to_event = direction in ("earlier", "later", "before", "after")
    if unit is None or g.get("mod") or (relative_to_event and (amount is None or code in ("TS", "TM", "TH", "D", "W"))):
        # TimeML gives the length, not the date, when the distance is approximate ("about two years ago")
        # or counted in days from another event ("three days later").
        return hit.found(DURATION, duration_value(amount, code))
    sign = 1 if direction in ("later", "after", "from now", "hence") or re.fullmatch(r"from\s+now", direction) else -1
    if amount is None:
        return hit.found(DATE, "PAST_REF" if sign < 0 else "FUTURE_REF")
    if pub is None:
        return hit.found(DATE, None)
    base, anchor_key = pub, None
    if relative_to_event:
        last = ctx.last_dated()
        if last is not None:
            anchor_key, base = last[0], last[2]
    n = int(amount)
    if unit == YEAR and ctx.last_quarter() and direction in ("ago", "earlier"):
        q = parse_value(ctx.last_quarter())
        return hit.found(DATE, at_precision(shift(q[0], YEAR, sign * n), QUARTER), reference=False)
    if code == "10Y":
        n, unit = 10 * n, YEAR
    elif code == "100Y":
        n, unit = 100 * n, YEAR
    elif code == "2W":
        n = 2 * n
    return hit.found(DATE, at_precision(shift(base, unit, sign * n), unit), anchor_key)


@rule("year_ago", r"(?:an?\s+)?(?P<dir>year-earlier|year-ago|year\s+earlier|year\s+ago)(?=\s)", needs=("year-", "year "))
def _year_ago(hit: Hit) -> Found | None:
    pub = hit.published
    if pub is None:
        return hit.found(DATE, None)
    q = hit.ctx.last_quarter()
    if q:
        return hit.found(DATE, at_precision(shift(parse_value(q)[0], YEAR, -1), QUARTER), reference=False)
    return hit.found(DATE, year_value(pub.year - 1))


# ------------------------------------------------------------------------------ quarters and halves
def _qualifier(g: dict) -> str:
    """The words qualifying a quarter ("last year's", "fiscal", "latest"), lower case."""
    return " ".join(x for x in ((g.get("q") or ""), (g.get("q2") or "")) if x).lower()


@rule("quarter", lambda p: rf"(?:(?P<the>the)\s+)?(?:(?P<q>this\s+year's|last\s+year's|next\s+year's|year-earlier|year-ago|year\s+earlier|fiscal|latest|current|previous|most\s+recent|recent|same|past|calendar|final|{p.year})\s+)?"
                           rf"(?:(?P<q2>fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?P<sep>[\s-]+)(?:fiscal\s+)?(?P<what>quarter|half|period)"
                           rf"(?:\s+of\s+(?P<year>{p.year}|this\s+year|last\s+year|next\s+year))?",
      needs=("quarter", "half", "period"))
def _nth_quarter(hit: Hit) -> Found | None:
    """"the third quarter (of 2014)", "last year's first half", "fiscal 2013's second quarter"."""
    g, pub = hit.g, hit.published
    what, qual = g["what"].lower(), _qualifier(g)
    begin = hit.begin
    if g.get("the") and "-" in (g.get("sep") or "") and not qual:
        begin = hit.m.start("ord")  # "the third-quarter results": an adjective; the article belongs to the noun
    explicit = g.get("year") or (re.fullmatch(r"(?:1[0-9]|20)\d\d", qual.split()[0]) and qual.split()[0] if qual else None)
    if pub is None and not (explicit and explicit[0].isdigit()):
        return hit.found(DATE, None, begin=begin)
    n = lex.ordinals()[g["ord"].lower()]
    if n > (2 if what == "half" else 4):
        return None
    code = f"H{n}" if what == "half" else f"Q{n}"
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
        year = pub.year - 1 if (hit.tense == PAST and start_month > pub.month) else pub.year
    shifted = any(w in qual for w in ("last", "year-earlier", "year-ago", "year earlier"))
    return hit.found(DATE, f"{year_value(year)}-{code}", reference=not shifted, begin=begin)


@rule("the_quarter", r"the\s+(?:(?P<q>latest|current|recent|previous|year-earlier|year-ago|same|most\s+recent|fiscal|just-ended|latest\s+fiscal)\s+)?(?P<what>quarter|period)(?!\s+(?:of\s+a|century|point|mile|inch|hour|final|finals|pounder)|-)",
      needs=("quarter", "period"))
def _the_quarter(hit: Hit) -> Found | None:
    """"the quarter", "the latest quarter", "the year-earlier period": the quarter the article reports on."""
    g, pub = hit.g, hit.published
    what, qual = g["what"].lower(), _qualifier(g)
    if what == "period" and not qual:
        return None
    if pub is None:
        return hit.found(DATE, None)
    current = (pub.month - 1) // 3 + 1
    completed = at_precision(shift(date(pub.year, 3 * current - 2, 1), QUARTER, -1), QUARTER)
    # "the latest quarter" is the last one completed before the dateline; "the quarter" the one named last.
    last = completed if "latest" in qual or "recent" in qual else (hit.ctx.last_quarter() or completed)
    if "year-earlier" in qual or "year-ago" in qual:
        return hit.found(DATE, at_precision(shift(parse_value(last)[0], YEAR, -1), QUARTER), reference=False)
    if "previous" in qual:
        return hit.found(DATE, at_precision(shift(parse_value(last)[0], QUARTER, -1), QUARTER), reference=False)
    return hit.found(DATE, last)


# ------------------------------------------------------------------------------ decades, centuries, seasons
@rule("decade", r"(?:the\s+)?(?:(?P<pre>early|late|mid-?)\s*)?(?P<dec>(?:1[0-9]|20)?\d0|'\d0)'?s(?!\w)", needs=("0s", "0's"))
def _decade(hit: Hit) -> Found | None:
    pub = hit.published
    dec = hit.g["dec"].lstrip("'")
    if len(dec) == 2:
        if pub is None:
            century = 19
        else:
            century = pub.year // 100 if int(dec) <= pub.year % 100 else pub.year // 100 - 1
        if century < 0:
            return hit.found(DATE, None)  # "the '90s" before the year 90: outside the calendar
        dec = f"{century:02d}{dec}"
    if len(dec) != 4:
        return None
    return hit.found(DATE, dec[:3])


@rule("century", lambda p: rf"(?:the\s+)?{p.prefix}(?P<ord>{p.ordinal})[\s-]+century", needs=("centur",))
def _century(hit: Hit) -> Found | None:
    n = lex.ordinals()[hit.g["ord"].lower()]
    if hit.ctx.text[hit.end:hit.end + 1] == "-" or n > 21:
        return None
    return hit.found(DATE, f"{n - 1:02d}")


@rule("season", lambda p: rf"(?:(?P<rel>this|last|next|this\s+past|the\s+past|the\s+coming|early|late|the|mid-)\s*)?(?P<season>{p.season})"
                          rf"(?:\s+of\s+(?P<year>{p.year}|{p.spoken})|\s+(?P<year2>{p.year}))?",
      needs=lambda p: p.season_words)
def _season(hit: Hit) -> Found | None:
    g, pub, tok = hit.g, hit.published, hit.token
    rel = _flat(g.get("rel"))
    year = g.get("year") or g.get("year2")
    code = lex.seasons()[g["season"].lower()]
    following = hit.ctx.text[hit.end:hit.end + 4].lower()
    if not rel and not year:
        if hit.previous_word() not in ("in", "this", "last", "next", "during", "by", "until", "since", "early", "late", "over"):
            return None
    if rel == "the" and not year:
        if following.startswith(" of") or hit.previous_word() not in ("in", "during", "by", "until", "since", "over", "through", "for", "before", "after"):
            return None
    if tok is not None and tok.pos_ == "VERB":
        return None
    if year:
        year = int(year) if year.isdigit() else spoken_year(year)
        return hit.found(DATE, f"{year:04d}-{code}") if year else None
    if pub is None:
        return hit.found(DATE, None)
    y = pub.year
    season_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if "last" in rel or "past" in rel:
        y = y if season_month + 3 <= pub.month else y - 1
    elif "next" in rel or "coming" in rel:
        y = y if season_month > pub.month else y + 1
    elif "this" not in rel and hit.tense == PAST and season_month > pub.month:
        y -= 1
    return hit.found(DATE, f"{year_value(y)}-{code}")


# ------------------------------------------------------------------------------ this week, the following day, at the time
_OFFSETS = {"this": 0, "current": 0, "same": 0, "present": 0, "latest": 0, "last": -1, "previous": -1,
            "preceding": -1, "past": -1, "next": 1, "coming": 1, "following": 1}
_UNITS = {"week": WEEK, "month": MONTH, "year": YEAR, "fiscal year": YEAR, "quarter": QUARTER,
          "decade": DECADE, "century": CENTURY}


@rule("relunit", lambda p: rf"{p.prefix}(?P<the>the\s+)?(?P<rel>this|last|next|past|coming|current|previous|preceding|following|same|latest|present)\s+"
                           r"(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|day|morning|afternoon|evening|night)(?![\w-])")
def _relative_unit(hit: Hit) -> Found | None:
    """"last week", "this year", "the following day", "the same morning"."""
    g, pub, ctx = hit.g, hit.published, hit.ctx
    unit = _flat(g["unit"])
    rel = g["rel"].lower()
    if rel == "present" and unit != "day":
        return None
    offset = _OFFSETS[rel]
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        return _relative_day_part(hit, rel, unit, offset)
    if pub is None:
        return hit.found(DATE, None)
    base, anchor_key = pub, None
    if rel in ("following", "previous", "preceding", "same"):
        last = ctx.last_dated()
        if last is not None:
            anchor_key, base = last[0], last[2]
    if unit == "weekend":
        d = shift(base, WEEK, offset)
        return hit.found(DATE, f"{at_precision(d, WEEK)}-WE", anchor_key)
    gran = _UNITS[unit]
    if unit == "week" and g["the"] and rel in ("past", "last") and anchor_key is None and base.isoweekday() >= 4:
        offset = 0  # "in the past week" (the seven days to the dateline) on a Thursday to Sunday: most of this week
    if unit == "quarter" and rel in ("current", "this") and ctx.last_quarter():
        return hit.found(DATE, ctx.last_quarter())
    return hit.found(DATE, at_precision(shift(base, gran, offset), gran), anchor_key)


def _relative_day_part(hit: Hit, rel: str, unit: str, offset: int) -> Found | None:
    """"the next day", "the previous evening": a day from the last one named, else from the dateline."""
    if rel not in ("next", "following", "previous", "preceding", "same"):
        return None
    last = hit.ctx.last_dated()
    if last is None or last[3] != DAY:
        if hit.published is None:
            return hit.found(DATE, None)
        last = (None, None, hit.published, DAY)
    d = last[2] + timedelta(days=offset)
    typ, value = day_and_part(d, unit if unit != "day" else None)
    return hit.found(typ, value, last[0])


@rule("anaphor", r"(?P<x>at\s+)?(?P<det>the|that)\s+(?P<what>time|same\s+time|day|same\s+day|week|same\s+week|month|same\s+month|year|same\s+year)(?![\w-])")
def _anaphor(hit: Hit) -> Found | None:
    """"at the time", "that day", "the same week": the date of the last expression that had one."""
    g = hit.g
    what = _flat(g["what"])
    det = g["det"].lower()
    if what == "same time":
        return None  # "at the same time" mostly means "also"
    if what == "time":
        # "at the time", "during that time"; "the time" alone is rarely a date ("the time it takes").
        if not g.get("x") and (det == "the" or hit.previous_word() not in ("during", "since", "until", "by", "from")):
            return None
    elif det == "the" and not what.startswith("same "):
        return None  # "the day", "the year": too often no particular one
    begin = hit.m.start("det")
    last = hit.ctx.last_dated()
    if last is None:
        return hit.found(DATE, "PAST_REF" if hit.tense == PAST else "PRESENT_REF", begin=begin)
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
    return hit.found(DATE, value, key, begin=begin)


@rule("day_before", r"the\s+(?P<what>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[.,;:]|\s+(?:and|but)\b)", needs=("before", "after"))
def _day_before(hit: Hit) -> Found | None:
    last = hit.ctx.last_dated()
    if last is None:
        return None
    gran = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}[hit.g["what"].lower()]
    sign = -1 if hit.g["dir"].lower() == "before" else 1
    return hit.found(DATE, at_precision(shift(last[2], gran, sign), gran), last[0])


@rule("the_weekend", r"the\s+weekend(?![\w-])", needs=("weekend",))
def _the_weekend(hit: Hit) -> Found | None:
    pub = hit.published
    if pub is None:
        return hit.found(DATE, None)
    saturday = weekday_near(pub, 6, +1) if hit.tense in (FUTURE, MODAL) else weekday_near(pub + timedelta(days=1 if pub.isoweekday() == 7 else 0), 6, -1)
    return hit.found(DATE, f"{at_precision(saturday, WEEK)}-WE")


@rule("period_end", r"(?:the\s+)?(?:(?P<unit>year|month)[-\s]end|(?P<unit2>year|month)'s\s+end|end\s+of\s+the\s+(?P<unit3>year|month))(?![\w-])",
      needs=("end",))
def _period_end(hit: Hit) -> Found | None:
    g, pub = hit.g, hit.published
    if pub is None:
        return hit.found(DATE, None)
    unit = (g.get("unit") or g.get("unit2") or g.get("unit3")).lower()
    since = hit.previous_word() == "since"
    if unit == "year":
        return hit.found(DATE, year_value(pub.year - 1 if since else pub.year))
    return hit.found(DATE, at_precision(shift(pub, MONTH, -1) if since else pub, MONTH))


@rule("the_year", r"the\s+(?:(?P<q>full|fiscal|calendar|entire|whole)\s+)?year(?![\w-])")
def _the_year(hit: Hit) -> Found | None:
    if re.match(r"\s+(?:ended|ending|to\s+date|through)\b", hit.ctx.text[hit.end:hit.end + 12]):
        return hit.found(DURATION, "P1Y")  # "the year ended Sept. 30": a twelve-month period
    if hit.previous_word() not in ("for", "during", "of", "in", "through", "throughout"):
        return None
    if hit.published is None:
        return hit.found(DATE, None)
    return hit.found(DATE, year_value(hit.published.year))


@rule("year", lambda p: rf"(?:(?P<pre>fiscal|calendar|mid-|early|late|the\s+year|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+turn\s+of)\s*)?(?P<year>{p.year})")
def _year(hit: Hit) -> Found | None:
    pre = (hit.g.get("pre") or "").lower()
    year = int(hit.g["year"])
    if not pre and not _looks_like_year(hit, year):
        return None
    return hit.found(DATE, f"{year:04d}")


def _looks_like_year(hit: Hit, year: int) -> bool:
    """A four-digit number that is a year rather than an amount ("1,990" never gets here; "1990 cars" should not)."""
    tok = hit.token
    prev = hit.previous_word()
    following = tok.nbor(1) if tok is not None and tok.i + 1 < len(hit.ctx.doc) else None
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


# ------------------------------------------------------------------------------ recurrences
@rule("set", lambda p: rf"(?P<every>every|each|per)\s+(?:other\s+)?(?P<what>{p.unit_singular}|{p.weekday}|{p.month}|{p.season}|{p.part}|weekend)",
      needs=("every", "each", "per"))
def _every(hit: Hit) -> Found | None:
    what = hit.g["what"]
    every = hit.g["every"].lower()
    if what in lex.weekdays():
        return hit.found(SET, f"XXXX-WXX-{lex.weekdays()[what]}")
    if what in lex.months():
        return hit.found(SET, f"XXXX-{lex.months()[what]:02d}")
    lw = what.lower()
    if lw in lex.seasons():
        return hit.found(SET, f"XXXX-{lex.seasons()[lw]}")
    if lw in lex.day_parts():
        return hit.found(SET, f"XXXX-XX-XXT{lex.day_parts()[lw]}")
    if lw == "weekend":
        return hit.found(SET, "XXXX-WXX-WE")
    if every == "per" and hit.previous_word() == "":
        return None
    return hit.found(SET, duration_value(1, lex.units()[lw]))


@rule("set_times", lambda p: rf"(?:(?P<num>{p.number})\s+times|once|twice)\s+(?:a|per|each)\s+(?P<unit>{p.unit_singular})",
      unit_anchored=True)
def _times_a(hit: Hit) -> Found | None:
    return hit.found(SET, duration_value(1, lex.units()[hit.g["unit"].lower()]))


@rule("set_word", lambda p: rf"(?P<word>{p.sets})(?!\w)", needs=lambda p: p.set_words)
def _set_word(hit: Hit) -> Found | None:
    word = hit.g["word"].lower()
    if word == "quarterly" and hit.token is not None and hit.token.pos_ == "ADJ":
        return None  # "its quarterly dividend": a kind of payment, not a recurrence
    return hit.found(SET, lex.sets()[word])


@rule("set_weekdays", lambda p: rf"(?-i:(?P<wd>{p.weekday_full}))s(?:\s+(?P<part>{p.part})s?)?(?!\w)|(?-i:(?P<wd2>{p.weekday_full}))\s+(?P<part2>{p.part})s(?!\w)",
      needs=lambda p: p.weekday_words)
def _weekdays(hit: Hit) -> Found | None:
    g = hit.g
    n = lex.weekdays()[g.get("wd") or g.get("wd2")]
    part = g.get("part") or g.get("part2")
    suffix = f"T{lex.day_parts()[part.lower()]}" if part else ""
    return hit.found(SET, f"XXXX-WXX-{n}{suffix}")


# ------------------------------------------------------------------------------ vague words, durations
@rule("vague", lambda p: rf"(?P<phrase>{p.vague})(?![\w-])")
def _vague(hit: Hit) -> Found | None:
    phrase = _flat(hit.g["phrase"])
    value = lex.vague()[phrase]
    tok = hit.token
    if phrase == "current" and (tok is None or tok.pos_ != "ADJ"):
        return None  # "the current" of a river
    if phrase == "now" and tok is not None and tok.dep_ == "intj":
        return None  # "Now, ..." opening a turn
    return hit.found(DATE, value)


@rule("duration", lambda p: rf"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|initial|latest|recent|remaining|other|same|last\s+few)\s+)?"
                            rf"(?:(?P<mod>{p.modifiers})\s+)?(?P<num>{p.number})(?P<sep>[\s-]+)(?:(?:more|additional|full|straight|consecutive|long)\s+)?(?P<unit>{p.unit})(?P<old>-old)?(?![\w-]|-\w)",
      unit_anchored=True)
def _duration(hit: Hit) -> Found | None:
    g, ctx = hit.g, hit.ctx
    begin, end = hit.begin, hit.end
    amount = number(g["num"])
    code = lex.units()[g["unit"].lower()]
    numtext = g["num"].lower()
    if numtext in ("a", "an") and not g.get("the") and not g.get("rel") and not g.get("mod"):
        prev = hit.previous_word()
        if prev in lex.rate_words() or prev in ("a", "an") or re.fullmatch(r"[$£€]?[\d.,]+%?", prev or "x"):
            return hit.found(SET, duration_value(1, code))
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
        begin = hit.m.start("num")  # "the two-week strike": an adjective; the article belongs to the noun
    if unit_word.startswith("quarter") and amount is not None and amount == int(amount):
        return hit.found(DURATION, f"P{int(amount)}Q", begin=begin)
    return hit.found(DURATION, duration_value(amount, code), begin=begin)


@rule("plural", r"(?:(?P<rel>recent|past|coming|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+last\s+few|the\s+past\s+few|the\s+next\s+few|several|many|few|for|over|within|in)\s+)"
                r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?!\w)")
def _plural(hit: Hit) -> Found | None:
    """"recent years", "for months": an unspecified length of time."""
    rel = _flat(hit.g.get("rel"))
    code = lex.units()[hit.g["unit"].lower()]
    if rel == "in":
        return None  # "in years" is mostly "in years to come" or "the first time in years": unclear
    begin = hit.m.start("unit") if rel in ("for", "over", "within") else hit.begin  # TimeML leaves the preposition out
    return hit.found(DURATION, duration_value(None, code), begin=begin)
