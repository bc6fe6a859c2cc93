"""Quotation marks: where the quoted passages of an article are, from the characters alone.

A quotation runs from an opening double mark to its closing mark. A paragraph that opens a quotation
without closing it ends the quotation there, unless the next paragraph opens with a quotation mark
too: that is the newspaper convention for one quotation over several paragraphs, and the passage
then continues (one part per paragraph). Curly quotations nest ("... what he calls “hell” ...").
Texts rebuilt from tokens write double marks as two apostrophes (''…'', the New York Times of the
PolNeAR corpus) or as two backticks and two apostrophes (``…''): both are double marks here.

Single marks (‘…’ and '…') double as apostrophes, so a single-quoted passage needs both ends: an
opening mark at the start of a word (after a space, a bracket or a dash, before a letter or digit)
and a closing mark at the end of one (after a non-space, before no letter or digit), in the same
paragraph and outside any double-quoted passage; a single mark inside a double-quoted passage
quotes inside it and belongs to it. Every style is a quotation alike: it decides the mode.
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
TWO_BACKTICKS = "``"
SINGLE_OPENING = "‘'"
SINGLE_CLOSING = "’'"
# what may stand right before the opening mark of a single-quoted passage
_BEFORE_SINGLE = "([{—–-/\"“"
_PARAGRAPH = re.compile(r"[^\n]+")
# One letter or digit: ``[^\W_]`` is exactly ``str.isalnum`` for one character (re's \w is
# isalnum or "_").
_ALNUM = re.compile(r"[^\W_]")


def _alnum_count(text: str, begin: int, end: int) -> int:
    """How many characters of text[begin:end] are letters or digits."""
    return len(_ALNUM.findall(text, begin, end)) if end > begin else 0


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
    """Every quoted passage of ``text``, double- or single-quoted, in order."""
    double = _double_quotations(text)
    single = _single_quotations(text, double)
    return sorted(double + single, key=lambda q: q.begin) if single else double


def _double_quotations(text: str) -> list[Quotation]:
    quotations: list[Quotation] = []
    carried: list[Span] = []  # parts of a quotation still open at the end of the last paragraph
    for paragraph in _PARAGRAPH.finditer(text):
        begin, end = paragraph.start(), paragraph.end()
        stripped = len(paragraph.group()) - len(paragraph.group().lstrip())
        if carried and not (begin + stripped < end and (text[begin + stripped] in OPENING + STRAIGHT
                                                        or text.startswith((TWO_APOSTROPHES, TWO_BACKTICKS),
                                                                           begin + stripped))):
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


# One mark, two apostrophes or two backticks; scanning with this is what a character loop would do, faster.
_MARK = re.compile("[" + re.escape(MARKS) + "]|" + TWO_APOSTROPHES + "|" + TWO_BACKTICKS)


def _marks(text: str, begin: int, end: int):
    """(offset, mark, width) of each double quotation mark in text[begin:end]; two apostrophes
    ('') are a straight double mark and two backticks (``) an opening one, as texts rebuilt from
    tokens write them."""
    for m in _MARK.finditer(text, begin, end):
        if m.group() == TWO_BACKTICKS:
            yield m.start(), OPENING[0], 2
        elif m.end() - m.start() == 2:
            yield m.start(), STRAIGHT, 2
        else:
            yield m.start(), m.group(), 1


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s" + re.escape(_BEFORE_SINGLE) + r"]))[" + SINGLE_OPENING
                          + r"](?=[^\W_])(?!\d\ds\b)", re.MULTILINE)
_SINGLE_CLOSE = re.compile(r"(?<=\S)[" + SINGLE_CLOSING + r"](?![^\W_])")


def _single_quotations(text: str, double: list[Quotation]) -> list[Quotation]:
    """Single-quoted passages outside the double-quoted ones: an opening mark at a word's start,
    closed at a word's end in the same paragraph ('90s and don't are apostrophes, not quotes)."""
    taken = QuotedText(double)
    out: list[Quotation] = []
    resume = 0
    for opening in _SINGLE_OPEN.finditer(text):
        begin = opening.start()
        if begin < resume or text.startswith(TWO_APOSTROPHES, begin) or taken.inside(begin) \
                or (begin > 0 and text[begin - 1] == "'"):
            continue
        line_end = text.find("\n", begin)
        line_end = len(text) if line_end < 0 else line_end
        closing = _SINGLE_CLOSE.search(text, begin + 2, line_end)
        # a double mark between the two ends means they belong to different passages
        if closing is None or text.startswith(TWO_APOSTROPHES, closing.start()) \
                or any(taken.inside(i) or text[i] in MARKS for i in range(begin, closing.start())):
            continue
        out.append(Quotation((Span.of(text, begin, closing.end()),)))
        resume = closing.end()
    return out


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
            total += _alnum_count(text, span.begin, span.end)
            # the stretches where :meth:`inside` holds, instead of asking it character by character
            for begin, end in self._stretches():
                if begin < span.end and span.begin < end:
                    inside += _alnum_count(text, max(begin, span.begin), min(end, span.end))
        return inside, total

    def _stretches(self) -> list[tuple[int, int]]:
        """Disjoint sorted ranges of the offsets :meth:`inside` holds for: from each part's begin
        to its end, or to the next begin if that comes first (:meth:`part_at` asks the last part
        begun)."""
        if not hasattr(self, "_stretch_list"):
            out = []
            for k, p in enumerate(self.parts):
                if k + 1 < len(self.parts) and self._begins[k + 1] == p.begin:
                    continue  # an equal begin later wins
                nxt = next((b for b in self._begins[k + 1:] if b > p.begin), None)
                end = p.end if nxt is None else min(p.end, nxt)
                if end > p.begin:
                    out.append((p.begin, end))
            self._stretch_list = out
        return self._stretch_list
