"""``kg serve``: the oxigraph binary, the command line that serves a store, the lock that keeps writers out."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from kg.store.errors import StoreError


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary: next to this Python (the venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("oxigraph: server binary not found next to Python or on PATH "
                         "(install it: 'cargo install oxigraph-cli' or a release from github.com/oxigraph/oxigraph)")
    return found


def serve_command(store: str | Path, port: int, union_default_graph: bool = True, writable: bool = False) -> list[str]:
    """The command line that serves ``store`` on 127.0.0.1:``port``, read-only unless ``writable``:
    any web page open in the user's browser can POST a form to /update on localhost. The default
    graph is the union of the article graphs, as for ``kg query`` on the embedded store, so ad-hoc
    queries need no GRAPH."""
    mode = "serve" if writable else "serve-read-only"
    command = [oxigraph_binary(), mode, "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    return command


def lock_for_serving(store: str | Path, writable: bool = False) -> int | None:
    """Lock ``store`` the way its writers do, before the server replaces this process, and return
    the lock's descriptor, inheritable, so that the server keeps the lock.

    A store that a ``kg load`` (or a writable server) holds is refused here in one line, instead of
    the server's Rust backtrace. Served read-only, the store must have no writer at all (oxigraph:
    reading a store that another process writes is undefined behaviour), and the read-only server
    takes no lock of its own: this one keeps ``kg load`` out for as long as it serves. The lock is
    the one RocksDB takes on the store's LOCK file (a POSIX record lock, which lasts through exec);
    shared when read-only, so that two read-only servers may share a store."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks here (Windows): the server checks for itself
        return None
    lock = Path(store) / "LOCK"
    try:
        try:
            fd = os.open(lock, os.O_RDWR)
        except PermissionError:
            if writable:
                raise
            fd = os.open(lock, os.O_RDONLY)  # a store on read-only media: a shared lock needs no more
    except FileNotFoundError:
        if Path(store).is_dir() and any(Path(store).iterdir()):
            _check_readable(store)  # says what the folder is instead: a half-made store, or no store
        raise StoreError(f"{store}: no store here (load one with 'kg load INPUT --store {store}')") from None
    except OSError as err:
        raise StoreError(f"{store}: cannot open store: {err.strerror or err}") from None
    try:
        fcntl.lockf(fd, (fcntl.LOCK_EX if writable else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreError(f"{store}: store is in use by another process (a 'kg load' on it?); "
                         "serve it when that is done") from None
    if not writable:  # a store a killed load left half-made: one line, not the read-only server's backtrace
        try:
            _check_readable(store)
        except StoreError:
            os.close(fd)
            raise
    os.set_inheritable(fd, True)
    return fd


def _check_readable(store: str | Path) -> None:
    """Open ``store`` read-only and let go: a StoreError line when it cannot be (kg/store/embedded.py)."""
    from kg.store.embedded import EmbeddedStore

    EmbeddedStore(store, read_only=True).close()
