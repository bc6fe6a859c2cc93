"""Corpus-level identity: which entity nodes of different articles are one real-world entity.

Each article's entities already have IRIs from the article alone (kg/nlp/identity.py): "Apple Inc."
and "Apple" are ``organisation/apple`` wherever they appear. What one article cannot know is decided
here, over the graphs of many articles, from what the articles themselves say:

- **outside identifiers**: nodes ``owl:sameAs`` one GeoNames place or one authority IRI are one;
- **names the corpus gives another entity**: an article that names an organisation only "Apple
  Computer" or "GM" gets a node of that name; when other articles use that very name as another
  name of one entity (their "Apple", their "General Motors"), and that entity holds the name in at
  least as many articles as the node does, and in most of the articles where anyone else holds it,
  and the two share something around them (another person or organisation named in both
  articles), and no post either holds contradicts the other's ("Clinton" the President is not
  Clinton the Secretary of State), the node is that entity. A name shared by several entities ("Clinton" for Hillary and Bill) links nothing.

The result is a set of ``owl:sameAs`` links from each node to one canonical node per entity (the
one named in most articles), and every name form of the entity as a ``schema:alternateName`` of the
canonical node, in a graph of their own (:func:`kg.graph.identity_graph_iri`). Kept apart when unsure:
a wrong merge joins strangers in every query, a missed one only splits an entity.

Pure functions and a :class:`Registry` over quads; nothing here reads articles or runs spaCy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS

from kg.model import ORGANISATION, PERSON, PLACE
from kg.nlp.identity import middle_names, name_key, without_middle_names
from kg.vocab import KG, SCHEMA

_RDF_TYPE, _LABEL, _SAME_AS = str(RDF.type), str(RDFS.label), str(OWL.sameAs)
_ALTERNATE_NAME = str(SCHEMA.alternateName)
_ROLE, _ROLE_TITLE = str(KG.role), str(KG.roleTitle)
_POST_WORD = re.compile(r"[^\W\d_]+")
_POST_GLUE = frozenset({"of", "the", "and", "for"})
CLASSES = {str(KG.Person): PERSON, str(KG.Organisation): ORGANISATION, str(KG.Place): PLACE}

# How much of a name's use by other entities the chosen one must hold: with 0.8, "Clinton" used for
# Hillary Clinton in 10 articles and for Bill Clinton in 4 joins neither.
DOMINANT_SHARE = 0.8
# In how many articles a person must go by the surname alone before a node of that surname alone is
# taken for them: one article's "Washington" for Kerry Washington is no evidence against George's.
SURNAME_ARTICLES = 2


@dataclass(frozen=True)
class Naming:
    """What one article says of one entity node."""

    node: str  # the node's IRI
    cls: str  # Person | Organisation | Place
    article: str  # the IRI of the article's named graph
    forms: tuple[str, ...]  # its rdfs:label and schema:alternateName values there
    same_as: tuple[str, ...]  # IRIs outside kg it is owl:sameAs there
    context: tuple[str, ...]  # the other persons and organisations that article names
    posts: tuple[str, ...] = ()  # the words of the role titles that article gives it ("secretary", "state")


def namings(quads: Iterable[ox.Quad]) -> list[Naming]:
    """The entity nodes of each article graph in ``quads``, with their names there. Article-local
    nodes (a hash IRI: "the delegates" of one article) never join other articles and are left out."""
    typed: dict[tuple[str, str], str] = {}
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)  # (graph, node) → its role nodes
    titles: dict[tuple[str, str], str] = {}  # (graph, role node) → the post
    for q in quads:
        if not isinstance(q.subject, ox.NamedNode):
            continue
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        key, p = (g, q.subject.value), q.predicate.value
        if p == _ROLE_TITLE and isinstance(q.object, ox.Literal):
            titles[key] = q.object.value
        if "#" in q.subject.value:
            continue
        if p == _RDF_TYPE and q.object.value in CLASSES:
            typed[key] = CLASSES[q.object.value]
        elif p in (_LABEL, _ALTERNATE_NAME) and isinstance(q.object, ox.Literal):
            forms[key].add(q.object.value)
        elif p == _SAME_AS and isinstance(q.object, ox.NamedNode):
            same[key].add(q.object.value)
        elif p == _ROLE and isinstance(q.object, ox.NamedNode):
            roles[key].add(q.object.value)
    by_article: dict[str, set[str]] = defaultdict(set)
    for (g, node), cls in typed.items():
        if cls != PLACE:  # places (a country, a capital) are around nearly everything: no evidence
            by_article[g].add(node)
    def posts(g: str, node: str) -> tuple[str, ...]:
        words = {w for r in roles[(g, node)] for w in _POST_WORD.findall(titles.get((g, r), "").lower())}
        return tuple(sorted(words - _POST_GLUE))

    return [Naming(node, cls, g, tuple(sorted(forms[(g, node)])), tuple(sorted(same[(g, node)])),
                   tuple(sorted(by_article[g] - {node})), posts(g, node))
            for (g, node), cls in sorted(typed.items())]


class _Sets:
    """Union-find over node IRIs."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(items: Iterable[Naming]) -> dict[str, str]:
    """Each node that is another node's entity → the canonical node of that entity (nodes that
    stay alone are left out). Depends on the set of namings only, never on their order."""
    items = sorted(set(items), key=lambda n: (n.node, n.article))
    cls_of: dict[str, str] = {}
    articles: dict[str, set[str]] = defaultdict(set)
    key_articles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    context: dict[str, set[str]] = defaultdict(set)
    posts: dict[str, set[str]] = defaultdict(set)
    outside: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in items:
        cls_of.setdefault(n.node, n.cls)
        articles[n.node].add(n.article)
        context[n.node].update(n.context)
        posts[n.node].update(n.posts)
        for form in n.forms:
            key_articles[n.node][name_key(form, n.cls)].add(n.article)
        for iri in n.same_as:
            outside[(n.cls, iri)].add(n.node)
    uses: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)  # (class, key) → node → articles
    for node, keys in key_articles.items():
        for key, arts in keys.items():
            uses[(cls_of[node], key)][node] = len(arts)

    sets = _Sets()
    for nodes in outside.values():
        first = min(nodes)
        for node in nodes:
            sets.union(first, node)
    main_keys = {node: _main_key(keys) for node, keys in key_articles.items()}
    unambiguous_middles = _unambiguous_middle_names(k for x, k in main_keys.items() if cls_of[x] == PERSON)
    for node in sorted(key_articles):
        users = uses[(cls_of[node], main_keys[node])]
        target = _named_for(node, users, context, posts)
        if target is None and cls_of[node] == PERSON and " " not in main_keys[node]:
            target = _full_name_for(node, main_keys[node], users, main_keys, context, posts)
        if target is None and cls_of[node] == PERSON and main_keys[node] in unambiguous_middles:
            target = _without_middle_name_for(node, main_keys[node], uses, articles, context, posts)
        if target is not None:
            sets.union(node, target)

    members: dict[str, list[str]] = defaultdict(list)
    for node in cls_of:
        members[sets.find(node)].append(node)
    out = {}
    for group in members.values():
        if len(group) < 2:
            continue
        # a person's surname alone never names the entity when its full name is in the group
        canonical = min(group, key=lambda x: (cls_of[x] == PERSON and " " not in main_keys.get(x, " "),
                                              -len(articles[x]), x))
        out.update((x, canonical) for x in group if x != canonical)
    return out


def _main_key(keys: dict[str, set[str]]) -> str:
    """The name a node goes by: the key it has in most articles; on a tie the longest (the most
    specific, so that a node is never taken for another by its short name)."""
    return max(keys, key=lambda k: (len(keys[k]), len(k), k))


def _named_for(node: str, users: dict[str, int], context: dict[str, set[str]],
               posts: dict[str, set[str]]) -> str | None:
    """The other node that ``node``'s own name stands for in the corpus, if the evidence is clear."""
    others = {x: n for x, n in users.items() if x != node}
    # at least as many articles as the node's own: else the name is mostly the node's
    best = _clear_holder(others, sum(others.values()), users.get(node, 0))
    return best if best is not None and _compatible(node, best, context, posts) else None


def _clear_holder(candidates: dict[str, int], uses: int, floor: int) -> str | None:
    """The candidate node that holds a name (node → articles) in at least ``floor`` articles and in
    DOMINANT_SHARE of its ``uses`` by others; None when two hold it as often (no telling which) or it
    is shared among several entities."""
    ranked = sorted(candidates.items(), key=lambda xn: (-xn[1], xn[0]))
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    best, n = ranked[0]
    return best if n >= floor and n >= DOMINANT_SHARE * uses else None


def _compatible(node: str, other: str, context: dict[str, set[str]], posts: dict[str, set[str]]) -> bool:
    """Whether what the articles say around two nodes allows them to be one entity."""
    if not context[node] & context[other]:
        return False  # nothing around them in common: the same name may be a stranger's
    # "President Clinton" is not "Secretary of State Clinton"
    return not (posts[node] and posts[other] and not posts[node] & posts[other])


def _full_name_for(node: str, surname: str, users: dict[str, int], main_keys: dict[str, str],
                   context: dict[str, set[str]], posts: dict[str, set[str]]) -> str | None:
    """The person whose surname a one-word person node is ("Obama" → Barack Obama), when that person
    goes by it alone in at least SURNAME_ARTICLES articles and holds most of its other uses: more
    articles may say "Obama" alone than "Barack Obama", so the count of the node's own uses does not
    decide here as it does in _named_for. A given name ("Jane" of Jane Sanders) is no surname."""
    others = {x: n for x, n in users.items() if x != node}
    full = {x: n for x, n in others.items() if " " in main_keys.get(x, "") and main_keys[x].rsplit(" ", 1)[1] == surname}
    best = _clear_holder(full, sum(others.values()), SURNAME_ARTICLES)
    return best if best is not None and _compatible(node, best, context, posts) else None


def _unambiguous_middle_names(keys: Iterable[str]) -> set[str]:
    """The person names with middle names or initials that are the only ones of their first and last
    name: not "george w bush" beside "george hw bush" and "george p bush" (three people), while
    "donald j trump" and "donald john trump" are one (an initial of the other's middle name)."""
    middles: dict[str, set[str]] = defaultdict(set)
    for key in set(keys):
        short = without_middle_names(key)
        if short is not None:
            middles[short].add(key)
    out = set()
    for longs in middles.values():
        initials = {" ".join(w[0] for w in middle_names(k).split()) for k in longs}
        if len(initials) == 1:
            out.update(longs)
    return out


def _without_middle_name_for(node: str, key: str, uses: dict[tuple[str, str], dict[str, int]],
                             articles: dict[str, set[str]], context: dict[str, set[str]],
                             posts: dict[str, set[str]]) -> str | None:
    """The person a name with middle names or initials is ("Donald J. Trump", "Hillary Rodham
    Clinton" → the node of "Donald Trump", "Hillary Clinton"): the one person who goes by the first and
    last name in at least SURNAME_ARTICLES articles and holds most of its uses. Two nodes that the
    articles often keep apart are two people ("John Adams" beside "John Quincy Adams")."""
    users = {x: n for x, n in uses[(PERSON, without_middle_names(key))].items() if x != node}
    best = _clear_holder(users, sum(users.values()), SURNAME_ARTICLES)
    if best is None or len(articles[node] & articles[best]) > (1 - DOMINANT_SHARE) * len(articles[node]):
        return None  # an article that tells them apart (their family's story) now and then is no evidence
    return best if _compatible(node, best, context, posts) else None


def identity_quads(links: dict[str, str], items: Iterable[Naming], graph: str) -> list[ox.Quad]:
    """``owl:sameAs`` from each linked node to its canonical node and every name form of the entity
    as ``schema:alternateName`` of the canonical one, all in ``graph``, sorted."""
    g = ox.NamedNode(graph)
    same_as, alt = ox.NamedNode(_SAME_AS), ox.NamedNode(_ALTERNATE_NAME)
    names: dict[str, set[str]] = defaultdict(set)
    canonicals = set(links.values())
    for n in items:
        canonical = links.get(n.node, n.node)
        if canonical in canonicals:
            names[canonical].update(n.forms)
    quads = {ox.Quad(ox.NamedNode(x), same_as, ox.NamedNode(c), g) for x, c in links.items()}
    quads.update(ox.Quad(ox.NamedNode(c), alt, ox.Literal(f), g) for c, forms in names.items() for f in forms)
    return sorted(quads, key=lambda q: (q.subject.value, q.predicate.value, str(q.object)))


class Registry:
    """The entity registry of a corpus that grows: add an article's quads as it is loaded (a
    reloaded article replaces what it said before), then ask for the identity graph of them all."""

    def __init__(self):
        self._by_article: dict[str, list[Naming]] = {}

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Take in the entity nodes of every article graph in ``quads``."""
        fresh: dict[str, list[Naming]] = defaultdict(list)
        for n in namings(quads):
            fresh[n.article].append(n)
        self._by_article.update(fresh)

    def remove(self, graph: str) -> None:
        self._by_article.pop(graph, None)

    def namings(self) -> list[Naming]:
        return [n for g in sorted(self._by_article) for n in self._by_article[g]]

    def links(self) -> dict[str, str]:
        return resolve(self.namings())

    def quads(self, graph: str) -> list[ox.Quad]:
        """The identity graph of everything added so far, named ``graph``."""
        items = self.namings()
        return identity_quads(resolve(items), items, graph)
