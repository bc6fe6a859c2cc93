"""Quotation marks: where the quoted passages of an article are, from the characters alone.

A quotation runs from an opening double mark to its closing mark. A paragraph that opens a quotation
without closing it ends the quotation there, unless the next paragraph opens with a quotation mark
too: that is the newspaper convention for one quotation over several paragraphs, and the passage
then continues (one part per paragraph). Curly quotations nest ("... what he calls “hell” ...").
Two apostrophes ('') count as a straight double mark. Single marks are left alone: they double as
apostrophes and mostly mark quotes nested inside a double-quoted passage, which belong to it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.model import Span

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
TWO_APOSTROPHES = "''"
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quotation:
    """One quoted passage; ``parts`` holds one span per paragraph, each with its marks."""

    parts: tuple[Span, ...]

    @property
    def begin(self) -> int:
        return self.parts[0].begin

    @property
    def end(self) -> int:
        return self.parts[-1].end


def find_quotations(text: str) -> list[Quotation]:
    """Every double-quoted passage of ``text``, in order."""
    quotations: list[Quotation] = []
    carried: list[Span] = []  # parts of a quotation still open at the end of the last paragraph
    for paragraph in _PARAGRAPH.finditer(text):
        begin, end = paragraph.start(), paragraph.end()
        stripped = len(paragraph.group()) - len(paragraph.group().lstrip())
        if carried and not (begin + stripped < end and (text[begin + stripped] in OPENING + STRAIGHT
                                                        or text.startswith(TWO_APOSTROPHES, begin + stripped))):
            quotations.append(Quotation(tuple(carried)))
            carried = []
        continues = bool(carried)
        opened: int | None = None
        depth = 0  # curly quotes nested in a curly quotation: “... what he calls “hell” ...”
        for i, ch, width in _marks(text, begin, end):
            if continues:
                # the opening mark of a continuing paragraph belongs to the open quotation
                continues = False
                opened = i
                continue
            if opened is None:
                if ch in OPENING or ch == STRAIGHT or (ch in CLOSING and _word_follows(text, i)):
                    opened = i
            elif ch in OPENING and text[opened] in OPENING:
                depth += 1
            elif depth and ch in CLOSING:
                depth -= 1
            elif ch in CLOSING or ch == STRAIGHT:
                carried.append(Span.of(text, opened, i + width))
                quotations.append(Quotation(tuple(carried)))
                carried, opened = [], None
        if opened is not None:
            carried.append(Span.of(text, opened, _rstrip(text, opened, end)))
        elif carried:  # a continuing paragraph with no mark at all cannot happen; close defensively
            quotations.append(Quotation(tuple(carried)))
            carried = []
    if carried:
        quotations.append(Quotation(tuple(carried)))
    return quotations


def _marks(text: str, begin: int, end: int):
    """(offset, mark, width) of each double quotation mark in text[begin:end]; two apostrophes
    ('') are a straight double mark, as texts rebuilt from tokens write them."""
    i = begin
    while i < end:
        ch = text[i]
        if ch in MARKS:
            yield i, ch, 1
        elif ch == "'" and text.startswith(TWO_APOSTROPHES, i) and i + 1 < end:
            yield i, STRAIGHT, 2
            i += 1
        i += 1


def _word_follows(text: str, i: int) -> bool:
    """A closing mark directly before a word is a mistyped opening mark."""
    return i + 1 < len(text) and text[i + 1].isalnum()


def _rstrip(text: str, begin: int, end: int) -> int:
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end


class QuotedText:
    """Answers 'is this character inside a quotation?' quickly, for one article."""

    def __init__(self, quotations: list[Quotation]):
        self.parts = sorted(p for q in quotations for p in q.parts)
        self._begins = [p.begin for p in self.parts]

    def part_at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self._begins, offset) - 1
        if i >= 0 and self.parts[i].begin <= offset < self.parts[i].end:
            return self.parts[i]
        return None

    def inside(self, offset: int) -> bool:
        return self.part_at(offset) is not None

    def quoted_share(self, text: str, spans: list[Span]) -> tuple[int, int]:
        """(letters and digits inside quotations, letters and digits in all) over ``spans``."""
        inside = total = 0
        for span in spans:
            for i in range(span.begin, span.end):
                if text[i].isalnum():
                    total += 1
                    inside += self.inside(i)
        return inside, total
