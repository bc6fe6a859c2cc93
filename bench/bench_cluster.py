#!/usr/bin/env python3
"""Benchmark: ``kg export`` with ``--jobs 1``, ``--jobs 2`` and ``--cluster local:2`` on one corpus.

    .venv/bin/python bench/bench_cluster.py [CORPUS.jsonl] [--limit N] [--articles-per-shard N] [--runs jobs1,jobs2,local2]
                                            [--no-reference]

Each run is the real CLI in a fresh process, timed wall to wall (process start, model loads and
cluster start-up included). A sampler walks the run's process tree (psutil) every 0.1 s and keeps
each process's peak resident memory; the table gives their sum, and that sum per worker process
(spaCy processes for --jobs, Dask workers for --cluster). Ratios are against ``--jobs 1`` of the same
run. A reference measured in the same run gives the machine's own 2-process scaling on a CPU-bound
load like kg's (the same spaCy parse in one process, then in two at once): the ceiling kg could reach
on this machine. Targets (issue 15): --jobs 2 ≥ 1.8×, --cluster local:2 ≥ 1.7×, ≤ 450 MB per worker.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-train.jsonl"
KG = Path(sys.executable).parent / "kg"
RUNS = {  # name → (kg export arguments, worker processes)
    "jobs1": (["--jobs", "1"], 1),
    "jobs2": (["--jobs", "2"], 2),
    "local2": (["--cluster", "local:2"], 2),
}


def _corpus(path: Path, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:limit] if limit else lines
    out = folder / f"{path.stem}-{len(lines)}.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    return out, len(lines), words


class _TreeSampler(threading.Thread):
    """Peak resident memory of every process in the tree under ``pid``, sampled until stopped."""

    def __init__(self, pid: int, every_s: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.every_s = psutil.Process(pid), every_s
        self.peaks: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.cpu: dict[int, float] = {}  # CPU seconds at the last sample
        self.busy_until: dict[int, float] = {}  # seconds from the start to the last sample its CPU grew
        self.started = time.perf_counter()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                    if times.user + times.system > self.cpu.get(proc.pid, 0.0) + 0.02:
                        self.busy_until[proc.pid] = time.perf_counter() - self.started
                    self.cpu[proc.pid] = times.user + times.system
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
                if proc.pid not in self.names:
                    self.names[proc.pid] = _role(proc)
            self.stopped.wait(self.every_s)


def _role(proc: psutil.Process) -> str:
    """What a process of the run is, from its command line: kg, a spaCy or kg worker, a Dask part."""
    try:
        line = " ".join(proc.cmdline())
    except psutil.Error:
        return "?"
    if "spawn_main" in line:  # a process started by multiprocessing's spawn: a local cluster's worker
        return "dask worker"
    for word in ("resource_tracker", "forkserver", "nanny", "worker", "scheduler"):
        if word in line.lower():
            return word
    return "kg" if "/kg " in line or line.endswith("/kg") else (line.split(" -c ")[-1][:40] or "?")


def run_once(name: str, corpus: Path, folder: Path, per_shard: int) -> dict:
    args, workers = RUNS[name]
    output = folder / name
    command = [str(KG), "export", str(corpus), "-q"]
    command += (args + ["--articles-per-shard", str(per_shard), "-o", f"{output}/"] if "--cluster" in args
                else args + ["-f", "nquads", "-o", f"{output}.nq"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's whole tree: each waits for its children
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    sampler.stopped.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{name}: kg export failed ({process.returncode}): {err[-2000:]}")
    summed = sum(sampler.peaks.values()) / 2**20
    by_role: dict[str, list[tuple[float, float, float]]] = {}  # role → (peak MB, CPU s, busy until s) per process
    for pid, peak in sampler.peaks.items():
        by_role.setdefault(sampler.names.get(pid, "?"), []).append(
            (peak / 2**20, sampler.cpu.get(pid, 0.0), sampler.busy_until.get(pid, 0.0)))
    return {"run": name, "seconds": seconds, "cpu": cpu, "by_role": by_role, "processes": len(sampler.peaks), "peak_mb_sum": summed,
            "peak_mb_per_worker": summed / workers, "quads": _quads(output)}


# The reference: each process loads the model, says it is ready, waits for "go", then parses the
# same texts (spaCy only, batches as kg's) and prints its parse's wall and CPU seconds.
_PARSER = """
import json, sys, time
from kg.nlp.pipeline import BATCH_SIZE, load_nlp
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
nlp = load_nlp()
list(nlp.pipe(texts[:4]))
print("ready", flush=True)
sys.stdin.readline()
start, cpu = time.perf_counter(), time.process_time()
for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
    pass
print(json.dumps([time.perf_counter() - start, time.process_time() - cpu]), flush=True)
"""


def machine_scaling(corpus: Path, folder: Path, texts: int = 60) -> dict:
    """The machine's own 2-process scaling on a CPU-bound load like kg's: the same spaCy parse of the
    corpus's first ``texts`` articles in one process, then in two at once (started together). Two
    processes doing twice the work in the same wall time is 2.0: the ceiling --jobs 2 could reach."""
    sample = folder / "reference-texts.json"
    lines = corpus.read_text(encoding="utf-8").splitlines()[:texts]
    sample.write_text(json.dumps([json.loads(line)["text"] for line in lines]), encoding="utf-8")

    def together(n: int) -> list[tuple[float, float]]:
        procs = [subprocess.Popen([sys.executable, "-c", _PARSER, str(sample)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(n)]
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        out = [tuple(json.loads(p.stdout.readline())) for p in procs]
        for p in procs:
            p.wait()
        return out

    (one_wall, one_cpu), = together(1)
    two = together(2)
    two_wall = max(wall for wall, _ in two)
    return {"texts": len(lines), "one_wall": one_wall, "one_cpu": one_cpu, "two_wall": two_wall,
            "two_cpu": sum(cpu for _, cpu in two), "speedup": 2 * one_wall / two_wall,
            "cpu_per_text_ratio": sum(cpu for _, cpu in two) / (2 * one_cpu)}


def _quads(output: Path) -> int:
    import gzip

    if output.is_dir():
        return sum(gzip.decompress(p.read_bytes()).count(b"\n") for p in output.glob("part-*.nq.gz"))
    return Path(f"{output}.nq").read_bytes().count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--articles-per-shard", type=int, default=None,
                        help="shard size for --cluster (default: the corpus in 40 shards, 20 per worker)")
    parser.add_argument("--runs", default="jobs1,jobs2,local2", help="comma-separated: " + ", ".join(RUNS))
    parser.add_argument("--no-reference", action="store_true", help="skip the machine's own 2-process scaling")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: no such corpus")
    with tempfile.TemporaryDirectory() as tmp:
        corpus, articles, words = _corpus(args.corpus, args.limit, Path(tmp))
        # Many shards per worker, so that the last one to finish costs little: with 840 articles and
        # the default 2,000 per shard there is one shard on one worker, with 100 there are 9 (5 on
        # one worker, 4 on the other: at best 840/500 = 1.68x). Shard contents depend only on the
        # input and this number.
        per_shard = args.articles_per_shard or math.ceil(articles / 40)
        print(f"corpus: {articles} articles, {words:,} words ({corpus.name}); --articles-per-shard {per_shard}")
        results = [run_once(name, corpus, Path(tmp), per_shard) for name in args.runs.split(",")]
        reference = machine_scaling(corpus, Path(tmp)) if not args.no_reference else None
    base = next((r["seconds"] for r in results if r["run"] == "jobs1"), None)
    # CPU seconds are those of the whole process tree; CPU/wall above 1 means more than one core was
    # busy (on a machine others share, wall time swings from run to run, CPU time much less).
    print(f"\n{'run':<8} {'wall s':>8} {'CPU s':>8} {'CPU/wall':>9} {'words/s':>9} {'× jobs1':>8} {'procs':>6} "
          f"{'peak MB sum':>12} {'MB/worker':>10} {'quads':>9}")
    for r in results:
        ratio = f"{base / r['seconds']:.2f}" if base else "-"
        print(f"{r['run']:<8} {r['seconds']:>8.1f} {r['cpu']:>8.1f} {r['cpu'] / r['seconds']:>9.2f} "
              f"{words / r['seconds']:>9,.0f} {ratio:>8} {r['processes']:>6} "
              f"{r['peak_mb_sum']:>12,.0f} {r['peak_mb_per_worker']:>10,.0f} {r['quads']:>9,}")
    # A worker's "busy until" is the last sample at which its CPU time grew: two workers' values
    # apart is the tail, where one works alone while the other idles.
    print("\nper process: peak MB / CPU seconds (to the last 0.1 s sample) / busy until s after the start")
    for r in results:
        print(f"  {r['run']}: " + "; ".join(f"{role} " + ", ".join(f"{mb:.0f} MB / {cpu:.1f} s / {until:.1f} s"
                                                                  for mb, cpu, until in sorted(procs))
                                           for role, procs in sorted(r["by_role"].items())))
    if reference:
        r = reference
        print(f"\nreference, same run: spaCy parse of {r['texts']} texts, 1 process {r['one_wall']:.1f} s wall / "
              f"{r['one_cpu']:.1f} CPU s; 2 processes at once, each the same texts: {r['two_wall']:.1f} s wall / "
              f"{r['two_cpu']:.1f} CPU s")
        print(f"  machine's 2-process scaling {r['speedup']:.2f}x (the ceiling for jobs2 and local2); "
              f"CPU per text in 2 processes / in 1: {r['cpu_per_text_ratio']:.2f}")
        for row in results:
            if base and row["run"] != "jobs1":
                print(f"  {row['run']}: {base / row['seconds']:.2f}x = {base / row['seconds'] / r['speedup']:.0%} of the ceiling")
    if len({r["quads"] for r in results}) > 1:
        print("WARNING: the runs wrote different numbers of quads")


if __name__ == "__main__":
    main()
