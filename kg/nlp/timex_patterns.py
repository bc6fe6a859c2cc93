"""Recognition of time expressions: one precompiled regular expression per kind of expression.

The expressions are built once from the word lists in ``lexicon/time_*`` and run over the article text;
each may match anywhere a word starts. Which of overlapping matches is kept, and what it means, is
decided in ``kg.nlp.timex``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.nlp import timex_lexicon as lex

Candidate = tuple[int, int, int, str, re.Match]

# Words that may start a span and change nothing but the value's modifier (TimeML keeps them in the span).
_PREFIX = r"(?:(?:early|late|earlier|later|mid-|early-|late-|the\s+(?:end|beginning|start|middle|rest|remainder|turn|close)\s+of)\s*)?"
def _alternation(words) -> str:
    """A regex alternation of the words, longest first, any white space between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    needs: tuple[str, ...] = ()  # lower case strings one of which the text must hold (a cheap skip)


@cache
def rules() -> list[Rule]:
    """The recognisers, most specific first (the order breaks ties between candidates of equal length)."""
    modifiers = rf"(?:{_alternation(lex.modifiers())})"
    month = rf"(?-i:{_alternation(lex.months())})(?!\w)"
    weekday = rf"(?-i:{_alternation(lex.weekdays())})(?!\w)"
    word_numbers = [w for w in lex.numbers() if w not in ("a", "an")]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    number = (rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d|\s+and\s+a\s+half)?|(?:{tens})[-\s](?:{ones})|"
              rf"(?:{_alternation(word_numbers)})(?:\s+and\s+a\s+half)?|an?|half\s+an?|a\s+half)")
    unit = _alternation(lex.units())
    unit_singular = _alternation(w for w in lex.units() if not w.endswith("s"))
    ordinal = _alternation(lex.ordinals())
    season = _alternation(lex.seasons())
    part = _alternation(lex.day_parts())
    year = r"(?<![\d$£€.,])(?:1[0-9]|20)\d\d(?![\d%]|[.,]\d|-\d)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    weekday_full = "|".join(w for w in lex.weekdays() if not w.endswith("."))
    spoken = (rf"(?:nineteen|eighteen)\s+(?:hundred|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
              rf"nineteen|(?:{tens})(?:[-\s](?:{ones}))?)|two\s+thousand(?:\s+and)?(?:\s+(?:{ones}|ten))?")
    word_decades = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
    holiday = rf"(?-i:{_alternation(lex.holidays())})(?!\w)"
    vague = _alternation(lex.vague())
    sets = _alternation(lex.sets())
    spec = [
        ("date_mdy", rf"(?:(?P<rel>last|next|this\s+past|this\s+coming)\s+)?(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?"),
        ("date_dmy", rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<mon>{month})(?:,?\s+(?P<year>{year}))?"),
        ("date_iso", r"(?<![\d-])(?P<year>(?:1[0-9]|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>[0-3]\d)(?![\d-])"),
        ("date_slash", r"(?<![\d/])(?P<mon>[12]\d|3[01]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>(?:19|20)?\d\d)(?![\d/])"),
        ("month_year", rf"{_PREFIX}(?P<mon>{month}),?\s+(?:of\s+)?(?:(?P<year>{year})|(?P<syear>{spoken}))"),
        ("spoken_year", rf"(?:the\s+year\s+)?(?P<syear>{spoken})(?![\w-])"),
        ("word_decade", rf"the\s+(?:(?P<pre>early|late|mid-?)\s*)?(?P<wdec>{word_decades})(?!\w)"),
        ("year_period", rf"the\s+(?P<year>{year})\s+(?P<what>quarter|period)(?![\w-])"),
        ("last_years_quarter", r"(?:the\s+(?:corresponding|comparable|same)\s+(?:year-ago\s+|year-earlier\s+)?(?:quarter|period)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))|the\s+(?:comparable|corresponding)\s+(?:year-ago|year-earlier)|last\s+year's\s+(?:quarter|period))(?:\s+(?:quarter|period))?(?![\w-])"),
        ("month", rf"(?:(?P<rel>last|next|this|this\s+past|past|coming|early|late|earlier\s+this|later\s+this|early\s+last|late\s+last|early\s+next|late\s+next)\s+|{_PREFIX})"
                  rf"(?P<mon>{month})(?:\s+(?P<rel2>this|last|next)\s+year)?"),
        ("holiday", rf"(?:(?P<rel>last|next|this|past)\s+)?(?P<hol>{holiday})(?:,?\s+(?P<year>{year}))?"),
        ("time", rf"(?:(?P<mod>around|about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
                 r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b|o'clock)"
                 r"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)))?"
                 rf"(?:,?\s+(?P<dayword>today|yesterday|tomorrow|tonight|{weekday}|(?P<tmon>{month})\s+(?P<tday>{day})))?"),
        ("noon", rf"(?P<hw>noon|midnight|midday)(?:,?\s+(?P<dayword>today|yesterday|tomorrow|{weekday}))?"),
        ("clock", r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)))?"),
        ("weekday", rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|early|late|the\s+previous|the\s+preceding|the\s+following|the\s+next)\s+)?(?P<wd>{weekday})"
                    rf"(?:\s+(?P<part>{part}))?"),
        ("relday", rf"(?:(?P<rel>earlier|later|early|late)\s+)?(?P<dw>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{part}))?"),
        ("daypart", rf"(?P<dw>this|last|tomorrow|yesterday|that|the\s+same)\s+(?P<part>{part})"),
        ("ago", rf"(?:(?P<mod>{modifiers})\s+)?(?P<num>{number})[\s-]+(?P<unit>{unit})\s+(?:(?P<dir>ago|from\s+now|hence|back)|(?P<rdir>earlier|later|before|after)(?=\s*[.,;:)\"'”]|\s+(?:and|but|when|in|on|to|at|than|of|,)\b))"),
        ("year_ago", r"(?:an?\s+)?(?P<dir>year-earlier|year-ago|year\s+earlier|year\s+ago)(?=\s)"),
        ("quarter", rf"(?:(?P<the>the)\s+)?(?:(?P<q>this\s+year's|last\s+year's|next\s+year's|year-earlier|year-ago|year\s+earlier|fiscal|latest|current|previous|most\s+recent|recent|same|past|calendar|final|{year})\s+)?"
                    rf"(?:(?P<q2>fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?P<sep>[\s-]+)(?:fiscal\s+)?(?P<what>quarter|half|period)"
                    rf"(?:\s+of\s+(?P<year>{year}|this\s+year|last\s+year|next\s+year))?"),
        ("the_quarter", r"the\s+(?:(?P<q>latest|current|recent|previous|year-earlier|year-ago|same|most\s+recent|fiscal|just-ended|latest\s+fiscal)\s+)?(?P<what>quarter|period)(?!\s+(?:of\s+a|century|point|mile|inch|hour|final|finals|pounder)|-)"),
        ("decade", rf"(?:the\s+)?(?:(?P<pre>early|late|mid-?)\s*)?(?P<dec>(?:1[0-9]|20)?\d0|'\d0)'?s(?!\w)"),
        ("century", rf"(?:the\s+)?{_PREFIX}(?P<ord>{ordinal})[\s-]+century"),
        ("season", rf"(?:(?P<rel>this|last|next|this\s+past|the\s+past|the\s+coming|early|late|the|mid-)\s*)?(?P<season>{season})"
                   rf"(?:\s+of\s+(?P<year>{year}|{spoken})|\s+(?P<year2>{year}))?"),
        ("relunit", rf"{_PREFIX}(?P<the>the\s+)?(?P<rel>this|last|next|past|coming|current|previous|preceding|following|same|latest|present)\s+"
                    r"(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|day|morning|afternoon|evening|night)(?![\w-])"),
        ("anaphor", r"(?P<x>at\s+)?(?P<det>the|that)\s+(?P<what>time|same\s+time|day|same\s+day|week|same\s+week|month|same\s+month|year|same\s+year)(?![\w-])"),
        ("day_before", r"the\s+(?P<what>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[.,;:]|\s+(?:and|but)\b)"),
        ("the_weekend", r"the\s+weekend(?![\w-])"),
        ("period_end", r"(?:the\s+)?(?:(?P<unit>year|month)[-\s]end|(?P<unit2>year|month)'s\s+end|end\s+of\s+the\s+(?P<unit3>year|month))(?![\w-])"),
        ("the_year", r"the\s+(?:(?P<q>full|fiscal|calendar|entire|whole)\s+)?year(?![\w-])"),
        ("year", rf"(?:(?P<pre>fiscal|calendar|mid-|early|late|the\s+year|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+turn\s+of)\s*)?(?P<year>{year})"),
        ("set", rf"(?P<every>every|each|per)\s+(?:other\s+)?(?P<what>{unit_singular}|{weekday}|{month}|{season}|{part}|weekend)"),
        ("set_times", rf"(?:(?P<num>{number})\s+times|once|twice)\s+(?:a|per|each)\s+(?P<unit>{unit_singular})"),
        ("set_word", rf"(?P<word>{sets})(?!\w)"),
        ("set_weekdays", rf"(?-i:(?P<wd>{weekday_full}))s(?:\s+(?P<part>{part})s?)?(?!\w)|(?-i:(?P<wd2>{weekday_full}))\s+(?P<part2>{part})s(?!\w)"),
        ("vague", rf"(?P<phrase>{vague})(?![\w-])"),
        ("duration", rf"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|initial|latest|recent|remaining|other|same|last\s+few)\s+)?"
                     rf"(?:(?P<mod>{modifiers})\s+)?(?P<num>{number})(?P<sep>[\s-]+)(?:(?:more|additional|full|straight|consecutive|long)\s+)?(?P<unit>{unit})(?P<old>-old)?(?![\w-]|-\w)"),
        ("plural", rf"(?:(?P<rel>recent|past|coming|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+last\s+few|the\s+past\s+few|the\s+next\s+few|several|many|few|for|over|within|in)\s+)"
                   r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?!\w)"),
    ]
    # Every expression starts at the start of a word (so "data year" holds no "a year"); checking that
    # first also keeps the scan cheap.
    needs = _needs()
    return [Rule(name, re.compile(r"(?<![\w'’-])" + _first_char_guard(p) + p, re.IGNORECASE), needs.get(name, ()))
            for name, p in spec]


def _first_char_guard(pattern: str) -> str:
    """A lookahead for the characters a match of ``pattern`` can start with ("(?=[ADFJ...])"), or ""
    when any may. It changes no match, only lets the scan drop most word starts at once instead of
    trying every alternative of a long word list there (about a sixth of the scan time)."""
    first = _first_chars(pattern)
    return "" if not first else "(?=[" + "".join(sorted(first)) + "])"


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The items of a character class (escaped characters, and \\d for any digit) holding every
    character a match can start with, read off the parsed pattern; None when that is not a small
    known set (., a negated class, a pattern that can match nothing). Under IGNORECASE the
    lookahead's class matches each character in either case, as the pattern itself does."""
    try:
        from re import _parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        found, nullable = _first_of(list(sre_parse.parse(pattern, re.IGNORECASE)), sre_parse)
    except Exception:  # pragma: no cover - an unfamiliar parse tree: no guard, same matches
        return None
    if found is None or nullable:
        return None
    return frozenset(c if isinstance(c, str) else re.escape(chr(c)) for c in found)


def _first_of(items, sre) -> tuple[set[int | str] | None, bool]:
    """(first code points, or r"\\d" for any digit; None for "any"; and whether the sequence can
    match the empty string)."""
    c = sre  # the parser module holds the opcode constants (LITERAL, IN, BRANCH, ...)
    out: set[int] = set()
    for op, av in items:
        if op is c.LITERAL:
            found, nullable = {av}, False
        elif op is c.IN:
            found, nullable = set(), False
            for o, a in av:
                if o is c.LITERAL:
                    found.add(a)
                elif o is c.RANGE and a[1] - a[0] <= 64:
                    found.update(range(a[0], a[1] + 1))
                elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                    found.add(r"\d")  # the same class the pattern's \d is
                else:
                    return None, False  # a negated class or a category: anything
        elif op is c.BRANCH:
            found, nullable = set(), False
            for alternative in av[1]:
                f, n = _first_of(list(alternative), sre)
                if f is None:
                    return None, False
                found |= f
                nullable = nullable or n
        elif op is c.SUBPATTERN:
            found, nullable = _first_of(list(av[3]), sre)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            found, nullable = _first_of(list(av[2]), sre)
            nullable = nullable or av[0] == 0
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            found, nullable = set(), True  # zero width: the match starts with what follows
        else:
            return None, False
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _needs() -> dict[str, tuple[str, ...]]:
    """For the rules that cannot match without one of a few words, those words."""
    months = tuple(m.lower().rstrip(".") for m in lex.months())
    weekdays = tuple(w.lower().rstrip(".") for w in lex.weekdays())
    parts = tuple(lex.day_parts())
    seasons = tuple(lex.seasons())
    return {
        "date_mdy": months, "date_dmy": months, "month_year": months, "month": months,
        "date_iso": ("-",), "date_slash": ("/",), "clock": (":",),
        "holiday": tuple(h.lower() for h in lex.holidays()),
        "time": ("a.m", "p.m", "am", "pm", "o'clock"), "noon": ("noon", "midnight", "midday"),
        "weekday": weekdays, "set_weekdays": weekdays, "relday": ("today", "yesterday", "tomorrow", "tonight"),
        "daypart": parts, "year_ago": ("year-", "year "), "quarter": ("quarter", "half", "period"),
        "the_quarter": ("quarter", "period"), "year_period": ("quarter", "period"), "decade": ("0s", "0's"),
        "century": ("centur",), "season": seasons, "spoken_year": ("nineteen", "eighteen", "thousand"),
        "word_decade": ("ties",), "last_years_quarter": ("last year's", "corresponding", "comparable"),
        "day_before": ("before", "after"), "the_weekend": ("weekend",), "period_end": ("end",),
        "set": ("every", "each", "per"), "set_word": tuple(lex.sets()),
    }


# Rules that start with a number ("two", "a", "some") would try a match at almost every word; they all
# end in a unit word, so they are run only in windows around the unit words.
_UNIT_ANCHORED = {"ago", "duration", "set_times"}
_UNIT_WORD = re.compile(r"second|minute|hour|day|night|week|fortnight|month|year|decade|centur|quarter", re.IGNORECASE)
_BEFORE_UNIT, _AFTER_UNIT = 90, 60


def _unit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around each unit word, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for m in _UNIT_WORD.finditer(text):
        begin, end = max(0, m.start() - _BEFORE_UNIT), min(len(text), m.end() + _AFTER_UNIT)
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((begin, end))
    return windows


def candidates(text: str) -> list[Candidate]:
    """Every match of every rule: (begin, end, rule order, rule name, match), overlaps included."""
    out = []
    lower = text.lower()
    windows = _unit_windows(text)
    for order, rule in enumerate(rules()):
        if rule.needs and not any(word in lower for word in rule.needs):
            continue
        spans = windows if rule.name in _UNIT_ANCHORED else [(0, len(text))]
        for begin, end in spans:
            for m in rule.pattern.finditer(text, begin, end):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), order, rule.name, m))
    return out
