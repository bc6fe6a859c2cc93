"""kg runs killed at random points: a fork server that starts each run as a real process without
reloading kg and the spaCy model, and the kill-check-rerun loop of the fault suites
(tests/test_faults_export.py, tests/test_faults_load.py)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from conftest import ROOT

# Runs `kg ARGS...` in a forked child per request line {"args": [...], "log": path}; answers with the
# child's pid, and reaps it (answering its exit code) only when told, so that the pid cannot be reused
# by another process before the test has sent its signal.
FORK_SERVER = r"""
import gc, json, os, sys, tempfile
from kg.cli import app

with tempfile.TemporaryDirectory() as warm:  # one export here fills every cache the children share
    try:
        app(["export", "examples/lisbon-talks.txt", "-o", os.path.join(warm, "x.nq"), "-q"], prog_name="kg")
    except SystemExit:
        pass
gc.freeze()
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if "reap" in request:
        _, status = os.waitpid(request["reap"], 0)
        print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        code = 0
        try:
            app(request["args"], prog_name="kg")
        except SystemExit as end:
            code = end.code if isinstance(end.code, int) else 1
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 70
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    print(json.dumps({"pid": pid}), flush=True)
"""


class ForkServer:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-c", FORK_SERVER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self._answer() == {"ready": True}

    def _answer(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, "the fork server died"
        return json.loads(line)

    def _ask(self, request: dict) -> dict:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def start(self, args: list, log: Path) -> int:
        return self._ask({"args": [str(a) for a in args], "log": str(log)})["pid"]

    def reap(self, pid: int) -> int:
        return self._ask({"reap": pid})["code"]

    def run(self, args: list, log: Path) -> int:
        return self.reap(self.start(args, log))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def kill_at_random_points(server: ForkServer, tmp_path: Path, args_for: Callable[[Path], list],
                          check: Callable[..., None], seeds: Iterable[int] = range(20),
                          prepare: Callable[[Path], None] = lambda target: None,
                          on_reference: Callable[[Path], None] = lambda reference: None) -> list[int]:
    """Run once whole (the reference and its duration), then for each seed: start, kill -9 after a
    delay drawn from the seed, check what is left, rerun whole and compare with the reference.
    ``prepare(target)`` sets up what a run starts from (a store holding an earlier version, say),
    before the reference run and before each killed one; the rerun starts from what the kill left.
    ``on_reference(reference)`` sees the reference run's result before any other run starts.
    Returns each killed run's exit code (-SIGKILL when the kill landed before the run ended)."""
    reference = tmp_path / "reference"
    prepare(reference)
    start = time.monotonic()
    assert server.run(args_for(reference), tmp_path / "reference.log") == 0, (tmp_path / "reference.log").read_text()
    duration = time.monotonic() - start
    on_reference(reference)
    outcomes = []
    for seed in seeds:
        target = tmp_path / f"run-{seed}"
        prepare(target)
        pid = server.start(args_for(target), tmp_path / "killed.log")
        time.sleep(random.Random(seed).uniform(0, duration * 1.2))
        os.kill(pid, signal.SIGKILL)
        code = server.reap(pid)
        outcomes.append(code)
        check(reference, target)
        log = tmp_path / f"rerun-{seed}.log"
        assert server.run(args_for(target), log) == 0, log.read_text()
        assert "Traceback" not in log.read_text()
        check(reference, target, whole=True)
    return outcomes
