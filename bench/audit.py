#!/usr/bin/env python3
"""Self-audit: a seeded random sample of an export's statements or meetings, printed for judging by hand.

    .venv/bin/python bench/audit.py statements OUT.nq --n 50 --seed 1
    .venv/bin/python bench/audit.py meetings OUT.nq --n 50 --seed 1 --table

Recall is what the gold files measure; precision needs someone to read what was exported. This draws
N records uniformly (the same N for the same export and seed: the population is sorted by IRI before
sampling, so the order of the file does not matter) and prints each with its article, its sentence
and every field a reader judges: for a statement the speaker (entity and mention), cue, content and
mode; for a meeting the triggers, participants, place, date, status and kinds. ``--table`` adds an
empty Markdown judgement table, one row per record, to fill in. The header gives the population and,
for statements, the share without a speaker (``kg:unattributed true`` or no ``kg:speaker``).

Reads only the public terms of the contract (plus ``kg:sentence``, ``kg:unattributed``, ``kg:status``,
``kg:kind``), so any kg export in N-Quads (or TriG, by suffix) can be audited.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox

from kg.graph import PREFIXES

_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
_CLASS = {"statements": "kg:Statement", "meetings": "kg:Meeting"}
_WIDTH = 100


def load(path: Path) -> ox.Store:
    """The export in an in-memory store (all named graphs queried as one)."""
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise SystemExit(f"{path}: cannot audit a {path.suffix or 'suffix-less'} file: give an N-Quads (.nq) or TriG (.trig) export")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (OSError, SyntaxError) as error:
        raise SystemExit(f"{path}: {error}") from None
    return store


def _select(store: ox.Store, query: str, node: ox.NamedNode | None = None) -> list[dict[str, str]]:
    """Rows of a SELECT as {variable: lexical value}; ``?node`` stands for ``node`` when given (written
    as the IRI itself: pyoxigraph substitutes only variables the query projects)."""
    if node is not None:
        query = query.replace("?node", str(node))
    solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def population(store: ox.Store, kind: str) -> list[ox.NamedNode]:
    rows = _select(store, f"SELECT DISTINCT ?s WHERE {{ ?s a {_CLASS[kind]} }}")
    return [ox.NamedNode(iri) for iri in sorted(r["s"] for r in rows)]


def draw(nodes: list[ox.NamedNode], n: int, seed: int) -> list[ox.NamedNode]:
    """``n`` of ``nodes`` uniformly without replacement (all of them when there are fewer), in drawn order."""
    return random.Random(seed).sample(nodes, min(n, len(nodes)))


def unattributed_share(store: ox.Store, total: int) -> tuple[int, float]:
    rows = _select(store, """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?s a kg:Statement . OPTIONAL { ?s kg:unattributed ?u }
        FILTER(?u = true || NOT EXISTS { ?s kg:speaker ?x }) }""")
    n = int(rows[0]["n"]) if rows else 0
    return n, (n / total if total else 0.0)


# Spans of one property of a record, in text order: "anchor [begin,end)" each.
_SPANS = """SELECT DISTINCT ?text ?b ?e WHERE { ?node %s ?m . ?m nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e }
            ORDER BY xsd:integer(?b)"""
_ARTICLE = """SELECT ?id WHERE { { ?node kg:article ?a } UNION { ?node kg:content|kg:trigger ?m .
              ?m nif:referenceContext ?a } ?a kg:articleId ?id } LIMIT 1"""
# One line per entity, named as the record's own article names it: the node also holds the labels other
# articles gave it ("Donald Trump", "DONALD TRUMP"), which would read as several participants.
_ENTITIES = """SELECT ?x (MIN(?l) AS ?label) (MIN(?c) AS ?class) WHERE {
               GRAPH ?g { ?node %s ?x . OPTIONAL { ?x rdfs:label ?l } }
               OPTIONAL { ?x a ?c FILTER(?c IN (kg:Person, kg:Organisation, kg:Place)) } } GROUP BY ?x ORDER BY ?label"""
# The mentions of a meeting's participants inside its sentence: which words were taken for each.
_IN_SENTENCE = """SELECT DISTINCT ?text ?b ?e WHERE { ?node kg:participant ?x ; kg:sentence ?s .
    ?s nif:referenceContext ?a ; nif:beginIndex ?sb ; nif:endIndex ?se .
    ?x kg:mention ?m . ?m nif:referenceContext ?a ; nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e
    FILTER(?b >= ?sb && ?e <= ?se) } ORDER BY xsd:integer(?b)"""
_VALUES = "SELECT DISTINCT ?v WHERE { ?node %s ?v } ORDER BY ?v"


def _spans(store: ox.Store, node: ox.NamedNode, prop: str) -> list[str]:
    return [f"{r['text']!r} [{r['b']},{r['e']})" for r in _select(store, _SPANS % prop, node)]


def _entities(store: ox.Store, node: ox.NamedNode, prop: str) -> list[str]:
    return [f"{r.get('label', '?')} ({_local(r.get('class', ''))})" for r in _select(store, _ENTITIES % prop, node)]


def _values(store: ox.Store, node: ox.NamedNode, prop: str) -> list[str]:
    return [_local(r["v"]) for r in _select(store, _VALUES % prop, node)]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if "://" in iri else iri


def statement_fields(store: ox.Store, node: ox.NamedNode) -> list[tuple[str, str]]:
    speaker = _entities(store, node, "kg:speaker")
    return [("speaker", ", ".join(speaker) or "— (unattributed)"),
            ("speaker mention", " … ".join(_spans(store, node, "kg:speakerMention")) or "—"),
            ("cue", " … ".join(_spans(store, node, "kg:cue")) or "—"),
            ("content", " … ".join(_spans(store, node, "kg:content")) or "—"),
            ("mode", ", ".join(_values(store, node, "kg:mode")) or "—"),
            ("date", ", ".join(_values(store, node, "kg:date")) or "—")]


def meeting_fields(store: ox.Store, node: ox.NamedNode) -> list[tuple[str, str]]:
    return [("trigger", " … ".join(_spans(store, node, "kg:trigger")) or "—"),
            ("participants", "; ".join(_entities(store, node, "kg:participant")) or "—"),
            ("their mentions", " … ".join(f"{r['text']!r} [{r['b']},{r['e']})"
                                          for r in _select(store, _IN_SENTENCE, node)) or "—"),
            ("host", "; ".join(_entities(store, node, "kg:host")) or "—"),
            ("place", "; ".join(_entities(store, node, "kg:location")) or "—"),
            ("date", ", ".join(_values(store, node, "kg:date")) or _coarse_date(store, node) or "—"),
            ("status", ", ".join(_values(store, node, "kg:status")) or "—"),
            ("kinds", ", ".join(_values(store, node, "kg:kind")) or "—")]


def _coarse_date(store: ox.Store, node: ox.NamedNode) -> str:
    """A week or season (no xsd type holds them, so no kg:date): the value and words of the meeting's
    time expression ("2016-W35 (time expression 'this week' [10,19))")."""
    values = _values(store, node, "kg:timeExpression/kg:value")
    words = _spans(store, node, "kg:timeExpression/kg:mention")
    return f"{', '.join(values)} (time expression {' … '.join(words)})" if values else ""


_FIELDS = {"statements": statement_fields, "meetings": meeting_fields}
_JUDGEMENTS = {"statements": ("real speech", "speaker right", "content right", "mode right", "fully correct"),
               "meetings": ("real meeting", "participants right", "none missing", "fully correct")}


def record(store: ox.Store, kind: str, node: ox.NamedNode, number: int, of: int) -> str:
    article = _select(store, _ARTICLE, node)
    sentence = " … ".join(r["text"] for r in _select(store, _SPANS % "kg:sentence", node)) or "—"
    lines = [f"[{number}/{of}] {node.value}", f"  {'article':<16} {article[0]['id'] if article else '—'}"]
    lines += textwrap.wrap(" ".join(sentence.split()), _WIDTH, initial_indent=f"  {'sentence':<16} ",
                           subsequent_indent=" " * 19)
    for name, value in _FIELDS[kind](store, node):
        lines += textwrap.wrap(" ".join(value.split()), _WIDTH, initial_indent=f"  {name:<16} ",
                               subsequent_indent=" " * 19) or [f"  {name:<16}"]
    return "\n".join(lines)


def judgement_table(kind: str, n: int) -> str:
    columns = ("#",) + _JUDGEMENTS[kind] + ("note",)
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    rows += ["| " + " | ".join([str(i)] + [""] * (len(columns) - 1)) + " |" for i in range(1, n + 1)]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(_CLASS))
    parser.add_argument("export", type=Path, help="a kg export in N-Quads (.nq) or TriG (.trig)")
    parser.add_argument("--n", type=int, default=50, help="records to draw (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--table", action="store_true", help="append an empty Markdown judgement table")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    store = load(args.export)
    nodes = population(store, args.kind)
    sample = draw(nodes, args.n, args.seed)
    header = f"{args.kind}: {len(nodes)} in {args.export}; sample of {len(sample)}, seed {args.seed}"
    if args.kind == "statements":
        n, share = unattributed_share(store, len(nodes))
        header += f"\nstatements without a speaker: {n} of {len(nodes)} ({share:.1%})"
    print(header, end="\n\n")
    for i, node in enumerate(sample, 1):
        print(record(store, args.kind, node, i, len(sample)), end="\n\n")
    if args.table:
        print(judgement_table(args.kind, len(sample)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `audit.py ... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
