"""kg view's pure parts with small literal inputs: marking spans, file names, the who-met-whom picture."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from kg.view import names
from kg.view.markup import Span, escape_text, highlight
from kg.view.model import Encounter, Ref
from kg.view.svg import who_met_whom
from view_dom import marked, parse


def spans_text_ok(text: str, html: str) -> list:
    """Every marked element's text is text[data-begin:data-end]; the whole is the text."""
    root, _ = parse(f"<div>{html}</div>")
    assert root.text == text
    elements = marked(html)
    for el in elements:
        assert el.text == text[int(el.attrs["data-begin"]):int(el.attrs["data-end"])], el.attrs
    return elements


def test_nested_spans_become_nested_elements():
    text = 'He said "Asaad Al Shibani met Lavrov" today.'
    quote = Span(8, 37, "q", ("content",), rank=2)
    name = Span(9, 25, "n", ("Person",), href="p.html")
    met = Span(26, 29, "t", ("trigger",))
    html = highlight(text, [met, quote, name])
    elements = spans_text_ok(text, html)
    assert [e.attrs["data-iri"] for e in elements] == ["q", "n", "t"]
    assert html.startswith('He said <span class="m content" data-begin="8" data-end="37" data-iri="q">"')
    assert '<a class="m Person" data-begin="9" data-end="25" data-iri="n" href="p.html">Asaad Al Shibani</a>' in html


def test_a_span_that_crosses_a_higher_ranked_one_is_drawn_in_parts():
    text = 'He said: "We agree." She left.'
    content = Span(9, 20, "content", ("content",), rank=2, anchor="c9-20")
    sentence = Span(19, 30, "sentence", ("sentence",), rank=3, anchor="c19-30")
    elements = spans_text_ok(text, highlight(text, [sentence, content]))
    by_iri = {}
    for e in elements:
        by_iri.setdefault(e.attrs["data-iri"], []).append(e)
    assert len(by_iri["content"]) == 1 and by_iri["content"][0].attrs["data-begin"] == "9"
    parts = by_iri["sentence"]
    assert [(p.attrs["data-begin"], p.attrs["data-end"], p.attrs["data-part"]) for p in parts] == [
        ("19", "20", "1/2"), ("20", "30", "2/2")]
    assert "".join(p.text for p in parts) == text[19:30]
    assert parts[0].attrs["id"] == "c19-30" and "id" not in parts[1].attrs  # one anchor per span


def test_text_and_attributes_are_escaped():
    text = 'a <b> & "c"\r\nd'
    span = Span(2, 5, 'x"><script>', ("Person",), title='<&">', href='x.html?a=1&b="2"')
    html = highlight(text, [span])
    assert "<b>" not in html and "<script>" not in html
    assert '&lt;b&gt;' in html and "&amp;" in html and "&#13;" in html
    assert 'data-iri="x&quot;&gt;&lt;script&gt;"' in html and 'title="&lt;&amp;&quot;&gt;"' in html
    spans_text_ok(text, html)  # the parser gives back the carriage return the reference encodes


def test_links_never_hold_links():
    text = "his Russian counterpart Sergey Lavrov"
    outer = Span(0, 37, "nominal", ("Person",), href="outer.html")
    inner = Span(24, 37, "name", ("Person",), href="inner.html")
    html = highlight(text, [outer, inner])
    assert html.count("<a ") == 1 and 'href="inner.html"' in html and 'data-href="outer.html"' in html
    spans_text_ok(text, html)


def test_empty_and_outside_spans_are_dropped():
    assert highlight("abc", [Span(1, 1, "e"), Span(2, 9, "out"), Span(-1, 2, "neg")]) == "abc"
    assert escape_text("<&>") == "&lt;&amp;&gt;"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='ab <&"\r\né😀', min_size=1, max_size=30).flatmap(lambda t: st.tuples(
    st.just(t), st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t)), st.integers(0, 3)), max_size=8))))
def test_any_spans_give_elements_whose_text_is_their_slice(case):
    text, triples = case
    spans = [Span(min(b, e), max(b, e), f"s{i}", ("m",), rank=r) for i, (b, e, r) in enumerate(triples)]
    elements = spans_text_ok(text, highlight(text, spans))
    drawn = {e.attrs["data-iri"] for e in elements}
    assert drawn == {s.iri for s in spans if s.begin < s.end}
    for s in spans:  # a span's parts tile it
        parts = [e for e in elements if e.attrs["data-iri"] == s.iri]
        if parts:
            assert "".join(p.text for p in parts) == text[s.begin:s.end]


def test_page_names_are_stable_unique_short_and_safe():
    a = "https://w3id.org/newskg/data/person/tom%C3%A1s-reis"
    assert names.entity_path(a) == names.entity_path(a)
    assert names.page_name(a).startswith("tomas-reis-")
    b = "https://other.example/person/tom%C3%A1s-reis"
    assert names.page_name(a) != names.page_name(b)  # same slug, other IRI
    long = "https://w3id.org/newskg/data/article/" + "x" * 500 + "?q=<>:|*\\"
    for iri in (a, b, long, "https://w3id.org/newskg/data/place/con", "urn:x:%00", "https://e.org/#"):
        name = names.page_name(iri)
        assert re.fullmatch(r"[a-z0-9-]+\.html", name) and len(name) <= names.SLUG_MAX + names.HASH_DIGITS + 6
        assert name.split("-")[0].upper() not in {"CON", "NUL", "PRN", "AUX"} or "-" in name
    assert names.list_page("people", 1) == "index.html" and names.list_page("people", 3) == "people-3.html"


def _encounters():
    a, b, c = (Ref(f"https://e.org/{n}", n.title(), "Person") for n in ("ann", "bob", "cy"))
    return [Encounter(a, b, 3), Encounter(b, c, 1)]


def test_the_picture_is_deterministic_and_links_each_actor():
    svg = who_met_whom(_encounters(), lambda r: f"entity/{r.label}.html")
    assert svg == who_met_whom(list(reversed(_encounters())), lambda r: f"entity/{r.label}.html")
    assert svg.count("<circle") == 3 and svg.count("<line") == 2
    assert 'href="entity/Bob.html"' in svg and "Ann – Bob: 3 meeting(s)" in svg
    # Bob has most meetings, so Bob is at the top of the circle.
    top = re.search(r'href="entity/Bob.html"[^>]*><circle class="Person" cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert top and float(top.group(1)) == 380.0 and float(top.group(2)) < 200


def test_the_picture_keeps_the_busiest_actors_past_its_limit():
    svg = who_met_whom(_encounters(), lambda r: None, limit=2)
    assert svg.count("<circle") == 2 and "the 2 busiest of 3 actors" in svg
    assert who_met_whom([], lambda r: None) == ""
