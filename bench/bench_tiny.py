#!/usr/bin/env python3
"""Benchmark: per-article overhead on many one-sentence articles, kg export against raw spaCy.

    .venv/bin/python bench/bench_tiny.py [--count 10000] [--seed 13]

Writes COUNT one-sentence articles (made here from a fixed seed: names, places, dates, quotes) to a
JSONL file, then runs, each in a fresh process, raw spaCy ``nlp.pipe(texts, batch_size=8)`` and
``kg export`` of it to one N-Quads file (``kg.export.export``, the CLI's one call), and prints articles per second side by side and their ratio.
Issue 13 measured 78 articles/s for kg against 185/s for raw spaCy (0.45); the aim is >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = ["Angela Merkel", "Olaf Scholz", "Tomás Reis", "Ingrid Halvorsen", "Sergey Lavrov", "Antony Blinken",
          "Marta Coelho", "Emmanuel Macron", "Ursula von der Leyen", "Li Qiang", "Narendra Modi", "the minister"]
PLACES = ["Paris", "Berlin", "Lisbon", "Oslo", "Geneva", "Brussels", "Tokyo", "New Delhi", "Nairobi", "Ottawa"]
WHEN = ["on Tuesday", "last week", "on 3 March", "in October", "yesterday", "on Friday", "next month", ""]
TEMPLATES = [
    "{a} met {b} in {place} {when}.",
    "{a} said {when} that talks with {b} would resume in {place}.",
    "\"We will not give up,\" {a} told reporters in {place} {when}.",
    "{a} visited {place} {when} to discuss trade with {b}.",
    "{a} and {b} held a phone call {when} about the situation in {place}.",
    "According to {a}, the summit in {place} was cancelled {when}.",
]


def make_corpus(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            a, b = rng.sample(PEOPLE, 2)
            text = rng.choice(TEMPLATES).format(a=a, b=b, place=rng.choice(PLACES), when=rng.choice(WHEN))
            text = " ".join(text.split())  # an empty {when} leaves two spaces
            date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(json.dumps({"id": f"tiny-{i:06d}", "date": date, "text": text[0].upper() + text[1:]}) + "\n")


def run_raw(corpus: Path) -> dict:
    from kg.articles import Article, read_inputs
    from kg.nlp.pipeline import BATCH_SIZE, load_nlp

    nlp = load_nlp()
    texts = [a.text for a in read_inputs([corpus]) if isinstance(a, Article)]
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return {"articles": len(texts), "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def run_export(corpus: Path) -> dict:
    """kg export of the corpus to one N-Quads file, less the start-up (model, gazetteer, shapes) that
    raw spaCy does not count either: one article is exported first to load them."""
    from kg.export import export

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(corpus.open(encoding="utf-8").readline(), encoding="utf-8")
        export([warm], str(Path(tmp) / "warm.nq"), "nquads")
        start, cpu = time.perf_counter(), time.process_time()
        report = export([corpus], str(Path(tmp) / "out.nq"), "nquads")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"articles": len(report.exported), "failed": len(report.failed), "violations": len(report.violations),
            "seconds": seconds, "cpu": cpu, "stages": dict(report.seconds)}


def child(mode: str, corpus: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", str(corpus)],
                          capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--child", choices=["raw", "export"])
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps((run_raw if args.child == "raw" else run_export)(args.corpus)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / f"tiny-{args.count}.jsonl"
        make_corpus(corpus, args.count, args.seed)
        raw = child("raw", corpus)  # RUSAGE_CHILDREN keeps the largest child so far: the smaller one first
        exp = child("export", corpus)
    raw_rate = raw["articles"] / raw["seconds"]
    exp_rate = exp["articles"] / exp["seconds"]
    print(f"\n{args.count:,} one-sentence articles (seed {args.seed})\n")
    print("| run | seconds | articles/s | CPU seconds | peak memory |")
    print("|---|---:|---:|---:|---:|")
    print(f"| raw spaCy nlp.pipe (batch 8) | {raw['seconds']:.1f} | {raw_rate:,.0f} | {raw['cpu']:.1f} "
          f"| {raw['peak_mb']:.0f} MB |")
    print(f"| kg export → N-Quads | {exp['seconds']:.1f} | {exp_rate:,.0f} | {exp['cpu']:.1f} | {exp['peak_mb']:.0f} MB |")
    # On a machine other jobs share, wall time swings from run to run; CPU time much less.
    print(f"\nkg export / raw spaCy = {exp_rate / raw_rate:.2f} by wall time, "
          f"{raw['cpu'] / raw['articles'] / (exp['cpu'] / exp['articles']):.2f} by CPU time; exported {exp['articles']:,}, failed {exp['failed']}, "
          f"shape violations {exp['violations']}\n")
    print("| stage | seconds |\n|---|---:|")
    for stage in ("read", "parse", "extract", "map", "validate", "write"):
        print(f"| {stage} | {exp['stages'].get(stage, 0.0):.1f} |")


if __name__ == "__main__":
    main()
