"""Named graphs from article inputs (``kg load ARTICLES``), made by the one ingestion path.

``kg load ARTICLES`` runs exactly what ``kg export`` runs (kg/ingest.py: the same extraction,
linking, validation and messages), so loading articles gives the graphs that exporting them and
loading the file would give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from kg.ingest import ArticleResult, Settings, ingest
from kg.store.graphs import NamedGraph


def graphs_from_articles(inputs: Iterable[str], settings: Settings, on_problem: Callable[[str], None],
                         on_result: Callable[[ArticleResult], None] = lambda result: None,
                         on_failed: Callable[[str], None] = lambda source: None) -> Iterator[NamedGraph]:
    """One named graph per article that could be done; every result goes to ``on_result``, every
    problem line to ``on_problem`` (as ``kg export`` prints them), a refused article's source to
    ``on_failed``."""
    for result in ingest(inputs, settings, on_problem=on_problem):
        on_result(result)
        if not result.ok:
            on_failed(result.source)
        else:
            yield NamedGraph(result.graph_iri, result.triples(), result.source)
