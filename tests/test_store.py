"""kg load / stats against the embedded store and a real ``oxigraph serve`` on loopback."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, ROOT, free_port, oxigraph_serve, run_kg, wait_for_sparql
from kg.store import (ONTOLOGY_GRAPH, EmbeddedStore, auth_header, graphs_from_rdf_file,
                      split_by_article)

FIXTURE = ROOT / "tests" / "data" / "store-fixture.trig"
PACK = ["meetings", "statements-by", "statements-at-meeting", "people-by-role", "timeline", "provenance"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real oxigraph server on a free loopback port, on a fresh store; killed at teardown."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def loaded(oxigraph_server, tmp_path_factory):
    """The examples (seed article among them) and the fixture loaded into both stores."""
    store = tmp_path_factory.mktemp("store") / "store"
    for target in (["--store", store], ["--endpoint", oxigraph_server]):
        result = run_kg("load", EXAMPLES, FIXTURE, *target)
        assert result.exit_code == 0, result.stderr
    return {"embedded": ["--store", str(store)], "remote": ["--endpoint", oxigraph_server]}


def stats_of(target: list[str]) -> dict:
    result = run_kg("stats", "--json", *target)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def query_json(target: list[str], *args: str) -> dict:
    result = run_kg("query", *args, "--format", "json", *target)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", PACK)
def test_pack_answers_the_same_from_the_endpoint_as_from_the_embedded_store(loaded, name):
    embedded = query_json(loaded["embedded"], name)
    assert embedded == query_json(loaded["remote"], name)
    assert embedded["results"]["bindings"], f"{name} found nothing in the examples and fixture"


@pytest.mark.parametrize("name,param", [("statements-by", "person=reis"), ("timeline", "entity=Reis"),
                                        ("meetings", "person=Okafor"), ("people-by-role", "role=minister")])
def test_pack_parameters_filter_the_same_on_both_stores(loaded, name, param):
    embedded = query_json(loaded["embedded"], name, "--param", param)
    everything = query_json(loaded["embedded"], name)
    assert embedded == query_json(loaded["remote"], name, "--param", param)
    assert 0 < len(embedded["results"]["bindings"]) < len(everything["results"]["bindings"])


def test_store_counts_match_between_stores(loaded):
    embedded, remote = stats_of(loaded["embedded"]), stats_of(loaded["remote"])
    assert embedded == remote
    assert embedded["articles"] == 5 and embedded["graphs"] == 7  # 3 examples + 2 fixture + ontology + name index


@pytest.mark.parametrize("where", ["embedded", "remote"])
def test_loading_twice_leaves_every_count_unchanged(loaded, where):
    before = stats_of(loaded[where])
    result = run_kg("load", FIXTURE, *loaded[where])
    assert result.exit_code == 0, result.stderr
    assert stats_of(loaded[where]) == before


@pytest.mark.parametrize("where", ["embedded", "remote"])
def test_a_changed_article_replaces_its_old_triples(tmp_path, oxigraph_server, where):
    target = ["--store", str(tmp_path / "store")] if where == "embedded" else ["--endpoint", oxigraph_server]
    article = tmp_path / "changing-story.txt"
    article.write_text("date 2025-12-24\nAna Reis met Ben Okafor in Lisbon on Tuesday.", encoding="utf-8")
    assert run_kg("load", article, *target).exit_code == 0
    article.write_text("date 2025-12-24\nCarla Mendes visited Porto on Monday.", encoding="utf-8")
    assert run_kg("load", article, *target).exit_code == 0
    graph = "https://w3id.org/newskg/data/graph/changing-story"
    anchors = query_json(target, f"SELECT DISTINCT ?t WHERE {{ GRAPH <{graph}> {{ ?m nif:anchorOf ?t }} }}")
    texts = {b["t"]["value"] for b in anchors["results"]["bindings"]}
    assert "Carla Mendes" in texts
    assert not any("Okafor" in t or "Lisbon" in t for t in texts)
    # and the graph is exactly what a first load of the new text gives
    fresh = tmp_path / "fresh"
    assert run_kg("load", article, "--store", fresh).exit_code == 0
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert query_json(target, count) == query_json(["--store", str(fresh)], count)


def test_rdf_inputs_keep_their_graphs_and_the_ontology_has_its_own():
    graphs = {g.iri: g for g in graphs_from_rdf_file(FIXTURE)}
    assert set(graphs) == {"https://w3id.org/newskg/data/graph/fixture-one",
                           "https://w3id.org/newskg/data/graph/fixture-two"}
    store = EmbeddedStore(None)
    from kg.store import load

    report = load(store, graphs.values())
    assert report.graphs[0] == ONTOLOGY_GRAPH
    assert store.store.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH))


def test_turtle_without_graphs_is_split_into_one_graph_per_article(tmp_path):
    quads = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    triples = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    by_graph = {g.iri: set(g.triples) for g in split_by_article(triples, tmp_path / "merged.ttl")}
    expected = {g.iri: set(g.triples) for g in graphs_from_rdf_file(FIXTURE)}
    assert by_graph == expected


def test_triples_of_no_article_go_to_a_graph_named_after_the_file(tmp_path):
    path = tmp_path / "loose.nt"
    path.write_text('<http://example.org/a> <http://example.org/p> "x" .\n', encoding="utf-8")
    (graph,) = graphs_from_rdf_file(path)
    assert graph.iri == path.resolve().as_uri()


# ---------------------------------------------------------------- failures: one line, non-zero, nothing half-loaded


class AnsweringServer(http.server.BaseHTTPRequestHandler):
    """A real HTTP server on loopback that answers every request with one status code."""

    status = 500
    seen: list[dict] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append({"method": self.command, "path": self.path, "auth": self.headers.get("Authorization")})
        self.send_response(self.status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"no\n")

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def answering_server():
    servers = []

    def start(status: int) -> tuple[str, list]:
        handler = type(f"Answer{status}", (AnsweringServer,), {"status": status, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def assert_one_clear_line(result, *words):
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_unwritable_store_path_gives_one_line(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = run_kg("load", FIXTURE, "--store", not_a_folder / "store")
    assert_one_clear_line(result, str(not_a_folder / "store"), "cannot open store")


def test_refused_connection_gives_one_line():
    url = f"http://127.0.0.1:{free_port()}"
    result = run_kg("load", FIXTURE, "--endpoint", url)
    assert_one_clear_line(result, url, "cannot connect")
    assert_one_clear_line(run_kg("query", "meetings", "--endpoint", url), url)


@pytest.mark.parametrize("status,words", [(401, ["401", "KG_ENDPOINT_USER"]), (500, ["500"])])
def test_failing_endpoint_gives_one_line_and_loads_nothing(answering_server, status, words):
    url, seen = answering_server(status)
    result = run_kg("load", FIXTURE, "--endpoint", url)
    assert_one_clear_line(result, url, *words)
    assert len(seen) == 1  # the first request failed and nothing was tried after it
    assert_one_clear_line(run_kg("stats", "--endpoint", url), str(status))


def test_failing_replacement_leaves_the_old_graph_whole(oxigraph_server, answering_server, tmp_path):
    """Reloading changed graphs goes through the update endpoint; when that fails, every graph
    (and every count) is as it was before."""
    target = ["--endpoint", oxigraph_server]
    assert run_kg("load", FIXTURE, *target).exit_code == 0
    before = query_json(target, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    changed = tmp_path / "changed.trig"
    changed.write_text(FIXTURE.read_text(encoding="utf-8").replace("Talks were good", "Talks failed"), encoding="utf-8")
    failing_update, _ = answering_server(500)
    result = run_kg("load", changed, *target, "--update-url", f"{failing_update}/update")
    assert_one_clear_line(result, "500")
    after = query_json(target, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    assert after == before
    said = query_json(target, 'ASK { GRAPH ?g { ?s kg:quote "Talks failed" } }')
    assert said["boolean"] is False


def test_credentials_come_from_the_environment_and_are_sent(answering_server, monkeypatch):
    url, seen = answering_server(401)
    monkeypatch.setenv("KG_ENDPOINT_USER", "ana")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    monkeypatch.delenv("KG_ENDPOINT_TOKEN", raising=False)
    run_kg("stats", "--endpoint", url)
    assert seen and seen[0]["auth"] == "Basic YW5hOnMzY3JldA=="


def test_auth_header_sources(tmp_path):
    assert auth_header("http://h", {"KG_ENDPOINT_TOKEN": "t"}) == "Bearer t"
    assert auth_header("http://h", {"KG_ENDPOINT_USER": "u", "KG_ENDPOINT_PASSWORD": "p"}) == "Basic dTpw"
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example.org login u password p\n")
    netrc.chmod(0o600)
    assert auth_header("https://store.example.org/ds", {}, str(netrc)) == "Basic dTpw"
    assert auth_header("https://other.example.org/ds", {}, str(netrc)) is None
    assert auth_header("https://store.example.org/ds", {}, str(tmp_path / "missing")) is None


def test_stats_counts_the_fixture(tmp_path):
    store = tmp_path / "store"
    assert run_kg("load", FIXTURE, "--store", store).exit_code == 0
    counts = stats_of(["--store", str(store)])
    assert counts["articles"] == 2 and counts["statements"] == 3 and counts["meetings"] == 1
    assert counts["entities"] == {"Organisation": 1, "Person": 2, "Place": 2}
    text = run_kg("stats", "--store", store).stdout
    assert "people" in text and "triples" in text


def test_missing_input_is_reported_and_the_rest_loaded(tmp_path):
    result = run_kg("load", FIXTURE, tmp_path / "missing.nq", "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert "missing.nq" in result.stderr
    assert stats_of(["--store", str(tmp_path / "store")])["articles"] == 2


def test_serve_runs_the_oxigraph_server_on_the_store(tmp_path):
    import os
    import sys

    store = tmp_path / "store"
    assert run_kg("load", FIXTURE, "--store", store).exit_code == 0
    count = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }"
    # Asked before the server starts: RocksDB gives no guarantee to a second process reading a
    # store that another has open (that race made this test flaky).
    embedded = query_json(["--store", str(store)], count)
    port = free_port()
    kg = os.path.join(os.path.dirname(sys.executable), "kg")
    process = subprocess.Popen([kg, "serve", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_sparql(url, process)
        assert stats_of(["--endpoint", url])["articles"] == 2
        # the default graph is the union of the article graphs, as on the embedded store
        assert query_json(["--endpoint", url], count) == embedded
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_without_a_store_is_one_line(tmp_path):
    assert_one_clear_line(run_kg("serve", "--store", tmp_path / "none"), "no store here")


def test_graphs_with_blank_nodes_are_replaced_whole(tmp_path):
    """Blank nodes have no identity across parses: a reload must not add a second copy."""
    path = tmp_path / "blank.nq"
    path.write_text('_:b <http://example.org/p> "x" <http://example.org/g> .\n'
                    '<http://example.org/a> <http://example.org/q> _:b <http://example.org/g> .\n', encoding="utf-8")
    store = EmbeddedStore(None)
    from kg.store import load

    for _ in range(2):
        load(store, graphs_from_rdf_file(path), with_ontology=False)
    assert len(store.store) == 2
