"""Identity end to end through the real CLI: node IRIs independent of the order and grouping of the
articles, and ``kg export --resolve`` linking one entity's nodes across articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import SHARED, run_kg

IDENTITY_DEV = SHARED / "eval" / "data" / "identity-dev.jsonl"
KG = "https://w3id.org/newskg/ontology#"
ENTITY_CLASSES = {KG + "Person", KG + "Organisation", KG + "Place"}
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
# every dev article: the issue asks for all of them, exported all at once, in reverse, in shuffled
# groups (separate processes) and one by one
GROUPS = 3


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def export_quads(tmp_path: Path, name: str, articles: list[dict], *flags: str) -> list[ox.Quad]:
    source = write_jsonl(tmp_path / f"{name}.jsonl", articles)
    out = tmp_path / f"{name}.nq"
    result = run_kg("export", source, "-f", "nquads", "-o", out, "-q", *flags)
    assert result.exit_code == 0, result.output
    return list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))


def entity_iris(quads: list[ox.Quad]) -> dict[tuple[str, int, int], str]:
    """(article graph, begin, end) of every entity mention → the entity's IRI."""
    spans = {}
    for q in quads:
        if q.predicate.value == "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex":
            spans.setdefault(q.subject.value, [None, None])[0] = int(q.object.value)
        elif q.predicate.value == "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex":
            spans.setdefault(q.subject.value, [None, None])[1] = int(q.object.value)
    typed = {(q.graph_name.value, q.subject.value) for q in quads
             if q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and q.object.value in ENTITY_CLASSES}
    return {(q.graph_name.value, *spans[q.object.value]): q.subject.value for q in quads
            if q.predicate.value == KG + "mention" and (q.graph_name.value, q.subject.value) in typed}


def one_by_one_quads(articles: list[dict]) -> list[ox.Quad]:
    """Each article alone through the per-article function the cluster maps (no batch around it)."""
    from kg.ingest import process_article

    quads: list[ox.Quad] = []
    for article in articles:
        nquads, report = process_article(article)
        assert report["error"] is None, report
        quads += ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    return quads


@pytest.mark.skipif(not IDENTITY_DEV.exists(), reason="needs ../shared/eval/data/identity-dev.jsonl")
def test_dev_articles_get_the_same_entity_iris_all_at_once_one_by_one_in_reverse_and_in_groups(tmp_path):
    with open(IDENTITY_DEV, encoding="utf-8") as f:
        articles = [{k: d[k] for k in ("id", "date", "title", "text")} for d in map(json.loads, f)]
    assert len(articles) >= 90
    together = entity_iris(export_quads(tmp_path, "all", articles))
    reverse = entity_iris(export_quads(tmp_path, "reverse", articles[::-1]))
    shuffled = random.Random(14).sample(articles, len(articles))
    grouped: dict = {}
    for i in range(GROUPS):
        grouped.update(entity_iris(export_quads(tmp_path, f"group-{i}", shuffled[i::GROUPS])))
    one_by_one = entity_iris(one_by_one_quads(random.Random(41).sample(articles, len(articles))))
    assert len(together) > 1000
    assert together == reverse
    assert together == grouped
    assert together == one_by_one
    # the articles do share nodes: identity is not trivially per article
    nodes = {}
    for (graph, _, _), iri in together.items():
        nodes.setdefault(iri, set()).add(graph)
    assert sum(len(g) > 1 for g in nodes.values()) >= 20


# An acronym no word list knows: only the other articles tell who "BFL" is; its chief executive,
# named in all three, is the evidence around the name that it is the same company.
BFL_ARTICLES = [
    {"id": "bfl-1", "date": "2009-06-01", "text": "Baltic Ferry Lines (BFL) cancelled crossings to Riga on Monday. "
     "BFL chief executive Anna Berg said the United States had banned its ships."},
    {"id": "bfl-2", "date": "2009-06-02", "text": "Baltic Ferry Lines (BFL) will sell two ships. Anna Berg said BFL "
     "expects the United States to approve the sale."},
    {"id": "bfl-3", "date": "2009-06-03", "text": "BFL reported a loss of $6 million in the United States. "
     "Anna Berg said the ferries would keep running."},
]


def test_export_resolve_links_a_bare_acronym_to_the_entity_other_articles_define_it_for(tmp_path):
    plain = export_quads(tmp_path, "plain", BFL_ARTICLES)
    assert not any(q.predicate.value == SAME_AS and "organisation/" in q.object.value for q in plain)
    resolved = export_quads(tmp_path, "resolved", BFL_ARTICLES, "--resolve")
    links = {(q.subject.value, q.object.value, q.graph_name.value) for q in resolved if q.predicate.value == SAME_AS
             and "organisation/" in q.subject.value}
    base = "https://w3id.org/newskg/data/"
    assert links == {(base + "organisation/bfl", base + "organisation/baltic-ferry-lines", base + "identity")}
    # and the articles' own graphs are what the plain export wrote
    assert {q for q in resolved if q.graph_name.value != base + "identity"} == set(plain)


def test_export_resolve_to_a_folder_writes_the_identity_graph_beside_the_articles(tmp_path):
    source = write_jsonl(tmp_path / "bfl.jsonl", BFL_ARTICLES)
    out = tmp_path / "out"
    result = run_kg("export", source, "-o", f"{out}/", "-q", "--resolve")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["_identity.ttl", "bfl-1.ttl", "bfl-2.ttl", "bfl-3.ttl"]
    assert "owl:sameAs" in (out / "_identity.ttl").read_text(encoding="utf-8")
