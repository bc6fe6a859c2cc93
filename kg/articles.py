"""Reading articles: .txt with an optional ``date YYYY-MM-DD`` header, .json, .jsonl, folders, stdin.

Nothing here moves an offset: the text of an Article is exactly what the input gives (a .txt file
less its header), so every span the extraction reports indexes the user's own text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from kg.model import Article

SUFFIXES = (".txt", ".json", ".jsonl")
STDIN = "-"
# spaCy's max_length. Longer articles are refused; those over PIECE_CHARS (kg/nlp/pipeline.py) are
# parsed in pieces, so that the parser's memory stays bounded whatever the article's length.
MAX_ARTICLE_CHARS = 1_000_000
# A JSONL line longer than this cannot hold an article under the limit (an astral character written
# as two \uXXXX escapes takes 12 bytes) and its metadata: it is skipped without being held in memory.
MAX_LINE_BYTES = 16 * MAX_ARTICLE_CHARS
# A .txt file this big cannot hold a body under the limit (UTF-8 takes at most 4 bytes a character).
_MAX_TXT_BYTES = 4 * MAX_ARTICLE_CHARS + 4096
# A header is the word "date" and something date-like; the body follows after spaces or one line break.
_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\r?\n|[ \t]+|\Z)", re.IGNORECASE)
# JSON's \ud800 escapes decode to lone surrogates: valid JSON, not Unicode (nothing can encode them).
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ArticleError:
    """An input that could not be read; ``source`` names the file (and line), ``message`` the problem."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def parse_date(value: object) -> date | None:
    """An ISO date, or the day of an ISO date-time; None for null. Raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be a string YYYY-MM-DD, not {json.dumps(value)}")
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"malformed date {value!r}: expected YYYY-MM-DD") from None


def parse_txt(raw: str, article_id: str, source: str) -> Article:
    """A plain-text article; a leading ``date YYYY-MM-DD`` header is removed from the text."""
    published = None
    header = _HEADER.match(raw)
    if header:
        try:
            published = date.fromisoformat(header.group(1))
        except ValueError:
            raise ValueError(f"malformed date header {header.group(1)!r}: expected 'date YYYY-MM-DD'") from None
        raw = raw[header.end():]
    return _checked(Article(article_id, raw, published, None, source))


def article_from_record(record: object, default_id: str, source: str) -> Article:
    """An article from one JSON object with ``text`` and optional ``id``, ``date``, ``title``."""
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("missing 'text' (a string)")
    title = record.get("title")
    return _checked(Article(_record_id(record.get("id"), default_id), text, parse_date(record.get("date")),
                            title if isinstance(title, str) else None, source))


def _record_id(value: object, default_id: str) -> str:
    """A record's id: a string or an integer (as its digits); none or blank gives ``default_id``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_id
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"id must be a string or an integer, not {json.dumps(value)[:60]}")
    return str(value)


def _checked(article: Article) -> Article:
    for name, value in (("id", article.id), ("title", article.title), ("text", article.text)):
        bad = _SURROGATE.search(value) if value else None
        if bad:
            raise ValueError(f"{name} holds a lone surrogate \\u{ord(bad.group()):04x} at character {bad.start()}: "
                             "not valid Unicode")
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ValueError(f"article too long: {len(article.text):,} characters (the limit is {MAX_ARTICLE_CHARS:,})")
    if not article.text.strip():
        raise ValueError("empty article: no text")
    return article


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"cannot decode as UTF-8 (byte {err.start})") from None


def _json(text: str, where_in_text: bool = False) -> object:
    """The JSON value of ``text``; a ValueError saying "invalid JSON: ..." when it is not one."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}" if where_in_text else f"column {err.colno}"
        raise ValueError(f"invalid JSON: {err.msg} ({where})") from None
    except RecursionError:  # json's C parser recurses once per [ or {
        raise ValueError("invalid JSON: nested too deeply") from None


def _is_one_json_value(raw: str) -> bool:
    try:
        json.loads(raw)
    except json.JSONDecodeError:
        return False
    except RecursionError:
        return True  # read as .json, which says "invalid JSON: nested too deeply"
    return True


def _jsonl_articles(lines: Iterable[str | ValueError], name: str, source: str) -> Iterator[Article | ArticleError]:
    """One article per line (a line that could not be read is the ValueError saying why)."""
    count = 0
    for lineno, line in enumerate(lines, 1):
        if isinstance(line, str) and not line.strip():
            continue
        count += 1
        where = f"{source}:{lineno}"
        if isinstance(line, ValueError):
            yield ArticleError(where, str(line))
            continue
        try:
            yield article_from_record(_json(line), f"{name}-{lineno}", where)
        except ValueError as err:
            yield ArticleError(where, str(err))
    if count == 0:
        yield ArticleError(source, "empty file: no articles")


def _file_lines(file: BinaryIO) -> Iterator[str | ValueError]:
    """The lines of a JSONL file, split at b"\n" only (U+2028 and U+2029 may sit inside a JSON
    string), each decoded on its own so that a bad line costs that line only. A line over
    MAX_LINE_BYTES is skipped a piece at a time, never held whole."""
    offset = 0
    while line := file.readline(MAX_LINE_BYTES + 1):
        start, offset = offset, offset + len(line)
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = file.readline(MAX_LINE_BYTES)
                offset += len(line)
            yield ValueError(f"line too long: over {MAX_LINE_BYTES:,} bytes (an article is at most "
                             f"{MAX_ARTICLE_CHARS:,} characters)")
            continue
        try:
            yield line.decode("utf-8-sig" if start == 0 else "utf-8")
        except UnicodeDecodeError as err:
            yield ValueError(f"cannot decode as UTF-8 (byte {start + err.start})")


def read_text_source(raw: str, name: str, suffix: str, source: str) -> Iterator[Article | ArticleError]:
    """Articles from the text of one input; ``suffix`` chooses the format."""
    if suffix == ".jsonl":
        yield from _jsonl_articles(raw.split("\n"), name, source)
    elif suffix == ".json":
        try:
            data = _json(raw, where_in_text=True)
        except ValueError as err:
            yield ArticleError(source, str(err))
            return
        records = data if isinstance(data, list) else [data]
        if not records:
            yield ArticleError(source, "empty file: no articles")
        for i, record in enumerate(records):
            where = f"{source}[{i}]" if isinstance(data, list) else source
            try:
                yield article_from_record(record, f"{name}-{i + 1}" if isinstance(data, list) else name, where)
            except ValueError as err:
                yield ArticleError(where, str(err))
    else:
        try:
            yield parse_txt(raw, name, source)
        except ValueError as err:
            yield ArticleError(source, str(err))


def _read_file(path: Path) -> Iterator[Article | ArticleError]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":  # read a line at a time: an archive never sits in memory whole
            with open(path, "rb") as file:
                yield from _jsonl_articles(_file_lines(file), path.stem, str(path))
            return
        if suffix == ".txt" and path.stat().st_size > _MAX_TXT_BYTES:
            yield ArticleError(str(path), f"article too long: {path.stat().st_size:,} bytes, more than "
                                          f"{MAX_ARTICLE_CHARS:,} characters (the limit)")
            return
        raw = _decode(path.read_bytes())
    except FileNotFoundError:
        yield ArticleError(str(path), "no such file")
        return
    except (IsADirectoryError, PermissionError, OSError) as err:
        yield ArticleError(str(path), f"cannot read: {err.strerror or err}")
        return
    except ValueError as err:
        yield ArticleError(str(path), str(err))
        return
    yield from read_text_source(raw, path.stem, suffix, str(path))


def _read_stdin() -> Iterator[Article | ArticleError]:
    data = sys.stdin.buffer.read()
    try:
        raw = _decode(data)
    except ValueError as err:
        yield ArticleError("<stdin>", str(err))
        return
    head = raw.lstrip()[:1]
    if head == "[":
        suffix = ".json"
    elif head == "{":
        # One object over several lines is .json; one object per line is .jsonl.
        suffix = ".json" if _is_one_json_value(raw) else ".jsonl"
    else:
        suffix = ".txt"
    yield from read_text_source(raw, "stdin", suffix, "<stdin>")


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Every article of the inputs in order; an unreadable input or record yields an ArticleError
    and reading goes on. Folders are searched recursively for .txt, .json and .jsonl files.
    A second article with an id already seen is an error: ids name the article's graph."""
    seen: dict[str, str] = {}
    for item in _expand(inputs):
        if isinstance(item, ArticleError):
            yield item
            continue
        yield from unique_ids(item, seen)


def unique_ids(items: Iterable[Article | ArticleError], seen: dict[str, str]) -> Iterator[Article | ArticleError]:
    """``items``, with an article whose id is in ``seen`` (id → the source that had it first) from
    another source refused as a duplicate; ``seen`` grows with the ids of the articles let through."""
    for result in items:
        if isinstance(result, Article):
            first = seen.setdefault(result.id, result.source)
            if first != result.source:
                yield ArticleError(result.source, f"duplicate article id {result.id!r} (first in {first})")
                continue
        yield result


def _expand(inputs: Iterable[str | Path]) -> Iterator[Iterator[Article | ArticleError] | ArticleError]:
    for item in inputs:
        if str(item) == STDIN:
            yield _read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            files = folder_files(path)
            if not files:
                yield ArticleError(str(path), "folder holds no .txt, .json or .jsonl files")
            for f in files:
                yield _read_file(f)
        elif not path.exists():
            yield ArticleError(str(path), "no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            yield ArticleError(str(path), f"unsupported file type {path.suffix or '(none)'!r}: use .txt, .json or .jsonl")
        else:
            yield _read_file(path)


def folder_files(folder: Path, suffixes: Iterable[str] = SUFFIXES) -> list[Path]:
    """The files below ``folder`` whose suffix (in any case) is one of ``suffixes``, in name order;
    hidden files and folders are skipped."""
    wanted = {s.lower() for s in suffixes}
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in wanted
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
