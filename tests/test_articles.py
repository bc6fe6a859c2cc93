"""Readers: every input form, offsets untouched, one clear error per bad input."""

import io
import json
import sys
from datetime import date

import pytest
from hypothesis import given, strategies as st

from kg.articles import Article, ArticleError, parse_txt, read_inputs


def test_txt_header_on_same_line_is_stripped():
    a = parse_txt(" date 2025-12-24 Syria's relations.", "seed", "seed.txt")
    assert a.date == date(2025, 12, 24)
    assert a.text == "Syria's relations."


def test_txt_header_on_its_own_line():
    a = parse_txt("date 2024-01-02\nBody here.\n", "x", "x.txt")
    assert (a.date, a.text) == (date(2024, 1, 2), "Body here.\n")


def test_txt_without_header_keeps_every_character():
    raw = "\ufeffNo header, dated nothing.\r\nSecond line."
    a = parse_txt(raw, "x", "x.txt")
    assert a.date is None and a.text == raw


def test_malformed_header_is_an_error():
    with pytest.raises(ValueError, match="malformed date header '2025-13-40'"):
        parse_txt("date 2025-13-40 Text.", "x", "x.txt")


@given(st.text(min_size=1).filter(lambda t: t.strip() and not t.lstrip().lower().startswith("date")))
def test_body_without_header_is_returned_verbatim(text):
    assert parse_txt(text, "x", "x.txt").text == text


def test_folder_json_jsonl_and_errors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("date 2025-01-01 Alpha text.", encoding="utf-8")
    (tmp_path / "sub" / "b.json").write_text(json.dumps([{"id": "b1", "text": "Beta."}, {"text": "Gamma."}]))
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c1", "date": "2016-09-30", "title": "T", "text": "Delta."}) + "\n\n"
        + "{not json\n" + json.dumps({"id": "c3", "text": "  "}) + "\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "notes.md").write_text("ignored")
    results = list(read_inputs([tmp_path]))
    ok = [r for r in results if isinstance(r, Article)]
    errors = [str(r) for r in results if isinstance(r, ArticleError)]
    assert [a.id for a in ok] == ["a", "c1", "b1", "b-2"]
    assert ok[1].date == date(2016, 9, 30) and ok[1].title == "T"
    assert any("bad.txt: cannot decode as UTF-8" in e for e in errors)
    assert any(e.startswith(f"{tmp_path / 'c.jsonl'}:3: invalid JSON") for e in errors)
    assert any(e.startswith(f"{tmp_path / 'c.jsonl'}:4: empty article") for e in errors)


def test_missing_file_and_duplicate_id(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "same", "text": "One."}\n{"id": "same", "text": "Two."}\n')
    results = [str(r) for r in read_inputs([tmp_path / "nope.txt", tmp_path / "x.jsonl"])]
    assert results[0] == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert "duplicate article id 'same'" in results[2]


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"date 2020-02-02\nHello world.")))
    (a,) = list(read_inputs(["-"]))
    assert (a.id, a.date, a.text) == ("stdin", date(2020, 2, 2), "Hello world.")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "A."}\n{"id": "s2", "text": "B."}\n')))
    assert [a.id for a in read_inputs(["-"])] == ["s1", "s2"]


def test_bad_json_date_names_the_problem(tmp_path):
    (tmp_path / "d.json").write_text(json.dumps({"id": "d", "date": "24/12/2025", "text": "x"}))
    (err,) = list(read_inputs([tmp_path / "d.json"]))
    assert "malformed date '24/12/2025'" in str(err)
