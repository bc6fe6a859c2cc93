"""The regex pieces time-expression rules are written with, and the scan that runs the rules over a text.

The pieces are built once from the word lists in ``lexicon/time_*``; each rule (``kg.nlp.timex_rules``)
is compiled here into one regular expression that may match anywhere a word starts. Which of
overlapping matches is kept, and what it means, is decided in ``kg.nlp.timex``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from re import _parser as sre_parse  # the parse tree the first-character guard is read from

from kg.nlp import timex_lexicon as lex
from kg.nlp.timex_context import Found, Hit

Normaliser = Callable[[Hit], Found | None]  # a match -> its TIMEX3 type and value, or None to reject it


def _alternation(words) -> str:
    """A regex alternation of the words, longest first, any white space between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Pieces:
    """Regular expressions for the words and numbers the rules are made of, and the lower-case words
    a text must hold for a rule about them to be worth running."""
    prefix: str  # words that may start a span and change only the value's modifier ("early", "the end of")
    modifiers: str
    month: str
    weekday: str
    weekday_full: str
    number: str
    unit: str
    unit_singular: str
    ordinal: str
    season: str
    part: str
    year: str
    day: str
    spoken: str  # a year in words: "nineteen ninety-six", "two thousand and one"
    word_decades: str
    holiday: str
    vague: str
    sets: str
    month_words: tuple[str, ...]
    weekday_words: tuple[str, ...]
    part_words: tuple[str, ...]
    season_words: tuple[str, ...]
    holiday_words: tuple[str, ...]
    set_words: tuple[str, ...]


@cache
def pieces() -> Pieces:
    """The pieces, built from the word lists (once)."""
    word_numbers = [w for w in lex.numbers() if w not in ("a", "an")]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    return Pieces(
        prefix=r"(?:(?:early|late|earlier|later|mid-|early-|late-|the\s+(?:end|beginning|start|middle|rest|remainder|turn|close)\s+of)\s*)?",
        modifiers=rf"(?:{_alternation(lex.modifiers())})",
        month=rf"(?-i:{_alternation(lex.months())})(?!\w)",
        weekday=rf"(?-i:{_alternation(lex.weekdays())})(?!\w)",
        weekday_full="|".join(w for w in lex.weekdays() if not w.endswith(".")),
        number=(rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d|\s+and\s+a\s+half)?|(?:{tens})[-\s](?:{ones})|"
                rf"(?:{_alternation(word_numbers)})(?:\s+and\s+a\s+half)?|an?|half\s+an?|a\s+half)"),
        unit=_alternation(lex.units()),
        unit_singular=_alternation(w for w in lex.units() if not w.endswith("s")),
        ordinal=_alternation(lex.ordinals()),
        season=_alternation(lex.seasons()),
        part=_alternation(lex.day_parts()),
        year=r"(?<![\d$£€.,])(?:1[0-9]|20)\d\d(?![\d%]|[.,]\d|-\d)",
        day=r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        spoken=(rf"(?:nineteen|eighteen)\s+(?:hundred|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                rf"nineteen|(?:{tens})(?:[-\s](?:{ones}))?)|two\s+thousand(?:\s+and)?(?:\s+(?:{ones}|ten))?"),
        word_decades="twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties",
        holiday=rf"(?-i:{_alternation(lex.holidays())})(?!\w)",
        vague=_alternation(lex.vague()),
        sets=_alternation(lex.sets()),
        month_words=tuple(m.lower().rstrip(".") for m in lex.months()),
        weekday_words=tuple(w.lower().rstrip(".") for w in lex.weekdays()),
        part_words=tuple(lex.day_parts()),
        season_words=tuple(lex.seasons()),
        holiday_words=tuple(h.lower() for h in lex.holidays()),
        set_words=tuple(lex.sets()),
    )


@dataclass(frozen=True)
class Rule:
    """One recogniser: its compiled pattern and the function that gives a match its meaning."""
    name: str
    pattern: re.Pattern
    needs: tuple[str, ...] = ()  # lower case strings one of which the text must hold (a cheap skip)
    normalise: Normaliser | None = None
    unit_anchored: bool = False  # run only in windows around unit words (see _unit_windows)


def compile_rule(name: str, pattern: str, needs: tuple[str, ...], normalise: Normaliser,
                 unit_anchored: bool = False) -> Rule:
    """A rule whose pattern may match only where a word starts (so "data year" holds no "a year");
    checking that first, with the characters a match can start with, also keeps the scan cheap."""
    regex = re.compile(r"(?<![\w'’-])" + _first_char_guard(pattern) + pattern, re.IGNORECASE)
    return Rule(name, regex, needs, normalise, unit_anchored)


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


# Rules that start with a number ("two", "a", "some") would try a match at almost every word; they all
# end in a unit word, so they are run (``unit_anchored``) only in windows around the unit words.
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


def candidates(text: str, rules: list[Rule]) -> list[tuple[int, int, int, Rule, re.Match]]:
    """Every match of every rule: (begin, end, rule order, rule, match), overlaps included."""
    out = []
    lower = text.lower()
    windows = _unit_windows(text)
    for order, rule in enumerate(rules):
        if rule.needs and not any(word in lower for word in rule.needs):
            continue
        spans = windows if rule.unit_anchored else [(0, len(text))]
        for begin, end in spans:
            for m in rule.pattern.finditer(text, begin, end):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), order, rule, m))
    return out
