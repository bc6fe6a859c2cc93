"""The store's entity registry: after a load, the corpus-level identity links (kg/resolve.py) of
every article graph in the store, written as the store's identity graph.

Some merges need evidence from other articles (a bare "GM" here, "General Motors (GM)" there); the
store is where all the articles are, so the links are decided again from all of them whenever
articles come in, and the identity graph is replaced whole: it always says what the whole store
says, whichever order the articles came in.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.graph import identity_graph_iri, names_graph_iri
from kg.resolve import CLASSES, Registry, identity_quads, resolve
from kg.store.embedded import EmbeddedStore
from kg.store.errors import StoreError, first_line
from kg.store.graphs import ONTOLOGY_GRAPH, GraphStore, NamedGraph
from kg.store.names import names_graph
from kg.vocab import KG, SCHEMA

# Only what kg.resolve.namings and the name index read: the entity classes (rdf:type with one of
# them: the other types, of mentions, statements and the like, are nine in ten of a store's rdf:type
# quads), names, outside links, roles and posts.
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAMING_PREDICATES = ("http://www.w3.org/2000/01/rdf-schema#label", str(SCHEMA.alternateName),
                      "http://www.w3.org/2002/07/owl#sameAs", str(KG.role), str(KG.roleTitle))
_NAMING_QUERY = """
SELECT ?g ?s ?p ?o WHERE {
  { VALUES ?o { %(classes)s } GRAPH ?g { ?s a ?o } BIND (<%(type)s> AS ?p) }
  UNION
  { VALUES ?p { %(predicates)s } GRAPH ?g { ?s ?p ?o } }
  FILTER (?g != <%(identity)s> && ?g != <%(ontology)s>)
}"""


class _Queryable(GraphStore, Protocol):
    """A store ``refresh_identity`` can read and write (EmbeddedStore and RemoteStore both are)."""

    def query(self, text: str, params=None): ...


def refresh_identity(store: _Queryable, base: str, derived: tuple[NamedGraph, NamedGraph] | None = None) -> NamedGraph:
    """Decide the identity links of every article graph in ``store`` and replace its identity graph
    (``<base>identity``) with them, and its name index (``<base>names``, kg/store/names.py) with
    the names of every entity node under those links; return the identity graph. ``derived``: both
    graphs already computed (by :func:`derived_graphs`) from exactly the naming quads the store holds."""
    identity = str(identity_graph_iri(base))
    graph, names = derived or derived_graphs(_naming_quads(store, identity), base)
    _write(store, graph)
    _write(store, names)
    return graph


def derived_graphs(quads: list[ox.Quad], base: str) -> tuple[NamedGraph, NamedGraph]:
    """The identity graph and the names graph of the naming quads of a store's article graphs."""
    identity = str(identity_graph_iri(base))
    registry = Registry()
    registry.add(quads)
    namings = registry.namings()
    links = resolve(namings)
    graph = NamedGraph(identity, tuple(ox.Triple(q.subject, q.predicate, q.object)
                                       for q in identity_quads(links, namings, identity)), "identity")
    return graph, names_graph(quads, links, base)


def _write(store: _Queryable, graph: NamedGraph) -> None:
    """Replace ``graph`` in ``store``. Into an embedded store that does not hold it yet (the first
    load, after the bulk loader), its quads go through the bulk writer: 0.15 CPU s against 0.33 for
    the transaction of ``replace_graph``, for the 12.7k triples of the names graph of 200 polnear
    articles on a store the bulk loader had just filled."""
    if isinstance(store, EmbeddedStore):
        g = ox.NamedNode(graph.iri)
        if next(iter(store.store.quads_for_pattern(None, None, None, g)), None) is None:
            try:
                _bulk_write(store, graph)
            except OSError as err:
                raise StoreError(f"{store.name}: cannot write graph {graph.iri}: {first_line(err)}") from None
            return
    store.replace_graph(graph)


def _bulk_write(store: EmbeddedStore, graph: NamedGraph) -> None:
    """Add ``graph``'s triples to ``store`` in its named graph through the bulk writer."""
    g = ox.NamedNode(graph.iri)
    store.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in graph.triples)


def _naming_quads(store: _Queryable, identity: str) -> list[ox.Quad]:
    """The quads of the article graphs (not the ``identity`` graph, not the ontology) that name
    entities: on the embedded store read from its indexes directly, one pattern at a time (a SPARQL
    answer costs a Python object per cell: 16 s against ~2 s for the 230k quads of 840 articles,
    measured on a loaded machine)."""
    if isinstance(store, EmbeddedStore):
        skipped = {identity, ONTOLOGY_GRAPH}
        patterns = [(ox.NamedNode(_RDF_TYPE), ox.NamedNode(c)) for c in CLASSES]
        patterns += [(ox.NamedNode(p), None) for p in _NAMING_PREDICATES]
        return [q for p, o in patterns for q in store.store.quads_for_pattern(None, p, o, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in skipped]
    query = _NAMING_QUERY % {"classes": " ".join(f"<{c}>" for c in CLASSES), "type": _RDF_TYPE,
                             "predicates": " ".join(f"<{p}>" for p in _NAMING_PREDICATES),
                             "identity": identity, "ontology": ONTOLOGY_GRAPH}
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in store.query(query).rows]


# A quad the naming patterns match has the IRI of its predicate (or of its entity class) written out
# in its line, unless the line spells an IRI with \u escapes: lines holding any of these are the
# candidates, parsed and matched exactly as the store's patterns are. The escapes are looked for
# line by line only in a block that has any (one regex pass: two bytes.find passes for so short a
# needle cost as much as the other eight together).
_NEEDLES = tuple(f"<{iri}>".encode() for iri in (*_NAMING_PREDICATES, *CLASSES))
_ESCAPES = (b"\\u", b"\\U")
_ANY_ESCAPE = re.compile(rb"\\[uU]")
_BLOCK = 1 << 24


def naming_quads_of_files(files: Iterable[Path], base: str) -> list[ox.Quad]:
    """The quads of N-Quads files (``.nq`` or ``.nq.gz``) that :func:`_naming_quads` would read back
    from a store that holds exactly them: found by scanning the bytes, so that ``kg load`` can decide
    the identity while the bulk loader is still writing the same files (nothing is read back). Few
    lines (one in twenty of kg's) are parsed. Raises SyntaxError or OSError as parsing would."""
    return _scan(files, base)[0]


def _scan(files: Iterable[Path], base: str) -> tuple[list[ox.Quad], bool]:
    """The naming quads of the files, and whether the files surely hold nothing of the identity
    graph and the names graph (no line names either graph's IRI, none spells an IRI with escapes)."""
    skipped = {str(identity_graph_iri(base)), ONTOLOGY_GRAPH}
    derived = (f"<{identity_graph_iri(base)}>".encode(), f"<{names_graph_iri(base)}>".encode())
    type_, classes = ox.NamedNode(_RDF_TYPE), {ox.NamedNode(c) for c in CLASSES}
    predicates = {ox.NamedNode(p) for p in _NAMING_PREDICATES}
    lines, clean = [], True
    for path in files:
        for block in _line_blocks(path):
            escaped = _ANY_ESCAPE.search(block) is not None
            lines += _candidate_lines(block, escaped)
            clean = clean and not escaped and not any(iri in block for iri in derived)
    quads = [q for q in ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS)
             if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in skipped
             and (q.predicate in predicates or (q.predicate == type_ and q.object in classes))]
    return quads, clean


def derive_and_write(store: EmbeddedStore, files: list[Path], base: str) -> tuple[tuple[NamedGraph, NamedGraph], bool]:
    """The identity and names graphs of a store that will hold exactly ``files`` (which the bulk
    loader is writing meanwhile), and whether they were written into ``store`` already: they are
    when the files hold nothing of either graph (so nothing the bulk loader adds can mix with them)."""
    quads, clean = _scan(files, base)
    graphs = derived_graphs(quads, base)
    if not clean:
        return graphs, False
    try:
        for graph in graphs:
            _bulk_write(store, graph)
    except OSError:
        return graphs, False  # then written after the load, where a failure is reported
    return graphs, True


def _line_blocks(path: Path) -> Iterator[bytes]:
    """The file's bytes in large blocks that each end at a line's end."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as data:
        rest = b""
        while block := data.read(_BLOCK):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            yield block[:cut]
        yield rest + b"\n"


def _candidate_lines(block: bytes, escaped: bool) -> list[bytes]:
    """The lines of ``block`` that hold one of the needles, in order (bytes.find: one fast pass per
    needle); ``escaped``: the block has \\u or \\U escapes, whose lines are candidates too."""
    starts = set()
    for needle in _NEEDLES + (_ESCAPES if escaped else ()):
        at = block.find(needle)
        while at != -1:
            starts.add(block.rfind(b"\n", 0, at) + 1)
            at = block.find(needle, block.find(b"\n", at))
    return [block[start:block.find(b"\n", start) + 1] for start in sorted(starts)]
