"""kg load killed at random points (SIGKILL): the store opens, every graph in it is one whole version
(as the load found it or as the load leaves it: article graphs, the ontology's and the identity
graph alike), and a rerun gives the reference store byte for byte (sorted N-Quads).

The embedded store is killed loading articles into a store holding old versions of half of them
(graph by graph), and loading their export in turns: into no store (the bulk loader), into a store
holding old versions (graph by graph), and as shards (the bulk loader, gzipped files in threads).
A real ``oxigraph serve`` is killed being loaded with changed versions over SPARQL. Each run is a
real process forked from a warm server (tests/fork_server.py), killed after a delay drawn from a
fixed seed over the load's measured duration, 20 seeds a test."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import re
import shutil
import signal
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import free_port, oxigraph_serve, run_kg
from fork_server import ForkServer, kill_at_random_points
from test_store_faults import post

ARTICLES = 20
COPIES = 2  # the export again under other ids: more graphs, so that more kills land inside the load
SHARDS = 4
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EVERY_QUAD = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"

IDENTITY_GRAPH = b"<https://w3id.org/newskg/data/identity>"
Graphs = dict[bytes, frozenset[bytes]]  # graph IRI -> its quads (N-Quads lines)


@pytest.fixture(scope="module")
def server():
    server = ForkServer()
    yield server
    server.close()


def _article_text(i: int, changed: bool) -> str:
    """Short articles, some naming a company both in full with its acronym and by the acronym alone,
    so that the store's identity graph has links to decide; the changed version adds a sentence,
    and with it another company, so that the identity graph changes too."""
    rng = random.Random(i)  # the same people and places in both versions
    a, b = rng.sample(["Angela Merkel", "Olaf Scholz", "Tomás Reis", "Ingrid Halvorsen", "Sergey Lavrov"], 2)
    place = rng.choice(["Lisbon", "Oslo", "Berlin", "Madrid"])
    text = [f"Halvard Shipping Company (HSC) said on Monday that Ingrid Moe would lead it. HSC and Maersk asked {place} for loans.",
            f"HSC will close plants in {place}, Ingrid Moe said on Tuesday. HSC and Maersk asked for loans.",
            f"{a} met {b} in {place} on Tuesday. \"We agreed,\" {a} said.",
            f"{a} met {b} in {place} on Tuesday. \"We agreed,\" {a} said."][i % 4]
    added = [f" {b} said the talks go on.", f" {b} said the talks go on.",
             " Nordvik Energy Group (NEG) backed the plan, Ingrid Moe said.", " NEG and Ingrid Moe said the talks go on."][i % 4]
    return text + added if changed else text


def _write_articles(path: Path, count: int, changed: bool) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            text = _article_text(i, changed)
            out.write(json.dumps({"id": f"load-{i:02d}", "date": f"2025-03-{1 + i:02d}", "text": text}) + "\n")
    return path


def _repeated(export: bytes, copies: int) -> bytes:
    """The export and ``copies - 1`` copies of it under other ids (load-03-c1, ...): graphs of the
    same kind, as many times over."""
    return export + b"".join(re.sub(rb"load-(\d\d)", rb"load-\1-c%d" % k, export) for k in range(1, copies))


@dataclass
class Inputs:
    new_articles: Path  # every article in its changed version, as .jsonl
    old_store: Path  # a store holding the old version of half of them (loaded from their export)
    new: Path  # the export of the new versions, repeated under other ids (COPIES)
    old_copies_store: Path  # a store holding the old version of half of those
    dumps: dict[Path, bytes]  # each store's content as the fixture made it


@pytest.fixture(scope="module")
def inputs(server, tmp_path_factory) -> Inputs:
    """Articles in an old and a changed version, exported once (the only spaCy work but the articles
    load), repeated under other ids for the N-Quads loads, and stores holding the old versions."""
    folder = tmp_path_factory.mktemp("inputs")
    articles = {"new": _write_articles(folder / "new.jsonl", ARTICLES, changed=True),
                "old": _write_articles(folder / "old.jsonl", ARTICLES // 2, changed=False)}
    exports = {}
    for name, source in articles.items():
        log = folder / f"{name}.log"
        assert server.run(["export", source, "-f", "nquads", "-o", folder / f"{name}.nq", "-q"], log) == 0, log.read_text()
        exports[name] = (folder / f"{name}.nq").read_bytes()
    for name, export in exports.items():
        (folder / f"{name}-copies.nq").write_bytes(_repeated(export, COPIES))
    dumps = {}
    for name in ("old", "old-copies"):
        store, log = folder / f"{name}-store", folder / "load.log"
        assert server.run(["load", folder / f"{name}.nq", "--store", store, "-q"], log) == 0, log.read_text()
        dumps[store] = embedded_dump(store)
    return Inputs(articles["new"], folder / "old-store", folder / "new-copies.nq",
                  folder / "old-copies-store", dumps)


# ---------------------------------------------------------------- what a store holds


def embedded_dump(store: Path) -> bytes:
    """The store's quads as sorted N-Quads, opened as the next ``kg load`` opens it (b"" when no
    store was made)."""
    if not store.is_dir() or not any(store.iterdir()):
        return b""
    opened = ox.Store(str(store))
    try:
        assert next(opened.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
        return b"".join(sorted(opened.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))
    finally:
        del opened  # closes it: the rerun needs its lock


def remote_dump(url: str) -> bytes:
    """Every quad in the server's named graphs as sorted N-Quads, through SPARQL."""
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": EVERY_QUAD}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        solutions = ox.parse_query_results(response.read(), ox.QueryResultsFormat.JSON)
    quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in solutions]
    return b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))


def by_graph(dump: bytes) -> Graphs:
    """A dump's lines by graph (the last term of each line: "<s> <p> <o> <g> .")."""
    graphs = defaultdict(set)
    for line in dump.splitlines():
        graphs[line.rsplit(b" ", 2)[1]].add(line)
    return {iri: frozenset(lines) for iri, lines in graphs.items()}


def assert_each_graph_is_one_version(state: Graphs, before: Graphs, after: Graphs) -> None:
    """Each graph as the load found it or as the load leaves it, whole; none lost, none extra."""
    for iri in sorted(state.keys() | before.keys() | after.keys()):
        found, old, new = state.get(iri), before.get(iri), after.get(iri)
        if found not in (old, new):
            sizes = [len(g) if g is not None else "absent" for g in (found, old, new)]
            raise AssertionError(f"{iri.decode()} holds {sizes[0]} quads, the old version {sizes[1]}, the new {sizes[2]}: "
                                 f"{len(found - (new or frozenset())) if found else 0} of them not in the new")


def test_the_check_finds_a_mixed_graph_a_lost_one_and_one_of_no_version():
    g, h = b"<http://example.org/g>", b"<http://example.org/h>"
    old = {g: frozenset({b'<http://example.org/s> <http://example.org/p> "old" <http://example.org/g> .'})}
    new = {g: frozenset({b'<http://example.org/s> <http://example.org/p> "new" <http://example.org/g> .'})}
    for state in ({g: old[g] | new[g]}, {}, {**new, h: new[g]}):
        with pytest.raises(AssertionError):
            assert_each_graph_is_one_version(state, old, new)
    for state in (old, new):
        assert_each_graph_is_one_version(state, old, new)
    assert_each_graph_is_one_version({}, {}, new)  # not loaded yet


def kg_count(server: ForkServer, where: list, log: Path) -> int | None:
    """The store's quad count as ``kg query`` answers it, None when it says there is no store."""
    code = server.run(["query", COUNT, "-f", "csv", *where], log)
    text = log.read_text()
    assert "Traceback" not in text and "panicked" not in text, text
    if code == 2:  # no store yet, or one a kill stopped RocksDB making: the rerun makes it whole
        assert len(text.strip().splitlines()) == 1 and ("no store here" in text or "run the load again" in text), text
        return None
    assert code == 0, text
    return int(text.split()[-1])


class Versions:
    """The check after each kill and each rerun: every graph one whole version, as the run found it
    (``before[target]``, set when the run is prepared) or as the reference run left it; after a
    rerun, the reference byte for byte. It counts the kills that left a state between the two, so
    that a suite whose kills all land before or after the load fails."""

    def __init__(self, server: ForkServer, dump: Callable[[Path], bytes], where: Callable[[Path], list]):
        self.server, self.dump, self.where = server, dump, where
        self.before: dict[Path, Graphs] = {}
        self.reference, self.after = b"", {}
        self.between = 0

    def take_reference(self, reference: Path) -> None:
        self.reference = self.dump(reference)
        self.after = by_graph(self.reference)
        assert IDENTITY_GRAPH in self.after and len(self.after) > 3  # ontology, identity, articles
        assert all(self.after != before for before in self.before.values())

    def __call__(self, reference: Path, target: Path, whole: bool = False) -> None:
        if whole:
            assert self.dump(target) == self.reference
            return
        count = kg_count(self.server, self.where(target), target.parent / "query.log")
        dump = self.dump(target)
        state = by_graph(dump)
        assert dump == b"" if count is None else count == dump.count(b"\n")
        before = self.before[target]
        assert_each_graph_is_one_version(state, before, self.after)
        self.between += state not in (before, self.after)


def run_suite(server: ForkServer, tmp_path: Path, versions: Versions, args_for: Callable[[Path], list],
              prepare: Callable[[Path], None]) -> None:
    outcomes = kill_at_random_points(server, tmp_path, args_for, versions, prepare=prepare,
                                     on_reference=versions.take_reference)
    assert set(outcomes) <= {0, -signal.SIGKILL}
    assert versions.between > 0, f"no kill landed mid-load: {outcomes}"


def run_embedded_suite(server: ForkServer, tmp_path: Path, inputs: Inputs, runs: list[tuple[Path | None, Path]]) -> None:
    """Runs that load into TARGET/store, each (start, input) of ``runs`` in turn: ``start`` a store
    to copy first (None: no store yet); all of them end in the same store."""
    versions = Versions(server, lambda target: embedded_dump(target / "store"), lambda target: ["--store", target / "store"])
    states = {start: by_graph(inputs.dumps[start]) if start is not None else {} for start, _ in runs}
    turns, chosen = itertools.cycle(runs), {}

    def prepare(target: Path) -> None:
        start, _ = chosen[target] = next(turns)
        target.mkdir()
        if start is not None:
            shutil.copytree(start, target / "store")
        versions.before[target] = states[start]

    run_suite(server, tmp_path, versions, lambda target: ["load", chosen[target][1], "--store", target / "store", "-q"],
              prepare)


# ---------------------------------------------------------------- the embedded store


def test_kill_9_during_a_load_of_articles_leaves_each_graph_one_whole_version(server, inputs, tmp_path):
    """Into a store holding the old versions of half the articles: each one stays old or becomes new."""
    run_embedded_suite(server, tmp_path, inputs, [(inputs.old_store, inputs.new_articles)])


def _shard_folder(folder: Path, export: Path, shards: int) -> Path:
    """``export``'s graphs in ``shards`` gzipped N-Quads files and a manifest, as kg export --cluster
    leaves them (each article's quads together, its graph in one shard)."""
    lines = defaultdict(list)
    for quad in ox.parse(path=str(export), format=ox.RdfFormat.N_QUADS):
        lines[quad.graph_name.value].append(f"{quad} .\n".encode())
    graphs = [b"".join(sorted(graph)) for _, graph in sorted(lines.items())]
    folder.mkdir()
    entries = []
    for i in range(shards):
        name = f"part-{i:05d}.nq.gz"
        data = gzip.compress(b"".join(graphs[i::shards]), mtime=0)
        (folder / name).write_bytes(data)
        entries.append({"name": name, "articles": len(graphs[i::shards]), "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(), "failed": []})
    (folder / "_manifest.json").write_text(json.dumps({"kg_manifest": 1, "shards": entries}))
    return folder


def test_kill_9_during_a_load_of_an_export_or_its_shards_leaves_each_graph_one_whole_version(server, inputs, tmp_path):
    """In turn: the export into no store (the bulk loader), into a store holding the old versions of
    half its articles (graph by graph), and its shards into no store (the bulk loader, in threads)."""
    shards = _shard_folder(tmp_path / "shards", inputs.new, SHARDS)
    run_embedded_suite(server, tmp_path, inputs, [(None, inputs.new), (inputs.old_copies_store, inputs.new), (None, shards)])


# ---------------------------------------------------------------- a real oxigraph server


@pytest.fixture(scope="module")
def oxigraph_in_memory():
    """A real oxigraph server on a free loopback port, its store in memory: the one on disk grows
    slower with each of the suite's DROP ALLs (a second a load after a few dozen), this one does not."""
    with oxigraph_serve() as url:
        yield url


def test_kill_9_during_a_load_to_oxigraph_serve_leaves_each_graph_old_or_new(server, inputs, oxigraph_in_memory, tmp_path):
    url = oxigraph_in_memory
    versions = Versions(server, lambda target: remote_dump(url), lambda target: ["--endpoint", url])
    old = inputs.dumps[inputs.old_copies_store]

    def prepare(target: Path) -> None:  # the old versions of half the articles, the ontology, their identity graph
        assert post(f"{url}/update", b"DROP ALL", "application/sparql-update") == 204
        assert post(f"{url}/store", old, "application/n-quads") in (200, 201, 204)
        versions.before[target] = by_graph(old)

    run_suite(server, tmp_path, versions, lambda target: ["load", inputs.new, "--endpoint", url, "-q"], prepare)


# ---------------------------------------------------------------- what a kill can leave, reproduced


HALF_MADE_STORE = Path(__file__).parent / "data" / "half-made-store"  # a RocksDB manifest, no storage version


@pytest.mark.parametrize("left", ["only RocksDB's LOG", "no CURRENT file", "no storage version"])
def test_a_store_a_load_was_killed_making_is_one_line_to_readers_and_the_next_load_completes_it(left, inputs, tmp_path):
    """What kills inside ``ox.Store(path)`` left (as the suite's runs found them): reading said
    "IO error: ... CURRENT: No such file or directory" or "Inserts are only possible on read-write
    instances" (or gave a RuntimeError traceback: no column families yet)."""
    store = tmp_path / "store"
    if left == "no storage version":
        shutil.copytree(HALF_MADE_STORE, store)
    else:
        store.mkdir()
    (store / "LOG").write_bytes(b"")  # RocksDB's first files
    if left != "only RocksDB's LOG":
        (store / "LOCK").write_bytes(b"")
    for command in (["query", COUNT], ["stats"], ["serve", "--port", free_port()]):
        result = run_kg(*command, "--store", store)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"{store}: the store is incomplete (a kg load was stopped while creating it): run the load again"
    assert run_kg("load", inputs.new, "--store", store, "-q").exit_code == 0
    assert embedded_dump(store).count(b"\n") == int(run_kg("query", COUNT, "-f", "csv", "--store", store).stdout.split()[-1]) > 0


def test_a_folder_that_is_no_store_is_one_line_not_an_incomplete_store(tmp_path):
    (tmp_path / "notes.txt").write_text("not a store")
    result = run_kg("query", COUNT, "--store", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path}: not a store (load one with 'kg load INPUT --store {tmp_path}')"
