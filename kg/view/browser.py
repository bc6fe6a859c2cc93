"""Headless Chromium, for the view's tests and the README's screenshot (``python3 tasks.py screenshot``).

Chromium runs with the network cut off (every host name resolves to nothing) and a net log; the
requests a *page* made are those the log records with an origin (a page's is "null" from file://),
apart from the browser's own background calls, which have "not an origin".
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
NO_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND"
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
TIMEOUT_S = 90


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Visit:
    dom: str  # the DOM after the page loaded (--dump-dom), or '' for a screenshot
    requests: list[str]  # URLs the page asked for that are not file: URLs


def visit(url: str, screenshot: Path | None = None, window: tuple[int, int] = (1280, 900),
          extra: tuple[str, ...] = (), loopback: bool = False) -> Visit:
    """Open ``url`` in a fresh headless Chromium: dump its DOM, or save a screenshot. No host name
    resolves, so nothing can be fetched from outside; ``loopback`` lets 127.0.0.1 through."""
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("chromium: not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as tmp:
        netlog = Path(tmp) / "net.json"
        command = [binary, *FLAGS, LOOPBACK_ONLY if loopback else NO_NETWORK, f"--user-data-dir={tmp}/profile", f"--log-net-log={netlog}",
                   f"--window-size={window[0]},{window[1]}", *extra,
                   f"--screenshot={screenshot}" if screenshot else "--dump-dom", url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        if done.returncode != 0:
            raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.strip()[-500:]}")
        return Visit("" if screenshot else done.stdout, page_requests(netlog))


def page_requests(netlog: Path) -> list[str]:
    """The URLs a page requested that are not file: URLs, from a Chromium net log."""
    try:
        log = json.loads(netlog.read_text(encoding="utf-8"))
    except json.JSONDecodeError:  # Chromium may leave the closing brackets off when it exits fast
        text = netlog.read_text(encoding="utf-8").rstrip().rstrip(",")
        log = json.loads(text + ("]}" if not text.endswith("]}") else ""))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        url = params.get("url")
        if event.get("type") == start and url and params.get("initiator") != "not an origin" and not url.startswith("file:"):
            urls.append(url)
    return urls


def png_colours(path: Path, rows: int = 250) -> tuple[int, float]:
    """(distinct colours, share of the commonest) in the top ``rows`` rows of an 8-bit RGB(A) PNG.
    Only the top is decoded: each row unfilters from the row above, and pure Python is slow."""
    data = path.read_bytes()
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"{path}: not an 8-bit RGB or RGBA PNG")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompressobj().decompress(idat, (width * channels + 1) * min(rows, height))
    stride = width * channels
    previous = bytearray(stride)
    counts: dict[bytes, int] = {}
    for y in range(min(rows, height, len(raw) // (stride + 1))):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], (previous[i - channels] if i >= channels else 0)
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        for x in range(0, stride, channels):
            pixel = bytes(line[x:x + 3])
            counts[pixel] = counts.get(pixel, 0) + 1
        previous = line
    total = sum(counts.values())
    return len(counts), (max(counts.values()) / total if total else 1.0)


def main(argv: list[str]) -> int:
    """``python -m kg.view.browser URL OUT.png [WIDTH HEIGHT]``: a screenshot of URL."""
    if len(argv) not in (2, 4):
        print(main.__doc__, file=sys.stderr)
        return 2
    size = (int(argv[2]), int(argv[3])) if len(argv) == 4 else (1280, 900)
    seen = visit(argv[0], Path(argv[1]).resolve(), size)
    for url in seen.requests:
        print(f"the page requested {url}", file=sys.stderr)
    return 1 if seen.requests else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
