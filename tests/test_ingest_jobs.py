"""``kg export --jobs N``: whole articles in N worker processes give what ``--jobs 1`` gives, byte for
byte and problem line for problem line, in input order."""

from __future__ import annotations

import json

import pytest

import kg.ingest
from conftest import run_kg

TEXTS = [
    "Foreign Minister Tomás Reis met Ingrid Halvorsen in Lisbon on Tuesday. \"We agreed on a working group,\" "
    "Halvorsen said.",
    "Sergey Lavrov met Antony Blinken in Geneva last week.",
    "\"We will not give up,\" Marta Coelho told reporters in Oslo on Friday.",
    "Angela Merkel visited Paris on 3 March to discuss trade with Emmanuel Macron.",
    "According to Li Qiang, the summit in Tokyo was cancelled yesterday.",
    "Narendra Modi and Olaf Scholz held a phone call about the situation in Nairobi.",
]


def _corpus(tmp_path):
    """Six articles with, between them, a line that is not JSON, an empty article and a repeated id."""
    lines = [json.dumps({"id": f"a{i}", "date": "2025-03-0" + str(i + 1), "text": t}, ensure_ascii=False)
             for i, t in enumerate(TEXTS)]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"id": "empty", "text": "  "}))
    lines.insert(6, json.dumps({"id": "a0", "text": "Ursula von der Leyen met Antony Blinken in Brussels."}))
    lines.append("[1, 2")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of about one article, so that six articles cross several workers and chunks."""
    monkeypatch.setattr(kg.ingest, "BATCH_CHARS", 100)


@pytest.mark.parametrize("args", [["-f", "nquads", "-o", "out.nq"], ["-o", "out/"], ["-f", "nquads", "-o", "out.nq", "--resolve"]],
                         ids=["one-file", "folder", "resolve"])
def test_jobs_2_writes_the_bytes_and_problems_of_jobs_1_in_input_order(tmp_path, nlp, small_chunks, args):
    corpus = _corpus(tmp_path)
    outputs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}"
        folder.mkdir()
        where = [str(folder / a) if a.startswith("out") else a for a in args]
        result = run_kg("export", corpus, *where, "--jobs", jobs)
        assert result.exit_code == 1, result.output  # some articles failed, the others were exported
        written = sorted(p for p in folder.rglob("*") if p.is_file())
        outputs[jobs] = (result.output.replace(str(folder), "OUT"), [(p.relative_to(folder), p.read_bytes()) for p in written])
    assert outputs["2"] == outputs["1"]
    output, files = outputs["1"]
    lines = output.splitlines()
    # the problems in the order of the input's lines, then the summary
    assert [line.split(":")[1] for line in lines[:4]] == ["3", "5", "7", "10"], lines
    assert lines[-1].startswith("exported 6 article(s)")
    assert files and all(data for _, data in files)


def test_a_worker_loads_the_model_once_and_reuses_it_over_chunks(tmp_path, nlp, small_chunks):
    """Each worker does a warm-up article and then its chunks; results come back as N-Quads bytes."""
    from kg.articles import read_inputs
    from kg.ingest import Settings, ingest

    corpus = _corpus(tmp_path)
    here = list(ingest([corpus], Settings()))
    there = list(ingest([corpus], Settings(), n_process=2))
    assert [r.source for r in there] == [r.source for r in here]
    assert [r.nquads() for r in there] == [r.nquads() for r in here]
    assert [sorted(map(str, r.quads)) for r in there] == [sorted(map(str, r.quads)) for r in here]
    assert [r.problems() for r in there] == [r.problems() for r in here]
    assert len(here) == len(list(read_inputs([corpus])))


def _dies_on_boom(real):
    def finish(article, doc, settings, timings=None):
        if article.id == "a3":
            import os

            os._exit(9)  # what an out-of-memory kill looks like from here
        return real(article, doc, settings, timings)
    return finish


def test_a_worker_that_dies_costs_only_its_chunk(tmp_path, nlp, small_chunks, monkeypatch):
    """The chunk that kills its worker twice is refused in one line per article; the chunks that
    were in flight are done again on new workers, and the run goes on in input order."""
    from kg.ingest import Settings, ingest

    corpus = _corpus(tmp_path)
    here = list(ingest([corpus], Settings()))
    monkeypatch.setattr(kg.ingest, "finish_article", _dies_on_boom(kg.ingest.finish_article))  # forked workers inherit it
    there = list(ingest([corpus], Settings(), n_process=2))
    assert [r.source for r in there] == [r.source for r in here]
    died = [r for r in there if r.error is not None and "worker process ended" in r.error.message]
    assert [r.article.id for r in died] == ["a3"]
    assert [r.nquads() for r in there if r not in died] == [r.nquads() for r in here if r.source != died[0].source]


def test_the_last_chunks_go_out_one_article_each_with_reading_errors_in_place(monkeypatch):
    """The workers share the end of the input: the articles of the last chunks go one a chunk, the
    earlier chunks stay the parser's batches, and every item keeps its place."""
    from kg.articles import Article, ArticleError
    from kg.ingest import _chunks

    monkeypatch.setattr(kg.ingest, "BATCH_CHARS", 20)
    items = [Article(f"a{i}", "x" * 10, None, None, f"a{i}") for i in range(6)]
    items.insert(3, ArticleError("bad:4", "invalid JSON"))
    items.append(ArticleError("bad:8", "invalid JSON"))
    names = [[getattr(item, "id", None) or item.source for item in chunk] for chunk in _chunks(items, tail_chunks=2)]
    assert names == [["a0", "a1"], ["a2"], ["bad:4", "a3"], ["a4"], ["a5"], ["bad:8"]]
    assert [len(chunk) for chunk in _chunks(items)] == [2, 3, 3]  # without a tail: batches of 20 characters


def test_the_articles_of_the_last_chunks_are_one_group_handed_out_longest_first(monkeypatch):
    """The tail's one-article chunks are submitted together, the longest first, so that the last to
    start are the shortest; an earlier chunk is a group of its own."""
    from kg.articles import Article, ArticleError
    from kg.ingest import _chunk_groups, _longest_first

    monkeypatch.setattr(kg.ingest, "BATCH_CHARS", 20)
    lengths = [10, 10, 4, 12, 9, 7, 3]
    items = [Article(f"a{i}", "x" * n, None, None, f"a{i}") for i, n in enumerate(lengths)]
    items.insert(5, ArticleError("bad:6", "invalid JSON"))
    groups = list(_chunk_groups(items, tail_chunks=2))
    names = [[[getattr(item, "id", None) or item.source for item in chunk] for chunk in group] for group in groups]
    # batches of 20 characters: [a0 a1] [a2 a3] [a4 bad:6 a5 a6]; the last two, one article a chunk
    assert names == [[["a0", "a1"]], [["a2"], ["a3"], ["a4"], ["bad:6", "a5"], ["a6"]]]
    tail = [[item for item in chunk if isinstance(item, Article)] for chunk in groups[-1]]
    assert _longest_first(tail) == [1, 2, 3, 0, 4]  # 12, 9, 7, 4, 3 characters
    assert _longest_first([[items[0]], [items[1]]]) == [0, 1]  # a tie keeps input order


def test_jobs_2_hands_the_last_articles_to_the_workers_longest_first(tmp_path, nlp, small_chunks, monkeypatch):
    """The workers take chunks in the order they are submitted: the one-article chunks of the end of
    the input go longest first (here a5, 79 characters, before a4, 67), and the results still come
    in input order."""
    from kg.ingest import Settings, _Workers, ingest

    submitted: list[list[str]] = []
    real_submit = _Workers._submit

    def recording(self, articles):
        submitted.append([a.id for a in articles])
        return real_submit(self, articles)

    monkeypatch.setattr(_Workers, "_submit", recording)
    corpus = _corpus(tmp_path)
    results = list(ingest([corpus], Settings(), n_process=2))
    assert submitted[-2:] == [["a5"], ["a4"]]
    assert [r.article.id for r in results if r.ok][-2:] == ["a4", "a5"]
