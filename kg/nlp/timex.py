"""Time expressions: found by rules over the text, normalised to TIMEX3 values against the publication date.

Recognition is a set of rules (``timex_rules``: one per kind of expression, each a regular expression
built from the word lists in ``lexicon/time_*`` together with the function that normalises its
matches), run once each over the article text (``timex_patterns``); overlapping candidates are
settled longest first. spaCy's parse is only consulted at the candidates: to drop "May" the modal or
"March" the verb, and to read the tense that decides whether "on Wednesday" or "in October" lies
before or after the dateline.

Spans follow TimeML: the preposition is left out ("on Wednesday" -> "Wednesday") but determiners and
modifiers that change the value or mark it vague are kept ("last December", "the third quarter",
"nearly two years"). Normalisation walks the expressions in text order, so "at the time", "that day" and
"the following day" can take the value of the last expression with a date (recorded as ``anchor``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc

from kg.model import Span, TimeExpression
from kg.nlp import docindex
from kg.nlp.timex_calendar import is_calendar_date
from kg.nlp.timex_context import DATE, DURATION, SET, TIME, Context, Found, Hit
from kg.nlp.timex_patterns import candidates
from kg.nlp.timex_rules import rules
from kg.nlp.timex_tense import governor

__all__ = ["DATE", "DURATION", "SET", "TIME", "date_for", "find_time_expressions"]


def find_time_expressions(doc: Doc, published: date | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, with its TIMEX3 type and value resolved against ``published``
    (relative ones get no value when it is None)."""
    text = docindex.text(doc)  # Doc.text joins the tokens on every access
    ctx = Context(doc, text, published)
    cands = sorted(candidates(text, rules()), key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
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
        for cb, ce, order, rule, m in group:
            try:
                f = rule.normalise(Hit(m, ctx, cb))
            except (OverflowError, ValueError):
                f = Found(cb, ce, DATE, None)  # the arithmetic left the calendar (a dateline in year 1 or 9999)
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


def is_calendar_timex(t: TimeExpression) -> bool:
    """A DATE expression with a day, month or year value: what dates an event by default."""
    return t.type == DATE and is_calendar_date(t.value)


def date_for(doc: Doc, span: Span, timexes: list[TimeExpression],
             accepts: Callable[[TimeExpression], bool] = is_calendar_timex) -> TimeExpression | None:
    """The expression that dates the event at ``span``: one ``accepts`` takes (by default one with a day,
    month or year value), in the same clause if there is one, else the nearest in the sentence. "at the
    time" and "that day" already carry the value of what they refer back to (their ``anchor``)."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    event = tokens.root
    sent = event.sent
    clause = governor(event)
    best, best_score = None, None
    for t in timexes:
        if not (sent.start_char <= t.span.begin < sent.end_char) or not accepts(t):
            continue
        ttoks = doc.char_span(t.span.begin, t.span.end, alignment_mode="expand")
        same_clause = ttoks is not None and len(ttoks) > 0 and governor(ttoks.root) == clause
        distance = min(abs(t.span.begin - span.end), abs(span.begin - t.span.end))
        score = (0 if same_clause else 1, distance)
        if best_score is None or score < best_score:
            best, best_score = t, score
    return best
