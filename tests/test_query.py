"""kg query: parameters bound safely, the pack, the output formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_kg
from kg.sparql_results import QueryResult, render
from kg.store import (EmbeddedStore, StoreError, bind_values, graphs_from_rdf_file, load, parse_param, query_pack,
                      resolve_query, run_query, with_prefixes)

FIXTURE = ROOT / "tests" / "data" / "store-fixture.trig"
HOSTILE = ['"', "'", "}", "#", "\n", '" } ; DROP ALL ; #', "'''", '"""', "\\", "} } GRAPH ?g { ?s ?p ?o",
           ">", "<http://evil/>", "?person", "\u2028", "'\" } UNION { ?s ?p ?o } #\n"]


@pytest.fixture(scope="module")
def store():
    s = EmbeddedStore(None)
    load(s, graphs_from_rdf_file(FIXTURE))
    return s


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "store"
    assert run_kg("load", FIXTURE, "--store", path).exit_code == 0
    return path


ECHO = "SELECT ?v WHERE { BIND (?x AS ?v) }"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_value_is_bound_as_one_literal(store, value):
    result = run_query(store, ECHO, {"x": ox.Literal(value)})
    assert [row["v"].value for row in result.rows] == [value]
    assert isinstance(result.rows[0]["v"], ox.Literal)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_any_text_is_bound_as_itself(store, value):
    result = run_query(store, ECHO, {"x": ox.Literal(value)})
    assert [row["v"].value for row in result.rows] == [value]


def test_hostile_value_finds_exactly_the_statement_that_contains_it(store):
    needle = '"deal } ; DROP ALL ; #"'
    query = "SELECT ?s WHERE { GRAPH ?g { ?s kg:quote ?q } FILTER (CONTAINS(?q, ?needle)) }"
    rows = run_query(store, with_prefixes(query), {"needle": ox.Literal(needle)}).rows
    assert [r["s"].value for r in rows] == ["https://w3id.org/newskg/data/article/fixture-two#statement=10,48"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_param_through_the_cli_changes_nothing(store_path, value):
    before = run_kg("stats", "--json", "--store", store_path).stdout
    result = run_kg("query", "statements-by", "--param", f"person={value}", "--format", "json", "--store", store_path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert run_kg("stats", "--json", "--store", store_path).stdout == before


def test_parse_param_values_and_iris():
    assert parse_param("person=Ana Reis") == ("person", ox.Literal("Ana Reis"))
    assert parse_param("?fact=<http://example.org/f>") == ("fact", ox.NamedNode("http://example.org/f"))
    assert parse_param("q=a=b") == ("q", ox.Literal("a=b"))
    for bad in ["noequals", "1x=3", "a b=3", "x=<http://a b>"]:
        with pytest.raises(StoreError):
            parse_param(bad)


def test_values_go_into_the_where_group_not_into_comments_strings_or_iris():
    query = ('# WHERE { in a comment\nPREFIX ex: <http://ex/WHERE#>\n'
             'SELECT ?x WHERE { ?s ex:p "WHERE { }" } # where {')
    bound = bind_values(query, {"x": ox.Literal("v")})
    assert bound.startswith(query[: query.index('{ ?s') + 1] + ' VALUES ?x { "v" }')
    assert bound.endswith('?s ex:p "WHERE { }" } # where {')


def test_values_in_a_construct_go_to_its_where_not_its_template(store):
    query = "CONSTRUCT { ?s <http://ex/said> ?q } WHERE { GRAPH ?g { ?s <https://w3id.org/newskg/ontology#quote> ?q } }"
    result = run_query(store, query, {"q": ox.Literal("no")})
    assert result.kind == "graph"
    assert len(result.triples) == 1


def test_a_parameter_the_query_does_not_have_is_an_error(store):
    with pytest.raises(StoreError, match="no variable"):
        run_query(store, ECHO, {"nope": ox.Literal("v")})


def test_every_pack_query_has_a_header_and_runs_with_and_without_its_parameters(store):
    names = {q.name for q in query_pack()}
    assert names == {"meetings", "statements-by", "statements-at-meeting", "people-by-role", "timeline", "provenance"}
    for q in query_pack():
        assert len(q.summary) > 30, q.name
        text = resolve_query(q.name)
        run_query(store, text)
        for name in q.parameters:
            run_query(store, text, {name: ox.Literal("nobody-matches-this")})


def test_statements_by_is_in_date_order_and_filters_by_name(store):
    rows = run_query(store, resolve_query("statements-by"), {"person": ox.Literal("reis")}).rows
    assert [r["date"].value if "date" in r else None for r in rows] == [None, "2024", "2025-12-23"]


def test_people_by_role_follows_subclasses_in_the_ontology_graph(store):
    rows = run_query(store, resolve_query("people-by-role"), {"country": ox.Literal("portugal")}).rows
    assert [(r["person"].value, r["title"].value) for r in rows] == [("Ana Reis", "Foreign Minister")]


def test_list_shows_every_pack_query_with_its_comment():
    result = run_kg("query", "--list")
    assert result.exit_code == 0
    for q in query_pack():
        assert q.name in result.stdout and q.summary[:40] in result.stdout


def test_query_from_file_and_unknown_pack_name(store_path, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement } }")
    result = run_kg("query", f"@{rq}", "--format", "csv", "--store", store_path)
    assert result.stdout.splitlines() == ["n", "3"]
    bad = run_kg("query", "no-such-query", "--store", store_path)
    assert bad.exit_code == 2 and "no such query" in bad.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_formats_of_a_select(store_path, fmt):
    result = run_kg("query", "statements-by", "--format", fmt, "--store", store_path)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        doc = json.loads(out)
        assert doc["head"]["vars"][:3] == ["date", "speaker", "mode"] and len(doc["results"]["bindings"]) == 3
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][:2] == ["date", "speaker"] and len(rows) == 4
        assert rows[1][3] == 'the "deal } ; DROP ALL ; #" would wait'
    elif fmt == "tsv":
        lines = out.splitlines()
        assert lines[0].startswith("?date\t?speaker") and '"the \\"deal } ; DROP ALL ; #\\" would wait"' in out
    else:
        lines = out.splitlines()
        assert lines[0].split() == ["date", "speaker", "mode", "quote", "article", "statement"]
        assert lines[1].startswith("----") and lines[-1] == "(3 rows)"
        assert len({line.index("Ana Reis") for line in lines[2:-1]}) == 1  # aligned


def test_construct_prints_turtle_and_ask_prints_a_boolean(store_path):
    result = run_kg("query", "CONSTRUCT { ?m kg:participant ?x } WHERE { GRAPH ?g { ?m kg:participant ?x } }",
                    "--store", store_path)
    assert result.exit_code == 0 and "@prefix kg:" in result.stdout and "kg:participant" in result.stdout
    ask = run_kg("query", "ASK { GRAPH ?g { ?s a kg:Meeting } }", "--format", "json", "--store", store_path)
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}
    bad = run_kg("query", "ASK { ?s ?p ?o }", "--format", "turtle", "--store", store_path)
    assert bad.exit_code == 2 and len(bad.stderr.splitlines()) == 1


def test_syntax_error_is_one_line(store_path):
    result = run_kg("query", "SELECT ?x WHERE { ?x ?y }", "--store", store_path)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_render_of_empty_and_unbound_cells():
    def answer():
        doc = b'{"head": {"vars": ["a", "b"]}, "results": {"bindings": [{"a": {"type": "literal", "value": "x\\ny"}}]}}'
        return QueryResult.from_http(doc, "application/sparql-results+json; charset=utf-8")

    assert render(answer(), "table").splitlines()[2] == "x y"
    assert render(answer(), "csv") == "a,b\r\n\"x\ny\",\r\n"
