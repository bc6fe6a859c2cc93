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


def _derived_graphs(store_path) -> dict[str, set[str]]:
    """The identity graph and the name index of a store, as N-Quads lines."""
    store = ox.Store.read_only(str(store_path))
    graphs = {}
    for name in ("identity", "names"):
        graph = ox.NamedNode(f"https://w3id.org/newskg/data/{name}")
        graphs[name] = {str(q) for q in store.quads_for_pattern(None, None, None, graph)}
    return graphs


def test_a_fresh_store_gets_the_identity_and_names_graphs_that_a_reload_writes(tmp_path):
    # A fresh store has them written whole by the bulk writer; a store that holds them already has
    # them replaced through its transaction. Both must hold the same.
    from conftest import ROOT

    quads = list(ox.parse(path=str(ROOT / "tests" / "data" / "store-fixture.trig"), format=ox.RdfFormat.TRIG))
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
    assert len(graphs) >= 2
    first = tmp_path / "first.nq"
    first.write_bytes(ox.serialize([q for q in quads if q.graph_name.value == graphs[0]], format=ox.RdfFormat.N_QUADS))
    every = tmp_path / "every.nq"
    every.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    fresh, reloaded = tmp_path / "fresh", tmp_path / "reloaded"
    assert run_kg("load", every, "--store", fresh, "-q").exit_code == 0
    assert run_kg("load", first, "--store", reloaded, "-q").exit_code == 0
    partial = _derived_graphs(reloaded)
    assert run_kg("load", every, "--store", reloaded, "-q").exit_code == 0
    derived = _derived_graphs(fresh)
    assert derived["names"] and derived["names"] != partial["names"]  # the reload had something to replace
    assert _derived_graphs(reloaded) == derived


def test_the_naming_quads_scanned_from_a_file_are_those_the_store_gives_back(tmp_path):
    # kg load decides a fresh store's identity from the bytes of the bulk-loaded files, while they
    # load; it must find exactly what reading the store back finds, whatever the file's spacing or
    # IRI escapes, and in .nq.gz as in .nq.
    import gzip

    from conftest import ROOT
    from kg.graph import DEFAULT_BASE
    from kg.store import EmbeddedStore
    from kg.store.identity import _naming_quads, naming_quads_of_files

    quads = list(ox.parse(path=str(ROOT / "tests" / "data" / "store-fixture.trig"), format=ox.RdfFormat.TRIG))
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()
    graph = next(q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode))
    # a label written with tabs, an entity type with its class IRI \u-escaped, a comment
    text += (f"<https://w3id.org/newskg/data/person/x-tab>\t<http://www.w3.org/2000/01/rdf-schema#label>\t\"Tab\"\t{graph} .\n"
             f"<https://w3id.org/newskg/data/person/x-esc> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             f"<https://w3id.org/newskg/ontology#\\u0050erson> {graph} .\n"
             "# <http://www.w3.org/2000/01/rdf-schema#label>\n")
    plain, packed = tmp_path / "all.nq", tmp_path / "all.nq.gz"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode()))
    store = EmbeddedStore(None)
    store.store.bulk_load(path=str(plain), format=ox.RdfFormat.N_QUADS)
    back = {str(q) for q in _naming_quads(store, DEFAULT_BASE + "identity")}
    assert len(back) > 10 and any("x-esc" in q for q in back) and any("x-tab" in q for q in back)
    assert {str(q) for q in naming_quads_of_files([plain], DEFAULT_BASE)} == back
    assert {str(q) for q in naming_quads_of_files([packed], DEFAULT_BASE)} == back
