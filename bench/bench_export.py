#!/usr/bin/env python3
"""Benchmark: kg export end to end against raw spaCy on the same texts.

    .venv/bin/python bench/bench_export.py [CORPUS.jsonl] [--limit N] [--jobs N]

Prints raw spaCy ``nlp.pipe`` words per second, ``kg export`` words per second end to end (read,
extract, map, validate, write), the share of time in each stage, and the peak memory of each run
(each runs in a fresh process so that one's memory does not count against the other). kg export
parses in a background thread while it extracts, maps, validates and writes, in one process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-train.jsonl"


def _corpus(path: Path, limit: int | None) -> Path:
    if not limit:
        return path
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    tmp = Path(tempfile.mkdtemp()) / f"{path.stem}-{limit}.jsonl"
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp


def run_raw(corpus: Path) -> dict:
    from kg.articles import Article, read_inputs
    from kg.nlp.pipeline import BATCH_SIZE, load_nlp

    nlp = load_nlp()
    texts = [a.text for a in read_inputs([corpus]) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return {"words": words, "seconds": time.perf_counter() - start}


def run_export(corpus: Path, jobs: int) -> dict:
    from kg.export import export
    from kg.nlp.pipeline import load_nlp

    load_nlp()  # model loading is start-up, not throughput
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        report = export([corpus], str(Path(tmp) / "corpus.nq"), "nquads", n_process=jobs)
        seconds = time.perf_counter() - start
        size = (Path(tmp) / "corpus.nq").stat().st_size
    return {"words": report.words, "seconds": seconds, "stages": dict(report.seconds),
            "articles": len(report.exported), "failed": len(report.failed),
            "violations": len(report.violations), "bytes": size}


def child(mode: str, corpus: Path, jobs: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, str(corpus), "--child", mode, "--jobs", str(jobs)],
                          capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1, help="spaCy processes for kg export")
    parser.add_argument("--child", choices=["raw", "export"])
    args = parser.parse_args()
    if args.child == "raw":
        print(json.dumps(run_raw(args.corpus)))
        return
    if args.child == "export":
        print(json.dumps(run_export(args.corpus, args.jobs)))
        return
    corpus = _corpus(args.corpus, args.limit)
    # RUSAGE_CHILDREN keeps the largest child so far: run the smaller one (raw) first.
    raw = child("raw", corpus, 1)
    exp = child("export", corpus, args.jobs)
    raw_rate = raw["words"] / raw["seconds"]
    exp_rate = exp["words"] / exp["seconds"]
    print(f"\ncorpus: {args.corpus.name}" + (f" (first {args.limit})" if args.limit else "")
          + f", {exp['articles']} articles, {exp['words']:,} words; kg export --jobs {args.jobs}\n")
    print(f"| run | seconds | words/s | peak memory |")
    print(f"|---|---:|---:|---:|")
    print(f"| raw spaCy nlp.pipe (batch 8) | {raw['seconds']:.1f} | {raw_rate:,.0f} | {raw['peak_mb']:.0f} MB |")
    print(f"| kg export → N-Quads | {exp['seconds']:.1f} | {exp_rate:,.0f} | {exp['peak_mb']:.0f} MB |")
    print(f"\nkg export / raw spaCy = {exp_rate / raw_rate:.2f}; failed {exp['failed']}, "
          f"shape violations {exp['violations']}, output {exp['bytes'] / 1e6:.1f} MB\n")
    # The parser runs in a background thread (kg/background.py): "parse" is the time the export
    # waited for it, and reading happens inside the parser's thread, alongside.
    total = sum(v for k, v in exp["stages"].items() if k not in ("read", "wait"))
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    # With --jobs N the stages are the workers' seconds, summed, and "wait" is the time this process
    # waited for them.
    labels = {"read": "read (in the parser's thread)", "parse": "parse (waiting for the parser's thread)"}
    if args.jobs > 1:
        labels = {"parse": "parse (in the workers)", "wait": "wait (for the workers)"}
    for stage in ("read", "parse", "extract", "map", "validate", "write", *(("wait",) if args.jobs > 1 else ())):
        s = exp["stages"].get(stage, 0.0)
        share = "" if stage in ("read", "wait") else f"{s / total:.0%}"
        print(f"| {labels.get(stage, stage)} | {s:.1f} | {share} |")


if __name__ == "__main__":
    main()
