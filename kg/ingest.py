"""The one ingestion path: inputs → one ArticleResult per article (graph, violations, problems).

``kg export``, ``kg load`` and the cluster runner all call this module, so the same articles give
the same graph, the same messages and the same exit codes whichever way they are run. The
per-article step is also offered as ``process_article``, a plain picklable function of (record,
settings) for a cluster that maps it over partitions.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import MutableMapping

import pyoxigraph as ox
from spacy.tokens import Doc

from kg.articles import Article, ArticleError, article_from_record, read_inputs
from kg.graph import DEFAULT_BASE, article_graph_iri, article_quads
from kg.nlp.linking import link, load_authority, load_gazetteer
from kg.nlp.pipeline import BATCH_CHARS, MAX_BATCH_DOCS, extract, load_nlp, parse_batches
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
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ArticleError | None = None
    words: int = 0
    base: str = DEFAULT_BASE
    # The graph is held as quads, or as its N-Quads bytes (what a worker process sends back: bytes
    # cross a process boundary far cheaper than terms), or both; each is made from the other when asked.
    _quads: list[ox.Quad] | None = field(default=None, repr=False)
    _nquads: bytes | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def quads(self) -> list[ox.Quad]:
        """The article's quads (all in its named graph); empty when refused."""
        if self._quads is None:
            self._quads = [] if not self._nquads else list(ox.parse(self._nquads, format=ox.RdfFormat.N_QUADS))
        return self._quads

    @quads.setter
    def quads(self, quads: list[ox.Quad]) -> None:
        self._quads, self._nquads = quads, None

    def nquads(self) -> bytes:
        """The article's named graph as N-Quads, lines sorted: the same bytes for the same input."""
        if self._nquads is None:
            self._nquads = sorted_nquads(self.quads)
        return self._nquads

    def shipped(self) -> "ArticleResult":
        """This result as a worker process sends it back: the graph as N-Quads bytes only."""
        return ArticleResult(self.source, self.article, self.violations, self.warnings, self.error, self.words,
                             self.base, _nquads=self.nquads() if self.ok else b"")

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
    parse_ahead: bool = True,
) -> Iterator[ArticleResult]:
    """Every article of ``inputs`` (files, folders, ``-``), in input order, as an ArticleResult;
    an input or article that cannot be done is a result with ``error`` set, and the others go on.

    With ``n_process`` > 1, that many worker processes each do whole articles (parse, extract, map,
    validate) and this process only reads and hands on, in input order, the same results.
    ``on_problem`` receives each problem line as soon as the article is done; ``timings``, when given
    (a ``defaultdict(float)``), collects the seconds spent in each stage (summed over the workers).
    ``read`` turns ``inputs`` into articles (the cluster runner passes one that reads a shard's byte
    ranges). ``parse_ahead`` (one process) parses the next batch of long articles in a second thread
    while this one is extracted; a cluster worker, one process per core, says False."""
    if timings is None:
        timings = defaultdict(float)
    items = _timed(read(inputs), timings, "read")
    if n_process > 1:
        results = _ingest_in_workers(items, settings, n_process, timings)
    else:
        results = _ingest_here(items, settings, timings, parse_ahead)
    for result in results:
        for line in result.problems():
            on_problem(line)
        yield result


def _ingest_here(items: Iterable[Article | ArticleError], settings: Settings, timings: Timings,
                 parse_ahead: bool) -> Iterator[ArticleResult]:
    load_resources(settings)
    # The model and the gazetteer live for the whole run: freezing them spares the cyclic garbage
    # collector from walking their millions of objects again on every full collection (~7% of a run).
    # A prepared worker (``prepare_worker``) froze them already: unfreezing at the end of its shard
    # would hand them back to the collector for every later shard.
    owns_freeze = not gc.get_freeze_count()
    if owns_freeze:
        gc.freeze()
    try:
        for batch in _timed(parse_batches(items, overlap=parse_ahead), timings, "parse"):
            for item in batch:
                if isinstance(item, ArticleError):
                    yield ArticleResult(item.source, error=item, base=settings.base)
                else:
                    doc, article = item
                    yield finish_article(article, doc, settings, timings)
    finally:
        if owns_freeze:
            gc.unfreeze()


# --- whole articles in worker processes (--jobs N) -------------------------------------------------

# Chunks in flight per worker: results are taken in input order, so the others keep working while
# the oldest chunk (a long article, say) is still being done; the texts and N-Quads waiting in the
# pipes stay a few MB.
_CHUNKS_AHEAD = 4
# A warm-up article, done once by each worker before any memory zone (see ``prepare_worker``).
_WARM_UP = Article("kg-warm-up", "Foreign Minister Ana Reis met Ingrid Halvorsen in Oslo on Tuesday. "
                   "\"We agreed,\" she said.", None, None, "kg-warm-up")


def _ingest_in_workers(items: Iterable[Article | ArticleError], settings: Settings, n_process: int,
                       timings: Timings) -> Iterator[ArticleResult]:
    """Chunks of consecutive articles go to ``n_process`` worker processes, each of which loads the
    model once and does whole articles; results come back as N-Quads bytes and are yielded in input
    order, reading errors in their place. Measured on polnear articles, spaCy's own ``n_process``
    (parse in the workers, the rest here) gave 1.14x on 2 cores: the single extracting process was
    the bottleneck."""
    workers = _Workers(n_process, settings)
    # each chunk with its articles (the reading errors left out) and what was submitted for them
    pending: deque[tuple[list[Article | ArticleError], list[Article], tuple[Future, int] | None]] = deque()
    try:
        for group in _chunk_groups(items, tail_chunks=n_process):
            articles = [[item for item in chunk if not isinstance(item, ArticleError)] for chunk in group]
            # The pool hands chunks out in the order they are submitted: the longest first, so that
            # the last to start are the shortest and the workers end close together.
            submitted = {i: workers.submit(articles[i]) for i in _longest_first(articles) if articles[i]}
            pending.extend((chunk, articles[i], submitted.get(i)) for i, chunk in enumerate(group))
            while len(pending) > _CHUNKS_AHEAD * n_process:
                yield from _collected(*pending.popleft(), workers, timings)
        while pending:
            yield from _collected(*pending.popleft(), workers, timings)
    finally:
        workers.close()


def _collected(chunk: list[Article | ArticleError], articles: list[Article], submitted: tuple[Future, int] | None,
               workers: "_Workers", timings: Timings) -> Iterator[ArticleResult]:
    start = time.perf_counter()
    results, worker_timings = workers.results(articles, *submitted) if submitted is not None else ([], {})
    timings["wait"] += time.perf_counter() - start
    for stage, seconds in worker_timings.items():
        timings[stage] += seconds
    done = iter(results)
    base = workers.settings.base
    for item in chunk:
        yield ArticleResult(item.source, error=item, base=base) if isinstance(item, ArticleError) else next(done)


class _Workers:
    """The worker processes. When one dies (killed, out of memory) its pool is replaced and each
    chunk the pool held is done again, once, on the new one; a chunk that kills a worker twice is
    refused, its articles each in one line, and the others go on."""

    def __init__(self, n_process: int, settings: Settings):
        self.n_process, self.settings = n_process, settings
        self.generation = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # Forked, as spaCy's own worker processes are: a spawned worker would re-run the caller's
        # main module (a script without a __main__ guard would start again) and import everything
        # again. This process has not loaded the model (it does not need it), so a fork copies only
        # the imports.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return ProcessPoolExecutor(self.n_process, mp_context=context, initializer=prepare_worker,
                                   initargs=(self.settings,))

    def _replace(self, generation: int) -> None:
        if generation == self.generation:  # not yet replaced for the death of one of its workers
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            self.generation += 1

    def submit(self, articles: list[Article]) -> tuple[Future, int]:
        try:
            return self._submit(articles), self.generation
        except BrokenProcessPool:
            self._replace(self.generation)
            return self._submit(articles), self.generation

    def _submit(self, articles: list[Article]) -> Future:
        # A pool forks its workers in its first submit. Frozen, the objects this process has are
        # not walked by the workers' collections while they load the model, so their pages stay
        # shared instead of being copied into each worker.
        already_frozen = gc.get_freeze_count()
        gc.freeze()
        try:
            return self.pool.submit(_finish_chunk, articles, self.settings)
        finally:
            if not already_frozen:
                gc.unfreeze()

    def results(self, articles: list[Article], future: Future, generation: int) -> tuple[list[ArticleResult], dict]:
        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(generation)
        try:
            return self._submit(articles).result()
        except BrokenProcessPool:
            self._replace(self.generation)
        reason = "a worker process ended while doing this article and its neighbours (killed, or out of memory)"
        return [ArticleResult(a.source, a, error=ArticleError(a.source, reason), base=self.settings.base)
                for a in articles], {}

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable[Article | ArticleError], tail_chunks: int = 0) -> Iterator[list[Article | ArticleError]]:
    """The chunks of ``_chunk_groups``, one after the other."""
    for group in _chunk_groups(items, tail_chunks):
        yield from group


def _chunk_groups(items: Iterable[Article | ArticleError],
                  tail_chunks: int = 0) -> Iterator[list[list[Article | ArticleError]]]:
    """Consecutive items, up to BATCH_CHARS characters or MAX_BATCH_DOCS articles a chunk (the
    parser's batch), each chunk a group of its own; then the articles of the last ``tail_chunks``
    chunks one a chunk, all in one last group, so that the workers share the end of the input
    instead of one doing a whole chunk while the others idle (spaCy's parse is the same in any
    batch). A group is submitted at once, in the order ``_longest_first`` gives."""
    held: deque[list[Article | ArticleError]] = deque()
    for chunk in _batches(items):
        held.append(chunk)
        if len(held) > tail_chunks:
            yield [held.popleft()]
    tail = [part for chunk in held for part in _one_article_each(chunk)]
    if tail:
        yield tail


def _longest_first(chunks: list[list[Article]]) -> list[int]:
    """The positions of ``chunks``, the one with the most characters first (ties in input order):
    handed out in this order, the last chunks to start are the shortest (longest processing time
    first), so the workers finish close together."""
    return sorted(range(len(chunks)), key=lambda i: (-sum(len(a.text) for a in chunks[i]), i))


def _one_article_each(chunk: list[Article | ArticleError]) -> Iterator[list[Article | ArticleError]]:
    """``chunk`` cut after each article; reading errors stay with the article after them."""
    part: list[Article | ArticleError] = []
    for item in chunk:
        part.append(item)
        if not isinstance(item, ArticleError):
            yield part
            part = []
    if part:
        yield part


def _batches(items: Iterable[Article | ArticleError]) -> Iterator[list[Article | ArticleError]]:
    """Consecutive items, up to BATCH_CHARS characters or MAX_BATCH_DOCS articles each."""
    chunk: list[Article | ArticleError] = []
    chars = docs = 0
    for item in items:
        size = 0 if isinstance(item, ArticleError) else len(item.text)
        if docs and (chars + size > BATCH_CHARS or docs >= MAX_BATCH_DOCS):
            yield chunk
            chunk, chars, docs = [], 0, 0
        chunk.append(item)
        chars += size
        docs += not isinstance(item, ArticleError)
    if chunk:
        yield chunk


@lru_cache(maxsize=4)
def prepare_worker(settings: Settings) -> None:
    """Once per worker process (``--jobs`` or a cluster's): load the model and everything else, do
    one article (so that every lazily built table exists before the first memory zone), then freeze
    what is loaded out of the cyclic collector's way."""
    load_resources(settings)
    finish_article(_WARM_UP, load_nlp()(_WARM_UP.text), settings)
    gc.freeze()


def _finish_chunk(articles: list[Article], settings: Settings) -> tuple[list[ArticleResult], dict[str, float]]:
    """In a worker: the chunk's articles, done, as N-Quads bytes; and the seconds of each stage."""
    timings: Timings = defaultdict(float)
    results = []
    # The memory zone frees the strings spaCy adds for the chunk's words, so that a worker's memory
    # does not grow with the corpus.
    with load_nlp().memory_zone():
        for batch in _timed(parse_batches(articles), timings, "parse"):
            for doc, article in batch:
                results.append(finish_article(article, doc, settings, timings).shipped())
    return results, dict(timings)
