"""Query benchmark (not a test): every pack query on an on-disk embedded store, with a parameter
naming one entity and without parameters, at two store sizes.

    .venv/bin/python bench/bench_queries.py --nq /tmp/names-p840.nq            # 1x and 4x stores
    .venv/bin/python bench/bench_queries.py --nq corpus.nq --runs 9 --no-scale

Process start is excluded: the stores are opened once, each query runs once to warm the caches,
then --runs times; the table shows the median. A timed run is what ``kg query`` does after opening
the store: the entity parameter looked up in the name index, then the query (kg.store.run_query).
The 4x store holds the export four times, each copy under another base IRI (the N-Quads text with
the base replaced, which is what ``kg export --base`` would write for the same articles), so every
entity and article exists four times over: a name finds the entity of each copy (4x the rows), an
IRI finds the one entity of the first copy (the rows of the 1x store). A role parameter becomes the
store's titles it is part of (the same titles in both stores: the 4x store has four times their roles). Each store is bulk-loaded,
then its identity and names graphs are built as ``kg load`` builds them (the seconds are printed).
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

import pyoxigraph as ox  # noqa: E402

from kg.graph import DEFAULT_BASE  # noqa: E402
from kg.store import EmbeddedStore, load, parse_param, query_pack, run_query  # noqa: E402
from kg.store.identity import refresh_identity  # noqa: E402

# the parameters of each query: the names issue 15 quotes on the polnear corpus, and the IRI of the
# canonical node they stand for (one entity, also in the 4x store)
OBAMA, CLINTON = f"<{DEFAULT_BASE}person/barack-obama>", f"<{DEFAULT_BASE}person/hillary-clinton>"
NAMED = {"statements-by": ["person=Obama", "person=Barack Obama", f"person={OBAMA}"],
         "provenance": ["entity=Obama", "entity=Barack Obama", f"entity={OBAMA}"],
         "timeline": ["entity=Clinton", "entity=Hillary Clinton", f"entity={CLINTON}"],
         "meetings": ["person=Obama", "person=Barack Obama", f"person={OBAMA}"],
         "statements-at-meeting": ["person=Obama", "person=Barack Obama", f"person={OBAMA}"],
         "people-by-role": ["role=president", "role=minister"]}


def build_store(nq: Path, copies: int, folder: Path) -> EmbeddedStore:
    """The export ``copies`` times, bulk-loaded, with the identity and names graphs kg load writes."""
    store = EmbeddedStore(folder)
    text = nq.read_text(encoding="utf-8")
    for copy in range(copies):
        part = folder.parent / f"{folder.name}-copy{copy}{nq.suffix}"
        part.write_text(text if copy == 0 else text.replace(DEFAULT_BASE, f"{DEFAULT_BASE.rstrip('/')}{copy}/"),
                        encoding="utf-8")
        store.store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
        part.unlink()
    load(store, [], with_ontology=True)
    start = time.perf_counter()
    refresh_identity(store, DEFAULT_BASE)
    print(f"{copies}x store: {len(store.store):,} quads; identity and names graphs built in "
          f"{time.perf_counter() - start:.1f} s", flush=True)
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
    parser.add_argument("--only", nargs="*", default=None, metavar="QUERY", help="only these pack queries")
    parser.add_argument("--stores", type=Path, help="keep the stores in this folder, and reuse the ones a "
                        "previous run left there (built from the same --nq)")
    args = parser.parse_args()
    sizes = [1] if args.no_scale else [1, 4]
    with tempfile.TemporaryDirectory(prefix="kg-bench-queries-") as tmp:
        folder = args.stores or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        stores = {n: EmbeddedStore(folder / f"store{n}x") if (folder / f"store{n}x" / "CURRENT").exists()
                  else build_store(args.nq, n, folder / f"store{n}x") for n in sizes}
        print(f"{'query':22} {'parameter':32}" + "".join(f" {f'{n}x ms':>9} {f'{n}x rows':>9}" for n in sizes)
              + (f" {'ms/1k rows':>10}" if sizes else ""))
        for q in query_pack():
            if args.only is not None and q.name not in args.only:
                continue
            text = q.path.read_text(encoding="utf-8")
            for param in NAMED.get(q.name, []) + [None]:
                params = dict([parse_param(param)]) if param else {}
                cells, per_rows = [], ""
                for n in sizes:
                    seconds, rows = timed(stores[n], text, params, args.runs)
                    cells.append(f" {seconds * 1000:9.1f} {rows:9d}")
                    per_rows = f" {seconds * 1e6 / rows:10.1f}" if rows and not param else ""
                shown = (param or "(none)").replace(DEFAULT_BASE, ":")
                print(f"{q.name:22} {shown:32}" + "".join(cells) + per_rows, flush=True)
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    main()
