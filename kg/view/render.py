"""Page models → HTML. Every text from the store is escaped here; nothing else writes markup.

Pages link to each other with relative paths (``root`` is "" for pages at the site's top, "../" for
article and entity pages), so the site works from the file system, from any web server, and from
``kg serve``. The only script is the site's own view.js (sortable tables); nothing is fetched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from kg.view import names
from kg.view.markup import Span, highlight
from kg.view.model import (ENTITY_KINDS, ArticlePage, ArticleSummary, EntityPage, EntitySummary, Mark, MeetingSummary,
                           MeetingView, Ref, Section, StatementView, TextSpan, TimexView)

KIND_CLASS = {"time": "time", "role": "role", "content": "content", "cue": "cue", "speaker": "speaker",
              "trigger": "trigger", "sentence": "sentence", **{k: k for k in ENTITY_KINDS}}
# When two spans cross, the lower rank is drawn whole: names and dates, then cues and triggers, then
# what was said, then sentences.
RANK = {"Person": 0, "Organisation": 0, "Place": 0, "time": 0, "speaker": 0, "role": 1, "cue": 1, "trigger": 1,
        "content": 2, "sentence": 3}
PLURAL = {"Person": "people", "Organisation": "organisations", "Place": "places"}


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def entity_href(ref: Ref | None, root: str) -> str | None:
    return root + names.entity_path(ref.iri) if ref is not None and ref.kind in ENTITY_KINDS else None


def root_href(ref: Ref) -> str | None:
    """An entity's page from the site's top (index.html, the who-met-whom picture)."""
    return entity_href(ref, "")


def link(ref: Ref | None, root: str, fallback: str = "") -> str:
    if ref is None:
        return e(fallback)
    href = entity_href(ref, root) or (root + names.article_path(ref.iri) if ref.kind == "Article" else None)
    return f'<a href="{e(href)}">{e(ref.label)}</a>' if href else e(ref.label)


def spot(article: Ref, span: TextSpan | None, root: str) -> str:
    """The article page at ``span`` (its element's id), or the page's top."""
    where = f"#{names.anchor(span.begin, span.end)}" if span else ""
    return f"{root}{names.article_path(article.iri)}{where}"


def page(title: str, body: str, root: str, served: bool = False) -> str:
    """A whole HTML document. ``served`` adds the query UI link that only ``kg serve`` has."""
    nav = [("index.html", "Overview"), ("index.html#articles", "Articles"), ("index.html#people", "People"),
           ("index.html#organisations", "Organisations"), ("index.html#places", "Places"),
           ("index.html#meetings", "Meetings")]
    items = "".join(f'<a href="{e(root + href)}">{e(label)}</a>' for href, label in nav)
    if served:
        items += '<a href="/query-ui">SPARQL</a>'
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{e(title)} · kg view</title>\n'
            f'<link rel="stylesheet" href="{e(root)}view.css">\n</head>\n<body>\n'
            f'<header class="top"><span class="brand">kg view</span>{items}</header>\n<main>\n{body}\n</main>\n'
            f'<script src="{e(root)}view.js"></script>\n</body>\n</html>\n')


# ---------------------------------------------------------------- article pages


def _span_of(mark: Mark, refs: dict[str, Ref], root: str) -> Span:
    kinds = sorted({r.kind for r in mark.roles}, key=lambda k: (RANK.get(k, 1), k))
    classes = tuple(KIND_CLASS.get(k, "mention") for k in kinds) or ("mention",)
    entity = next((refs.get(r.owner) for r in mark.roles if r.kind in ENTITY_KINDS), None)
    speaker = next((refs.get(r.note) for r in mark.roles if r.kind in ("speaker", "cue", "content") and r.note), None)
    titles = []
    for role in mark.roles:
        if role.kind in ENTITY_KINDS:
            titles.append(f"{role.kind}: {refs[role.owner].label if role.owner in refs else role.owner}")
        elif role.kind in ("time", "role"):
            titles.append(f"{role.kind}: {role.note}")
        elif role.kind in ("content", "cue", "speaker"):
            who = refs[role.note].label if role.note in refs else "unattributed"
            titles.append({"content": "said by ", "cue": "cue of a statement by ", "speaker": "source: "}[role.kind] + who)
        elif role.kind == "trigger":
            titles.append("meeting")
    # A name links to its entity; a cue to the statement's speaker; a trigger to its meeting's card.
    href = entity_href(entity, root) or (entity_href(speaker, root) if "cue" in kinds else None)
    trigger = next((r.owner for r in mark.roles if r.kind == "trigger"), None)
    if href is None and trigger:
        href = f"#{names.card_id(trigger)}"
    owners = " ".join(sorted({r.owner for r in mark.roles}))
    data = (("of", owners),) if owners else ()
    if speaker is not None:
        data += (("speaker", speaker.iri),)
    return Span(mark.span.begin, mark.span.end, mark.span.iri, classes, min((RANK.get(k, 1) for k in kinds), default=1),
                href, names.anchor(mark.span.begin, mark.span.end), "; ".join(dict.fromkeys(titles)) or None, data)


def _to(article: Ref, span: TextSpan | None, root: str, here: bool) -> str:
    """A link to ``span``: on this page when ``here``, else on its article's page."""
    if here:
        return f"#{names.anchor(span.begin, span.end)}" if span else "#text"
    return spot(article, span, root)


def _statement_card(s: StatementView, root: str, here: bool) -> str:
    """A statement beside its article's text (``here``) or on an entity page (with its sentence)."""
    content = s.contents[0] if s.contents else None
    quote = s.quote or (content.text if content else "")
    who = link(s.speaker, root) if s.speaker else f'<em>unattributed</em> ({e(s.speaker_span.text if s.speaker_span else "?")})'
    date = f' <span class="tag">{e(s.date)}</span>' if s.date else ""
    details = [f'cue <a href="{e(_to(s.article, s.cue, root, here))}">{e(s.cue.text)}</a>'] if s.cue else []
    if s.addressee:
        details.append(f"to {e(s.addressee)}")
    if s.at_meeting and here:
        details.append(f'at <a href="#{e(names.card_id(s.at_meeting))}">a meeting</a>')
    if not here:
        details.append(f'in {link(s.article, root)}' + (f" ({e(s.published)})" if s.published else ""))
    sentence = _sentence(s.sentence, s.contents, s.iri, "content") if s.sentence and not here else ""
    return (f'<li class="card statement" id="{e(names.card_id(s.iri))}" data-iri="{e(s.iri)}">'
            f'{who} <span class="tag {e(s.mode)}">{e(s.mode or "?")}</span>{date}'
            f'<blockquote><a href="{e(_to(s.article, content, root, here))}">{e(quote)}</a></blockquote>'
            f'<div class="meta">{" · ".join(details)}</div>{sentence}</li>')


def _sentence(sentence: TextSpan, inner: Sequence[TextSpan], owner: str, kind: str) -> str:
    """A sentence with the spans ``inner`` marked as ``kind``, at their offsets in the article."""
    spans = [Span(max(x.begin, sentence.begin) - sentence.begin, min(x.end, sentence.end) - sentence.begin, x.iri,
                  (kind,), data=(("of", owner),)) for x in inner]
    marked = highlight(sentence.text, spans, offset=sentence.begin)
    return (f'<div class="sentence" data-begin="{sentence.begin}" data-end="{sentence.end}" '
            f'data-iri="{e(sentence.iri)}">{marked}</div>')


def _meeting_card(m: MeetingView, root: str, here: bool) -> str:
    """A meeting beside its article's text (``here``) or on an entity page (with its sentence)."""
    who = ", ".join(link(p, root) for p in m.participants) or "<em>no participant named</em>"
    facts = [f"in {link(m.location, root)}" if m.location else "", e(m.date) if m.date else "undated",
             f'<span class="tag {e(m.status)}">{e(m.status)}</span>' if m.status else "",
             " ".join(f'<span class="tag">{e(k)}</span>' for k in m.kinds)]
    triggers = [f'<a href="{e(_to(m.article, t, root, here))}">{e(t.text)}</a>' for t in m.triggers]
    if not here:
        triggers.append(f"in {link(m.article, root)}")
    sentence = _sentence(m.sentence, m.triggers, m.iri, "trigger") if m.sentence and not here else ""
    return (f'<li class="card meeting" id="{e(names.card_id(m.iri))}" data-iri="{e(m.iri)}"><div>{who}</div>'
            f'<div class="meta">{" · ".join(x for x in facts if x)}</div>'
            f'<div class="meta">{", ".join(triggers)}</div>{sentence}</li>')


def _timex_rows(timexes: Iterable[TimexView]) -> str:
    rows = []
    for t in timexes:
        text = (f'<a href="#{names.anchor(t.span.begin, t.span.end)}">{e(t.span.text)}</a>' if t.span else "")
        rows.append(f'<tr data-iri="{e(t.iri)}"><td>{text}</td><td>{e(t.value)}</td><td>{e(t.type)}</td></tr>')
    return "".join(rows)


LEGEND = ('<div class="legend"><span class="m Person">person</span><span class="m Organisation">organisation</span>'
          '<span class="m Place">place</span><span class="m time">time</span><span class="m content">what was said</span>'
          '<span class="m cue">speech cue</span><span class="m trigger">meeting</span><span class="m role">role</span></div>')


def article_html(p: ArticlePage, served: bool = False) -> str:
    root = "../"
    s = p.summary
    spans = [_span_of(m, p.refs, root) for m in p.marks]
    meta = " · ".join(x for x in [e(s.date) if s.date else "undated", e(s.article_id), f"{s.entities} entities",
                                   f"{len(p.statements)} statements", f"{len(p.meetings)} meetings"])
    statements = "".join(_statement_card(x, root, True) for x in p.statements) or "<li>none</li>"
    meetings = "".join(_meeting_card(x, root, True) for x in p.meetings) or "<li>none</li>"
    body = (f'<h1>{e(s.title or s.article_id)}</h1>\n<p class="meta">{meta}<br><span class="iri">{e(s.iri)}</span></p>\n'
            f'<div class="article-grid">\n<div>{LEGEND}\n<div class="text" id="text" data-iri="{e(s.iri)}">'
            f'{highlight(p.text, spans)}</div></div>\n<aside>\n'
            f'<section id="statements"><h2>Statements ({len(p.statements)})</h2><ol class="cards">{statements}</ol></section>\n'
            f'<section id="meetings"><h2>Meetings ({len(p.meetings)})</h2><ol class="cards">{meetings}</ol></section>\n'
            f'<section id="times"><h2>Time expressions ({len(p.timexes)})</h2><table><thead><tr><th>text</th><th>value</th>'
            f'<th>type</th></tr></thead><tbody>{_timex_rows(p.timexes)}</tbody></table></section>\n</aside>\n</div>')
    return page(s.title or s.article_id, body, root, served)


# ---------------------------------------------------------------- entity pages


def entity_html(p: EntityPage, served: bool = False) -> str:
    root = "../"
    roles = "".join(
        f'<li>{e(r.title)}{" of " + link(r.of, root) if r.of else ""}{" (former)" if r.former else ""}'
        f'{" · as of " + e(r.as_of) if r.as_of else ""}{" · in " + link(r.article, root) if r.article else ""}</li>'
        for r in p.roles) or "<li>none known</li>"
    same = "".join(f'<li>{link(x, root)}</li>' if x.kind else f'<li><a href="{e(x.iri)}">{e(x.iri)}</a></li>'
                   for x in p.same_as) or "<li>none</li>"
    said = "".join(_statement_card(s, root, False) for s in p.statements) or "<li>none</li>"
    met = "".join(_meeting_card(m, root, False) for m in p.meetings) or "<li>none</li>"
    articles = "".join(f"<li>{link(a, root)}</li>" for a in p.articles) or "<li>none</li>"
    body = (f'<h1>{e(p.ref.label)}</h1>\n<p class="meta">{e(p.ref.kind)} · in {len(p.articles)} article(s)<br>'
            f'<span class="iri">{e(p.ref.iri)}</span></p>\n<div class="columns">\n'
            f'<section id="names"><h2>Names</h2><ul>{"".join(f"<li>{e(n)}</li>" for n in p.names)}</ul></section>\n'
            f'<section id="roles"><h2>Role titles</h2><ul>{roles}</ul></section>\n'
            f'<section id="same-as"><h2>Same as</h2><ul>{same}</ul></section>\n</div>\n'
            f'<section id="statements"><h2>Statements ({len(p.statements)})</h2><ol class="cards">{said}</ol></section>\n'
            f'<section id="meetings"><h2>Meetings ({len(p.meetings)})</h2><ol class="cards">{met}</ol></section>\n'
            f'<section id="articles"><h2>Articles</h2><ul>{articles}</ul></section>')
    return page(p.ref.label, body, root, served)


# ---------------------------------------------------------------- the index and its lists


def _rows(section: str, items: Sequence[object], root: str) -> str:
    out = []
    for x in items:
        if isinstance(x, ArticleSummary):
            ref = Ref(x.iri, x.title or x.article_id, "Article")
            out.append(f'<tr><td class="date">{e(x.date)}</td><td>{link(ref, root)}<div class="iri">{e(x.article_id)}</div></td>'
                       f'<td class="n">{x.entities}</td><td class="n">{x.statements}</td><td class="n">{x.meetings}</td></tr>')
        elif isinstance(x, EntitySummary):
            out.append(f'<tr><td>{link(Ref(x.iri, x.label, x.kind), root)}</td><td class="n">{x.articles}</td></tr>')
        elif isinstance(x, MeetingSummary):
            out.append(f'<tr data-iri="{e(x.iri)}"><td class="date">{e(x.date)}</td><td>{", ".join(link(p, root) for p in x.participants)}</td>'
                       f'<td>{link(x.location, root)}</td><td>{e(x.status)}</td>'
                       f'<td><a href="{e(root + names.article_path(x.article.iri))}">{e(x.article.label)}</a></td></tr>')
    return "".join(out)


HEADINGS = {"articles": ["date", "article", "entities", "statements", "meetings"],
            "meetings": ["date", "participants", "place", "status", "article"]}


def list_table(section: Section, items: Sequence[object], page_no: int, pages: int, root: str = "") -> str:
    """One page of one list: its table and links to its other pages."""
    heads = HEADINGS.get(section.key, ["name", "articles"])
    numeric = {"entities", "statements", "meetings", "articles"} - ({"meetings"} if section.key == "meetings" else set())
    thead = "".join(f'<th class="n">{h}</th>' if h in numeric else f"<th>{h}</th>" for h in heads)
    pager = ""
    if pages > 1:
        links = [f'<a href="{e(root + names.list_page(section.key, page_no - 1))}#{section.key}">← previous</a>'] if page_no > 1 else []
        links.append(f"page {page_no} of {pages}")
        if page_no < pages:
            links.append(f'<a href="{e(root + names.list_page(section.key, page_no + 1))}#{section.key}">next →</a>')
        pager = f'<p class="pager">{" · ".join(links)}</p>'
    body = _rows(section.key, items, root) or f'<tr><td colspan="{len(heads)}">none</td></tr>'
    return (f'<section id="{e(section.key)}"><h2>{e(section.heading)} ({section.total})</h2>'
            f'<table class="sortable"><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table>{pager}</section>')


def list_html(section: Section, items: Sequence[object], page_no: int, pages: int, served: bool = False) -> str:
    return page(f"{section.heading}, page {page_no}", list_table(section, items, page_no, pages), "", served)


def index_html(tables: Sequence[str], sections: Sequence[Section], svg: str, served: bool = False) -> str:
    counts = " · ".join(f'<a href="#{s.key}">{s.total} {s.heading.lower()}</a>' for s in sections)
    picture = svg or "<p>No meeting with two or more participants yet.</p>"
    articles, *entities, meetings = tables
    body = (f'<h1>The evidence, browsable</h1>\n<p class="meta">{counts}</p>\n{articles}\n'
            f'<div class="columns">{"".join(entities)}</div>\n{meetings}\n'
            f'<section id="who-met-whom"><h2>Who met whom</h2>{picture}</section>')
    return page("Overview", body, "", served)


def not_found_html(path: str) -> str:
    return page("Not found", f"<h1>Not found</h1><p>{e(path)} is not a page of this view. "
                             f'<a href="/">Back to the overview</a>.</p>', "/", True)
