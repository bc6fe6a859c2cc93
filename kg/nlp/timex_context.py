"""What a time-expression rule reads when it normalises a match.

The match and its groups, the parse around it, the dateline and the expressions already found
before it in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from kg.nlp.timex_calendar import parse_value
from kg.nlp.timex_tense import FUTURE, PAST
from kg.nlp.timex_tense import tense as tense_of

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"  # TIMEX3 types
# a deadline or an earliest date ("until Friday", "as early as May") lies ahead whatever the tense
_DEADLINE = re.compile(r"(?:\buntil|\btill|as soon as|as early as|no later than)\s+(?:at\s+|on\s+)?$")


@dataclass
class Found:
    """A time expression a rule accepted: its extent, TIMEX3 type and value."""
    begin: int
    end: int
    type: str
    value: str | None
    anchor: str | None = None  # key of the expression the value was resolved against
    reference: bool = True  # False for values shifted back from another ("a year earlier")


class Context:
    """What normalising one expression may look at: the parse, the dateline, what came before."""

    def __init__(self, doc: Doc, text: str, published: date | None):
        self.doc = doc
        self.text = text
        self.published = published
        self.found: list[tuple[str, Found]] = []  # (key, expression) in text order
        self._starts = doc.to_array(IDX)  # token start offsets, without making a Token per word

    def token(self, char: int) -> Token | None:
        """The token that holds the character at ``char``."""
        i = int(self._starts.searchsorted(char, side="right")) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def previous_word(self, char: int) -> str:
        """The word just before ``char``, lower case ("" at the start of the text)."""
        m = re.search(r"([\w$%'’.-]+)\s*$", self.text[max(0, char - 40):char])
        return m.group(1).lower() if m else ""

    def last_dated(self) -> tuple[str, Found, date, str] | None:
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


class Hit:
    """One match of a rule being normalised, with what its normaliser reads around it."""

    def __init__(self, m: re.Match, ctx: Context, begin: int):
        self.m = m
        self.g = m.groupdict()
        self.ctx = ctx
        self.begin = begin
        self.end = m.end()
        self.published = ctx.published
        self.token = ctx.token(begin)
        tense = tense_of(self.token)
        if tense != PAST and _DEADLINE.search(ctx.text[max(0, begin - 14):begin].lower()):
            tense = FUTURE
        self.tense = tense

    def found(self, type: str, value: str | None, anchor: str | None = None, *, reference: bool = True,
              begin: int | None = None) -> Found:
        """The expression this match gives (from ``begin`` when the rule leaves words before it out)."""
        return Found(self.begin if begin is None else begin, self.end, type, value, anchor, reference)

    def previous_word(self) -> str:
        """The word just before the match, lower case."""
        return self.ctx.previous_word(self.begin)
