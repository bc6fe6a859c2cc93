"""Graphs to bytes in every format kg writes, deterministically, and files written atomically.

Each article's quads are pyoxigraph terms (see kg/graph.py); pyoxigraph writes the line and Turtle formats
(30× faster than rdflib's Turtle writer on a corpus) from quads sorted so that the same input gives
byte-identical output. JSON-LD goes through rdflib, which compacts against the shipped context.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg import resources
from kg.vocab import PREFIXES
from kg.terms import to_ox

FORMATS = {  # name → (file suffix, pyoxigraph format or None for rdflib, keeps named graphs)
    "turtle": (".ttl", ox.RdfFormat.TURTLE, False),
    "jsonld": (".jsonld", None, True),
    "ntriples": (".nt", ox.RdfFormat.N_TRIPLES, False),
    "nquads": (".nq", ox.RdfFormat.N_QUADS, True),
    "trig": (".trig", ox.RdfFormat.TRIG, True),
}
FORMAT_OF_SUFFIX = {suffix: name for name, (suffix, _, _) in FORMATS.items()}
FORMAT_OF_SUFFIX[".json"] = "jsonld"


@cache
def jsonld_context() -> dict:
    return json.loads(resources.CONTEXT.read_text(encoding="utf-8"))["@context"]


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in the stable order every writer uses, so the same input gives the same bytes."""
    return sorted(quads, key=_quad_key)


def sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """N-Quads with its lines sorted: the same bytes for the same quads in any order. Sorting the
    written lines costs a third of sorting the terms (N-Quads escapes line breaks in literals)."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    lines.sort()
    return b"".join(lines)


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Quads in format ``fmt``; merged into one graph where the format has none (Turtle, N-Triples)."""
    _, ox_format, keeps_graphs = FORMATS[fmt]
    quads = sorted_quads(quads)
    if ox_format is None:
        dataset = Dataset()
        dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
        return _jsonld([g for g in dataset.graphs() if len(g)])
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    if keeps_graphs:
        return ox.serialize(quads, format=ox_format, prefixes=prefixes)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                     key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(triples, format=ox_format, prefixes=prefixes)


def _jsonld(graphs: list[Graph]) -> bytes:
    dataset = Dataset()
    for graph in graphs:
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    text = dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, sort_keys=True)
    doc = _sorted_sets(json.loads(text))
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _sorted_sets(node):
    """JSON-LD arrays other than @list are unordered sets: sort them so output is byte-identical."""
    if isinstance(node, dict):
        return {k: (v if k == "@list" else _sorted_sets(v)) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_sets(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never half."""
    with open_atomic(path) as out:
        out.write(data)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only when the block ends without an error: readers see
    the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent, f".{path.name}.tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


TEMP_PREFIX = ".kg-export."
# A temporary file's name says which process on which host made it: .kg-export.HOST-PID.RANDOM...tmp
_TEMP_OWNER = re.compile(r"\.kg-export\.([A-Za-z0-9]+)-(\d+)\.")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"


def temp_file(folder: Path | None, suffix: str) -> tuple[int, str]:
    """A new temporary file in ``folder`` (None: the system's), named after this process so that
    ``remove_stale_temp_files`` can tell when its maker is gone; (descriptor, path) as ``mkstemp``."""
    return tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{_host()}-{os.getpid()}.", suffix=suffix)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files that kg processes of this host left in ``folder`` when they were
    killed outright (SIGKILL, a power cut: no chance to clean up); those of running processes stay."""
    removed = []
    if not folder.is_dir():
        return removed
    host = _host()
    for path in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        owner = _TEMP_OWNER.match(path.name)
        if owner and owner.group(1) == host and not _running(int(owner.group(2))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there: never guess
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


# Lines sorted in memory at a time when merging a corpus into one graph (~100 MB of Python bytes).
SORT_RUN_LINES = 250_000


def write_nquads_file_as(path: Path, fmt: str, out: BinaryIO) -> None:
    """Write the N-Quads file ``path`` (kg's export spool: each article's graph in turn) to ``out``
    in ``fmt``. Memory stays bounded for every format but JSON-LD, whatever the size of the corpus:
    TriG streams graph by graph; Turtle and N-Triples, which merge every article into one graph,
    go through an external sort that also drops the triples several articles share."""
    if fmt == "nquads":
        with open(path, "rb") as src:
            shutil.copyfileobj(src, out)
    elif fmt == "trig":
        ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS), output=out,
                     format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif fmt == "ntriples":
        out.writelines(_merged_triple_lines(path))
    elif fmt == "turtle":
        with tempfile.TemporaryFile() as lines:
            lines.writelines(_merged_triple_lines(path))
            lines.seek(0)
            ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), output=out,
                         format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    else:
        out.write(serialize_quads(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS), fmt))


def _merged_triple_lines(path: Path) -> Iterator[bytes]:
    """The triples of every graph in ``path`` as sorted, distinct N-Triples lines."""
    with ExitStack() as stack:
        runs: list[Iterable[bytes]] = []
        run: list[bytes] = []
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            run.append(f"{ox.Triple(quad.subject, quad.predicate, quad.object)} .\n".encode("utf-8"))
            if len(run) >= SORT_RUN_LINES:
                runs.append(_spilled(sorted(set(run)), stack))
                run = []
        runs.append(sorted(set(run)))
        previous = None
        for line in heapq.merge(*runs):
            if line != previous:
                yield line
                previous = line


def _spilled(lines: list[bytes], stack: ExitStack) -> Iterable[bytes]:
    """A sorted run written to a temporary file (N-Triples escapes line breaks: a line is a triple)."""
    file = stack.enter_context(tempfile.TemporaryFile())
    file.writelines(lines)
    file.seek(0)
    return file


def read_quads(path: Path, fmt: str | None = None) -> list[ox.Quad]:
    """The quads of an RDF file kg wrote (triples in the default graph), read by pyoxigraph; JSON-LD,
    which must be expanded against its context, by rdflib."""
    fmt = fmt or FORMAT_OF_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF file type {path.suffix!r}: use .ttl, .jsonld, .nt, .nq or .trig")
    if fmt == "jsonld":
        dataset = parse_file(path, fmt)
        return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None or g == dataset.default_context.identifier
                        else to_ox(g)) for s, p, o, g in dataset.quads((None, None, None, None))]
    return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(path), format=FORMATS[fmt][1])]


def parse_file(path: Path, fmt: str | None = None) -> Dataset:
    """Read an RDF file kg wrote (any of its formats) into an rdflib Dataset."""
    fmt = fmt or FORMAT_OF_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF file type {path.suffix!r}: use .ttl, .jsonld, .nt, .nq or .trig")
    rdflib_format = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "nquads": "nquads",
                     "trig": "trig"}[fmt]
    dataset = Dataset()
    dataset.parse(path, format=rdflib_format)
    return dataset
