"""``kg serve``: finding the oxigraph server binary and the command line that serves a store."""

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


def serve_command(store: str | Path, port: int, union_default_graph: bool = True) -> list[str]:
    """The command line that serves ``store`` on 127.0.0.1:``port``. The default graph is the union
    of the article graphs, as for ``kg query`` on the embedded store, so ad-hoc queries need no GRAPH."""
    command = [oxigraph_binary(), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    return command
