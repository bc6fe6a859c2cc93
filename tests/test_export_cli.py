"""kg export and kg validate through the real CLI: formats, round trips, determinism, errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import EXAMPLES, ROOT, SEED, run_kg
from kg.export import file_stem
from kg.validate import validate_graph


def _rdflib(path, fmt) -> Graph:
    merged = Graph()
    ds = Dataset()
    ds.parse(path, format=fmt)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _oxigraph(path, fmt) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(path=str(path), format=fmt)}


def _as_ox_strings(graph: Graph) -> set[tuple[str, str, str]]:
    return {(str(ox_s), str(ox_p), str(ox_o)) for ox_s, ox_p, ox_o in
            ((q.subject, q.predicate, q.object) for q in ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))}


@pytest.fixture(scope="module")
def seed_exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    for name in ("seed.ttl", "seed.jsonld", "seed.nt", "seed.nq", "seed.trig"):
        result = run_kg("export", SEED, "-o", out / name)
        assert result.exit_code == 0, result.output
    return out


def test_turtle_and_jsonld_round_trip_with_rdflib_and_oxigraph(seed_exports):
    ttl = _rdflib(seed_exports / "seed.ttl", "turtle")
    jsonld = _rdflib(seed_exports / "seed.jsonld", "json-ld")
    assert len(ttl) > 100
    assert isomorphic(ttl, jsonld)
    for name, fmt in (("seed.nt", "nt"), ("seed.nq", "nquads"), ("seed.trig", "trig")):
        assert isomorphic(ttl, _rdflib(seed_exports / name, fmt)), name
    ox_ttl = _oxigraph(seed_exports / "seed.ttl", ox.RdfFormat.TURTLE)
    ox_jsonld = _oxigraph(seed_exports / "seed.jsonld", ox.RdfFormat.JSON_LD)
    assert ox_ttl == ox_jsonld == _as_ox_strings(ttl)


def test_exports_conform_to_the_shapes(seed_exports):
    for name, fmt in (("seed.ttl", "turtle"), ("seed.jsonld", "json-ld")):
        assert validate_graph(_rdflib(seed_exports / name, fmt)) == []
    result = run_kg("validate", seed_exports / "seed.ttl", seed_exports / "seed.nq")
    assert result.exit_code == 0, result.output


def test_jsonld_is_compact_with_the_shipped_context(seed_exports):
    doc = json.loads((seed_exports / "seed.jsonld").read_text(encoding="utf-8"))
    assert "speaker" in doc["@context"] and "participant" in doc["@context"]
    text = json.dumps(doc["@graph"])
    assert '"anchorOf"' in text and "nif-core#anchorOf" not in text


def test_named_graph_per_article(seed_exports):
    graphs = {str(q.graph_name) for q in ox.parse(path=str(seed_exports / "seed.nq"), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {"<https://w3id.org/newskg/data/graph/seed-article>"}


def test_same_input_twice_gives_identical_bytes(tmp_path):
    for fmt, suffix in (("turtle", "ttl"), ("jsonld", "jsonld"), ("nquads", "nq")):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        assert run_kg("export", SEED, "-f", fmt, "-o", a).exit_code == 0
        assert run_kg("export", SEED, "-f", fmt, "-o", b).exit_code == 0
        assert a.read_bytes() == b.read_bytes(), fmt


def test_folder_output_writes_one_file_per_article(tmp_path):
    result = run_kg("export", EXAMPLES, "-o", tmp_path / "out", "-f", "turtle")
    assert result.exit_code == 0, result.output
    articles = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".json", ".jsonl"))
    written = sorted((tmp_path / "out").glob("*.ttl"))
    assert len(written) >= len(articles)
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_base_iri_is_configurable(tmp_path):
    out = tmp_path / "b.nt"
    assert run_kg("export", SEED, "--base", "http://example.org/kg/", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<http://example.org/kg/article/seed-article>" in text and "w3id.org/newskg/data" not in text


def test_stdout_and_stdin():
    result = run_kg("export", "-", "-f", "ntriples", "-o", "-", input="date 2025-01-02\nSergey Lavrov met Antony Blinken in Geneva.")
    assert result.exit_code == 0
    assert '"stdin"' in result.stdout and "schema.org/datePublished" in result.stdout


# ------------------------------------------------------------------ errors, through a real process


def _kg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=ROOT, **kw)


def test_error_cases_each_give_one_line_and_the_others_still_export(tmp_path):
    (tmp_path / "good.txt").write_text("date 2025-05-05\nAngela Merkel visited Paris.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("date 2025-05-05\n   \n", encoding="utf-8")
    (tmp_path / "bad-date.txt").write_text("date 2025-02-30\nText.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society.".encode("latin-1"))
    out = tmp_path / "all.nq"
    proc = _kg("export", tmp_path / "good.txt", tmp_path / "missing.txt", tmp_path / "empty.txt",
               tmp_path / "bad-date.txt", tmp_path / "latin1.txt", "-f", "nquads", "-o", out, "-q")
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert lines == [
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{tmp_path / 'empty.txt'}: empty article: no text",
        f"{tmp_path / 'bad-date.txt'}: malformed date header '2025-02-30': expected 'date YYYY-MM-DD'",
        f"{tmp_path / 'latin1.txt'}: cannot decode as UTF-8 (byte 3)",
    ]
    assert '"good"' in out.read_text(encoding="utf-8")


def test_nothing_exportable_exits_2_and_writes_nothing(tmp_path):
    out = tmp_path / "none.ttl"
    proc = _kg("export", tmp_path / "missing.txt", "-o", out)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert not out.exists() and not list(tmp_path.iterdir())


def test_unknown_format_is_one_line():
    proc = _kg("export", SEED, "-f", "rdfxml", "-o", "-")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "--format: unknown format 'rdfxml': use one of turtle, jsonld, ntriples, nquads, trig"


def test_validate_reports_a_broken_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x/article/a> a kg:Article ; kg:articleId "a" ; nif:isString "Hello world" .
<http://x/article/a#char=0,5> a kg:Mention ; nif:referenceContext <http://x/article/a> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "5"^^xsd:nonNegativeInteger ; nif:anchorOf "Hallo" .
<http://x/s> a kg:Statement ; kg:article <http://x/article/a> ; kg:mode kg:Direct ; kg:quote "q" ;
    kg:content <http://x/article/a#char=0,5> ; kg:date "24 December"  .
""", encoding="utf-8")
    proc = _kg("validate", bad)
    assert proc.returncode == 1
    out = proc.stdout
    assert 'a: http://x/article/a: mention http://x/article/a#char=0,5 ("0"-"5"): nif:anchorOf "Hallo" is not' in out
    assert "http://x/s: a statement has a kg:speaker or is marked kg:unattributed true" in out
    assert "http://x/s: kg:date: " in out
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    proc = _kg("validate", garbage)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_validate_checks_each_article_graph_of_a_corpus_on_its_own(tmp_path, seed_exports):
    """A corpus file holds one graph per article: a break in one is reported with that article only."""
    corpus = tmp_path / "corpus.nq"
    good = (seed_exports / "seed.nq").read_text(encoding="utf-8")
    broken = good.replace("/graph/seed-article>", "/graph/copy>").replace(
        '"Asaad Al Shibani"', '"Asaad Al Shibani"@en', 1)
    corpus.write_text(good + broken, encoding="utf-8")
    proc = _kg("validate", corpus)
    assert proc.returncode == 1, proc.stderr
    # Checked as one merged graph, the mention would also have two anchors (a maxCount break).
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    assert 'nif:anchorOf: "Asaad Al Shibani"@en is not a valid xsd:string' in lines[0]
    proc = _kg("validate", seed_exports / "seed.nq")
    assert proc.returncode == 0 and "in 1 graph)" in proc.stderr


def test_export_reports_progress_after_each_article(tmp_path):
    from kg.export import export

    seen = []
    report = export([EXAMPLES], str(tmp_path / "all.nq"), on_article=lambda r: seen.append(len(r.exported)))
    assert seen == list(range(1, len(report.exported) + 1)) and len(seen) == 3


def test_progress_line_is_drawn_only_on_a_terminal(tmp_path):
    """Through a pipe (as here) stderr holds the summary and problems only, never carriage returns."""
    proc = _kg("export", EXAMPLES, "-o", tmp_path / "all.nq")
    assert proc.returncode == 0 and "\r" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("exported 3 article(s)")


def test_a_reader_that_stops_early_ends_the_export_quietly():
    """`kg export ... -o - | head -1`: no 'Broken pipe' line and no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "export", str(EXAMPLES), "-f", "turtle", "-o", "-", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    assert "Broken pipe" not in stderr and "Traceback" not in stderr, stderr


# ------------------------------------------------------------------ hostile input (issue 13)


def _jsonl(path, *lines: str):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _problems(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("exported ")]


def _article_ids(path) -> list[str]:
    return sorted(q.object.value for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
                  if q.predicate.value.endswith("#articleId"))


GOOD = json.dumps({"id": "good", "text": "Angela Merkel visited Paris."})


def test_a_lone_surrogate_refuses_that_article_only(tmp_path):
    corpus = _jsonl(tmp_path / "s.jsonl", GOOD, r'{"id": "t", "text": "Bad \ud800 text."}',
                    r'{"id": "i\udc00", "text": "Olaf Scholz spoke."}', r'{"id": "ti", "title": "\udfff", "text": "Hi."}')
    out = tmp_path / "s.nq"
    result = run_kg("export", corpus, "-f", "nquads", "-o", out)
    assert result.exit_code == 1
    assert _problems(result) == [
        f"{corpus}:2: text holds a lone surrogate \\ud800 at character 4: not valid Unicode",
        f"{corpus}:3: id holds a lone surrogate \\udc00 at character 1: not valid Unicode",
        f"{corpus}:4: title holds a lone surrogate \\udfff at character 0: not valid Unicode"]
    assert _article_ids(out) == ["good"]


def test_an_article_over_the_size_limit_is_refused_in_one_line(tmp_path):
    from kg.articles import MAX_ARTICLE_CHARS

    huge = json.dumps({"id": "huge", "text": "word " * (MAX_ARTICLE_CHARS // 5) + "x"})
    corpus = _jsonl(tmp_path / "big.jsonl", huge, GOOD)
    (tmp_path / "big.txt").write_text("a" * (MAX_ARTICLE_CHARS + 1), encoding="utf-8")
    out = tmp_path / "big.nq"
    result = run_kg("export", corpus, tmp_path / "big.txt", "-f", "nquads", "-o", out)
    assert result.exit_code == 1
    assert _problems(result) == [
        f"{corpus}:1: article too long: 1,000,001 characters (the limit is 1,000,000)",
        f"{tmp_path / 'big.txt'}: article too long: 1,000,001 characters (the limit is 1,000,000)"]
    assert _article_ids(out) == ["good"]


def test_a_long_article_is_parsed_in_pieces_with_exact_offsets(tmp_path, monkeypatch):
    """Pieces keep the parser's memory bounded; the Doc they join into indexes the text exactly."""
    from kg.nlp import pipeline

    monkeypatch.setattr(pipeline, "PIECE_CHARS", 300)
    paragraphs = [f"Foreign Minister Tomás Reis met Ingrid Halvorsen in Lisbon on Tuesday {i}. \"We agreed,\" "
                  f"Halvorsen said. The talks   went on\nfor hours  " for i in range(12)]
    text = "\n\n".join(paragraphs) + "Reis flew to Oslo." + "x" * 700
    corpus = _jsonl(tmp_path / "long.jsonl", json.dumps({"id": "long", "date": "2026-03-10", "text": text}))
    out = tmp_path / "long.nq"
    result = run_kg("export", corpus, "-f", "nquads", "-o", out)
    assert result.exit_code == 0, result.output
    mentions = _anchors(out)
    assert len(mentions) > 30 and max(b for b, _, _ in mentions) > 1500
    assert all(text[begin:end] == anchor for begin, end, anchor in mentions)


def _anchors(path) -> list[tuple[int, int, str]]:
    """(begin, end, anchorOf) of every mention in an N-Quads file."""
    by_node: dict[str, dict[str, str]] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        name = q.predicate.value.rsplit("#", 1)[-1]
        if name in ("beginIndex", "endIndex", "anchorOf"):
            by_node.setdefault(q.subject.value, {})[name] = q.object.value
    return [(int(v["beginIndex"]), int(v["endIndex"]), v["anchorOf"]) for v in by_node.values() if "anchorOf" in v]


HOSTILE_IDS = ["AP-2016-001", "ap-2016-001", "ap 2016 001", "a/b", "a>b", 'a"b', ".", "..", "unnamed", "CON",
               "x" * 300, "日本語の記事" * 7, "ap-2016-001-0123456789abcdef"]


def test_folder_output_names_are_unique_stable_and_bounded(tmp_path):
    records = [json.dumps({"id": i, "text": f"Angela Merkel visited Paris on day {n}."}) for n, i in enumerate(HOSTILE_IDS)]
    corpus = _jsonl(tmp_path / "ids.jsonl", *records)
    result = run_kg("export", corpus, "-o", tmp_path / "out", "-f", "nquads")
    assert result.exit_code == 0, result.output
    assert f"exported {len(HOSTILE_IDS)} article(s)" in result.stderr
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == len(HOSTILE_IDS)
    assert len({f.name.casefold() for f in files}) == len(files)  # also on a case-insensitive file system
    assert all(len(f.name.encode("utf-8")) <= 100 and f.name[0] not in ".-" for f in files)
    ids = {(_article_ids(f)[0]): f.name for f in files}
    assert sorted(ids) == sorted(HOSTILE_IDS)
    assert ids["ap-2016-001"] == "ap-2016-001.nq" and ids["AP-2016-001"].startswith("ap-2016-001-")
    again = run_kg("export", corpus, "-o", tmp_path / "again", "-f", "nquads")
    assert again.exit_code == 0 and sorted(p.name for p in (tmp_path / "again").iterdir()) == [f.name for f in files]


def test_jsonl_lines_end_at_newline_only(tmp_path):
    """U+2028 and U+2029 are legal inside JSON strings; they do not end a line."""
    corpus = tmp_path / "ls.jsonl"
    corpus.write_text(json.dumps({"id": "ls", "text": "Angela Merkel\u2028visited\u2029Paris."}, ensure_ascii=False)
                      + "\n\u2028\n" + "{broken\n" + GOOD + "\n", encoding="utf-8")
    out = tmp_path / "ls.nq"
    result = run_kg("export", corpus, "-f", "nquads", "-o", out)
    assert result.exit_code == 1
    assert _problems(result) == [f"{corpus}:3: invalid JSON: Expecting property name enclosed in double quotes (column 2)"]
    assert _article_ids(out) == ["good", "ls"]


def test_deeply_nested_json_is_invalid_json_not_a_crash(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    corpus = _jsonl(tmp_path / "deep.jsonl", "[" * 100_000, GOOD)
    out = tmp_path / "deep.nq"
    result = run_kg("export", tmp_path / "deep.json", corpus, "-f", "nquads", "-o", out)
    assert result.exit_code == 1
    assert _problems(result) == [f"{tmp_path / 'deep.json'}: invalid JSON: nested too deeply",
                                 f"{corpus}:1: invalid JSON: nested too deeply"]
    assert _article_ids(out) == ["good"]


@pytest.mark.parametrize("base, why", [
    ("https://example.org/kg#", "must not hold '#' (kg adds '#...' fragments to article IRIs); end it with '/'"),
    ("https://example.org/a b/", "not a valid IRI: Invalid IRI code point ' '"),
    ("https://example.org/{x}/", "not a valid IRI: Invalid IRI code point '{'"),
    ('https://example.org/"q"/', "not a valid IRI: Invalid IRI code point '\"'"),
    ("https://example.org/%zz/", "not a valid IRI: Invalid IRI percent encoding '%zz'"),
    ("example.org/kg/", "not a valid IRI: No scheme found in an absolute IRI"),
    ("https://example.org/kg", "must end with '/'"),
])
def test_a_bad_base_is_refused_once_up_front(tmp_path, base, why):
    result = run_kg("export", SEED, "--base", base, "-o", tmp_path / "x.nq")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"--base {base}: {why}"]
    assert not list(tmp_path.iterdir())


def test_an_id_must_be_a_string_or_an_integer(tmp_path):
    corpus = _jsonl(tmp_path / "ids.jsonl", '{"id": ["x"], "text": "Olaf Scholz spoke."}',
                    '{"id": {"a": 1}, "text": "Olaf Scholz spoke."}', '{"id": true, "text": "Olaf Scholz spoke."}',
                    '{"id": 7, "text": "Olaf Scholz spoke."}')
    out = tmp_path / "ids.nq"
    result = run_kg("export", corpus, "-f", "nquads", "-o", out)
    assert result.exit_code == 1
    assert _problems(result) == [f"{corpus}:1: id must be a string or an integer, not [\"x\"]",
                                 f"{corpus}:2: id must be a string or an integer, not {{\"a\": 1}}",
                                 f"{corpus}:3: id must be a string or an integer, not true"]
    assert _article_ids(out) == ["7"]


@settings(deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8"), max_size=400), min_size=2, max_size=12, unique=True))
def test_file_stems_are_safe_bounded_stable_and_distinct(ids):
    stems = [file_stem(i) for i in ids]
    assert len({s.casefold() for s in stems}) == len(ids)
    assert stems == [file_stem(i) for i in ids]
    assert all(re.fullmatch(r"[a-z0-9_%][a-z0-9_%A-F-]*", s) and len(s) <= 81 for s in stems), stems
