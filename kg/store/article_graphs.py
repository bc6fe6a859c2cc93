"""Named graphs from article inputs, extracted on the way (``kg load ARTICLES``).

This is the one place ``kg load`` runs the NLP; it is to be replaced by the shared ingestion
function, so that ``kg load ARTICLES`` equals ``kg export`` + ``kg load FILE``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox

from kg.store.graphs import NamedGraph


def graphs_from_articles(inputs: list[str], base: str, on_problem: Callable[[str], None]) -> Iterator[NamedGraph]:
    """Articles parsed in batches and extracted one by one; a failure on one article is reported
    and the others go on (as ``kg export`` does)."""
    from kg.articles import ArticleError, read_inputs
    from kg.background import in_background
    from kg.graph import article_graph_iri, article_quads
    from kg.nlp.pipeline import extract, parse_stream

    # Parse the next articles while this one is extracted and loaded (see kg/background.py).
    for item in in_background(parse_stream(read_inputs(inputs))):
        if isinstance(item, ArticleError):
            on_problem(str(item))
            continue
        doc, article = item
        try:
            quads = article_quads(extract(article, doc), base)
        except Exception as err:  # a bug on one article must not stop the load
            on_problem(f"{article.source}: extraction failed: {type(err).__name__}: {err}")
            continue
        triples = tuple(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        yield NamedGraph(str(article_graph_iri(article.id, base)), triples, article.source)
