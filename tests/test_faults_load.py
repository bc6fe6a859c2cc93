"""kg load killed at random points (SIGKILL): the store opens, every graph in it is one whole version
(as the load found it or as the load leaves it: article graphs, the ontology's and the identity
graph alike), and a rerun gives the reference store byte for byte (sorted N-Quads).

The embedded store is killed loading articles, an N-Quads export (the bulk loader, into a fresh
store), shards (the bulk loader on gzipped files in threads) and an export of changed versions into
a store holding the old ones (graph by graph); a real ``oxigraph serve`` is killed being loaded
with changed versions over SPARQL. Each run is a real process forked from a warm server
(tests/fork_server.py), killed after a delay drawn from a fixed seed over the load's measured time.
"""

from __future__ import annotations

import gzip
import hashlib
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

from fork_server import ForkServer, kill_at_random_points
from test_store_faults import oxigraph, post  # noqa: F401 (oxigraph: the module's own real server)

ARTICLES = 24
BULK_COPIES = 8  # the export again under other ids: enough quads that kills land inside the bulk loader
COPIES = 3  # graph by graph (and over HTTP) fewer graphs take as long
SHARDS = 4
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EVERY_QUAD = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"

Graphs = dict[bytes, frozenset[bytes]]  # graph IRI -> its quads (N-Quads lines)


@pytest.fixture(scope="module")
def server():
    server = ForkServer()
    yield server
    server.close()


def _article_text(rng: random.Random, changed: bool) -> str:
    people = ["Angela Merkel", "Olaf Scholz", "Tomás Reis", "Ingrid Halvorsen", "Sergey Lavrov", "Ana Costa"]
    a, b = rng.sample(people, 2)
    place = rng.choice(["Lisbon", "Oslo", "Berlin", "Madrid"])
    text = f"{a} met {b} in {place} on Tuesday. \"We agreed,\" {a} said."
    return text + (f" {b} told reporters the talks would go on next week." if changed else "")


def _write_articles(path: Path, count: int, changed: bool) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            text = _article_text(random.Random(i), changed)  # the same people in both versions
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
    bulk_new: Path  # the export of the new versions, repeated under other ids (BULK_COPIES)
    new: Path  # the same, fewer times over (COPIES)
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
    for name, export, copies in (("bulk-new", "new", BULK_COPIES), ("new-copies", "new", COPIES),
                                 ("old-copies", "old", COPIES)):
        (folder / f"{name}.nq").write_bytes(_repeated(exports[export], copies))
    dumps = {}
    for name in ("old", "old-copies"):
        store, log = folder / f"{name}-store", folder / "load.log"
        assert server.run(["load", folder / f"{name}.nq", "--store", store, "-q"], log) == 0, log.read_text()
        dumps[store] = embedded_dump(store)
    return Inputs(articles["new"], folder / "old-store", folder / "bulk-new.nq", folder / "new-copies.nq",
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
    """Checks a store against the state it started from and the reference load's: called after each
    kill (``whole=False``) and after each rerun (``whole=True``); counts the kills that left a state
    between the two, so that a suite whose kills all land before or after the load fails."""

    def __init__(self, server: ForkServer, before: bytes, dump: Callable[[Path], bytes],
                 where: Callable[[Path], list], reference: bytes | None = None):
        self.server, self.dump, self.where = server, dump, where
        self.before = by_graph(before)
        self.reference = reference  # else the dump of the reference run's target, at the first check
        self.after = by_graph(reference) if reference is not None else {}
        self.between = 0

    def __call__(self, reference: Path, target: Path, whole: bool = False) -> None:
        if self.reference is None:
            self.reference = self.dump(reference)
            self.after = by_graph(self.reference)
            assert self.after != self.before and len(self.after) > 2
        if whole:
            assert self.dump(target) == self.reference
            return
        count = kg_count(self.server, self.where(target), target.parent / "query.log")
        dump = self.dump(target)
        state = by_graph(dump)
        assert dump == b"" if count is None else count == dump.count(b"\n")
        assert_each_graph_is_one_version(state, self.before, self.after)
        self.between += state not in (self.before, self.after)


def _run_suite(server, tmp_path, args_for, versions: Versions, prepare=lambda target: None) -> None:
    outcomes = kill_at_random_points(server, tmp_path, args_for, versions, prepare=prepare)
    assert set(outcomes) <= {0, -signal.SIGKILL}
    assert versions.between > 0, f"no kill landed mid-load: {outcomes}"


def _embedded(server: ForkServer, start: Path | None, inputs: Inputs) -> tuple[Versions, Callable[[Path], None]]:
    """The checks of a store in TARGET/store, and the ``prepare`` that makes it a copy of ``start``."""
    def prepare(target: Path) -> None:
        target.mkdir()
        if start is not None:
            shutil.copytree(start, target / "store")

    before = inputs.dumps[start] if start is not None else b""
    return Versions(server, before, lambda target: embedded_dump(target / "store"),
                    lambda target: ["--store", target / "store"]), prepare


# ---------------------------------------------------------------- the embedded store


def test_kill_9_during_a_load_of_articles_leaves_each_graph_one_whole_version(server, inputs, tmp_path):
    versions, prepare = _embedded(server, inputs.old_store, inputs)
    _run_suite(server, tmp_path, lambda target: ["load", inputs.new_articles, "--store", target / "store", "-q"],
               versions, prepare)


def test_kill_9_during_a_bulk_load_of_an_export_leaves_each_graph_whole_or_absent(server, inputs, tmp_path):
    versions, prepare = _embedded(server, None, inputs)
    _run_suite(server, tmp_path, lambda target: ["load", inputs.bulk_new, "--store", target / "store", "-q"],
               versions, prepare)


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


def test_kill_9_during_a_bulk_load_of_shards_leaves_each_graph_whole_or_absent(server, inputs, tmp_path):
    shards = _shard_folder(tmp_path / "shards", inputs.bulk_new, SHARDS)
    versions, prepare = _embedded(server, None, inputs)
    _run_suite(server, tmp_path, lambda target: ["load", shards, "--store", target / "store", "-q"],
               versions, prepare)


def test_kill_9_during_a_reload_of_changed_versions_leaves_each_graph_old_or_new(server, inputs, tmp_path):
    versions, prepare = _embedded(server, inputs.old_copies_store, inputs)
    _run_suite(server, tmp_path, lambda target: ["load", inputs.bulk_new, "--store", target / "store", "-q"],
               versions, prepare)


# ---------------------------------------------------------------- a real oxigraph server


def test_kill_9_during_a_load_to_oxigraph_serve_leaves_each_graph_old_or_new(server, inputs, oxigraph, tmp_path):
    def prepare(target: Path) -> None:  # the old versions of half the articles, and nothing else
        assert post(f"{oxigraph}/update", b"DROP ALL", "application/sparql-update") == 204
        assert post(f"{oxigraph}/store", inputs.dumps[inputs.old_copies_store], "application/n-quads") in (200, 201, 204)

    def args_for(target: Path) -> list:
        return ["load", inputs.new, "--endpoint", oxigraph, "-q"]

    prepare(tmp_path)
    before = remote_dump(oxigraph)
    assert server.run(args_for(tmp_path), tmp_path / "first.log") == 0, (tmp_path / "first.log").read_text()
    versions = Versions(server, before, lambda target: remote_dump(oxigraph), lambda target: ["--endpoint", oxigraph],
                        reference=remote_dump(oxigraph))
    _run_suite(server, tmp_path, args_for, versions, prepare)
