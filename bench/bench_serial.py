#!/usr/bin/env python3
"""Benchmark: the serial and idle parts of ``kg export --jobs N``, in CPU seconds and wall seconds,
measured so that a machine others share distorts them little.

    PYTHONPATH=. .venv/bin/python bench/bench_serial.py CORPUS.jsonl [--jobs N] [--limit N]

One export runs in this process (``kg.export.export``, N-Quads to a temporary file); every process
(this one, each forked worker) notes its events with wall clock and its own CPU seconds: the model
loaded, each parse (one process) or chunk (workers) started and done, each article written. It prints

- serial before: from this process's start to the first parse or chunk (interpreter, imports, model
  load, the first input read), in wall and CPU seconds;
- per worker: when it was prepared (model load, warm-up article), its CPU seconds in chunks, the idle
  gaps between its chunks (results sent back, the next chunk received) and the longest of them;
- tail: between the first and the last worker finishing its last chunk;
- serial after: from the last article done to the export's end (final writing);
- the parent's CPU seconds while the workers work (on 2 cores it takes from them).

CPU seconds and the serial/idle structure are what a machine others share distorts little; an
idle-machine speedup follows by Amdahl's law from the serial parts and the work per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

STARTED_WALL = psutil.Process().create_time()


def _note(folder: Path, event: str, **extra) -> None:
    """One event of this process: wall clock, its own CPU seconds (all threads)."""
    line = json.dumps({"pid": os.getpid(), "event": event, "wall": time.time(), "cpu": time.process_time(), **extra})
    with open(folder / f"events-{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
        out.write(line + "\n")


def _instrument(folder: Path) -> None:
    """Wrap the per-chunk and per-article steps of kg.ingest; forked workers inherit the wrappers,
    and a chunk's function is pickled by name, so the workers run the wrapped one."""
    import kg.ingest as ingest
    import kg.nlp.pipeline as pipeline

    finish_chunk, finish_article, load_resources = ingest._finish_chunk, ingest.finish_article, ingest.load_resources
    prepare_worker, parse = ingest.prepare_worker, pipeline._parse

    def _finish_chunk(articles, settings):
        _note(folder, "chunk start", articles=len(articles), chars=sum(len(a.text) for a in articles))
        try:
            return finish_chunk(articles, settings)
        finally:
            _note(folder, "chunk end")

    def _finish_article(article, doc, settings, timings=None):
        _note(folder, "article start")
        try:
            return finish_article(article, doc, settings, timings)
        finally:
            _note(folder, "article end")

    def _load_resources(settings):
        _note(folder, "load start")
        load_resources(settings)
        _note(folder, "load end")

    def _prepare_worker(settings):
        _note(folder, "prepare start")
        prepare_worker(settings)
        _note(folder, "prepare end")

    def _parse(nlp, batch):
        _note(folder, "parse start")
        try:
            return parse(nlp, batch)
        finally:
            _note(folder, "parse end")

    for wrapper, name in ((_finish_chunk, "_finish_chunk"), (_finish_article, "finish_article"),
                          (_load_resources, "load_resources"), (_prepare_worker, "prepare_worker")):
        wrapper.__module__, wrapper.__qualname__ = "kg.ingest", name
        setattr(ingest, name, wrapper)
    pipeline._parse = _parse


def _events(folder: Path) -> dict[int, list[dict]]:
    by_pid: dict[int, list[dict]] = {}
    for path in sorted(folder.glob("events-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            by_pid.setdefault(event["pid"], []).append(event)
    return by_pid


def _worker_rows(events: list[dict]) -> dict:
    """A worker's CPU in chunks, its idle gaps between chunks, when it began and ended."""
    starts = [e for e in events if e["event"] == "chunk start"]
    ends = [e for e in events if e["event"] == "chunk end"]
    busy_cpu = sum(end["cpu"] - start["cpu"] for start, end in zip(starts, ends))
    gaps = [later["wall"] - end["wall"] for end, later in zip(ends, starts[1:])]
    longest = max(range(len(gaps)), key=gaps.__getitem__, default=None)
    load = [e for e in events if e["event"].startswith("load")]
    prepare = _span(events, "prepare start", "prepare end")
    return {"chunks": len(starts), "busy_cpu": busy_cpu, "busy_wall": sum(e["wall"] - s["wall"] for s, e in zip(starts, ends)),
            "gaps": sum(gaps), "max_gap": max(gaps, default=0.0),
            "max_gap_after": None if longest is None else (longest + 1, ends[longest]["wall"]), "first": starts[0]["wall"] if starts else None,
            "last": ends[-1]["wall"] if ends else None,
            "load_wall": load[-1]["wall"] - load[0]["wall"] if len(load) == 2 else 0.0,
            "total_cpu": events[-1]["cpu"],
            "prepare": (prepare[0]["wall"], prepare[1]["wall"]) if prepare else (0.0, 0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = args.corpus
        if args.limit:
            corpus = folder / "corpus.jsonl"
            lines = args.corpus.read_text(encoding="utf-8").splitlines()[:args.limit]
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _instrument(folder)
        from kg.export import export

        _note(folder, "export start")
        export([corpus], str(folder / "out.nq"), "nquads", n_process=args.jobs,
               on_article=lambda report: _note(folder, "written"))
        _note(folder, "export end")
        by_pid = _events(folder)
    _print(by_pid, os.getpid(), args.jobs)


def _span(events: list[dict], first: str, last: str) -> tuple[dict, dict] | None:
    """The first event named ``first`` and the last named ``last``."""
    a = next((e for e in events if e["event"] == first), None)
    b = next((e for e in reversed(events) if e["event"] == last), None)
    return (a, b) if a and b else None


def _after(chunk: tuple[int, float] | None) -> str:
    return "" if chunk is None else f", after its chunk {chunk[0]} at {chunk[1] - STARTED_WALL:.2f} s"


def _print(by_pid: dict[int, list[dict]], parent: int, jobs: int) -> None:
    mine = by_pid.pop(parent)
    end = mine[-1]
    if jobs == 1:
        first, last = _span(mine, "parse start", "article end")
        load_start, load_end = _span(mine, "load start", "load end")
        work_wall, work_cpu = last["wall"] - first["wall"], last["cpu"] - first["cpu"]
        print(f"serial before the first parse: {first['wall'] - STARTED_WALL:.2f} s wall, {first['cpu']:.2f} CPU s "
              f"(model load {load_end['wall'] - load_start['wall']:.2f} s wall)")
        print(f"work (first parse to last article done): {work_wall:.2f} s wall, {work_cpu:.2f} CPU s "
              f"(CPU/wall {work_cpu / work_wall:.2f})")
        print(f"serial after: {end['wall'] - last['wall']:.2f} s wall, {end['cpu'] - last['cpu']:.2f} CPU s")
        return
    workers = {pid: _worker_rows(events) for pid, events in by_pid.items()}
    first = min(w["first"] for w in workers.values())
    last = max(w["last"] for w in workers.values())

    def parent_cpu_at(wall: float) -> float:
        return max((e["cpu"] for e in mine if e["wall"] <= wall), default=0.0)

    print(f"serial before the first chunk: {first - STARTED_WALL:.2f} s wall; parent {parent_cpu_at(first):.2f} CPU s")
    for pid, w in sorted(workers.items()):
        print(f"  worker {pid}: prepared {w['prepare'][0] - STARTED_WALL:.2f}-{w['prepare'][1] - STARTED_WALL:.2f} s "
              f"(model load {w['load_wall']:.2f} s), first chunk at {w['first'] - STARTED_WALL:.2f} s; "
              f"{w['chunks']} chunks, {w['busy_cpu']:.2f} CPU s / {w['busy_wall']:.2f} s wall in chunks; "
              f"idle between chunks {w['gaps']:.2f} s (longest {w['max_gap']:.2f}{_after(w['max_gap_after'])}); last chunk done at "
              f"{w['last'] - STARTED_WALL:.2f} s; process CPU {w['total_cpu']:.2f} s")
    tail = last - min(w["last"] for w in workers.values())
    print(f"tail (first to last worker done): {tail:.2f} s")
    print(f"serial after the last chunk: {end['wall'] - last:.2f} s wall, parent {end['cpu'] - parent_cpu_at(last):.2f} CPU s")
    print(f"parent CPU while the workers worked: {parent_cpu_at(last) - parent_cpu_at(first):.2f} s "
          f"(in all {end['cpu']:.2f} s)")
    busy = sum(w["busy_cpu"] for w in workers.values())
    gaps = sum(w["gaps"] for w in workers.values())
    print(f"work: {busy:.2f} CPU s in chunks over {len(workers)} workers; idle gaps {gaps:.2f} s in all")


if __name__ == "__main__":
    sys.exit(main())
