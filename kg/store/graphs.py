"""The graphs to load and loading them: one named graph per article (RDF files split), the ontology's.

``load`` replaces each graph whole, in order.

One named graph per article, the ontology in a named graph of its own (``ONTOLOGY_GRAPH``), so that
queries can follow ``rdfs:subClassOf*``. Loading an article again replaces its graph, atomically
(each store's ``replace_graph`` says how): a failure leaves the store as it was before that article.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from kg.articles import SUFFIXES as ARTICLE_SUFFIXES, folder_files
from kg.graph import DEFAULT_BASE
from kg.serialize import FORMATS, read_quads
from kg.settings import Settings
from kg.store.errors import StoreError, first_line
from kg.vocab import KG_NS, NIF, ONTOLOGY_GENID, ONTOLOGY_IRI

if TYPE_CHECKING:
    from kg.ingest import ArticleResult

ONTOLOGY_GRAPH = ONTOLOGY_IRI
NIF_CONTEXT = str(NIF.referenceContext)
RDF_SUFFIXES = tuple(suffix for suffix, _, _ in FORMATS.values())  # the files kg export writes


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


class GraphStore(Protocol):
    """What ``load`` needs of a store (EmbeddedStore and RemoteStore both have it)."""

    def replace_graph(self, graph: NamedGraph) -> None: ...


def ontology_named_graph() -> NamedGraph:
    """The ontology's graph, its blank nodes skolemised: numbered in the order the file first
    names them, so the same ontology file always gives the same IRIs."""
    from kg import resources

    skolem: dict[str, ox.NamedNode] = {}

    def named(term):
        if not isinstance(term, ox.BlankNode):
            return term
        return skolem.setdefault(term.value, ox.NamedNode(f"{ONTOLOGY_GENID}{len(skolem) + 1}"))

    triples = tuple(ox.Triple(named(t.subject), t.predicate, named(t.object))
                    for t in ox.parse(path=str(resources.ONTOLOGY), format=ox.RdfFormat.TURTLE))
    return NamedGraph(ONTOLOGY_GRAPH, triples, "ontology")


def load(store: GraphStore, graphs: Iterable[NamedGraph], with_ontology: bool = True) -> LoadReport:
    """Replace each graph in the store (ontology first). Stops at the first store error, raised as
    a StoreError that names the graph and its input and says how many graphs were loaded before
    it: each of those is loaded whole, and the failing one not at all."""
    report = LoadReport()
    start = time.perf_counter()
    if with_ontology:
        graphs = itertools.chain([ontology_named_graph()], graphs)
    for graph in graphs:
        try:
            store.replace_graph(graph)
        except StoreError as err:
            before = sum(1 for iri in report.graphs if iri != ONTOLOGY_GRAPH)
            what = "the ontology graph" if graph.iri == ONTOLOGY_GRAPH else f"<{graph.iri}> from {graph.source}"
            raise StoreError(f"{err}; while loading {what}: {before} graph(s) loaded before it") from None
        report.graphs.append(graph.iri)
        report.triples += len(graph.triples)
    report.seconds = time.perf_counter() - start
    return report


def split_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """RDF files (by suffix) apart from article inputs; folders are searched for both."""
    rdf, articles = [], []
    for item in paths:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            files = folder_files(path, RDF_SUFFIXES + ARTICLE_SUFFIXES)
            rdf += [p for p in files if p.suffix.lower() in RDF_SUFFIXES]
            articles += [str(p) for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not files:
                articles.append(str(path))  # let the article reader say what is wrong with it
        elif path.suffix.lower() in RDF_SUFFIXES:
            rdf.append(path)
        else:
            articles.append(str(item))
    return rdf, articles


def graphs_from_inputs(paths: Iterable[str | Path], settings: Settings | None = None,
                       on_problem: Callable[[str], None] = lambda line: None,
                       on_result: Callable[["ArticleResult"], None] = lambda result: None,
                       on_failed: Callable[[str], None] = lambda source: None) -> Iterator[NamedGraph]:
    """The named graphs of the inputs: RDF files as they are, articles through the ingestion path
    (``settings``: base, validation, authority; ``on_result`` sees each article's result). Every
    problem is one line to ``on_problem``; an input that gives no graph at all (an unreadable RDF
    file, a refused article) is also named to ``on_failed``; the others go on."""
    settings = settings or Settings()
    rdf_files, article_inputs = split_inputs(paths)
    for path in rdf_files:
        try:
            yield from graphs_from_rdf_file(path, settings.base)
        except (OSError, SyntaxError, ValueError) as err:
            on_problem(f"{path}: cannot read RDF: {first_line(err)}")
            on_failed(str(path))
    if article_inputs:
        from kg.store.article_graphs import graphs_from_articles  # spaCy only when there are articles

        yield from graphs_from_articles(article_inputs, settings, on_problem, on_result, on_failed)


def graphs_from_rdf_file(path: Path, base: str = DEFAULT_BASE) -> list[NamedGraph]:
    """A file in any format ``kg export`` writes. N-Quads/TriG/JSON-LD keep their named graphs; triples
    outside any named graph go to the graph of the kg:Article they belong to (see ``split_by_article``)."""
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    loose: list[ox.Triple] = []
    for quad in _read_quads(path):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if isinstance(quad.graph_name, ox.DefaultGraph):
            loose.append(triple)
        else:
            by_graph[quad.graph_name.value].append(triple)
    graphs = [NamedGraph(iri, tuple(triples), str(path)) for iri, triples in by_graph.items()]
    if loose:
        graphs += split_by_article(loose, path, base)
    return graphs


def _read_quads(path: Path) -> Iterable[ox.Quad]:
    """``read_quads``, and gzipped N-Quads (``.nq.gz``, the shards of ``kg export --cluster``)."""
    if path.name.lower().endswith(".nq.gz"):
        import gzip

        with gzip.open(path, "rb") as data:
            return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    return read_quads(path)


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
