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

The entities get these as mentions: :func:`nominal_mentions` (the entity stage) the resolved
nominals, :func:`reference_mentions` (the pipeline, once statements are known) the pronouns outside
quotations, the first person inside a person's quotation and the posts the text gives a person.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from kg.model import NOMINAL, ORGANISATION, PERSON, PRONOUN, Entity, Mention, Span, Statement
from kg.nlp import docindex
from kg.nlp import entity_lexicon as lex
from kg.nlp.identity import organisation_suffixes
from kg.nlp.owners import Owners, owners_of
from kg.nlp.quotes import QuotedText

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
        if _plural_subject_before(doc, i):
            return None  # "While many watchers expect ..., they say": those, not last sentence's subject
        prev = _previous_subject(doc, i, owners, depth)
        return prev.key if prev is not None and prev.type == ORGANISATION else None
    if t.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("the", "this") for c in t.children):
        return _nominal(doc, t, owners)
    return None


def _plural_subject_before(doc: Doc, i: int) -> bool:
    """Whether a plural common noun is the subject of a clause before token ``i`` in its sentence,
    outside quotation marks: the nearer group a "they" there may stand for."""
    quoted = _quoted(doc)
    return any(t.dep_ in SUBJECTS and t.tag_ == "NNS" and not quoted.inside(t.idx)
               for t in doc[doc[i].sent.start:i])


def _named_in(start: int, end: int, etype: str | None, owners: Owners) -> list[Entity]:
    """The entities (of type ``etype``, or any) that tokens ``start`` to ``end`` name, in text order."""
    seen: dict[str, Entity] = {}
    for k in range(start, end):
        e = owners.entity(k)
        if e is not None and etype in (None, e.type):
            seen.setdefault(e.key, e)
    return list(seen.values())


def _quoted(doc: Doc) -> QuotedText:
    return docindex.quoted_text(doc)


def _antecedent(doc: Doc, i: int, etype: str, owners: Owners, depth: int) -> str | None:
    sent = doc[i].sent
    here = _named_in(sent.start, i, etype, owners)
    quoted = _quoted(doc)
    if here and not quoted.inside(doc[i].idx):
        # '"... Secretary Clinton can be held responsible," she said': one named inside a quotation
        # is spoken of there, not who speaks it or is spoken of outside it
        inside: set[str] = set()
        outside: set[str] = set()
        for k in range(sent.start, i):
            named = owners.entity(k)
            if named is not None:
                (inside if quoted.inside(doc[k].idx) else outside).add(named.key)
        here = [e for e in here if e.key not in inside or e.key in outside]
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
        if not quoted.inside(doc[i].idx):
            # '"... to beat Hillary Clinton." She also criticized': one named only inside the
            # quotation before is spoken of by its speaker, not the one a pronoun after it means
            outside = {owners.entity(k).key for k in range(before.start, before.end)
                       if owners.entity(k) is not None and not quoted.inside(doc[k].idx)}
            there = [e for e in there if e.key in outside]
        if len(there) == 1:
            return there[0].key
    return None


def _subject_entity(verb: Token, owners: Owners) -> Entity | None:
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            # "Clinton campaign manager Robby Mook acknowledged": the name holding the subject's
            # head is the subject, the other names only modify it (not so "Mook and Podesta")
            if owners.entity(c.i) is not None and not any(k.dep_ == "conj" for k in c.children):
                return owners.entity(c.i)
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
            if c.pos_ == "NOUN" and owners.entity(c.i) is None \
                    and any(m.dep_ == "poss" and owners.entity(m.i) is not None for m in c.children):
                return None  # "Clinton's position was supported by ...": the position, not Clinton, is the subject
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
    if any(c.pos_ == "PROPN" and c.dep_ in ("compound", "nmod") and c.ent_type_ not in ("GPE", "NORP")
           and owners.entity(c.i) is None
           and c.lower_ not in lex.pairs("speech_party_words.tsv") or c.dep_ == "poss" for c in head.children if c.i < head.i):
        # "the United Auto Workers union": a name of its own (one the name finder missed); "the
        # emerging Chrysler's new board": Chrysler's. "the Senate Democratic leader" is someone's post
        return None
    named = [owners.entity(c.i) for c in head.children if c.i < head.i and c.dep_ in ("compound", "nmod")
             and owners.entity(c.i) is not None]
    organisation_word = word in lex.organisation_heads() or word in lex.word_set("entity_organisation_epithets.txt")
    if named and organisation_word and named[0].type == ORGANISATION:
        return named[0].key  # "the Future45 group", "the BLM group": the organisation it names
    described = _described_so_before(doc, head, owners) if not named else None
    if described is not None:
        return described
    if word in lex.word_set("entity_organisation_epithets.txt") and word not in lex.organisation_heads() and not named:
        # "Amazon rose 1 percent. The online retail giant reported ...": only the organisation that
        # is the subject just before, for a word that is no organisation's name
        return _organisation_subject_before(doc, head, owners)
    if word not in lex.title_words() and word not in lex.organisation_heads() \
            and (word,) not in lex.organisation_followers():
        return None  # most nouns: no need to collect the entities named before
    before = {e.key for k, e in owners.owned() if k < head.i}
    entities = owners.entities
    if word in lex.title_words():
        fits = [e for e in entities if e.type == PERSON and e.key in before
                and any(word in lex.words_of(r.title) and not r.former for r in e.roles)]
        return fits[0].key if len(fits) == 1 else None
    if word in lex.organisation_heads() or (word,) in lex.organisation_followers():
        orgs = [e for e in entities if e.type == ORGANISATION and e.key in before]
        named = [e for e in orgs if word in e.name.lower().split()]
        if len(named) == 1:
            return named[0].key
        subject = _organisation_subject_before(doc, head, owners) if not _names_inside(doc, head, owners) else None
        if subject is not None:
            return subject
        sent = head.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        recent = [e for e in _named_in(start, head.i, ORGANISATION, owners)
                  if not _only_circumstance(doc, e, start, head.i, owners)]
        return recent[0].key if len(recent) == 1 else None
    return None


# prepositions whose object may be the actor a description goes on with ("the founder of Apple ...
# the company", "a spokesman for Airbus", "employers such as Monsanto"); the object of another ("its impact on the Electoral
# College", "vacation in Martha's Vineyard") is a circumstance of its clause
_ACTOR_PREPOSITIONS = ("of", "by", "from", "for", "with", "at", "as", "like", "including")


def _only_circumstance(doc: Doc, entity: Entity, start: int, end: int, owners: Owners) -> bool:
    """Whether every mention of ``entity`` between ``start`` and ``end`` is (or possesses) the object
    of a preposition of place, time or topic."""
    tokens = docindex.tokens(doc)
    for k in range(start, end):
        if owners.entity(k) is not entity and (owners.entity(k) is None or owners.entity(k).key != entity.key):
            continue
        t = tokens[k]
        if owners.entity(t.head.i) is not None and owners.entity(t.head.i).key == entity.key and t.head.i != t.i:
            continue  # a word inside the name: its head word tells the name's role
        while t.dep_ == "poss" and t.head.i != t.i:
            t = t.head  # "the NRA's opposition": the role of the phrase it opens
        source = t.head.lower_ == "to" and t.head.head.lower_ == "according"  # "according to the agency"
        if not (t.dep_ == "pobj" and t.head.lower_ not in _ACTOR_PREPOSITIONS and not source):
            return False
    return True


def _names_inside(doc: Doc, head: Token, owners: Owners) -> bool:
    """Whether a name modifies the description's noun ("the Clinton campaign", "the Senate leader")."""
    return any(c.i < head.i and c.dep_ in ("compound", "nmod") and owners.entity(c.i) is not None for c in head.children)


def _organisation_subject_before(doc: Doc, head: Token, owners: Owners) -> str | None:
    """The organisation "the company", "the newspaper" continues: the one that is the subject of a
    clause earlier in its sentence or of the sentence before, when it is the only organisation there
    that is ("The Daily News attacked the NRA. The newspaper said ...": the Daily News, though two
    organisations are named)."""
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    subjects: dict[str, Entity] = {}
    tokens = docindex.tokens(doc)
    for k in range(start, head.i):
        t = tokens[k]
        if t.dep_ not in SUBJECTS or any(c.dep_ == "conj" for c in t.children) or t.head.i == t.i:
            continue
        if t.pos_ == "NOUN" and owners.entity(k) is None \
                and any(m.dep_ == "poss" and owners.entity(m.i) is not None for m in t.children):
            continue  # "Clinton's position was ...": the position is the subject, not Clinton
        if t.lower_ in lex.pronouns("neuter"):
            key = _resolve(doc, k, owners, 1)
            e = owners.by_key.get(key) if key is not None else None
        elif t.pos_ == "PRON":
            continue  # "He's been investigated": a pronoun the name finder took for a name is no organisation
        else:
            e = _subject_entity(t.head, owners)
        if e is not None and e.type == ORGANISATION:
            subjects.setdefault(e.key, e)
    return next(iter(subjects)) if len(subjects) == 1 else None


@docindex.per_doc
def _nouns_by_lemma(doc: Doc) -> dict[str, tuple[int, ...]]:
    """Token indices of each common noun's lemma, for finding a description used before."""
    out: dict[str, list[int]] = {}
    for t in docindex.tokens(doc):
        if t.pos_ == "NOUN":
            out.setdefault(t.lemma_.lower(), []).append(t.i)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _actor_nouns() -> frozenset[str]:
    """Nouns that describe a person or an organisation ("the retailer", "the spokesman")."""
    return lex.organisation_heads() | lex.title_words() | lex.word_set("speech_actor_nouns.txt") \
        | lex.word_set("speech_organisation_nouns.txt")


def _description_words(noun: Token) -> set[str]:
    """The noun and the words that modify it before it ("online retail giant", "GOP front-runner"):
    a description says no more than the one it repeats ("the GOP front-runner" is not "Democratic
    front-runner Hillary Clinton")."""
    return {noun.lemma_.lower()} | {c.lower_ for c in noun.children
                                    if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod", "nummod")}


def _described_so_before(doc: Doc, head: Token, owners: Owners) -> str | None:
    """The entity the text gave this description before: in apposition ("Amazon, the online retail
    giant," / "the retailer's chief, Jeff Bezos,"), right before its name ("the online retail giant
    Amazon") or said of it by a copula ("Amazon is the online retail giant"); "the online retail
    giant" and "the retail giant" then stand for it. Only when one entity was so described."""
    if head.tag_ not in ("NN", "NNP") or head.lemma_.lower() not in _actor_nouns() \
            or any(owners.entity(t.i) is not None for t in head.subtree):
        # "the ban", "the volume" describe no one, "the lawyers" several, "the company, which Apple
        # bought" is not Apple
        return None
    words = _description_words(head)
    found: set[str] = set()
    for k in _nouns_by_lemma(doc).get(head.lemma_.lower(), ()):
        if k >= head.i:
            break
        before = doc[k]
        if not words <= _description_words(before):
            continue
        named = _named_by_description(before, owners)
        if named is not None and named.type in (PERSON, ORGANISATION) \
                and not any(owners.entity(t.i) is not None for t in before.subtree if t.i < before.i):
            found.add(named.key)
    return next(iter(found)) if len(found) == 1 else None


def _named_by_description(noun: Token, owners: Owners) -> Entity | None:
    """The entity a description names by its place in the parse (see _described_so_before)."""
    if owners.entity(noun.i) is not None or any(c.dep_ in ("case", "poss") for c in noun.children):
        return None  # "is the candidate's first enlistee": the candidate is not who is described
    if noun.dep_ == "appos" and noun.head.i != noun.i:
        return owners.entity(noun.head.i)
    for c in noun.children:
        if c.dep_ == "appos" and owners.entity(c.i) is not None:
            return owners.entity(c.i)
    if noun.dep_ == "compound" and noun.head.i > noun.i:
        return owners.entity(noun.head.i)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ in SUBJECTS), None)
        return owners.entity(subject.i) if subject is not None else None
    return None


def _hyphenated_start(toks, i: int) -> int:
    """The first token of the hyphenated word token ``i`` ends ("co" of "co-founder"), or ``i``."""
    while i >= 2 and toks[i - 1].text == "-" and not toks[i - 1].whitespace_ and not toks[i - 2].whitespace_:
        i -= 2
    return i


def _corporate_suffixes() -> frozenset[str]:
    return organisation_suffixes() - {"company", "group"}


def nominal_mentions(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """The entities with a Nominal mention for each "the minister" / "the company" that resolves."""
    owners = Owners(doc, entities)
    extra: dict[str, list[Mention]] = {}
    toks = docindex.tokens(doc)
    for t in toks:
        if owners.entity(t.i) is not None or t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        if t.i + 1 < len(toks) and toks[t.i + 1].text == "-" and not t.whitespace_:
            continue  # "co" of "co-founder": a piece of a word
        if lex.normal(t.text) in _corporate_suffixes():
            continue  # "the co", "the group" of a name cut short: not a description
        first = _hyphenated_start(toks, t.i)  # the parser hangs "the" on "co" of "the co-founder"
        det = [c for c in (*t.children, *toks[first].children) if c.lower_ == "the" and c.i < first]
        mods = [c for c in t.children if c.i < t.i and c.dep_ not in ("det",)]
        if not det or t.i + 1 < len(doc) and owners.entity(t.i + 1) is not None:
            continue  # "the minister Sergey Lavrov": the name itself is the mention
        key = _nominal(doc, t, owners)
        if key is not None:
            start = min([det[0].i] + [m.i for m in mods])
            extra.setdefault(key, []).append(Mention(Span.of(docindex.text(doc), doc[start].idx, t.idx + len(t.text)), NOMINAL))
    return [replace(e, mentions=sorted(e.mentions + extra[e.key], key=lambda m: m.span)) if e.key in extra else e
            for e in entities]


def reference_mentions(doc: Doc, entities: list[Entity], statements: list[Statement]) -> dict[str, list[Mention]]:
    """The pronouns and post phrases that refer to an entity, by entity key, where the reference is
    clear: "he", "its", "their" (an organisation) outside quotations, as :func:`resolve` resolves
    them; "I", "me", "my" inside a quotation, for the person quoted; and the posts the text gives
    a person ("Apple CEO", "the foreign minister of Syria") as nominal mentions of that person."""
    text = docindex.text(doc)
    quoted = _quoted(doc)
    owners = Owners(doc, entities)
    third = lex.pronouns("personal") | lex.pronouns("neuter") | lex.pronouns("plural")
    out: dict[str, list[Mention]] = {}
    for t in docindex.tokens(doc):
        if t.lower_ not in third or quoted.inside(t.idx) or _expletive(t):
            continue
        key = resolve(doc, t.i, entities, owners)
        if key is not None:
            out.setdefault(key, []).append(Mention(Span.of(text, t.idx, t.idx + len(t.text)), PRONOUN))
    by_key = {e.key: e for e in entities}
    for s in statements:
        speaker = by_key.get(s.speaker)
        if speaker is None or speaker.type != PERSON:
            continue
        for span in s.content:
            tokens = doc.char_span(span.begin, span.end, alignment_mode="expand") or ()
            out.setdefault(speaker.key, []).extend(
                Mention(Span.of(text, t.idx, t.idx + len(t.text)), PRONOUN) for t in tokens
                if t.lower_ in lex.word_set("entity_first_person.txt") and quoted.inside(t.idx))
    for e in entities:
        if e.type == PERSON:
            out.setdefault(e.key, []).extend(Mention(r.span, NOMINAL) for r in e.roles if r.span is not None)
    return {k: v for k, v in out.items() if v}


def _expletive(t: Token) -> bool:
    """"It" that stands for no entity: "it is expected that ...", "it was not disclosed whether"."""
    if t.lower_ != "it":
        return False
    if t.dep_ == "expl":
        return True
    head = t.head
    return t.dep_ in SUBJECTS and any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > head.i for c in head.children) \
        and any(c.dep_ in ("acomp", "attr") or c.dep_ == "auxpass" for c in head.children)
