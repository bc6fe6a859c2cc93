"""kg load and the whole query pack against a real Virtuoso (Debian's virtuoso-opensource), started
on free loopback ports with its own database folder and ini file, stopped at teardown.

What differs from oxigraph, and what the comparison allows for: one endpoint URL (``/sparql``) for
queries and updates; the SPARQL user needs the SPARQL_UPDATE role (granted here through isql);
Virtuoso keeps numbers and booleans as values (``"5"^^xsd:nonNegativeInteger`` comes back as such,
``false`` as ``"0"^^xsd:boolean``), so literals are compared by value for those datatypes; and
GROUP_CONCAT's order is unspecified in SPARQL, so concatenated columns are compared as sets."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request

import pytest

from conftest import EXAMPLES, ROOT, free_port, run_kg

pytestmark = pytest.mark.skipif(shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None,
                                reason="virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")

FIXTURE = ROOT / "tests" / "data" / "store-fixture.trig"
PACK = ["meetings", "statements-by", "statements-at-meeting", "people-by-role", "timeline", "provenance"]
CONCATENATED = {"participants", "others"}  # GROUP_CONCAT columns
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long", "short")}
VSP = "/var/lib/virtuoso-opensource-7/vsp"

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _wait_for_virtuoso(url: str, process: subprocess.Popen, log, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"virtuoso did not start: {log.read_text(errors='replace')[-500:]}")
            time.sleep(0.5)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """The /sparql URL of a fresh Virtuoso whose SPARQL user may update; stopped at teardown."""
    folder = tmp_path_factory.mktemp("virtuoso")
    isql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, isql=isql, http=http, vsp=VSP), encoding="utf-8")
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        _wait_for_virtuoso(url, process, folder / "virtuoso.log")
        grant = subprocess.run(["isql-vt", f"127.0.0.1:{isql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               capture_output=True, text=True, timeout=60)
        assert grant.returncode == 0, grant.stderr
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def loaded(virtuoso, tmp_path_factory):
    """The examples and the fixture loaded into Virtuoso and into a fresh embedded store."""
    store = tmp_path_factory.mktemp("store") / "store"
    for target in (["--store", store], ["--endpoint", virtuoso]):
        result = run_kg("load", EXAMPLES, FIXTURE, *target)
        assert result.exit_code == 0, result.stderr
    return {"embedded": ["--store", str(store)], "virtuoso": ["--endpoint", virtuoso]}


def _value(name: str, term: dict):
    """A result term as comparable across the two stores (see the module's docstring)."""
    value, datatype = term.get("value"), term.get("datatype")
    if name in CONCATENATED:
        return tuple(sorted(value.split(", ")))
    if name == "detail" and value.startswith("with "):  # timeline: "with A, B in Place"
        others, _, place = value.removeprefix("with ").partition(" in ")
        return ("with", tuple(sorted(others.split(", "))), place)
    if datatype in INTEGERS:
        return ("integer", int(value))
    if datatype == XSD + "boolean":
        return ("boolean", value in ("1", "true"))
    return (term["type"], value, datatype, term.get("xml:lang"))


def rows(target: list[str], *args: str) -> list[dict]:
    result = run_kg("query", *args, "--format", "json", *target)
    assert result.exit_code == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    return [{name: _value(name, term) for name, term in row.items()} for row in bindings]


def kg_counts(target: list[str]) -> dict:
    """The counts of kg's own data (Virtuoso has system graphs of its own besides)."""
    result = run_kg("stats", "--json", *target)
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)
    return {key: counts[key] for key in ("articles", "entities", "statements", "meetings")}


@pytest.mark.parametrize("name", PACK)
def test_pack_answers_the_same_rows_from_virtuoso_as_from_the_embedded_store(loaded, name):
    embedded = rows(loaded["embedded"], name)
    assert embedded, f"{name} found nothing in the examples and fixture"
    assert rows(loaded["virtuoso"], name) == embedded


# people-by-role's role parameter becomes several titles (role=minister: Foreign, Prime and Defence
# Minister); Virtuoso 7.2 keeps every row only because they are bound in a subquery of their own
# (beside the rdfs:subClassOf* join it keeps 1 of 7: see people-by-role.rq).
@pytest.mark.parametrize("name,param", [
    ("statements-by", "person=reis"), ("meetings", "person=Okafor"), ("provenance", "entity=Reis"),
    ("timeline", "entity=Reis"), ("statements-at-meeting", "person=Okafor"),
    ("people-by-role", "role=minister"), ("people-by-role", "role=MINIS"),
    ("statements-by", "person=<https://w3id.org/newskg/data/person/ana-reis>"),
])
def test_pack_parameters_filter_the_same_on_virtuoso(loaded, name, param):
    embedded = rows(loaded["embedded"], name, "--param", param)
    assert 0 < len(embedded) < len(rows(loaded["embedded"], name))
    assert rows(loaded["virtuoso"], name, "--param", param) == embedded


def test_kg_counts_match_the_embedded_store(loaded):
    assert kg_counts(loaded["virtuoso"]) == kg_counts(loaded["embedded"])


def test_reloading_into_virtuoso_doubles_nothing(loaded, virtuoso):
    graph = "https://w3id.org/newskg/data/graph/fixture-one"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    before, counts = rows(loaded["virtuoso"], count), kg_counts(loaded["virtuoso"])
    assert before[0]["n"][1] > 0
    result = run_kg("load", EXAMPLES, FIXTURE, "--endpoint", virtuoso)
    assert result.exit_code == 0, result.stderr
    assert rows(loaded["virtuoso"], count) == before
    assert kg_counts(loaded["virtuoso"]) == counts


def test_a_changed_article_replaces_its_old_triples_in_virtuoso(tmp_path, virtuoso):
    article = tmp_path / "changing-story.txt"
    article.write_text("date 2025-12-24\nAna Reis met Ben Okafor in Lisbon on Tuesday.", encoding="utf-8")
    assert run_kg("load", article, "--endpoint", virtuoso).exit_code == 0
    article.write_text("date 2025-12-24\nCarla Mendes visited Porto on Monday.", encoding="utf-8")
    assert run_kg("load", article, "--endpoint", virtuoso).exit_code == 0
    graph = "https://w3id.org/newskg/data/graph/changing-story"
    anchors = rows(["--endpoint", virtuoso], f"SELECT DISTINCT ?t WHERE {{ GRAPH <{graph}> {{ ?m nif:anchorOf ?t }} }}")
    texts = {row["t"][1] for row in anchors}
    assert "Carla Mendes" in texts and not any("Okafor" in t or "Lisbon" in t for t in texts)


def test_the_sparql_url_is_the_query_and_update_url():
    from kg.store import endpoint_from

    ep = endpoint_from("http://127.0.0.1:8890/sparql")
    assert ep.query_url == ep.update_url == "http://127.0.0.1:8890/sparql"
    assert endpoint_from("http://127.0.0.1:7878").update_url == "http://127.0.0.1:7878/update"
