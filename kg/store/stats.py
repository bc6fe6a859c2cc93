"""``kg stats``: what a store holds, counted by SPARQL (the same on any store)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.sparql_results import AnswerError
from kg.store.connect import Store
from kg.store.errors import StoreError
from kg.vocab import KG_NS


@dataclass
class Stats:
    articles: int
    entities: dict[str, int]
    statements: int
    meetings: int
    triples: int
    graphs: int


_STATS = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement } }",
    "meetings": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Meeting } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}
_ENTITIES = ("SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } "
             "VALUES ?class { kg:Person kg:Organisation kg:Place } } GROUP BY ?class ORDER BY ?class")


def stats(store: Store) -> Stats:
    """The counts; an answer that cannot be read is a StoreError naming the store."""
    prefix = f"PREFIX kg: <{KG_NS}>\n"

    def count(query: str) -> int:
        rows = store.query(prefix + query).rows
        return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0

    try:
        entities = {row["class"].value.removeprefix(KG_NS): int(row["n"].value)
                    for row in store.query(prefix + _ENTITIES).rows}
        return Stats(count(_STATS["articles"]), entities, count(_STATS["statements"]), count(_STATS["meetings"]),
                     count(_STATS["triples"]), count(_STATS["graphs"]))
    except (AnswerError, ValueError, KeyError) as err:
        raise StoreError(f"{store.name}: cannot count: {err}") from None
