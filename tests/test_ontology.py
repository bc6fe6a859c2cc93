"""The ontology, the closed vocabulary, the JSON-LD context and the contract agree term for term."""

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from conftest import SHARED
from kg import resources
from kg.graph import date_literal
from kg.serialize import jsonld_context
from kg.vocab import KG

NS = str(KG._NS)


def ontology_graph() -> Graph:
    return Graph().parse(resources.ONTOLOGY, format="turtle")


def _declared(graph: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in graph.subjects(RDF.type, None) if str(s).startswith(NS)}


def test_every_vocab_term_is_declared_with_label_and_comment():
    graph = ontology_graph()
    vocab = set(KG.__annotations__)
    assert vocab == _declared(graph)
    for name in vocab:
        term = URIRef(NS + name)
        assert graph.value(term, RDFS.label) is not None, name
        assert graph.value(term, RDFS.comment) is not None, name


def test_vocab_is_closed():
    with pytest.raises(AttributeError):
        KG.speeker  # noqa: B018


def test_classes_and_properties_are_aligned():
    graph = ontology_graph()
    for name in ("Person", "Organisation", "Place", "Statement", "Meeting", "Article", "Role"):
        term = URIRef(NS + name)
        assert set(graph.objects(term, RDFS.subClassOf)) | set(graph.objects(term, OWL.equivalentClass)), name
    for name in ("speaker", "participant", "location", "date", "articleId", "quote"):
        assert graph.value(URIRef(NS + name), RDFS.subPropertyOf) is not None, name


def test_context_maps_every_term():
    context = jsonld_context()
    for name in KG.__annotations__:
        entry = context[name]
        iri = entry if isinstance(entry, str) else entry["@id"]
        assert iri == f"kg:{name}"


@pytest.mark.skipif(not (SHARED / "CONTRACT.md").exists(), reason="needs ../shared/CONTRACT.md")
def test_contract_terms_exist():
    contract = (SHARED / "CONTRACT.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"\bkg:([A-Za-z]+)", contract))
    assert terms and terms <= set(KG.__annotations__)


@pytest.mark.parametrize("value, datatype", [("2025-12-24", XSD.date), ("2025-10", XSD.gYearMonth), ("2024", XSD.gYear)])
def test_dates_keep_their_precision(value, datatype):
    assert date_literal(value) == Literal(value, datatype=datatype)


@pytest.mark.parametrize("value", ["2025-W52", "PRESENT_REF", "P3D", "2025-SU", None])
def test_other_timex_values_are_no_kg_date(value):
    assert date_literal(value) is None
