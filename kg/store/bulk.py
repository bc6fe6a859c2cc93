"""``kg load`` at the bulk loader's speed: shard folders (``part-NNNNN.nq.gz`` + ``_manifest.json``,
as ``kg export --cluster`` writes them), ``.nq.gz`` files and N-Quads files.

Into a fresh embedded store they go through pyoxigraph's bulk loader (``Store.bulk_load``): the
shards of one export in one call (atomic; when it fails, each shard on its own, in parallel threads,
so a bad shard adds nothing), while a thread decides the identity and names graphs from the same bytes. Into a store that already holds articles, or a remote one, they go graph by graph
through each store's ``replace_graph``, so that a reload replaces every article's graph and nothing
doubles. Only the shards of one export are bulk-loaded together: their article graphs are disjoint.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg.graph import identity_graph_iri, names_graph_iri
from kg.settings import Settings
from kg.store.embedded import EmbeddedStore
from kg.store.errors import first_line
from kg.store.graphs import (ONTOLOGY_GRAPH, GraphStore, LoadReport, NamedGraph, graphs_from_inputs,
                             graphs_from_rdf_file, load, ontology_named_graph, split_by_article)

if TYPE_CHECKING:
    from kg.ingest import ArticleResult

MANIFEST = "_manifest.json"  # as kg/cluster.py writes it (kept apart so the store needs no Dask)


@dataclass
class QuadFiles:
    """N-Quads files to load as one: the shards of one export (``grouped``: each article's quads are
    contiguous, its graph disjoint from the other shards'), or a single file."""

    files: list[Path]
    sha256: dict[Path, str] = field(default_factory=dict)  # from the manifest, checked as each is read
    grouped: bool = False


def is_quad_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".nq.gz") or name.endswith(".nq")


def load_inputs(store: GraphStore, inputs: Iterable[str | Path], settings: Settings | None = None,
                on_problem: Callable[[str], None] = lambda line: None,
                on_result: Callable[["ArticleResult"], None] = lambda result: None,
                on_failed: Callable[[str], None] = lambda source: None,
                threads: int | None = None) -> LoadReport:
    """``kg load INPUT...``: the ontology's graph, then each input in order. Shard folders and N-Quads
    files go through the bulk loader while the embedded store holds no article yet; everything else
    (and they, once it does) goes graph by graph; then the store's identity graph is decided anew
    (kg/store/identity.py). Problems are lines to ``on_problem``, inputs that gave nothing named to
    ``on_failed``; a StoreError stops the load."""
    settings = settings or Settings()
    start = time.perf_counter()
    report = load(store, [], with_ontology=True)
    # The identity and names graphs of the first bulk-loaded files, computed from their bytes and
    # written while the bulk loader writes the files (it releases the GIL; the machine's other core
    # is idle): kept when the store ends up holding exactly those files, else decided anew from the
    # store as for other loads.
    aside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-identity")
    derived: Future | None = None
    exact = True
    try:
        for unit in _units(inputs, on_problem, on_failed):
            if isinstance(unit, QuadFiles) and isinstance(store, EmbeddedStore) and _holds_no_article(store):
                if derived is None and exact:
                    derived = aside.submit(_derived_from_files, store, unit.files, settings.base)
                    exact = _bulk_load(store, unit, report, on_problem, on_failed, threads, settings.base, derived)
                else:
                    exact = False
                    _bulk_load(store, unit, report, on_problem, on_failed, threads, settings.base)
                continue
            exact = False
            graphs = (graphs_from_quad_files(unit, settings.base, on_problem, on_failed) if isinstance(unit, QuadFiles)
                      else graphs_from_inputs(unit, settings, on_problem, on_result, on_failed))
            part = load(store, graphs, with_ontology=False)
            report.graphs += part.graphs
            report.triples += part.triples
        graphs, written = derived.result() if derived is not None else (None, False)
        if written and not exact:  # written for files the store does not hold exactly: not the store's
            for graph in graphs:
                store.store.remove_graph(ox.NamedNode(graph.iri))
            graphs, written = None, False
        if len(report.graphs) > 1 and not written:  # articles came in: the corpus-level identity links, decided anew
            from kg.store.identity import refresh_identity  # kg.resolve reads the name lexicons: only when needed

            refresh_identity(store, settings.base, graphs if exact else None)
    finally:
        aside.shutdown(wait=False, cancel_futures=True)
    report.seconds = time.perf_counter() - start
    return report


def _derived_from_files(store: EmbeddedStore, files: list[Path], base: str):
    """The identity and names graphs of a store that holds exactly ``files`` and whether they are in
    ``store`` already (kg/store/identity.py: derive_and_write); (None, False) when the files cannot
    be read (the bulk loader then says why, and the graphs are decided from the store)."""
    from kg.store.identity import derive_and_write

    try:
        return derive_and_write(store, files, base)
    except (OSError, SyntaxError, ValueError, EOFError):
        return None, False


def _units(inputs: Iterable[str | Path], on_problem: Callable[[str], None],
           on_failed: Callable[[str], None]) -> Iterator[QuadFiles | list[str]]:
    """The inputs as loading units, in order: shard folders and N-Quads files as QuadFiles (the
    shards of one manifest together), runs of other inputs as lists."""
    others: list[str] = []
    for item in inputs:
        path = Path(item)
        unit = None
        if str(item) != "-" and path.is_dir() and (path / MANIFEST).is_file():
            unit = _manifest_shards(path, on_problem, on_failed)
        elif str(item) != "-" and path.is_dir() and any(path.glob("*.nq.gz")):
            on_problem(f"{path}: no {MANIFEST} (an export that did not finish?): loading its .nq.gz files one by one")
            for file in sorted(path.glob("*.nq.gz")):
                yield QuadFiles([file])
            continue
        elif is_quad_file(path) and path.is_file():
            unit = QuadFiles([path])
        if unit is None:
            others.append(str(item))
            continue
        if others:
            yield others
            others = []
        yield unit
    if others:
        yield others


def _manifest_shards(folder: Path, on_problem: Callable[[str], None], on_failed: Callable[[str], None]) -> QuadFiles | None:
    """The shards a manifest lists (a shard whose task failed has none); a missing one is reported."""
    manifest = folder / MANIFEST
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["shards"]
        listed = [(folder / e["name"], e.get("sha256", "")) for e in entries if "error" not in e]
        for entry in entries:
            if "error" in entry:
                on_problem(f"{folder / entry['name']}: not loaded: its export failed ({entry['error']})")
    except (OSError, ValueError, KeyError, TypeError) as err:
        on_problem(f"{manifest}: cannot read the manifest: {first_line(err)}")
        on_failed(str(folder))
        return None
    unit = QuadFiles([], grouped=True)
    for path, digest in listed:
        if not path.is_file():
            on_problem(f"{path}: missing (listed in {manifest})")
            on_failed(str(path))
            continue
        unit.files.append(path)
        unit.sha256[path] = digest
    return unit


def _holds_no_article(store: EmbeddedStore) -> bool:
    """No quad outside the ontology's graph: loading cannot replace anything, so the bulk loader may add."""
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    if next(iter(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return all(graph == ontology for graph in store.store.named_graphs())


def _bulk_load(store: EmbeddedStore, unit: QuadFiles, report: LoadReport, on_problem: Callable[[str], None],
               on_failed: Callable[[str], None], threads: int | None, base: str,
               derived: Future | None = None) -> bool:
    """Bulk-load the unit's files: the shards of one export in one call, else (or when that call
    fails) each file on its own, several at a time; count what the store gained, without the
    identity and names graphs that ``derived`` wrote meanwhile. True when the store now holds
    exactly the files' quads (every file loaded, none in the default graph)."""
    before = len(store.store)
    if not (unit.grouped and len(unit.files) > 1 and _bulk_load_shards(store.store, unit, threads, base)):
        exact = _bulk_load_each(store, unit, on_problem, on_failed, threads)
    else:
        exact = True
    exact = not _adopt_default_graph(store, unit) and exact
    graphs, written = derived.result() if derived is not None else (None, False)
    ours = {ONTOLOGY_GRAPH} | ({g.iri for g in graphs} if written else set())
    report.graphs += [g.value for g in store.store.named_graphs() if g.value not in ours]
    report.triples += len(store.store) - before - (sum(len(g.triples) for g in graphs) if written else 0)
    return exact


def _bulk_load_shards(target: ox.Store, unit: QuadFiles, threads: int | None, base: str) -> bool:
    """The shards in one bulk-load call per core, each over a run of them as one stream (40 calls
    cost more CPU than a few; one call leaves a core idle). The calls are atomic: when any shard is
    bad (or holds a blank node, which a shard of its own would keep apart) all that loaded is taken
    out again and False says to load them one by one."""
    groups = max(1, min(len(unit.files), threads or os.cpu_count() or 1))
    size = -(-len(unit.files) // groups)
    runs = [QuadFiles(unit.files[i:i + size], unit.sha256, True) for i in range(0, len(unit.files), size)]

    def one(run: QuadFiles) -> bool:
        try:
            target.bulk_load(_Shards(run), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError, EOFError):
            return False
        return True

    with ThreadPoolExecutor(max_workers=len(runs), thread_name_prefix="kg-bulk-load") as pool:
        if all(list(pool.map(one, runs))):
            return True
    # The store held no article: what the calls that went through added goes again (all but the
    # ontology's graph and the identity and names graphs, which are decided after), to be loaded again
    # one by one, where the bad shard is named.
    kept = {ONTOLOGY_GRAPH, str(identity_graph_iri(base)), str(names_graph_iri(base))}
    for graph in list(target.named_graphs()):
        if graph.value not in kept:
            target.remove_graph(graph)
    target.clear_graph(ox.DefaultGraph())
    return False


def _bulk_load_each(store: EmbeddedStore, unit: QuadFiles, on_problem: Callable[[str], None],
                    on_failed: Callable[[str], None], threads: int | None) -> bool:
    """Each file in its own bulk-load call, several at a time; False when any failed (reported)."""
    workers = max(1, min(len(unit.files), threads or os.cpu_count() or 1))

    def one(path: Path) -> str | None:
        try:
            _bulk_load_file(store.store, path, unit.sha256.get(path, ""))
        except (OSError, SyntaxError, ValueError, EOFError) as err:
            return first_line(err)
        return None

    loaded = True
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-bulk-load") as pool:
        for path, error in zip(unit.files, pool.map(one, unit.files)):
            if error is not None:
                on_problem(f"{path}: cannot load: {error}")
                on_failed(str(path))
                loaded = False
    return loaded


class _Shards:
    """One binary reader over the decompressed shards in turn (each checked against its sha256 as
    it is read, a line end between them); raises on a blank node label (``_:``), whose scope in one
    stream would be all the shards."""

    def __init__(self, unit: QuadFiles):
        self.unit, self.next, self.current, self.raw, self.tail = unit, 0, None, None, b""

    def read(self, size: int = -1) -> bytes:
        while True:
            if self.current is None:
                if self.next == len(self.unit.files):
                    return b""
                path = self.unit.files[self.next]
                self.next += 1
                self.raw = open(path, "rb")
                self.current = gzip.GzipFile(fileobj=_Checksummed(self.raw, self.unit.sha256.get(path, ""), path), mode="rb")
                self.tail = b""
            data = self.current.read(size)
            if data:
                if b"_:" in self.tail + data[:1] or b"_:" in data:
                    raise ValueError("a blank node: the shards are loaded one by one")
                self.tail = data[-1:]
                return data
            self.current.close()
            self.raw.close()
            self.current = None
            return b"\n"

    def readable(self) -> bool:
        return True


def _bulk_load_file(target: ox.Store, path: Path, sha256: str = "") -> None:
    """One file into ``target`` through the bulk loader, atomically: a parse error, a truncated file or
    a checksum that differs from the manifest's leaves nothing of it in the store."""
    if not path.name.lower().endswith(".gz"):
        target.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)  # parses in parallel itself
        return
    with open(path, "rb") as raw:
        checked = _Checksummed(raw, sha256, path)
        with gzip.GzipFile(fileobj=checked, mode="rb") as quads:
            target.bulk_load(quads, format=ox.RdfFormat.N_QUADS)


class _Checksummed:
    """A binary reader that raises at the end of ``raw`` when its sha256 is not ``expected`` (if given),
    so that the bulk loader, still reading, commits nothing."""

    def __init__(self, raw: BinaryIO, expected: str, path: Path):
        self.raw, self.expected, self.path = raw, expected, path
        self.hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.hash.update(data)
        if not data and self.expected and self.hash.hexdigest() != self.expected:
            raise ValueError(f"sha256 {self.hash.hexdigest()} differs from the manifest's {self.expected}")
        return data

    def readable(self) -> bool:
        return True


def _adopt_default_graph(store: EmbeddedStore, unit: QuadFiles) -> bool:
    """Triples an N-Quads file put in the default graph (kg's own never do) go to their article's
    graph, as the graph-by-graph path puts them (``split_by_article``). True when there were any."""
    loose = list(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if not loose:
        return False
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in loose]
    for quad in loose:
        store.store.remove(quad)
    for graph in split_by_article(triples, unit.files[0]):
        store.replace_graph(graph)
    return True


def graphs_from_quad_files(unit: QuadFiles, base: str, on_problem: Callable[[str], None],
                           on_failed: Callable[[str], None]) -> Iterator[NamedGraph]:
    """The named graphs of the unit's files, for the graph-by-graph path. A shard of kg's holds each
    article's quads together, so it streams a graph at a time; other files are read whole."""
    for path in unit.files:
        try:
            if unit.grouped:
                yield from _consecutive_graphs(_gzip_quads(path, unit.sha256.get(path, "")), str(path))
            else:
                yield from graphs_from_rdf_file(path, base)
        except (OSError, SyntaxError, ValueError, EOFError) as err:
            on_problem(f"{path}: cannot read RDF: {first_line(err)}")
            on_failed(str(path))


def _gzip_quads(path: Path, sha256: str = "") -> Iterator[ox.Quad]:
    with open(path, "rb") as raw, gzip.GzipFile(fileobj=_Checksummed(raw, sha256, path), mode="rb") as data:
        yield from ox.parse(data, format=ox.RdfFormat.N_QUADS)


def _consecutive_graphs(quads: Iterable[ox.Quad], source: str) -> Iterator[NamedGraph]:
    graph, triples = None, []
    for quad in quads:
        if quad.graph_name != graph:
            if triples:
                yield NamedGraph(graph.value, tuple(triples), source)
            graph, triples = quad.graph_name, []
        triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    if triples:
        yield NamedGraph(graph.value, tuple(triples), source)
