"""``kg export --cluster``: the input planned into shards in the client, each shard exported by a Dask
worker through the one ingestion path into ``DIR/part-NNNNN.nq.gz``, ``DIR/_manifest.json`` at the end.

A shard's name and contents depend only on the input and ``articles_per_shard``, never on the
cluster: the client plans them from the input alone (a JSONL file by its line offsets, a folder by its
sorted files), an article never spans two shards, and each task reads its own byte ranges (through
fsspec, so ``s3://`` and the like work where their driver is installed). A task sends back a small
report, never a Doc or the model; the worker loads the model once (``kg.nlp.pipeline.load_nlp`` is
cached per process) and writes its shard under a temporary name, then renames it, so that a retry
after a lost worker overwrites instead of duplicating. A local cluster's workers run with one malloc
arena (``_QUIET_WORKERS``); workers started by hand want ``MALLOC_ARENA_MAX=1`` in their environment.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from kg.articles import (SUFFIXES, STDIN, Article, ArticleError, folder_files, read_inputs, read_text_source,
                         unique_ids)
from kg.serialize import TEMP_PREFIX
from kg.settings import Settings

DEFAULT_ARTICLES_PER_SHARD = 2000
MANIFEST = "_manifest.json"
MANIFEST_VERSION = 1
_SHARD_FILE = re.compile(r"part-\d{5,}\.nq\.gz")
# A JSONL piece is handed to the reader in chunks of about this many bytes, so that a worker holds
# a few articles' text at a time, not a whole shard's.
_CHUNK_BYTES = 4 << 20
# zlib level 3: measured on the 840-article export (326 MB of N-Quads), level 6 (gzip's default)
# took 1.82 CPU s for 12.7 MB, level 3 0.72 s for 15.0 MB, level 1 0.73 s for 15.6 MB: the fast levels
# cost the same, and 3 is the smallest of them.
_GZIP_LEVEL = 3


# What a local cluster's processes need not do beside the export: sample the task's stack every 10 ms
# for a dashboard nobody sees (Dask's statistical profiler), watch the GIL, check the event loop 50
# times a second. Each takes the GIL from the one thread that works.
_QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "500ms",
    # Each worker's and each nanny's RSS check (10 a second by default); a second is soon enough to
    # catch a worker growing past its memory limit.
    "distributed.worker.memory.monitor-interval": "1s",
    # One task per single-threaded worker, none queued behind it: a worker that is free takes the next
    # shard from the scheduler, so no shard waits on a busy worker while another idles at the end
    # (Dask's default 1.1 hands each worker two), and there is nothing for work stealing to move.
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.scheduler.work-stealing": False,
    # Dask's default also sets MALLOC_TRIM_THRESHOLD_, which fixes glibc's mmap threshold: every
    # array spaCy allocates over 128 KB is then mapped and unmapped anew (page faults each time);
    # without it glibc's dynamic threshold reuses the heap, as in a --jobs worker.
    # One malloc arena: a Dask task runs in a thread of its own, and glibc gives each thread its own
    # arena; spaCy's batches then leave their freed pages in that arena as well as in the main one
    # (measured: a worker's peak 416 MB doing four 21-article shards in a thread, against 347 MB in
    # the main thread or with one arena, same CPU time).
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
                                            "MALLOC_ARENA_MAX": 1},
}


class ClusterError(Exception):
    """The cluster could not be started or reached, or the options cannot be run on one."""


@dataclass(frozen=True)
class Piece:
    """Whole articles of one input file: the bytes ``[start, end)``, whose first line is ``first_line``
    of the file. ``whole`` when the piece is the entire file."""

    source: str  # the file as kg names it in messages: a path as given, or an fsspec URL
    start: int
    end: int
    first_line: int = 1
    whole: bool = True


@dataclass(frozen=True)
class Shard:
    index: int
    pieces: tuple[Piece, ...]
    articles: int  # as planned: one per non-blank JSONL line, one per .txt or .json file

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}.nq.gz"


@dataclass
class Plan:
    shards: list[Shard]
    failed: list[ArticleError]  # inputs that give no article at all (missing, unsupported, empty folder)


@dataclass
class ClusterReport:
    """What ``export_on_cluster`` did: the manifest's shard entries, in shard order, and the totals."""

    shards: list[dict] = field(default_factory=list)
    failed: list[ArticleError] = field(default_factory=list)
    exported: int = 0
    words: int = 0
    quads: int = 0
    violations: int = 0
    model_loads: dict[str, int] = field(default_factory=dict)  # worker address → loads of the model

    @property
    def exit_code(self) -> int:
        if not self.exported and self.failed:
            return 2
        return 1 if self.failed else 0


# ---------------------------------------------------------------- planning, in the client


def _is_url(source: str) -> bool:
    return "://" in source


def plan_shards(inputs: Iterable[str | Path], articles_per_shard: int = DEFAULT_ARTICLES_PER_SHARD) -> Plan:
    """Shards of at most ``articles_per_shard`` articles over ``inputs`` (files, folders, fsspec URLs),
    in input order. Only the input decides them: the same input gives the same shards on any cluster."""
    if articles_per_shard < 1:
        raise ValueError("articles per shard must be at least 1")
    builder = _ShardBuilder(articles_per_shard)
    failed: list[ArticleError] = []
    for item in inputs:
        for source in _input_files(str(item), failed):
            if source.lower().endswith(".jsonl"):
                _plan_jsonl(source, builder)
            else:
                builder.add(Piece(source, 0, _size(source)), 1)
    return Plan(builder.finish(), failed)


class _ShardBuilder:
    def __init__(self, per_shard: int):
        self.per_shard = per_shard
        self.shards: list[Shard] = []
        self.pieces: list[Piece] = []
        self.count = 0

    def room(self) -> int:
        """Articles the current shard can still take (at least 1)."""
        return self.per_shard - self.count

    def add(self, piece: Piece, articles: int) -> None:
        self.pieces.append(piece)
        self.count += articles
        if self.count >= self.per_shard:
            self._close()

    def _close(self) -> None:
        if self.pieces:
            self.shards.append(Shard(len(self.shards), tuple(self.pieces), self.count))
        self.pieces, self.count = [], 0

    def finish(self) -> list[Shard]:
        self._close()
        return self.shards


def _plan_jsonl(source: str, builder: _ShardBuilder) -> None:
    """Cut a JSONL file before an article line whenever the current shard is full."""
    start, first_line, in_piece, offset = 0, 1, 0, 0
    with _open(source) as file:
        for lineno, line in enumerate(file, 1):
            if line.strip():
                if in_piece == builder.room():
                    builder.add(Piece(source, start, offset, first_line, whole=False), in_piece)
                    start, first_line, in_piece = offset, lineno, 0
                in_piece += 1
            offset += len(line)
    builder.add(Piece(source, start, offset, first_line, whole=start == 0), in_piece)


def _input_files(item: str, failed: list[ArticleError]) -> list[str]:
    """The article files of one input, as kg names them; an input that has none goes to ``failed``
    with the message ``kg export`` gives for it."""
    if item == STDIN:
        raise ClusterError("--cluster cannot read stdin: give files, folders or URLs")
    if _is_url(item):
        return _url_files(item, failed)
    path = Path(item)
    files = folder_files(path) if path.is_dir() else []
    if files:
        return [str(f) for f in files]
    if path.is_file() and path.suffix.lower() in SUFFIXES:
        return [str(path)]
    # Missing, an unsupported suffix, an empty folder: the reader names the problem without reading.
    failed += [e for e in read_inputs([item]) if isinstance(e, ArticleError)]
    return []


def _url_files(url: str, failed: list[ArticleError]) -> list[str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    if fs.isdir(path):
        found = sorted(p for p in fs.find(path) if PurePosixPath(p).suffix.lower() in SUFFIXES
                       and not any(part.startswith(".") for part in PurePosixPath(p).relative_to(path).parts))
        if not found:
            failed.append(ArticleError(url, "folder holds no .txt, .json or .jsonl files"))
        return [fs.unstrip_protocol(p) for p in found]
    if not fs.exists(path):
        failed.append(ArticleError(url, "no such file or folder"))
        return []
    return [url]


def _open(source: str) -> BinaryIO:
    if _is_url(source):
        import fsspec

        return fsspec.open(source, "rb").open()
    return open(source, "rb")


def _size(source: str) -> int:
    if _is_url(source):
        import fsspec

        fs, path = fsspec.core.url_to_fs(source)
        return fs.size(path)
    return os.path.getsize(source)


# ---------------------------------------------------------------- reading a shard, in a worker


def _shard_articles(pieces: Iterable[Piece], refused: dict[str, str]) -> Iterator[Article | ArticleError]:
    """The articles of a shard's pieces in order. An id seen before in the shard, or named in
    ``refused`` (id → the source that had it first, in an earlier shard), is refused as ``kg export``
    refuses a second article with an id already seen."""
    yield from unique_ids(chain.from_iterable(_piece_articles(p) for p in pieces), dict(refused))


def _piece_articles(piece: Piece) -> Iterator[Article | ArticleError]:
    if piece.whole and not _is_url(piece.source):
        yield from read_inputs([piece.source])  # a whole local file: exactly what kg export reads
        return
    name, suffix = PurePosixPath(piece.source).stem, PurePosixPath(piece.source).suffix.lower()
    if suffix != ".jsonl":
        with _open(piece.source) as file:
            data = file.read()
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            yield ArticleError(piece.source, f"cannot decode as UTF-8 (byte {err.start})")
            return
        yield from read_text_source(raw, name, suffix, piece.source)
        return
    yield from _jsonl_piece(piece, name)


def _jsonl_piece(piece: Piece, name: str) -> Iterator[Article | ArticleError]:
    """A JSONL piece a chunk of lines at a time. ``read_text_source`` numbers lines from 1, so each
    chunk is preceded by as many empty lines as come before it in the file (skipped as blank), and
    sources and default ids name the line of the whole file. A line that is not UTF-8 costs that
    line only."""
    chunk: list[str] = []
    chunk_line = lineno = piece.first_line
    offset, chunk_bytes, articles = piece.start, 0, 0

    def flush() -> Iterator[Article | ArticleError]:
        if any(line.strip() for line in chunk):
            yield from read_text_source("\n" * (chunk_line - 1) + "".join(chunk), name, ".jsonl", piece.source)

    with _open(piece.source) as file:
        file.seek(piece.start)
        while offset < piece.end and (line := file.readline()):
            try:
                chunk.append(line.decode("utf-8-sig" if offset == 0 else "utf-8"))
                chunk_bytes += len(line)
            except UnicodeDecodeError as err:
                yield from flush()
                yield ArticleError(f"{piece.source}:{lineno}", f"cannot decode as UTF-8 (byte {offset + err.start})")
                chunk, chunk_line, chunk_bytes = [], lineno + 1, 0
            articles += bool(line.strip())
            offset += len(line)
            lineno += 1
            if chunk_bytes >= _CHUNK_BYTES:
                yield from flush()
                chunk, chunk_line, chunk_bytes = [], lineno, 0
    yield from flush()
    if piece.whole and not articles:
        yield from read_text_source("", name, ".jsonl", piece.source)  # "empty file: no articles"


# ---------------------------------------------------------------- exporting a shard, in a worker


def export_shard(shard: Shard, settings: Settings, output: str, refused: dict[str, str] | None = None) -> dict:
    """Export one shard to ``output/part-NNNNN.nq.gz`` (written whole under a temporary name, then
    renamed) and return its manifest entry, plus ``ids`` (id, source of every article read) and
    ``problems`` (the lines ``kg export`` prints) for the client."""
    from kg.ingest import ingest, prepare_worker
    from kg.nlp.pipeline import load_nlp

    started = time.perf_counter()
    prepare_worker(settings)  # before the memory zone: the model's own strings must outlive it
    entry = {"name": shard.name, "articles": 0, "quads": 0, "bytes": 0, "sha256": "", "violations": 0,
             "warnings": 0, "words": 0, "inputs": [_piece_entry(p) for p in shard.pieces], "failed": []}
    ids: list[tuple[str, str]] = []
    problems: list[str] = []
    read = partial(_shard_articles, refused=refused or {})
    # The memory zone frees the strings and lexemes spaCy adds for this shard's words, so a worker's
    # memory does not grow with the archive.
    with _atomic_output(output, shard.name) as raw, load_nlp().memory_zone():
        digest = _Digesting(raw)
        with gzip.GzipFile(fileobj=digest, mode="wb", compresslevel=_GZIP_LEVEL, mtime=0, filename="") as gz:
            # One single-threaded process per core: a parser thread would only trade the GIL with the
            # other workers' cores.
            with closing(ingest(shard.pieces, settings, read=read, parse_ahead=False)) as results:
                for result in results:
                    problems += result.problems()
                    entry["words"] += result.words
                    if result.article is not None:
                        ids.append((result.article.id, result.source))
                    if not result.ok:
                        entry["failed"].append({"source": result.error.source, "reason": result.error.message})
                        continue
                    gz.write(result.nquads())
                    entry["articles"] += 1
                    entry["quads"] += len(result.quads)
                    entry["violations"] += len(result.violations)
                    entry["warnings"] += len(result.warnings)
    entry["bytes"], entry["sha256"] = digest.size, digest.hash.hexdigest()
    return {**entry, "ids": ids, "problems": problems, "seconds": time.perf_counter() - started}


def _piece_entry(piece: Piece) -> dict:
    return {"source": piece.source, "bytes": [piece.start, piece.end], "first_line": piece.first_line}


class _Digesting:
    """A binary writer that passes bytes on and keeps their sha256 and count."""

    def __init__(self, out: BinaryIO):
        self.out, self.hash, self.size = out, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


@contextmanager
def _atomic_output(folder: str, name: str) -> Iterator[BinaryIO]:
    """A file that becomes ``folder/name`` whole, or not at all: a temporary name, then a rename."""
    if not _is_url(folder):
        from kg.serialize import open_atomic

        with open_atomic(Path(folder) / name) as out:
            yield out
        return
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    final = f"{root.rstrip('/')}/{name}"
    tmp = f"{root.rstrip('/')}/.{name}.{uuid.uuid4().hex}.tmp"
    try:
        with fs.open(tmp, "wb") as out:
            yield out
        fs.mv(tmp, final)
    except BaseException:
        if fs.exists(tmp):
            fs.rm(tmp)
        raise


def model_loads() -> int:
    """How many times this process loaded the spaCy model (run on each worker to check it is once)."""
    import sys

    pipeline = sys.modules.get("kg.nlp.pipeline")
    return pipeline.load_nlp.cache_info().misses if pipeline is not None else 0


# ---------------------------------------------------------------- the run, in the client


@contextmanager
def connect(cluster: str) -> Iterator["distributed.Client"]:  # noqa: F821
    """A Dask client: ``local:N`` starts a LocalCluster of N single-threaded worker processes on
    127.0.0.1 (stopped on the way out); an address (``tcp://HOST:PORT``) joins a running scheduler."""
    workers = local_workers(cluster)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask distributed: pip install 'kg[cluster]'") from None
    if workers:
        import dask

        # The nannies hand this configuration to the worker processes they start.
        with dask.config.set(_QUIET_WORKERS):
            local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                 dashboard_address=None, silence_logs=logging.ERROR)
        with local, Client(local) as client:
            yield client
        return
    try:
        client = Client(cluster, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise ClusterError(f"--cluster {cluster}: cannot reach the scheduler: {err}") from None
    with client:
        yield client


def local_workers(cluster: str) -> int:
    """N for ``local:N``, 0 for a scheduler address; a ClusterError for anything else."""
    match = re.fullmatch(r"local:(\d+)", cluster)
    if match:
        if int(match.group(1)) < 1:
            raise ClusterError(f"--cluster {cluster}: give at least one worker (local:1)")
        return int(match.group(1))
    if not re.fullmatch(r"[a-z]+://\S+", cluster):
        raise ClusterError(f"--cluster {cluster}: give local:N or a scheduler address such as tcp://HOST:8786")
    return 0


def check_output(output: str) -> None:
    """Shards go to a folder: refuse stdout or a file name, before anything is read."""
    from kg.serialize import FORMAT_OF_SUFFIX

    if output == "-" or (PurePosixPath(output).suffix.lower() in FORMAT_OF_SUFFIX and not output.endswith("/")):
        raise ClusterError(f"--output {output}: --cluster writes shards to a folder (e.g. --output out/)")


def export_on_cluster(
    inputs: Iterable[str | Path],
    output: str,
    cluster: str,
    articles_per_shard: int = DEFAULT_ARTICLES_PER_SHARD,
    settings: Settings = Settings(),
    on_problem: Callable[[str], None] = lambda line: None,
    on_shard: Callable[[int, int, ClusterReport], None] = lambda done, total, report: None,
) -> ClusterReport:
    """Export ``inputs`` on ``cluster`` (``local:N`` or a scheduler address) into shards in ``output``
    and write its ``_manifest.json``. ``on_problem`` gets each problem line when its shard is done;
    ``on_shard`` (shards done, shards in all, the report so far) follows the progress."""
    check_output(output)
    local_workers(cluster)  # a bad --cluster is told before any input is read
    plan = plan_shards(inputs, articles_per_shard)
    _prepare(output)
    report = ClusterReport(failed=list(plan.failed))
    for error in plan.failed:
        on_problem(str(error))
    results: dict[int, dict] = {}
    with connect(cluster) as client:
        for result in _run_shards(client, plan.shards, {}, settings, output):
            results[result["index"]] = result
            for line in result["problems"]:
                on_problem(line)
            _tally(report, result, +1)
            on_shard(len(results), len(plan.shards), report)
        # An id first seen in an earlier shard: its later shards are done again with it refused, as
        # kg export refuses it (rare: ids are unique in a well-made archive).
        refusals = _cross_shard_duplicates(plan.shards, results)
        again = [plan.shards[i] for i in sorted(refusals)]
        for result in _run_shards(client, again, refusals, settings, output):
            before = results[result["index"]]
            for line in result["problems"]:
                if line not in before["problems"]:
                    on_problem(line)
            _tally(report, before, -1)
            _tally(report, result, +1)
            results[result["index"]] = result
        report.model_loads = client.run(model_loads)
    report.shards = [_manifest_entry(results[s.index]) for s in plan.shards]
    report.failed += [ArticleError(f["source"], f["reason"]) for entry in report.shards for f in entry["failed"]]
    _finish(output, plan, report, articles_per_shard, settings)
    return report


def _run_shards(client, shards: list[Shard], refusals: dict[int, dict[str, str]], settings: Settings,
                output: str) -> Iterator[dict]:
    """Run ``export_shard`` over ``shards``; yield each result as its task finishes. A worker that
    dies hands its task back to the scheduler, which runs it again elsewhere; a task that raises is
    tried once more, then its shard is reported failed."""
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]
    # Largest shards first (by input bytes), so that the last to finish are the smallest and the
    # workers end close together; which shard runs when changes no shard's name or contents.
    largest_first = sorted(shards, key=lambda shard: (-_input_bytes(shard), shard.index))
    futures = {client.submit(export_shard, shard, settings, output, refusals.get(shard.index),
                             key=f"kg-{shard.name}-{run_id}", retries=1, pure=False,
                             priority=len(largest_first) - rank): shard
               for rank, shard in enumerate(largest_first)}
    for future in as_completed(futures):
        shard = futures[future]
        if future.status == "error":
            error = future.exception()
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            result = {"name": shard.name, "error": reason, "articles": 0, "quads": 0, "words": 0, "violations": 0,
                      "inputs": [_piece_entry(p) for p in shard.pieces],
                      "failed": [{"source": shard.name, "reason": f"shard failed: {reason}"}], "ids": [],
                      "problems": [f"{shard.name}: shard failed: {reason}"]}
        else:
            result = future.result()
        future.release()
        yield {**result, "index": shard.index}


def _input_bytes(shard: Shard) -> int:
    return sum(piece.end - piece.start for piece in shard.pieces)


def _tally(report: ClusterReport, result: dict, sign: int) -> None:
    report.exported += sign * result["articles"]
    report.words += sign * result["words"]
    report.quads += sign * result["quads"]
    report.violations += sign * result["violations"]


def _cross_shard_duplicates(shards: list[Shard], results: dict[int, dict]) -> dict[int, dict[str, str]]:
    """Shard index → {id: the source that had it first}, for ids that an earlier shard read first."""
    first: dict[str, str] = {}
    refusals: dict[int, dict[str, str]] = {}
    for shard in shards:
        for article_id, source in results[shard.index]["ids"]:
            if article_id in first:
                refusals.setdefault(shard.index, {})[article_id] = first[article_id]
            else:
                first[article_id] = source
    return refusals


def _manifest_entry(result: dict) -> dict:
    keep = ("name", "articles", "quads", "bytes", "sha256", "violations", "warnings", "inputs", "failed", "error")
    return {k: result[k] for k in keep if k in result}


def _prepare(output: str) -> None:
    """Make the folder; an old manifest goes first, so that a run that is stopped leaves none (a
    folder without a manifest is an incomplete export)."""
    fs, root = _fs(output)
    fs.makedirs(root, exist_ok=True)
    manifest = f"{root.rstrip('/')}/{MANIFEST}"
    if fs.exists(manifest):
        fs.rm(manifest)


def _finish(output: str, plan: Plan, report: ClusterReport, articles_per_shard: int, settings: Settings) -> None:
    """Remove shards of an earlier, larger run and temporary files of lost tasks, then write the manifest."""
    fs, root = _fs(output)
    wanted = {s.name for s in plan.shards}
    for path in fs.ls(root, detail=False):
        name = PurePosixPath(path).name
        stale_shard = _SHARD_FILE.fullmatch(name) and name not in wanted
        # Every shard is done now, so a shard's temporary file left in the folder is a lost task's
        # (fsspec's names, or open_atomic's for a local folder).
        lost_temp = name.endswith(".tmp") and (name.startswith(".part-") or
                                               (name.startswith(TEMP_PREFIX) and ".part-" in name))
        if stale_shard or lost_temp:
            fs.rm(path)
    manifest = {
        "kg_manifest": MANIFEST_VERSION,
        "articles_per_shard": articles_per_shard,
        "settings": asdict(settings),
        "articles": report.exported,
        "quads": report.quads,
        "failed_articles": len(report.failed),
        "shards": report.shards,
        "failed_inputs": [{"source": e.source, "reason": e.message} for e in plan.failed],
    }
    data = (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    with _atomic_output(output, MANIFEST) as out:
        out.write(data)


def _fs(output: str):
    import fsspec

    return fsspec.core.url_to_fs(output if _is_url(output) else os.path.abspath(output))
