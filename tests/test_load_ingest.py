"""``kg load ARTICLES`` runs the one ingestion path: it equals ``kg export`` + ``kg load FILE``."""

from __future__ import annotations

import csv
import json

import pyoxigraph as ox

from conftest import EXAMPLES, SEED, run_kg
from kg.vocab import ONTOLOGY_IRI


def _store_quads(path) -> set[str]:
    """Every quad of the article graphs (the ontology graph, the same in both, has blank nodes)."""
    store = ox.Store.read_only(str(path))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)
            if q.graph_name != ox.NamedNode(ONTOLOGY_IRI)}


def test_load_of_articles_equals_export_then_load_of_the_file(tmp_path):
    exported = tmp_path / "examples.nq"
    assert run_kg("export", EXAMPLES, "--format", "nquads", "--output", exported, "-q").exit_code == 0
    assert run_kg("load", exported, "--store", tmp_path / "from-file", "-q").exit_code == 0
    assert run_kg("load", EXAMPLES, "--store", tmp_path / "from-articles", "-q").exit_code == 0
    from_file, from_articles = _store_quads(tmp_path / "from-file"), _store_quads(tmp_path / "from-articles")
    assert len(from_articles) > 1000
    assert from_articles == from_file


def test_load_links_an_authority_file_as_export_does(tmp_path):
    authority = tmp_path / "authority.csv"
    with authority.open("w", newline="") as f:
        csv.writer(f).writerows([["name", "iri", "type"],
                                 ["Sergey Lavrov", "http://www.wikidata.org/entity/Q110513", "Person"]])
    exported = tmp_path / "seed.nq"
    assert run_kg("export", SEED, "-f", "nquads", "-o", exported, "--authority", authority, "-q").exit_code == 0
    assert run_kg("load", exported, "--store", tmp_path / "a", "-q").exit_code == 0
    assert run_kg("load", SEED, "--store", tmp_path / "b", "--authority", authority, "-q").exit_code == 0
    same_as = [q for q in _store_quads(tmp_path / "b") if "owl#sameAs" in q and "Q110513" in q]
    assert same_as
    assert _store_quads(tmp_path / "a") == _store_quads(tmp_path / "b")


def test_load_refuses_a_bad_base_or_authority_up_front_as_export_does(tmp_path):
    for args in (["--base", "https://example.org/no-slash"], ["--authority", tmp_path / "missing.csv"]):
        exported = run_kg("export", SEED, "-o", tmp_path / "x.nq", *args)
        loaded = run_kg("load", SEED, "--store", tmp_path / "s", *args)
        assert exported.exit_code == loaded.exit_code == 2
        assert exported.stderr.strip() == loaded.stderr.strip()
        assert not (tmp_path / "s").exists()


def test_load_reports_a_bad_article_as_export_does_and_loads_the_others(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "good", "date": "2025-01-02", "text": "Ann Smith met Bob Jones in Paris."})
                      + "\n{not json\n")
    exported = run_kg("export", corpus, "-f", "nquads", "-o", tmp_path / "x.nq", "-q")
    loaded = run_kg("load", corpus, "--store", tmp_path / "s", "-q")
    assert exported.exit_code == loaded.exit_code == 1
    assert exported.stderr == loaded.stderr
