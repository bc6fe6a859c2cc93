"""The view's pages rendered on request, for ``kg serve``: the same paths and the same HTML as the
static site, from the store as it is now.

Article and entity pages are named by a hash of their IRI (names.py), which cannot be read back,
so a name index (every article's and entity's page name) is built on the first request and again
when a name is not in it; rendered pages are kept until the store changes (``invalidate``)."""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict

from kg.view import names, pages, render
from kg.view.site import static_file
from kg.view.source import Source
from kg.view.svg import who_met_whom

CACHED_PAGES = 256
REINDEX_AFTER_S = 2.0  # at most one rebuild of the name index per this, however many unknown names
_LIST_PAGE = re.compile(r"^/([a-z]+)-([1-9][0-9]*)\.html$")


class OnDemandView:
    def __init__(self, source: Source, page_size: int = 100):
        self.source = source
        self.page_size = page_size
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._index: dict[str, str] = {}
        self._indexed_at = float("-inf")
        self._generation = 0

    def invalidate(self) -> None:
        """The store changed: forget rendered pages and the name index."""
        with self._lock:
            self._cache.clear()
            self._index = {}
            self._indexed_at = float("-inf")
            self._generation += 1

    def page(self, path: str) -> tuple[str, str] | None:
        """(content type, text) of the view's page at ``path``, or None when there is none."""
        if path in ("/", "/index.html"):
            return self._cached(path, "text/html; charset=utf-8", self._index_page)
        if path.lstrip("/") in ("view.css", "view.js"):
            kind = "text/css" if path.endswith(".css") else "text/javascript"
            return f"{kind}; charset=utf-8", static_file(path.lstrip("/")).decode("utf-8")
        if path == "/who-met-whom.svg":
            return self._cached(path, "image/svg+xml; charset=utf-8",
                                lambda: who_met_whom(pages.encounters(self.source), render.root_href, standalone=True))
        listed = _LIST_PAGE.match(path)
        if listed:
            return self._cached(path, "text/html; charset=utf-8", lambda: self._list_page(listed.group(1), int(listed.group(2))))
        folder, _, name = path.lstrip("/").partition("/")
        if folder in (names.ARTICLE_DIR, names.ENTITY_DIR) and name.endswith(".html") and "/" not in name:
            iri = self._iri_of(path.lstrip("/"))
            if iri is None:
                return None
            draw = ((lambda: render.article_html(pages.article_page(self.source, iri), served=True))
                    if folder == names.ARTICLE_DIR else
                    (lambda: render.entity_html(pages.entity_page(self.source, iri), served=True)))
            return self._cached(path, "text/html; charset=utf-8", draw)
        return None

    def _cached(self, path: str, kind: str, draw) -> tuple[str, str] | None:
        with self._lock:
            if path in self._cache:
                self._cache.move_to_end(path)
                return kind, self._cache[path]
            generation = self._generation
        text = draw()
        if text is None:
            return None
        with self._lock:
            if generation == self._generation:  # not drawn from a store that changed meanwhile
                self._cache[path] = text
                while len(self._cache) > CACHED_PAGES:
                    self._cache.popitem(last=False)
        return kind, text

    def _index_page(self) -> str:
        sections = pages.sections(self.source)
        first = {"articles": list(pages.article_summaries(self.source, 0, self.page_size)),
                 "meetings": list(pages.meeting_summaries(self.source, 0, self.page_size))}
        for key, kind in pages.SECTION_KIND.items():
            first[key] = list(pages.entity_summaries(self.source, kind, 0, self.page_size))
        tables = [render.list_table(s, first[s.key], 1, self._pages_of(s)) for s in sections]
        svg = who_met_whom(pages.encounters(self.source), render.root_href)
        return render.index_html(tables, sections, svg, served=True)

    def _pages_of(self, section) -> int:
        return max(1, -(-section.total // self.page_size))

    def _list_page(self, key: str, page_no: int) -> str | None:
        section = next((s for s in pages.sections(self.source) if s.key == key), None)
        if section is None or page_no < 2 or page_no > self._pages_of(section):
            return None
        offset = (page_no - 1) * self.page_size
        if key == "articles":
            items = list(pages.article_summaries(self.source, offset, self.page_size))
        elif key == "meetings":
            items = list(pages.meeting_summaries(self.source, offset, self.page_size))
        else:
            items = list(pages.entity_summaries(self.source, pages.SECTION_KIND[key], offset, self.page_size))
        return render.list_html(section, items, page_no, self._pages_of(section), served=True)

    def _iri_of(self, relative: str) -> str | None:
        with self._lock:
            iri = self._index.get(relative)
            stale = time.monotonic() - self._indexed_at > REINDEX_AFTER_S
        if iri is not None or not stale:
            return iri
        index = {(names.article_path(iri) if kind == "Article" else names.entity_path(iri)): iri
                 for iri, kind in pages.page_nodes(self.source)}
        with self._lock:
            self._index, self._indexed_at = index, time.monotonic()
        return index.get(relative)
