"""Write the view as a static site: pages one at a time into a fresh folder beside DIR, then swapped
in for the old site, so a reader sees the old site or the whole new one and memory holds one page
(plus the first page of each index list) whatever the size of the store."""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.view import names, pages, render
from kg.view.model import Section
from kg.view.source import Source
from kg.view.svg import who_met_whom

PAGE_SIZE = 100
MARKER = ".kg-view"  # names a folder kg view wrote, which it may replace
STATIC = ("view.css", "view.js")
# A page that cannot be built is reported and skipped; these are what bad data in the store raises.
PAGE_ERRORS = (pages.ViewError, ValueError, KeyError, TypeError, IndexError)


@dataclass
class SiteReport:
    articles: int = 0
    entities: int = 0
    list_pages: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def static_file(name: str) -> bytes:
    return resources.files("kg.view").joinpath("static", name).read_bytes()


def check_target(out: Path) -> None:
    """Refuse a target that is a file, or a folder with something other than an old kg view in it."""
    if out.exists() and not out.is_dir():
        raise pages.ViewError(f"{out}: is a file; give a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise pages.ViewError(f"{out}: not empty and not a site kg view wrote; give a new or empty folder")


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
    os.replace(out, old / "site")
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


class _ListWriter:
    """One index list, paged: page 1 is kept for index.html, every later page is written when full."""

    def __init__(self, folder: Path, section: Section, page_size: int, report: SiteReport):
        self.folder, self.section, self.size, self.report = folder, section, page_size, report
        self.pages = max(1, math.ceil(section.total / page_size))
        self.items: list[object] = []
        self.first: list[object] | None = None
        self.page_no = 1

    def add(self, item: object) -> None:
        self.items.append(item)
        if len(self.items) == self.size:
            self._close_page()

    def _close_page(self) -> None:
        if self.page_no == 1:
            self.first = self.items
        else:
            html = render.list_html(self.section, self.items, self.page_no, max(self.pages, self.page_no))
            _write(self.folder / names.list_page(self.section.key, self.page_no), html)
            self.report.list_pages += 1
        self.items = []
        self.page_no += 1

    def finish(self) -> str:
        """The list's first page, as the table index.html shows."""
        if self.items or self.first is None:
            self._close_page()
        return render.list_table(self.section, self.first or [], 1, self.pages)


def _write(path: Path, text: str) -> None:
    # The whole folder is swapped in at the end, so a page needs no atomic write of its own.
    path.write_text(text, encoding="utf-8")


def _write_pages(kind: str, items: Iterable, build: Callable, draw: Callable[..., str], path_of: Callable[[str], str],
                 folder: Path, lister: _ListWriter, report: SiteReport,
                 on_page: Callable[[SiteReport], None] | None) -> int:
    """One page per item (articles or entities), each added to its index list; the number written."""
    written = 0
    for item in items:
        lister.add(item)
        try:
            html = draw(build(item.iri))
        except PAGE_ERRORS as err:
            report.problems.append(f"{item.iri}: cannot draw its {kind} page: {err}")
            continue
        target = folder / path_of(item.iri)
        if target.exists():
            raise pages.ViewError(f"{target.name}: two nodes got the same page name (one is {item.iri})")
        _write(target, html)
        written += 1
        if kind == "article":
            report.articles += 1
        else:
            report.entities += 1
        if on_page:
            on_page(report)
    return written


def _write_index(src: Source, folder: Path, sections: list[Section], listers: dict[str, _ListWriter]) -> None:
    for meeting in pages.meeting_summaries(src):
        listers["meetings"].add(meeting)
    tables = [listers[s.key].finish() for s in sections]
    encounters = pages.encounters(src)
    _write(folder / "index.html", render.index_html(tables, sections, who_met_whom(encounters, render.root_href)))
    if encounters:
        _write(folder / "who-met-whom.svg", who_met_whom(encounters, render.root_href, standalone=True))


def write_site(src: Source, out: str | Path, page_size: int = PAGE_SIZE,
               on_page: Callable[[SiteReport], None] | None = None) -> SiteReport:
    """Write the view of ``src`` to the folder ``out`` (replacing a site kg view wrote there before)."""
    check_target(Path(out))
    out = Path(out).absolute()  # so that "." has a real parent to build the new site in
    started = time.monotonic()
    report = SiteReport()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        for folder in (names.ARTICLE_DIR, names.ENTITY_DIR):
            (staging / folder).mkdir()
        for name in STATIC:
            (staging / name).write_bytes(static_file(name))
        sections = pages.sections(src)
        listers = {s.key: _ListWriter(staging, s, page_size, report) for s in sections}
        _write_pages("article", pages.article_summaries(src), lambda i: pages.article_page(src, i),
                     render.article_html, names.article_path, staging, listers["articles"], report, on_page)
        for key, kind in pages.SECTION_KIND.items():
            _write_pages("entity", pages.entity_summaries(src, kind), lambda i: pages.entity_page(src, i),
                         render.entity_html, names.entity_path, staging, listers[key], report, on_page)
        _write_index(src, staging, sections, listers)
        (staging / MARKER).write_text("a site written by kg view; kg view may replace this folder\n", encoding="utf-8")
        os.chmod(staging, 0o755)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.monotonic() - started
    return report
