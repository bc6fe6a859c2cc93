"""The one ingestion path: ingest() and the picklable per-article step a cluster maps."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pyoxigraph as ox
from hypothesis import given, strategies as st

from conftest import SEED, run_kg
from kg.ingest import ArticleResult, Settings, ingest, process_article

RECORDS = [
    {"id": "lisbon", "date": "2026-03-10", "text": "Foreign Minister Tomás Reis met Ingrid Halvorsen in Lisbon on "
     "Tuesday. \"We agreed on a working group,\" Halvorsen said."},
    {"id": "geneva", "date": None, "title": "Talks", "text": "Sergey Lavrov met Antony Blinken in Geneva last week."},
]


def _exported(tmp_path, records, *args) -> bytes:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.nq"
    result = run_kg("export", corpus, "-f", "nquads", "-o", out, "-q", *args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_process_article_and_its_settings_pickle():
    assert pickle.loads(pickle.dumps(process_article)) is process_article
    settings = Settings(base="https://example.org/kg/", validate=False, authority="authority.csv")
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_process_article_gives_the_bytes_kg_export_gives(tmp_path, nlp):
    exported = _exported(tmp_path, RECORDS)
    nquads = [process_article(record, Settings())[0] for record in RECORDS]
    assert b"".join(nquads) == exported
    data, report = process_article(RECORDS[0], Settings())
    assert json.loads(json.dumps(report)) == report
    assert report["id"] == "lisbon" and report["error"] is None and report["words"] == 19


def test_process_article_in_worker_processes_gives_the_same_bytes(tmp_path, nlp):
    """What a cluster does: the function and its settings cross a process boundary by pickle."""
    exported = _exported(tmp_path, RECORDS)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(process_article, RECORDS, [Settings()] * len(RECORDS)))
    assert b"".join(data for data, _ in results) == exported


def test_process_article_refuses_a_bad_record_in_its_report():
    data, report = process_article({"id": "x", "text": "   "}, Settings())
    assert data == b"" and report["error"] == "empty article: no text" and report["problems"] == ["x: empty article: no text"]


def test_ingest_reports_bad_articles_and_goes_on(tmp_path):
    """Articles come out in input order; a refusal may come out up to one parser batch early."""
    good = tmp_path / "good.txt"
    good.write_text("date 2025-05-05\nAngela Merkel visited Paris.", encoding="utf-8")
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text('{"id": "a", "text": "Olaf Scholz spoke in Berlin."}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    lines: list[str] = []
    results = list(ingest([good, tmp_path / "missing.txt", corpus], Settings(), on_problem=lines.append))
    assert sorted(r.ok for r in results) == [False, False, False, True, True]
    assert [r.article.id for r in results if r.ok] == ["good", "a"]
    assert lines == [f"{tmp_path / 'missing.txt'}: no such file or folder",
                     f"{corpus}:2: invalid JSON: Expecting value (column 1)",
                     f"{corpus}:3: missing 'text' (a string)"]
    assert all(r.quads == [] and r.problems() == [str(r.error)] for r in results if not r.ok)


def test_a_result_names_its_graph_and_triples_as_the_export_does(tmp_path):
    (result,) = list(ingest([SEED], Settings(validate=False)))
    exported = tmp_path / "seed.nq"
    assert run_kg("export", SEED, "-o", exported, "-q").exit_code == 0
    quads = list(ox.parse(path=str(exported), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {result.graph_iri}
    assert set(result.triples()) == {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert result.nquads() == exported.read_bytes()
    assert isinstance(result, ArticleResult) and result.violations == [] and result.words == 422


def test_timings_collect_each_stage(tmp_path):
    from collections import defaultdict

    timings: defaultdict[str, float] = defaultdict(float)
    list(ingest([SEED], Settings(), timings=timings))
    assert set(timings) == {"read", "parse", "extract", "map", "validate"}
    assert all(seconds > 0 for seconds in timings.values())


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=1, max_value=60))
def test_pieces_join_back_into_the_text_and_keep_to_the_size(text, size):
    from kg.nlp.pipeline import pieces

    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(0 < len(p) <= size for p in parts) or parts == [""]


def test_pieces_are_cut_after_paragraphs_first():
    from kg.nlp.pipeline import pieces

    assert pieces("One. Two.\n\nThree four. Five", 20) == ["One. Two.\n\n", "Three four. Five"]
    assert pieces("One two three. Four five six", 20) == ["One two three. ", "Four five six"]
