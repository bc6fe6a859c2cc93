#!/usr/bin/env python3
"""Benchmark: ``kg load`` of an export into a fresh store against ``oxigraph load`` of the same files.

    .venv/bin/python bench/bench_load.py EXPORT.nq [SHARDS_DIR/]
    .venv/bin/python bench/bench_load.py --limit 100      # export the first 100 corpus articles first

For each input: ``kg load INPUT --store FRESH`` and ``oxigraph load --location FRESH --file FILE...``
(the shards of a folder all given, which it loads in parallel), each the real CLI in a fresh process,
timed wall to wall, on the same machine in the same run. Triples are the store's quads after the
load (kg adds the ontology's graph; it is counted). Target (issue 15): kg ≥ 0.8× oxigraph's triples/s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-train.jsonl"


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _quads(store: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(store)))


def _files(item: Path) -> list[Path]:
    return sorted(item.glob("part-*.nq.gz")) if item.is_dir() else [item]


def bench(item: Path, folder: Path) -> list[dict]:
    from kg.store import oxigraph_binary

    rows = []
    kg_store, ox_store = folder / f"kg-{item.name}", folder / f"ox-{item.name}"
    kg_s = _timed([str(BIN / "kg"), "load", str(item) + ("/" if item.is_dir() else ""), "--store", str(kg_store), "-q"])
    rows.append({"input": item.name, "loader": "kg load", "seconds": kg_s, "triples": _quads(kg_store)})
    ox_s = _timed([oxigraph_binary(), "load", "--location", str(ox_store), "--file", *map(str, _files(item))])
    rows.append({"input": item.name, "loader": "oxigraph load", "seconds": ox_s, "triples": _quads(ox_store)})
    return rows


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.inputs or _export(args.limit or 100, Path(tmp))
        rows = [row for item in inputs for row in bench(item, Path(tmp))]
    print(f"{'input':<28} {'loader':<14} {'seconds':>8} {'triples':>10} {'triples/s':>11} {'kg / oxigraph':>14}")
    for i, row in enumerate(rows):
        rate = row["triples"] / row["seconds"]
        ratio = ""
        if row["loader"] == "kg load":
            ox_row = rows[i + 1]
            ratio = f"{rate / (ox_row['triples'] / ox_row['seconds']):.2f}"
        print(f"{row['input']:<28} {row['loader']:<14} {row['seconds']:>8.2f} {row['triples']:>10,} {rate:>11,.0f} {ratio:>14}")


if __name__ == "__main__":
    main()
