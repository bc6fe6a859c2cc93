"""The store's entity registry links nodes across separate ``kg load`` runs (issue 14)."""

from __future__ import annotations

import json

import pyoxigraph as ox

from conftest import run_kg

SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")


def _article(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps({"id": name, "date": "2009-06-01", "text": text}) + "\n")
    return path


def _links(store_path) -> set[tuple[str, str]]:
    store = ox.Store.read_only(str(store_path))
    return {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, SAME_AS, None, None)
            if q.subject.value.startswith("https://w3id.org/newskg/data/organisation/")}


def test_separate_loads_link_an_acronym_to_the_company_other_articles_defined(tmp_path):
    defines = _article(tmp_path, "defines", "Halvard Shipping Company (HSC) said on Monday that Ingrid Moe would "
                       "lead the shipping line. HSC and Maersk asked Washington for more loans. Ingrid Moe said HSC "
                       "would close plants in Michigan.")
    uses = _article(tmp_path, "uses", "HSC will close plants in Michigan, Ingrid Moe said on Tuesday. HSC and "
                    "Maersk have asked Washington for more loans.")
    again = _article(tmp_path, "again", "Halvard Shipping Company (HSC) met union leaders in Oslo. Ingrid Moe "
                     "said HSC would cut jobs.")
    store = tmp_path / "store"
    for path in (defines, uses, again):  # three loads, the bare "HSC" in between
        assert run_kg("load", path, "--store", store, "-q").exit_code == 0
    base = "https://w3id.org/newskg/data/organisation/"
    assert _links(store) == {(base + "hsc", base + "halvard-shipping")}
    together = tmp_path / "together"
    assert run_kg("load", again, uses, defines, "--store", together, "-q").exit_code == 0
    assert _links(together) == _links(store)  # the same links whatever the order and grouping


def test_reloading_keeps_one_identity_graph(tmp_path):
    texts = {"a": "Halvard Shipping Company (HSC) said Ingrid Moe would lead it. HSC and Maersk asked for loans.",
             "b": "Halvard Shipping Company (HSC) met union leaders. Ingrid Moe said HSC would cut jobs.",
             "c": "HSC will close plants, Ingrid Moe said on Tuesday."}
    store = tmp_path / "store"
    paths = [_article(tmp_path, name, text) for name, text in texts.items()]
    assert run_kg("load", *paths, "--store", store, "-q").exit_code == 0
    before = _links(store)
    assert run_kg("load", *paths, "--store", store, "-q").exit_code == 0
    assert _links(store) == before
    identity = ox.NamedNode("https://w3id.org/newskg/data/identity")
    same_as = list(ox.Store.read_only(str(store)).quads_for_pattern(None, SAME_AS, None, identity))
    assert len(same_as) == len(before) >= 1  # replaced, not added to
