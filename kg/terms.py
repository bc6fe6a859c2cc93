"""Conversions between rdflib and pyoxigraph terms.

kg builds and writes with pyoxigraph (fast, in Rust) and keeps rdflib for what only it does here
(JSON-LD compaction, reading files for ``kg validate``, the tests' graph assertions).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


@lru_cache(maxsize=4096)
def ox_iri(iri: str) -> ox.NamedNode:
    """An IRI as a pyoxigraph node; cached because the vocabulary's few IRIs recur in every triple."""
    return ox.NamedNode(str(iri))


def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox_iri(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox_iri(term.datatype))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def to_rdflib(term) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # RDF 1.1 makes every simple literal an xsd:string; rdflib keeps them plain.
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def rdflib_graph(quads: Iterable[ox.Quad | ox.Triple], identifier: str | None = None) -> Graph:
    """The triples of ``quads`` as one rdflib Graph (graph names dropped)."""
    graph = Graph(identifier=URIRef(identifier) if identifier else None)
    for q in quads:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph
