"""Query benchmark (not a test): every pack query on an on-disk embedded store, with a parameter
naming one entity and without parameters, at two store sizes.

    .venv/bin/python bench/bench_queries.py --nq /tmp/virt/p840.nq            # 1x and 4x stores
    .venv/bin/python bench/bench_queries.py --nq corpus.nq --runs 9 --no-scale

Process start is excluded: the stores are opened once, each query runs once to warm the caches,
then --runs times; the table shows the median. The 4x store holds the export four times, each copy
under another base IRI (the N-Quads text with the base replaced, which is what ``kg export --base``
would write for the same articles), so every entity and article exists four times over.
Without parameters, the table says how many rows each query returns and the time per 1,000 rows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import DEFAULT_BASE  # noqa: E402
from kg.store import EmbeddedStore, graphs_from_rdf_file, load, parse_param, query_pack, run_query  # noqa: E402

# one entity per parameterised query: the figures issue 15 quotes, on the polnear corpus
NAMED = {"statements-by": "person=Obama", "provenance": "entity=Obama", "timeline": "entity=Clinton",
         "meetings": "person=Obama", "statements-at-meeting": "person=Obama", "people-by-role": "role=president"}


def build_store(nq: Path, copies: int, folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    text = nq.read_text(encoding="utf-8")
    for copy in range(copies):
        part = folder.parent / f"{folder.name}-copy{copy}{nq.suffix}"
        part.write_text(text if copy == 0 else text.replace(DEFAULT_BASE, f"{DEFAULT_BASE.rstrip('/')}{copy}/"),
                        encoding="utf-8")
        load(store, graphs_from_rdf_file(part), with_ontology=(copy == 0))
        part.unlink()
    return store


def timed(store: EmbeddedStore, text: str, params: dict, runs: int) -> tuple[float, int]:
    """Median seconds of ``runs`` warm runs (rows read to the end), and the number of rows."""
    rows = len(run_query(store, text, params).rows)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_query(store, text, params).rows
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nq", type=Path, required=True, help="an export (kg export --format nquads; any RDF format kg writes)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-scale", action="store_true", help="only the 1x store")
    args = parser.parse_args()
    sizes = [1] if args.no_scale else [1, 4]
    with tempfile.TemporaryDirectory(prefix="kg-bench-queries-") as tmp:
        stores = {n: build_store(args.nq, n, Path(tmp) / f"store{n}x") for n in sizes}
        print(f"{'query':24} {'parameter':18}" + "".join(f" {f'{n}x ms':>9} {f'{n}x rows':>9}" for n in sizes))
        for q in query_pack():
            text = q.path.read_text(encoding="utf-8")
            for param in ([NAMED[q.name]] if q.name in NAMED else []) + [None]:
                params = dict([parse_param(param)]) if param else {}
                cells = []
                for n in sizes:
                    seconds, rows = timed(stores[n], text, params, args.runs)
                    cells.append(f" {seconds * 1000:9.1f} {rows:9d}")
                print(f"{q.name:24} {param or '(none)':18}" + "".join(cells), flush=True)
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    main()
