"""Meetings: an article's sentences, spaCy's split again at line breaks that end a sentence, and
which sentence a character lies in."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from kg.model import Span
from kg.nlp import docindex


def article_text(doc: Doc) -> str:
    """The article text; ``Doc.text`` rebuilds it from the tokens on every access."""
    return docindex.text(doc)


SENTENCE_END = frozenset('.!?"”’:;)')


def sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, split again at line breaks that end a sentence: the parser often runs a
    line without final punctuation (a headline) or one-sentence-a-line text into the next line.
    A line break ends a sentence when the line before it ends with sentence punctuation or the
    next line starts with a capital, a digit or a quotation mark."""
    return list(sentence_spans(doc))


@docindex.per_doc
def sentence_spans(doc: Doc) -> tuple[Span, ...]:
    # computed once per Doc: the meeting finder and the statement linker both split it
    out = []
    toks = docindex.tokens(doc)
    for sent in doc.sents:
        start = sent.start
        for tok in toks[sent.start:sent.end]:
            if tok.is_space and "\n" in tok.text and tok.i + 1 < sent.end and tok.i > start:
                before, after = toks[tok.i - 1].text[-1], toks[tok.i + 1].text[0]
                if before in SENTENCE_END or after.isupper() or after.isdigit() or after in '"“‘\'':
                    out.append(doc[start:tok.i])
                    start = tok.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return tuple(Span.of(article_text(doc), s.start_char, s.end_char) for s in out if len(s))


def sentence_index(sents: Sequence[Span], char: int) -> int:
    return next((i for i, s in enumerate(sents) if s.begin <= char < s.end), len(sents) - 1)
