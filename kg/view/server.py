"""``kg serve``: the view at /, a query page at /query-ui, the SPARQL endpoint at /query.

A small Python front (stdlib, threaded, loopback only) before the ``oxigraph`` server, which runs as
a child on another loopback port and stays the SPARQL endpoint: /query (and /sparql) are forwarded
to it as they come, /update and /store only when writing is enabled. Forwarding rather than
answering in Python keeps everything the oxigraph server does for clients (the SPARQL 1.1 protocol
with content negotiation, every result format, the Graph Store Protocol that ``kg load --endpoint``
uses, timeouts) and its query editor, and keeps queries in Rust; the front only adds what kg knows.
The view reads the store through the child's /query, like any client: the child owns the store
(opening it beside a writer is undefined behaviour in RocksDB), so there is one reader of the disk.
"""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from kg.view.ondemand import OnDemandView
from kg.view.render import not_found_html
from kg.view.source import EndpointSource, SourceError

FORWARDED = ("/query", "/sparql")
WRITES = ("/update", "/store")
EDITOR_FILES = ("/yasgui.min.js", "/yasgui.min.css", "/logo.svg")
START_TIMEOUT_S = 30
FORWARD_TIMEOUT_S = 300
CHUNK = 64 * 1024
PASSED_REQUEST_HEADERS = ("accept", "content-type")
PASSED_RESPONSE_HEADERS = ("content-type", "content-disposition", "location")


class ServeError(Exception):
    """The server cannot start; said in one line."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child before exec (Linux): no orphan if the front is killed
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "_Front"
    protocol_version = "HTTP/1.0"  # one request per connection: forwarded answers stream to the close

    def log_message(self, format: str, *args) -> None:  # quiet: a terminal full of GETs helps nobody
        pass

    def do_GET(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def do_PUT(self) -> None:
        self._route()

    def do_DELETE(self) -> None:
        self._route()

    def _route(self) -> None:
        path = urlsplit(self.path).path
        if path in FORWARDED:
            return self._forward()
        if path in WRITES:
            if not self.server.writable:
                return self._send(403, "text/plain; charset=utf-8", "this kg serve is read-only (start it with writing enabled)\n")
            return self._forward(changes=self.command != "GET")
        if self.command not in ("GET", "HEAD"):
            return self._send(405, "text/plain; charset=utf-8", f"{self.command} {path}: not allowed\n")
        if path in EDITOR_FILES:
            return self._forward()
        if path == "/query-ui":
            return self._send(200, "text/html; charset=utf-8", self.server.query_ui)
        try:
            found = self.server.view.page(path)
        except SourceError as err:
            return self._send(502, "text/plain; charset=utf-8", f"{err}\n")
        if found is None:
            return self._send(404, "text/html; charset=utf-8", not_found_html(path))
        self._send(200, *found)

    def _send(self, status: int, kind: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _forward(self, changes: bool = False) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in PASSED_REQUEST_HEADERS}
        request = urllib.request.Request(self.server.backend + self.path, data=body, method=self.command, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=FORWARD_TIMEOUT_S)
        except urllib.error.HTTPError as err:
            response = err
        except OSError as err:
            return self._send(502, "text/plain; charset=utf-8", f"the SPARQL server did not answer: {getattr(err, 'reason', err)}\n")
        with response:
            # before the client hears back: its next request may come (on another thread) as soon as
            # the headers are out, and must not be answered from pages of the store before the change
            if changes and response.status < 300:
                self.server.view.invalidate()
            self.send_response(response.status)
            for key, value in response.headers.items():
                if key.lower() in PASSED_RESPONSE_HEADERS:
                    self.send_header(key, value)
            self.end_headers()
            while self.command != "HEAD" and (chunk := response.read(CHUNK)):
                self.wfile.write(chunk)


class _Front(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, backend: str, view: OnDemandView, query_ui: str, writable: bool):
        super().__init__(("127.0.0.1", port), _Handler)
        self.backend, self.view, self.query_ui, self.writable = backend, view, query_ui, writable


def _query_ui() -> str:
    from kg.graph import PREFIXES
    from kg.store import query_pack
    from kg.view.queryui import PackEntry, query_ui_html

    pack = [PackEntry(q.name, q.summary, q.path.read_text(encoding="utf-8")) for q in query_pack()]
    return query_ui_html(pack, PREFIXES)


class ViewServer:
    """The front and its oxigraph child; ``with ViewServer(...) as s: s.serve_forever()``."""

    def __init__(self, store: str | Path, port: int, writable: bool = False, page_size: int = 100):
        self.store, self.port, self.writable, self.page_size = Path(store), port, writable, page_size
        self.child: subprocess.Popen | None = None
        self.front: _Front | None = None
        self.lock: int | None = None

    def start(self) -> None:
        from kg.store import StoreError, lock_for_serving, serve_command

        if not self.store.is_dir():
            raise ServeError(f"{self.store}: no store here (load one with 'kg load INPUT --store {self.store}')")
        try:
            # Served read-only, this process keeps the store's lock (shared), so that no `kg load`
            # writes beside the reading child; served writable, the child takes the store's own lock,
            # so this one only checks that nobody holds it and lets go.
            self.lock = lock_for_serving(self.store, self.writable)
            if self.writable and self.lock is not None:
                os.close(self.lock)
                self.lock = None
            # The front's port is not bound yet: a free port for the child could be that very one.
            backend_port = free_port()
            while backend_port == self.port:
                backend_port = free_port()
            command = serve_command(self.store, backend_port, writable=self.writable)
        except StoreError as err:
            raise ServeError(str(err)) from None
        backend = f"http://127.0.0.1:{backend_port}"
        # The front listens before the child starts: a client polling the port meanwhile waits in the
        # backlog, and no other socket (not even a client's own, connecting to itself) can take it.
        try:
            self.front = _Front(self.port, backend, OnDemandView(EndpointSource(backend + "/query"), self.page_size),
                                _query_ui(), self.writable)
        except OSError as err:
            self.close()
            raise ServeError(f"127.0.0.1:{self.port}: cannot listen: {err.strerror or err}") from None
        log = tempfile.TemporaryFile()
        self.child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log,
                                      preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        self._wait_for(backend, log)

    def _wait_for(self, backend: str, log) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(f"{backend}/query?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.child.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    why = log.read().decode("utf-8", "replace").strip().splitlines()
                    self.close()
                    raise ServeError(f"{self.store}: the oxigraph server did not start"
                                     + (f": {why[-1]}" if why else "")) from None
                time.sleep(0.1)

    def serve_forever(self) -> None:
        self.front.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        if self.front is not None:
            self.front.server_close()
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def __enter__(self) -> "ViewServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def serve(store: str | Path, port: int, writable: bool = False, page_size: int = 100) -> None:
    """Serve until Ctrl-C or SIGTERM; the oxigraph child goes with it."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    with ViewServer(store, port, writable, page_size) as server:
        print(f"serving {store} on http://127.0.0.1:{port}/ (the view; SPARQL at /query, query page at /query-ui"
              f"{'; writable: /update, /store' if writable else ''}). Ctrl-C stops.", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def main(argv: list[str]) -> int:
    """python -m kg.view.server --store PATH --port N [--writable]"""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m kg.view.server", description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="out/store")
    parser.add_argument("--port", type=int, default=7878)
    parser.add_argument("--writable", action="store_true", help="forward /update and /store too")
    args = parser.parse_args(argv)
    try:
        serve(args.store, args.port, args.writable)
    except ServeError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
