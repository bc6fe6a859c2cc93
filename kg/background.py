"""Run an iterator in a background thread and take its items, in order, in the calling thread.

``kg load ARTICLES`` (kg/store.py) uses it to parse the next articles while the current one is
extracted and loaded: spaCy spends most of a long article's parse in matrix code that releases the
GIL, so the two overlap on a second core (120 polnear articles: 16.8 s one after the other, 15.2 s
overlapped, 14.2 s for the parse alone). The order of items, and so the output, is exactly that of
the iterator. (``kg.ingest`` overlaps batch by batch instead, see ``kg.nlp.pipeline.parse_batches``:
for short articles the thread costs more than it gives.)
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Raised:
    def __init__(self, error: BaseException):
        self.error = error


def in_background(items: Iterable[T], ahead: int = 16) -> Iterator[T]:
    """Yield the items of ``items``, produced by a daemon thread at most ``ahead`` items ahead.

    An exception in the producer is raised here, at the point it happened in the sequence. Closing
    this generator (or an error in the consumer) stops the producer at its next item.
    """
    buffer: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as error:  # handed to the consumer, which decides
            put(_Raised(error))
            return
        put(_DONE)

    thread = threading.Thread(target=produce, name="kg-background", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, _Raised):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)
