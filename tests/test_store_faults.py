"""The store and query defects of issue 13, each through the real CLI: a writable server, terminal
escapes in tables, concurrent loads, a store in use, failures mid-load, SERVICE, bad options."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, free_port, oxigraph_serve, run_kg, wait_for_sparql
from kg.store import ONTOLOGY_GRAPH, ontology_named_graph

FIXTURE = ROOT / "tests" / "data" / "store-fixture.trig"
KG_BIN = os.path.join(os.path.dirname(sys.executable), "kg")
KG = "https://w3id.org/newskg/ontology#"
TRIPLES_PER_GRAPH = 15


def one_line(result) -> str:
    """The single stderr line of a failed run (no traceback, no Rust backtrace)."""
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "panicked" not in stderr and "RUST_BACKTRACE" not in stderr
    return lines[0]


def post(url: str, body: bytes, content_type: str) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def ask(url: str, query: str) -> bool:
    with urllib.request.urlopen(f"{url}/query?{urllib.parse.urlencode({'query': query})}", timeout=10) as response:
        return b"true" in response.read()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real oxigraph server of this module's own, on a free loopback port."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def fixture_store(tmp_path) -> Path:
    store = tmp_path / "store"
    assert run_kg("load", FIXTURE, "--store", store).exit_code == 0
    return store


class Serving:
    """``kg serve`` as a real process on a free port; stopped at the end of the block."""

    def __init__(self, store: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([KG_BIN, "serve", "--store", str(store), "--port", str(self.port), *options],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> Serving:
        wait_for_sparql(self.url, self.process)
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stderr.close()


# ---------------------------------------------------------------- 8: kg serve is read-only unless asked


INSERT = b"update=" + urllib.parse.quote_plus("INSERT DATA { <http://evil/s> <http://evil/p> <http://evil/o> }").encode()
EVIL = "ASK { <http://evil/s> ?p ?o }"


def test_serve_refuses_a_cross_origin_form_post_to_update_by_default(fixture_store):
    with Serving(fixture_store) as server:
        status = post(f"{server.url}/update", INSERT, "application/x-www-form-urlencoded")
        assert status == 403
        assert post(f"{server.url}/store?graph=http://evil/g", b"<http://evil/s> <http://evil/p> <http://evil/o> .",
                    "application/n-triples") == 403
        assert not ask(server.url, EVIL)
        assert ask(server.url, "ASK { ?s a <https://w3id.org/newskg/ontology#Statement> }")


def test_serve_writable_is_an_explicit_opt_in(fixture_store):
    with Serving(fixture_store, "--writable") as server:
        assert post(f"{server.url}/update", INSERT, "application/x-www-form-urlencoded") == 204
        assert ask(server.url, EVIL)


# ---------------------------------------------------------------- 9: terminal escapes in tables


HOSTILE_LABEL = "Ana\x1b[31m Reis\x07\x9b2J\u202eevil\u2066\x00end"


def test_control_characters_are_shown_escaped_in_a_table_and_kept_in_csv(tmp_path):
    data = tmp_path / "hostile.nq"
    label = ox.Literal(HOSTILE_LABEL)
    graph = ox.NamedNode("https://w3id.org/newskg/data/graph/hostile")
    quads = [ox.Quad(ox.NamedNode("https://w3id.org/newskg/data/person/x"), ox.NamedNode(KG + "label"), label, graph)]
    data.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    store = tmp_path / "store"
    assert run_kg("load", data, "--store", store).exit_code == 0
    query = "SELECT ?l WHERE { GRAPH ?g { ?x kg:label ?l } }"
    table = run_kg("query", query, "--format", "table", "--store", store)
    assert table.exit_code == 0, table.stderr
    row = table.stdout.splitlines()[2]
    assert row == r"Ana\x1b[31m Reis\x07\x9b2J\u202eevil\u2066\x00end"
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u2066" for c in table.stdout if c != "\n")
    csv = run_kg("query", query, "--format", "csv", "--store", store)
    assert HOSTILE_LABEL in csv.stdout  # data formats keep the text as it is


# ---------------------------------------------------------------- 10: concurrent loads of one endpoint


def _versions(tmp_path: Path, articles: int) -> tuple[Path, Path, dict[str, dict[str, set]]]:
    """Two N-Quads files with different versions of the same article graphs, and each version's triples."""
    files, expected = [], {}
    for version in ("A", "B"):
        quads = []
        for i in range(articles):
            article = ox.NamedNode(f"https://w3id.org/newskg/data/article/race-{i}")
            graph = ox.NamedNode(f"https://w3id.org/newskg/data/graph/race-{i}")
            quads.append(ox.Quad(article, ox.NamedNode(KG + "articleId"), ox.Literal(f"race-{i}"), graph))
            for j in range(TRIPLES_PER_GRAPH):
                node = ox.NamedNode(f"https://w3id.org/newskg/data/article/race-{i}#statement={j},{j + 1}")
                quads.append(ox.Quad(node, ox.NamedNode(KG + "quote"), ox.Literal(f"{version} says {j}"), graph))
        path = tmp_path / f"version-{version}.nq"
        path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        files.append(path)
        for q in quads:
            expected.setdefault(q.graph_name.value, {}).setdefault(version, set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    return files[0], files[1], expected


def _graphs_on(url: str) -> dict[str, set[str]]:
    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        solutions = ox.parse_query_results(response.read(), ox.QueryResultsFormat.JSON)
    graphs: dict[str, set[str]] = {}
    for s in solutions:
        graphs.setdefault(s["g"].value, set()).add(str(ox.Triple(s["s"], s["p"], s["o"])))
    return graphs


def test_two_concurrent_loads_leave_each_graph_one_whole_version_and_one_ontology(tmp_path, oxigraph):
    a, b, expected = _versions(tmp_path, articles=150)
    ontology = {str(t) for t in ontology_named_graph().triples}
    for _ in range(2):  # each round starts from an empty store, so both loaders create every graph
        assert post(f"{oxigraph}/update", b"DROP ALL", "application/sparql-update") == 204
        loads = [subprocess.Popen([KG_BIN, "load", str(path), "--endpoint", oxigraph, "-q"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for path in (a, b)]
        for load in loads:
            _, err = load.communicate(timeout=120)
            assert load.returncode == 0, err.decode()
        graphs = _graphs_on(oxigraph)
        loaded = graphs.pop(ONTOLOGY_GRAPH)
        merged = [iri for iri, triples in graphs.items() if triples not in (expected[iri]["A"], expected[iri]["B"])]
        assert merged == [], f"{len(merged)} graph(s) merge two versions"
        assert set(graphs) == set(expected)
        # no doubled lists or restrictions: as many triples as the ontology has, and the same named ones
        assert len(loaded) == len(ontology)
        assert {t for t in loaded if "_:" not in t} == {t for t in ontology if "_:" not in t}


def test_the_ontology_graph_has_no_blank_nodes_to_double():
    graph = ontology_named_graph()
    assert graph.triples and not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                     for t in graph.triples)
    assert ontology_named_graph() == graph  # the same IRIs every time: a reload replaces, never adds


# ---------------------------------------------------------------- 11: a store in use; failures mid-load


def test_serve_on_a_store_another_process_writes_says_it_is_in_use(fixture_store):
    writer = ox.Store(str(fixture_store))  # holds the store's lock, as a running 'kg load' does
    try:
        result = subprocess.run([KG_BIN, "serve", "--store", str(fixture_store), "--port", str(free_port())],
                                capture_output=True, timeout=60)
    finally:
        del writer
    assert result.returncode == 2
    line = one_line(result)
    assert str(fixture_store) in line and "in use" in line


def test_load_while_kg_serve_reads_the_store_says_it_is_in_use(fixture_store):
    with Serving(fixture_store):
        result = run_kg("load", FIXTURE, "--store", fixture_store)
        assert result.exit_code == 2
        assert "in use" in one_line(result)


class Proxy(http.server.BaseHTTPRequestHandler):
    """A real loopback endpoint in front of a real oxigraph server: it passes every request on and,
    on updates, fails after the first ``accept`` of them, or adds a triple of its own to the graph
    just replaced (the first ``meddle`` times), as a second loader writing at once would."""

    target = ""
    accept = 10**9
    meddle = 0
    updates: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        is_update = self.path.startswith("/update")
        if is_update:
            type(self).updates.append(body)
            if len(type(self).updates) > type(self).accept:
                return self._send(500, b"disk full", "text/plain")
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        try:
            with urllib.request.urlopen(urllib.request.Request(self.target + self.path, data=body, headers=headers)) as r:
                status, data, content_type = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            status, data, content_type = err.code, err.read(), err.headers.get("Content-Type", "")
        if is_update and type(self).meddle > 0 and b"DROP SILENT GRAPH <" in body:
            type(self).meddle -= 1
            graph = body.split(b"DROP SILENT GRAPH <", 1)[1].split(b">", 1)[0]
            extra = b"INSERT DATA { GRAPH <" + graph + b"> { <http://other/loader> <http://other/p> \"B\" } }"
            assert post(f"{self.target}/update", extra, "application/sparql-update") == 204
        self._send(status, data, content_type)

    def _send(self, status: int, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(oxigraph):
    """Start a Proxy with the given settings in front of the module's (emptied) oxigraph server."""
    assert post(f"{oxigraph}/update", b"DROP ALL", "application/sparql-update") == 204
    servers = []

    def start(**settings) -> str:
        handler = type("TestProxy", (Proxy,), {"target": oxigraph, "updates": [], **settings})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_remote_failure_mid_load_names_the_article_and_what_was_loaded_before(proxy):
    result = run_kg("load", FIXTURE, "--endpoint", proxy(accept=2))
    assert result.exit_code == 2
    line = one_line(result)  # the ontology and fixture-one went in; fixture-two failed
    assert "500" in line and "fixture-two" in line and str(FIXTURE) in line
    assert "1 graph(s) loaded before it" in line


def test_a_graph_another_writer_changes_while_it_is_replaced_is_replaced_again(proxy, oxigraph):
    result = run_kg("load", FIXTURE, "--endpoint", proxy(meddle=2))
    assert result.exit_code == 0, result.stderr
    assert not ask(oxigraph, "ASK { GRAPH ?g { <http://other/loader> ?p ?o } }")
    meddled = _graphs_on(oxigraph)
    assert post(f"{oxigraph}/update", b"DROP ALL", "application/sparql-update") == 204
    assert run_kg("load", FIXTURE, "--endpoint", oxigraph).exit_code == 0
    assert meddled == _graphs_on(oxigraph)  # what a load nobody disturbed gives


def test_a_graph_that_keeps_changing_is_one_line_not_a_mix(proxy):
    result = run_kg("load", FIXTURE, "--endpoint", proxy(meddle=10**9))
    assert result.exit_code == 2
    line = one_line(result)
    assert "another writer" in line and "ontology" in line


# ---------------------------------------------------------------- 14: SERVICE, empty endpoint, repeated param, missing input


class Recording(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        type(self).seen.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_the_embedded_store_makes_no_service_call_unless_asked(fixture_store):
    handler = type("RecordingService", (Recording,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.server_address[1]}/sparql> {{ ?s ?p ?o }} }}"
        result = run_kg("query", query, "--store", fixture_store)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2
    assert "--allow-service" in one_line(result)
    assert handler.seen == []


def test_a_query_that_fails_while_it_is_evaluated_is_one_line(fixture_store):
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    for fmt in ("table", "csv", "tsv", "json"):
        result = run_kg("query", f"SELECT * WHERE {{ SERVICE <{dead}> {{ ?s ?p ?o }} }}", "--allow-service",
                        "--format", fmt, "--store", fixture_store)
        assert result.exit_code == 2
        assert one_line(result).startswith("query: ")
        assert result.stdout == ""


@pytest.mark.parametrize("command", [["load", str(FIXTURE)], ["query", "meetings"], ["stats"]])
def test_an_empty_endpoint_is_an_error_not_the_embedded_store(tmp_path, command):
    store = tmp_path / "store"
    result = run_kg(*command, "--endpoint", "", "--store", store)
    assert result.exit_code == 2
    assert "--endpoint" in one_line(result)
    assert not store.exists()


def test_a_repeated_param_is_an_error(fixture_store):
    result = run_kg("query", "statements-by", "--param", "person=Reis", "--param", "person=Okafor",
                    "--store", fixture_store)
    assert result.exit_code == 2
    assert "person" in one_line(result) and "twice" in one_line(result)


@pytest.mark.parametrize("name", ["missing.jsonl", "missing.nq"])
def test_loading_only_missing_inputs_creates_no_store(tmp_path, name):
    store = tmp_path / "store"
    result = run_kg("load", tmp_path / name, "--store", store)
    assert result.exit_code == 2
    assert name in result.stderr and "Traceback" not in result.stderr
    assert not store.exists()
