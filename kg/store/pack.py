"""The query pack: the SPARQL files in kg/queries/, what each answers, and QUERY as users give it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.store.errors import StoreError
from kg.vocab import KG_NS

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"


@dataclass(frozen=True)
class PackQuery:
    name: str
    path: Path
    summary: str  # the header comment, first paragraph
    parameters: tuple[str, ...]


@cache
def query_pack() -> tuple[PackQuery, ...]:
    """The queries in kg/queries/*.rq, with their header comments."""
    pack = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line.lstrip("#").strip())
        summary = " ".join(header[: header.index("")] if "" in header else header)
        params = tuple(m.group(1) for line in header for m in [re.match(r"(?i)param(?:eter)?s?:?\s*\??(\w+)", line)] if m)
        pack.append(PackQuery(path.stem, path, summary, params))
    return tuple(pack)


_PARAMETER_LINE = re.compile(r"#\s*param(?:eter)?s?:?\s*\??(\w+)\s*\(([^)]*)\)", re.I)
_CLASS = re.compile(r"\bkg:(\w+)")


def entity_parameters(text: str) -> dict[str, tuple[str, ...]]:
    """The parameters the query's header declares as naming an entity (``# Parameter ?person
    (optional, an entity: kg:Person, kg:Organisation): ...``), each with the IRIs of the classes it
    may be (none listed: any). ``kg query`` looks their names up in the store's name index and binds
    them to every node of the entity (kg/store/names.py)."""
    return {name: tuple(KG_NS + c for c in _CLASS.findall(kind))
            for name, kind in _declared_parameters(text) if re.search(r"\bentity\b", kind, re.I)}


def title_parameters(text: str) -> set[str]:
    """The parameters the query's header declares as role titles (``# Parameter ?role (optional,
    a role title): ...``): ``kg query`` binds them to every title in the store that the value is
    part of, any case (kg/store/names.py), so the query reads only the roles with those titles."""
    return {name for name, kind in _declared_parameters(text) if re.search(r"\brole title\b", kind, re.I)}


def _declared_parameters(text: str) -> Iterator[tuple[str, str]]:
    """Each parameter the query's header declares with a parenthesis, as (name, what the parenthesis says)."""
    for line in text.splitlines():
        if not line.startswith("#"):
            return
        m = _PARAMETER_LINE.match(line)
        if m:
            yield m.group(1), m.group(2)


def resolve_query(arg: str) -> str:
    """QUERY as given on the command line: '@file.rq', a pack name, or SPARQL text."""
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise StoreError(f"{path}: cannot read query: {err.strerror or err}") from None
    for q in query_pack():
        if q.name == arg:
            return q.path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", arg.strip()):
        names = ", ".join(q.name for q in query_pack())
        raise StoreError(f"query {arg!r}: no such query in the pack (kg query --list): {names}")
    return arg
