"""Meetings: whom a he, she or possessive stands for (the coreference stage, the subject a possessive
looks ahead to, the subject of the sentence before), and which persons the text tells to be a man or a woman."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.model import ORGANISATION, PERSON, PLACE
from kg.nlp import docindex
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve as _coref_resolve
from kg.nlp.linking import gazetteer_place
from kg.nlp.meetings.sentence_split import article_text, sentence_index, sentence_spans
from kg.nlp.meetings.words import PRONOUN_SEX, SUBJECTS
from kg.nlp.owners import Owners


def resolve_pronoun(doc: Doc, token: Token, ents: Owners, exclude: frozenset[str] = frozenset(),
                     depth: int = 0) -> str | None:
    """The entity a pronoun refers to: for a he or she, the subject a possessive looks ahead to, or
    the subject of the sentence before for one opening its sentence; else the coreference stage, else
    the nearest fitting name before it that is not one of ``exclude`` (the other parties: nobody meets
    themselves), else what the same pronoun in the sentence before refers to ("He continues to insist
    ... At the same time, he is meeting with Clinton")."""
    sex = PRONOUN_SEX.get(token.lower_)
    if sex is not None and depth == 0 and (key := _cataphor(token, ents) or _subject_before(
            doc, token, ents, exclude)) is not None:
        return key
    if sex is not None and depth <= 2 and (outer := _reporting_subject(token)) is not None:
        # "She has said that she met him": whom the "she" who said it stands for
        return _cataphor(outer, ents) or _subject_before(doc, outer, ents, exclude) or resolve_pronoun(
            doc, outer, ents, exclude, depth + 1)
    key = _coref_resolve(doc, token.i, ents.entities, ents)
    if key is not None and key not in exclude and _sex_fits(doc, key, sex, ents):
        return key
    low = token.lower_
    if low in entity_lexicon.pronouns("personal"):
        wanted: tuple[str, ...] = (PERSON,)
    elif low in entity_lexicon.pronouns("plural"):
        wanted = (ORGANISATION,)
    else:
        return None
    before = [(s, e.key) for s, e in ents.mentions if s.end <= token.idx and e.type in wanted
              and e.key not in exclude and _sex_fits(doc, e.key, sex, ents)]
    # only within the same or the previous two sentences: farther back a guess is worse than none
    sents = sentence_spans(doc)
    here = sentence_index(sents, token.idx)
    first = sents[max(0, here - 2)].begin
    if before and before[-1][0].begin >= first:
        return before[-1][1]
    if sex is None or depth > 2 or here == 0:
        return None
    same = [t for t in docindex.tokens(doc)[:token.i] if t.idx >= sents[here - 1].begin
            and PRONOUN_SEX.get(t.lower_) == sex and t.dep_ in SUBJECTS]
    if not same or any(e.type == PERSON for s, e in ents.mentions if same[-1].idx < s.begin and s.end <= token.idx):
        return None  # a person named between the two pronouns may be the one meant
    return resolve_pronoun(doc, same[-1], ents, exclude, depth + 1)


def relative_clause_owner(token: Token, ents: Owners) -> str | None:
    """"for the United States to meet the target it pledged at the talks", "Iran signed the deal it
    negotiated": an "it" that is the subject of a relative clause on a verb's object is whoever does
    that verb (its subject, or the "for" phrase of an infinitive), when an organisation or a country:
    the relative clause cannot be about its own noun."""
    if token.lower_ != "it" or token.dep_ != "nsubj" or token.head.dep_ != "relcl" or token.head.head.dep_ not in ("dobj", "obj"):
        return None
    verb = token.head.head.head
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    to = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"]
    if not doers and to and to[0].i >= 2:
        before = docindex.tokens(token.doc)[to[0].i - 1]  # "for the United States to meet": the States
        if before.dep_ == "pobj" and before.head.lower_ == "for":
            doers = [before]
    for t in doers:
        e = ents.entity(t.i)
        if e is not None and (e.type == ORGANISATION or e.type == PLACE and _country(e.name)):
            return e.key
    return None


def _country(name: str) -> bool:
    place = gazetteer_place(name)
    return place is not None and place.kind == "country"


def _reporting_subject(token: Token) -> Token | None:
    """The same pronoun as the subject of the clause a subject pronoun's clause is the complement or
    an adverbial clause of, past clauses whose subject is a thing ("She has said that the rape took
    place in 1978, when she met him": the "she" who said it)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for verb in (t for t in token.head.ancestors if t.pos_ in ("VERB", "AUX")):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].pos_ == "PRON":
            return subjects[0] if PRONOUN_SEX.get(subjects[0].lower_) == PRONOUN_SEX[token.lower_] else None
        if subjects and subjects[0].pos_ != "NOUN":
            return None  # a name: maybe the one meant
        # "She has said that the rape took place ... when she met him": past a thing, on to who said it
    return None


def _cataphor(token: Token, ents: Owners) -> str | None:
    """The person a his/her in a phrase before its clause's subject looks ahead to ("During her meeting
    with X, Anna Berg said", "In his first meeting with Putin, Obama said"), or a he/she of a clause
    opening the sentence ("Before she met Grayson, Dena Minning lived"): that subject, when it names
    a person the pronoun may stand for (one of the parties already named: the pronoun adds no other)."""
    if token.dep_ == "nsubj" and token.head.dep_ == "advcl" and token.head.i < token.head.head.i:
        verb = token.head.head  # "Before she met Grayson, Dena Minning lived ...": the clause's subject
    elif token.dep_ != "poss":
        return None
    else:
        verb = token.head
    # up to the clause: through nouns and through verbs with no subject of their own ("Following his
    # meeting with Ryan, Trump met": "Following" is no clause of its own)
    while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or (
            verb.dep_ in ("prep", "pcomp", "advcl") and not any(c.dep_ in SUBJECTS for c in verb.children))):
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i]
    for c in subjects:
        e = ents.entity(c.i)
        if e is not None and e.type == PERSON and _sex_fits(
                token.doc, e.key, PRONOUN_SEX[token.lower_], ents):
            return e.key
    return None


def _subject_before(doc: Doc, token: Token, ents: Owners, exclude: frozenset[str]) -> str | None:
    """A he or she (his, her) opening its sentence goes on with the person the sentence before was
    about, the subject of its main clause of that sex, else its last subject of that sex ("... how he
    finds a position campaigning against Trump. His meeting with Clinton ...": the "he", not Trump);
    None when that sentence has no such subject."""
    sex = PRONOUN_SEX[token.lower_]
    sents = sentence_spans(doc)
    here = sentence_index(sents, token.idx)
    words = [t for t in docindex.tokens(doc)[:token.i] if t.idx >= sents[here].begin and not (t.is_punct or t.is_space)]
    if here == 0 or words:
        return None
    subjects = [t for t in docindex.tokens(doc)[:token.i] if sents[here - 1].begin <= t.idx < sents[here - 1].end
                and t.dep_ in ("nsubj", "nsubjpass")]
    # the subject of the main clause first: "Juanita Broaddrick, who said Clinton raped her, recounted
    # the incident. She has said ...": the one the sentence is about, not a subject of what she said
    main = [t for t in subjects if t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")]
    for t in [*reversed(main), *(t for t in reversed(subjects) if t not in main)]:
        if t.tag_ == "WP" and t.head.dep_ == "relcl":
            t = t.head.head  # "for Suu Kyi, who had breakfast with Biden ... She will visit": Suu Kyi
        if PRONOUN_SEX.get(t.lower_) == sex:
            key = resolve_pronoun(doc, t, ents, exclude, 1)
        elif (e := ents.entity(t.i)) is not None and e.type == PERSON and _sexes(doc, ents).get(e.key) == sex:
            key = e.key
        else:
            continue
        return key if key is not None and key not in exclude else None
    return None


def pronoun_fits(doc: Doc, pronoun: Token, key: str, ents: Owners) -> bool:
    """Whether a he, she, him or her may stand for this person: not when the text tells the other sex
    (coreference may link "she" to a man named just before)."""
    return _sex_fits(doc, key, PRONOUN_SEX.get(pronoun.lower_), ents)


def _sex_fits(doc: Doc, key: str, sex: str | None, ents: Owners) -> bool:
    """Whether a person may be the one a "he" or "she" means: not when the text tells the other sex
    ("she will visit" is not Vice President Biden)."""
    if sex is None:
        return True
    known = _sexes(doc, ents).get(key)
    return known is None or known == sex


@docindex.per_doc
def _sex_cache(doc: Doc) -> dict[int, tuple[Owners, dict[str, str]]]:
    return {}


def _sexes(doc: Doc, ents: Owners) -> dict[str, str]:
    """Person key -> "m" or "f" where the text tells, by a given name ("Hillary Clinton") or an
    honorific before a name of theirs ("Mrs. Clinton"), else by a he or she right after the one person
    its sentence names ("Aung San Suu Kyi visited ... after she was released"); evidence that
    contradicts itself tells nothing."""
    cache = _sex_cache(doc)
    if id(ents) not in cache:
        cache[id(ents)] = (ents, _told_sexes(doc, ents))
    return cache[id(ents)][1]


def _told_sexes(doc: Doc, ents: Owners) -> dict[str, str]:
    given, honorifics = entity_lexicon.pairs("speech_given_names.tsv"), entity_lexicon.pairs("meeting_honorific_sex.tsv")
    text = article_text(doc)
    named: dict[str, set[str]] = {}
    for e in ents.entities:
        words = e.name.split()
        if e.type == PERSON and len(words) > 1 and words[0].lower() in given:
            named.setdefault(e.key, set()).add(given[words[0].lower()])
    for span, e in ents.mentions:
        before = text[max(0, span.begin - 6):span.begin].rstrip(". ").rsplit(None, 1)[-1:]
        if e.type == PERSON and before and before[0].lower() in honorifics:
            named.setdefault(e.key, set()).add(honorifics[before[0].lower()])
    called: dict[str, set[str]] = {}
    people = [(span, e.key) for span, e in ents.mentions if e.type == PERSON]
    for t in docindex.tokens(doc):
        sex = PRONOUN_SEX.get(t.lower_)
        if sex is not None:
            start = t.sent.start_char
            keys = {key for span, key in people if start <= span.begin and span.end <= t.idx}
            if len(keys) == 1:
                called.setdefault(next(iter(keys)), set()).add(sex)
    out = {key: next(iter(v)) for key, v in called.items() if len(v) == 1}
    out.update({key: next(iter(v)) for key, v in named.items() if len(v) == 1})  # a name tells more
    for key, v in named.items():
        if len(v) > 1:
            out.pop(key, None)
    return out
