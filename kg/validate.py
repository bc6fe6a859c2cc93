"""SHACL validation of exported graphs against shapes/.

The core constraints run on kg's own small SHACL engine (``kg.shacl``, compiled once from the shapes
file): pyshacl took ~45 ms per article, nearly all of it per-focus-node rdflib lookups. pyshacl stays
as the reference oracle (``reference_violations``) that the tests hold the engine to. The
SPARQL-based constraints of the shapes (the anchor check: ``nif:anchorOf`` equals the article text at
the offsets) are run by pyoxigraph, from the very query text in the shapes file.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg import resources
from kg.shacl import Data, Shapes, compile_shapes
from kg.terms import to_ox

Key = tuple[str, str, str]  # (focus node, result path or "", source constraint component IRI)


@dataclass(frozen=True, order=True)
class Violation:
    article: str  # the article the offending node belongs to, or "" when it cannot be told
    node: str
    message: str
    # The SHACL constraint component and path, to compare with pyshacl; not part of the report.
    component: str = field(default="", compare=False, repr=False)
    path: str = field(default="", compare=False, repr=False)

    @property
    def key(self) -> Key:
        return (self.node, self.path, self.component)

    def __str__(self) -> str:
        where = f"{self.article}: " if self.article else ""
        return f"{where}{self.node}: {self.message}"


@dataclass(frozen=True)
class _SparqlCheck:
    target_class: str
    query: str  # a SELECT whose rows are violations; $this is a free variable bound per row
    message: str


@cache
def shapes_graph() -> Graph:
    graph = Graph()
    graph.parse(resources.SHAPES, format="turtle")
    return graph


@cache
def _sparql_checks() -> tuple[_SparqlCheck, ...]:
    """The SPARQL-based constraints of the shapes, as pyoxigraph queries (kg.shacl's compiler checks
    they use nothing else than a SELECT, its prefixes and message, on a sh:targetClass shape)."""
    shapes = shapes_graph()
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for decl in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(decl, SH.declare))
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        where = select.index("{", select.upper().index("WHERE")) + 1
        for target in shapes.objects(shape, SH.targetClass):
            # Focus nodes are the target class's instances: the same binding pyshacl gives $this.
            query = f"{prefixes}{select[:where]} ?this a <{target}> . {select[where:]}"
            checks.append(_SparqlCheck(str(target), query, str(shapes.value(constraint, SH.message))))
    return tuple(checks)


@cache
def compiled_shapes() -> Shapes:
    """The shipped shapes, compiled once; raises ShapesError if they use an unimplemented term."""
    return compile_shapes(shapes_graph(), sparql=True)


def validate_triples(triples: Iterable[ox.Triple | ox.Quad], article: str = "") -> list[Violation]:
    """Every shape violation in the graph of ``triples`` (graph names ignored: all quads are one data
    graph); empty when it conforms. The fast path: export passes the quads it built."""
    triples = triples if isinstance(triples, list) else list(triples)
    with _no_gc():
        return _validate(Data(triples), article, triples)


@contextmanager
def _no_gc():
    """Indexing makes thousands of small objects, none cyclic; in a process holding spaCy's models
    the collections they trigger cost more than the indexing itself (5 µs per triple instead of 1.4)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_dataset(quads: Iterable[ox.Quad]) -> list[Violation]:
    """Every violation in a dataset kg wrote: each named graph (one article) on its own, as export
    validates it, and the triples outside any named graph as one more graph."""
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    return sorted(v for triples in graphs.values() for v in validate_triples(triples))


def validate_graph(graph: Graph, article: str = "") -> list[Violation]:
    """Every shape violation in ``graph``; empty when it conforms."""
    triples, ill_typed = [], set()
    for s, p, o in graph:
        quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o))
        triples.append(quad)
        if isinstance(o, Literal) and o.ill_typed:
            ill_typed.add(quad)  # rdflib already normalised its lexical form; keep what it knew
    with _no_gc():
        return _validate(Data(triples, ill_typed), article, triples)


def _validate(data: Data, article: str, triples: list[ox.Triple | ox.Quad]) -> list[Violation]:
    violations = {
        Violation(article or _article_of(r.focus.value), r.focus.value, r.message, r.component, r.path)
        for r in compiled_shapes().validate(data)
    }
    checks = _sparql_checks()
    if checks:
        # The store takes the quads as given (its default graph the union of all graphs), unless
        # rdflib would have read some literal differently: then the normalised index's triples.
        if data.normalised:
            quads = list(data.triples())
        elif all(type(t) is ox.Quad for t in triples):
            quads = triples
        else:
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        violations.update(_sparql_violations(quads, checks, article))
    return sorted(violations)


def reference_violations(graph: Graph) -> set[Key]:
    """pyshacl's verdict on ``graph`` with the full shapes (SPARQL constraints too), as keys: the
    oracle the tests hold ``validate_graph``/``validate_triples`` to. Slow (~45 ms per article)."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none",
                                            abort_on_first=False)
    keys = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        keys.add((str(results.value(result, SH.focusNode)), str(path) if isinstance(path, URIRef) else "",
                  str(results.value(result, SH.sourceConstraintComponent))))
    return keys


def _sparql_violations(quads: list[ox.Quad], checks: tuple[_SparqlCheck, ...], article: str) -> list[Violation]:
    store = ox.Store()
    store.extend(quads)
    found = []
    for check in checks:
        for row in store.query(check.query, use_default_graph_as_union=True):
            this = row["this"]
            found.append(Violation(article or _article_of(this.value), this.value, _fill(check.message, row),
                                   str(SH.SPARQLConstraintComponent)))
    return found


def _fill(template: str, row: ox.QuerySolution) -> str:
    def value(match: re.Match) -> str:
        term = row[match.group(1)]
        return "?" if term is None else (f'"{term.value}"' if isinstance(term, ox.Literal) else term.value)

    return re.sub(r"\{\?(\w+)\}", value, template)


def _article_of(node) -> str:
    text = str(node)
    if "/article/" in text:
        return text.split("/article/", 1)[1].split("#", 1)[0]
    return ""
