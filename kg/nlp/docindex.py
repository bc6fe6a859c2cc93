"""Facts about one parsed Doc that several stages read, computed once per Doc.

spaCy rebuilds ``Doc.text`` by joining every token on each access, and makes a new Python Token
object on every ``doc[i]`` and every step of ``for t in doc``; the stages ask for these again and
again (some 50,000 Token objects per article of 600 words). Here they are built once and shared.

The caches are keyed by the Doc object itself (held alive by the cache, so its identity cannot be
reused by another Doc) and are small: ``kg.nlp.pipeline.extract`` clears them when an article is
done, so that nothing outlives the extraction of the Doc it describes. Callers must treat every
value as read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Token

from kg.nlp.quotes import find_quotations, Quotation, QuotedText

T = TypeVar("T")
_caches: list = []  # every per-Doc cache, for clear()


def per_doc(f: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Cache ``f(doc)`` for the Doc being extracted; :func:`clear` forgets it."""
    cached = lru_cache(maxsize=2)(f)
    _caches.append(cached)
    return cached


@per_doc
def text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    return doc.text


@per_doc
def quotations(doc: Doc) -> tuple[Quotation, ...]:
    """The article's quotations, found once for every stage that asks (statements, speakers, coreference)."""
    return tuple(find_quotations(text(doc)))


@per_doc
def quoted_text(doc: Doc) -> QuotedText:
    """Whether a character is inside one of :func:`quotations`."""
    return QuotedText(list(quotations(doc)))


@per_doc
def tokens(doc: Doc) -> tuple[Token, ...]:
    """One Token object per word, to index instead of ``doc[i]``."""
    return tuple(doc)


@per_doc
def texts(doc: Doc) -> tuple[str, ...]:
    """``t.text`` of each token."""
    return tuple(t.text for t in tokens(doc))


@per_doc
def pos(doc: Doc) -> tuple[str, ...]:
    """``t.pos_`` of each token."""
    return tuple(t.pos_ for t in tokens(doc))


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without making a Span and a Token per word."""
    toks = tokens(doc)
    end = min(end, len(toks))
    if start >= end:
        return ""
    last = toks[end - 1]
    return text(doc)[toks[start].idx:last.idx + len(last.text)]


@per_doc
def lines(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Token ranges of the text's lines (a token holding or followed by a line break ends one)."""
    out, start = [], 0
    for t in tokens(doc):
        if "\n" in t.text or "\n" in t.whitespace_:
            end = t.i if "\n" in t.text else t.i + 1
            if start < end:
                out.append((start, end))
            start = t.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return tuple(out)


def clear() -> None:
    """Forget every Doc: called when an article's extraction is done."""
    for f in _caches:
        f.cache_clear()
