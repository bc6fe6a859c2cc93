"""``kg export --cluster``: shards planned from the input alone, exported on a real Dask scheduler with
two worker processes on 127.0.0.1 and on ``local:2``; their quads are those of ``kg export --jobs 1``."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, run_kg
from kg.articles import folder_files
from kg.cluster import Piece, plan_shards
from kg.vocab import ONTOLOGY_IRI

BIN = Path(sys.executable).parent
PER_SHARD = 3
NAMES = [("Ingrid Halvorsen", "Norway"), ("Tomás Reis", "Portugal"), ("Marta Coelho", "Portugal"),
         ("Sergey Lavrov", "Russia"), ("Erik Halvorsen", "Norway"), ("Asaad Al Shibani", "Syria")]


def _record(i: int, article_id: str | None = None) -> str:
    (name, country), (other, _) = NAMES[i % len(NAMES)], NAMES[(i + 1) % len(NAMES)]
    text = (f"{name}, the foreign minister of {country}, met {other} in Lisbon on Tuesday. "
            f"\"We agreed to meet again in June,\" {name} told reporters after the talks.")
    return json.dumps({"id": article_id or f"gen-{i}", "date": "2026-03-12", "text": text}, ensure_ascii=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """examples/ and a JSONL file with a blank line, a bad line and an id that an earlier shard has."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [_record(i) for i in range(6)]
    lines.insert(2, "")
    lines.insert(4, "{not json")
    lines.append(_record(7, article_id="gen-1"))  # a duplicate of line 2, in a later shard
    (folder / "generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(EXAMPLES), str(folder / "generated.jsonl")]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """``kg export --jobs 1`` of the corpus into one N-Quads file: its sorted lines and problems."""
    out = tmp_path_factory.mktemp("reference") / "all.nq"
    result = run_kg("export", *corpus, "--format", "nquads", "--output", out, "--jobs", "1")
    return {"file": out, "lines": sorted(out.read_bytes().splitlines()), "code": result.exit_code,
            "output": result.output}


def _shard_lines(folder: Path) -> list[bytes]:
    return sorted(line for p in sorted(folder.glob("part-*.nq.gz")) for line in gzip.decompress(p.read_bytes()).splitlines())


def _export(corpus, output: Path, cluster: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([BIN / "kg", "export", *corpus, "--cluster", cluster, "--articles-per-shard", str(PER_SHARD),
                             "--output", f"{output}/"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _finished(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"kg export --cluster did not finish: {err[-2000:]}")
    return process.returncode, err


# ---------------------------------------------------------------- a real scheduler and two workers


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes (one thread each) on 127.0.0.1, on free
    ports chosen by the scheduler itself; stopped at teardown."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    common = {"cwd": folder, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen([BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", address_file], **common)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() or not address_file.read_text().strip():
            assert processes[0].poll() is None and time.monotonic() < deadline, "the dask scheduler did not start"
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        for _ in range(2):
            processes.append(subprocess.Popen([BIN / "dask", "worker", address, "--nthreads", "1", "--nworkers", "1",
                                               "--host", "127.0.0.1", "--no-dashboard", "--death-timeout", "60"], **common))
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def tcp_export(corpus, scheduler, tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("tcp") / "shards"
    code, err = _finished(_export(corpus, output, scheduler))
    return {"folder": output, "code": code, "err": err}


def test_shards_on_a_scheduler_and_two_workers_hold_the_quads_of_kg_export_jobs_1(tcp_export, reference):
    assert reference["code"] == 1  # the bad line and the duplicate id fail, the rest is exported
    assert tcp_export["code"] == reference["code"], tcp_export["err"]
    assert len(reference["lines"]) > 1000
    assert _shard_lines(tcp_export["folder"]) == reference["lines"]


def test_the_cluster_reports_the_failed_articles_as_kg_export_does(tcp_export, reference):
    expected = {line for line in reference["output"].splitlines() if "generated.jsonl:" in line}
    assert any("duplicate article id 'gen-1'" in line for line in expected)
    assert any("invalid JSON" in line for line in expected)
    printed = {line for line in tcp_export["err"].splitlines() if "generated.jsonl:" in line}
    assert printed == expected
    manifest = json.loads((tcp_export["folder"] / "_manifest.json").read_text())
    in_manifest = {f"{f['source']}: {f['reason']}" for shard in manifest["shards"] for f in shard["failed"]}
    assert in_manifest == expected


def test_the_manifest_matches_the_shards(tcp_export):
    folder = tcp_export["folder"]
    manifest = json.loads((folder / "_manifest.json").read_text())
    names = [shard["name"] for shard in manifest["shards"]]
    assert names == [f"part-{i:05d}.nq.gz" for i in range(len(names))]
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("_")) == names  # no temporary files left
    for shard in manifest["shards"]:
        data = (folder / shard["name"]).read_bytes()
        lines = gzip.decompress(data).splitlines()
        assert shard["sha256"] == hashlib.sha256(data).hexdigest()
        assert shard["bytes"] == len(data)
        assert shard["quads"] == len(lines)
        assert shard["articles"] == len({line.rsplit(b" ", 2)[1] for line in lines})
        assert shard["articles"] + len(shard["failed"]) <= PER_SHARD
    assert manifest["articles"] == sum(s["articles"] for s in manifest["shards"])
    assert manifest["quads"] == sum(s["quads"] for s in manifest["shards"])


def test_each_worker_loaded_the_model_once(tcp_export, scheduler):
    from distributed import Client

    from kg.cluster import model_loads

    with Client(scheduler, timeout="30s") as client:
        loads = client.run(model_loads)
    assert sorted(loads.values()) == [1, 1], loads


def test_a_worker_killed_mid_run_still_gives_complete_identical_shards(corpus, scheduler, tcp_export, tmp_path):
    from distributed import Client

    output = tmp_path / "shards"
    with Client(scheduler, timeout="30s") as client:
        pids = client.run(os.getpid)
        process = _export(corpus, output, scheduler)
        victim = None
        deadline = time.monotonic() + 120
        while victim is None and time.monotonic() < deadline and process.poll() is None:
            busy = [worker for worker, keys in client.processing().items() if keys]
            victim = busy[0] if busy else None
            time.sleep(0.02)
        assert victim is not None, "no worker ever held a task"
        os.kill(pids[victim], signal.SIGKILL)
        assert process.poll() is None, "the export finished before the worker could be killed"
        code, err = _finished(process)
        client.wait_for_workers(2, timeout=90)  # its nanny starts it again, for the tests after this one
    assert code == tcp_export["code"], err
    assert _shard_lines(output) == _shard_lines(tcp_export["folder"])
    for shard in sorted(tcp_export["folder"].glob("part-*")):
        assert (output / shard.name).read_bytes() == shard.read_bytes()
    assert (output / "_manifest.json").read_bytes() == (tcp_export["folder"] / "_manifest.json").read_bytes()
    assert not [p for p in output.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- local:2, the shards loaded


def test_local_cluster_of_two_gives_the_same_shards_and_loads_the_model_once_per_worker(corpus, tcp_export, tmp_path):
    output = tmp_path / "shards"
    code, err = _finished(_export(corpus, output, "local:2"))
    assert code == tcp_export["code"], err
    for shard in sorted(tcp_export["folder"].glob("part-*")):
        assert (output / shard.name).read_bytes() == shard.read_bytes()
    assert (output / "_manifest.json").read_bytes() == (tcp_export["folder"] / "_manifest.json").read_bytes()
    assert "on 2 worker(s) (model loads per worker: 1, 1)" in err


def test_shards_run_largest_first_one_at_a_time_on_a_local_worker(tmp_path):
    # One worker taking one shard at a time runs them in the order the scheduler hands them out:
    # largest input first, whatever their place in the input, so the last shards of a run are short.
    from kg.cluster import _run_shards, connect
    from kg.settings import Settings

    sentence = "Tomás Reis met Ingrid Halvorsen in Oslo on Tuesday. "
    lengths = [1, 6, 3, 9, 2]  # sentences per article, in input order; each article is one shard
    path = tmp_path / "sizes.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "date": "2026-03-12", "text": sentence * n}) + "\n"
                            for i, n in enumerate(lengths)), encoding="utf-8")
    plan = plan_shards([path], 1)
    with connect("local:1") as client:
        ran = [result["index"] for result in _run_shards(client, plan.shards, {}, Settings(), str(tmp_path / "out"))]
    assert ran == [3, 1, 2, 4, 0]
    assert sorted(p.name for p in (tmp_path / "out").glob("part-*.nq.gz")) == [s.name for s in plan.shards]


def _article_quads(store_path) -> set[str]:
    store = ox.Store.read_only(str(store_path))
    return {str(q) for q in store if q.graph_name != ox.NamedNode(ONTOLOGY_IRI)}


def test_kg_load_of_the_shard_folder_equals_loading_the_single_file_export(tcp_export, reference, tmp_path):
    assert run_kg("load", reference["file"], "--store", tmp_path / "single", "-q").exit_code == 0
    result = run_kg("load", f"{tcp_export['folder']}/", "--store", tmp_path / "shards")
    assert result.exit_code == 0, result.output
    assert _article_quads(tmp_path / "shards") == _article_quads(tmp_path / "single")


def test_shards_concatenated_with_cat_parse_as_the_whole_export(tcp_export, reference, tmp_path):
    joined = tmp_path / "all.nq.gz"
    with joined.open("wb") as out:
        subprocess.run(["cat", *sorted(tcp_export["folder"].glob("part-*.nq.gz"))], stdout=out, check=True)
    with gzip.open(joined) as data:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert sorted(f"{q} .".encode() for q in quads) == reference["lines"]


# ---------------------------------------------------------------- planning, in the client alone


def test_shards_depend_only_on_the_input_and_articles_per_shard(corpus):
    first, again = plan_shards(corpus, 2), plan_shards(corpus, 2)
    assert first == again
    assert [s.articles for s in first.shards[:-1]] == [2] * (len(first.shards) - 1)
    assert [s.articles for s in plan_shards(corpus, 3).shards] == [3, 3, 3, 2]  # 3 examples + 8 JSONL lines


def test_jsonl_pieces_are_whole_lines_that_cover_the_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([_record(0), "", _record(1), _record(2), "  ", _record(3), _record(4)]) + "\n\n")
    plan = plan_shards([path], 2)
    pieces = [piece for shard in plan.shards for piece in shard.pieces]
    data = path.read_bytes()
    assert b"".join(data[p.start:p.end] for p in pieces) == data
    assert all(p.start == 0 or data[p.start - 1:p.start] == b"\n" for p in pieces)
    assert [p.first_line for p in pieces] == [1, 4, 7]
    assert [s.articles for s in plan.shards] == [2, 2, 1]
    assert not any(p.whole for p in pieces)


def test_a_file_that_fits_in_one_shard_is_one_whole_piece(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(_record(0) + "\n")
    (shard,) = plan_shards([path, EXAMPLES], 10).shards
    assert shard.pieces[0] == Piece(str(path), 0, path.stat().st_size, 1, True)
    assert [p.source for p in shard.pieces[1:]] == [str(p) for p in folder_files(EXAMPLES)]


def test_inputs_that_hold_no_article_fail_with_kg_exports_messages(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.md").write_text("x")
    plan = plan_shards([tmp_path / "missing.jsonl", tmp_path / "empty", tmp_path / "notes.md"], 5)
    assert plan.shards == []
    assert [str(e) for e in plan.failed] == [
        f"{tmp_path / 'missing.jsonl'}: no such file or folder",
        f"{tmp_path / 'empty'}: folder holds no .txt, .json or .jsonl files",
        f"{tmp_path / 'notes.md'}: unsupported file type '.md': use .txt, .json or .jsonl",
    ]


@pytest.mark.parametrize("args, message", [
    (["-o", "out.nq"], "--cluster writes shards to a folder"),
    (["-o", "-"], "--cluster writes shards to a folder"),
    (["-o", "shards/", "-f", "turtle"], "--cluster writes N-Quads shards"),
    (["-o", "shards/", "--jobs", "2"], "the cluster's workers are the processes"),
    (["-o", "shards/", "--cluster", "local:0"], "give at least one worker"),
    (["-o", "shards/", "--cluster", "nowhere"], "give local:N or a scheduler address"),
])
def test_options_that_cannot_run_on_a_cluster_are_one_line_and_exit_2(tmp_path, args, message):
    cluster = [] if "--cluster" in args else ["--cluster", "local:1"]
    result = run_kg("export", EXAMPLES, *cluster, *[str(tmp_path / a) if a.endswith("/") else a for a in args])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_client_plans_and_runs_shards_without_importing_spacy():
    # The client holds no model: its memory is what a driver needs, the workers hold the models.
    code = ("import sys, kg.cluster, kg.cli.export_commands; kg.cluster.plan_shards([sys.argv[1]], 2); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
