"""Meetings: who met whom, where and when.

A meeting is found at a trigger word from ``lexicon/meeting_triggers.txt`` (met, talks, visited,
summit, phone call, ...). Its frame is read off the dependency parse around the trigger:

* participants: the verb's subject and object, "with"/"between" phrases, a noun's possessor
  ("his visit"), the subject of a clause that held or attended it ("held talks", "said after a
  meeting"), each with its coordinated names; pronouns and nominals are resolved to entities;
* place: an "in"/"at" phrase naming a place, or what was visited;
* date: the time expression that dates the clause (``kg.nlp.timex.date_for``);
* status: planned ("will meet", "agreed to meet", "a planned summit") or cancelled ("called off
  the talks") from the words that govern the trigger; negated triggers ("did not meet") are dropped.

Several sentences often describe one meeting ("met Putin in Moscow" ... "The talks covered ..."):
a definite nominal trigger without participants of its own refers back to the last meeting, and
two triggers with the same participants and a compatible date are one meeting (extra triggers).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Token

from kg.model import (CANCELLED, NOMINAL, ORGANISATION, PERSON, PLACE, OCCURRED, PLANNED, Entity, Meeting,
                      Mention, Span, Statement, TimeExpression)
from kg.nlp import docindex
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve as _coref_resolve
from kg.nlp.lexicon_io import lines
from kg.nlp.owners import Owners, owners_of
from kg.nlp.timex import date_for

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "obj", "attr")
VISIT, PHONE_CALL, VIDEO_CALL, IN_PERSON = "Visit", "PhoneCall", "VideoCall", "InPerson"
BILATERAL, MULTILATERAL = "Bilateral", "Multilateral"
ACTOR_TYPES = (PERSON, ORGANISATION, PLACE)  # a country can be a party ("Iran offered to negotiate")
DEFINITE = ("the", "this", "that", "these", "those")


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
def _resolve_pronoun(doc: Doc, token: Token, ents: Owners, exclude: frozenset[str] = frozenset()) -> str | None:
    """The entity a pronoun refers to: the coreference stage, else the nearest fitting name before it
    that is not one of ``exclude`` (the other parties: nobody meets themselves)."""
    key = _coref_resolve(doc, token.i, ents.entities, ents)
    if key is not None and key not in exclude:
        return key
    low = token.lower_
    if low in entity_lexicon.pronouns("personal"):
        wanted: tuple[str, ...] = (PERSON,)
    elif low in entity_lexicon.pronouns("plural"):
        wanted = (ORGANISATION,)
    else:
        return None
    before = [(s, e.key) for s, e in ents.mentions
              if s.end <= token.idx and e.type in wanted and e.key not in exclude]
    if not before:
        return None
    span, key = before[-1]
    # only within the same or the previous two sentences: farther back a guess is worse than none
    sents = _sentences(doc)
    first = sents[max(0, _sentence_index(sents, token.idx) - 2)].begin
    return key if span.begin >= first else None


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
    named = ents.named(head.i)
    if named is not None:
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
    span = _phrase_span(doc, head)
    for c in head.children:  # "his counterpart Sergey Lavrov": the apposition names the same one
        if c.dep_ == "appos" and (e := ents.entity(c.i)) is not None:
            return _Party(e.key, span, e.type)
    for c in head.children:  # "a delegation led by X": X
        if c.dep_ == "acl" and c.lemma_.lower() in _word_set("meeting_lead_verbs.txt"):
            for g in (g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"):
                if (named := ents.named(g.i)) is not None:
                    return _Party(named[0].key, named[1], named[0].type)
    key = _coref_resolve(doc, head.i, ents.entities, ents)
    if key is not None:
        return _Party(key, span, ents.type_of(key))
    # "FBI officials", "the EU's leaders", "the President of South Korea": the body they act for
    modifiers = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    modifiers += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for t in modifiers:
        named = ents.named(t.i)
        if named is not None and named[0].type in ACTOR_TYPES and span.contains(named[1]):
            return _Party(named[0].key, span, named[0].type)
    return _Party(None, span)


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


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
            if tok.i > 0 and any(f in {w[1] for w in not_triggers if w[0] in _forms(doc[tok.i - 1])} for f in _forms(head)):
                break  # "press conference": not a meeting, and no shorter entry either
            taken.update(t.i for t in tokens)
            yield _Match(head, tokens, entry)
            break


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
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if own or agents:
        return own + agents
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    if depth > 3 or verb.head.i == verb.i:
        return []
    up = verb.head
    if verb.dep_ == "xcomp":  # "prompted Johnson to convene": the object controls; else the subject
        objects = [c for c in up.children if c.dep_ in ("dobj", "obj")]
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
    return []


def _status(head: Token) -> str | None:
    """Planned, cancelled or occurred from the words governing the trigger; None when negated
    ("did not meet", "no talks", "refused to meet")."""
    plan, cancel = _word_set("meeting_plan_words.txt"), _word_set("meeting_cancel_words.txt")
    refuse = _word_set("meeting_refusal_words.txt")
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None
    chain = [head]
    t = head
    while t.head.i != t.i and len(chain) < 5 and t.dep_ not in ("ccomp", "parataxis", "advcl", "relcl", "ROOT"):
        t = t.head
        chain.append(t)
    status = OCCURRED
    for k, t in enumerate(chain):
        kids = list(t.children)
        if any(c.dep_ == "neg" for c in kids) and t.pos_ in ("VERB", "AUX"):
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
    out.add(_verbal_reading(doc, match, ents, by_head) if match.entry.pos == "VERB" else _nominal_reading(doc, match, ents))
    if "with" in match.entry.conditions and not out.with_party:
        out.rejected = True
    return out


def _names_a_party(doc: Doc, heads: list[Token], ents: Owners) -> bool:
    return any((p := _party(doc, g, ents)) is not None and p.key for g in heads)


def _prepositional_reading(doc: Doc, token: Token, ents: Owners, verbal: bool, is_visit: bool) -> _Reading:
    """The parties, places and call kinds the prepositional phrases of ``token`` give: "with X",
    "in Moscow", "a visit to Russia", "by phone"."""
    out = _Reading()
    party_preps, place_preps = _prepositions("party"), _prepositions("place")
    for c in token.children:
        if c.dep_ not in ("prep", "agent"):
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"]
        low = c.lower_
        if low in ("with", "between", "among"):  # only a party counts: not "with a focus on"
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


def _verbal_reading(doc: Doc, match: _Match, ents: Owners, by_head: dict[int, _Match]) -> _Reading:
    """"X met Y in Moscow", "visited Russia", "convened a conference call", "received the minister"."""
    head, entry = match.head, match.entry
    is_visit = VISIT in entry.kinds
    not_objects = _word_set("meeting_not_objects.txt")
    if any(c.dep_ == "auxpass" for c in head.children):
        return _Reading(rejected=True)  # "was met with opposition", "were received well": not a meeting
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
        elif obj.lemma_.lower() in not_objects:
            out.rejected = True  # what was read so far (a nested trigger) stays absorbed
            return out
        elif is_visit and (p := _party(doc, obj, ents)) is not None and p.type == PLACE:
            out.places.append(obj)
        elif "topic" not in entry.conditions:
            out.parties.append(obj)
        elif "owner" in entry.conditions:
            out.parties.extend(c for c in obj.children if c.dep_ == "poss")
        for c in obj.children:  # "discussed trade with X", "negotiated a deal with X"
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
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


def _nominal_reading(doc: Doc, match: _Match, ents: Owners) -> _Reading:
    """"his visit to Moscow", "the Clinton-Trump debate", "held talks with X", "said after a meeting"."""
    head = match.head
    is_visit = VISIT in match.entry.kinds
    out = _Reading()
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # "his visit", not "Monday's debate"
            out.parties.append(c)
        if c.dep_ == "det" and c.lower_ in DEFINITE:
            out.referring = True
    # "the Clinton-Trump debate", "Iran talks": names modifying the noun, however nested
    stack = [c for c in head.children if c.dep_ == "compound"]
    while stack:
        c = stack.pop()
        stack.extend(g for g in c.children if g.dep_ in ("compound", "conj"))
        if (e := ents.entity(c.i)) is not None and e.type in (PERSON, ORGANISATION):
            out.parties.append(c)
    out.add(_prepositional_reading(doc, head, ents, False, is_visit))
    governor = _governor(head)
    if governor is not None and governor.pos_ in ("VERB", "AUX"):
        out.add(_governing_verb_reading(doc, head, governor, ents, is_visit))
    return out


def _governing_verb_reading(doc: Doc, head: Token, governor: Token, ents: Owners, is_visit: bool) -> _Reading:
    """"held talks", "called off the meeting", "spoke at the summit": whoever holds, calls off or
    attends it takes part; whoever hosts it is its host."""
    verb = governor.lemma_.lower()
    particle = next((c.lower_ for c in governor.children if c.dep_ == "prt"), None)
    supported = head.dep_ in OBJECTS and (
        verb in _word_set("meeting_support_verbs.txt") or verb in _word_set("meeting_cancel_words.txt")
        or f"{verb}_{particle}" in _word_set("meeting_cancel_words.txt"))
    top = _climb(head)
    attended = top.dep_ == "pobj" and top.head.lower_ in _prepositions("attended")
    out = _Reading()
    if supported or attended:
        out.parties.extend(_subjects(governor))
        out.add(_prepositional_reading(doc, governor, ents, False, is_visit))
    if supported and verb == "host":
        hosts = [p for s in _subjects(governor) if (p := _party(doc, s, ents)) and p.key]
        out.host = hosts[0] if hosts else None
    return out


def _frame(doc: Doc, match: _Match, reading: _Reading, ents: Owners) -> _Frame | None:
    """The meeting a trigger's reading describes, with its parties and place resolved to entities;
    None when it names too little to be one."""
    head, entry = match.head, match.entry
    party_heads = list(reading.parties)
    if head.dep_ == "compound" and head.head.lemma_.lower() in _word_set("meeting_party_nouns.txt"):
        party_heads.append(head.head)  # "a debate moderator"
    sents = _sentences(doc)
    sent = sents[_sentence_index(sents, head.idx)]
    # a misparse can attach words of the next line: only words of the trigger's sentence count
    tokens = [t for tok in party_heads for t in _with_conjuncts(tok) if sent.begin <= t.idx < sent.end]
    both = [t for t in tokens if _refers_to_parties(doc, t, ents)]
    tokens = [t for t in tokens if t not in both]
    named = frozenset(p.key for t in tokens if t.pos_ != "PRON" and (p := _party(doc, t, ents)) and p.key)
    parties = _resolved_parties(doc, tokens, named, ents)
    place_heads = list(reading.places)
    place_preps = _prepositions("place")
    for tok in tokens:  # "met her counterpart in Lisbon": the place often hangs off a party
        place_heads.extend(g for c in tok.children if c.dep_ == "prep" and c.lower_ in place_preps
                           for g in c.children if g.dep_ == "pobj")
    place = None
    for t in (t for tok in place_heads for t in _with_conjuncts(tok)):
        p = _party(doc, t, ents) if sent.begin <= t.idx < sent.end else None
        if p is not None and p.key is not None and p.type == PLACE:
            place = place or p
            parties = [q for q in parties if q.key != p.key]
    if "participant" in entry.conditions and not any(p.key for p in parties):
        return None
    if reading.destinations and not any(ents.entity(t.i) is not None or t.pos_ == "PRON" for t in reading.destinations):
        return None  # "visited a zoo", "a trip to the shops": a visit to no one and nowhere named
    host = reading.host
    if host is None:  # "visited Putin", "a visit to the Kremlin": whom the visitor went to hosts
        visited = [p for t in reading.destinations if (p := _party(doc, t, ents, named)) and p.key
                   and p.type in (PERSON, ORGANISATION)]
        host = visited[0] if visited else None
    begin, end = match.span
    return _Frame(Span.of(_text(doc), begin, end), head, parties=parties, host=host, place=place,
                  status=reading.status, kinds=reading.kinds, extra=reading.extra, referring=reading.referring,
                  both_sides=bool(both), verbal=entry.pos == "VERB")


def _resolved_parties(doc: Doc, tokens: list[Token], named: frozenset[str], ents: Owners) -> list[_Party]:
    """The parties the words name, each once, names before pronouns (a pronoun must name another)."""
    parties: list[_Party] = []
    seen: set[str] = set()
    for t in sorted(tokens, key=lambda t: t.pos_ == "PRON"):
        p = _party(doc, t, ents, named)
        if p is None or (p.key is not None and p.key in seen):
            continue
        if p.key is not None:
            if p.type not in ACTOR_TYPES or (p.type == PLACE and t.dep_ == "pobj" and t.head.lower_ == "from"):
                continue  # "a call from Vienna" says where the caller was, not who took part
            seen.add(p.key)
        parties.append(p)
    return parties


# ------------------------------------------------------------------------------------ merging
def _keys(frame: _Frame) -> set[str]:
    keys = {p.key for p in frame.parties if p.key}
    if frame.host is not None and frame.host.key:
        keys.add(frame.host.key)
    return keys


def _same_meeting(earlier: _Frame, later: _Frame) -> bool:
    if earlier.status != later.status:
        return False
    if earlier.date and later.date and earlier.date.value != later.date.value:
        return False
    a, b = _keys(earlier), _keys(later)
    if later.referring and b <= a and not any(p.key is None for p in later.parties) and not later.verbal:
        return True  # "the talks", "the meeting": back to the meeting just described
    if later.both_sides and b <= a:
        return True  # "the two sides agreed": the parties of the meeting just described
    return len(a) >= 2 and a == b


def _merge(frames: list[_Frame]) -> list[_Frame]:
    out: list[_Frame] = []
    for f in frames:
        target = next((m for m in reversed(out) if _same_meeting(m, f)), None)
        if target is None:
            if f.both_sides and out:  # "the two ministers will meet again": the last meeting's parties
                known = _keys(f)
                f.parties.extend(p for p in out[-1].parties if p.key and p.key not in known)
            out.append(f)
            continue
        target.extra.extend([f.trigger, *f.extra])
        target.date = target.date or f.date
        target.place = target.place or f.place
        # every sentence's words for the parties are kept: each is a mention of its entity
        target.parties.extend(p for p in f.parties if p.key and p not in target.parties)
        target.kinds.extend(k for k in f.kinds if k not in target.kinds)
    return out


# ------------------------------------------------------------------------------------ public
def find_meetings(doc: Doc, entities: list[Entity], timexes: list[TimeExpression],
                  statements: list[Statement], owners: Owners | None = None) -> list[Meeting]:
    """Every meeting the article describes, one per real meeting, in text order (``owners``: the
    entities' token index, when the caller has built it)."""
    ents = owners_of(doc, entities, owners)
    matches = list(_matches(doc))
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
        frame = None if reading.rejected else _frame(doc, m, reading, ents)
        if frame is not None:
            frames.append(frame)
    frames = [f for f in frames if f.head.i not in absorbed]
    frames.sort(key=lambda f: f.trigger.begin)
    for f in frames:
        f.date = date_for(doc, f.trigger, timexes)
    merged = _merge(frames)
    dateline = _dateline_place(doc, ents)
    for f in merged:
        # a bare meeting noun ("the debate", "a debate moderator asked") leaves its parties to the context
        if not _keys(f) and (not f.parties or not f.verbal):
            f.parties.extend(_context_parties(doc, f, ents))
        if f.place is None and dateline is not None and not {PHONE_CALL, VIDEO_CALL} & set(f.kinds):
            f.place = dateline
    return [_meeting(doc, f, n, _sentences(doc)) for n, f in enumerate(merged)]


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


CONTEXT_PARTIES = 4  # more names than this around a bare trigger are a list, not its parties


def _context_parties(doc: Doc, frame: _Frame, ents: Owners) -> list[_Party]:
    """Parties of a meeting whose own clause names none ("The debate will harden impressions"):
    the persons and organisations named in its sentence, else in the sentences next to it, since a
    news text names the parties of an event close to where it mentions the event."""
    sents = _sentences(doc)
    here = _sentence_index(sents, frame.head.idx)
    place = frame.place.key if frame.place else None
    for window in ([here], [here + 1, here - 1]):
        found: dict[str, _Party] = {}
        for i in window:
            if not 0 <= i < len(sents):
                continue
            sent = sents[i]
            for span, e in ents.mentions:
                if (sent.begin <= span.begin and span.end <= sent.end and e.key != place
                        and e.type in (PERSON, ORGANISATION) and e.key not in found):
                    found[e.key] = _Party(e.key, span, e.type)
        if found:
            return list(found.values())[:CONTEXT_PARTIES]
    return []


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
    used = {e.key for e in entities}
    by_text: dict[str, Entity] = {}
    out = []
    for m in meetings:
        keys, spans = list(m.participants), list(m.participant_spans)
        for span in m.unresolved_participant_spans:
            name = _without_determiner(span.text)
            entity = by_text.get(name.lower())
            if entity is None:
                key = f"{m.key}-participant{len(by_text)}"
                while key in used:
                    key += "'"
                used.add(key)
                last = name.lower().split()[-1] if name.split() else ""
                etype = ORGANISATION if last in organisation_nouns or last.rstrip("s") in organisation_nouns else PERSON
                entity = by_text[name.lower()] = Entity(key, etype, name, local=True)
            if not any(mn.span == span for mn in entity.mentions):
                entity.mentions.append(Mention(span, NOMINAL))
            if entity.key not in keys:
                keys.append(entity.key)
                spans.append(span)
        out.append(replace(m, participants=keys, participant_spans=spans) if keys != m.participants else m)
    return list(by_text.values()), out


def _without_determiner(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "some", "all", "both"):
        words = words[1:]
    return " ".join(words)
