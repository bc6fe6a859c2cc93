"""The embedded store: a pyoxigraph store on disk (or in memory), no server."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.sparql_results import QueryResult
from kg.store.errors import StoreError, first_line
from kg.store.graphs import NamedGraph
from kg.store.sparql_text import Term, bind_values, uses_service

DEFAULT_STORE = "out/store"
# What opening read-only says of a store a killed load left half-made (RocksDB had not written its
# CURRENT file, or no column families yet, or oxigraph no storage version).
_INCOMPLETE = ("current: no such file", "column family not found", "only possible on read-write")
_FIRST_FILES = ("LOG", "LOCK", "IDENTITY")  # what RocksDB writes first in a store it makes


class EmbeddedStore:
    """A pyoxigraph store on disk (or in memory when ``path`` is None). It answers SERVICE clauses
    (calls to other servers, which pyoxigraph makes over HTTP) only when ``allow_service``."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, read_only: bool = False, allow_service: bool = False):
        self.name = str(path) if path is not None else "(memory)"
        self.read_only = read_only
        self.allow_service = allow_service
        if read_only and path is not None and not (Path(path).is_dir() and any(Path(path).iterdir())):
            raise StoreError(f"{self.name}: no store here (load one with 'kg load INPUT --store {self.name}')")
        try:
            if read_only and path is not None:
                self.store = ox.Store.read_only(str(path))
            elif path is not None:
                Path(path).mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
            else:
                self.store = ox.Store()
        except (OSError, RuntimeError) as err:
            text = first_line(err)
            said = text.replace(str(path), "").lower()  # what went wrong, without the store's own path
            if "lock" in said:
                raise StoreError(f"{self.name}: store is in use by another process (is 'kg serve' running on it?)")
            if read_only and any(sign in said for sign in _INCOMPLETE):
                if not any((Path(path) / name).exists() for name in _FIRST_FILES):  # some other folder
                    raise StoreError(f"{self.name}: not a store (load one with 'kg load INPUT --store {self.name}')") from None
                # A load killed while oxigraph was making the store; opening it for writing completes it.
                raise StoreError(f"{self.name}: the store is incomplete (a kg load was stopped while creating it): "
                                 "run the load again") from None
            raise StoreError(f"{self.name}: cannot open store: {getattr(err, 'strerror', None) or text}") from None

    def replace_graph(self, graph: NamedGraph) -> None:
        """Make the named graph hold exactly ``graph.triples``, in one transaction.

        Only the difference is written: a new graph is one ``extend``; a changed one is one update
        that deletes the triples that went and inserts those that came (an unchanged reload writes
        nothing). Reading the old graph first is safe because this process holds the store's lock,
        so no other writer can change it in between. Blank nodes have no identity across parses,
        so a graph with any is dropped and inserted whole instead."""
        g = ox.NamedNode(graph.iri)
        try:
            old = {ox.Triple(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(None, None, None, g)}
            new = set(graph.triples)
            if _has_blank_nodes(old) or _has_blank_nodes(new):
                self.store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{graph.ntriples().decode('utf-8')}}} }}")
                return
            removed, added = old - new, new - old
            if not removed:
                self.store.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in added)
            else:
                self.store.update(f"DELETE DATA {{ GRAPH {g} {{\n{_ntriples(removed)}}} }} ;\n"
                                  f"INSERT DATA {{ GRAPH {g} {{\n{_ntriples(added)}}} }}")
        except OSError as err:
            raise StoreError(f"{self.name}: cannot write graph {graph.iri}: {first_line(err)}") from None

    def query(self, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
        """The answer to ``text``, with the default graph the union of all graphs. A SELECT answer
        is evaluated as it is read, so the store must stay open until it has been."""
        if not self.allow_service and uses_service(text):
            raise StoreError("query: SERVICE would call another server; the embedded store makes "
                             "SERVICE calls only when asked (kg query --allow-service)")
        # Parameters go in as a VALUES block, as for a remote store: pyoxigraph's substitutions=
        # only accepts variables of the SELECT projection, and pack parameters are filters.
        try:
            answer = self.store.query(bind_values(text, params or {}), use_default_graph_as_union=True)
        except SyntaxError as err:
            raise StoreError(f"query: {first_line(err)}") from None
        except OSError as err:
            raise StoreError(f"{self.name}: {first_line(err)}") from None
        return QueryResult(answer)

    def close(self) -> None:
        if not self.read_only:
            self.store.flush()
        del self.store


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if triples else ""


def _has_blank_nodes(triples: Iterable[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
