"""kg's SHACL-Core engine, compiled once from a shapes graph into plain Python objects.

pyshacl evaluates every property shape per focus node through rdflib lookups (~45 ms per article);
this engine indexes the data once (subject → predicate → objects) and runs the compiled shapes over
that index. On kg's own shapes it follows pyshacl (the reference oracle in the tests), quirks
included: literals are taken as rdflib reads them (rdflib normalises lexical forms, e.g.
"05"^^xsd:integer is 5 and "1"^^xsd:boolean is true, and flags ill-typed ones), since that is what
pyshacl validates. The W3C SHACL core test suite holds it to the specification (tests/test_shacl_w3c.py).

It implements SHACL Core: all targets (implicit class targets too), property paths, and every core
constraint component. Any other SHACL term in the shapes graph (SHACL-SPARQL unless the caller runs
it, sh:entailment, recursive shapes, a misspelt term) is an error at compile time, so a shapes change
can never go silently unchecked.
"""

from __future__ import annotations

import logging
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Collection as Collection_
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.xsd_datetime import parse_xsd_date

from kg.graph import PREFIXES as GRAPH_PREFIXES
from kg.terms import to_ox, to_rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_RDF_FIRST, _RDF_REST, _RDF_NIL = (ox.NamedNode(str(t)) for t in (RDF.first, RDF.rest, RDF.nil))
_XSD = str(XSD)
_STRING = _XSD + "string"
_LANG_STRING = str(RDF.langString)
_INTEGERS = {_XSD + "integer": False, _XSD + "nonNegativeInteger": True}  # → must be >= 0
_BOOLEAN = _XSD + "boolean"
_DATE = _XSD + "date"

# The export's prefixes, and the two that only shapes and messages about them use.
PREFIXES = {**GRAPH_PREFIXES, "rdf": str(RDF), "sh": str(SH)}


class ShapesError(ValueError):
    """The shapes use something this engine does not implement, or are not well-formed SHACL."""


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

    @cached_property
    def into(self) -> dict[Term, dict[ox.NamedNode, dict[Term, None]]]:
        """object → predicate → subjects: built only when a shape has an inverse path."""
        found: dict[Term, dict[ox.NamedNode, dict[Term, None]]] = {}
        for s, predicates in self.out.items():
            for p, objects in predicates.items():
                for o in objects:
                    found.setdefault(o, {}).setdefault(p, {})[s] = None
        return found

    def subjects(self, node: Term, predicate: ox.NamedNode) -> dict[Term, None] | tuple:
        predicates = self.into.get(node)
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


# --- property paths --------------------------------------------------------------------------------
# Each path walks from a node to its value nodes, or backward (for sh:inversePath of a complex path).
# Value nodes keep the ill-typed flags of Data's index where a predicate step gives them.

Values = dict[Term, bool | None]
_SH_NODE = {name: ox.NamedNode(str(SH) + name) for name in (
    "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath")}


class Path:
    sparql: str  # the path in SPARQL syntax: the key of a result on a complex path

    @property
    def key(self) -> str:
        return self.sparql

    def describe(self) -> str:
        return self.sparql

    def walk(self, data: Data, node: Term, backward: bool = False) -> Values | tuple:
        """The value nodes of ``node`` (``backward``: the nodes whose value nodes include it)."""
        raise NotImplementedError

    def forward(self, data: Data, node: Term) -> Values | tuple:
        return self.walk(data, node)

    def to_rdf(self, out: list[ox.Triple]) -> Term:
        """This path as SHACL path triples (appended to ``out``, for a report); returns its node."""
        raise NotImplementedError


@dataclass(frozen=True)
class PredicatePath(Path):
    iri: ox.NamedNode

    @property
    def key(self) -> str:
        return self.iri.value  # a plain IRI, as pyshacl keys a result on a predicate path

    @property
    def sparql(self) -> str:
        return f"<{self.iri.value}>"

    def describe(self) -> str:
        return short(self.iri)

    def walk(self, data, node, backward=False):
        return data.subjects(node, self.iri) if backward else data.values(node, self.iri)

    def to_rdf(self, out):
        return self.iri


def _rdf_list(items: list[Term], out: list[ox.Triple]) -> Term:
    head: Term = _RDF_NIL
    for item in reversed(items):
        node = ox.BlankNode()
        out += [ox.Triple(node, _RDF_FIRST, item), ox.Triple(node, _RDF_REST, head)]
        head = node
    return head


def _path_node(kind: str, value: Term, out: list[ox.Triple]) -> Term:
    head = ox.BlankNode()
    out.append(ox.Triple(head, _SH_NODE[kind], value))
    return head


@dataclass(frozen=True)
class InversePath(Path):
    path: Path

    @property
    def sparql(self) -> str:
        return f"^{self.path.sparql}"

    def describe(self) -> str:
        return f"^{self.path.describe()}"

    def walk(self, data, node, backward=False):
        return self.path.walk(data, node, not backward)

    def to_rdf(self, out):
        return _path_node("inversePath", self.path.to_rdf(out), out)


@dataclass(frozen=True)
class SequencePath(Path):
    steps: tuple[Path, ...]

    @property
    def sparql(self) -> str:
        return "(" + "/".join(s.sparql for s in self.steps) + ")"

    def describe(self) -> str:
        return "/".join(s.describe() for s in self.steps)

    def walk(self, data, node, backward=False):
        nodes: Values | tuple = {node: None}
        for step in (reversed(self.steps) if backward else self.steps):
            found: Values = {}
            for n in nodes:
                found.update(step.walk(data, n, backward))
            nodes = found
        return nodes

    def to_rdf(self, out):
        return _rdf_list([s.to_rdf(out) for s in self.steps], out)


@dataclass(frozen=True)
class AlternativePath(Path):
    choices: tuple[Path, ...]

    @property
    def sparql(self) -> str:
        return "(" + "|".join(s.sparql for s in self.choices) + ")"

    def describe(self) -> str:
        return "(" + " | ".join(s.describe() for s in self.choices) + ")"

    def walk(self, data, node, backward=False):
        found: Values = {}
        for choice in self.choices:
            found.update(choice.walk(data, node, backward))
        return found

    def to_rdf(self, out):
        return _path_node("alternativePath", _rdf_list([s.to_rdf(out) for s in self.choices], out), out)


@dataclass(frozen=True)
class RepeatPath(Path):
    path: Path
    kind: str  # "zeroOrMorePath", "oneOrMorePath" or "zeroOrOnePath"

    @property
    def sparql(self) -> str:
        return self.path.sparql + {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}[self.kind]

    def describe(self) -> str:
        return self.path.describe() + self.sparql[-1]

    def walk(self, data, node, backward=False):
        found: Values = {node: None} if self.kind != "oneOrMorePath" else {}
        if self.kind == "zeroOrOnePath":
            found.update(self.path.walk(data, node, backward))
            return found
        todo = [node]
        while todo:  # the closure: each node once, so cycles in the data end
            for n in self.path.walk(data, todo.pop(), backward):
                if n not in found:
                    found[n] = None
                    todo.append(n)
        return found

    def to_rdf(self, out):
        return _path_node(self.kind, self.path.to_rdf(out), out)


# --- results ---------------------------------------------------------------------------------------

_VIOLATION = str(SH.Violation)


@dataclass(frozen=True, order=True)
class Result:
    focus: Term
    path: str  # the result path: a property IRI, a complex path in SPARQL syntax, "" at node level
    component: str  # the SHACL constraint component IRI, as pyshacl reports it in sh:sourceConstraintComponent
    message: str
    # For a validation report; not part of a result's identity.
    value: Term | None = field(default=None, compare=False)  # sh:value, where the component gives one
    shape: Shape | None = field(default=None, compare=False, repr=False)  # the sh:sourceShape
    path_node: Path | None = field(default=None, compare=False, repr=False)  # the sh:resultPath

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.focus.value, self.path, self.component)

    @property
    def severity(self) -> str:
        return self.shape.severity if self.shape is not None else _VIOLATION


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
# returns one Finding per offending value node (or one for the whole set, as sh:minCount does), or an
# empty list. Checks are closures over their parameters: the conforming case, nearly every call, is
# a loop with no allocation.

class Finding(NamedTuple):
    value: Term | None  # the sh:value of the result, None when the component names none
    text: str
    path: Path | None = None  # only sh:closed reports a path of its own (the unexpected property)


Check = Callable[["Data", Term, Collection_[Term]], list[Finding]]
_NONE: list[Finding] = []


def _component(name: str) -> str:
    return f"{SH}{name}ConstraintComponent"


_MIN_COUNT = _component("MinCount")
_MAX_COUNT = _component("MaxCount")
_HAS_VALUE = _component("HasValue")
_EQUALS = _component("Equals")
_QUALIFIED_MIN = _component("QualifiedMinCount")
# With no value nodes, only these can fail (minCount is counted apart): most optional properties
# are absent, so the plan skips every other check then.
_FAILS_WITH_NO_VALUES = {_HAS_VALUE, _EQUALS, _QUALIFIED_MIN}


@dataclass
class Constraint:
    component: str  # sh:...ConstraintComponent
    check: Check


def _values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def _min_count(n: int) -> Check:
    def check(data, focus, values):
        return [Finding(None, f"fewer than {_values(n)} ({len(values)})")] if len(values) < n else _NONE
    check.n = n  # the plan tests counts inline, without a call
    return check


def _max_count(n: int) -> Check:
    def check(data, focus, values):
        return [Finding(None, f"more than {_values(n)} ({len(values)})")] if len(values) > n else _NONE
    check.n = n
    return check


def _each(test: Callable[[Data, Term, Term], bool], say: Callable[[Term], str]) -> Check:
    """A check of each value node on its own: a Finding for each one ``test`` rejects."""
    def check(data, focus, values):
        return [Finding(v, say(v)) for v in values if not test(data, focus, v)] or _NONE
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
            bad.append(Finding(v, f"{short(v)} is not a valid {short(iri)}"))
        return bad
    return check


def _min_length(n: int) -> Check:
    # pyshacl measures the lexical form (of a literal as rdflib normalised it) or the IRI; a blank
    # node never passes a positive minimum.
    # (Written out, as the hot checks below are: a call per value node would double their cost.)
    def check(data, focus, values):
        return [Finding(v, f"{short(v)} is shorter than {n} character{'s' if n != 1 else ''}") for v in values
                if n > 0 and (type(v) is ox.BlankNode or len(v.value) < n)] or _NONE
    return check


def _max_length(n: int) -> Check:
    return _each(lambda data, focus, v: type(v) is not ox.BlankNode and len(v.value) <= n,
                 lambda v: f"{short(v)} is longer than {n} character{'s' if n != 1 else ''}")


def _pattern(pattern: str, flags: str) -> Check:
    # SPARQL REGEX flags; XPath's regular expressions read as Python's (their common ground).
    bits = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
    if set(flags) - set(bits) - {"q"}:
        raise ShapesError(f'sh:flags "{flags}": only the flags i, m, s, x and q are supported')
    try:
        regex = re.compile(re.escape(pattern) if "q" in flags else pattern,
                           sum(bits[f] for f in set(flags) - {"q"}))
    except re.error as err:
        raise ShapesError(f'sh:pattern "{pattern}": {err}') from None
    return _each(lambda data, focus, v: type(v) is not ox.BlankNode and regex.search(v.value) is not None,
                 lambda v: f"{short(v)} does not match /{pattern}/{flags}")


def _language_in(ranges: tuple[str, ...]) -> Check:
    wanted = tuple(r.lower() for r in ranges)

    def matches(tag: str) -> bool:  # SPARQL langMatches: basic language ranges
        tag = tag.lower()
        return any(r == "*" or tag == r or tag.startswith(r + "-") for r in wanted)

    return _each(lambda data, focus, v: type(v) is ox.Literal and bool(v.language) and matches(v.language),
                 lambda v: f"{short(v)} has no language tag in {', '.join(ranges)}")


def _unique_lang() -> Check:
    def check(data, focus, values):
        seen: dict[str, int] = {}
        for v in values:
            if type(v) is ox.Literal and v.language:
                seen[v.language.lower()] = seen.get(v.language.lower(), 0) + 1
        return [Finding(None, f"more than one value in language @{lang}") for lang, n in seen.items() if n > 1] or _NONE
    return check


def _class(iri: str) -> Check:
    cls = ox.NamedNode(iri)
    def check(data, focus, values):
        return [Finding(v, f"{short(v)} is not a {short(iri)}") for v in values if not data.has_class(v, cls)] or _NONE
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
        return [Finding(v, f"{short(v)} is not a {name}") for v in values if type(v) not in kinds] or _NONE
    return check


def _in(members: tuple[Term, ...]) -> Check:
    allowed = set(members)
    listed = ", ".join(short(m) for m in members)
    def check(data, focus, values):
        return [Finding(v, f"{short(v)} is not one of {listed}") for v in values if v not in allowed] or _NONE
    return check


def _has_value(value: Term) -> Check:
    def check(data, focus, values):
        return _NONE if value in values else [Finding(None, f"has no value {short(value)}")]
    return check


def _equals(other: str) -> Check:
    predicate = ox.NamedNode(other)

    def check(data, focus, values):
        others = data.values(focus, predicate)
        return ([Finding(v, f"{short(v)} is not also a value of {short(other)}") for v in values if v not in others]
                + [Finding(w, f"{short(w)} of {short(other)} is not a value here") for w in others if w not in values]) \
            or _NONE
    return check


def _disjoint(other: str) -> Check:
    predicate = ox.NamedNode(other)
    return _each(lambda data, focus, v: v not in data.values(focus, predicate),
                 lambda v: f"{short(v)} is also a value of {short(other)}")


def _less_than(other: str, or_equal: bool = False) -> Check:
    predicate = ox.NamedNode(other)
    relation = "less than or equal to" if or_equal else "less than"

    def check(data, focus, values):
        return [Finding(v, f"{short(v)} is not {relation} {short(other)} {short(w)}")
                for v in values for w in data.values(focus, predicate) if not _lt(v, w, or_equal)] or _NONE
    return check


def _lt(a: Term, b: Term, or_equal: bool = False) -> bool:
    """pyshacl's sh:lessThan (and sh:lessThanOrEquals): text against text, otherwise rdflib's ordering
    of the two literals."""
    if type(a) is ox.Literal and type(b) is ox.Literal:
        x, y = _lexical(a), _lexical(b)
        if x.number is not None and y.number is not None:  # the common case, integers
            return x.number <= y.number if or_equal else x.number < y.number
    if type(a) is ox.BlankNode or type(b) is ox.BlankNode:
        return False  # pyshacl stops with an error here; a violation is the honest report
    a_text = type(a) is ox.NamedNode or (type(a) is ox.Literal and _lexical(a).is_string)
    b_text = type(b) is ox.NamedNode or (type(b) is ox.Literal and _lexical(b).is_string)
    if a_text or b_text:
        return a_text and b_text and (a.value <= b.value if or_equal else a.value < b.value)
    try:
        x, y = to_rdflib(a), to_rdflib(b)
        return bool(x < y or (or_equal and x.eq(y)))
    except TypeError:
        return False


_RANGES = {  # parameter → (component, the order the value must have against the bound, its sign)
    "minExclusive": ("MinExclusive", operator.gt, ">"), "minInclusive": ("MinInclusive", operator.ge, ">="),
    "maxExclusive": ("MaxExclusive", operator.lt, "<"), "maxInclusive": ("MaxInclusive", operator.le, "<="),
}


def _range(parameter: str, bound: Term) -> Check:
    """sh:minInclusive and its kin, as pyshacl compares: a literal of a comparable kind (text against
    text, otherwise rdflib's ordering); a node that is no literal, or cannot be compared, fails."""
    if type(bound) is not ox.Literal:
        raise ShapesError(f"sh:{parameter} {short(bound)}: not a literal")
    _, order, sign = _RANGES[parameter]
    limit = to_rdflib(bound)

    def fits(data, focus, v) -> bool:
        if type(v) is not ox.Literal:
            return False
        value = to_rdflib(v)
        if value.ill_typed or limit.ill_typed or isinstance(value.value, str) != isinstance(limit.value, str):
            return False
        try:
            return order(_compare(value, limit), 0)
        except (TypeError, NotImplementedError):
            return False

    return _each(fits, lambda v: f"{short(v)} is not {sign} {short(bound)}")


def _compare(a: Literal, b: Literal) -> int:
    """pyshacl's compare_literal: -1, 0 or 1; TypeError when the two cannot be ordered."""
    if a.eq(b):
        return 0
    if type(a.value).__name__ in ("datetime", "time"):  # compared by value (time zones), as pyshacl does
        return 0 if a.value == b.value else (1 if a.value > b.value else -1)
    return 1 if a > b else -1


def _alone(values, v: Term) -> dict[Term, bool | None]:
    """``v`` as the sole value node of a nested shape, keeping its ill-typed flag."""
    return {v: values[v] if type(values) is dict else None}


def _conforming(test: Callable[[Data, Term, dict], bool], say: Callable[[Term], str]) -> Check:
    """A check of each value node against nested shapes: ``test(data, v, v alone)`` says if it passes."""
    def check(data, focus, values):
        bad = _NONE
        for v in values:
            if not test(data, v, _alone(values, v)):
                bad = bad or []
                bad.append(Finding(v, say(v)))
        return bad
    return check


def _or(alternatives: list[Shape]) -> Check:
    listed = " | ".join(s.describe() for s in alternatives)
    return _conforming(lambda data, v, alone: any(s.conforms(data, v, alone) for s in alternatives),
                       lambda v: f"{short(v)} matches none of: {listed}")


def _xone(alternatives: list[Shape]) -> Check:
    def check(data, focus, values):
        bad = _NONE
        for v in values:
            n = sum(s.conforms(data, v, _alone(values, v)) for s in alternatives)
            if n != 1:
                bad = bad or []
                bad.append(Finding(v, f"conforms to {n} of {len(alternatives)} alternatives, not exactly one"))
        return bad
    return check


def _and(parts: list[Shape]) -> Check:
    listed = " & ".join(s.describe() for s in parts)
    return _conforming(lambda data, v, alone: all(s.conforms(data, v, alone) for s in parts),
                       lambda v: f"{short(v)} does not conform to all of: {listed}")


def _not(shape: Shape) -> Check:
    return _conforming(lambda data, v, alone: not shape.conforms(data, v, alone),
                       lambda v: f"{short(v)} conforms to {shape.describe()}, and must not")


def _node(shape: Shape) -> Check:
    return _conforming(shape.conforms, lambda v: f"{short(v)} does not conform to {shape.describe()}")


def _qualified(shape: Shape, siblings: list[Shape], bound: int, at_least: bool) -> Check:
    """sh:qualifiedMinCount (``at_least``) or sh:qualifiedMaxCount: how many value nodes conform to
    ``shape`` and (sh:qualifiedValueShapesDisjoint) to none of its siblings."""
    def check(data, focus, values):
        n = sum(1 for v in values if shape.conforms(data, v, _alone(values, v))
                and not any(s.conforms(data, v, _alone(values, v)) for s in siblings))
        if n < bound if at_least else n > bound:
            return [Finding(None, f"{n} value(s) conform to {shape.describe()}, "
                                  f"{'fewer than' if at_least else 'more than'} {bound}")]
        return _NONE
    return check


def _closed(allowed: frozenset[ox.NamedNode]) -> Check:
    def check(data, focus, values):
        bad = _NONE
        for v in values:
            for p, objects in (data.out.get(v) or {}).items():
                if p not in allowed:
                    bad = bad or []
                    bad += [Finding(o, f"{short(p)} is not a property this closed shape allows", PredicatePath(p))
                            for o in objects]
        return bad
    return check


# --- shapes ----------------------------------------------------------------------------------------

@dataclass
class Targets:
    nodes: list[Term] = field(default_factory=list)
    classes: list[ox.NamedNode] = field(default_factory=list)  # sh:targetClass, and the implicit one
    subjects_of: list[ox.NamedNode] = field(default_factory=list)
    objects_of: list[ox.NamedNode] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.nodes or self.classes or self.subjects_of or self.objects_of)

    def focus_nodes(self, data: Data) -> dict[Term, None]:
        found: dict[Term, None] = dict.fromkeys(self.nodes)
        for cls in self.classes:
            found.update(dict.fromkeys(data.instances(cls)))
        for p in self.subjects_of:
            found.update(dict.fromkeys(data.subjects_of(p)))
        for p in self.objects_of:
            found.update(dict.fromkeys(data.objects_of(p)))
        return found


@dataclass(eq=False)
class Shape:
    name: str  # the shape's IRI or blank node label
    node: Term | None = None  # the shape's node in the shapes graph (a report's sh:sourceShape)
    path: Path | None = None  # a property shape's path; None for a node shape
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    messages: tuple[ox.Literal, ...] = ()  # sh:message
    severity: str = _VIOLATION
    deactivated: bool = False
    targets: Targets = field(default_factory=Targets)
    label: str = ""  # a short description of what it asks, for sh:or messages

    @property
    def message(self) -> str | None:
        """The shape's own sh:message (untagged or English first), if it has one."""
        if not self.messages:
            return None
        return min(self.messages, key=lambda m: (m.language or "en") != "en").value

    def describe(self) -> str:
        return self.label or self.name

    def focus_nodes(self, data: Data) -> dict[Term, None]:
        return self.targets.focus_nodes(data)

    def validate(self, data: Data, focus: Term, results: list[Result], itself: dict | None = None) -> None:
        """Append the results of ``focus`` against this shape (and its property shapes) to ``results``;
        ``itself``: the focus node as a value node, when it was one of another shape (see ``_alone``).

        Runs over a flat plan (see ``_plan``): this loop is the engine's hot spot.
        """
        predicates = data.out.get(focus) or {}
        for shape, predicate, counts, checks, if_empty, rare in self._plan:
            if predicate is not None:
                values = predicates.get(predicate, ())
            elif rare is None:
                values = itself or (focus,)
            else:
                values = rare[0].forward(data, focus)
            if counts is not None and not counts[0] <= len(values) <= counts[1]:
                shape.report_counts(focus, values, results)
            for component, check in (checks if values else if_empty):
                found = check(data, focus, values)
                if found:
                    shape.report(focus, component, found, results)
            if rare is not None:  # sh:property of a property shape: each value node is its focus node
                for q in rare[1]:
                    for v in values:
                        q.validate(data, v, results)

    @cached_property
    def _plan(self) -> list[tuple]:
        """This shape and, for a node shape, its property shapes (whose focus node is the same) as
        (shape, IRI path or None, (minCount, maxCount) or None, other checks, those of them that can
        fail with no value nodes, and what kg's own shapes never have: None, or (a complex path or
        None, the property shapes nested in a property shape))."""
        if self.deactivated:
            return []
        plan = []
        for shape in (self, *(self.properties if self.path is None else ())):
            if shape.deactivated:
                continue
            counts, checks = None, []
            for c in shape.constraints:
                if c.component in (_MIN_COUNT, _MAX_COUNT):
                    lo, hi = counts or (0, math.inf)
                    counts = (max(lo, c.check.n), hi) if c.component == _MIN_COUNT else (lo, min(hi, c.check.n))
                else:
                    checks.append((c.component, c.check))
            predicate = shape.path.iri if type(shape.path) is PredicatePath else None
            complex_path = shape.path if predicate is None else None
            nested = [q for q in shape.properties if not q.deactivated] if shape.path is not None else []
            rare = (complex_path, nested) if complex_path is not None or nested else None
            plan.append((shape, predicate, counts, checks, [c for c in checks if c[0] in _FAILS_WITH_NO_VALUES], rare))
        return plan

    def report_counts(self, focus: Term, values, results: list[Result]) -> None:
        for c in self.constraints:
            if c.component in (_MIN_COUNT, _MAX_COUNT):
                found = c.check(None, focus, values)
                if found:
                    self.report(focus, c.component, found, results)

    def report(self, focus: Term, component: str, found: list[Finding], results: list[Result]) -> None:
        own = self.message
        for value, text, path in found:
            path = path or self.path
            message = own or (f"{path.describe()}: {text}" if path is not None else text)
            results.append(Result(focus, path.key if path is not None else "", component, message, value, self, path))

    def conforms(self, data: Data, focus: Term, itself: dict | None = None) -> bool:
        results: list[Result] = []
        self.validate(data, focus, results, itself)
        return not results


@dataclass(frozen=True)
class Shapes:
    targeted: tuple[Shape, ...]  # the shapes with targets, the ones validation starts from

    def validate(self, data: Data) -> list[Result]:
        results: list[Result] = []
        for shape in self.targeted:
            if not shape.deactivated:
                for focus in shape.focus_nodes(data):
                    shape.validate(data, focus, results)
        return results


# --- the compiler ----------------------------------------------------------------------------------

_SH = str(SH)


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(_SH + name)


_RDFS_CLASS = ox.NamedNode(str(RDFS.Class))
_NODE_SHAPE, _PROPERTY_SHAPE, _SPARQL_CONSTRAINT = _sh("NodeShape"), _sh("PropertyShape"), _sh("SPARQLConstraint")
_TARGETS = tuple(_sh(t) for t in ("targetNode", "targetClass", "targetSubjectsOf", "targetObjectsOf"))
_PATH_PREDICATES = frozenset(_SH_NODE.values())
# Prefix declarations change nothing by themselves; the SPARQL constraints that use them run on
# pyoxigraph (kg/validate.py), and only when the caller says it runs them.
_DECLARATIONS = frozenset(_sh(t) for t in ("declare", "prefix", "namespace"))
_SPARQL_TERMS = frozenset(_sh(t) for t in ("sparql", "prefixes"))
# Parameters that say nothing about conformance (SHACL 2.3.2 "non-validating properties").
_NON_VALIDATING = tuple(_sh(t) for t in ("name", "description", "order", "group", "defaultValue"))
# Parameters of constraint components that only a property shape may have (SHACL 2.2, 4.x).
_PROPERTY_ONLY = frozenset(_sh(t) for t in ("minCount", "maxCount", "uniqueLang", "lessThan", "lessThanOrEquals",
                                             "qualifiedValueShape"))
_INTEGER_TYPES = frozenset(_XSD + t for t in (
    "integer", "nonNegativeInteger", "positiveInteger", "long", "int", "short", "byte", "unsignedLong",
    "unsignedInt", "unsignedShort", "unsignedByte"))


class _ShapesGraph:
    """The shapes graph's triples, indexed by subject and by predicate (pyoxigraph terms, so a
    literal keeps the lexical form it was written with: "1"^^xsd:boolean is not true)."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]):
        self.spo: dict[Term, dict[ox.NamedNode, list[Term]]] = {}
        self.by_predicate: dict[ox.NamedNode, list[tuple[Term, Term]]] = {}
        for t in triples:
            objects = self.spo.setdefault(t.subject, {}).setdefault(t.predicate, [])
            if t.object not in objects:
                objects.append(t.object)
                self.by_predicate.setdefault(t.predicate, []).append((t.subject, t.object))

    def objects(self, node: Term, predicate: ox.NamedNode) -> list[Term]:
        return self.spo.get(node, {}).get(predicate, [])

    def subjects(self, predicate: ox.NamedNode, obj: Term | None = None) -> list[Term]:
        return [s for s, o in self.by_predicate.get(predicate, ()) if obj is None or o == obj]

    def triples(self) -> Iterator[tuple[Term, ox.NamedNode, Term]]:
        for s, predicates in self.spo.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield s, p, o


def _near_shacl(iri: str) -> bool:
    """A namespace one slip away from SHACL's (no '#', https): its terms would silently do nothing."""
    return bool(re.match(r"https?://www\.w3\.org/ns/shacl(?![#-])", iri)) or iri.startswith("https://www.w3.org/ns/shacl#")


class _Compiler:
    def __init__(self, graph: _ShapesGraph, sparql: bool):
        self.g = graph
        self.sparql = sparql  # whether the caller runs the SPARQL constraints (validate.py does)
        self.used: set[tuple] = set()  # the triples compiled; anything else in sh: is unsupported
        self.shapes: dict[Term, Shape] = {}
        self.compiling: list[Term] = []  # the shapes being compiled, innermost last: a cycle is refused
        self.path_nodes: set[Term] = set()  # the blank nodes compiled as paths

    # -- reading the graph, recording what was read

    def objects(self, node: Term, predicate: ox.NamedNode) -> list[Term]:
        found = self.g.objects(node, predicate)
        self.used.update((node, predicate, o) for o in found)
        return found

    def one(self, node: Term, predicate: ox.NamedNode) -> Term | None:
        found = self.objects(node, predicate)
        if len(found) > 1:
            raise ShapesError(f"{self.show(node)}: more than one {short(predicate)}")
        return found[0] if found else None

    def list_of(self, head: Term) -> list[Term]:
        items, node, seen = [], head, set()
        while node != _RDF_NIL:
            first, rest = self.g.objects(node, _RDF_FIRST), self.g.objects(node, _RDF_REST)
            if len(first) != 1 or len(rest) != 1 or node in seen:
                raise ShapesError(f"{self.show(head)}: not a well-formed RDF list")
            seen.add(node)
            items.append(first[0])
            node = rest[0]
        return items

    def show(self, node: Term) -> str:
        return f"_:{node.value}" if type(node) is ox.BlankNode else short(node)

    def iri(self, value: Term, parameter: str) -> str:
        if type(value) is not ox.NamedNode:
            raise ShapesError(f"{parameter} {self.show(value)}: not an IRI")
        return value.value

    def count(self, value: Term, parameter: str) -> int:
        if type(value) is not ox.Literal or value.datatype.value not in _INTEGER_TYPES:
            raise ShapesError(f"{parameter} {self.show(value)}: not an integer")
        try:
            n = int(value.value)
        except ValueError:
            raise ShapesError(f"{parameter} {self.show(value)}: not an integer") from None
        if n < 0:
            raise ShapesError(f"{parameter} {n}: must not be negative")
        return n

    def flag(self, value: Term, parameter: str) -> bool:
        """A boolean parameter: only the literal true switches it on (so "1"^^xsd:boolean does not, as
        the W3C suite's uniqueLang-002 spells out)."""
        if type(value) is not ox.Literal or value.datatype.value != _BOOLEAN:
            raise ShapesError(f"{parameter} {self.show(value)}: not a boolean")
        return value.value == "true"

    # -- the whole graph

    def compile(self) -> Shapes:
        roots: dict[Term, None] = {}
        for predicate in _TARGETS:
            roots.update(dict.fromkeys(self.g.subjects(predicate)))
        roots.update(dict.fromkeys(n for n in self.g.subjects(_RDF_TYPE)
                                   if {_NODE_SHAPE, _PROPERTY_SHAPE} & self.classes_of(n)))
        for node in roots:
            self.shape(node)
        if self.sparql:
            self.sparql_constraints()
        self.check_all_used()
        return Shapes(tuple(sorted((s for s in self.shapes.values() if s.targets), key=lambda s: s.name)))

    def sparql_constraints(self) -> None:
        """Check what validate.py runs on pyoxigraph: a SELECT and its message, on a class target."""
        for shape, constraint in self.g.by_predicate.get(_sh("sparql"), ()):
            if self.g.objects(shape, _sh("targetSubjectsOf")) or self.g.objects(shape, _sh("targetObjectsOf")) \
                    or self.g.objects(shape, _sh("targetNode")) or not self.g.objects(shape, _sh("targetClass")):
                raise ShapesError(f"{self.show(shape)}: sh:sparql is supported on sh:targetClass shapes only")
            for p in (_RDF_TYPE, _sh("message"), _sh("select"), _sh("prefixes")):
                self.objects(constraint, p)

    def check_all_used(self) -> None:
        harmless = _DECLARATIONS | (_SPARQL_TERMS if self.sparql else frozenset())
        shape_types = {_NODE_SHAPE, _PROPERTY_SHAPE} | ({_SPARQL_CONSTRAINT} if self.sparql else set())
        unsupported = []
        for s, p, o in self.g.triples():
            if (s, p, o) in self.used or p in harmless:
                continue
            if p in _PATH_PREDICATES and s not in self.path_nodes:
                continue  # a path that no shape uses cannot change a result
            if p == _RDF_TYPE and o in shape_types:
                continue
            if p.value.startswith(_SH) or (p == _RDF_TYPE and type(o) is ox.NamedNode and o.value.startswith(_SH)):
                unsupported.append((s not in self.shapes, p.value, s, p, o))
        if unsupported:  # name the one on a shape first: the term there is the likelier cause
            _, _, s, p, o = min(unsupported, key=lambda u: u[:2])
            raise ShapesError(f"unsupported SHACL term: {short(p)} {self.show(o)} (on {self.show(s)}); "
                              "implement it in kg/shacl.py before using it in the shapes")

    # -- one shape

    def shape(self, node: Term) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        if node in self.compiling:
            cycle = " → ".join(self.show(n) for n in self.compiling[self.compiling.index(node):] + [node])
            raise ShapesError(f"recursive shapes ({cycle}): SHACL leaves their validation undefined")
        if type(node) is ox.Literal:
            raise ShapesError(f"{self.show(node)}: a literal is not a shape")
        self.compiling.append(node)
        try:
            shape = self.build(node)
        finally:
            self.compiling.pop()
        self.shapes[node] = shape
        return shape

    def build(self, node: Term) -> Shape:
        for p in self.g.spo.get(node, {}):
            if _near_shacl(p.value):
                raise ShapesError(f"{self.show(node)}: {p.value} is not in the SHACL namespace {_SH}")
        self.objects(node, _RDF_TYPE)
        types = self.classes_of(node)
        path = self.one(node, _sh("path"))
        if path is None and _PROPERTY_SHAPE in types:
            raise ShapesError(f"{self.show(node)}: a sh:PropertyShape needs a sh:path")
        if path is not None and _NODE_SHAPE in types:
            raise ShapesError(f"{self.show(node)}: a sh:NodeShape cannot have a sh:path")
        shape = Shape(self.show(node) if type(node) is ox.BlankNode else node.value, node,
                      None if path is None else self.path(path))
        shape.messages = tuple(self.message(m) for m in self.objects(node, _sh("message")))
        severity = self.one(node, _sh("severity"))
        if severity is not None:
            shape.severity = self.iri(severity, "sh:severity")
        deactivated = self.one(node, _sh("deactivated"))
        shape.deactivated = deactivated is not None and self.flag(deactivated, "sh:deactivated")
        for p in _NON_VALIDATING:
            self.objects(node, p)
        shape.targets = self.targets(node, types)
        shape.properties = [self.property_shape(p) for p in self.objects(node, _sh("property"))]
        shape.constraints, labels = self.constraints(node, shape)
        shape.label = " ; ".join(labels)
        return shape

    def property_shape(self, node: Term) -> Shape:
        shape = self.shape(node)
        if shape.path is None:
            raise ShapesError(f"{self.show(node)}: a value of sh:property must be a property shape (with sh:path)")
        return shape

    def message(self, value: Term) -> ox.Literal:
        if type(value) is not ox.Literal or value.datatype.value not in _STRINGY:
            raise ShapesError(f"sh:message {self.show(value)}: not a string")
        return value

    def targets(self, node: Term, types: set[Term]) -> Targets:
        targets = Targets(
            nodes=[normalise(v) for v in self.objects(node, _sh("targetNode"))],
            classes=[ox.NamedNode(self.iri(v, "sh:targetClass")) for v in self.objects(node, _sh("targetClass"))],
            subjects_of=[ox.NamedNode(self.iri(v, "sh:targetSubjectsOf")) for v in self.objects(node, _sh("targetSubjectsOf"))],
            objects_of=[ox.NamedNode(self.iri(v, "sh:targetObjectsOf")) for v in self.objects(node, _sh("targetObjectsOf"))])
        # Implicit class target (SHACL 2.1.3.3): a shape that is also an rdfs:Class targets its instances.
        if type(node) is ox.NamedNode and _RDFS_CLASS in types and types & {_NODE_SHAPE, _PROPERTY_SHAPE} \
                and node not in targets.classes:
            targets.classes.append(node)
        return targets

    def classes_of(self, node: Term) -> set[Term]:
        """The classes ``node`` is a SHACL instance of in the shapes graph: its rdf:types and their
        rdfs:subClassOf* (so a subclass of sh:NodeShape makes a node shape)."""
        seen, todo = set(), list(self.g.objects(node, _RDF_TYPE))
        while todo:
            cls = todo.pop()
            if cls not in seen:
                seen.add(cls)
                todo += self.g.objects(cls, _SUBCLASS)
        return seen

    # -- paths

    def path(self, node: Term, within: tuple = ()) -> Path:
        if type(node) is ox.NamedNode:
            return PredicatePath(node)
        if type(node) is not ox.BlankNode or node in within:
            raise ShapesError(f"{self.show(node)}: not a well-formed SHACL path")
        self.path_nodes.add(node)
        within = (*within, node)
        kinds = [k for k, p in _SH_NODE.items() if self.g.objects(node, p)]
        if self.g.objects(node, _RDF_FIRST):
            # A list is a sequence path whatever else its node says (SHACL 2.3.1.2, and the W3C suite's
            # path-strange-001/002 expect exactly that): other path terms on it are not a path.
            for kind in kinds:
                self.objects(node, _SH_NODE[kind])
            steps = tuple(self.path(n, within) for n in self.list_of(node))
            if len(steps) < 2:
                raise ShapesError(f"{self.show(node)}: a sequence path needs two or more members")
            return SequencePath(steps)
        if len(kinds) != 1:
            raise ShapesError(f"{self.show(node)}: a path needs exactly one of sh:{', sh:'.join(_SH_NODE)}")
        value = self.one(node, _SH_NODE[kinds[0]])
        if kinds[0] == "alternativePath":
            choices = tuple(self.path(n, within) for n in self.list_of(value))
            if len(choices) < 2:
                raise ShapesError(f"{self.show(node)}: sh:alternativePath needs two or more members")
            return AlternativePath(choices)
        inner = self.path(value, within)
        return InversePath(inner) if kinds[0] == "inversePath" else RepeatPath(inner, kinds[0])

    # -- constraints

    def constraints(self, node: Term, shape: Shape) -> tuple[list[Constraint], list[str]]:
        found, labels = [], []
        for parameter, component, build in self.builders(node, shape):
            predicate = _sh(parameter)
            for value in self.objects(node, predicate):
                if shape.path is None and predicate in _PROPERTY_ONLY:
                    raise ShapesError(f"{self.show(node)}: sh:{parameter} is for property shapes, not node shapes")
                check = build(value)
                if check is not None:  # None: a parameter that switches its component off (sh:closed false)
                    found.append(Constraint(_component(component), check))
                    labels.append(f"sh:{parameter} {self.show(value) if type(value) is not ox.BlankNode else '(…)'}")
        found += self.qualified(node, shape)
        return found, labels

    def builders(self, node: Term, shape: Shape) -> list[tuple[str, str, Callable[[Term], Check | None]]]:
        """(parameter, component, the check for one value of the parameter), in the order they run."""
        def shapes(value):
            return [self.shape(s) for s in self.list_of(value)]

        def members(value):
            return tuple(normalise(m) for m in self.list_of(value))

        return [
            ("minCount", "MinCount", lambda v: _min_count(self.count(v, "sh:minCount"))),
            ("maxCount", "MaxCount", lambda v: _max_count(self.count(v, "sh:maxCount"))),
            ("datatype", "Datatype", lambda v: _datatype(self.iri(v, "sh:datatype"))),
            ("minLength", "MinLength", lambda v: _min_length(self.count(v, "sh:minLength"))),
            ("maxLength", "MaxLength", lambda v: _max_length(self.count(v, "sh:maxLength"))),
            ("class", "Class", lambda v: _class(self.iri(v, "sh:class"))),
            ("nodeKind", "NodeKind", lambda v: _node_kind(self.iri(v, "sh:nodeKind"))),
            ("in", "In", lambda v: _in(members(v))),
            ("hasValue", "HasValue", lambda v: _has_value(normalise(v))),
            ("lessThan", "LessThan", lambda v: _less_than(self.iri(v, "sh:lessThan"))),
            ("lessThanOrEquals", "LessThanOrEquals", lambda v: _less_than(self.iri(v, "sh:lessThanOrEquals"), True)),
            ("equals", "Equals", lambda v: _equals(self.iri(v, "sh:equals"))),
            ("disjoint", "Disjoint", lambda v: _disjoint(self.iri(v, "sh:disjoint"))),
            *((p, _RANGES[p][0], lambda v, p=p: _range(p, normalise(v))) for p in _RANGES),
            ("pattern", "Pattern", lambda v: self.pattern(node, v)),
            ("languageIn", "LanguageIn", lambda v: _language_in(self.languages(v))),
            ("uniqueLang", "UniqueLang", lambda v: _unique_lang() if self.flag(v, "sh:uniqueLang") else None),
            ("or", "Or", lambda v: _or(shapes(v))),
            ("xone", "Xone", lambda v: _xone(shapes(v))),
            ("and", "And", lambda v: _and(shapes(v))),
            ("not", "Not", lambda v: _not(self.shape(v))),
            ("node", "Node", lambda v: _node(self.shape(v))),
            ("closed", "Closed", lambda v: self.closed(node, shape, v)),
        ]

    def pattern(self, node: Term, value: Term) -> Check:
        flags = self.one(node, _sh("flags"))
        for v, parameter in ((value, "sh:pattern"), (flags, "sh:flags")):
            if v is not None and (type(v) is not ox.Literal or v.datatype.value != _STRING):
                raise ShapesError(f"{parameter} {self.show(v)}: not a string")
        return _pattern(value.value, "" if flags is None else flags.value)

    def languages(self, value: Term) -> tuple[str, ...]:
        tags = self.list_of(value)
        if any(type(t) is not ox.Literal or t.datatype.value != _STRING for t in tags):
            raise ShapesError(f"sh:languageIn {self.show(value)}: not a list of strings")
        return tuple(t.value for t in tags)

    def closed(self, node: Term, shape: Shape, value: Term) -> Check | None:
        ignored = self.one(node, _sh("ignoredProperties"))
        if not self.flag(value, "sh:closed"):
            return None
        allowed = {p.path.iri for p in shape.properties if type(p.path) is PredicatePath}
        if ignored is not None:
            allowed.update(ox.NamedNode(self.iri(p, "sh:ignoredProperties")) for p in self.list_of(ignored))
        return _closed(frozenset(allowed))

    def qualified(self, node: Term, shape: Shape) -> list[Constraint]:
        """sh:qualifiedValueShape with sh:qualifiedMinCount and/or sh:qualifiedMaxCount. Without a
        qualified value shape the counts are no constraint (SHACL 4.7.3; the W3C suite's qualified-001)."""
        bounds = [(self.one(node, _sh(p)), p) for p in ("qualifiedMinCount", "qualifiedMaxCount")]
        disjoint = self.one(node, _sh("qualifiedValueShapesDisjoint"))
        value = self.one(node, _sh("qualifiedValueShape"))
        if value is None:
            return []
        if shape.path is None:
            raise ShapesError(f"{self.show(node)}: sh:qualifiedValueShape is for property shapes, not node shapes")
        if all(b is None for b, _ in bounds):
            raise ShapesError(f"{self.show(node)}: sh:qualifiedValueShape without a qualified count")
        qualified, siblings = self.shape(value), []
        if disjoint is not None and self.flag(disjoint, "sh:qualifiedValueShapesDisjoint"):
            # The qualified value shapes of the other property shapes of this shape's parents.
            for parent in self.g.subjects(_sh("property"), node):
                for other in self.g.objects(parent, _sh("property")):
                    siblings += [self.shape(s) for s in self.g.objects(other, _sh("qualifiedValueShape"))
                                 if s != value]
        return [Constraint(_component("Qualified" + p[len("qualified"):]),
                           _qualified(qualified, siblings, self.count(b, f"sh:{p}"), p == "qualifiedMinCount"))
                for b, p in bounds if b is not None]


def compile_shapes(graph: Graph | Iterable[ox.Triple | ox.Quad], *, sparql: bool = False) -> Shapes:
    """The shapes of ``graph`` (an rdflib Graph, or pyoxigraph triples, which keep every literal's
    lexical form) as plain Python objects; ShapesError for anything not implemented.

    ``sparql``: the caller runs the graph's SPARQL-based constraints itself (kg.validate does, on
    pyoxigraph); otherwise sh:sparql is refused like any other term this engine does not run."""
    if isinstance(graph, Graph):
        graph = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
    return _Compiler(_ShapesGraph(graph), sparql).compile()
