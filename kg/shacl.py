"""A small SHACL-Core engine: the subset kg's shapes use, compiled once into plain Python objects.

pyshacl evaluates every property shape per focus node through rdflib lookups (~45 ms per article);
this engine indexes the data once (subject → predicate → objects) and runs the compiled shapes over
that index. It follows pyshacl (the reference oracle in the tests), quirks included: literals are
taken as rdflib reads them (rdflib normalises lexical forms, e.g. "05"^^xsd:integer is 5 and
"1"^^xsd:boolean is true, and flags ill-typed ones), since that is what pyshacl validates.

Any SHACL term of the shapes graph the compiler does not implement is an error at compile time, so a
shapes change can never go silently unchecked.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Collection as Collection_
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.xsd_datetime import parse_xsd_date

from kg.graph import PREFIXES as GRAPH_PREFIXES
from kg.terms import to_ox, to_rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_XSD = str(XSD)
_STRING = _XSD + "string"
_LANG_STRING = str(RDF.langString)
_INTEGERS = {_XSD + "integer": False, _XSD + "nonNegativeInteger": True}  # → must be >= 0
_BOOLEAN = _XSD + "boolean"
_DATE = _XSD + "date"

# The export's prefixes, and the two that only shapes and messages about them use.
PREFIXES = {**GRAPH_PREFIXES, "rdf": str(RDF), "sh": str(SH)}


class ShapesError(ValueError):
    """The shapes use something this engine does not implement."""


# --- literals as rdflib (and so pyshacl) reads them ------------------------------------------------

@dataclass(frozen=True)
class _Lexical:
    text: str  # the normalised lexical form
    well_formed: bool  # False for an ill-typed literal: never matches its sh:datatype
    is_string: bool  # its value is a Python str (what pyshacl's sh:lessThan compares as text)
    number: int | None = None  # its value, for the integer types


@lru_cache(maxsize=65536)
def _read(text: str, datatype: str) -> _Lexical:
    """A typed literal's lexical form as rdflib maps it (rdflib's own rules, re-stated for the
    datatypes the shapes use; rdflib itself for any other datatype)."""
    if datatype in _INTEGERS:
        try:
            value = int(text)  # rdflib's converter: Python int() (so " 5" and "05" are 5)
        except ValueError:
            return _Lexical(text, False, False)
        return _Lexical(str(value), value >= 0 or not _INTEGERS[datatype], False, value)
    if datatype == _BOOLEAN:
        value = text.lower() in ("1", "true")
        return _Lexical("true" if value else "false", text in ("true", "false", "1", "0"), False)
    if datatype == _DATE:
        try:
            return _Lexical(parse_xsd_date(text).isoformat(), True, False)
        except ValueError:
            return _Lexical(text, False, False)
    return _read_with_rdflib(text, datatype)


def _read_with_rdflib(text: str, datatype: str) -> _Lexical:
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # rdflib logs a traceback per ill-typed literal
    try:
        literal = Literal(text, datatype=URIRef(datatype))
    finally:
        logger.setLevel(level)
    return _Lexical(str(literal), literal.ill_typed is not True, isinstance(literal.value, str))


_STRINGY = {_STRING, _LANG_STRING}
_STRINGY_NODES = {ox.NamedNode(_STRING), ox.NamedNode(_LANG_STRING)}


def normalise(term: Term) -> Term:
    """``term`` as rdflib would hold it: a typed literal gets rdflib's normal lexical form."""
    if type(term) is ox.Literal and term.datatype.value not in _STRINGY:
        text = _read(term.value, term.datatype.value).text
        if text != term.value:
            return ox.Literal(text, datatype=term.datatype)
    return term


_LEXICAL: dict[ox.Literal, _Lexical] = {}  # by literal: cheaper than taking it apart each time


def _lexical(literal: ox.Literal) -> _Lexical:
    found = _LEXICAL.get(literal)
    if found is None:
        if len(_LEXICAL) > 100_000:
            _LEXICAL.clear()
        datatype = literal.datatype.value
        found = _Lexical(literal.value, True, True) if datatype in _STRINGY else _read(literal.value, datatype)
        if datatype not in _STRINGY:  # article texts and labels would only fill the cache
            _LEXICAL[literal] = found
    return found


# --- the data index --------------------------------------------------------------------------------

# Typed literals and their normal forms: offsets and dates recur from article to article, and an
# ox.Literal hashes in Rust, far cheaper than taking its lexical form and datatype apart.
_NORMALISED: dict[ox.Literal, ox.Literal] = {}


def _normalise_cached(literal: ox.Literal) -> ox.Literal:
    n = _NORMALISED.get(literal)
    if n is None:
        if len(_NORMALISED) > 100_000:
            _NORMALISED.clear()
        n = _NORMALISED[literal] = normalise(literal)
    return n


class Data:
    """The data graph indexed in one pass: subject → predicate → objects (an ordered set).

    Keys are the pyoxigraph terms themselves: they hash and compare in Rust, which is cheaper than
    taking their ``.value`` strings.
    """

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad], ill_typed: Collection_ = ()):
        """``ill_typed``: those of ``triples`` whose literal rdflib already normalised but knew to be
        ill-typed (``validate_graph`` reads rdflib graphs)."""
        # Each object maps to True when its literal was ill-typed before normalisation:
        # "True"^^xsd:boolean reads as true, but rdflib flags it ill-typed and pyshacl rejects it.
        out: dict[Term, dict[ox.NamedNode, dict[Term, bool | None]]] = {}
        self.normalised = False  # whether some literal's lexical form was changed
        literal, stringy = ox.Literal, _STRINGY_NODES
        for t in triples:
            o, flag = t.object, None
            if type(o) is literal and o.datatype not in stringy:
                n = _normalise_cached(o)
                if n != o:
                    self.normalised = True
                    flag = True if not _lexical(o).well_formed else None
                    o = n
                if ill_typed and t in ill_typed:
                    flag = True
            s = t.subject
            predicates = out.get(s)
            if predicates is None:
                predicates = out[s] = {}
            p = t.predicate
            objects = predicates.get(p)
            if objects is None:
                predicates[p] = {o: flag}
            elif o not in objects:  # a graph is a set: the same triple twice (or in two graphs) is one;
                objects[o] = flag  # and rdflib keeps the first of two literals that normalise alike
        self.out = out
        self.types: dict[Term, list[Term]] = {}  # class → instances
        for s, predicates in out.items():
            for t in predicates.get(_RDF_TYPE, ()):
                self.types.setdefault(t, []).append(s)
        # rdfs:subClassOf in the data graph: pyshacl follows it for sh:class and sh:targetClass.
        self.supers: dict[Term, set[Term]] = {}
        for s, predicates in out.items():
            for o in predicates.get(_SUBCLASS, ()):
                if type(o) is not ox.Literal:
                    self.supers.setdefault(s, set()).add(o)

    def values(self, node: Term, predicate: ox.NamedNode) -> dict[Term, None] | tuple:
        predicates = self.out.get(node)
        return () if predicates is None else predicates.get(predicate, ())

    def subjects_of(self, predicate: ox.NamedNode) -> list[Term]:
        return [s for s, predicates in self.out.items() if predicate in predicates]

    def objects_of(self, predicate: ox.NamedNode) -> list[Term]:
        return [o for predicates in self.out.values() for o in predicates.get(predicate, ())]

    def instances(self, cls: ox.NamedNode) -> list[Term]:
        if not self.supers:
            return self.types.get(cls, [])
        return [s for c in self.subclasses(cls) for s in self.types.get(c, ())]

    def triples(self) -> Iterator[ox.Quad]:
        for s, predicates in self.out.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield ox.Quad(s, p, o)

    def superclasses(self, cls: Term) -> set[Term]:
        """``cls`` and everything it is an rdfs:subClassOf*, in the data graph."""
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self.supers.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def subclasses(self, cls: Term) -> set[Term]:
        return {c for c in self.supers if cls in self.superclasses(c)} | {cls}

    def has_class(self, node: Term, cls: ox.NamedNode) -> bool:
        if type(node) is ox.Literal:
            return False
        types = self.values(node, _RDF_TYPE)
        if cls in types:
            return True
        return bool(self.supers) and any(cls in self.superclasses(t) for t in types)


# --- results ---------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Result:
    focus: Term
    path: str  # the property IRI, "" for a node-level constraint
    component: str  # the SHACL constraint component IRI, as pyshacl reports it in sh:sourceConstraintComponent
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.focus.value, self.path, self.component)


def short(term: Term | str) -> str:
    """A term for a message: prefixed name, "literal" or "literal"^^xsd:type."""
    if isinstance(term, str):
        term = ox.NamedNode(term)
    if type(term) is ox.NamedNode:
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and term.value != ns:
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if type(term) is ox.Literal:
        if term.language:
            return f'"{term.value}"@{term.language}'
        if term.datatype.value == _STRING:
            return f'"{term.value}"'
        if term.datatype.value in _INTEGERS or term.datatype.value == _BOOLEAN:
            return term.value
        return f'"{term.value}"^^{short(term.datatype)}'
    return f"_:{term.value}"


# --- constraints -----------------------------------------------------------------------------------
# A check sees the data, the focus node and its value nodes (the focus node itself at node level) and
# returns one message per offending value node (pyshacl's results are per value node too), or an
# empty list. Checks are closures over their parameter: the conforming case, nearly every call, is a
# loop with no allocation.

Check = Callable[[Data, Term, Collection_[Term]], list[str]]
_NONE: list[str] = []


_MIN_COUNT = str(SH.MinCountConstraintComponent)
_MAX_COUNT = str(SH.MaxCountConstraintComponent)
_HAS_VALUE = str(SH.HasValueConstraintComponent)


@dataclass
class Constraint:
    component: str  # sh:...ConstraintComponent
    check: Check


def _values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def _min_count(n: int) -> Check:
    def check(data, focus, values):
        return [f"fewer than {_values(n)} ({len(values)})"] if len(values) < n else _NONE
    check.n = n  # the plan tests counts inline, without a call
    return check


def _max_count(n: int) -> Check:
    def check(data, focus, values):
        return [f"more than {_values(n)} ({len(values)})"] if len(values) > n else _NONE
    check.n = n
    return check


def _well_formed(literal: ox.Literal) -> bool:
    return _lexical(literal).well_formed


def _datatype(iri: str) -> Check:
    # pyshacl: a literal of exactly that datatype (a simple literal is an xsd:string) that is not
    # ill-typed; datatypes rdflib has no mapping for (xsd:gYear, xsd:gYearMonth) are never ill-typed.
    datatype, literal = ox.NamedNode(iri), ox.Literal
    always_well_formed = iri in _STRINGY

    def check(data, focus, values):
        bad = _NONE
        for v in values:
            if type(v) is literal and v.datatype == datatype and (always_well_formed or _well_formed(v)) \
                    and not (type(values) is dict and values[v]):  # flagged ill-typed by Data
                continue
            bad = bad or []
            bad.append(f"{short(v)} is not a valid {short(iri)}")
        return bad
    return check


def _min_length(n: int) -> Check:
    # pyshacl measures the lexical form (of a literal as rdflib normalised it) or the IRI; a blank
    # node never passes a positive minimum.
    def check(data, focus, values):
        return [f"{short(v)} is shorter than {n} character{'s' if n != 1 else ''}" for v in values
                if n > 0 and (type(v) is ox.BlankNode or len(v.value) < n)]
    return check


def _class(iri: str) -> Check:
    cls = ox.NamedNode(iri)

    def check(data, focus, values):
        return [f"{short(v)} is not a {short(iri)}" for v in values if not data.has_class(v, cls)]
    return check


_KINDS = {
    "IRI": (ox.NamedNode,), "BlankNode": (ox.BlankNode,), "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode), "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
}


def _node_kind(kind: str) -> Check:
    name = kind[len(str(SH)):]
    if not kind.startswith(str(SH)) or name not in _KINDS:
        raise ShapesError(f"sh:nodeKind {kind}: not a node kind")
    kinds = _KINDS[name]

    def check(data, focus, values):
        return [f"{short(v)} is not a {name}" for v in values if type(v) not in kinds]
    return check


def _in(members: tuple[Term, ...]) -> Check:
    allowed = set(members)
    listed = ", ".join(short(m) for m in members)

    def check(data, focus, values):
        return [f"{short(v)} is not one of {listed}" for v in values if v not in allowed]
    return check


def _has_value(value: Term) -> Check:
    def check(data, focus, values):
        return _NONE if value in values else [f"has no value {short(value)}"]
    return check


def _less_than(other: str) -> Check:
    predicate = ox.NamedNode(other)

    def check(data, focus, values):
        return [f"{short(v)} is not less than {short(other)} {short(w)}"
                for v in values for w in data.values(focus, predicate) if not _lt(v, w)]
    return check


def _lt(a: Term, b: Term) -> bool:
    """pyshacl's sh:lessThan: text against text, otherwise rdflib's ordering of the two literals."""
    if type(a) is ox.Literal and type(b) is ox.Literal:
        x, y = _lexical(a), _lexical(b)
        if x.number is not None and y.number is not None:  # the common case, integers
            return x.number < y.number
    if type(a) is ox.BlankNode or type(b) is ox.BlankNode:
        return False  # pyshacl stops with an error here; a violation is the honest report
    a_text = type(a) is ox.NamedNode or (type(a) is ox.Literal and _lexical(a).is_string)
    b_text = type(b) is ox.NamedNode or (type(b) is ox.Literal and _lexical(b).is_string)
    if a_text or b_text:
        return a_text and b_text and a.value < b.value
    try:
        return bool(to_rdflib(a) < to_rdflib(b))
    except TypeError:
        return False


def _or(alternatives: list[Shape]) -> Check:
    listed = " | ".join(s.describe() for s in alternatives)

    def check(data, focus, values):
        return [f"{short(v)} matches none of: {listed}" for v in values
                if not any(s.conforms(data, v, _alone(values, v)) for s in alternatives)]
    return check


def _alone(values, v: Term) -> dict[Term, bool | None]:
    """``v`` as the sole value node of a nested shape, keeping its ill-typed flag."""
    return {v: values[v] if type(values) is dict else None}


def _xone(alternatives: list[Shape]) -> Check:
    def check(data, focus, values):
        bad = _NONE
        for v in values:
            n = sum(s.conforms(data, v, _alone(values, v)) for s in alternatives)
            if n != 1:
                bad = bad or []
                bad.append(f"conforms to {n} of {len(alternatives)} alternatives, not exactly one")
        return bad
    return check


# --- shapes ----------------------------------------------------------------------------------------

@dataclass
class Shape:
    name: str
    path: str | None = None  # a property shape's (IRI) path; None for a node shape
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    message: str | None = None
    target_classes: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)
    target_objects_of: list[str] = field(default_factory=list)
    label: str = ""  # a short description of what it asks, for sh:or messages

    def __post_init__(self) -> None:
        self.predicate = None if self.path is None else ox.NamedNode(self.path)

    def describe(self) -> str:
        return self.label or self.name

    def focus_nodes(self, data: Data) -> dict[Term, None]:
        found: dict[Term, None] = {}
        for cls in self.target_classes:
            found.update(dict.fromkeys(data.instances(ox.NamedNode(cls))))
        for p in self.target_subjects_of:
            found.update(dict.fromkeys(data.subjects_of(ox.NamedNode(p))))
        for p in self.target_objects_of:
            found.update(dict.fromkeys(data.objects_of(ox.NamedNode(p))))
        return found

    def validate(self, data: Data, focus: Term, results: list[Result], itself: dict | None = None) -> None:
        """Append the results of ``focus`` against this shape (and its property shapes) to ``results``;
        ``itself``: the focus node as a value node, when it was one of another shape (see ``_alone``).

        Runs over a flat plan (see ``_plan``), not by recursion: this loop is the engine's hot spot.
        """
        predicates = data.out.get(focus) or {}
        for shape, predicate, counts, checks, if_empty in self._plan:
            values = (itself or (focus,)) if predicate is None else predicates.get(predicate, ())
            if counts is not None and not counts[0] <= len(values) <= counts[1]:
                shape.report_counts(focus, values, counts, results)
            for component, check in (checks if values else if_empty):
                texts = check(data, focus, values)
                if texts:
                    shape.report(focus, component, texts, results)

    @cached_property
    def _plan(self) -> list[tuple]:
        """This shape and its property shapes as (shape, predicate, (minCount, maxCount) or None,
        other checks, those of them that can fail with no value nodes)."""
        plan = []
        for shape in (self, *self.properties):
            counts, checks = None, []
            for c in shape.constraints:
                if c.component in (_MIN_COUNT, _MAX_COUNT):
                    lo, hi = counts or (0, math.inf)
                    counts = (max(lo, c.check.n), hi) if c.component == _MIN_COUNT else (lo, min(hi, c.check.n))
                else:
                    checks.append((c.component, c.check))
            # Most optional properties are absent; with no value nodes only sh:hasValue can fail.
            plan.append((shape, shape.predicate, counts, checks, [c for c in checks if c[0] == _HAS_VALUE]))
        if any(p.properties for p in self.properties):
            raise ShapesError(f"{self.name}: sh:property inside a property shape is not supported")
        return plan

    def report_counts(self, focus: Term, values, counts: tuple[int, float], results: list[Result]) -> None:
        for c in self.constraints:
            if c.component in (_MIN_COUNT, _MAX_COUNT):
                texts = c.check(None, focus, values)
                if texts:
                    self.report(focus, c.component, texts, results)

    def report(self, focus: Term, component: str, texts: list[str], results: list[Result]) -> None:
        path = self.path or ""
        for text in texts:
            text = self.message or (f"{short(path)}: {text}" if path else text)
            results.append(Result(focus, path, component, text))

    def conforms(self, data: Data, focus: Term, itself: dict | None = None) -> bool:
        results: list[Result] = []
        self.validate(data, focus, results, itself)
        return not results


@dataclass(frozen=True)
class Shapes:
    targeted: tuple[Shape, ...]

    def validate(self, data: Data) -> list[Result]:
        results: list[Result] = []
        for shape in self.targeted:
            for focus in shape.focus_nodes(data):
                shape.validate(data, focus, results)
        return results


# --- the compiler ----------------------------------------------------------------------------------

_SH = str(SH)
_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# Predicates the compiler reads elsewhere (the SPARQL constraints run on pyoxigraph, see validate.py).
_HANDLED_ELSEWHERE = {SH.sparql, SH.declare, SH.prefix, SH.namespace}
_ALLOWED_ANNOTATIONS = {RDFS.label, RDFS.comment}


class _Compiler:
    def __init__(self, graph: Graph):
        self.g = graph
        self.used: set[tuple] = set()  # the triples compiled; anything else in sh: is unsupported

    def objects(self, node, predicate) -> list:
        found = list(self.g.objects(node, predicate))
        self.used.update((node, predicate, o) for o in found)
        return found

    def one(self, node, predicate):
        found = self.objects(node, predicate)
        if len(found) > 1:
            raise ShapesError(f"{node}: more than one {short(str(predicate))}")
        return found[0] if found else None

    def list_of(self, head) -> list:
        items, node = [], head
        while node != RDF.nil:
            first, rest = self.one(node, RDF.first), self.one(node, RDF.rest)
            if first is None or rest is None:
                raise ShapesError(f"{head}: not a well-formed RDF list")
            items.append(first)
            node = rest
        return items

    def compile(self) -> Shapes:
        roots = set()
        for predicate in _TARGETS:
            roots.update(self.g.subjects(predicate, None))
        for shape_type in _SHAPE_TYPES:
            roots.update(self.g.subjects(RDF.type, shape_type))
        referenced = set(self.g.objects(None, SH.property))
        for predicate in (SH["or"], SH.xone):
            for head in self.g.objects(None, predicate):
                referenced.update(Collection(self.g, head))
        targeted = tuple(self.shape(node) for node in sorted(roots - referenced, key=str))
        self.sparql_constraints()
        self.check_all_used()
        return Shapes(tuple(s for s in targeted if s.target_classes or s.target_subjects_of or s.target_objects_of))

    def sparql_constraints(self) -> None:
        """Check what validate.py runs on pyoxigraph: a SELECT and its message, on a class target."""
        for shape, constraint in self.g.subject_objects(SH.sparql):
            if (shape, SH.targetSubjectsOf, None) in self.g or (shape, SH.targetObjectsOf, None) in self.g \
                    or (shape, SH.targetClass, None) not in self.g:
                raise ShapesError(f"{shape}: sh:sparql is supported on sh:targetClass shapes only")
            for p in (RDF.type, SH.message, SH.select, SH.prefixes):
                self.objects(constraint, p)

    def check_all_used(self) -> None:
        for s, p, o in self.g:
            if (s, p, o) in self.used or p in _HANDLED_ELSEWHERE:
                continue
            if p == RDF.type and (o in _SHAPE_TYPES or o == SH.SPARQLConstraint):
                continue
            if str(p).startswith(_SH) or (p == RDF.type and str(o).startswith(_SH)):
                raise ShapesError(f"unsupported SHACL term: {short(str(p))} {o} (on {s}); "
                                  "implement it in kg/shacl.py before using it in the shapes")

    def shape(self, node) -> Shape:
        for p in set(self.g.predicates(node, None)):
            if not str(p).startswith(_SH) and p not in _ALLOWED_ANNOTATIONS and p != RDF.type:
                raise ShapesError(f"{node}: unsupported predicate {p} on a shape")
        self.objects(node, RDF.type)
        self.objects(node, RDFS.label)
        self.objects(node, RDFS.comment)
        path = self.one(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise ShapesError(f"{node}: only IRI paths are supported, not {path}")
        message = self.one(node, SH.message)
        shape = Shape(str(node), None if path is None else str(path), message=None if message is None else str(message))
        shape.target_classes = [str(c) for c in self.objects(node, SH.targetClass)]
        shape.target_subjects_of = [str(c) for c in self.objects(node, SH.targetSubjectsOf)]
        shape.target_objects_of = [str(c) for c in self.objects(node, SH.targetObjectsOf)]
        labels = []
        for predicate, build in self.builders():
            for value in self.objects(node, predicate):
                shape.constraints.append(Constraint(str(SH) + build[0], build[1](value)))
                labels.append(f"{short(str(predicate))} {self.show(value)}")
        shape.properties = [self.shape(p) for p in self.objects(node, SH.property)]
        shape.label = " ; ".join(labels)
        return shape

    def show(self, value) -> str:
        return short(to_ox(value)) if not isinstance(value, BNode) else "(…)"

    def builders(self) -> list[tuple]:
        def integer(value) -> int:
            if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
                raise ShapesError(f"{value}: not a non-negative integer")
            return value.value

        def iri(value) -> str:
            if not isinstance(value, URIRef):
                raise ShapesError(f"{value}: not an IRI")
            return str(value)

        return [
            (SH.minCount, ("MinCountConstraintComponent", lambda v: _min_count(integer(v)))),
            (SH.maxCount, ("MaxCountConstraintComponent", lambda v: _max_count(integer(v)))),
            (SH.datatype, ("DatatypeConstraintComponent", lambda v: _datatype(iri(v)))),
            (SH.minLength, ("MinLengthConstraintComponent", lambda v: _min_length(integer(v)))),
            (SH["class"], ("ClassConstraintComponent", lambda v: _class(iri(v)))),
            (SH.nodeKind, ("NodeKindConstraintComponent", lambda v: _node_kind(iri(v)))),
            (SH["in"], ("InConstraintComponent", lambda v: _in(tuple(normalise(to_ox(m)) for m in self.list_of(v))))),
            (SH.hasValue, ("HasValueConstraintComponent", lambda v: _has_value(normalise(to_ox(v))))),
            (SH.lessThan, ("LessThanConstraintComponent", lambda v: _less_than(iri(v)))),
            (SH["or"], ("OrConstraintComponent", lambda v: _or([self.shape(s) for s in self.list_of(v)]))),
            (SH.xone, ("XoneConstraintComponent", lambda v: _xone([self.shape(s) for s in self.list_of(v)]))),
        ]


def compile_shapes(graph: Graph) -> Shapes:
    """The shapes of ``graph`` as plain Python objects; ShapesError for anything not implemented."""
    return _Compiler(graph).compile()
