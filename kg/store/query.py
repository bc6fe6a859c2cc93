"""Running a query on a store: parameters checked against the query and bound, prefixes added."""

from __future__ import annotations

from collections.abc import Mapping

from kg.sparql_results import QueryResult
from kg.store.connect import Store
from kg.store.errors import StoreError
from kg.store.sparql_text import Term, query_variables, with_prefixes


def run_query(store: Store, text: str, params: Mapping[str, Term] | None = None) -> QueryResult:
    """Run ``text`` with ``params`` bound (every parameter must be a variable of the query)."""
    params = dict(params or {})
    unknown = sorted(set(params) - query_variables(text))
    if unknown:
        raise StoreError(f"--param {unknown[0]}: the query has no variable ?{unknown[0]}")
    return store.query(with_prefixes(text), params)
