"""A remote store: any SPARQL 1.1 endpoint over HTTP, its URLs and the credentials it is sent.

Credentials come from the environment (KG_ENDPOINT_TOKEN, or KG_ENDPOINT_USER and
KG_ENDPOINT_PASSWORD) or from ~/.netrc, never from the command line where ``ps`` shows them.
"""

from __future__ import annotations

import base64
import netrc
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kg.sparql_results import AnswerError, QueryResult
from kg.store.errors import StoreError, first_line
from kg.store.graphs import NamedGraph
from kg.store.sparql_text import Term, bind_values

TIMEOUT_S = 60
REPLACE_ATTEMPTS = 8  # replacing a graph another loader keeps changing; the pauses add up to ~2.5 s
# What kg reads back: SPARQL results for SELECT/ASK, RDF for CONSTRUCT/DESCRIBE; the server picks
# by the query's form and says which in the Content-Type.
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.9, text/turtle;q=0.8")


@dataclass(frozen=True)
class Endpoint:
    """The URLs of a SPARQL 1.1 store: query, update and Graph Store Protocol."""

    query_url: str
    update_url: str
    store_url: str


def endpoint_from(url: str, query_url: str | None = None, update_url: str | None = None,
                  store_url: str | None = None) -> Endpoint:
    """From a base URL, the oxigraph server's layout (URL/query, URL/update, URL/store); each can be set.

    A URL whose path ends in ``/sparql`` is one endpoint that answers queries and updates alike
    (Virtuoso's ``/sparql``, also QLever's and Blazegraph's layout): both go to it."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise StoreError(f"--endpoint {url or repr(url)}: not an http(s) URL")
    root = url.rstrip("/")
    if parsed.path.rstrip("/").endswith("/sparql"):
        return Endpoint(query_url or root, update_url or root, store_url or f"{root}-graph-crud")
    return Endpoint(query_url or f"{root}/query", update_url or f"{root}/update", store_url or f"{root}/store")


def auth_header(url: str, env: Mapping[str, str] = os.environ, netrc_file: str | None = None) -> str | None:
    """The Authorization header for ``url``: a bearer token or user/password from the environment,
    else the netrc entry for its host; None when there is none."""
    if env.get("KG_ENDPOINT_TOKEN"):
        return f"Bearer {env['KG_ENDPOINT_TOKEN']}"
    user, password = env.get("KG_ENDPOINT_USER"), env.get("KG_ENDPOINT_PASSWORD")
    if not user:
        host = urllib.parse.urlsplit(url).hostname or ""
        try:
            entry = netrc.netrc(netrc_file).authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            entry = None
        if entry:
            user, _, password = entry
    if not user:
        return None
    return "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")


class RemoteStore:
    """A SPARQL 1.1 endpoint over HTTP (urllib only)."""

    def __init__(self, endpoint: Endpoint, auth: str | None = None):
        self.endpoint = endpoint
        self.name = endpoint.query_url.rsplit("/", 1)[0]
        self.auth = auth

    def _request(self, url: str, method: str, body: bytes | None = None, content_type: str | None = None,
                 accept: str | None = None) -> tuple[bytes, str]:
        """The response's body and Content-Type; any failure is one StoreError line naming ``url``."""
        headers = {"User-Agent": "kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.auth:
            headers["Authorization"] = self.auth
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        where = url.split("?", 1)[0]  # name the endpoint, not the graph parameter
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
            hint = " (set KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD, KG_ENDPOINT_TOKEN or a ~/.netrc entry)" \
                if err.code in (401, 403) else ""
            raise StoreError(f"{where}: HTTP {err.code} {err.reason}{hint}"
                             + (f": {detail[0][:200]}" if detail and not hint else "")) from None
        except urllib.error.URLError as err:
            reason = getattr(err.reason, "strerror", None) or str(err.reason)
            raise StoreError(f"{where}: cannot connect: {reason}") from None
        except (TimeoutError, OSError) as err:
            raise StoreError(f"{where}: {first_line(err) or type(err).__name__}") from None

    def update(self, text: str) -> None:
        self._request(self.endpoint.update_url, "POST", text.encode("utf-8"), "application/sparql-update")

    def replace_graph(self, graph: NamedGraph) -> None:
        """Replace the named graph by ``graph.triples``, whole, even with another loader at work.

        One SPARQL update ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` replaces the
        graph, so readers and failures see the old graph or the whole new one (SPARQL 1.1 Update,
        section 2.2). That alone does not isolate two loaders: the oxigraph server (0.5) runs
        concurrent updates on snapshots without conflict checks, so two that overlap both drop
        nothing and the graph ends up holding both versions (measured: 4 of 40 rounds of two
        simultaneous updates; PUT 14 of 60). So the graph is counted after each update: when
        another update overlapped ours, it holds our triples and more, and each loader replaces
        again, after a random pause, until the count is no more than ours. (A later whole replace
        by the other loader may pass too: either way the graph is one whole version, never a mix.)"""
        g = ox.NamedNode(graph.iri)
        update = f"DROP SILENT GRAPH {g}"
        if graph.triples:  # an empty INSERT DATA block is a syntax error to some stores (Virtuoso)
            update += f" ;\nINSERT DATA {{ GRAPH {g} {{\n{graph.ntriples().decode('utf-8')}}} }}"
        size = len(set(graph.triples))
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"
        for attempt in range(REPLACE_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, 0.01 * 2 ** attempt))
            self.update(update)
            found = self._count(count)
            if found is not None and found <= size:  # fewer: the store merged equal literals ("5"^^xsd:nonNegativeInteger is "5"^^xsd:integer to oxigraph)
                return
        raise StoreError(f"{self.name}: graph {graph.iri} was changed by another writer each of "
                         f"{REPLACE_ATTEMPTS} times it was replaced")

    def _count(self, query: str) -> int | None:
        try:
            rows = self.query(query).rows
            return int(rows[0]["n"].value) if rows and "n" in rows[0] else None
        except (AnswerError, ValueError) as err:
            raise StoreError(f"{self.endpoint.query_url}: {err}") from None

    def query(self, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
        """The endpoint's answer, read as its Content-Type says (SPARQL results or RDF)."""
        body = urllib.parse.urlencode({"query": bind_values(text, params or {})}).encode("ascii")
        data, content_type = self._request(self.endpoint.query_url, "POST", body,
                                           "application/x-www-form-urlencoded", accept=ACCEPT)
        try:
            return QueryResult.from_http(data, content_type)
        except AnswerError as err:
            raise StoreError(f"{self.endpoint.query_url}: {err}") from None

    def close(self) -> None:
        pass
