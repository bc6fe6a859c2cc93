"""The store's name index (issues 14 and 15): a query by any name form finds every node of the one
entity, through index lookups ranked exact > prefix > tokens, bound where the query uses them."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from conftest import run_kg
from kg.store import EmbeddedStore, bind_values, load, query_pack, resolve_query, run_query
from kg.store.identity import refresh_identity
from kg.store.names import entity_nodes, name_index, role_titles
from kg.store.pack import title_parameters

D = "https://w3id.org/newskg/data/"
KG = "https://w3id.org/newskg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT = ox.NamedNode("http://schema.org/alternateName")
PERSON, ORG = ox.NamedNode(KG + "Person"), ox.NamedNode(KG + "Organisation")


def _entity(graph: str, node: str, cls: ox.NamedNode, label: str, *alternates: str) -> list[ox.Quad]:
    g, x = ox.NamedNode(D + "graph/" + graph), ox.NamedNode(D + node)
    return ([ox.Quad(x, RDF_TYPE, cls, g), ox.Quad(x, LABEL, ox.Literal(label), g)]
            + [ox.Quad(x, ALT, ox.Literal(a), g) for a in alternates])


@pytest.fixture(scope="module")
def people():
    """A store of a few entities, indexed as kg load indexes it."""
    store = EmbeddedStore(None)
    store.store.extend(_entity("a", "person/barack-obama", PERSON, "Barack Obama", "Obama")
                       + _entity("b", "person/barack-obama", PERSON, "Barack Obama")
                       + _entity("c", "person/michelle-obama", PERSON, "Michelle Obama")
                       + _entity("c", "organisation/obama-foundation", ORG, "Obama Foundation")
                       + _entity("d", "person/sergey-lavrov", PERSON, "Sergey Lavrov")
                       + _entity("d", "person/barack", PERSON, "Barack"))
    refresh_identity(store, D)
    return store


def _found(store, name: str, *classes: str) -> list[str]:
    return [n.value.removeprefix(D) for n in entity_nodes(store, ox.Literal(name), classes)]


def test_an_exact_name_beats_a_prefix_and_a_prefix_beats_tokens(people):
    assert _found(people, "Obama") == ["person/barack-obama"]  # "Obama" is one of his names
    assert _found(people, "Barack") == ["person/barack"]  # exact, although it begins "Barack Obama"
    assert _found(people, "Sergey") == ["person/sergey-lavrov"]  # a prefix
    assert _found(people, "lavrov") == ["person/sergey-lavrov"]  # a token, any case
    assert _found(people, "Michelle Obama") == ["person/michelle-obama"]
    assert _found(people, "Foundation") == ["organisation/obama-foundation"]


def test_tokens_must_all_match_and_classes_narrow_the_lookup(people):
    assert _found(people, "Obama Michelle") == ["person/michelle-obama"]  # every word, in any order
    assert _found(people, "Foundation", KG + "Person") == []
    assert _found(people, "Foundation", KG + "Person", KG + "Organisation") == ["organisation/obama-foundation"]


def test_part_of_a_name_is_the_last_resort_and_nonsense_finds_nothing(people):
    assert _found(people, "Lavr") == ["person/sergey-lavrov"]
    assert _found(people, "nobody-matches-this") == []
    assert _found(people, '" } ; DROP ALL ; #') == []


def test_an_iri_stands_for_every_node_of_its_entity(people):
    node = ox.NamedNode(D + "person/michelle-obama")
    assert entity_nodes(people, node) == [node]
    stranger = ox.NamedNode("http://example.org/not-in-the-index")
    assert entity_nodes(people, stranger) == [stranger]


def test_a_store_without_an_index_falls_back_to_the_labels():
    store = EmbeddedStore(None)
    store.store.extend(_entity("a", "person/ana-reis", PERSON, "Ana Reis"))
    assert _found(store, "Reis") == ["person/ana-reis"]


def test_the_index_names_each_entity_by_its_canonical_nodes_most_used_label():
    quads = (_entity("a", "organisation/apple", ORG, "Apple Inc.") + _entity("b", "organisation/apple", ORG, "Apple")
             + _entity("c", "organisation/apple", ORG, "Apple") + _entity("c", "organisation/apple-computer", ORG, "Apple Computer"))
    triples = name_index(quads, {D + "organisation/apple-computer": D + "organisation/apple"}, D + "names")
    facts = {(t.subject.value.removeprefix(D), t.predicate.value.removeprefix(KG), t.object.value.removeprefix(D))
             for t in triples}
    assert ("organisation/apple-computer", "canonical", "organisation/apple") in facts
    assert ("organisation/apple-computer", "canonicalName", "Apple") in facts
    assert {o for s, p, o in facts if p == "nameKey"} == {"apple", "apple computer"}  # "Inc." is no part of a key
    assert {o for s, p, o in facts if p == "namePrefix"} == {"apple"}
    assert {o for s, p, o in facts if p == "nameToken"} == {"apple", "computer"}


def test_values_go_into_each_where_group_that_uses_the_variable():
    query = ("SELECT ?n WHERE { { SELECT ?m (COUNT(*) AS ?n) WHERE { ?m <http://ex/p> ?who } GROUP BY ?m } "
             "{ SELECT ?m WHERE { ?m <http://ex/q> ?who } } }")
    bound = bind_values(query, {"who": [ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/b")]})
    assert bound.count("VALUES ?who { <http://ex/a> <http://ex/b> }") == 2
    assert bound.startswith("SELECT ?n WHERE { {")  # not the outer group: it does not use ?who itself
    assert "WHERE { VALUES ?who" in bound


def test_no_values_give_no_rows(people):
    query = "SELECT ?x WHERE { GRAPH ?g { ?x a ?class } }"
    assert run_query(people, query, {"x": []}).rows == []
    assert len(run_query(people, query).rows) == 6


# Two separate loads of different articles: the bare "HSC" of one is the "Halvard Shipping Company
# (HSC)" of the other (the identity graph links them), and each article has a statement by it.
ARTICLES = {
    "defines": "Halvard Shipping Company (HSC) said on Monday that Ingrid Moe would lead the shipping line. "
               "HSC and Maersk asked Washington for more loans. Ingrid Moe said HSC would close plants in Michigan.",
    "uses": "HSC said on Tuesday that it would cut 300 jobs. HSC and Maersk have asked Washington for more loans, "
            "Ingrid Moe said.",
}


@pytest.fixture(scope="module")
def two_loads(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    store = folder / "store"
    for name, text in ARTICLES.items():
        path = folder / f"{name}.jsonl"
        path.write_text(json.dumps({"id": name, "date": "2009-06-01", "text": text}) + "\n", encoding="utf-8")
        result = run_kg("load", path, "--store", store, "-q")
        assert result.exit_code == 0, result.stderr
    return store


def _rows(store, *args: str) -> list[dict]:
    result = run_kg("query", *args, "--format", "json", "--store", store)
    assert result.exit_code == 0, result.stderr
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(result.stdout)["results"]["bindings"]]


@pytest.mark.parametrize("variant", ["HSC", "Halvard Shipping Company", "halvard shipping co.", "Halvard",
                                     f"<{D}organisation/hsc>", f"<{D}organisation/halvard-shipping>"])
def test_any_name_form_finds_the_statements_of_both_loads_as_one_speaker(two_loads, variant):
    rows = _rows(two_loads, "statements-by", "--param", f"person={variant}")
    assert {row["article"] for row in rows} == {"defines", "uses"}
    assert {row["speaker"] for row in rows} == {"Halvard Shipping Company"}


@pytest.mark.parametrize("query,param", [("provenance", "entity"), ("timeline", "entity")])
def test_entity_queries_follow_the_identity_links_too(two_loads, query, param):
    rows = _rows(two_loads, query, "--param", f"{param}=HSC")
    assert {row["article"] for row in rows} == {"defines", "uses"}
    assert {row["who"] for row in rows} == {"Halvard Shipping Company"}


def test_a_surname_finds_the_person_of_both_loads(two_loads):
    rows = _rows(two_loads, "statements-by", "--param", "person=Moe")
    assert {row["article"] for row in rows} == {"defines", "uses"}
    assert {row["speaker"] for row in rows} == {"Ingrid Moe"}


def test_apple_in_one_load_and_apple_inc_in_another_are_one_entity(tmp_path):
    """The issue's own example: two loads of different articles, one says "Apple Inc.", the other
    "Apple"; a query by either name form finds the statements of both, under one speaker."""
    store = tmp_path / "store"
    for name, text in {"inc": "Apple Inc. said on Monday that it would open a plant in Ohio.",
                       "bare": "Apple said on Tuesday that the plant in Ohio would hire 200 people."}.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps({"id": name, "date": "2009-06-01", "text": text}) + "\n", encoding="utf-8")
        assert run_kg("load", path, "--store", store, "-q").exit_code == 0
    for variant in ("Apple", "Apple Inc.", "apple inc"):
        rows = _rows(store, "statements-by", "--param", f"person={variant}")
        assert {row["article"] for row in rows} == {"inc", "bare"}, variant
        assert len({row["speaker"] for row in rows}) == 1, variant


# Role titles (issue 15): the index lists the store's titles once each, and a role parameter
# becomes the titles it is part of, so people-by-role reads only the roles with those titles.
ROLE_TITLE, ROLE = ox.NamedNode(KG + "roleTitle"), ox.NamedNode(KG + "role")


def _holder(graph: str, node: str, label: str, *titles: str) -> list[ox.Quad]:
    g, x = ox.NamedNode(D + "graph/" + graph), ox.NamedNode(D + node)
    quads = _entity(graph, node, PERSON, label)
    for i, title in enumerate(titles):
        r = ox.NamedNode(f"{D}graph/{graph}#role-{i}")
        quads += [ox.Quad(x, ROLE, r, g), ox.Quad(r, RDF_TYPE, ox.NamedNode(KG + "Role"), g),
                  ox.Quad(r, ROLE_TITLE, ox.Literal(title), g),
                  ox.Quad(r, ox.NamedNode(KG + "article"), ox.NamedNode(D + "article/" + graph), g)]
    return quads


HOLDERS = (_holder("a", "person/ana-reis", "Ana Reis", "Foreign Minister")
           + _holder("b", "person/ana-reis", "Ana Reis", "Foreign Minister", "Deputy")
           + _holder("c", "person/marta-coelho", "Marta Coelho", "Prime Minister")
           + _holder("d", "person/ben-okafor", "Ben Okafor", "President"))


@pytest.fixture(scope="module", params=["indexed", "no index"])
def holders(request):
    """The same roles in a store kg load indexed and in one loaded without kg (no names graph)."""
    store = EmbeddedStore(None)
    store.store.extend(HOLDERS)
    load(store, [], with_ontology=True)
    if request.param == "indexed":
        refresh_identity(store, D)
    return store


def test_the_index_lists_each_role_title_of_the_store_once():
    triples = name_index(HOLDERS, {}, D + "names")
    titles = [t.object.value for t in triples if t.predicate.value == KG + "knownTitle"]
    assert sorted(titles) == ["Deputy", "Foreign Minister", "President", "Prime Minister"]
    assert {t.subject.value for t in triples if t.predicate.value == KG + "knownTitle"} == {D + "names"}


@pytest.mark.parametrize("value,titles", [("minister", ["Foreign Minister", "Prime Minister"]),
                                          ("MINIS", ["Foreign Minister", "Prime Minister"]),
                                          ("President", ["President"]), ("nobody's title", []),
                                          ('" } ; DROP ALL ; #', [])])
def test_a_role_parameter_becomes_every_title_it_is_part_of(holders, value, titles):
    assert [t.value for t in role_titles(holders, ox.Literal(value))] == titles


def test_people_by_role_finds_the_holders_of_those_titles_only(holders):
    rows = run_query(holders, resolve_query("people-by-role"), {"role": ox.Literal("minister")}).rows
    assert [(r["person"].value, r["title"].value, r["articles"].value) for r in rows] == [
        ("Ana Reis", "Foreign Minister", "2"), ("Marta Coelho", "Prime Minister", "1")]
    everyone = run_query(holders, resolve_query("people-by-role")).rows
    assert len(everyone) == 4
    assert run_query(holders, resolve_query("people-by-role"), {"role": ox.Literal("nobody's title")}).rows == []


def test_only_the_role_parameter_is_a_title_parameter():
    assert {q.name: title_parameters(q.path.read_text(encoding="utf-8")) for q in query_pack()
            if title_parameters(q.path.read_text(encoding="utf-8"))} == {"people-by-role": {"role"}}
