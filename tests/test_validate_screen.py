"""The Python screen of the anchor check (kg/validate.py ``_anchors_hold``) gives the verdicts of the
SPARQL query it spares: on real exports, and on random breaks of offsets, anchors, texts and types."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import kg.validate as validate
from kg.graph import article_quads
from kg.validate import _sparql_checks, _sparql_violations, validate_triples
from kg.vocab import NIF

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear-train.jsonl"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _by_the_query(quads) -> list:
    """The verdict with every SPARQL check run on pyoxigraph, screens or not."""
    saved = validate._SCREENS.copy()
    validate._SCREENS.clear()
    for check in _sparql_checks():
        check.__dict__.pop("screen", None)
    try:
        return validate_triples(quads)
    finally:
        validate._SCREENS.update(saved)
        for check in _sparql_checks():
            check.__dict__.pop("screen", None)


def test_the_shipped_anchor_check_has_its_screen():
    """If the shapes' query text changes, the screen no longer applies: update _SCREENS with it."""
    assert [c.screen for c in _sparql_checks()] == [validate._anchors_hold]


def test_the_screen_agrees_with_the_query_on_the_examples(tmp_path, nlp):
    from conftest import run_kg

    out = tmp_path / "ex.nq"
    assert run_kg("export", Path(__file__).resolve().parents[1] / "examples", "-f", "nquads", "-o", out, "-q").exit_code == 0
    graphs: dict = {}
    for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(q.graph_name, []).append(q)
    assert len(graphs) >= 3
    for quads in graphs.values():
        assert validate_triples(quads) == _by_the_query(quads) == []


@pytest.mark.skipif(not POLNEAR.exists(), reason="the shared corpus is not here")
def test_the_screen_agrees_with_the_query_on_real_articles(nlp):
    from kg.articles import article_from_record
    from kg.nlp.pipeline import extract

    with POLNEAR.open(encoding="utf-8") as lines:
        records = [json.loads(next(lines)) for _ in range(12)]
    for i, record in enumerate(records):
        article = article_from_record(record, "polnear", f"polnear:{i + 1}")
        quads = article_quads(extract(article))
        assert validate_triples(quads) == _by_the_query(quads) == []


def _integer(value: str, datatype: str = "nonNegativeInteger") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


BREAKS = [
    _integer("0"), _integer("3"), _integer("4"), _integer("999"), _integer("05"), _integer("-1", "integer"),
    _integer("4", "integer"), _integer("4", "decimal"), _integer("99999999999999999999999"),
    ox.Literal("4"), ox.Literal("Lisbon"), ox.Literal("Lisbon", language="en"), ox.Literal(""),
    ox.NamedNode("http://example.org/x"), ox.Literal("Foreign Minister"),
]
PREDICATES = [NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.isString, NIF.referenceContext]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_breaks_give_the_query_s_verdict(seed_extraction, data):
    quads = article_quads(seed_extraction)
    for _ in range(data.draw(st.integers(1, 3))):
        present = [p for p in PREDICATES if any(q.predicate.value == str(p) for q in quads)]
        predicate = ox.NamedNode(str(data.draw(st.sampled_from(present))))
        targets = [i for i, q in enumerate(quads) if q.predicate == predicate]
        i = data.draw(st.sampled_from(targets))
        value = data.draw(st.sampled_from(BREAKS))
        q = quads[i]
        kind = data.draw(st.sampled_from(["swap", "add", "delete"]))
        if kind == "delete":
            quads = quads[:i] + quads[i + 1:]
        elif kind == "add":
            quads = quads + [ox.Quad(q.subject, q.predicate, value, q.graph_name)]
        else:
            quads = quads[:i] + [ox.Quad(q.subject, q.predicate, value, q.graph_name)] + quads[i + 1:]
    assert validate_triples(quads) == _by_the_query(quads)


def test_a_broken_anchor_is_still_found_with_the_query_s_message(seed_extraction):
    quads = article_quads(seed_extraction)
    i = next(i for i, q in enumerate(quads) if q.predicate == ox.NamedNode(str(NIF.anchorOf)))
    broken = quads[:i] + [ox.Quad(quads[i].subject, quads[i].predicate, ox.Literal("Bxrg"), quads[i].graph_name)] + quads[i + 1:]
    found = validate_triples(broken)
    assert found == _by_the_query(broken) and len(found) == 1 and 'nif:anchorOf "Bxrg"' in found[0].message
    assert found == sorted(_sparql_violations(broken, _sparql_checks(), ""))
