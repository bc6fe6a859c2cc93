"""The seed article end to end: what issue 2 requires kg to find in it, read back from the RDF."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS, XSD

from conftest import SEED, run_kg
from kg.vocab import KG, NIF

PERSONS = {"Asaad Al Shibani", "Sergey Lavrov", "Ahmad Al Shara", "Vladimir Putin", "Bashar Al Assad", "Murhaf Abu Qasra"}
PLACES = {"Syria", "Russia", "Moscow", "Damascus", "Israel"}


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.trig"
    result = run_kg("export", SEED, "-o", out, "--strict")
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out, format="trig")
    ds.default_union = True
    return ds


def labels(graph, cls) -> dict[str, object]:
    return {str(graph.value(x, RDFS.label)): x for x in graph.subjects(RDF.type, cls)}


def node(graph, cls, name):
    found = labels(graph, cls)
    assert name in found, f"{name} not among {sorted(found)}"
    return found[name]


def anchors(graph, mentions) -> list[str]:
    return sorted(str(graph.value(m, NIF.anchorOf)) for m in mentions)


def test_persons_organisation_and_places(graph):
    assert PERSONS <= set(labels(graph, KG.Person))
    assert "Sana" in labels(graph, KG.Organisation)
    assert PLACES <= set(labels(graph, KG.Place))


def test_mr_al_shibani_mentions_belong_to_asaad_al_shibani(graph):
    shibani = node(graph, KG.Person, "Asaad Al Shibani")
    names = anchors(graph, graph.objects(shibani, KG.mention))
    text = SEED.read_text(encoding="utf-8")
    assert sum(1 for a in names if a.endswith("Al Shibani")) >= text.count("Mr Al Shibani") + 1


def _role_titles(graph, person) -> set[str]:
    return {str(graph.value(r, KG.roleTitle)) for r in graph.objects(person, KG.role)}


def test_roles(graph):
    assert "Foreign Minister" in _role_titles(graph, node(graph, KG.Person, "Asaad Al Shibani"))
    assert "Defence Minister" in _role_titles(graph, node(graph, KG.Person, "Murhaf Abu Qasra"))


def test_direct_quotation_of_al_shibani(graph):
    quote = ("We want to move the relations between Damascus and Moscow to a strategic level that serves "
             "the interests of both countries.")
    shibani = node(graph, KG.Person, "Asaad Al Shibani")
    matches = [s for s in graph.subjects(KG.speaker, shibani)
               if quote in str(graph.value(s, KG.quote)) and graph.value(s, KG.mode) == KG.Direct]
    assert matches


def _meetings_with(graph, *names):
    people = [node(graph, KG.Person, n) for n in names]
    return [m for m in graph.subjects(RDF.type, KG.Meeting)
            if all((m, KG.participant, p) in graph for p in people)]


def test_meeting_with_lavrov_in_moscow_on_24_december(graph):
    moscow = node(graph, KG.Place, "Moscow")
    found = [m for m in _meetings_with(graph, "Asaad Al Shibani", "Sergey Lavrov")
             if graph.value(m, KG.location) == moscow and graph.value(m, KG.date) == Literal("2025-12-24", datatype=XSD.date)]
    assert len(found) == 1


def test_meeting_with_putin_on_23_december(graph):
    found = [m for m in _meetings_with(graph, "Asaad Al Shibani", "Vladimir Putin")
             if graph.value(m, KG.date) == Literal("2025-12-23", datatype=XSD.date)]
    assert len(found) == 1


def test_authority_file_links_a_person_to_wikidata(tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import OWL

    from conftest import EXAMPLES

    out = tmp_path / "seed.ttl"
    result = run_kg("export", SEED, "-o", out, "--authority", EXAMPLES / "authority-example.csv")
    assert result.exit_code == 0, result.output
    g = Dataset()
    g.parse(out, format="turtle")
    putin = node(g, KG.Person, "Vladimir Putin")
    assert (putin, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q7747")) in g
    moscow = node(g, KG.Place, "Moscow")
    assert any("sws.geonames.org" in str(o) for o in g.objects(moscow, OWL.sameAs))
