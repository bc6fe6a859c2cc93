"""Property: any text and any id through `kg export` → exit 0, 1 or 2, never a traceback; every graph
written conforms to the shapes and every nif:anchorOf is exactly text[begin:end].

Texts are drawn from all of Unicode, lone surrogates included (JSON can carry them as \\ud800),
with controls, bidi marks, astral characters, line and paragraph separators, and up to 2 MB long.
Articles are parsed in pieces of PIECE_CHARS (made small here) so that the joining of pieces is
tried on every text longer than that.
"""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from conftest import run_kg
from test_export_cli import _anchors
from kg.articles import MAX_ARTICLE_CHARS
from kg.validate import validate_dataset

UNICODE = st.characters(codec="utf-8")  # every code point but the surrogates
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
AWKWARD = ["\u202e", "\u200f", "\u2028", "\u2029", "\x00", "\x1b[31m", "\r\n", "\n\n", "\t", "😀", "𝔘", "e\u0301",
           "ﷺ", "\ufeff", "\U0010ffff", "\x85", '"', "\\", "\u0627\u0644\u0633\u0644\u0627\u0645", "日本語"]
WORDS = ["Angela", "Merkel", "met", "Olaf", "Scholz", "in", "Paris", "on", "Tuesday", "said", ".", ",", "the",
         "minister", "\"We", "agreed,\"", "talks", "2025", "March", "last", "week", "Lisbon", "according", "to"]

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(AWKWARD),
                           st.text(UNICODE, max_size=3)), min_size=1, max_size=150).map(" ".join)
texts = st.one_of(
    prose, prose, prose,
    st.text(UNICODE, max_size=300),
    st.builds(lambda a, s, b: a + s + b, prose, SURROGATE, prose),  # a lone surrogate: refused
    # over the limit, up to 2 MB: refused in one line, quickly
    st.builds(lambda unit, size: (unit * (size // len(unit) + 1))[:size], st.text(UNICODE, min_size=1, max_size=5),
              st.integers(min_value=MAX_ARTICLE_CHARS + 1, max_value=2_000_000)),
)
ids = st.one_of(st.none(), st.text(UNICODE, min_size=1, max_size=80), st.text(UNICODE, min_size=1, max_size=80),
                st.integers(), st.text(st.one_of(UNICODE, SURROGATE), max_size=20),
                st.one_of(st.booleans(), st.floats(), st.lists(st.text(max_size=3), max_size=2)))
dates = st.one_of(st.none(), st.just("2025-03-04"), st.just("2025-03-04"), st.text(max_size=12))


@settings(max_examples=int(os.environ.get("KG_PROPERTY_EXAMPLES", 40)), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=texts, article_id=ids, published=dates)
def test_any_text_and_id_exports_or_is_refused_in_one_line(tmp_path_factory, nlp, text, article_id, published):
    from kg.nlp import pipeline

    folder = tmp_path_factory.mktemp("prop")
    record = {"text": text, "date": published} if article_id is None else {"id": article_id, "text": text,
                                                                          "date": published}
    corpus = folder / "in.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="ascii")  # \ud800 stays an escape: valid JSON
    out = folder / "out.nq"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "PIECE_CHARS", 64)
        result = run_kg("export", corpus, "-f", "nquads", "-o", out, "-q")  # a traceback raises here
    assert result.exit_code in (0, 1, 2)
    event(f"exit {result.exit_code}")
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"{corpus}:1: ") and not out.exists()
        return
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert validate_dataset(quads) == []
    assert all(text[begin:end] == anchor for begin, end, anchor in _anchors(out))
    assert any(q.predicate.value.endswith("#articleId") for q in quads)
