"""Extraction → RDF mapping on literal extractions (no NLP involved)."""

from datetime import date

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph import article_graph_iri, entity_iri, to_graph
from kg.model import (Article, Entity, Extraction, Meeting, Mention, Role, Span, Statement, TimeExpression)
from kg.validate import validate_graph
from kg.vocab import KG, NIF

TEXT = "Anna Berg met Omar Haddad in Oslo on Monday. \"We agreed,\" she said. He will visit Cairo."


def span(text: str, start: int = 0) -> Span:
    begin = TEXT.index(text, start)
    return Span(begin, begin + len(text), text)


def extraction(article_id: str = "a1") -> Extraction:
    art = Article(article_id, TEXT, date(2026, 1, 7))
    berg = Entity("e0", "Person", "Anna Berg", [Mention(span("Anna Berg"))],
                  roles=[Role("Foreign Minister", None, "e2")])
    haddad = Entity("e1", "Person", "Omar Haddad", [Mention(span("Omar Haddad")), Mention(span("He"), "Pronoun")])
    oslo = Entity("e2", "Place", "Oslo", [Mention(span("Oslo"))])
    monday = TimeExpression("t0", span("Monday"), "DATE", "2026-01-05")
    said = Statement("s0", [span("We agreed")], "Direct", [span("said")], "e0", span("she"), date="2026-01-05", time="t0")
    lost = Statement("s1", [span("We agreed")], "Direct", [], None, None)
    met = Meeting("m0", span("met"), ["e0", "e1"], [span("Anna Berg"), span("Omar Haddad")], location="e2",
                  date="2026-01-05", time="t0", kinds=["Bilateral"])
    planned = Meeting("m1", span("visit"), ["e1"], status="Planned", kinds=["Visit"])
    return Extraction(art, [berg, haddad, oslo], [monday], [said, lost], [met, planned])


def test_article_graph_conforms_and_is_named():
    graph = to_graph(extraction())
    assert graph.identifier == article_graph_iri("a1")
    assert validate_graph(graph) == []


def test_contract_terms():
    graph = to_graph(extraction())
    berg = entity_iri(Entity("x", "Person", "Anna Berg"))
    assert (berg, RDF.type, KG.Person) in graph and (berg, RDFS.label, Literal("Anna Berg")) in graph
    (m,) = graph.objects(berg, KG.mention)
    assert graph.value(m, NIF.anchorOf) == Literal("Anna Berg")
    assert graph.value(m, NIF.beginIndex) == Literal(0, datatype=XSD.nonNegativeInteger)
    assert graph.value(m, KG.mentionType) == KG.Name
    statements = set(graph.subjects(RDF.type, KG.Statement))
    attributed = [s for s in statements if graph.value(s, KG.speaker) == berg]
    assert len(attributed) == 1 and graph.value(attributed[0], KG.date) == Literal("2026-01-05", datatype=XSD.date)
    role = graph.value(berg, KG.role)
    assert graph.value(role, KG.roleTitle) == Literal("Foreign Minister")
    assert graph.value(role, KG.roleOf) == entity_iri(Entity("x", "Place", "Oslo"))


def test_unresolved_speaker_is_flagged_never_guessed():
    graph = to_graph(extraction())
    flagged = list(graph.subjects(KG.unattributed, Literal(True)))
    assert len(flagged) == 1 and graph.value(flagged[0], KG.speaker) is None


def test_meeting_status_kinds_and_place():
    graph = to_graph(extraction())
    statuses = {graph.value(m, KG.status) for m in graph.subjects(RDF.type, KG.Meeting)}
    assert statuses == {KG.Occurred, KG.Planned}
    occurred = next(graph.subjects(KG.status, KG.Occurred))
    assert len(set(graph.objects(occurred, KG.participant))) == 2
    assert graph.value(occurred, KG.location) == entity_iri(Entity("x", "Place", "Oslo"))


def test_same_name_in_two_articles_is_one_node():
    dataset = Dataset(default_union=True)
    for graph in (to_graph(extraction("a1")), to_graph(extraction("a2"))):
        for triple in graph:
            dataset.graph(graph.identifier).add(triple)
    people = set(dataset.subjects(RDF.type, KG.Person))
    assert len(people) == 2
    berg = entity_iri(Entity("x", "Person", "Anna Berg"))
    assert len(set(dataset.objects(berg, KG.mention))) == 2


def test_a_span_that_does_not_match_the_text_is_caught():
    x = extraction()
    x.entities[0].mentions.append(Mention(Span(5, 9, "Bxrg")))
    messages = [v.message for v in validate_graph(to_graph(x))]
    assert any('nif:anchorOf "Bxrg" is not the article text' in m for m in messages)
