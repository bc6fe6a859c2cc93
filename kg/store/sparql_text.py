"""SPARQL query text: parameters bound as VALUES, kg's prefixes predeclared, variables found.

The scanner blanks out comments, strings and IRIs first, so a '{', '#' or 'WHERE' inside one of
them is never taken for syntax.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

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
_SELECT = re.compile(r"(?<![\w:?$])select(?![\w:-])", re.I)
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


def bind_values(query: str, params: Mapping[str, Term | Sequence[Term]]) -> str:
    """The query with each parameter bound by a ``VALUES ?name { term ... }`` block: the values go in
    as escaped RDF terms (pyoxigraph's N-Triples form), never as query text, so quotes, braces or '#'
    in them cannot change the query. A parameter may have several values (an entity's nodes), or
    none (a name that matches nothing: no rows).

    The block goes at the start of every WHERE group that uses the variable itself (not only inside
    a subquery of it), so that a subquery that groups or aggregates is evaluated for the bound values
    only, not for the whole store; a variable the query uses nowhere is bound in the outermost group."""
    if not params:
        return query
    code = _code_only(query)
    groups = _where_groups(code)
    if not groups and _is_graph_query(query):  # CONSTRUCT { template } { pattern } has no WHERE keyword
        names = sorted(params)
        rows = _rows(names, params)
        return f"{query}\nVALUES ({' '.join('?' + n for n in names)}) {{ {rows} }}"
    if not groups:
        raise StoreError("query: cannot bind parameters: no WHERE { } group")
    targets: dict[int, list[str]] = {}
    for name in sorted(params):
        using = re.compile(rf"[?$]{name}(?![A-Za-z0-9_])")
        found = [start for start, own in groups if using.search(own)]
        for start in found or [groups[0][0]]:
            targets.setdefault(start, []).append(name)
    out = query
    for start in sorted(targets, reverse=True):
        values = " ".join(f"VALUES ?{name} {{ {_terms(params[name])} }}" for name in targets[start])
        out = f"{out[:start + 1]} {values}\n{out[start + 1:]}"
    return out


def _terms(value: Term | Sequence[Term]) -> str:
    return str(value) if isinstance(value, (ox.NamedNode, ox.Literal)) else " ".join(str(t) for t in value)


def _rows(names: list[str], params: Mapping[str, Term | Sequence[Term]]) -> str:
    """The rows of a multi-variable VALUES block: every combination of the parameters' values."""
    lists = [[v] if isinstance(v, (ox.NamedNode, ox.Literal)) else list(v) for v in (params[n] for n in names)]
    return " ".join(f"({' '.join(str(t) for t in row)})" for row in itertools.product(*lists))


def _where_groups(code: str) -> list[tuple[int, str]]:
    """Each WHERE group of the query (the outer one first, then subqueries'), as the offset of its
    '{' and its own text: the group with the subqueries inside it blanked out."""
    match = _matching_braces(code)
    subqueries = []  # (start, end) of the braces around each subquery: '{ SELECT ... }'
    for m in _SELECT.finditer(code):
        opening = _innermost_open(code, m.start(), match)
        if opening is not None:
            subqueries.append((opening, match[opening]))
    groups = []
    for m in _WHERE.finditer(code):
        brace = code.find("{", m.end())
        if brace < 0 or brace not in match:
            continue
        end = match[brace]
        own = list(code[brace:end + 1])
        for s, e in subqueries:
            if brace < s and e <= end:
                own[s - brace:e - brace + 1] = " " * (e - s + 1)
        groups.append((brace, "".join(own)))
    return groups


def _matching_braces(code: str) -> dict[int, int]:
    match, stack = {}, []
    for i, c in enumerate(code):
        if c == "{":
            stack.append(i)
        elif c == "}" and stack:
            match[stack.pop()] = i
    return match


def _innermost_open(code: str, offset: int, match: dict[int, int]) -> int | None:
    """The '{' of the innermost group around ``offset`` (None at the top level: the query's own SELECT)."""
    inside = [b for b, e in match.items() if b < offset < e]
    return max(inside) if inside else None


def with_prefixes(query: str) -> str:
    """The query with kg's usual prefixes (kg:, rdfs:, nif:, schema:, ...) declared where it uses
    them without declaring them, so that ad-hoc queries can be short."""
    code = _code_only(query)
    declared = {m.lower() for m in re.findall(r"(?i)prefix\s+([\w-]*):", code)}
    missing = [(p, ns) for p, ns in PREFIXES.items()
               if p.lower() not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", code)]
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in missing) + query
