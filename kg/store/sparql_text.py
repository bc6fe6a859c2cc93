"""SPARQL query text: parameters bound as VALUES, kg's prefixes predeclared, variables found.

The scanner blanks out comments, strings and IRIs first, so a '{', '#' or 'WHERE' inside one of
them is never taken for syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from kg.store.errors import StoreError
from kg.vocab import PREFIXES

Term = ox.NamedNode | ox.Literal  # a parameter's value

_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>\Z')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Tokens that may hold '{', '#' or 'WHERE' without being syntax: comments, strings, IRIs.
_SKIP = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>', re.S)
_WHERE = re.compile(r"(?<![\w:?$])where(?![\w:-])", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_SERVICE = re.compile(r"(?<![\w:?$])service(?![\w:-])", re.I)


def parse_param(text: str) -> tuple[str, Term]:
    """'name=value' → (name, plain literal); 'name=<iri>' → (name, IRI)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise StoreError(f"--param {text!r}: expected NAME=VALUE (or NAME=<IRI>)")
    iri = _IRIREF.match(value)
    if value.startswith("<") and value.endswith(">") and len(value) > 1 and not iri:
        raise StoreError(f"--param {name}: {value} is not an IRI (spaces, quotes and braces are not allowed in one)")
    if iri:
        try:
            return name, ox.NamedNode(iri.group(1))
        except ValueError as err:
            raise StoreError(f"--param {name}: not an IRI: {err}") from None
    return name, ox.Literal(value)


def parse_params(texts: Iterable[str]) -> dict[str, Term]:
    """Every ``--param``, by name; a name given twice is an error (a parameter binds one value)."""
    params: dict[str, Term] = {}
    for text in texts:
        name, term = parse_param(text)
        if name in params:
            raise StoreError(f"--param {name} given twice: a parameter binds one value")
        params[name] = term
    return params


def uses_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (a call to another SPARQL server)."""
    return bool(_SERVICE.search(_code_only(query)))


def _code_only(query: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length), so offsets still match."""
    return _SKIP.sub(lambda m: " " * len(m.group(0)), query)


def query_variables(query: str) -> set[str]:
    return set(_VARIABLE.findall(_code_only(query)))


def _is_graph_query(query: str) -> bool:
    code = re.sub(r"(?i)\b(prefix|base)\b\s*\S*:?\s*", " ", _code_only(query))
    first = re.search(r"(?i)\b(select|construct|describe|ask)\b", code)
    return bool(first) and first.group(1).lower() in ("construct", "describe")


def bind_values(query: str, params: Mapping[str, Term]) -> str:
    """The query with each parameter bound by a ``VALUES ?name { term }`` at the start of its WHERE
    group: the value goes in as one escaped RDF term (pyoxigraph's N-Triples form), never as query
    text, so quotes, braces or '#' in it cannot change the query."""
    if not params:
        return query
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in sorted(params.items()))
    code = _code_only(query)
    where = _WHERE.search(code)
    start = where.end() if where else 0
    if not where and _is_graph_query(query):  # CONSTRUCT { template } { pattern } has no WHERE keyword
        return f"{query}\nVALUES ({' '.join('?' + n for n in sorted(params))}) {{ ({' '.join(str(params[n]) for n in sorted(params))}) }}"
    brace = code.find("{", start)
    if brace < 0:
        raise StoreError("query: cannot bind parameters: no WHERE { } group")
    return f"{query[:brace + 1]} {values}\n{query[brace + 1:]}"


def with_prefixes(query: str) -> str:
    """The query with kg's usual prefixes (kg:, rdfs:, nif:, schema:, ...) declared where it uses
    them without declaring them, so that ad-hoc queries can be short."""
    code = _code_only(query)
    declared = {m.lower() for m in re.findall(r"(?i)prefix\s+([\w-]*):", code)}
    missing = [(p, ns) for p, ns in PREFIXES.items()
               if p.lower() not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", code)]
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in missing) + query
