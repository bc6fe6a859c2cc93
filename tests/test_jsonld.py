"""The JSON-LD export read by a JSON-LD processor (pyld), offline, as a schema.org consumer reads it."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld import jsonld

from conftest import SEED, run_kg

KG = "https://w3id.org/newskg/ontology#"
SCHEMA = "http://schema.org/"


def no_network(url, options=None):
    raise jsonld.JsonLdError(f"no network in this test: {url}", "loading document failed", code="loading document failed")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("jsonld")
    for name in ("seed.jsonld", "seed.nq"):
        result = run_kg("export", SEED, "-o", out / name)
        assert result.exit_code == 0, result.output
    return json.loads((out / "seed.jsonld").read_text(encoding="utf-8")), out / "seed.nq"


def types_by_node(expanded: list) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            if "@id" in node and "@type" in node and "@value" not in node:
                found.setdefault(node["@id"], set()).update(node["@type"])
            for key, value in node.items():
                if key != "@type":
                    walk(value)

    walk(expanded)
    return found


def test_the_loader_really_refuses_the_network():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://schema.org/", "name": "x"}, {"documentLoader": no_network})


def test_expanded_without_network_every_node_has_its_schema_org_type(seed):
    doc, _ = seed
    types = types_by_node(jsonld.expand(doc, {"documentLoader": no_network}))
    alignment = {KG + "Article": SCHEMA + "NewsArticle", KG + "Person": SCHEMA + "Person",
                 KG + "Organisation": SCHEMA + "Organization", KG + "Place": SCHEMA + "Place",
                 KG + "Meeting": SCHEMA + "Event"}
    for kg_class, schema_class in alignment.items():
        nodes = {n for n, t in types.items() if kg_class in t}
        assert nodes, kg_class  # the seed article has each kind
        assert nodes == {n for n, t in types.items() if schema_class in t}, kg_class
    named = {n.rsplit("/", 1)[-1] for n, t in types.items() if SCHEMA + "Person" in t}
    assert {"asaad-al-shibani", "sergey-lavrov"} <= named
    assert types["https://w3id.org/newskg/data/article/seed-article"] == {KG + "Article", SCHEMA + "NewsArticle"}


def test_pyld_reads_the_same_triples_as_the_nquads_export(seed):
    doc, nquads = seed
    read = jsonld.to_rdf(doc, {"documentLoader": no_network, "format": "application/n-quads"})
    from_jsonld = {(q.subject, q.predicate, q.object) for q in ox.parse(read, format=ox.RdfFormat.N_QUADS)}
    exported = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)}
    assert from_jsonld == exported


def test_compact_json_ld_stays_readable(seed):
    doc, _ = seed
    article = next(n for n in doc["@graph"] if n.get("articleId") == "seed-article")
    assert article["type"] == ["Article", "schema:NewsArticle"]
    meeting = next(n for n in doc["@graph"] if "participant" in n)
    assert meeting["type"] == ["Meeting", "schema:Event"]
