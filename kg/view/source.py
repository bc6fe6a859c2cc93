"""The one place the view reads the store: SPARQL SELECT queries, answered as rows of plain strings.

Two sources answer the same queries the same way: an on-disk pyoxigraph store opened read-only (for
``kg view``), and a SPARQL endpoint over HTTP (for ``kg serve``, whose oxigraph process owns the
store: opening it read-only beside a writer is undefined behaviour in RocksDB). Both take the default
graph as the union of the article graphs, so the view's queries need no GRAPH clauses.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.graph import PREFIXES

Row = dict[str, str]  # variable name -> the term's value (an IRI's text, a literal's lexical form)

TIMEOUT_S = 60


class SourceError(Exception):
    """The store cannot be read; said in one line that names it."""


class Source(Protocol):
    name: str

    def select(self, query: str) -> Iterator[Row]: ...

    def close(self) -> None: ...


def _rows(solutions: ox.QuerySolutions) -> Iterator[Row]:
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {n: t.value for n, t in zip(names, solution) if t is not None}


def _with_prefixes(query: str) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + query


class StoreSource:
    """An on-disk store, opened read-only (another reader, such as ``kg query``, may share it)."""

    def __init__(self, path: str | Path):
        self.name = str(path)
        if not Path(path).is_dir():
            raise SourceError(f"{path}: no store here (load one with 'kg load INPUT --store {path}')")
        try:
            self._store = ox.Store.read_only(str(path))
        except OSError as err:
            raise SourceError(f"{path}: cannot open the store: {str(err).splitlines()[0] if str(err) else err}") from None

    def select(self, query: str) -> Iterator[Row]:
        try:
            solutions = self._store.query(_with_prefixes(query))
        except (SyntaxError, OSError) as err:
            raise SourceError(f"{self.name}: query failed: {err}") from None
        return _rows(solutions)

    def close(self) -> None:
        del self._store


class EndpointSource:
    """A SPARQL 1.1 query endpoint whose default graph is the union of the graphs (``oxigraph serve
    --union-default-graph``), asked over HTTP; results are parsed by pyoxigraph as they arrive."""

    def __init__(self, query_url: str):
        self.name = query_url

    def select(self, query: str) -> Iterator[Row]:
        body = urllib.parse.urlencode({"query": _with_prefixes(query)}).encode()
        request = urllib.request.Request(self.name, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                data = response.read()
        except urllib.error.HTTPError as err:
            raise SourceError(f"{self.name}: HTTP {err.code}: {err.read(300).decode('utf-8', 'replace').strip()}") from None
        except OSError as err:
            raise SourceError(f"{self.name}: cannot reach the endpoint: {getattr(err, 'reason', err)}") from None
        return _rows(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))

    def close(self) -> None:
        pass
