"""Running a query on a store: parameters checked against the query and bound, prefixes added."""

from __future__ import annotations

from collections.abc import Mapping

from kg.sparql_results import QueryResult
from kg.store.connect import Store
from kg.store.errors import StoreError
from kg.store.pack import entity_parameters, title_parameters
from kg.store.sparql_text import Term, query_variables, with_prefixes


def run_query(store: Store, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
    """Run ``text`` with ``params`` bound (every parameter must be a variable of the query). A
    parameter the query's header declares an entity (kg/store/pack.py) is first looked up in the
    store's name index and bound to every node of the entity it names, a role title parameter to
    every title in the store it is part of (kg/store/names.py)."""
    params = dict(params or {})
    unknown = sorted(set(params) - query_variables(text))
    if unknown:
        raise StoreError(f"--param {unknown[0]}: the query has no variable ?{unknown[0]}")
    entities, titles = entity_parameters(text), title_parameters(text)
    bound = {name: _entity_nodes(store, term, entities[name]) if name in entities
             else _role_titles(store, term) if name in titles else term
             for name, term in params.items()}
    return store.query(with_prefixes(text), bound)


def _entity_nodes(store: Store, term: Term, classes: tuple[str, ...]):
    from kg.store.names import entity_nodes  # reads the name keys' word lists: only when asked

    return entity_nodes(store, term, classes)


def _role_titles(store: Store, term: Term):
    from kg.store.names import role_titles

    return role_titles(store, term)
