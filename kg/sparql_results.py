"""SPARQL results as plain data, and their printed forms: table, CSV, TSV, JSON, Turtle.

Both stores (embedded and remote) hand back the same ``QueryResult`` — SELECT bindings in the
SPARQL 1.1 Query Results JSON term form, ASK as a boolean, CONSTRUCT/DESCRIBE as N-Triples — so a
query prints the same whichever store answered it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph import PREFIXES

SELECT, ASK, GRAPH = "select", "ask", "graph"
FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples")

Term = dict[str, str]  # {"type": "uri"|"literal"|"bnode", "value": ..., "datatype"?: ..., "xml:lang"?: ...}


@dataclass
class QueryResult:
    kind: str  # SELECT | ASK | GRAPH
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    ntriples: bytes = b""  # CONSTRUCT / DESCRIBE answers

    @classmethod
    def from_json(cls, doc: dict) -> QueryResult:
        """From a SPARQL 1.1 Query Results JSON document."""
        if "boolean" in doc:
            return cls(ASK, boolean=bool(doc["boolean"]))
        rows = [{k: _normal(v) for k, v in row.items()} for row in doc.get("results", {}).get("bindings", [])]
        return cls(SELECT, list(doc.get("head", {}).get("vars", [])), rows)


def _normal(term: Term) -> Term:
    """One spelling per term: 'typed-literal' (old endpoints) is 'literal'; xsd:string is a plain literal."""
    term = dict(term)
    if term.get("type") == "typed-literal":
        term["type"] = "literal"
    if term.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
        del term["datatype"]
    return term


def render(result: QueryResult, fmt: str) -> str:
    """The result printed in ``fmt`` (one of FORMATS)."""
    if result.kind == GRAPH:
        if fmt == "ntriples":
            return result.ntriples.decode("utf-8")
        if fmt == "json":
            raise ValueError("CONSTRUCT and DESCRIBE answers print as turtle or ntriples, not json")
        return to_turtle(result.ntriples)
    if fmt in ("turtle", "ntriples"):
        raise ValueError(f"{fmt} is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")
    if fmt == "json":
        return to_json(result)
    if result.kind == ASK:
        return ("true" if result.boolean else "false") + "\n"
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv}[fmt](result)


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == ASK:
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": result.variables}, "results": {"bindings": result.rows}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values (IRIs and literals' lexical forms)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([row[v]["value"] if v in row else "" for v in result.variables])
    return out.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: each value as an RDF term in SPARQL/Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(turtle_term(row[v]) if v in row else "" for v in result.variables))
    return "\n".join(lines) + "\n"


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
    text = short_term(term)
    return text if term["type"] != "literal" or len(text) <= width else text[: width - 1] + "…"


def short_term(term: Term) -> str:
    """A term for people to read: a prefixed name where a known prefix fits, a literal's text
    on one line."""
    value = term["value"]
    if term["type"] == "uri":
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and value != namespace:
                return f"{prefix}:{value[len(namespace):]}"
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    return value.replace("\r", " ").replace("\n", " ")


def turtle_term(term: Term) -> str:
    """A term in N-Triples/Turtle syntax, properly escaped."""
    return str(ox_term(term))


def ox_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term["type"] == "uri":
        return ox.NamedNode(term["value"])
    if term["type"] == "bnode":
        return ox.BlankNode(term["value"])
    if "xml:lang" in term:
        return ox.Literal(term["value"], language=term["xml:lang"])
    if "datatype" in term:
        return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(term["value"])


def to_turtle(ntriples: bytes) -> str:
    triples = sorted(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES),
                     key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
