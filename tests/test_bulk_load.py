"""``kg load`` of shard folders, ``.nq.gz`` and N-Quads files: the bulk loader into a fresh store,
graph by graph into one that already holds articles, and the same store content either way."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import defaultdict

import pyoxigraph as ox
import pytest

from conftest import ROOT, run_kg
from kg.graph import DEFAULT_BASE
from kg.store import EmbeddedStore
from kg.store.bulk import _holds_no_article
from kg.vocab import ONTOLOGY_IRI

FIXTURE = ROOT / "tests" / "data" / "store-fixture.trig"


def _article_quads(path) -> set[str]:
    """Every quad of the article graphs: not the ontology graph (whose blank nodes differ from load to
    load), nor the identity graph and name index that kg load derives from the articles."""
    store = ox.Store.read_only(str(path))
    derived = {ox.NamedNode(ONTOLOGY_IRI), ox.NamedNode(DEFAULT_BASE + "identity"), ox.NamedNode(DEFAULT_BASE + "names")}
    return {str(q) for q in store if q.graph_name not in derived}


def _fixture_graphs() -> dict[str, list[bytes]]:
    """The fixture's N-Quads lines by graph, in the order kg writes them (sorted per graph)."""
    by_graph = defaultdict(list)
    for quad in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG):
        by_graph[str(quad.graph_name)].append(f"{quad} .\n".encode())
    return {g: sorted(lines) for g, lines in sorted(by_graph.items())}


def _shard_folder(folder, graphs_per_shard: int = 1):
    """A folder as kg export --cluster leaves it: gzipped N-Quads shards and a manifest."""
    folder.mkdir()
    graphs = list(_fixture_graphs().values())
    entries = []
    for i in range(0, len(graphs), graphs_per_shard):
        name = f"part-{i // graphs_per_shard:05d}.nq.gz"
        lines = [line for graph in graphs[i:i + graphs_per_shard] for line in graph]
        data = gzip.compress(b"".join(lines), mtime=0)
        (folder / name).write_bytes(data)
        entries.append({"name": name, "articles": len(graphs[i:i + graphs_per_shard]), "quads": len(lines),
                        "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "failed": []})
    (folder / "_manifest.json").write_text(json.dumps({"kg_manifest": 1, "shards": entries}))
    return folder


@pytest.fixture()
def shards(tmp_path):
    return _shard_folder(tmp_path / "shards")


def test_the_fixture_has_several_article_graphs_to_shard():
    assert len(_fixture_graphs()) >= 2


def test_a_shard_folder_bulk_loaded_equals_the_single_file_loaded(tmp_path, shards):
    single = tmp_path / "all.nq"
    single.write_bytes(b"".join(line for g in _fixture_graphs().values() for line in g))
    assert run_kg("load", single, "--store", tmp_path / "a", "-q").exit_code == 0
    result = run_kg("load", shards, "--store", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert "loaded 2 graph(s)" in result.output
    assert _article_quads(tmp_path / "b") == _article_quads(tmp_path / "a")
    assert len(_article_quads(tmp_path / "b")) == sum(map(len, _fixture_graphs().values()))


def test_the_bulk_path_and_the_graph_by_graph_path_give_the_same_store(tmp_path, shards):
    assert run_kg("load", shards, "--store", tmp_path / "bulk", "-q").exit_code == 0
    assert run_kg("load", FIXTURE, "--store", tmp_path / "graphs", "-q").exit_code == 0
    assert _article_quads(tmp_path / "bulk") == _article_quads(tmp_path / "graphs")


def test_loading_the_shards_again_replaces_each_graph_and_nothing_doubles(tmp_path, shards):
    store = tmp_path / "store"
    assert run_kg("load", shards, "--store", store, "-q").exit_code == 0
    first = _article_quads(store)
    # The same export again, then a changed one: each article graph is replaced, not added to.
    assert run_kg("load", shards, "--store", store, "-q").exit_code == 0
    assert _article_quads(store) == first
    changed = tmp_path / "changed"
    changed.mkdir()
    (graph, lines), *_ = _fixture_graphs().items()
    kept = lines[: len(lines) // 2]
    (changed / "part-00000.nq.gz").write_bytes(gzip.compress(b"".join(kept)))
    assert run_kg("load", changed / "part-00000.nq.gz", "--store", store, "-q").exit_code == 0
    after = _article_quads(store)
    in_graph = {q for q in after if q.endswith(f"{graph}")}
    assert len(in_graph) == len(kept)
    assert after - in_graph == {q for q in first if not q.endswith(f"{graph}")}


def test_a_store_holding_articles_is_not_fresh_and_one_holding_only_the_ontology_is(tmp_path, shards):
    store = EmbeddedStore(tmp_path / "s")
    from kg.store import load

    load(store, [])  # the ontology only
    assert _holds_no_article(store)
    store.close()
    assert run_kg("load", shards, "--store", tmp_path / "s", "-q").exit_code == 0
    store = EmbeddedStore(tmp_path / "s")
    assert not _holds_no_article(store)
    store.close()


def test_a_shard_whose_checksum_differs_from_the_manifest_loads_nothing_and_the_others_load(tmp_path, shards):
    manifest = json.loads((shards / "_manifest.json").read_text())
    manifest["shards"][0]["sha256"] = "0" * 64
    (shards / "_manifest.json").write_text(json.dumps(manifest))
    result = run_kg("load", shards, "--store", tmp_path / "s")
    assert result.exit_code == 1
    bad = shards / manifest["shards"][0]["name"]
    assert f"{bad}: cannot load: sha256 " in result.output
    (first_graph, _), (second_graph, second_lines) = list(_fixture_graphs().items())[:2]
    quads = _article_quads(tmp_path / "s")
    assert not any(q.endswith(first_graph) for q in quads)
    assert len([q for q in quads if q.endswith(second_graph)]) == len(second_lines)


def test_a_truncated_shard_loads_nothing_of_it_and_says_so_in_one_line(tmp_path, shards):
    bad = shards / "part-00001.nq.gz"
    bad.write_bytes(bad.read_bytes()[:-30])
    manifest = json.loads((shards / "_manifest.json").read_text())
    manifest["shards"][1].pop("sha256")  # no checksum: gzip's own check must catch it
    (shards / "_manifest.json").write_text(json.dumps(manifest))
    result = run_kg("load", shards, "--store", tmp_path / "s")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if str(bad) in line]
    assert len(lines) == 1 and "cannot load" in lines[0]
    second_graph = list(_fixture_graphs())[1]
    assert not any(q.endswith(second_graph) for q in _article_quads(tmp_path / "s"))


def test_a_shard_the_manifest_lists_but_the_folder_lacks_is_reported(tmp_path, shards):
    (shards / "part-00001.nq.gz").unlink()
    result = run_kg("load", shards, "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert f"{shards / 'part-00001.nq.gz'}: missing (listed in {shards / '_manifest.json'})" in result.output


def test_shards_concatenated_with_cat_are_one_gzip_stream_that_parses(tmp_path, shards):
    joined = tmp_path / "all.nq.gz"
    joined.write_bytes(b"".join(p.read_bytes() for p in sorted(shards.glob("part-*.nq.gz"))))
    quads = list(ox.parse(gzip.decompress(joined.read_bytes()), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == sum(map(len, _fixture_graphs().values()))
    assert run_kg("load", joined, "--store", tmp_path / "s", "-q").exit_code == 0
    assert len(_article_quads(tmp_path / "s")) == len(quads)


def test_a_folder_of_shards_without_a_manifest_loads_each_file_and_warns(tmp_path, shards):
    (shards / "_manifest.json").unlink()
    result = run_kg("load", shards, "--store", tmp_path / "s")
    assert result.exit_code == 0
    assert "no _manifest.json" in result.output
    assert len(_article_quads(tmp_path / "s")) == sum(map(len, _fixture_graphs().values()))



def test_a_blank_node_label_in_two_shards_stays_two_nodes(tmp_path):
    # All the shards of an export go through one bulk-load call, as one stream; a blank node label is
    # scoped to its file, so shards that hold any are loaded one by one, as separate files would be.
    lines = [b'_:b <http://example.org/p> "one" <https://w3id.org/newskg/data/article/a> .\n',
             b'_:b <http://example.org/p> "two" <https://w3id.org/newskg/data/article/b> .\n']
    folder = tmp_path / "shards"
    folder.mkdir()
    entries = []
    for i, line in enumerate(lines):
        data = gzip.compress(line, mtime=0)
        (folder / f"part-{i:05d}.nq.gz").write_bytes(data)
        entries.append({"name": f"part-{i:05d}.nq.gz", "articles": 1, "quads": 1, "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(), "failed": []})
    (folder / "_manifest.json").write_text(json.dumps({"kg_manifest": 1, "shards": entries}))
    result = run_kg("load", folder, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    store = ox.Store.read_only(str(tmp_path / "s"))
    subjects = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode("http://example.org/p"), None, None)}
    assert len(subjects) == 2
    # the shards in one stream (one core) are refused, so that they go one by one
    from kg.store.bulk import QuadFiles, _bulk_load_shards

    one_stream = ox.Store()
    unit = QuadFiles(sorted(folder.glob("part-*.nq.gz")), {}, True)
    assert _bulk_load_shards(one_stream, unit, 1, DEFAULT_BASE) is False
    assert len(one_stream) == 0


def test_a_file_the_bulk_loader_refuses_leaves_no_identity_or_names_graph(tmp_path):
    # The identity and names graphs of a fresh store are written while the bulk loader writes the
    # file; when the loader then refuses the file (a bad last line), they must go too.
    bad = tmp_path / "bad.nq"
    bad.write_bytes(b"".join(line for g in _fixture_graphs().values() for line in g) + b"<oops> .\n")
    result = run_kg("load", bad, "--store", tmp_path / "s")
    assert result.exit_code == 2
    assert f"{bad}: cannot load" in result.output
    graphs = {g.value for g in ox.Store.read_only(str(tmp_path / "s")).named_graphs()}
    assert graphs == {ONTOLOGY_IRI}
