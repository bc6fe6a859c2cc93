"""Which entity a pronoun or a nominal ("the minister", "the company") refers to, conservatively.

``resolve`` answers None rather than guess: a pronoun resolves only when the candidates leave no
doubt, a nominal only when exactly one entity fits it.

- **he / she** (any case form): the one person named earlier in the same sentence; failing that, the
  subject of the previous sentence when it is a person (or a pronoun that itself resolves), or the
  one person that sentence names.
- **it**: the one organisation named earlier in the sentence, else the subject of the previous
  sentence when it is an organisation.
- **they**: a plural pronoun names a set, which one entity key cannot hold: None, unless the
  previous subject is an organisation ("the company ... they").
- **nominals**: "the minister", "the president" → the one person whose role has that word, named
  before; "the company", "the agency", "the party" → the one organisation named before whose name
  or cue fits, else the only organisation named in the last two sentences.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.model import NOMINAL, ORGANISATION, PERSON, Entity, Mention, Span
from kg.nlp import docindex
from kg.nlp import entity_lexicon as lex
from kg.nlp.owners import Owners, owners_of

SUBJECTS = {"nsubj", "nsubjpass"}
MAX_CHAIN = 4  # how many pronoun subjects in a row are followed back


def resolve(doc: Doc, token_i: int, entities: list[Entity], owners: Owners | None = None) -> str | None:
    """The key of the entity the token (a pronoun, a nominal's head, or a word of a name) refers
    to, or None when that is not clear. A caller resolving many tokens against the same entities
    passes their :class:`~kg.nlp.owners.Owners`, built once, instead of having it rebuilt on every call."""
    if not 0 <= token_i < len(doc):
        return None
    return _resolve(doc, token_i, owners_of(doc, entities, owners), MAX_CHAIN)


def _resolve(doc: Doc, i: int, owners: Owners, depth: int) -> str | None:
    named = owners.entity(i)
    if named is not None:
        return named.key
    t = doc[i]
    low = t.lower_
    if low in lex.pronouns("personal"):
        return _antecedent(doc, i, PERSON, owners, depth)
    if low in lex.pronouns("neuter"):
        return _antecedent(doc, i, ORGANISATION, owners, depth)
    if low in lex.pronouns("plural"):
        prev = _previous_subject(doc, i, owners, depth)
        return prev.key if prev is not None and prev.type == ORGANISATION else None
    if t.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("the", "this") for c in t.children):
        return _nominal(doc, t, owners)
    return None


def _named_in(start: int, end: int, etype: str | None, owners: Owners) -> list[Entity]:
    """The entities (of type ``etype``, or any) that tokens ``start`` to ``end`` name, in text order."""
    seen: dict[str, Entity] = {}
    for k in range(start, end):
        e = owners.entity(k)
        if e is not None and etype in (None, e.type):
            seen.setdefault(e.key, e)
    return list(seen.values())


def _antecedent(doc: Doc, i: int, etype: str, owners: Owners, depth: int) -> str | None:
    sent = doc[i].sent
    here = _named_in(sent.start, i, etype, owners)
    if len(here) == 1:
        return here[0].key
    if len(here) > 1:
        # several candidates: the subject of the clause the pronoun sits in, if it is one of them
        subject = _subject_entity(sent.root, owners)
        if subject is not None and subject in here and doc[i].dep_ not in SUBJECTS:
            return subject.key
        # the subject of the verb the pronoun's clause reports ("X said he ...")
        head = doc[i].head
        while head.dep_ not in ("ROOT",) and head.head is not head:
            head = head.head
            subject = _subject_entity(head, owners)
            if subject is not None and subject in here:
                return subject.key
        return None
    prev = _previous_subject(doc, i, owners, depth)
    if prev is not None:
        return prev.key if prev.type == etype else None
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        there = _named_in(before.start, before.end, etype, owners)
        if len(there) == 1:
            return there[0].key
    return None


def _subject_entity(verb: Token, owners: Owners) -> Entity | None:
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            named = _named_in(c.left_edge.i, c.right_edge.i + 1, None, owners)
            return named[0] if len(named) == 1 else None
    return None


def _previous_subject(doc: Doc, i: int, owners: Owners, depth: int) -> Entity | None:
    """The entity that is the main subject of the sentence before token ``i``'s sentence, following
    pronoun subjects back a few sentences."""
    sent = doc[i].sent
    if sent.start == 0 or depth <= 0:
        return None
    before = doc[sent.start - 1].sent
    root = before.root
    for c in root.children:
        if c.dep_ in SUBJECTS:
            named = _named_in(c.left_edge.i, c.right_edge.i + 1, None, owners)
            if len(named) > 1:
                return None  # "X and Y met": a coordinated subject is no single antecedent
            if named:
                return named[0]
            if c.lower_ in lex.pronouns("quoted"):
                # "We agreed ...," he said: inside a quotation; the speaker was named further back
                return _previous_subject(doc, before.start, owners, depth - 1)
            if c.lower_ in lex.pronouns("personal") or c.lower_ in lex.pronouns("neuter"):
                key = _resolve(doc, c.i, owners, depth - 1)
                return owners.by_key.get(key) if key is not None else None
    return None


def _nominal(doc: Doc, head: Token, owners: Owners) -> str | None:
    word = lex.normal(head.text)
    if word not in lex.title_words() and word not in lex.organisation_heads() \
            and (word,) not in lex.organisation_followers():
        return None  # most nouns: no need to collect the entities named before
    before = {e.key for k, e in owners.owned() if k < head.i}
    entities = owners.entities
    if word in lex.title_words():
        fits = [e for e in entities if e.type == PERSON and e.key in before
                and any(word in r.title.lower().split() and not r.former for r in e.roles)]
        return fits[0].key if len(fits) == 1 else None
    if word in lex.organisation_heads() or (word,) in lex.organisation_followers():
        orgs = [e for e in entities if e.type == ORGANISATION and e.key in before]
        named = [e for e in orgs if word in e.name.lower().split()]
        if len(named) == 1:
            return named[0].key
        sent = head.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        recent = _named_in(start, head.i, ORGANISATION, owners)
        return recent[0].key if len(recent) == 1 else None
    return None


def nominal_mentions(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """The entities with a Nominal mention for each "the minister" / "the company" that resolves."""
    owners = Owners(doc, entities)
    extra: dict[str, list[Mention]] = {}
    for t in docindex.tokens(doc):
        if owners.entity(t.i) is not None or t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        det = [c for c in t.children if c.lower_ == "the" and c.i < t.i]
        mods = [c for c in t.children if c.i < t.i and c.dep_ not in ("det",)]
        if not det or t.i + 1 < len(doc) and owners.entity(t.i + 1) is not None:
            continue  # "the minister Sergey Lavrov": the name itself is the mention
        key = _nominal(doc, t, owners)
        if key is not None:
            start = min([det[0].i] + [m.i for m in mods])
            extra.setdefault(key, []).append(Mention(Span.of(docindex.text(doc), doc[start].idx, t.idx + len(t.text)), NOMINAL))
    return [replace(e, mentions=sorted(e.mentions + extra[e.key], key=lambda m: m.span)) if e.key in extra else e
            for e in entities]
