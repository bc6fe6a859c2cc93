#!/usr/bin/env python3
"""Benchmark: ``kg load`` of an export into a fresh store against ``oxigraph load`` of the same files.

    .venv/bin/python bench/bench_load.py EXPORT.nq [SHARDS_DIR/] [--repeat 3]
    .venv/bin/python bench/bench_load.py --limit 100      # export the first 100 corpus articles first

For each input: ``kg load INPUT --store FRESH`` and ``oxigraph load --location FRESH --file FILE...``
(the shards of a folder all given, which it loads in parallel), each the real CLI in a fresh process,
timed wall to wall, on the same machine in the same run, alternating, ``--repeat`` times each
(medians; CPU seconds beside the wall seconds). Triples are the store's quads after the
load (kg adds the ontology's graph; it is counted). Target (issue 15): kg ≥ 0.8× oxigraph's triples/s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-train.jsonl"


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (all threads, the process and its children) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _quads(store: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(store)))


def _files(item: Path) -> list[Path]:
    return sorted(item.glob("part-*.nq.gz")) if item.is_dir() else [item]


def bench(item: Path, folder: Path, repeat: int) -> list[dict]:
    """Both loaders on ``item``, ``repeat`` times each, alternating (a load elsewhere on the machine
    then slows both); the medians of wall and CPU seconds."""
    from kg.store import oxigraph_binary

    commands = {
        "kg load": lambda store: [str(BIN / "kg"), "load", str(item) + ("/" if item.is_dir() else ""), "--store",
                                  str(store), "-q"],
        "oxigraph load": lambda store: [oxigraph_binary(), "load", "--location", str(store), "--file",
                                        *map(str, _files(item))],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    triples: dict[str, int] = {}
    for run in range(repeat):
        for name, command in commands.items():
            store = folder / f"{name.split()[0]}-{item.name}-{run}"
            times[name].append(_timed(command(store)))
            triples[name] = _quads(store)
            shutil.rmtree(store)
    return [{"input": item.name, "loader": name, "seconds": statistics.median(w for w, _ in runs),
             "cpu": statistics.median(c for _, c in runs), "walls": [w for w, _ in runs], "triples": triples[name]}
            for name, runs in times.items()]


def _export(limit: int, folder: Path) -> list[Path]:
    lines = DEFAULT_CORPUS.read_text(encoding="utf-8").splitlines()[:limit]
    corpus = folder / f"corpus-{limit}.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    single, shards = folder / f"corpus-{limit}.nq", folder / f"corpus-{limit}-shards"
    subprocess.run([str(BIN / "kg"), "export", str(corpus), "-f", "nquads", "-o", str(single), "-q"], check=True)
    subprocess.run([str(BIN / "kg"), "export", str(corpus), "--cluster", "local:2", "--articles-per-shard",
                    str(max(1, limit // 8)), "-o", f"{shards}/", "-q"], check=True)
    return [single, shards]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="an N-Quads export and/or a folder of shards")
    parser.add_argument("--limit", type=int, default=None, help="export the first N corpus articles and load those")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each loader (medians are shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.inputs or _export(args.limit or 100, Path(tmp))
        rows = [row for item in inputs for row in bench(item, Path(tmp), max(1, args.repeat))]
    # Wall seconds decide the target; CPU seconds (all threads: oxigraph's loader parses in parallel)
    # swing far less when others share the machine.
    print(f"{'input':<28} {'loader':<14} {'wall s':>7} {'CPU s':>7} {'triples':>10} {'triples/s':>11} "
          f"{'kg / oxigraph':>14}  wall s of each run")
    for i, row in enumerate(rows):
        rate = row["triples"] / row["seconds"]
        ratio = ""
        if row["loader"] == "kg load":
            ox_row = rows[i + 1]
            ratio = f"{rate / (ox_row['triples'] / ox_row['seconds']):.2f}"
        print(f"{row['input']:<28} {row['loader']:<14} {row['seconds']:>7.2f} {row['cpu']:>7.2f} {row['triples']:>10,} "
              f"{rate:>11,.0f} {ratio:>14}  " + " ".join(f"{w:.2f}" for w in row["walls"]))


if __name__ == "__main__":
    main()
