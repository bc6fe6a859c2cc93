"""SPARQL answers, from either store, printed as a table, CSV, TSV, JSON, Turtle or N-Triples.

Both stores hand back a ``QueryResult`` made from pyoxigraph's own answer objects: the embedded
store's as they come, a remote endpoint's parsed by ``pyoxigraph.parse_query_results`` (or as RDF),
chosen by the response's Content-Type. pyoxigraph writes TSV and JSON, so a query prints the same
whichever store answered it. CSV and the table are kg's own: pyoxigraph's CSV writer leaves IRIs
unquoted, and every mention or statement IRI kg mints holds a comma (``#char=114,130``), which
would split one field into two; the table is what people read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import TypeVar

import pyoxigraph as ox

from kg.vocab import PREFIXES

SELECT, ASK, GRAPH = "select", "ask", "graph"
FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples")
_RESULTS_FORMAT = {"tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}
# The result formats pyoxigraph can read back (it writes CSV but has no CSV reader).
_READABLE = (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Answer = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]
T = TypeVar("T")


class AnswerError(Exception):
    """The answer could not be evaluated or read: a SERVICE that failed, a malformed reply."""


class QueryResult:
    """One answer. A SELECT answer is a stream, read once: print it (``render``) or take its
    ``rows``; evaluation happens while it is read, so errors (``AnswerError``) come then."""

    def __init__(self, answer: Answer):
        self._solutions: ox.QuerySolutions | None = None
        self._rows: list[dict[str, Term]] | None = None
        self._triples: Iterable[ox.Triple] | None = None
        self.variables: list[str] = []
        self.boolean: bool | None = None
        if isinstance(answer, ox.QuerySolutions):
            self.kind = SELECT
            self._solutions = answer
            self.variables = [v.value for v in answer.variables]
        elif isinstance(answer, ox.QueryBoolean):
            self.kind = ASK
            self._answer = answer
            self.boolean = bool(answer)
        else:
            self.kind = GRAPH
            self._triples = answer

    @classmethod
    def from_http(cls, data: bytes, content_type: str) -> QueryResult:
        """An endpoint's answer, read in the format its Content-Type names."""
        media_type = content_type.split(";", 1)[0].strip()
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        if results_format in _READABLE:
            return cls(_read(lambda: ox.parse_query_results(data, results_format)))
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is not None:
            return cls(ox.parse(data, format=rdf_format))
        raise AnswerError(f"answer is {media_type or 'of no Content-Type'}, not SPARQL results (JSON, XML, TSV) or RDF")

    @property
    def rows(self) -> list[dict[str, Term]]:
        """A SELECT answer's solutions, each as {variable: term} for the variables it binds."""
        if self.kind != SELECT:
            raise AnswerError(f"the answer is {'a boolean' if self.kind == ASK else 'a graph'}, not a table of solutions")
        if self._rows is None:
            solutions = self._take_solutions()
            self._rows = _read(lambda: [{v: t for v, t in zip(self.variables, s) if t is not None}
                                        for s in solutions])
        return self._rows

    @property
    def triples(self) -> list[ox.Triple]:
        """A CONSTRUCT or DESCRIBE answer's triples, in the order the store gave them."""
        if not isinstance(self._triples, list):
            answer = self._triples or ()
            self._triples = _read(lambda: list(answer))
        return self._triples

    def serialized(self, fmt: str) -> str:
        """A SELECT or ASK answer in a W3C result format (tsv or json), as pyoxigraph writes it."""
        answer = self._answer if self.kind == ASK else self._take_solutions()
        text = _read(lambda: answer.serialize(format=_RESULTS_FORMAT[fmt])).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"

    def _take_solutions(self) -> ox.QuerySolutions:
        if self._solutions is None:
            raise RuntimeError("a SELECT answer is read once: it was already read")
        solutions, self._solutions = self._solutions, None
        return solutions


def _read(step: Callable[[], T]) -> T:
    """Run one step that evaluates or parses an answer; its failure becomes one AnswerError line."""
    try:
        return step()
    except (OSError, SyntaxError, RuntimeError, ValueError) as err:
        text = str(err).strip()
        raise AnswerError(text.splitlines()[0] if text else type(err).__name__) from None


def check_format(kind: str, fmt: str) -> None:
    """Raise ValueError when answers of ``kind`` cannot be printed in ``fmt`` (graphs print as
    Turtle in every format but ntriples and json)."""
    if kind == GRAPH and fmt == "json":
        raise ValueError("CONSTRUCT and DESCRIBE answers print as turtle or ntriples, not json")
    if kind != GRAPH and fmt in ("turtle", "ntriples"):
        raise ValueError(f"{fmt} is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")


def render(result: QueryResult, fmt: str) -> str:
    """The result printed in ``fmt`` (one of FORMATS)."""
    check_format(result.kind, fmt)
    if result.kind == GRAPH:
        if fmt == "ntriples":
            return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return to_turtle(result.triples)
    if result.kind == ASK and fmt in ("table", "csv"):
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return to_table(result)
    if fmt == "csv":
        return to_csv(result)
    return result.serialized(fmt)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values (IRIs, ``_:`` blank nodes, literals' lexical
    forms), every field quoted as RFC 4180 needs."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(row[v]) if v in row else "" for v in result.variables])
    return out.getvalue()


def _plain(term: Term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


TABLE_TEXT_WIDTH = 60  # longer literals (quotes, sentences) are cut in tables; csv/tsv/json keep them whole


def to_table(result: QueryResult, width: int = TABLE_TEXT_WIDTH) -> str:
    """An aligned, readable table: IRIs shortened with the usual prefixes (never cut, so they can be
    copied into --param), literals as their text on one line, cut at ``width`` characters."""
    header = result.variables
    cells = [[_cell(row[v], width) if v in row else "" for v in header] for row in result.rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(header)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    rows = [line(header), line(["-" * w for w in widths])] + [line(c) for c in cells]
    rows.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(rows) + "\n"


def _cell(term: Term, width: int) -> str:
    text = printable(short_term(term))
    return text if not isinstance(term, ox.Literal) or len(text) <= width else text[: width - 1] + "…"


# What a terminal would obey instead of print: C0 and C1 controls and DEL (ESC starts colour,
# title, cursor and clipboard sequences; BEL rings), and the bidi controls that reorder what
# follows them on the line (Trojan Source); line and paragraph separators break the table's line.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_CONTROLS.update({c: f"\\u{c:04x}" for c in [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})
_CONTROLS.update({0x2028: " ", 0x2029: " "})


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters written as escapes (``\\x1b``)."""
    return text.translate(_CONTROLS)


def short_term(term: Term) -> str:
    """A term for people to read: a prefixed name where a known prefix fits, a literal's text
    on one line."""
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and value != namespace:
                return f"{prefix}:{value[len(namespace):]}"
        return f"<{value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value.replace("\r", " ").replace("\n", " ")
    return str(term)  # an RDF-star quoted triple


def to_turtle(triples: Iterable[ox.Triple]) -> str:
    """Turtle with kg's prefixes, the triples sorted so the same answer prints the same."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
