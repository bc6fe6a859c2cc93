"""The export job: choose the format and the output, take each article from ``kg.ingest``, write it.

One bad article never stops the others; every output file appears whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.articles import ArticleError
from kg.graph import DEFAULT_BASE, identity_graph_iri, slug
from kg.ingest import ArticleResult, Settings, ingest
from kg.resolve import Registry
from kg.serialize import (FORMAT_OF_SUFFIX, FORMATS, open_atomic, remove_stale_temp_files, serialize_quads,
                          sorted_nquads, temp_file, write_atomic, write_nquads_file_as)
from kg.validate import Violation

STDOUT = "-"


@dataclass
class ExportReport:
    exported: list[str] = field(default_factory=list)  # article ids
    failed: list[ArticleError] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    words: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def exit_code(self) -> int:
        if not self.exported and self.failed:
            return 2
        return 1 if self.failed else 0


# The readable part of a file name in a folder export, in bytes: the whole name stays far below the
# 255 bytes file systems allow, whatever the id.
_READABLE_BYTES = 64
_HASHED = re.compile(r"-[0-9a-f]{16}\Z")  # what a hashed name ends with; an id that does is hashed too
_RESERVED = {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}  # Windows


def file_stem(article_id: str) -> str:
    """The name (less its suffix) of an article's file in a folder export: the id itself when it is
    already a safe name (lower case ASCII letters, digits, '-' and '_', short), otherwise a readable
    prefix and 64 bits of a hash of the exact id. Names are unique per id (two ids share a name only
    if they share the prefix and the hash), also on a file system that ignores case, and stable:
    the same id always gives the same name."""
    readable = slug(article_id)
    if (readable == article_id and len(readable) <= _READABLE_BYTES and readable not in _RESERVED
            and not _HASHED.search(readable)):
        return readable
    prefix = re.sub(r"%[0-9A-F]?\Z", "", readable[:_READABLE_BYTES]).rstrip("-_")  # never half a %XX
    return f"{prefix}-{hashlib.sha256(article_id.encode('utf-8')).hexdigest()[:16]}"


def output_is_folder(output: str) -> bool:
    """A path that exists as a folder, ends with a slash, or has no RDF suffix is a folder."""
    if output == STDOUT:
        return False
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return True
    return path.suffix.lower() not in FORMAT_OF_SUFFIX


def choose_format(fmt: str | None, output: str) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt
    if output != STDOUT and not output_is_folder(output):
        return FORMAT_OF_SUFFIX[Path(output).suffix.lower()]
    return "turtle"


def export(
    inputs: Iterable[str | Path],
    output: str = "out/",
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
    validate: bool = True,
    on_problem: Callable[[str], None] = lambda line: None,
    n_process: int = 1,
    authority: str | Path | None = None,
    on_article: Callable[[ExportReport], None] = lambda report: None,
    resolve: bool = False,
) -> ExportReport:
    """Export every article of ``inputs`` to ``output`` (a file, a folder, or ``-`` for stdout).

    ``on_problem`` receives each failure, violation and warning as one line as soon as it is known;
    ``on_article`` the report so far after each article is done (for a progress line). ``resolve``
    adds the corpus-level identity links of all the articles (kg/resolve.py) as one more graph
    (a folder gets it as ``_identity`` beside the articles' files).
    """
    fmt = choose_format(fmt, output)
    settings = Settings(base, validate, str(authority) if authority else None)
    report = ExportReport()
    to_folder = output_is_folder(output)
    streaming = output == STDOUT and fmt == "nquads"
    # A spool only when one file is assembled at the end (not for a folder or N-Quads on stdout).
    spool_folder = None if output == STDOUT else Path(output).parent
    remove_stale_temp_files(Path(output) if to_folder else spool_folder or Path(tempfile.gettempdir()))
    # Each spool is named here as soon as it exists: a SIGTERM that comes right after it is made
    # still has it removed on the way out.
    spools: list[Path] = []
    chunks = None
    registry = Registry() if resolve else None
    try:
        if not (to_folder or streaming):
            chunks = _ChunkFile(spool_folder, spools)
        with closing(ingest(inputs, settings, n_process, on_problem, report.seconds)) as results:
            for result in results:
                _add(report, result)
                if result.ok:
                    t0 = time.perf_counter()
                    if registry is not None:
                        registry.add(result.quads)
                    if to_folder:
                        path = Path(output) / f"{file_stem(result.article.id)}{FORMATS[fmt][0]}"
                        write_atomic(path, serialize_quads(result.quads, fmt))
                        report.files.append(path)
                    elif chunks is None:  # N-Quads on stdout: each article as soon as it is done, for a pipe
                        sys.stdout.buffer.write(result.nquads())
                    else:
                        chunks.add(result.nquads())
                    report.exported.append(result.article.id)
                    report.seconds["write"] += time.perf_counter() - t0
                    on_article(report)
        t1 = time.perf_counter()
        if registry is not None and report.exported:
            identity = registry.quads(identity_graph_iri(base))
            if to_folder:
                path = Path(output) / f"_identity{FORMATS[fmt][0]}"
                write_atomic(path, serialize_quads(identity, fmt))
                report.files.append(path)
            elif chunks is None:
                sys.stdout.buffer.write(sorted_nquads(identity))
            else:
                chunks.add(sorted_nquads(identity))
        if streaming:
            sys.stdout.buffer.flush()
        elif chunks is not None and report.exported:
            if output == STDOUT:
                chunks.copy_to(sys.stdout.buffer, fmt)
            else:
                chunks.move_to(Path(output), fmt)
                report.files.append(Path(output))
        report.seconds["write"] += time.perf_counter() - t1
    finally:
        if chunks is not None:
            chunks.close()
        for path in spools:
            path.unlink(missing_ok=True)
    return report


def _add(report: ExportReport, result: ArticleResult) -> None:
    """Count one article's words and problems into the report."""
    report.words += result.words
    if result.error is not None:
        report.failed.append(result.error)
    report.warnings += [f"{result.source}: warning: {w}" for w in result.warnings]
    report.violations += result.violations


@contextmanager
def _signals_held():
    """SIGTERM and SIGINT wait until the block is done (in the main thread, where they are handled)."""
    held = {signal.SIGTERM, signal.SIGINT}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _ChunkFile:
    """Spools each article's N-Quads to a temporary file beside the output, so that a corpus never
    sits in memory as Python objects: N-Quads output is that file, renamed into place when complete;
    the other formats are written from it (see ``write_nquads_file_as``). Ended by a signal the CLI
    catches, the spool is removed on the way out; after a SIGKILL, by the next export (see
    ``remove_stale_temp_files``)."""

    def __init__(self, folder: Path | None, spools: list[Path]):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        with _signals_held():  # the file and its name in ``spools``, or neither
            fd, name = temp_file(folder, ".nq.tmp")
            spools.append(Path(name))
        self.file = os.fdopen(fd, "wb")
        self.path = Path(name)

    def add(self, data: bytes) -> None:
        self.file.write(data)

    def copy_to(self, out: BinaryIO, fmt: str) -> None:
        self.file.flush()
        write_nquads_file_as(self.path, fmt, out)
        out.flush()

    def move_to(self, path: Path, fmt: str) -> None:
        self.file.flush()
        if fmt != "nquads":
            with open_atomic(path) as out:
                write_nquads_file_as(self.path, fmt, out)
            return
        os.fsync(self.file.fileno())
        os.chmod(self.path, 0o644)
        os.replace(self.path, path)

    def close(self) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)
