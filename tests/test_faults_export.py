"""kg export killed at random points (SIGKILL, SIGTERM): output absent or whole, reruns byte-identical.

Each run is a real process, forked from a server that loaded kg and the spaCy model once (so a
kill costs a fork, not a model load); the test kills it with a real signal at a delay drawn from a
fixed seed, then looks at what is on disk.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from fork_server import ForkServer, kill_at_random_points


@pytest.fixture(scope="module")
def server():
    server = ForkServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two example articles and a few short ones: small, but several articles and several writes."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("lisbon-talks.txt", "oslo-follow-up.json"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    rng = random.Random(5)
    people = ["Angela Merkel", "Olaf Scholz", "Tomás Reis", "Ingrid Halvorsen", "Sergey Lavrov"]
    with open(folder / "short.jsonl", "w", encoding="utf-8") as out:
        for i in range(8):
            a, b = rng.sample(people, 2)
            out.write(json.dumps({"id": f"Short-{i}", "date": "2025-03-0%d" % (1 + i % 9),
                                  "text": f"{a} met {b} in Lisbon on Tuesday. \"We agreed,\" {a} said."}) + "\n")
    return folder


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".kg-export.*"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def test_kill_9_during_a_one_file_export_leaves_it_absent_or_whole(server, corpus, tmp_path):
    def args_for(target: Path):
        return ["export", corpus, "-o", target / "all.ttl", "-q"]

    def check(reference: Path, target: Path, whole: bool = False):
        out = target / "all.ttl"
        if whole or out.exists():
            assert out.read_bytes() == (reference / "all.ttl").read_bytes()
        if whole:
            assert _temp_files(target) == []  # what the killed run left, the rerun removed

    outcomes = kill_at_random_points(server, tmp_path, args_for, check)
    assert -signal.SIGKILL in outcomes  # the kills did land mid-run


def test_kill_9_during_a_folder_export_leaves_each_file_absent_or_whole(server, corpus, tmp_path):
    def args_for(target: Path):
        return ["export", corpus, "-o", target / "out", "-f", "nquads", "-q"]

    def check(reference: Path, target: Path, whole: bool = False):
        expected = _files(reference / "out")
        written = _files(target / "out") if (target / "out").exists() else {}
        assert all(data == expected[name] for name, data in written.items())
        if whole:
            assert written == expected and _temp_files(target / "out") == []

    outcomes = kill_at_random_points(server, tmp_path, args_for, check)
    assert -signal.SIGKILL in outcomes


def _started_spool(folder: Path, pid: int, deadline_s: float = 120.0) -> Path:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        spools = [p for p in _temp_files(folder) if f"-{pid}." in p.name]
        if spools:
            return spools[0]
        time.sleep(0.005)
    raise AssertionError("the export never opened its spool")


def test_a_spool_left_by_kill_9_is_removed_by_the_next_export(server, corpus, tmp_path):
    out = tmp_path / "all.nq"
    args = ["export", corpus, "-f", "nquads", "-o", out, "-q"]
    pid = server.start(args, tmp_path / "killed.log")
    spool = _started_spool(tmp_path, pid)
    os.kill(pid, signal.SIGKILL)
    assert server.reap(pid) == -signal.SIGKILL
    assert spool.exists() and not out.exists()  # nothing could clean up after SIGKILL
    assert server.run(args, tmp_path / "rerun.log") == 0
    assert not spool.exists() and _temp_files(tmp_path) == [] and out.exists()


def test_sigterm_removes_the_spool_on_the_way_out(server, corpus, tmp_path):
    out = tmp_path / "all.ttl"
    pid = server.start(["export", corpus, "-o", out, "-q"], tmp_path / "terminated.log")
    spool = _started_spool(tmp_path, pid)
    os.kill(pid, signal.SIGTERM)
    assert server.reap(pid) == 128 + signal.SIGTERM
    assert not spool.exists() and _temp_files(tmp_path) == [] and not out.exists()
    assert "Traceback" not in (tmp_path / "terminated.log").read_text()


def test_stale_temp_files_of_running_processes_and_other_hosts_stay(tmp_path):
    from kg.serialize import remove_stale_temp_files, temp_file

    fd, mine = temp_file(tmp_path, ".nq.tmp")
    os.close(fd)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host_and_pid = Path(mine).name.split(".")[2]  # .kg-export.HOST-PID.RANDOM.nq.tmp
    host = host_and_pid.rsplit("-", 1)[0]
    stale = tmp_path / f".kg-export.{host}-{dead.stdout.strip()}.abc.nq.tmp"
    other_host = tmp_path / f".kg-export.elsewhere-{dead.stdout.strip()}.abc.nq.tmp"
    old_style = tmp_path / ".kg-export.k2j4h5_x.nq.tmp"
    for path in (stale, other_host, old_style):
        path.write_bytes(b"")
    assert remove_stale_temp_files(tmp_path) == [stale]
    assert sorted(_temp_files(tmp_path)) == sorted([Path(mine), other_host, old_style])
