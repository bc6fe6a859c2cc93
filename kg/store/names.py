"""The store's name index: how a query parameter that names an entity ("Obama", "Apple Inc.", an
article-local node's IRI) becomes the IRIs of every node of that one entity, without scanning labels.

``kg load`` keeps the index as the store's names graph (``<base>names``, kg.graph.names_graph_iri),
rebuilt with the identity graph (kg/store/identity.py) from the same read of the article graphs:

- every entity node ``x kg:canonical c`` (its canonical node: itself, or the node the identity
  graph makes it ``owl:sameAs``) and ``x kg:canonicalName "..."`` (the name queries report);
- on each canonical node, for every name form of every node of the entity, its name key
  (kg/nlp/identity.py: case, full stops, "the", corporate suffixes, honorifics) as ``kg:nameKey``,
  the key's leading words as ``kg:namePrefix`` and its words as ``kg:nameToken``;
- on the names graph's own IRI, every role title (``kg:roleTitle``) the articles give, once each,
  as ``kg:knownTitle``: the titles are few (72 in 840 articles, the same 72 in four times as many
  of the same kind), so a role parameter is matched against them, not against every role.

A name is looked up by exact matches on those literals (small queries, ``VALUES`` on the keys),
ranked: an exact key beats a prefix, which beats tokens (every word of the name a word of the
entity's); only the best rank found is kept, so "Obama" is the entity named Obama, not everyone
whose name holds the word. When none matches, the part of a key the name is (old behaviour of the
pack: "part of a name") is tried on the index alone; a store without an index falls back to the
labels themselves. A role parameter ("minister": part of a title, any case) becomes the titles it
is part of (``role_titles``). Being SPARQL over a named graph, this works on any store kg loads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

import pyoxigraph as ox

from kg.graph import names_graph_iri
from kg.model import ORGANISATION, PERSON, PLACE
from kg.nlp.identity import name_key
from kg.store.sparql_text import Term
from kg.vocab import KG, SCHEMA

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALTERNATE_NAME = str(SCHEMA.alternateName)
_ROLE_TITLE = str(KG.roleTitle)
_CLASSES = {str(KG.Person): PERSON, str(KG.Organisation): ORGANISATION, str(KG.Place): PLACE}
_CANONICAL, _CANONICAL_NAME = ox.NamedNode(str(KG.canonical)), ox.NamedNode(str(KG.canonicalName))
_KEY, _PREFIX, _TOKEN = (ox.NamedNode(str(t)) for t in (KG.nameKey, KG.namePrefix, KG.nameToken))
_KNOWN_TITLE = ox.NamedNode(str(KG.knownTitle))


class _Queryable(Protocol):
    def query(self, text: str, params=None): ...


def name_index(quads: Iterable[ox.Quad], links: dict[str, str], graph: str) -> tuple[ox.Triple, ...]:
    """The names graph of the entity nodes in ``quads`` (their types, labels and alternate names in
    the article graphs) and the role titles in them, ``links`` mapping each merged node to its
    canonical node. Sorted."""
    cls: dict[str, str] = {}
    titles: set[str] = set()
    labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # node → label → graphs
    forms: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        if not isinstance(q.subject, ox.NamedNode):
            continue
        node, p = q.subject.value, q.predicate.value
        if p == _ROLE_TITLE and isinstance(q.object, ox.Literal):
            titles.add(q.object.value)
        elif p == _RDF_TYPE and q.object.value in _CLASSES:
            cls[node] = min(cls.get(node, _CLASSES[q.object.value]), _CLASSES[q.object.value])
        elif p in (_LABEL, _ALTERNATE_NAME) and isinstance(q.object, ox.Literal):
            forms[node].add(q.object.value)
            if p == _LABEL:
                labels[node][q.object.value].add(q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "")
    members: dict[str, list[str]] = defaultdict(list)
    for node in cls:
        members[links.get(node, node)].append(node)
    triples = {ox.Triple(ox.NamedNode(graph), _KNOWN_TITLE, ox.Literal(title)) for title in titles}
    for canonical, nodes in members.items():
        c = ox.NamedNode(canonical)
        name = _entity_name(canonical, nodes, labels, forms)
        for node in nodes:
            x = ox.NamedNode(node)
            triples.add(ox.Triple(x, _CANONICAL, c))
            if name:
                triples.add(ox.Triple(x, _CANONICAL_NAME, ox.Literal(name)))
        etype = cls.get(canonical, cls[nodes[0]])
        for key in {name_key(form, etype) for node in nodes for form in forms[node]} - {""}:
            words = key.split()
            triples.add(ox.Triple(c, _KEY, ox.Literal(key)))
            triples.update(ox.Triple(c, _PREFIX, ox.Literal(" ".join(words[:n]))) for n in range(1, len(words)))
            if len(words) > 1:
                triples.update(ox.Triple(c, _TOKEN, ox.Literal(w)) for w in words)
    return tuple(sorted(triples, key=lambda t: (t.subject.value, t.predicate.value, t.object.value)))


def _entity_name(canonical: str, nodes: list[str], labels: dict[str, dict[str, set[str]]],
                 forms: dict[str, set[str]]) -> str:
    """The label the canonical node has in most articles; on a tie the longest (the most complete)."""
    own = labels.get(canonical) or {f: set() for node in nodes for f in forms[node]}
    return max(own, key=lambda label: (len(own[label]), len(label), label), default="")


def names_graph(quads: Iterable[ox.Quad], links: dict[str, str], base: str):
    """The store's names graph for ``base`` as a NamedGraph, ready for ``replace_graph``."""
    from kg.store.graphs import NamedGraph

    iri = str(names_graph_iri(base))
    return NamedGraph(iri, name_index(quads, links, iri), "names")


def lookup_keys(name: str) -> tuple[set[str], list[str]]:
    """The keys a name is looked up by (as a person's, an organisation's or a place's name: the
    query does not know which it is) and the words its tokens must all be."""
    keys = {name_key(name, etype) for etype in (PERSON, ORGANISATION, PLACE)} - {""}
    return keys, sorted(set(name_key(name, PLACE).split()))


def entity_nodes(store: _Queryable, value: Term, classes: Sequence[str] = ()) -> list[ox.NamedNode]:
    """Every node of the entity (or entities, on a tie) ``value`` names: an IRI, any node's, stands
    for its canonical node's entity; a name is looked up in the index (best rank only). ``classes``
    (IRIs) keep only entities of those classes. Sorted; empty when nothing matches."""
    if isinstance(value, ox.NamedNode):
        rows = store.query(_SAME_ENTITY % {"node": value}).rows
        return sorted({row["x"] for row in rows} or {value}, key=lambda n: n.value)
    keys, words = lookup_keys(value.value)
    if not keys or not words:
        return []
    typed = _typed(classes)
    values = " ".join(str(ox.Literal(k)) for k in sorted(keys))
    lookups = [f"VALUES ?k {{ {values} }} ?c {_KEY} ?k", f"VALUES ?k {{ {values} }} ?c {_PREFIX} ?k",
               "?c " + " ; ".join(f"{_TOKEN} {ox.Literal(w)}" for w in words)]
    for lookup in lookups:  # best rank first: exact key, key prefix, every word a token
        found = [row["x"] for row in store.query(_BY_INDEX % {"lookup": lookup, "typed": typed}).rows]
        if found:
            return sorted(set(found), key=lambda n: n.value)
    needle = ox.Literal(name_key(value.value, PLACE))
    found = [row["x"] for row in store.query(_BY_PART % {"needle": needle, "typed": typed}).rows]
    if not found and not store.query(_HAS_INDEX).rows:  # no index: the labels themselves, as kg did before
        needle = ox.Literal(value.value.lower())
        found = [row["c"] for row in store.query(_BY_LABEL % {"needle": needle, "typed": typed}).rows]
    return sorted(set(found), key=lambda n: n.value)


def role_titles(store: _Queryable, value: Term) -> list[ox.Literal]:
    """The role titles ``value`` is part of (any case), from the index's list of the store's titles;
    on a store without that list, from the roles themselves. Sorted; empty when none is."""
    needle = ox.Literal(value.value if isinstance(value, ox.Literal) else str(value))
    found = [row["t"] for row in store.query(_TITLES_BY_INDEX % {"needle": needle}).rows]
    if not found and not store.query(_HAS_TITLES).rows:
        found = [row["t"] for row in store.query(_TITLES_BY_ROLES % {"needle": needle}).rows]
    return sorted(set(found), key=lambda t: t.value)


def _typed(classes: Sequence[str]) -> str:
    """The pattern that keeps the entities (?c) of ``classes``: one EXISTS per class, each an index
    lookup that stops at the first article typing ?c so. Not ``?c a ?class`` with a FILTER, which
    reads ?c's type in every article that has it ("Obama" for meetings: 16 ms against 0.5 on four
    times polnear-train, loaded machine), and not a VALUES block, which would be joined before the
    lookup (76 ms against 2 ms)."""
    if not classes:
        return ""
    return "FILTER (%s)" % " || ".join(f"EXISTS {{ GRAPH ?tg {{ ?c a <{c}> }} }}" for c in classes)


_SAME_ENTITY = f"""SELECT DISTINCT ?x WHERE {{ GRAPH ?ix {{ %(node)s <{KG.canonical}> ?c . ?x <{KG.canonical}> ?c }} }}"""

# one rank's lookup: an exact match on the index's literals, never a scan
_BY_INDEX = f"""SELECT DISTINCT ?x WHERE {{
  GRAPH ?ix {{ %(lookup)s }}
  %(typed)s
  GRAPH ?jx {{ ?x <{KG.canonical}> ?c }}
}}"""

# a part of a key: a scan, but of the index only, and only when no exact match was found
_BY_PART = f"""SELECT DISTINCT ?x WHERE {{
  GRAPH ?ix {{ ?c <{KG.nameKey}> ?k }} FILTER (CONTAINS(?k, %(needle)s))
  %(typed)s
  GRAPH ?jx {{ ?x <{KG.canonical}> ?c }}
}}"""

_HAS_INDEX = f"SELECT ?x WHERE {{ GRAPH ?ix {{ ?x <{KG.canonical}> ?c }} }} LIMIT 1"

_TITLES_BY_INDEX = f"""SELECT ?t WHERE {{
  GRAPH ?ix {{ ?ix <{KG.knownTitle}> ?t }} FILTER (CONTAINS(LCASE(?t), LCASE(%(needle)s)))
}}"""

_HAS_TITLES = f"SELECT ?t WHERE {{ GRAPH ?ix {{ ?ix <{KG.knownTitle}> ?t }} }} LIMIT 1"

_TITLES_BY_ROLES = f"""SELECT DISTINCT ?t WHERE {{
  GRAPH ?g {{ ?r <{_ROLE_TITLE}> ?t }} FILTER (CONTAINS(LCASE(?t), LCASE(%(needle)s)))
}}"""

_BY_LABEL = f"""SELECT DISTINCT ?c WHERE {{
  GRAPH ?g {{ ?c <{_LABEL}> ?label }} FILTER (CONTAINS(LCASE(?label), %(needle)s))
  %(typed)s
}}"""
