"""The triple store: an embedded Oxigraph store by default, any SPARQL 1.1 endpoint on request.

One module per concern (``embedded``, ``remote``, ``graphs``, ``article_graphs``, ``sparql_text``,
``query``, ``pack``, ``stats``, ``server``, ``connect``, ``bulk``); this package re-exports the names other
code uses, so ``from kg.store import X`` is all a caller needs.
"""

from kg.store.connect import Store, open_store
from kg.store.bulk import load_inputs
from kg.store.embedded import DEFAULT_STORE, EmbeddedStore
from kg.store.errors import StoreError
from kg.store.graphs import (NIF_CONTEXT, ONTOLOGY_GRAPH, LoadReport, NamedGraph, graphs_from_inputs,
                             graphs_from_rdf_file, load, ontology_named_graph, split_by_article, split_inputs)
from kg.store.pack import QUERY_DIR, PackQuery, query_pack, resolve_query
from kg.store.query import run_query
from kg.store.remote import Endpoint, RemoteStore, auth_header, endpoint_from
from kg.store.server import lock_for_serving, oxigraph_binary, serve_command
from kg.store.sparql_text import (Term, bind_values, parse_param, parse_params, query_variables, uses_service,
                                  with_prefixes)
from kg.store.stats import Stats, stats
from kg.vocab import KG_NS

__all__ = [
    "DEFAULT_STORE", "KG_NS", "NIF_CONTEXT", "ONTOLOGY_GRAPH", "QUERY_DIR", "EmbeddedStore", "Endpoint",
    "LoadReport", "NamedGraph", "PackQuery", "RemoteStore", "Stats", "Store", "StoreError", "Term",
    "auth_header", "bind_values", "endpoint_from", "graphs_from_inputs", "graphs_from_rdf_file", "load", "load_inputs",
    "lock_for_serving", "ontology_named_graph", "open_store", "oxigraph_binary", "parse_param",
    "parse_params", "query_pack", "query_variables", "resolve_query", "run_query", "serve_command",
    "split_by_article", "split_inputs", "stats", "uses_service", "with_prefixes",
]
