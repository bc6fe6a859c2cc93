"""The view's page models, read from the store with SPARQL (through kg/view/source.py).

Each page is a handful of queries whose answers are joined here; nothing is held for more than the
page being built, so a site of any size is built one page at a time.

Every article is a named graph, and an entity's triples repeat in each article graph that names it,
so the queries match inside ``GRAPH ?g`` (a statement's spans are in the graph of its statement, a
mention's owner in the graph of its mention) and ask for DISTINCT answers. Measured on a store of
100 articles: the union default graph, where a node's repeated triples multiply in every join, made
one article's mention query take 12 s; inside GRAPH ?g it takes 15 ms. Lists of constants are
``FILTER (?p IN (...))``, not VALUES, which oxigraph 0.5 joins first (0.46 s against 0.015 s).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from kg.graph import PREFIXES
from kg.view.model import (ENTITY_KINDS, ArticlePage, ArticleSummary, Encounter, EntityPage, EntitySummary, Mark,
                           MeetingSummary, MeetingView, Ref, Role, RoleView, Section, StatementView, TextSpan,
                           TimexView)
from kg.view.source import Row, Source

KG = PREFIXES["kg"]
VALUES_CHUNK = 400
TITLE_MAX = 160
SAME_AS_MAX = 1000  # nodes followed through owl:sameAs from one entity
ENTITY_CLASSES = "kg:Person, kg:Organisation, kg:Place"
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class ViewError(Exception):
    """A page cannot be built; said in one line that names the node."""


def iri_term(iri: str) -> str:
    """``iri`` as a SPARQL IRI term; the store's own IRIs pass, anything that could break out of
    the <...> is refused rather than pasted into a query."""
    if _IRI_UNSAFE.search(iri):
        raise ViewError(f"<{iri}>: not an IRI the view can ask about")
    return f"<{iri}>"


def _values(iris: Iterable[str]) -> str:
    return "VALUES ?x { " + " ".join(iri_term(x) for x in iris) + " }"


def _local(iri: str) -> str:
    return iri.removeprefix(KG)


def _int(row: Row, key: str) -> int:
    try:
        return int(row.get(key, "0"))
    except ValueError:
        return 0


def _span(row: Row) -> TextSpan | None:
    try:
        return TextSpan(row["m"], int(row["b"]), int(row["e"]), row.get("t", ""))
    except (KeyError, ValueError):
        return None


# ---------------------------------------------------------------- labels of nodes


def refs(src: Source, iris: Iterable[str]) -> dict[str, Ref]:
    """Label and kind of each node: entities by rdfs:label, articles by kg:articleId; a node the
    store knows nothing about is labelled with its IRI."""
    wanted = sorted(set(iris) - {""})
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for i in range(0, len(wanted), VALUES_CHUNK):
        values = _values(wanted[i:i + VALUES_CHUNK])
        for row in src.select(f"SELECT ?x (MIN(?l) AS ?label) WHERE {{ {values} "
                              f"GRAPH ?g {{ ?x rdfs:label|kg:articleId ?l }} }} GROUP BY ?x"):
            labels[row["x"]] = row["label"]
        for row in src.select(f"SELECT ?x (MIN(?c) AS ?kind) WHERE {{ {values} GRAPH ?g {{ ?x a ?c "
                              f"FILTER (?c IN ({ENTITY_CLASSES}, kg:Article)) }} }} GROUP BY ?x"):
            kinds[row["x"]] = _local(row["kind"])
    return {x: Ref(x, labels.get(x, x), kinds.get(x, "")) for x in wanted}


# ---------------------------------------------------------------- statements and meetings


ROLE_OF = {KG + "content": "content", KG + "cue": "cue", KG + "speakerMention": "speaker",
           KG + "sentence": "sentence", KG + "trigger": "trigger"}


def _spans_of(src: Source, where: str, properties: str) -> dict[str, dict[str, list[TextSpan]]]:
    """The spans the nodes ``where`` selects point to through ``properties``, by node and role."""
    spans: dict[str, dict[str, list[TextSpan]]] = defaultdict(lambda: defaultdict(list))
    for row in src.select(f"""
        SELECT DISTINCT ?s ?p ?m ?b ?e ?t WHERE {{
          GRAPH ?g {{ {where} ?s ?p ?m FILTER (?p IN ({properties}))
                     ?m nif:beginIndex ?b ; nif:endIndex ?e . OPTIONAL {{ ?m nif:anchorOf ?t }} }}
        }}"""):
        span = _span(row)
        if span:
            spans[row["s"]][ROLE_OF[row["p"]]].append(span)
    for by_role in spans.values():
        for items in by_role.values():
            items.sort(key=lambda s: (s.begin, s.end))
    return spans


def _first_rows(rows: Iterable[Row], key: str) -> dict[str, Row]:
    """One row per node (the smallest, for determinism) where a node has several values of a property."""
    first: dict[str, Row] = {}
    for row in sorted(rows, key=lambda r: sorted(r.items())):
        first.setdefault(row[key], row)
    return first


def _first(items: list[TextSpan]) -> TextSpan | None:
    return items[0] if items else None


def _order_key(view: StatementView | MeetingView) -> tuple:
    begin = min((s.begin for s in getattr(view, "contents", None) or getattr(view, "triggers", [])), default=0)
    return (view.date or view.published, view.published, view.article.label, begin, view.iri)


def _properties(src: Source, where: str, cls: str, properties: str) -> dict[str, dict[str, list[str]]]:
    """node -> property -> sorted values, for the nodes of ``cls`` that ``where`` selects. One row per
    value, not one OPTIONAL per property: oxigraph 0.5 evaluates a nested OPTIONAL against the whole
    store (76 ms for one statement on a 100-article store, against 0.3 ms this way)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in src.select(f"""SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ {where} ?s a kg:{cls} .
            ?s ?p ?o FILTER (?p IN ({properties})) }} }}"""):
        found[row["s"]][_local(row["p"])].add(row["o"])
    return {s: {p: sorted(v) for p, v in by.items()} for s, by in found.items()}


def _one(values: dict[str, list[str]], key: str) -> str:
    return values.get(key, [""])[0]


def published(src: Source, articles: Iterable[str]) -> dict[str, str]:
    """Each article's publication date, where it has one."""
    wanted = sorted(set(articles) - {""})
    dates: dict[str, str] = {}
    for i in range(0, len(wanted), VALUES_CHUNK):
        for row in src.select(f"SELECT ?x (MIN(?d) AS ?date) WHERE {{ {_values(wanted[i:i + VALUES_CHUNK])} "
                              f"GRAPH ?g {{ ?x schema:datePublished ?d }} }} GROUP BY ?x"):
            dates[row["x"]] = row["date"]
    return dates


def statements(src: Source, where: str) -> list[StatementView]:
    """The statements ``where`` selects (patterns that bind ?s, matched in one article graph), in date order."""
    found = _properties(src, where, "Statement",
                        "kg:article, kg:speaker, kg:quote, kg:mode, kg:date, kg:atMeeting, kg:addresseeText")
    spans = _spans_of(src, where, "kg:content, kg:cue, kg:speakerMention, kg:sentence")
    names = refs(src, [v for by in found.values() for k in ("article", "speaker") for v in by.get(k, [])])
    dates = published(src, [_one(by, "article") for by in found.values()])
    views = []
    for iri, by in found.items():
        parts = spans.get(iri, {})
        views.append(StatementView(
            iri=iri, article=names.get(_one(by, "article"), Ref("", "")), speaker=names.get(_one(by, "speaker")),
            speaker_span=_first(parts.get("speaker", [])), cue=_first(parts.get("cue", [])),
            contents=parts.get("content", []), sentence=_first(parts.get("sentence", [])),
            quote=_one(by, "quote"), mode=_local(_one(by, "mode")), date=_one(by, "date"),
            published=dates.get(_one(by, "article"), ""), at_meeting=_one(by, "atMeeting") or None,
            addressee=_one(by, "addresseeText")))
    return sorted(views, key=_order_key)


def meetings(src: Source, where: str) -> list[MeetingView]:
    """The meetings ``where`` selects (patterns that bind ?s, matched in one article graph), in date order."""
    found = _properties(src, where, "Meeting", "kg:article, kg:date, kg:status, kg:location, kg:participant, kg:kind")
    spans = _spans_of(src, where, "kg:trigger, kg:sentence")
    names = refs(src, [v for by in found.values() for k in ("article", "location", "participant") for v in by.get(k, [])])
    dates = published(src, [_one(by, "article") for by in found.values()])
    views = []
    for iri, by in found.items():
        people = sorted((names[p] for p in by.get("participant", [])), key=lambda r: (r.label, r.iri))
        views.append(MeetingView(
            iri=iri, article=names.get(_one(by, "article"), Ref("", "")), participants=people,
            location=names.get(_one(by, "location")), date=_one(by, "date"), published=dates.get(_one(by, "article"), ""),
            status=_local(_one(by, "status")), kinds=sorted(_local(k) for k in by.get("kind", [])),
            triggers=spans.get(iri, {}).get("trigger", []), sentence=_first(spans.get(iri, {}).get("sentence", []))))
    return sorted(views, key=_order_key)


# ---------------------------------------------------------------- article pages


KIND_OF_CLASS = {KG + "Person": "Person", KG + "Organisation": "Organisation", KG + "Place": "Place",
                 KG + "TimeExpression": "time", KG + "Role": "role"}


def _summary(row: Row) -> ArticleSummary:
    head = (row.get("head") or "").strip().split("\n", 1)[0]
    title = (row.get("title") or "").strip() or (head[:TITLE_MAX] + ("…" if len(head) > TITLE_MAX else ""))
    return ArticleSummary(row["a"], row.get("id", row["a"]), row.get("date", ""), title,
                          _int(row, "entities"), _int(row, "statements"), _int(row, "meetings"))


# Each count is a subquery over the whole store, grouped by article, then joined: one pass each,
# where a count per article row would run three queries per article.
_ARTICLES = """
SELECT ?a (MIN(?id0) AS ?id) (MIN(?date0) AS ?date) (MIN(?title0) AS ?title) (MIN(?head0) AS ?head)
       (MIN(?entities0) AS ?entities) (MIN(?statements0) AS ?statements) (MIN(?meetings0) AS ?meetings) WHERE {
  GRAPH ?g { ?a a kg:Article . OPTIONAL { ?a kg:articleId ?id0 }  OPTIONAL { ?a schema:datePublished ?date0 }
             OPTIONAL { ?a schema:headline ?title0 }  OPTIONAL { ?a nif:isString ?text0 } }
  BIND(SUBSTR(?text0, 1, 400) AS ?head0)
  { SELECT ?a (COUNT(DISTINCT ?x) AS ?entities0) WHERE { GRAPH ?g { ?a a kg:Article . OPTIONAL {
      ?m nif:referenceContext ?a . ?x kg:mention ?m ; a ?c FILTER (?c IN (kg:Person, kg:Organisation, kg:Place)) } } } GROUP BY ?a }
  { SELECT ?a (COUNT(DISTINCT ?s) AS ?statements0) WHERE { GRAPH ?g { ?a a kg:Article .
      OPTIONAL { ?s kg:article ?a ; a kg:Statement } } } GROUP BY ?a }
  { SELECT ?a (COUNT(DISTINCT ?e) AS ?meetings0) WHERE { GRAPH ?g { ?a a kg:Article .
      OPTIONAL { ?e kg:article ?a ; a kg:Meeting } } } GROUP BY ?a }
} GROUP BY ?a ORDER BY STR(?date) ?id ?a"""


def article_summaries(src: Source, offset: int = 0, limit: int | None = None) -> Iterator[ArticleSummary]:
    """Every article, in date order (undated first), as the answers arrive."""
    for row in src.select(_ARTICLES + _page(offset, limit)):
        yield _summary(row)


def _marks(src: Source, a: str, text: str) -> list[Mark]:
    """Every mention of the article, with what it is for which node."""
    marks: dict[str, Mark] = {}
    for row in src.select(f"""SELECT DISTINCT ?m ?b ?e ?t WHERE {{ GRAPH ?g {{
            ?m nif:referenceContext {a} ; nif:beginIndex ?b ; nif:endIndex ?e . OPTIONAL {{ ?m nif:anchorOf ?t }} }} }}"""):
        span = _span(row)
        if span and 0 <= span.begin < span.end <= len(text) and row["m"] not in marks:
            marks[row["m"]] = Mark(span)
    for row in src.select(f"""SELECT DISTINCT ?m ?p ?owner ?c ?value ?title ?speaker WHERE {{ GRAPH ?g {{
            ?m nif:referenceContext {a} . ?owner ?p ?m
            FILTER (?p IN (kg:mention, kg:content, kg:cue, kg:speakerMention, kg:trigger, kg:sentence))
            OPTIONAL {{ ?owner a ?c FILTER (?c IN ({ENTITY_CLASSES}, kg:TimeExpression, kg:Role)) }}
            OPTIONAL {{ ?owner kg:value ?value }} OPTIONAL {{ ?owner kg:roleTitle ?title }}
            OPTIONAL {{ ?owner kg:speaker ?speaker }} }} }}"""):
        mark = marks.get(row["m"])
        if mark is None:
            continue
        if row["p"] == KG + "mention":
            kind = KIND_OF_CLASS.get(row.get("c", ""), "mention")
            note = row.get("value", "") if kind == "time" else row.get("title", "") if kind == "role" else ""
        else:
            kind = ROLE_OF[row["p"]]
            note = row.get("speaker", "") if kind in ("content", "cue", "speaker") else ""
        mark.roles.append(Role(kind, row["owner"], note))
    for mark in marks.values():
        mark.roles = sorted(set(mark.roles), key=lambda r: (r.kind, r.owner, r.note))
    return sorted(marks.values(), key=lambda m: (m.span.begin, -m.span.end, m.span.iri))


def _text_order(spans: list[TextSpan], other: TextSpan | None, iri: str) -> tuple:
    first = spans[0] if spans else other
    return (first.begin, first.end, iri) if first else (-1, -1, iri)


def article_page(src: Source, iri: str) -> ArticlePage:
    a = iri_term(iri)
    rows = list(src.select(f"""SELECT ?id ?date ?title ?text WHERE {{ GRAPH ?g {{ {a} a kg:Article .
        OPTIONAL {{ {a} kg:articleId ?id }} OPTIONAL {{ {a} schema:datePublished ?date }}
        OPTIONAL {{ {a} schema:headline ?title }} OPTIONAL {{ {a} nif:isString ?text }} }} }} ORDER BY ?id ?date ?title"""))
    if not rows:
        raise ViewError(f"{iri}: no such article in the store")
    row = rows[0]
    text = row.get("text", "")
    marks = _marks(src, a, text)
    timexes = sorted({TimexView(r.owner, m.span, r.note, "") for m in marks for r in m.roles if r.kind == "time"},
                     key=lambda t: (t.span.begin, t.span.end, t.iri))
    types = {r["x"]: r.get("type", "") for r in src.select(f"""SELECT DISTINCT ?x ?type WHERE {{ GRAPH ?g {{
        ?m nif:referenceContext {a} . ?x kg:mention ?m ; kg:timexType ?type }} }}""")}
    timexes = [TimexView(t.iri, t.span, t.value, types.get(t.iri, "")) for t in timexes]
    # Beside the text, in the order they appear in it.
    where = f"?s kg:article {a} ."
    said = sorted(statements(src, where), key=lambda s: _text_order(s.contents, s.cue, s.iri))
    met = sorted(meetings(src, where), key=lambda m: _text_order(m.triggers, m.sentence, m.iri))
    owners = {r.owner for m in marks for r in m.roles if r.kind in ENTITY_KINDS}
    named = refs(src, owners | {r.note for m in marks for r in m.roles if r.kind in ("content", "cue", "speaker") and r.note}
                 | {p.iri for m in met for p in m.participants})
    summary = ArticleSummary(iri, row.get("id", iri), row.get("date", ""),
                             _summary({"a": iri, **row, "head": text[:400]}).title, len(owners), len(said), len(met))
    return ArticlePage(summary, text, marks, said, met, timexes, named)


# ---------------------------------------------------------------- entity pages


def same_as(src: Source, iri: str) -> list[str]:
    """The nodes ``owl:sameAs`` joins to ``iri``, either way round and through each other (in any
    article graph or the registry's), itself first."""
    found = {iri}
    frontier = [iri]
    while frontier and len(found) < SAME_AS_MAX:
        step = {row["y"] for row in src.select(
            f"SELECT DISTINCT ?y WHERE {{ {_values(frontier[:VALUES_CHUNK])} GRAPH ?g {{ ?x owl:sameAs|^owl:sameAs ?y }} }}")}
        frontier = sorted(step - found) + frontier[VALUES_CHUNK:]
        found |= step
    return [iri, *sorted(found - {iri})]


def entity_page(src: Source, iri: str) -> EntityPage:
    ref = refs(src, [iri])[iri]
    if ref.kind not in ENTITY_KINDS:
        raise ViewError(f"{iri}: not a person, organisation or place in the store")
    cluster = same_as(src, iri)
    values = _values(cluster)
    names = sorted({row["n"] for row in src.select(
        f"SELECT DISTINCT ?n WHERE {{ {values} GRAPH ?g {{ ?x rdfs:label|schema:alternateName ?n }} }}")},
        key=lambda n: (n != ref.label, n))
    role_rows = list(src.select(f"""SELECT DISTINCT ?r ?title ?of ?former ?asOf ?a WHERE {{ {values} GRAPH ?g {{
        ?x kg:role ?r . OPTIONAL {{ ?r kg:roleTitle ?title }} OPTIONAL {{ ?r kg:roleOf ?of }}
        OPTIONAL {{ ?r kg:former ?former }} OPTIONAL {{ ?r kg:asOf ?asOf }} OPTIONAL {{ ?r kg:article ?a }} }} }}"""))
    article_rows = list(src.select(f"""SELECT ?a (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {values}
        GRAPH ?g {{ ?x kg:mention ?m . ?m nif:referenceContext ?a }} }} GROUP BY ?a"""))
    known = refs(src, [r[k] for r in role_rows for k in ("of", "a") if k in r]
                 + [r["a"] for r in article_rows] + cluster[1:])
    roles = sorted({RoleView(r.get("title", ""), known.get(r.get("of", "")), r.get("former") == "true",
                             r.get("asOf", ""), known.get(r.get("a", ""))) for r in role_rows},
                   key=lambda r: (r.as_of, r.title, r.of.label if r.of else "", r.article.label if r.article else ""))
    articles = sorted((known[r["a"]] for r in article_rows), key=lambda r: (r.label, r.iri))
    said = statements(src, f"{values} ?s kg:speaker ?x .")
    met = meetings(src, f"{values} ?s ?rel ?x FILTER (?rel IN (kg:participant, kg:location))")
    return EntityPage(ref, names, roles, [known[x] for x in cluster[1:]], said, met, articles)


# ---------------------------------------------------------------- the index


def sections(src: Source) -> list[Section]:
    """The index's lists and their sizes, in the order the index shows them."""
    counts = {_local(row["c"]): _int(row, "n") for row in src.select(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c "
        f"FILTER (?c IN (kg:Article, {ENTITY_CLASSES}, kg:Meeting)) }} }} GROUP BY ?c")}
    return [Section("articles", "Articles", counts.get("Article", 0)),
            Section("people", "People", counts.get("Person", 0)),
            Section("organisations", "Organisations", counts.get("Organisation", 0)),
            Section("places", "Places", counts.get("Place", 0)),
            Section("meetings", "Meetings", counts.get("Meeting", 0))]


SECTION_KIND = {"people": "Person", "organisations": "Organisation", "places": "Place"}


def _page(offset: int, limit: int | None) -> str:
    return (f" LIMIT {int(limit)}" if limit is not None else "") + (f" OFFSET {int(offset)}" if offset else "")


def entity_summaries(src: Source, kind: str, offset: int = 0, limit: int | None = None) -> Iterator[EntitySummary]:
    """Every entity of ``kind``, the most widely reported first, then by name."""
    for row in src.select(f"""SELECT ?x (MIN(?l) AS ?label) (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{
            ?x a kg:{kind} . OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x kg:mention ?m . ?m nif:referenceContext ?a }} }} }}
            GROUP BY ?x ORDER BY DESC(?n) ?label ?x""" + _page(offset, limit)):
        yield EntitySummary(row["x"], row.get("label", row["x"]), kind, _int(row, "n"))


def _triples(packed: str) -> list[tuple[str, str, str]]:
    """'iri<TAB>kind<TAB>label' items joined by newlines (GROUP_CONCAT) back into triples."""
    items = [item.split("\t", 2) for item in packed.split("\n") if item]
    return [(i[0], i[1], i[2]) if len(i) == 3 else (i[0], "", i[0]) for i in items]


def meeting_summaries(src: Source, offset: int = 0, limit: int | None = None) -> Iterator[MeetingSummary]:
    """Every meeting in date order (undated first), with its participants' names."""
    for row in src.select(f"""SELECT ?s (MIN(?d) AS ?date) (MIN(?st) AS ?status) (MIN(?p) AS ?place)
            (MIN(?pl) AS ?placeLabel) (MIN(?a0) AS ?a) (MIN(?id0) AS ?articleId)
            (GROUP_CONCAT(DISTINCT CONCAT(STR(?x), "\\t", STRAFTER(STR(COALESCE(?c, kg:)), "#"), "\\t",
                                          COALESCE(?xl, STR(?x))); separator="\\n") AS ?who) WHERE {{ GRAPH ?g {{
            ?s a kg:Meeting .
            OPTIONAL {{ ?s kg:date ?d }}  OPTIONAL {{ ?s kg:status ?st }}
            OPTIONAL {{ ?s kg:location ?p . OPTIONAL {{ ?p rdfs:label ?pl }} }}
            OPTIONAL {{ ?s kg:article ?a0 . OPTIONAL {{ ?a0 kg:articleId ?id0 }} }}
            OPTIONAL {{ ?s kg:participant ?x . OPTIONAL {{ ?x rdfs:label ?xl }}
                       OPTIONAL {{ ?x a ?c FILTER (?c IN ({ENTITY_CLASSES})) }} }} }}
          }} GROUP BY ?s ORDER BY STR(?date) ?articleId ?s""" + _page(offset, limit)):
        who = tuple(sorted({Ref(i, label, kind) for i, kind, label in _triples(row.get("who", ""))},
                           key=lambda r: (r.label, r.iri)))
        place = Ref(row["place"], row.get("placeLabel", row["place"]), "Place") if "place" in row else None
        article = Ref(row.get("a", ""), row.get("articleId", row.get("a", "")), "Article")
        yield MeetingSummary(row["s"], row.get("date", ""), who, place, _local(row.get("status", "")), article)


def encounters(src: Source) -> list[Encounter]:
    """Every pair of actors who took part in one meeting, with how many meetings they shared."""
    people: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for row in src.select(f"""SELECT DISTINCT ?s ?x ?l ?c WHERE {{ GRAPH ?g {{ ?s a kg:Meeting ; kg:participant ?x .
            OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x a ?c FILTER (?c IN ({ENTITY_CLASSES})) }} }} }}"""):
        x = row["x"]
        people[row["s"]].add(x)
        labels[x] = min(labels.get(x, row.get("l", x)), row.get("l", x))
        kinds[x] = min(kinds.get(x, _local(row.get("c", ""))), _local(row.get("c", ""))) or _local(row.get("c", ""))
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for members in people.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[(a, b)] += 1
    return [Encounter(Ref(a, labels[a], kinds[a]), Ref(b, labels[b], kinds[b]), n) for (a, b), n in sorted(shared.items())]


def page_nodes(src: Source) -> Iterator[tuple[str, str]]:
    """(IRI, class) of every node with a page of its own: the articles, people, organisations and places."""
    for row in src.select(f"SELECT DISTINCT ?x ?c WHERE {{ GRAPH ?g {{ ?x a ?c "
                          f"FILTER (?c IN (kg:Article, {ENTITY_CLASSES})) }} }}"):
        yield row["x"], _local(row["c"])
