"""The export job: read → extract → map → validate → write, one article at a time.

One bad article never stops the others; every output file appears whole or not at all.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.articles import Article, ArticleError, read_inputs
from kg.background import in_background
from kg.graph import DEFAULT_BASE, article_quads, identity_graph_iri, slug
from kg.nlp.linking import link, load_authority, load_gazetteer
from kg.nlp.pipeline import BATCH_SIZE, extract, load_nlp, parse_stream
from kg.resolve import Registry
from kg.serialize import (FORMAT_OF_SUFFIX, FORMATS, open_atomic, serialize_quads, sorted_nquads, write_atomic,
                          write_nquads_file_as)
from kg.validate import Violation, validate_triples

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


def _timed(items: Iterable, report: ExportReport, stage: str) -> Iterator:
    """Yield from ``items``, adding the time spent producing each item to ``stage``."""
    iterator = iter(items)
    while True:
        start = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            report.seconds[stage] += time.perf_counter() - start
            return
        report.seconds[stage] += time.perf_counter() - start
        yield item


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
    report = ExportReport()
    authority_names = load_authority(authority) if authority else None
    to_folder = output_is_folder(output)
    suffix = FORMATS[fmt][0]
    streaming = output == STDOUT and fmt == "nquads"

    load_nlp()
    load_gazetteer()
    # The model and the gazetteer live for the whole run: freezing them spares the cyclic garbage
    # collector from walking their millions of objects again on every full collection (~7% of a run).
    gc.freeze()
    # A spool only when one file is assembled at the end (not for a folder or N-Quads on stdout).
    chunks = None if to_folder or streaming else _ChunkFile(Path(output).parent if output != STDOUT else None)
    registry = Registry() if resolve else None
    try:
        parsed = parse_stream(_timed(read_inputs(inputs), report, "read"), n_process)
        if n_process == 1:  # spaCy's own worker processes must not be forked from a second thread
            parsed = in_background(parsed, ahead=BATCH_SIZE)  # one batch ahead keeps the parser busy
        for item in _timed(parsed, report, "parse"):
            if isinstance(item, ArticleError):
                report.failed.append(item)
                on_problem(str(item))
                continue
            doc, article = item
            report.words += len(article.text.split())
            t0 = time.perf_counter()
            try:
                extraction = extract(article, doc)
                if authority_names:
                    extraction.entities = link(extraction.entities, None, authority_names)
            except Exception as err:  # a bug on one article must not stop the batch
                problem = ArticleError(article.source, f"extraction failed: {type(err).__name__}: {err}")
                report.failed.append(problem)
                on_problem(str(problem))
                continue
            t1 = time.perf_counter()
            quads = article_quads(extraction, base)
            if registry is not None:
                registry.add(quads)
            t2 = time.perf_counter()
            report.seconds["extract"] += t1 - t0
            report.seconds["map"] += t2 - t1
            for warning in extraction.warnings:
                line = f"{article.source}: warning: {warning}"
                report.warnings.append(line)
                on_problem(line)
            if validate:
                for violation in validate_triples(quads, article.id):
                    report.violations.append(violation)
                    on_problem(f"{article.source}: shape violation: {violation.node}: {violation.message}")
                report.seconds["validate"] += time.perf_counter() - t2
            t3 = time.perf_counter()
            if to_folder:
                path = Path(output) / f"{slug(article.id)}{suffix}"
                write_atomic(path, serialize_quads(quads, fmt))
                report.files.append(path)
            else:
                data = sorted_nquads(quads)
                if chunks is None:  # N-Quads on stdout: each article as soon as it is done, for a pipe
                    sys.stdout.buffer.write(data)
                else:
                    chunks.add(data)
            report.exported.append(article.id)
            report.seconds["write"] += time.perf_counter() - t3
            on_article(report)
        t4 = time.perf_counter()
        if registry is not None and report.exported:
            identity = registry.quads(identity_graph_iri(base))
            if to_folder:
                path = Path(output) / f"_identity{suffix}"
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
        report.seconds["write"] += time.perf_counter() - t4
    finally:
        if chunks is not None:
            chunks.close()
        gc.unfreeze()
    return report


class _ChunkFile:
    """Spools each article's N-Quads to a temporary file beside the output, so that a corpus never
    sits in memory as Python objects: N-Quads output is that file, renamed into place when complete;
    the other formats are written from it (see ``write_nquads_file_as``)."""

    def __init__(self, folder: Path | None):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.file = tempfile.NamedTemporaryFile(dir=folder, prefix=".kg-export.", suffix=".nq.tmp", delete=False)
        self.path = Path(self.file.name)

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
