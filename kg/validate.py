"""SHACL validation of exported graphs against shapes/ (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache
def shapes_graph() -> Graph:
    graph = Graph()
    graph.parse(resources.SHAPES, format="turtle")
    return graph


def validate_graph(graph: Graph, article: str = "") -> list[Violation]:
    """Every shape violation in ``graph``; empty when it conforms."""
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
        allow_infos=True, allow_warnings=True,
    )
    if conforms:
        return []
    violations = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        node = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage) or "does not conform"
        text = f"{_short(path)}: {message}" if isinstance(path, URIRef) else str(message)
        violations.add(Violation(article or _article_of(node), str(node), text))
    return sorted(violations)


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _article_of(node) -> str:
    text = str(node)
    if "/article/" in text:
        return text.split("/article/", 1)[1].split("#", 1)[0]
    return ""
