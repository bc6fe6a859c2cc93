"""SHACL validation of exported graphs against shapes/.

The core constraints run on kg's own small SHACL engine (``kg.shacl``, compiled once from the shapes
file): pyshacl took ~45 ms per article, nearly all of it per-focus-node rdflib lookups. pyshacl stays
as the reference oracle (``reference_violations``) that the tests hold the engine to. The
SPARQL-based constraints of the shapes (the anchor check: ``nif:anchorOf`` equals the article text at
the offsets) are run by pyoxigraph, from the very query text in the shapes file.

A user's own shapes (``kg validate --shapes``) go to pyshacl, which implements all of SHACL; any
result, from either, can be written as a standard SHACL validation report (``write_report``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg import resources
from kg.shacl import PREFIXES, Data, PredicatePath, Result, Shapes, compile_shapes
from kg.terms import rdflib_graph, to_ox
from kg.vocab import NIF

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_VIOLATION = str(SH.Violation)

Key = tuple[str, str, str]  # (focus node, result path or "", source constraint component IRI)


@dataclass(frozen=True)
class Evidence:
    """What a SHACL validation result says beyond its message (for ``write_report``)."""

    focus: Term  # sh:focusNode
    shape: Term | None  # sh:sourceShape
    severity: str = _VIOLATION  # sh:resultSeverity
    value: Term | None = None  # sh:value, where the constraint names one
    path: Term | None = None  # sh:resultPath: an IRI, or the blank node heading ``path_triples``
    path_triples: tuple[ox.Triple, ...] = ()  # a complex path's structure


@dataclass(frozen=True, order=True)
class Violation:
    article: str  # the article the offending node belongs to, or "" when it cannot be told
    node: str
    message: str
    # The SHACL constraint component and path, to compare with pyshacl; not part of the report.
    component: str = field(default="", compare=False, repr=False)
    path: str = field(default="", compare=False, repr=False)
    value: str = ""  # the offending value, when the constraint names one: two values are two violations
    evidence: Evidence | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> Key:
        return (self.node, self.path, self.component)

    @property
    def severity(self) -> str:
        return self.evidence.severity if self.evidence is not None else _VIOLATION

    def __str__(self) -> str:
        where = f"{self.article}: " if self.article else ""
        return f"{where}{self.node}: {self.message}"


@dataclass(frozen=True)
class _SparqlCheck:
    shape: Term
    target_class: str
    query: str  # a SELECT whose rows are violations; $this is a free variable bound per row
    message: str
    select: str = ""  # the constraint's sh:select as the shapes file has it

    @cached_property
    def screen(self) -> "Callable[[Data, ox.NamedNode], bool] | None":
        """A Python check that can prove this query has no rows (see ``_SCREENS``), or None."""
        return _SCREENS.get(" ".join(self.select.split()))


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
            checks.append(_SparqlCheck(to_ox(shape), str(target), query, str(shapes.value(constraint, SH.message)),
                                       str(shapes.value(constraint, SH.select))))
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
    violations = {_violation(r, article) for r in compiled_shapes().validate(data)}
    # A SPARQL check runs on pyoxigraph unless its Python screen proves it finds nothing (a Store per
    # article was a quarter of the validation of a one-sentence article); whatever the screen cannot
    # prove clean (a violation, an odd datatype) goes to the query, which gives the rows.
    checks = [c for c in _sparql_checks() if c.screen is None or not c.screen(data, ox.NamedNode(c.target_class))]
    if checks:
        # The store takes the quads as given (its default graph the union of all graphs), unless
        # rdflib would have read some literal differently: then the normalised index's triples.
        if data.normalised:
            quads = list(data.triples())
        elif all(type(t) is ox.Quad for t in triples):
            quads = triples
        else:
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        violations.update(_sparql_violations(quads, tuple(checks), article))
    return sorted(violations)


# --- screens: Python proofs that a shipped SPARQL check has no rows ---------------------------------

_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_OFFSET_TYPES = frozenset(ox.NamedNode("http://www.w3.org/2001/XMLSchema#" + t) for t in ("nonNegativeInteger", "integer"))
_IS_STRING, _CONTEXT = ox.NamedNode(str(NIF.isString)), ox.NamedNode(str(NIF.referenceContext))
_BEGIN, _END, _ANCHOR = (ox.NamedNode(str(NIF[n])) for n in ("beginIndex", "endIndex", "anchorOf"))
_DIGITS = re.compile(r"[0-9]+")


def _anchors_hold(data: Data, target: ox.NamedNode) -> bool:
    """True when every mention's ``nif:anchorOf`` is its article's text at its offsets, so that the
    anchor check of the shapes (``kgsh:ArticleShape``'s sh:sparql) has no rows: for every article
    typed ``target`` with a string text, every mention in that context, every begin, end and anchor,
    the query's FILTER is false. False when some row may exist, or when a value is of a kind this
    screen does not reason about (then the query decides)."""
    texts: dict[Term, list[str]] = {}
    for article in data.types.get(target, ()):
        for text in data.values(article, _IS_STRING):
            if type(text) is not ox.Literal or text.datatype != _XSD_STRING:
                return False
            texts.setdefault(article, []).append(text.value)
    if not texts:
        return True
    for predicates in data.out.values():
        contexts = [c for c in predicates.get(_CONTEXT, ()) if c in texts]
        if not contexts:
            continue
        begins, ends = predicates.get(_BEGIN, ()), predicates.get(_END, ())
        if begins and ends and not all(_is_offset(t) for t in (*begins, *ends)):
            return False
        offsets = [(int(begin.value), int(end.value)) for begin in begins for end in ends]
        anchors = predicates.get(_ANCHOR, ())
        if any(type(a) is not ox.Literal for a in anchors):
            return False
        for context in contexts:
            for text in texts[context]:
                for begin, end in offsets:
                    if end > len(text) or begin >= end or any(text[begin:end] != a.value for a in anchors):
                        return False
    return True


def _is_offset(term: Term) -> bool:
    return type(term) is ox.Literal and term.datatype in _OFFSET_TYPES and _DIGITS.fullmatch(term.value) is not None


# A shipped check's sh:select (whitespace collapsed) → its screen. A check whose text changed has no
# screen until this is updated (tests/test_validate_screen.py says so): it just runs on pyoxigraph.
_SCREENS: dict[str, Callable[[Data, ox.NamedNode], bool]] = {
    " ".join("""
            SELECT $this ?mention ?begin ?end ?anchor (?mention AS ?value) WHERE {
                $this nif:isString ?text .
                ?mention nif:referenceContext $this ;
                    nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
                FILTER (?end > STRLEN(?text) || ?begin >= ?end
                        || SUBSTR(?text, xsd:integer(?begin) + 1, xsd:integer(?end) - xsd:integer(?begin)) != STR(?anchor))
            }""".split()): _anchors_hold,
}


def _violation(r: Result, article: str) -> Violation:
    path, path_triples = None, []
    if r.path_node is not None:
        path = r.path_node.iri if isinstance(r.path_node, PredicatePath) else r.path_node.to_rdf(path_triples)
    evidence = Evidence(r.focus, r.shape.node if r.shape is not None else None, r.severity, r.value, path,
                        tuple(path_triples))
    return Violation(article or _article_of(r.focus.value), r.focus.value, r.message, r.component, r.path,
                     "" if r.value is None else r.value.value, evidence)


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
            this, value = row["this"], row["value"]
            found.append(Violation(article or _article_of(this.value), this.value, _fill(check.message, row),
                                   str(SH.SPARQLConstraintComponent), "", "" if value is None else value.value,
                                   Evidence(this, check.shape, value=value)))
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


# --- a user's own shapes, by pyshacl ----------------------------------------------------------------

def read_shapes(paths: Iterable[Path]) -> Graph:
    """A user's shapes files (Turtle, or any RDF syntax rdflib knows from the suffix) as one graph;
    ValueError naming the file and what is wrong."""
    graph = Graph()
    for path in paths:
        if not path.is_file():
            raise ValueError(f"{path}: no such shapes file")
        try:
            graph.parse(path, format="turtle" if path.suffix.lower() in (".ttl", ".shacl", "") else None)
        except Exception as err:  # any parser's error is a bad file, said in one line
            raise ValueError(f"{path}: cannot parse: {_first_line(err)}") from None
    return graph


def validate_dataset_with(quads: Iterable[ox.Quad], shapes: Graph) -> list[Violation]:
    """Every result of the user's ``shapes`` on a dataset kg wrote, by pyshacl (all of SHACL, SPARQL
    too): each named graph (one article) on its own, as kg's shapes check them. ValueError when
    pyshacl rejects the shapes."""
    import pyshacl

    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    found = []
    for triples in graphs.values():
        try:
            _, report, _ = pyshacl.validate(rdflib_graph(triples), shacl_graph=shapes, inference="none",
                                            abort_on_first=False, allow_warnings=True)
        except Exception as err:  # pyshacl's ShapeLoadError, ConstraintLoadError, ReportableRuntimeError...
            raise ValueError(f"the shapes cannot be used: {_first_line(err)}") from None
        found += [_pyshacl_violation(report, r) for r in report.objects(None, SH.result)]
    return sorted(set(found))


def _pyshacl_violation(report: Graph, result) -> Violation:
    def term(predicate):
        value = report.value(result, predicate)
        return None if value is None else to_ox(value)

    focus, value = term(SH.focusNode), term(SH.value)
    path = report.value(result, SH.resultPath)
    path_triples: list[ox.Triple] = []
    if isinstance(path, BNode):  # a complex path: copy its blank-node structure
        todo, seen = [path], set()
        while todo:
            node = todo.pop()
            seen.add(node)
            for p, o in report.predicate_objects(node):
                path_triples.append(ox.Triple(to_ox(node), to_ox(p), to_ox(o)))
                if isinstance(o, BNode) and o not in seen:
                    todo.append(o)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    component = str(report.value(result, SH.sourceConstraintComponent))
    evidence = Evidence(focus, term(SH.sourceShape), str(report.value(result, SH.resultSeverity) or _VIOLATION),
                        value, None if path is None else to_ox(path), tuple(path_triples))
    return Violation(_article_of(focus.value), focus.value, messages[0] if messages else component.rsplit("#", 1)[-1],
                     component, str(path) if isinstance(path, URIRef) else "", "" if value is None else value.value,
                     evidence)


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


# --- the standard SHACL validation report ---------------------------------------------------------

def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(SH) + name)


def report_triples(violations: Iterable[Violation]) -> list[ox.Triple]:
    """An sh:ValidationReport of ``violations`` (sh:conforms true when there are none). Blank nodes
    get names in order of appearance (the report's, and any shape's or data node's), so the same
    results always give the same report."""
    report = ox.BlankNode("report")
    violations = sorted(violations)
    head = [ox.Triple(report, ox.NamedNode(str(RDF.type)), _sh("ValidationReport")),
            ox.Triple(report, _sh("conforms"), ox.Literal(not violations))]
    body = []
    for i, v in enumerate(violations, 1):
        result = ox.BlankNode(f"r{i}")
        e = v.evidence or Evidence(ox.NamedNode(v.node), None)
        head.append(ox.Triple(report, _sh("result"), result))
        body += [ox.Triple(result, ox.NamedNode(str(RDF.type)), _sh("ValidationResult")),
                 ox.Triple(result, _sh("focusNode"), e.focus),
                 ox.Triple(result, _sh("resultSeverity"), ox.NamedNode(e.severity)),
                 ox.Triple(result, _sh("resultMessage"), ox.Literal(v.message))]
        if v.component:
            body.append(ox.Triple(result, _sh("sourceConstraintComponent"), ox.NamedNode(v.component)))
        for predicate, term in (("sourceShape", e.shape), ("value", e.value), ("resultPath", e.path)):
            if term is not None:
                body.append(ox.Triple(result, _sh(predicate), term))
        body += e.path_triples
    own = {t.object for t in head if t.predicate == _sh("result")} | {report}
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def name(term):
        if type(term) is not ox.BlankNode or term in own:
            return term
        return names.setdefault(term, ox.BlankNode(f"b{len(names) + 1}"))

    return head + [ox.Triple(name(t.subject), t.predicate, name(t.object)) for t in body]


def write_report(path: Path, violations: Iterable[Violation]) -> None:
    """Write the SHACL validation report of ``violations`` to ``path`` as Turtle, atomically."""
    from kg.serialize import write_atomic

    triples = report_triples(violations)
    used = {t.value for triple in triples for t in (triple.predicate, triple.object) if type(t) is ox.NamedNode}
    known = {**PREFIXES, "kgsh": "https://w3id.org/newskg/shapes#"}
    prefixes = {p: ns for p, ns in known.items() if any(iri.startswith(ns) for iri in used)}
    write_atomic(path, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))
