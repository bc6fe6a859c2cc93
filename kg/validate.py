"""SHACL validation of exported graphs against shapes/.

pyshacl checks the core constraints. The SPARQL-based constraints of the shapes (the anchor check:
``nif:anchorOf`` equals the article text at the offsets) are run by pyoxigraph instead, from the very
query text in the shapes file: rdflib's SPARQL engine took ~40 ms per article for that one query,
three times the rest of validation together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg import resources


@dataclass(frozen=True, order=True)
class Violation:
    article: str  # the article the offending node belongs to, or "" when it cannot be told
    node: str
    message: str

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
def _split_shapes() -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes without their SPARQL constraints (for pyshacl), and those constraints."""
    shapes = shapes_graph()
    core = Graph()
    for triple in shapes:
        core.add(triple)
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        core.remove((shape, SH.sparql, constraint))
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for decl in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(decl, SH.declare))
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        where = select.index("{", select.upper().index("WHERE")) + 1
        for target in shapes.objects(shape, SH.targetClass):
            # Focus nodes are the target class's instances: the same binding pyshacl gives $this.
            query = f"{prefixes}{select[:where]} ?this a <{target}> . {select[where:]}"
            checks.append(_SparqlCheck(str(target), query, str(shapes.value(constraint, SH.message))))
    return core, tuple(checks)


def validate_graph(graph: Graph, article: str = "") -> list[Violation]:
    """Every shape violation in ``graph``; empty when it conforms."""
    core, checks = _split_shapes()
    violations = set(_sparql_violations(graph, checks, article))
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=core, inference="none", abort_on_first=False)
    if not conforms:
        for result in results.subjects(RDF.type, SH.ValidationResult):
            node = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            message = results.value(result, SH.resultMessage) or "does not conform"
            text = f"{_short(path)}: {message}" if isinstance(path, URIRef) else str(message)
            violations.add(Violation(article or _article_of(node), str(node), text))
    return sorted(violations)


def _sparql_violations(graph: Graph, checks: tuple[_SparqlCheck, ...], article: str) -> list[Violation]:
    if not checks:
        return []
    store = ox.Store()
    store.extend(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    found = []
    for check in checks:
        for row in store.query(check.query, use_default_graph_as_union=True):
            this = row["this"]
            found.append(Violation(article or _article_of(this.value), this.value, _fill(check.message, row)))
    return found


def _fill(template: str, row: ox.QuerySolution) -> str:
    def value(match: re.Match) -> str:
        term = row[match.group(1)]
        return "?" if term is None else (f'"{term.value}"' if isinstance(term, ox.Literal) else term.value)

    return re.sub(r"\{\?(\w+)\}", value, template)


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _article_of(node) -> str:
    text = str(node)
    if "/article/" in text:
        return text.split("/article/", 1)[1].split("#", 1)[0]
    return ""
