"""kg view end to end: the real CLI builds a site from a store of the examples, and a real headless
Chromium, with the network cut off, opens it from the file system."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, ROOT, run_kg
from kg.view import names
from kg.view.browser import chromium_binary, png_colours, visit
from kg.view.server import free_port
from view_dom import descendants, parse, within

DATA = "https://w3id.org/newskg/data/"
SEED = DATA + "article/seed-article"
SHIBANI, LAVROV = DATA + "person/asaad-al-shibani", DATA + "person/sergey-lavrov"
QUOTE = '"We want to move the relations between Damascus and Moscow'


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("view") / "store"
    result = run_kg("load", EXAMPLES, "--store", path, "--quiet")
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def site(store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view") / "site"
    result = run_kg("view", "--store", store, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert re.match(r"wrote 3 article page\(s\), \d+ entity page\(s\) and 1 index page\(s\)", result.stderr)
    return out


@pytest.fixture(scope="module")
def chromium():
    if chromium_binary() is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")


def seed_mentions(store: Path) -> dict[str, tuple[int, int, str]]:
    """The seed article's mentions, straight from the store: IRI -> (begin, end, nif:anchorOf)."""
    db = ox.Store.read_only(str(store))
    query = f"""PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT DISTINCT ?m ?b ?e ?t WHERE {{ GRAPH ?g {{ ?m nif:referenceContext <{SEED}> ;
            nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?t }} }}"""
    found = {row["m"].value: (int(row["b"].value), int(row["e"].value), row["t"].value) for row in db.query(query)}
    del db
    return found


def crossing(spans: dict[str, tuple[int, int, str]]) -> set[str]:
    """Mentions that overlap another without nesting (these are drawn in parts)."""
    out = set()
    for a, (ab, ae, _) in spans.items():
        for b, (bb, be, _) in spans.items():
            if ab < bb < ae < be:
                out |= {a, b}
    return out


def outside_links(html: str) -> list[str]:
    """src/href values that would leave the file system: http(s) links not shown as their own text."""
    _, elements = parse(html)
    bad = []
    for e in elements:
        for attr in ("src", "href", "data", "action", "poster", "srcset"):
            value = e.attrs.get(attr, "")
            if re.match(r"(?i)\s*(https?:)?//", value) and not (e.tag == "a" and attr == "href" and e.text == value):
                bad.append(f"<{e.tag} {attr}={value}>")
    return bad


@pytest.fixture(scope="module")
def seed_dom(site, chromium):
    """The seed article's page as Chromium built it, from the file system, with the network cut off."""
    seen = visit((site / names.article_path(SEED)).as_uri())
    assert seen.requests == []
    return parse(seen.dom)[0]


def test_every_mention_of_the_seed_is_one_element_with_the_graphs_offsets_and_text(store, seed_dom):
    graph = seed_mentions(store)
    assert len(graph) > 80
    text = within(seed_dom, id="text")
    by_iri: dict[str, list] = {}
    for e in descendants(text):
        if "data-begin" in e.attrs:
            by_iri.setdefault(e.attrs["data-iri"], []).append(e)
    assert set(by_iri) == set(graph)
    split = crossing(graph)
    for iri, (begin, end, anchor) in graph.items():
        drawn = by_iri[iri]
        if len(drawn) > 1:  # a span that crosses another is drawn in parts that tile it
            assert iri in split and "sentence" in drawn[0].classes, f"{iri}: only crossing sentences give way"
            assert "".join(e.text for e in drawn) == anchor
            assert (int(drawn[0].attrs["data-begin"]), int(drawn[-1].attrs["data-end"])) == (begin, end)
        else:
            assert (int(drawn[0].attrs["data-begin"]), int(drawn[0].attrs["data-end"]), drawn[0].text) == (begin, end, anchor)


def test_the_seed_page_marks_each_kind_and_links_names_to_their_pages(seed_dom, site):
    spans = [e for e in descendants(within(seed_dom, id="text")) if "data-begin" in e.attrs]
    kinds = set().union(*(e.classes for e in spans))
    assert {"Person", "Organisation", "Place", "time", "content", "cue", "trigger", "sentence"} <= kinds
    lavrov = [e for e in spans if "Person" in e.classes and e.text == "Sergey Lavrov"]
    assert lavrov and lavrov[0].tag == "a" and lavrov[0].attrs["href"] == "../" + names.entity_path(LAVROV)
    assert (site / names.entity_path(LAVROV)).is_file()
    quote = [e for e in spans if "content" in e.classes and e.text.startswith(QUOTE)]
    assert len(quote) == 1 and quote[0].attrs["data-speaker"] == SHIBANI
    told = [e for e in spans if "cue" in e.classes and e.text == "told"]
    assert told and told[0].attrs["href"] == "../" + names.entity_path(SHIBANI)


def test_the_al_shibani_lavrov_meeting_and_the_quotation_appear_with_their_links(seed_dom):
    meeting = within(seed_dom, tag="li", data_iri=SEED + "#meeting=127,134")
    assert meeting is not None
    links = {e.attrs.get("href"): e.text for e in descendants(meeting) if e.tag == "a"}
    assert links["../" + names.entity_path(SHIBANI)] == "Asaad Al Shibani"
    assert links["../" + names.entity_path(LAVROV)] == "Sergey Lavrov"
    assert "Moscow" in links.values() and "Occurred" in meeting.text and "2025-12-24" in meeting.text
    assert links["#c127-134"] == "meeting" and within(seed_dom, id="c127-134") is not None
    cards = [e for e in descendants(seed_dom) if e.tag == "li" and "statement" in e.classes and QUOTE in e.text]
    assert len(cards) == 1 and "Direct" in cards[0].text
    links = {e.attrs.get("href"): e.text for e in descendants(cards[0]) if e.tag == "a"}
    assert links["../" + names.entity_path(SHIBANI)] == "Asaad Al Shibani"
    content = next(href for href, text in links.items() if text.startswith(QUOTE))
    assert content.startswith("#c") and within(seed_dom, id=content[1:]).text.startswith(QUOTE)


def test_the_seed_page_lists_its_time_expressions_with_their_values(seed_dom):
    rows = [" ".join(td.text for td in r.children) for r in descendants(within(seed_dom, id="times")) if r.tag == "tr"]
    assert "Wednesday 2025-12-24 DATE" in rows and "October 2025-10 DATE" in rows


@pytest.mark.parametrize("which", ["index", "seed"])
def test_a_screenshot_of_the_page_is_not_blank(site, chromium, tmp_path, which):
    page = site / ("index.html" if which == "index" else names.article_path(SEED))
    shot = tmp_path / "shot.png"
    seen = visit(page.as_uri(), screenshot=shot, window=(1000, 700))
    assert seen.requests == []
    colours, commonest = png_colours(shot)
    assert colours > 40 and commonest < 0.9, (colours, commonest)


def test_the_checks_see_a_page_that_reaches_out(tmp_path, chromium):
    page = tmp_path / "reaching.html"
    page.write_text('<link rel="stylesheet" href="https://cdn.example.org/x.css"><img src="http://example.com/x.png">')
    assert sorted(visit(page.as_uri()).requests) == ["http://example.com/x.png", "https://cdn.example.org/x.css"]
    assert outside_links(page.read_text()) == ["<link href=https://cdn.example.org/x.css>", "<img src=http://example.com/x.png>"]


def test_the_site_references_nothing_outside_itself_and_every_local_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert outside_links(html) == [], page.name
        for e in parse(html)[1]:
            target = e.attrs.get("href") or e.attrs.get("src")
            if target is None or target.startswith(("#", "http://", "https://")):
                continue
            path = (page.parent / target.split("#", 1)[0]).resolve()
            assert path.is_file(), f"{page.name}: {target}"
            anchor = target.partition("#")[2]
            if anchor and path.parent.name == names.ARTICLE_DIR:
                assert f'id="{anchor}"' in path.read_text(encoding="utf-8"), f"{page.name}: {target}"


def test_an_entity_page_has_names_roles_and_every_statement_and_meeting_with_its_sentence(site):
    root = parse((site / names.entity_path(SHIBANI)).read_text(encoding="utf-8"))[0]
    assert within(root, tag="h1").text == "Asaad Al Shibani"
    assert "Al Shibani" in within(root, id="names").text
    assert "Foreign Minister of Syria" in within(root, id="roles").text
    said = [e for e in descendants(within(root, id="statements")) if e.tag == "li"]
    met = [e for e in descendants(within(root, id="meetings")) if e.tag == "li"]
    assert len(said) == 4 and len(met) == 2
    dates = [re.search(r"\d{4}-\d{2}(-\d{2})?", m.text).group(0) for m in met]
    assert dates == sorted(dates)
    quote = next(s for s in said if QUOTE in s.text)
    sentence = next(e for e in descendants(quote) if "sentence" in e.classes)
    assert sentence.text.startswith("Mr Al Shibani told a joint press conference")
    inner = next(e for e in descendants(sentence) if "content" in e.classes)
    assert inner.text.startswith(QUOTE) and inner.attrs["data-begin"] == "419"
    hrefs = [e.attrs["href"] for e in descendants(quote) if e.tag == "a"]
    assert "../" + names.article_path(SEED) + "#c419-544" in hrefs


def test_the_index_lists_articles_entities_and_meetings_and_draws_who_met_whom(site):
    root = parse((site / "index.html").read_text(encoding="utf-8"))[0]
    articles = [e for e in descendants(within(root, id="articles")) if e.tag == "tr"][1:]
    assert [re.match(r"\d{4}-\d{2}-\d{2}", a.text).group(0) for a in articles] == ["2025-12-24", "2026-03-12", "2026-06-18"]
    assert "Portugal and Norway agree on joint fisheries inspections" in within(root, id="articles").text
    people = [e for e in descendants(within(root, id="people")) if e.tag == "tr"][1:]
    assert {"Ingrid Halvorsen2", "Tomás Reis2"} <= {p.text for p in people}
    meetings = within(root, id="meetings").text
    assert "Asaad Al Shibani, Sergey Lavrov" in meetings
    svg = within(root, id="who-met-whom")
    circles = [e for e in descendants(svg) if e.tag == "circle"]
    assert len(circles) == 7 and any(e.tag == "a" and e.attrs["href"] == names.entity_path(LAVROV)
                                      for e in descendants(svg))
    assert (site / "who-met-whom.svg").read_text().startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_long_lists_are_paged(store, tmp_path):
    out = tmp_path / "site"
    assert run_kg("view", "--store", store, "--output", out, "--page-size", "10", "--quiet").exit_code == 0
    root = parse((out / "index.html").read_text(encoding="utf-8"))[0]
    people = [e for e in descendants(within(root, id="people")) if e.tag == "tr"][1:]
    assert len(people) == 10 and "page 1 of 2" in within(root, id="people").text
    second = parse((out / "people-2.html").read_text(encoding="utf-8"))[0]
    rest = [e for e in descendants(within(second, id="people")) if e.tag == "tr"][1:]
    assert len(rest) == 1 and "page 2 of 2" in within(second, id="people").text
    assert not (out / "articles-2.html").exists()


def test_kg_view_replaces_its_own_site_and_refuses_other_folders(store, tmp_path):
    out = tmp_path / "site"
    assert run_kg("view", "--store", store, "--output", out, "-q").exit_code == 0
    (out / "stale.html").write_text("old")
    assert run_kg("view", "--store", store, "--output", out, "-q").exit_code == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging or old folder left behind
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = run_kg("view", "--store", store, "--output", mine)
    assert result.exit_code == 2 and result.stderr.strip() == f"{mine}: not empty and not a site kg view wrote; give a new or empty folder"
    assert (mine / "notes.txt").read_text() == "keep me"
    result = run_kg("view", "--store", tmp_path / "nothing", "--output", tmp_path / "x")
    assert result.exit_code == 2 and "no store here" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_a_failure_half_way_leaves_the_old_site_whole(store, tmp_path):
    from kg.view.site import write_site
    from kg.view.source import SourceError, StoreSource

    out = tmp_path / "site"
    assert run_kg("view", "--store", store, "--output", out, "-q").exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    class Failing(StoreSource):
        """The real store, which stops answering after a number of queries (a disk going away)."""
        left = 40

        def select(self, query):
            Failing.left -= 1
            if Failing.left < 0:
                raise SourceError(f"{self.name}: gone")
            return super().select(query)

    with pytest.raises(SourceError):
        write_site(Failing(store), out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


BROKEN = """
@prefix kg: <https://w3id.org/newskg/ontology#> . @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/newskg/data/graph/good> {
  <https://w3id.org/newskg/data/article/good> a kg:Article ; kg:articleId "good" ; nif:isString "Ann <met> Bob & co." .
  <https://w3id.org/newskg/data/article/good#char=0,3> a kg:Mention ; nif:referenceContext <https://w3id.org/newskg/data/article/good> ;
     nif:beginIndex 0 ; nif:endIndex 3 ; nif:anchorOf "Ann" .
  <https://w3id.org/newskg/data/person/ann> a kg:Person ; rdfs:label "Ann" ; kg:mention <https://w3id.org/newskg/data/article/good#char=0,3> .
}
<https://w3id.org/newskg/data/graph/broken> {
  <https://w3id.org/newskg/data/article/broken> a kg:Article ; kg:articleId "broken" .
  <https://w3id.org/newskg/data/article/broken#char=5,900> a kg:Mention ; nif:referenceContext <https://w3id.org/newskg/data/article/broken> ;
     nif:beginIndex 5 ; nif:endIndex 900 ; nif:anchorOf "?" .
  <https://w3id.org/newskg/data/article/broken#char=x> a kg:Mention ; nif:referenceContext <https://w3id.org/newskg/data/article/broken> ;
     nif:beginIndex "many" ; nif:endIndex 2 .
  <https://w3id.org/newskg/data/article/broken#statement> a kg:Statement ; kg:article <https://w3id.org/newskg/data/article/broken> .
  <https://w3id.org/newskg/data/article/broken#meeting> a kg:Meeting ; kg:article <https://w3id.org/newskg/data/article/broken> ;
     kg:participant <https://w3id.org/newskg/data/person/ann> .
}
"""


def test_an_article_with_broken_data_still_gets_a_page_and_the_others_too(tmp_path):
    db = ox.Store(str(tmp_path / "store"))
    db.load(BROKEN.encode(), format=ox.RdfFormat.TRIG)
    db.flush()
    del db
    result = run_kg("view", "--store", tmp_path / "store", "--output", tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    good = (tmp_path / "site" / names.article_path(DATA + "article/good")).read_text(encoding="utf-8")
    assert '<a class="m Person" data-begin="0" data-end="3"' in good and "&lt;met&gt; Bob &amp; co." in good
    broken = (tmp_path / "site" / names.article_path(DATA + "article/broken")).read_text(encoding="utf-8")
    assert "data-begin" not in broken.split('id="text"')[1].split("</div>")[0]
    assert "unattributed" in broken and "Ann" in broken


# ---------------------------------------------------------------- kg serve: the view in front of the oxigraph server


def _get(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@contextmanager
def serving(store: Path, *flags: str):
    """``python -m kg.view.server`` on a free loopback port; yields (base URL, oxigraph child pid)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.view.server", "--store", str(store), "--port", str(port), *flags],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/view.css", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"kg serve did not start: {process.stderr.read() if process.poll() is not None else ''}")
                time.sleep(0.2)
        children = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == process.pid]
        yield url, children
    finally:
        process.terminate()
        process.wait(timeout=20)


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0])


def test_kg_serve_shows_the_view_at_the_root_keeps_the_endpoint_and_lists_the_pack(store, site):
    from kg.graph import PREFIXES
    from kg.store import query_pack

    with serving(store) as (url, children):
        status, index = _get(url + "/")
        assert status == 200 and "The evidence, browsable" in index and 'href="/query-ui"' in index
        assert names.article_path(SEED) in index
        status, served = _get(url + "/" + names.article_path(SEED))
        static = (site / names.article_path(SEED)).read_text(encoding="utf-8")
        drawn = lambda html: [(e.attrs["data-iri"], e.attrs["data-begin"], e.text) for e in parse(html)[1] if "data-begin" in e.attrs]
        assert status == 200 and drawn(served) == drawn(static)
        meetings = next(q for q in query_pack() if q.name == "meetings").path.read_text(encoding="utf-8")
        status, answer = _get(url + "/query", urllib.parse.urlencode({"query": meetings}).encode(),
                              {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and len(json.loads(answer)["results"]["bindings"]) == 9  # the meetings of examples/
        status, ui = _get(url + "/query-ui")
        assert status == 200 and all(f'data-query="{q.name}"' in ui for q in query_pack())
        preload = json.loads(re.search(r'<script type="application/json" id="kg-pack">(.*?)</script>', ui, re.S).group(1))
        assert [q["name"] for q in preload["queries"]] == [q.name for q in query_pack()]
        assert all(f"PREFIX {p}: <{iri}>" in preload["first"] for p, iri in PREFIXES.items())
        assert _get(url + "/update", b"update=CLEAR%20ALL", {"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
        assert _get(url + "/article/nothing-0123456789ab.html")[0] == 404
        if chromium_binary():
            seen = visit(url + "/query-ui", extra=("--virtual-time-budget=8000",), loopback=True)
            tabs = re.findall(r'role="tab"[^>]*><span>([^<]+)</span>', seen.dom)
            assert sorted(tabs) == sorted([q.name for q in query_pack()] + ["kg"])
            assert [u for u in seen.requests if not u.startswith(url)] == []
        assert len(children) == 1 and _pid_alive(children[0])
    assert not _pid_alive(children[0]), "the oxigraph child outlived kg serve"


def test_a_writable_kg_serve_forwards_updates_and_its_view_follows_them(store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    with serving(copy, "--writable") as (url, _):
        assert names.article_path(DATA + "article/lisbon-talks") in _get(url + "/")[1]
        drop = urllib.parse.urlencode({"update": f"DROP GRAPH <{DATA}graph/lisbon-talks>"}).encode()
        status, _ = _get(url + "/update", drop, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status in (200, 204)
        status, index = _get(url + "/")
        assert status == 200 and names.article_path(DATA + "article/lisbon-talks") not in index
        assert names.article_path(SEED) in index


def test_the_readme_shows_a_screenshot_of_an_article_page():
    shot = ROOT / "docs" / "view-article.png"
    assert "](docs/view-article.png)" in (ROOT / "README.md").read_text(encoding="utf-8")
    colours, commonest = png_colours(shot)
    assert colours > 40 and commonest < 0.9
