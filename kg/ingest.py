"""The one ingestion path: inputs → one ArticleResult per article (graph, violations, problems).

``kg export``, ``kg load`` and the cluster runner all call this module, so the same articles give
the same graph, the same messages and the same exit codes whichever way they are run. The
per-article step is also offered as ``process_article``, a plain picklable function of (record,
settings) for a cluster that maps it over partitions.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import MutableMapping

import pyoxigraph as ox
from spacy.tokens import Doc

from kg.articles import Article, ArticleError, article_from_record, read_inputs
from kg.graph import DEFAULT_BASE, article_graph_iri, article_quads
from kg.nlp.linking import link, load_authority, load_gazetteer
from kg.nlp.pipeline import extract, load_nlp, parse_batches
from kg.serialize import sorted_nquads
from kg.settings import Settings
from kg.validate import Violation, validate_triples

Timings = MutableMapping[str, float]  # stage name → seconds (read, parse, extract, map, validate)


@dataclass
class ArticleResult:
    """One article, done: its quads (all in its named graph) and what was wrong with it. When
    ``error`` is set the article was refused and ``quads`` is empty."""

    source: str
    article: Article | None = None
    quads: list[ox.Quad] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ArticleError | None = None
    words: int = 0
    base: str = DEFAULT_BASE

    @property
    def ok(self) -> bool:
        return self.error is None

    def nquads(self) -> bytes:
        """The article's named graph as N-Quads, lines sorted: the same bytes for the same input."""
        return sorted_nquads(self.quads)

    @property
    def graph_iri(self) -> str:
        """The IRI of the article's named graph (what a store replaces when it loads the article)."""
        if self.article is None:
            raise ValueError(f"{self.source}: refused, it has no graph")
        return str(article_graph_iri(self.article.id, self.base))

    def triples(self) -> tuple[ox.Triple, ...]:
        """The article's triples, without their graph name (a store puts them in ``graph_iri``)."""
        return tuple(ox.Triple(q.subject, q.predicate, q.object) for q in self.quads)

    def problems(self) -> list[str]:
        """One line per problem, as kg prints them: the refusal, or the warnings then the violations."""
        if self.error is not None:
            return [str(self.error)]
        return ([f"{self.source}: warning: {w}" for w in self.warnings]
                + [f"{self.source}: shape violation: {v.node}: {v.message}" for v in self.violations])

    def report(self) -> dict:
        """What a cluster worker hands back beside the N-Quads: JSON-able, no RDF terms."""
        return {"id": self.article.id if self.article else None, "source": self.source, "words": self.words,
                "error": self.error.message if self.error else None, "warnings": list(self.warnings),
                "violations": [{"node": v.node, "message": v.message} for v in self.violations],
                "problems": self.problems()}


@lru_cache(maxsize=4)
def _authority(path: str) -> dict[str, list[tuple[str, str | None]]]:
    return load_authority(path)


def load_resources(settings: Settings) -> None:
    """Load the model, the gazetteer and the authority file now (each once per process)."""
    load_nlp()
    load_gazetteer()
    if settings.authority:
        _authority(settings.authority)


def finish_article(article: Article, doc: Doc, settings: Settings, timings: Timings | None = None) -> ArticleResult:
    """An article and its parse → its result: extract, link, map to quads, validate. A bug in the
    extraction refuses this article only, in one line."""
    result = ArticleResult(article.source, article, words=len(article.text.split()), base=settings.base)
    t0 = time.perf_counter()
    try:
        extraction = extract(article, doc)
        if settings.authority:
            extraction.entities = link(extraction.entities, None, _authority(settings.authority))
    except Exception as err:  # a bug on one article must not stop the others
        result.error = ArticleError(article.source, f"extraction failed: {type(err).__name__}: {err}")
        return result
    t1 = time.perf_counter()
    result.quads = article_quads(extraction, settings.base)
    result.warnings = list(extraction.warnings)
    t2 = time.perf_counter()
    if settings.validate:
        result.violations = validate_triples(result.quads, article.id)
    if timings is not None:
        timings["extract"] += t1 - t0
        timings["map"] += t2 - t1
        if settings.validate:
            timings["validate"] += time.perf_counter() - t2
    return result


def process_article(record: Mapping, settings: Settings = Settings()) -> tuple[bytes, dict]:
    """One article as a JSONL record (``id``, ``text``, optional ``date``, ``title``, ``source``) →
    the N-Quads bytes of its graph (empty when refused) and a JSON-able report (``ArticleResult.report``).

    Plain, importable and picklable, for a cluster to map over partitions; the model, gazetteer and
    authority file are loaded once per process."""
    source = str(record.get("source") or record.get("id") or "record")
    try:
        article = article_from_record(dict(record), "record", source)
    except ValueError as err:
        result = ArticleResult(source, error=ArticleError(source, str(err)), base=settings.base)
    else:
        load_resources(settings)
        result = finish_article(article, load_nlp()(article.text), settings)
    return result.nquads(), result.report()


def _timed(items: Iterable, timings: Timings, stage: str) -> Iterator:
    """Yield from ``items``, adding the time spent producing each item to ``timings[stage]``."""
    iterator = iter(items)
    while True:
        start = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            timings[stage] += time.perf_counter() - start
            return
        timings[stage] += time.perf_counter() - start
        yield item


def ingest(
    inputs: Iterable[str | Path],
    settings: Settings = Settings(),
    n_process: int = 1,
    on_problem: Callable[[str], None] = lambda line: None,
    timings: Timings | None = None,
    read: Callable[[Iterable], Iterable[Article | ArticleError]] = read_inputs,
) -> Iterator[ArticleResult]:
    """Every article of ``inputs`` (files, folders, ``-``), in input order, as an ArticleResult;
    an input or article that cannot be done is a result with ``error`` set, and the others go on.

    ``on_problem`` receives each problem line as soon as the article is done; ``timings``, when given
    (a ``defaultdict(float)``), collects the seconds spent in each stage. ``read`` turns ``inputs``
    into articles (the cluster runner passes one that reads a shard's byte ranges)."""
    if timings is None:
        timings = defaultdict(float)
    load_resources(settings)
    # The model and the gazetteer live for the whole run: freezing them spares the cyclic garbage
    # collector from walking their millions of objects again on every full collection (~7% of a run).
    gc.freeze()
    try:
        # One process: the next batch of long articles is parsed in a second thread while this one
        # is extracted (spaCy's own worker processes must not be forked from a second thread).
        batches = parse_batches(_timed(read(inputs), timings, "read"), n_process, overlap=n_process == 1)
        for batch in _timed(batches, timings, "parse"):
            for item in batch:
                if isinstance(item, ArticleError):
                    result = ArticleResult(item.source, error=item, base=settings.base)
                else:
                    doc, article = item
                    result = finish_article(article, doc, settings, timings)
                for line in result.problems():
                    on_problem(line)
                yield result
    finally:
        gc.unfreeze()
