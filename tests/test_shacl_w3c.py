"""kg's SHACL engine (kg.shacl) held to the W3C SHACL core test suite in ../shared/w3c-shacl-core/.

Each `sht:Validate` test holds a data graph, a shapes graph and the expected `sh:ValidationReport`.
The engine must either refuse the test's shapes when compiling (a ShapesError naming what it does
not implement) or report exactly the expected results: the same multiset of (focus node, result
path, constraint component, value, source shape, severity), where the expected report names them.
A test it accepts and then answers differently is a bug. Skipped when ../shared is absent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.shacl import Data, ShapesError, compile_shapes, normalise

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "w3c-shacl-core"

pytestmark = pytest.mark.skipif(not (SUITE / "manifest.ttl").is_file(), reason=f"{SUITE} is absent")

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# The counts on the day the test was written: the engine may refuse fewer tests, never more.
MOST_REFUSED = 1


def iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(name)


NIL = iri(RDF + "nil")
NAMED_BY_A_RESULT = {iri(SH + p) for p in ("focusNode", "value", "sourceShape")}


class Triples:
    """One file's triples, indexed by subject."""

    def __init__(self, path: Path):
        self.triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())]
        self.out: dict = {}
        for t in self.triples:
            self.out.setdefault(t.subject, {}).setdefault(t.predicate, []).append(t.object)

    def objects(self, node, predicate: str) -> list:
        return self.out.get(node, {}).get(iri(predicate), [])

    def value(self, node, predicate: str):
        found = self.objects(node, predicate)
        return found[0] if found else None

    def items(self, head) -> list:
        items = []
        while head != NIL:
            items.append(self.value(head, RDF + "first"))
            head = self.value(head, RDF + "rest")
        return items

    def reachable(self, node) -> set:
        """The triples of the report ``node``: its results and their paths, not the data or shape
        nodes that a result names (which may be blank nodes of this same file)."""
        found, todo, seen = set(), [node], set()
        while todo:
            n = todo.pop()
            seen.add(n)
            for p, objects in self.out.get(n, {}).items():
                for o in objects:
                    found.add(ox.Triple(n, p, o))
                    if isinstance(o, ox.BlankNode) and o not in seen and p not in NAMED_BY_A_RESULT:
                        todo.append(o)
        return found


@cache
def read(path: Path) -> Triples:
    return Triples(path)


def path_key(graph: Triples, node) -> str:
    """A SHACL path as kg.shacl keys a result: a predicate path as its IRI, any other in SPARQL syntax
    (written here independently of the engine, from the SHACL spec's path syntax)."""
    if node is None:
        return ""
    return node.value if isinstance(node, ox.NamedNode) else _sparql_path(graph, node)


def _sparql_path(graph: Triples, node) -> str:
    if isinstance(node, ox.NamedNode):
        return f"<{node.value}>"
    if graph.objects(node, RDF + "first"):
        return "(" + "/".join(_sparql_path(graph, n) for n in graph.items(node)) + ")"
    for name, mark in (("inversePath", "^"), ("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
        inner = graph.value(node, SH + name)
        if inner is not None:
            text = _sparql_path(graph, inner)
            return mark + text if mark == "^" else text + mark
    choices = graph.value(node, SH + "alternativePath")
    return "(" + "|".join(_sparql_path(graph, n) for n in graph.items(choices)) + ")"


@dataclass(frozen=True)
class Case:
    name: str  # folder/file stem
    file: Path
    test: ox.NamedNode

    def graphs(self) -> tuple[Triples, list, list]:
        """The test file, the data graph's triples and the shapes graph's triples.

        The shapes graph leaves out the test's own expected report (its sh:result, sh:focusNode...
        terms are test metadata, not shapes); the data graph is the file as the suite gives it."""
        tests = read(self.file)
        action = tests.value(self.test, MF + "action")
        expected = tests.value(self.test, MF + "result")
        report = tests.reachable(expected)

        def graph(predicate: str) -> list:
            path = Path(tests.value(action, SHT + predicate).value.removeprefix("file://"))
            return [t for t in read(path).triples if path != self.file or t not in report]

        return tests, graph("dataGraph"), graph("shapesGraph")

    def separate_files(self) -> bool:
        tests = read(self.file)
        action = tests.value(self.test, MF + "action")
        return any(tests.value(action, SHT + p) != iri(self.file.as_uri()) for p in ("dataGraph", "shapesGraph"))

    def expected(self) -> Counter | None:
        """The expected results, or None when the suite expects the shapes to be rejected."""
        tests = read(self.file)
        report = tests.value(self.test, MF + "result")
        if iri(SH + "ValidationReport") not in tests.objects(report, RDF + "type"):
            return None
        found = Counter()
        for r in tests.objects(report, SH + "result"):
            value, shape = tests.value(r, SH + "value"), tests.value(r, SH + "sourceShape")
            found[(normalise(tests.value(r, SH + "focusNode")), path_key(tests, tests.value(r, SH + "resultPath")),
                   tests.value(r, SH + "sourceConstraintComponent").value,
                   None if value is None else normalise(value), shape, tests.value(r, SH + "resultSeverity").value)] += 1
        return found


def cases() -> list[Case]:
    if not (SUITE / "manifest.ttl").is_file():
        return []
    found, todo = [], [SUITE / "manifest.ttl"]
    while todo:
        manifest = todo.pop(0)
        graph = read(manifest)
        for head in graph.objects(iri(manifest.as_uri()), MF + "entries"):
            for test in graph.items(head):
                if iri(SHT + "Validate") in graph.objects(test, RDF + "type"):
                    found.append(Case(f"{manifest.parent.name}/{manifest.stem}", manifest, test))
        todo += [Path(i.value.removeprefix("file://")) for i in graph.objects(iri(manifest.as_uri()), MF + "include")]
    return found


@cache
def outcome(case: Case) -> tuple[str, str]:
    """("refused", the compiler's reason), ("passed", "") or ("wrong", what differs)."""
    tests, data, shapes = case.graphs()
    expected = case.expected()
    try:
        compiled = compile_shapes(shapes)
    except ShapesError as err:
        return "refused", str(err)
    if expected is None:
        return "wrong", "the suite expects these shapes to be rejected as ill-formed"
    results = compiled.validate(Data(data))
    got = Counter((r.focus, r.path, r.component, r.value, r.shape.node, r.severity) for r in results)
    if case.separate_files():  # a blank node of another file cannot be named in the expected report
        got, expected = (Counter(tuple("_:" if isinstance(t, ox.BlankNode) else t for t in key)
                                 for key in keys.elements()) for keys in (got, expected))
    if got == expected:
        return "passed", ""
    return "wrong", f"missing {dict(expected - got)}, unexpected {dict(got - expected)}"


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_engine_refuses_or_reports_exactly_the_expected_results(case):
    verdict, detail = outcome(case)
    assert verdict != "wrong", f"{case.name}: {detail}"
    if verdict == "refused":
        assert detail.strip(), "a refusal names what is not implemented"


def test_the_suite_is_read_and_the_engine_refuses_no_more_than_before(request):
    counts = Counter(outcome(case)[0] for case in CASES)
    line = (f"W3C SHACL core: {len(CASES)} sht:Validate tests, {counts['refused']} refused at compile time, "
            f"{counts['passed']} of {len(CASES) - counts['refused']} accepted passed, {counts['wrong']} wrong")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():  # the counts show in every run, not only on failure
            reporter.write_line("\n" + line)
    else:
        print(line)
    assert len(CASES) == 98  # every sht:Validate test of the suite's manifests was found
    assert counts["refused"] <= MOST_REFUSED, [(c.name, outcome(c)[1]) for c in CASES if outcome(c)[0] == "refused"]


def test_a_report_writes_each_result_path_as_the_suite_spells_it(tmp_path):
    """Through kg's report writer: every result path of the accepted tests (complex ones too) reads
    back as the path the engine keyed it by."""
    from kg.validate import _violation, write_report

    checked = 0
    for case in CASES:
        if outcome(case)[0] != "passed":
            continue
        _, data, shapes = case.graphs()
        results = [r for r in compile_shapes(shapes).validate(Data(data)) if r.path]
        if not results:
            continue
        write_report(tmp_path / "report.ttl", [_violation(r, "") for r in results])
        report = Triples(tmp_path / "report.ttl")
        written = Counter(path_key(report, p) for s, paths in report.out.items()
                          for p in paths.get(iri(SH + "resultPath"), []))
        assert written == Counter(r.path for r in results), case.name
        checked += sum(1 for r in results if not r.path.startswith("http"))
    assert checked > 10  # complex paths among them
