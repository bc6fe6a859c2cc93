"""The triple store: an embedded Oxigraph store by default, any SPARQL 1.1 endpoint on request.

One named graph per article, the ontology in a named graph of its own (``ONTOLOGY_GRAPH``), so that
queries can follow ``rdfs:subClassOf*``. Loading an article again replaces its graph, atomically
(each store's ``replace_graph`` says how): a failure leaves the store as it was before that article.

Credentials for a remote store come from the environment (KG_ENDPOINT_TOKEN, or KG_ENDPOINT_USER and
KG_ENDPOINT_PASSWORD) or from ~/.netrc, never from the command line where ``ps`` shows them.
"""

from __future__ import annotations

import base64
import itertools
import json
import netrc
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.graph import DEFAULT_BASE
from kg.sparql_results import ASK, GRAPH, QueryResult

ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"
KG_NS = "https://w3id.org/newskg/ontology#"
NIF_CONTEXT = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEFAULT_STORE = "out/store"
QUERY_DIR = Path(__file__).parent / "queries"
RDF_FORMAT_OF_SUFFIX = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                        ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}
ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl"}
TIMEOUT_S = 60
Term = ox.NamedNode | ox.Literal  # a parameter's value


class StoreError(Exception):
    """A problem that stops the job, said in one line that names the store or input."""


# ---------------------------------------------------------------- graphs to load


@dataclass(frozen=True)
class NamedGraph:
    """One graph to load: its IRI, its triples, and where it came from (for messages)."""

    iri: str
    triples: tuple[ox.Triple, ...]
    source: str = ""

    def ntriples(self) -> bytes:
        return ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)


@dataclass
class LoadReport:
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0


def ontology_named_graph() -> NamedGraph:
    from kg import resources

    triples = tuple(ox.parse(path=str(resources.ONTOLOGY), format=ox.RdfFormat.TURTLE))
    return NamedGraph(ONTOLOGY_GRAPH, triples, "ontology")


def split_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """RDF files (by suffix) apart from article inputs; folders are searched for both."""
    rdf, articles = [], []
    for item in paths:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            rdf += [p for p in files if p.suffix.lower() in RDF_FORMAT_OF_SUFFIX]
            articles += [str(p) for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not any(p.suffix.lower() in RDF_FORMAT_OF_SUFFIX | dict.fromkeys(ARTICLE_SUFFIXES) for p in files):
                articles.append(str(path))  # let the article reader say what is wrong with it
        elif path.suffix.lower() in RDF_FORMAT_OF_SUFFIX:
            rdf.append(path)
        else:
            articles.append(str(item))
    return rdf, articles


def graphs_from_inputs(paths: Iterable[str | Path], base: str = DEFAULT_BASE,
                       on_problem: Callable[[str], None] = lambda line: None) -> Iterator[NamedGraph]:
    """The named graphs of the inputs: RDF files as they are, articles extracted on the way.
    An unreadable input is reported through ``on_problem`` and the others go on."""
    rdf_files, article_inputs = split_inputs(paths)
    for path in rdf_files:
        try:
            yield from graphs_from_rdf_file(path, base)
        except (OSError, SyntaxError, ValueError) as err:
            on_problem(f"{path}: cannot read RDF: {_first_line(err)}")
    if article_inputs:
        yield from _graphs_from_articles(article_inputs, base, on_problem)


def _graphs_from_articles(inputs: list[str], base: str, on_problem: Callable[[str], None]) -> Iterator[NamedGraph]:
    """Articles parsed in batches and extracted one by one; a failure on one article is reported
    and the others go on (as ``kg export`` does)."""
    from kg.articles import ArticleError, read_inputs
    from kg.background import in_background
    from kg.graph import article_graph_iri, article_quads
    from kg.nlp.pipeline import extract, parse_stream

    # Parse the next articles while this one is extracted and loaded (see kg/background.py).
    for item in in_background(parse_stream(read_inputs(inputs))):
        if isinstance(item, ArticleError):
            on_problem(str(item))
            continue
        doc, article = item
        try:
            quads = article_quads(extract(article, doc), base)
        except Exception as err:  # a bug on one article must not stop the load
            on_problem(f"{article.source}: extraction failed: {type(err).__name__}: {err}")
            continue
        triples = tuple(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        yield NamedGraph(str(article_graph_iri(article.id, base)), triples, article.source)


def graphs_from_rdf_file(path: Path, base: str = DEFAULT_BASE) -> list[NamedGraph]:
    """A file in any format ``kg export`` writes. N-Quads/TriG/JSON-LD keep their named graphs; triples
    outside any named graph go to the graph of the kg:Article they belong to (see ``split_by_article``)."""
    fmt = RDF_FORMAT_OF_SUFFIX[path.suffix.lower()]
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    loose: list[ox.Triple] = []
    for quad in ox.parse(path=str(path), format=fmt):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if isinstance(quad, ox.Triple) or isinstance(quad.graph_name, ox.DefaultGraph):
            loose.append(triple)
        else:
            by_graph[quad.graph_name.value].append(triple)
    graphs = [NamedGraph(iri, tuple(triples), str(path)) for iri, triples in by_graph.items()]
    if loose:
        graphs += split_by_article(loose, path, base)
    return graphs


def split_by_article(triples: list[ox.Triple], path: Path, base: str = DEFAULT_BASE) -> list[NamedGraph]:
    """Graph-less triples (Turtle, N-Triples) into one graph per kg:Article, as ``kg export`` names them.

    A node belongs to an article when it is the article, hangs off its IRI (``<article>#...``) or
    points to it (kg:article, nif:referenceContext). A triple goes to its subject's article; a shared
    node's triples (an entity's type and label) go to its object's article, else to every article that
    refers to it. What belongs to no article goes to one graph named after the file."""
    from kg.graph import article_graph_iri

    article_ids = {}
    for t in triples:
        if t.predicate.value == KG_NS + "articleId":
            article_ids[t.subject.value] = t.object.value
    owner: dict[str, str] = {a: a for a in article_ids}
    for t in triples:
        if t.predicate.value in (KG_NS + "article", NIF_CONTEXT) and t.object.value in article_ids:
            owner.setdefault(t.subject.value, t.object.value)

    def article_of(term) -> str | None:
        if isinstance(term, ox.Literal):
            return None
        value = term.value
        if value in owner:
            return owner[value]
        head = value.split("#", 1)[0]
        return head if head in article_ids else None

    out: dict[str, list[ox.Triple]] = defaultdict(list)
    referrers: dict[str, set[str]] = defaultdict(set)
    shared = []
    for t in triples:
        article = article_of(t.subject)
        if article is not None:
            out[article].append(t)
            if not isinstance(t.object, ox.Literal):
                referrers[t.object.value].add(article)
        else:
            shared.append(t)
    for t in shared:  # an entity's kg:mention / kg:role triples first: they tie it to articles
        article = article_of(t.object)
        if article is not None:
            out[article].append(t)
            referrers[t.subject.value].add(article)
    file_graph = path.resolve().as_uri()
    for t in shared:
        if article_of(t.object) is not None:
            continue
        for article in sorted(referrers.get(t.subject.value, ())) or [file_graph]:
            out[article].append(t)
    return [NamedGraph(str(article_graph_iri(article_ids[a], base)) if a in article_ids else a,
                       tuple(ts), str(path)) for a, ts in out.items()]


# ---------------------------------------------------------------- stores


class EmbeddedStore:
    """A pyoxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, read_only: bool = False):
        self.name = str(path) if path is not None else "(memory)"
        self.read_only = read_only
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
        except OSError as err:
            text = _first_line(err)
            if "lock" in text.lower():
                raise StoreError(f"{self.name}: store is in use by another process (is 'kg serve' running on it?)")
            raise StoreError(f"{self.name}: cannot open store: {err.strerror or text}") from None

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
            raise StoreError(f"{self.name}: cannot write graph {graph.iri}: {_first_line(err)}") from None

    def query(self, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
        # Parameters go in as a VALUES block, as for a remote store: pyoxigraph's substitutions=
        # only accepts variables of the SELECT projection, and pack parameters are filters.
        try:
            answer = self.store.query(bind_values(text, params or {}), use_default_graph_as_union=True)
        except SyntaxError as err:
            raise StoreError(f"query: {_first_line(err)}") from None
        except OSError as err:
            raise StoreError(f"{self.name}: {_first_line(err)}") from None
        if isinstance(answer, ox.QuerySolutions):
            return QueryResult.from_json(json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON)))
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(ASK, boolean=bool(answer))
        return QueryResult(GRAPH, ntriples=answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")

    def close(self) -> None:
        if not self.read_only:
            self.store.flush()
        del self.store


@dataclass(frozen=True)
class Endpoint:
    """The URLs of a SPARQL 1.1 store: query, update and Graph Store Protocol."""

    query_url: str
    update_url: str
    store_url: str


def endpoint_from(url: str, query_url: str | None = None, update_url: str | None = None,
                  store_url: str | None = None) -> Endpoint:
    """From a base URL, the oxigraph server's layout (URL/query, URL/update, URL/store); each can be set."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise StoreError(f"--endpoint {url}: not an http(s) URL")
    root = url.rstrip("/")
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
                 accept: str | None = None) -> bytes:
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
                return response.read()
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
            raise StoreError(f"{where}: {_first_line(err) or type(err).__name__}") from None

    def update(self, text: str) -> None:
        self._request(self.endpoint.update_url, "POST", text.encode("utf-8"), "application/sparql-update")

    def replace_graph(self, graph: NamedGraph) -> None:
        """Replace the named graph in one request, so each article is atomic on the server.

        A graph the store does not have yet is POSTed (Graph Store Protocol, N-Triples: the fastest
        way in; DESIGN.md: PUT is 7x slower on the oxigraph server). An existing one is replaced by a
        single SPARQL update ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``: SPARQL 1.1
        Update (section 2.2) has a service run each request atomically, which oxigraph does, so
        readers and failures see the old graph or the whole new one. (DELETE then POST would leave
        the graph missing, or empty if the POST failed; staging + MOVE measured 2-4x slower.)"""
        g = ox.NamedNode(graph.iri)
        body = graph.ntriples()
        exists = self.query(f"ASK {{ GRAPH {g} {{ ?s ?p ?o }} }}").boolean
        if not exists:
            url = f"{self.endpoint.store_url}?graph={urllib.parse.quote(graph.iri, safe='')}"
            self._request(url, "POST", body, "application/n-triples")
        else:
            self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}}} }}")

    def query(self, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
        text = bind_values(text, params or {})
        body = urllib.parse.urlencode({"query": text}).encode("ascii")
        data = self._request(self.endpoint.query_url, "POST", body, "application/x-www-form-urlencoded",
                             accept="application/sparql-results+json, application/n-triples;q=0.9")
        if _is_graph_query(text):
            return QueryResult(GRAPH, ntriples=_as_ntriples(data))
        try:
            return QueryResult.from_json(json.loads(data))
        except (ValueError, TypeError):
            raise StoreError(f"{self.endpoint.query_url}: answer is not SPARQL JSON results") from None

    def close(self) -> None:
        pass


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if triples else ""


def _has_blank_nodes(triples: Iterable[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _as_ntriples(data: bytes) -> bytes:
    """Graph answers normalised through pyoxigraph (an endpoint may send Turtle despite Accept)."""
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        try:
            return ox.serialize(list(ox.parse(data, format=fmt)), format=ox.RdfFormat.N_TRIPLES) or b""
        except SyntaxError:
            continue
    raise StoreError("endpoint answer to a CONSTRUCT/DESCRIBE is not N-Triples or Turtle")


Store = EmbeddedStore | RemoteStore


def open_store(store: str | Path | None = DEFAULT_STORE, endpoint: str | None = None, *,
               query_url: str | None = None, update_url: str | None = None, store_url: str | None = None,
               env: Mapping[str, str] = os.environ, read_only: bool = False) -> Store:
    """The remote store at ``endpoint`` when given, else the embedded store at ``store``."""
    if endpoint:
        ep = endpoint_from(endpoint, query_url, update_url, store_url)
        return RemoteStore(ep, auth_header(endpoint, env))
    return EmbeddedStore(store, read_only=read_only)


# ---------------------------------------------------------------- loading


def load(store: Store, graphs: Iterable[NamedGraph], with_ontology: bool = True) -> LoadReport:
    """Replace each graph in the store (ontology first). Stops at the first store error (raised as
    StoreError) with every graph before it loaded whole and none half-loaded."""
    report = LoadReport()
    start = time.perf_counter()
    if with_ontology:
        graphs = itertools.chain([ontology_named_graph()], graphs)
    for graph in graphs:
        store.replace_graph(graph)
        report.graphs.append(graph.iri)
        report.triples += len(graph.triples)
    report.seconds = time.perf_counter() - start
    return report


# ---------------------------------------------------------------- queries and parameters

_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>\Z')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def parse_param(text: str) -> tuple[str, Term]:
    """'name=value' → (name, plain literal); 'name=<iri>' → (name, IRI)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise StoreError(f"--param {text!r}: expected NAME=VALUE (or NAME=<IRI>)")
    iri = _IRIREF.match(value)
    if value.startswith("<") and value.endswith(">") and len(value) > 1 and not iri:
        raise StoreError(f"--param {name}: {value} is not an IRI (spaces, quotes and braces are not allowed in one)")
    if iri:
        try:
            return name, ox.NamedNode(iri.group(1))
        except ValueError as err:
            raise StoreError(f"--param {name}: not an IRI: {err}") from None
    return name, ox.Literal(value)


# Tokens that may hold '{', '#' or 'WHERE' without being syntax: comments, strings, IRIs.
_SKIP = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>', re.S)
_WHERE = re.compile(r"(?<![\w:?$])where(?![\w:-])", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _code_only(query: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length), so offsets still match."""
    return _SKIP.sub(lambda m: " " * len(m.group(0)), query)


def query_variables(query: str) -> set[str]:
    return set(_VARIABLE.findall(_code_only(query)))


def _is_graph_query(query: str) -> bool:
    code = re.sub(r"(?i)\b(prefix|base)\b\s*\S*:?\s*", " ", _code_only(query))
    first = re.search(r"(?i)\b(select|construct|describe|ask)\b", code)
    return bool(first) and first.group(1).lower() in ("construct", "describe")


def bind_values(query: str, params: Mapping[str, Term]) -> str:
    """The query with each parameter bound by a ``VALUES ?name { term }`` at the start of its WHERE
    group: the value goes in as one escaped RDF term (pyoxigraph's N-Triples form), never as query
    text, so quotes, braces or '#' in it cannot change the query."""
    if not params:
        return query
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in sorted(params.items()))
    code = _code_only(query)
    where = _WHERE.search(code)
    start = where.end() if where else 0
    if not where and _is_graph_query(query):  # CONSTRUCT { template } { pattern } has no WHERE keyword
        return f"{query}\nVALUES ({' '.join('?' + n for n in sorted(params))}) {{ ({' '.join(str(params[n]) for n in sorted(params))}) }}"
    brace = code.find("{", start)
    if brace < 0:
        raise StoreError("query: cannot bind parameters: no WHERE { } group")
    return f"{query[:brace + 1]} {values}\n{query[brace + 1:]}"


@dataclass(frozen=True)
class PackQuery:
    name: str
    path: Path
    summary: str  # the header comment, first paragraph
    parameters: tuple[str, ...]


@cache
def query_pack() -> tuple[PackQuery, ...]:
    """The queries in kg/queries/*.rq, with their header comments."""
    pack = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line.lstrip("#").strip())
        summary = " ".join(header[: header.index("")] if "" in header else header)
        params = tuple(m.group(1) for line in header for m in [re.match(r"(?i)param(?:eter)?s?:?\s*\??(\w+)", line)] if m)
        pack.append(PackQuery(path.stem, path, summary, params))
    return tuple(pack)


def resolve_query(arg: str) -> str:
    """QUERY as given on the command line: '@file.rq', a pack name, or SPARQL text."""
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise StoreError(f"{path}: cannot read query: {err.strerror or err}") from None
    for q in query_pack():
        if q.name == arg:
            return q.path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", arg.strip()):
        names = ", ".join(q.name for q in query_pack())
        raise StoreError(f"query {arg!r}: no such query in the pack (kg query --list): {names}")
    return arg


def run_query(store: Store, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
    """Run ``text`` with ``params`` bound (every parameter must be a variable of the query)."""
    params = dict(params or {})
    unknown = sorted(set(params) - query_variables(text))
    if unknown:
        raise StoreError(f"--param {unknown[0]}: the query has no variable ?{unknown[0]}")
    return store.query(with_prefixes(text), params)


def with_prefixes(query: str) -> str:
    """The query with kg's usual prefixes (kg:, rdfs:, nif:, schema:, ...) declared where it uses
    them without declaring them, so that ad-hoc queries can be short."""
    from kg.graph import PREFIXES

    code = _code_only(query)
    declared = {m.lower() for m in re.findall(r"(?i)prefix\s+([\w-]*):", code)}
    missing = [(p, ns) for p, ns in PREFIXES.items()
               if p.lower() not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", code)]
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in missing) + query


# ---------------------------------------------------------------- stats


@dataclass
class Stats:
    articles: int
    entities: dict[str, int]
    statements: int
    meetings: int
    triples: int
    graphs: int


_STATS = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement } }",
    "meetings": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Meeting } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}
_ENTITIES = ("SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } "
             "VALUES ?class { kg:Person kg:Organisation kg:Place } } GROUP BY ?class ORDER BY ?class")


def stats(store: Store) -> Stats:
    prefix = f"PREFIX kg: <{KG_NS}>\n"

    def count(query: str) -> int:
        rows = store.query(prefix + query).rows
        return int(rows[0]["n"]["value"]) if rows and "n" in rows[0] else 0

    entities = {row["class"]["value"].removeprefix(KG_NS): int(row["n"]["value"])
                for row in store.query(prefix + _ENTITIES).rows}
    return Stats(count(_STATS["articles"]), entities, count(_STATS["statements"]), count(_STATS["meetings"]),
                 count(_STATS["triples"]), count(_STATS["graphs"]))


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


# ---------------------------------------------------------------- server


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary: next to this Python (the venv's bin/), else on PATH."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("oxigraph: server binary not found next to Python or on PATH "
                         "(install it: 'cargo install oxigraph-cli' or a release from github.com/oxigraph/oxigraph)")
    return found


def serve_command(store: str | Path, port: int, union_default_graph: bool = True) -> list[str]:
    """The command line that serves ``store`` on 127.0.0.1:``port``. The default graph is the union
    of the article graphs, as for ``kg query`` on the embedded store, so ad-hoc queries need no GRAPH."""
    command = [oxigraph_binary(), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    return command
