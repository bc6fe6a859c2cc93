"""Store benchmark (not a test): load a corpus's graph into the embedded store and into an
``oxigraph serve`` over HTTP, then time each pack query.

    .venv/bin/python bench/bench_store.py                       # exports ../shared/corpus/polnear-train.jsonl first
    .venv/bin/python bench/bench_store.py --nq corpus.nq        # reuse an export
    .venv/bin/python bench/bench_store.py --runs 7

Prints triples per second for each load (first load, then a reload that replaces every graph) and
the median latency of each pack query on both stores (the embedded store on disk, as users run it).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.store import (EmbeddedStore, RemoteStore, endpoint_from, graphs_from_rdf_file, load,  # noqa: E402
                      oxigraph_binary, query_pack, run_query)

CORPUS = ROOT.parent / "shared" / "corpus" / "polnear-train.jsonl"


def export_corpus(corpus: Path, out: Path) -> None:
    kg = Path(sys.executable).parent / "kg"
    start = time.perf_counter()
    subprocess.run([str(kg), "export", str(corpus), "--format", "nquads", "--output", str(out), "--no-validate", "-q"],
                   check=True)
    print(f"exported {corpus.name} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def start_server(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("oxigraph server did not start")


def timed_load(store, graphs) -> tuple[int, float]:
    report = load(store, graphs)
    return report.triples, report.seconds


def median_ms(store, text: str, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(run_query(store, text).rows)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nq", type=Path, help="an N-Quads export to load (default: export the corpus first)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        tmp = Path(tmp)
        nq = args.nq or tmp / "corpus.nq"
        if args.nq is None:
            export_corpus(args.corpus, nq)
        start = time.perf_counter()
        graphs = graphs_from_rdf_file(nq)
        parse_s = time.perf_counter() - start
        total = sum(len(g.triples) for g in graphs)
        print(f"{nq.name}: {len(graphs)} graphs, {total} triples, parsed in {parse_s:.1f} s\n")

        embedded = EmbeddedStore(tmp / "store")
        process, url = start_server(tmp / "server")
        remote = RemoteStore(endpoint_from(url))
        try:
            rows = []
            for name, store in (("embedded", embedded), ("HTTP (oxigraph serve)", remote)):
                for kind in ("first load", "reload (replace)"):
                    triples, seconds = timed_load(store, graphs)
                    rows.append((f"{name}, {kind}", f"{triples}", f"{seconds:.1f} s", f"{triples / seconds:,.0f}"))
            print("| load | triples | time | triples/s |\n|---|---:|---:|---:|")
            for row in rows:
                print("| " + " | ".join(row) + " |")
            print(f"\n| pack query (median of {args.runs}) | rows | embedded (disk) | HTTP |\n|---|---:|---:|---:|")
            for q in query_pack():
                text = q.path.read_text(encoding="utf-8")
                e_ms, n = median_ms(embedded, text, args.runs)
                r_ms, _ = median_ms(remote, text, args.runs)
                print(f"| {q.name} | {n} | {e_ms:.0f} ms | {r_ms:.0f} ms |")
        finally:
            process.terminate()
            process.wait(timeout=10)
            embedded.close()


if __name__ == "__main__":
    main()
