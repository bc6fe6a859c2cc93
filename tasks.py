#!/usr/bin/env python3
"""Set up and run kg with nothing but Python 3.11: ``python3 tasks.py example`` or ``python3 tasks.py test``.

setup    make .venv and install the hash-pinned lock files (again only when they change)
example  setup, export examples/ to out/, load them into out/store and ask the query pack
test     setup, then run the test suite (extra arguments go to pytest)
bench    setup, then run the benchmarks in bench/ (they print tables; not tests)
screenshot  setup, load examples/ into a fresh store, build its view and photograph the seed article
         with headless Chromium into docs/view-article.png (the README's picture)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# The cluster extra (Dask distributed) is installed too: its tests run in CI like the rest.
LOCKS = ["requirements.lock", "requirements-test.lock", "requirements-cluster.lock"]


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"kg needs Python 3.11 or newer, this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".kg-installed"
    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in [*LOCKS, "pyproject.toml"])).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    pip = [BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(*pip, "--require-hashes", *[a for name in LOCKS for a in ("-r", name)])
    run(*pip, "--no-deps", "--no-build-isolation", "-e", ".")
    stamp.write_text(digest)


def example() -> None:
    setup()
    kg = BIN / "kg"
    run(kg, "export", "examples/", "--output", "out/")
    run(kg, "load", "examples/", "--store", "out/store")
    run(kg, "query", "meetings", "--store", "out/store")


def test(args: list[str]) -> None:
    setup()
    os.chdir(ROOT)
    code = subprocess.run([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT).returncode
    sys.exit(code)


def screenshot() -> None:
    import tempfile

    setup()
    kg = BIN / "kg"
    with tempfile.TemporaryDirectory(prefix="kg-screenshot-") as tmp:
        run(kg, "load", "examples/", "--store", f"{tmp}/store", "--quiet")
        run(kg, "view", "--store", f"{tmp}/store", "--output", f"{tmp}/site")
        page = next(Path(tmp, "site", "article").glob("seed-article-*.html"))
        run(BIN / "python", "-m", "kg.view.browser", page.as_uri(), ROOT / "docs" / "view-article.png", "1280", "860")


def bench(args: list[str]) -> None:
    setup()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        run(BIN / "python", script, *args)


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "setup":
        setup()
    elif command == "example":
        example()
    elif command == "test":
        test(rest)
    elif command == "bench":
        bench(rest)
    elif command == "screenshot":
        screenshot()
    else:
        sys.exit(__doc__)
