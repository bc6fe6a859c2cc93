"""Meetings: the frame of one trigger, its reading's parties and place resolved to entities, or none
when it names too little to be a meeting."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.model import ORGANISATION, PERSON, PLACE, OCCURRED, Span, Statement, TimeExpression
from kg.nlp.meetings.parties import (
    abroad,
    cut_from_a_name,
    home_country,
    is_audience,
    names_people,
    parties_of,
    Party,
    party_of,
    phrase_span,
    questioning,
    said_by,
    seat_of_government,
    speaker_pronoun,
    vague,
    with_conjuncts,
)
from kg.nlp import docindex
from kg.nlp.meetings.pronouns import pronoun_fits
from kg.nlp.meetings.places import building, held_as_subject, place_objects, seat
from kg.nlp.meetings.readings import clause_chain, Reading, refers_to_parties
from kg.nlp.meetings.sentence_split import article_text, sentence_index, sentence_spans
from kg.nlp.meetings.triggers import Match
from kg.nlp.meetings.words import (ACTOR_TYPES, DATELINE_MARKS, FIRST_PERSON, FIRST_PERSON_PLURAL, OBJECTS, prepositions, PRONOUN_SEX, SUBJECTS, TEMPORAL,
                                   trigger_words, VISIT, word_set)
from kg.nlp.owners import Owners


@dataclass
class Frame:
    trigger: Span
    head: Token
    parties: list[Party] = field(default_factory=list)
    host: Party | None = None
    place: Party | None = None
    status: str = OCCURRED
    kinds: list[str] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)
    referring: bool = False  # "the talks": may refer back to a meeting already described
    both_sides: bool = False  # "the two sides met": the parties of a meeting already described
    verbal: bool = False  # a verb ("met"), not a noun ("the meeting")
    date: TimeExpression | None = None
    distinct: bool = False  # "another meeting", "her previous visit", "met again": not one described before
    venue: Party | None = None  # the organisation's seat it was held at ("at the White House"), when no place
    building: Party | None = None  # the seat or building named as an organisation it was held in ("at the Mayflower Hotel")
    inner_place: Party | None = None  # the town of its place phrase ("at a hotel in Paris") when it names no one
    party_heads: list[Token] = field(default_factory=list)  # the words that named its parties
    sentence: int = -1  # index of its sentence
    last_sentence: int = -1  # index of the sentence of its last mention, once merged
    headline: bool = False  # in the headline lines before the body (the text up to its first blank line)
    partnered: bool = False  # a "with" / "between" phrase names a party ("the meeting with X")


@dataclass(frozen=True)
class _ArticleFacts:
    """What the article says around its meetings: who speaks each quotation, which place names are
    datelines."""
    speakers: tuple[tuple[Span, str], ...] = ()  # (quoted content, its speaker's key)
    datelines: frozenset[Span] = frozenset()  # "WASHINGTON (AP) —": where the story was filed, never a party
    speaker_mentions: tuple[tuple[Span, str], ...] = ()  # (the words naming a statement's speaker, its key)


def article_facts(doc: Doc, ents: Owners, statements: list[Statement]) -> _ArticleFacts:
    text = article_text(doc)
    datelines = set()
    for span, e in ents.mentions:
        line_start = text.rfind("\n", 0, span.begin) + 1
        after = text[span.end:span.end + 3].strip()[:1]
        if e.type == PLACE and span.text.isupper() and not text[line_start:span.begin].strip() and after in DATELINE_MARKS:
            datelines.add(span)
    said = tuple((c, st.speaker) for st in statements if st.speaker and _surely_carried(doc, ents, st, statements)
                 for c in st.content)
    return _ArticleFacts(said + _continued_quotations(doc, ents, statements),
                         frozenset(datelines),
                         tuple((st.speaker_span, st.speaker) for st in statements if st.speaker and st.speaker_span))


def _surely_carried(doc: Doc, ents: Owners, statement: Statement, statements: list[Statement]) -> bool:
    """Whether a statement's speaker may stand for the "I" of its quotation: not when its cue's he or
    she was carried over from an earlier speaker past a sentence, none of that speaker's statements,
    naming another person it may stand for ("'It was offensive,' said Fleischer. / More troubling was
    Trump's unwillingness ... 'I want to wait until I meet with Bibi,' he said": maybe Trump)."""
    span, key = statement.speaker_span, statement.speaker
    pronoun = doc.char_span(span.begin, span.end) if span is not None else None
    if pronoun is None or len(pronoun) != 1 or PRONOUN_SEX.get(pronoun[0].lower_) is None:
        return True
    own = [s.sentence for s in statements if s.speaker == key and s.sentence is not None and s is not statement]
    named = [m.end for m, e in ents.mentions if e.key == key and m.end <= span.begin]
    named += [s.speaker_span.end for s in statements if s.speaker == key and s.speaker_span is not None
              and s.speaker_span.end <= span.begin and s is not statement]
    if not named:
        return True
    quoted = docindex.quoted_text(doc)
    return not any(max(named) <= m.begin < span.begin and e.key != key and e.type == PERSON and not quoted.inside(m.begin)
                   and not any(o.begin <= m.begin < o.end for o in own) and pronoun_fits(doc, pronoun[0], e.key, ents)
                   for m, e in ents.mentions)


def _continued_quotations(doc: Doc, ents: Owners, statements: list[Statement]) -> tuple[tuple[Span, str], ...]:
    """(part, speaker) for each quotation no statement covers that opens a paragraph at most three
    paragraph breaks after a person's statement, with no one else named or quoted between ('Kasich said,
    "..." / Transcript as follows: / "... I met with the rating agencies ..."'): the news convention
    for a speaker's remarks going on; its "I" is that speaker, not the writer."""
    text = article_text(doc)
    covered = [c for st in statements for c in st.content]
    people = [(span.begin, e.key) for span, e in ents.mentions if e.type == PERSON]
    out: list[tuple[Span, str]] = []
    for q in docindex.quotations(doc):
        first = q.parts[0]
        if any(c.begin < p.end and p.begin < c.end for p in q.parts for c in covered) \
                or text[text.rfind("\n", 0, first.begin) + 1:first.begin].strip():
            continue
        before = [st for st in statements if st.content and st.content[-1].end <= first.begin]
        said = [st for st in before if st.speaker and ents.type_of(st.speaker) == PERSON]
        if not said:
            continue
        key, end = said[-1].speaker, said[-1].content[-1].end
        others = [st for st in before if st.content[-1].end > end and not _names(st, key, people)]
        if others or text.count("\n\n", end, first.begin) > 3 or any(
                end <= b < first.begin and k != key for b, k in people):
            continue  # too far back, or someone else named or quoted since: maybe the one speaking
        out.extend((p, key) for p in q.parts)
    return tuple(out)


def _names(statement: Statement, key: str, people: list[tuple[int, str]]) -> bool:
    """Whether a statement is the person's: theirs, or one whose speaker is unresolved in a sentence
    that names them ("Gov. John Kasich (R-OH), said, ...")."""
    if statement.speaker is not None or statement.sentence is None:
        return statement.speaker == key
    return any(statement.sentence.begin <= b < statement.sentence.end and k == key for b, k in people)


def frame_of(doc: Doc, match: Match, reading: Reading, ents: Owners, facts: _ArticleFacts) -> Frame | None:
    """The meeting a trigger's reading describes, with its parties and place resolved to entities;
    None when it names too little to be one, or the press or the public as the other side."""
    head, entry = match.head, match.entry
    party_heads = list(reading.parties)
    if head.dep_ == "compound" and head.head.lemma_.lower() in word_set("meeting_party_nouns.txt"):
        party_heads.append(head.head)  # "a debate moderator"
    sents = sentence_spans(doc)
    sent = sents[sentence_index(sents, head.idx)]
    # a misparse can attach words of the next line: only words of the trigger's sentence count
    # "Some of Sanders's advisers, including his wife, Jane": the parser hangs the "including" phrase
    # on "Some", not on the advisers it names
    quantities = [t for t in party_heads if _of_phrase(t) is not t]
    party_heads = [_of_phrase(t) for t in party_heads]
    members = prepositions("member")  # "top Senate Democrats, including Harry Reid"; of each conjunct
    heads = party_heads + [g for tok in party_heads + quantities for t in with_conjuncts(tok) for c in t.children
                           if c.dep_ == "prep" and c.lower_ in members for g in c.children if g.dep_ == "pobj"]
    heads += [s for tok in party_heads for s in _among_them(tok)]
    tokens = [t for tok in heads for t in with_conjuncts(tok) if sent.begin <= t.idx < sent.end]
    # "The GOP leaders, Paul Ryan and Mitch McConnell, met": the names the apposition gives, each a party
    # (not the agency of a dateline the parser made the subject: "WASHINGTON (AP) — Trump and Ryan met")
    tokens += [a for t in tokens if not any(d.begin <= t.idx < d.end for d in facts.datelines)
               for c in t.children if c.dep_ == "appos" and ents.entity(c.i) is not None
               for a in with_conjuncts(c) if a not in tokens and sent.begin <= a.idx < sent.end]
    if any(is_audience(t, ents) for t in tokens):
        return None  # "a conference call with reporters", "spoke with voters": an audience
    both = [t for t in tokens if refers_to_parties(doc, t, ents)]
    tokens = [t for t in tokens if t not in both]
    named = frozenset(p.key for t in tokens if t.pos_ != "PRON" and (p := party_of(doc, t, ents)) and p.key)
    parties, unresolved_they = _resolved_parties(doc, head, tokens, named, ents, facts)
    place, venue, hall, inner, parties = _where(doc, match, reading, tokens, parties, ents)
    if all(p.span.text.lower() in FIRST_PERSON_PLURAL for p in parties) and not (place or venue or hall or inner or reading.host):
        # "when we met, we fell in love": the speaker is one of "we", the others are not named; with
        # nothing else said of it, one known party is too little to make it a meeting
        parties = []
    if "questioning" in entry.conditions and (not questioning(parties, ents) or _several_questioned(head)):
        return None  # "said in an interview with CNN": the press; "interviewed Rice and Rhodes": several
    if "participant" in entry.conditions and not any(p.key for p in parties):
        return None
    if reading.destinations and not any(ents.entity(t.i) is not None or t.pos_ == "PRON" for t in reading.destinations):
        return None  # "visited a zoo", "a trip to the shops": a visit to no one and nowhere named
    host = reading.host
    if host is None:  # "visited Putin", "a visit to the Kremlin": whom the visitor went to hosts
        visited = [p for t in reading.destinations if (p := party_of(doc, t, ents, named)) and p.key
                   and p.type in (PERSON, ORGANISATION) and not (hall is not None and p.key == hall.key)]
        host = visited[0] if visited else _met_where(doc, reading.destinations, ents, named)
    host = host or _inviter(doc, head, ents, named)
    if VISIT in entry.kinds and host is not None and host.type == ORGANISATION and _errand(head, ents):
        return None  # "visited the court to view the casket", "visited the memorial to pay respects": no talks
    place_name = (ents.by_key[place.key].name if place.key in ents.by_key else place.span.text) if place else ""
    if VISIT in entry.kinds and host is None and place is not None and not (
            seat_of_government(place_name) or abroad(place_name, home_country(doc, ents, facts.datelines))):
        return None  # "visited Missouri", "a trip to Scotland": travel or a campaign stop, no government visited
    if "destination" in entry.conditions and reading.with_party and host is None and place is None:
        return None  # "on that trip with several family members": who travelled together, to no one named
    begin, end = match.span
    distinct = any(c.lower_ in word_set("meeting_other_occasion_words.txt") for c in head.children
                   if c.dep_ in ("amod", "advmod", "det", "npadvmod"))
    return Frame(Span.of(article_text(doc), begin, end), head, parties=parties, host=host, place=place,
                  status=reading.status, kinds=reading.kinds, extra=reading.extra, referring=reading.referring,
                  both_sides=bool(both) or unresolved_they, verbal=entry.pos == "VERB", distinct=distinct,
                  venue=venue, building=hall, inner_place=inner, party_heads=tokens, partnered=reading.with_party)


def _where(doc: Doc, match: Match, reading: Reading, tokens: list[Token], parties: list[Party],
           ents: Owners) -> tuple[Party | None, Party | None, Party | None, Party | None, list[Party]]:
    """Where the meeting was: its place, its venue (an organisation it was held at), the building
    named as an organisation it was held in, the place named inside its place phrase when it names no
    one ("a meeting at Clinton's residence in Washington"), and the parties without the places."""
    head = match.head
    sents = sentence_spans(doc)
    sent = sents[sentence_index(sents, head.idx)]
    place_heads = list(reading.places)
    for tok in [*tokens, *(g for t in tokens for g in _body_of(t, ents))]:
        # "met her counterpart in Lisbon", "members of the leadership in Washington": the place often
        # hangs off a party, or the body it is of
        place_heads.extend(g for c in tok.children for g in place_objects(c, ents))
    place_heads.extend(_occasion_places(head, ents))
    place_heads.extend(_journey_places(head, ents))
    place_heads.extend(_scene_places(head, ents))
    place_heads.extend(_purpose_places(head, ents))
    place_heads.extend(_when_places(head, ents))
    place_heads.extend(_afterthought_places(head, ents))
    place_heads.extend(_occurrence_places(head, tokens, ents))
    if opens_where_clause(head):
        place_heads.append(head.head)  # "a visit to Mexico, where he met the president": the noun it tells of
    # a visit is to an office, so only a seat is where one went ("visit Capitol Hill", not "the hotel")
    held_in = seat if VISIT in match.entry.kinds else building
    place = venue = hall = inner = None
    for t in (t for tok in place_heads for t in _within(tok, ents) for t in with_conjuncts(t)):
        p = party_of(doc, t, ents) if sent.begin <= t.idx < sent.end else None
        if p is not None and p.key is not None and p.type == PLACE:
            # a place found inside another phrase ("at a hotel in Washington") only says where a meeting
            # of someone named was; it does not make a meeting of no one named one
            if t in place_heads or any(q.key for q in parties if q.key != p.key):
                place = place or p
            else:
                inner = inner or p
            parties = [q for q in parties if q.key != p.key]
        elif p is not None and p.key is not None and t in place_heads and (held_in(ents.by_key.get(p.key)) or (
                _held_at(t, reading, ents) and VISIT not in match.entry.kinds)):
            hall = hall or p  # "met at the Mayflower Hotel", "on Capitol Hill", "at Goldman Sachs": its building
            venue = venue or p
            parties = [q for q in parties if q.key != p.key]
        elif p is not None and p.key is not None and t.head.lower_ == "at" and all(q.key == p.key for q in parties):
            venue = venue or p  # "the tense meeting at the White House": where, when it says nothing of who
    for t in reading.venues:  # "a White House meeting": a seat by the words before the meeting word
        p = party_of(doc, t, ents)
        venue = venue or (p if p is not None and p.key is not None else None)
        hall = hall or (p if p is not None and seat(ents.by_key.get(p.key)) else None)
    return place, venue, hall, inner, parties


def _body_of(party: Token, ents: Owners) -> list[Token]:
    """The people or body a party is of ("members of the House Republican leadership", "aides of the
    governor"), not a thing or an event ("families of the victims of the attack")."""
    return [g for c in party.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
            if g.dep_ == "pobj" and (names_people(g) or (e := ents.entity(g.i)) is not None and e.type in ACTOR_TYPES)]


def _met_where(doc: Doc, destinations: list[Token], ents: Owners, named: frozenset[str]) -> Party | None:
    """"a visit to Mexico, where he met the Mexican president": whom the visitor met where the visit
    went hosts the visit (the object of a meeting verb in a "where" clause on the destination)."""
    for place in destinations:
        for verb in (c for c in place.children if c.dep_ == "relcl" and _meet_verb(c) and any(
                a.dep_ == "advmod" and a.lower_ == "where" for a in c.children)):
            met = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            met += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
            hosts = [p for t in met if (p := party_of(doc, t, ents, named)) and p.key and p.type in (PERSON, ORGANISATION)]
            if hosts:
                return hosts[0]
    return None


def _meet_verb(token: Token) -> bool:
    entries = trigger_words().get(token.lemma_.lower(), [])
    return any(e.pos == "VERB" and len(e.words) == 1 and VISIT not in e.kinds for e in entries)


def _inviter(doc: Doc, head: Token, ents: Owners, named: frozenset[str]) -> Party | None:
    """Who invited the guests of a meeting or visit "at the invitation of X" or "at X's invitation":
    X hosts it. The phrase may hang off the trigger, a phrase inside its own (the parser attaches it
    to the nearest noun: "meeting with the caucus at Reid's invitation") or the verb that governs a
    nominal trigger ("wrote about a visit ... at the invitation of Pinchuk": an invitation is to the
    visit, not to the writing); the inviter is the possessor, the "of" object or the name set off by
    a comma right after that object ("of oligarch, Victor Pinchuk", which the parser often leaves loose)."""
    around = {t.i for t in head.subtree} | {t.i for t in clause_chain(head)}
    nouns = word_set("meeting_invitation_nouns.txt")
    for t in head.sent:
        if t.lemma_.lower() not in nouns or t.dep_ != "pobj" or t.head.lower_ not in ("at", "on", "upon") or (
                t.head.head.i not in around):
            continue
        inviters = [c for c in t.children if c.dep_ == "poss"]
        inviters += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        inviters += [doc[g.i + 2] for g in inviters if ents.entity(g.i) is None and g.i + 2 < len(doc)
                     and doc[g.i + 1].text == "," and ents.entity(g.i + 2) is not None]
        for g in inviters:
            p = party_of(doc, g, ents, named) if g.pos_ != "PRON" or g.lower_ not in FIRST_PERSON else None
            if p is not None and p.key is not None and p.type in (PERSON, ORGANISATION):
                return p
    return None


def _held_at(token: Token, reading: Reading, ents: Owners) -> bool:
    """An organisation the trigger's own "at" phrase names ("will convene on June 6 at Goldman Sachs",
    "talks at the United Nations"): the meeting was held on its premises. Not one hanging off a
    party ("officials at the State Department" says who they are), nor a common noun the organisation
    was resolved to ("at the office": whose office is another matter)."""
    e = ents.entity(token.i)
    return (e is not None and e.type == ORGANISATION and token.pos_ == "PROPN" and token in reading.places
            and token.head.lower_ == "at")


def _errand(head: Token, ents: Owners) -> bool:
    """A visit whose purpose the text gives as a deed done to a thing ("to view the casket", "to pay
    respects"), not talks with anyone ("to meet with officials", "to brief lawmakers")."""
    purposes = [c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    for verb in purposes:
        if verb.lemma_.lower() in trigger_words():
            return False
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        # a thing: no entity, no word for people ("Scalia's casket" is his, it is no party as "Scalia's aides" are)
        if objects and all(o.pos_ == "NOUN" and ents.entity(o.i) is None and not names_people(o) for o in objects):
            return True
    return False


def _among_them(group: Token) -> list[Token]:
    """"Wallnau was among the pastors and Christian leaders who met with Trump": the subject the
    sentence counts among a group of parties is one of them."""
    top = group
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    prep = top.head
    if top.dep_ != "pobj" or prep.lower_ != "among" or prep.head.lemma_.lower() != "be":
        return []
    return [c for c in prep.head.children if c.dep_ == "nsubj"]


def _several_questioned(head: Token) -> bool:
    """Investigators question one witness at a time: "the committee interviewed Abedin and Mills",
    "the FBI has interviewed key Clinton aides" tell of several interviews, no one occasion."""
    questioned = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    questioned += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "of")
                   for g in c.children if g.dep_ == "pobj"]
    return any(q.tag_ in ("NNS", "NNPS") or len(with_conjuncts(q)) > 1 for q in questioned)


def _within(token: Token, ents: Owners, depth: int = 2) -> list[Token]:
    """A place phrase and the place it names within itself when it names none ("at HP's headquarters
    in Palo Alto", "at a hotel in Paris": the city): the objects of its own place phrases ("in",
    "at", "on her plane": ``places.place_objects``), and a place name modifying its noun ("at the Phoenix airport", "at a Little Rock event")."""
    if depth == 0 or ents.entity(token.i) is not None or token.pos_ not in ("NOUN", "PROPN"):
        return [token]
    inner = [t for c in token.children for g in place_objects(c, ents) for t in _within(g, ents, depth - 1)]
    named = [c for c in token.children if token.pos_ == "NOUN" and c.dep_ in ("compound", "nmod")
             and (e := ents.entity(c.i)) is not None and e.type == PLACE]
    return [token, *inner, *named]


def _occasion_places(head: Token, ents: Owners) -> list[Token]:
    """"Obama and Putin met during a Group of 20 meeting in China": a meeting held at another, named by
    a meeting word, is where that one was; the place phrases of the occasion noun."""
    if head.pos_ != "VERB":
        return []
    # the parser splits "a Group of 20 meeting" at "of": the occasion noun is then the object of "of"
    objects = [g for c in head.children if c.dep_ == "prep" and c.lower_ in prepositions("held_at")
               for g in c.children if g.dep_ == "pobj"]
    objects += [g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    occasions = [o for o in objects if _meeting_noun(o)]
    return [g for o in occasions for c in o.children if c.dep_ == "prep" and c.lower_ in prepositions("place")
            for g in c.children if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]


def _journey_places(head: Token, ents: Owners) -> list[Token]:
    """Where a journey of the meeting's clause chain went: the verb of going the trigger verb is done
    after, or for ("I went to New York, and I met with", "went to Flint to talk with the mayor", "flew to
    Beijing for talks"), or the arrival its "when" clause names ("will meet with Trump when he arrives
    in Israel"). Not a journey after the meeting ("met Putin and flew to Paris"), nor one the trigger's
    clause is only timed by."""
    journeys = word_set("meeting_journey_verbs.txt")
    if head.pos_ != "VERB":
        verbs = [head.head.head] if head.dep_ == "pobj" and head.head.lower_ == "for" else []
        return [g for v in verbs if v.pos_ == "VERB" and v.lemma_.lower() in journeys for c in v.children
                if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]
    timed = any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL for c in head.children)
    verbs = [head.head] if head.dep_ in ("conj", "xcomp", "advcl") and head.head.i < head.i and not timed else []
    verbs += [c for c in head.children if c.dep_ == "advcl" and any(
        m.dep_ in ("mark", "advmod") and m.lower_ == "when" for m in c.children)]
    # a when-clause is a clause whatever the tagger made of its verb ("when he arrives in Israel": NNS)
    gone = [g for v in verbs if (v.pos_ == "VERB" or v.dep_ == "advcl") and v.lemma_.lower() in journeys for c in v.children
            if c.dep_ == "prep" and c.lower_ in ("to", "in", "at") for g in c.children
            if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]
    # "visited the Capitol on Thursday to meet with Senate Democrats": what was visited, a place or a seat
    visited = [o for v in verbs if v.pos_ == "VERB" and _visit_verb(v) for o in v.children
               if o.dep_ in ("dobj", "obj") and ((e := ents.entity(o.i)) is not None and e.type == PLACE or seat(e))]
    return gone + visited


def _occurrence_places(head: Token, parties: list[Token], ents: Owners) -> list[Token]:
    """"a meeting with Mr. Trump, which took place at Trump Tower", "the talks, held this year in
    Beijing": a clause on the meeting noun saying where it took place or was held, also where the
    parser hung a "which" clause on the last party of its phrase (no person "takes place")."""
    if head.pos_ != "NOUN":
        return []
    occur = word_set("meeting_occur_verbs.txt")

    def tells_where_held(verb: Token) -> bool:
        relative = any(c.dep_ in SUBJECTS and c.tag_ == "WDT" for c in verb.children)
        held = verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in word_set("meeting_holding_verbs.txt")
        return (verb.dep_ == "relcl" and relative and verb.lemma_.lower() in occur) or (held and verb.head.i == head.i)

    own = {t.i for t in head.subtree}
    clauses = [c for t in [head, *(p for p in parties if p.i in own)] for c in t.children
               if c.dep_ in ("relcl", "acl") and tells_where_held(c)]
    clauses.extend(held_as_subject(head))  # "The meeting was held at the FBI's field office in White Plains"
    return [g for v in clauses for c in v.children for g in place_objects(c, ents)]


def _when_places(head: Token, ents: Owners) -> list[Token]:
    """"first met in 2007 when their aides arranged a chat at Reagan National Airport", "met Obama when
    he spoke in Ohio": a when-clause happens at the time of the meeting, and where it happens is where
    the meeting was (a place, or a building named as an organisation: ``_where`` tells them apart)."""
    if head.pos_ != "VERB":
        return []
    clauses = [c for c in head.children if c.dep_ == "advcl" and any(
        m.dep_ in ("mark", "advmod") and m.lower_ == "when" and m.i < c.i for m in c.children)]
    return [g for v in clauses for c in v.children for g in place_objects(c, ents)
            if (e := ents.entity(g.i)) is not None and (e.type == PLACE or building(e))]


def opens_where_clause(head: Token) -> bool:
    """``head`` heads a "where" clause on a noun ("a visit to Mexico, where he met the president")."""
    return head.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in head.children)


def _afterthought_places(head: Token, ents: Owners) -> list[Token]:
    """"committed to spend at the alliance's last summit meeting, in Wales in 2014": a place phrase set
    off by a comma right after the phrase of a nominal trigger tells where that meeting was, though the
    parser hangs it on a verb above the trigger's phrase (a place named before the trigger, or after
    other words, is the verb's own: "met in Paris at the summit", "spoke at the summit about Syria in Paris")."""
    holder = head.head
    if head.pos_ != "NOUN" or head.dep_ != "pobj" or holder.dep_ != "prep" or holder.head.pos_ not in ("VERB", "AUX"):
        return []
    doc = head.doc
    after = head.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].text != ",":
        return []
    prep = doc[after + 1]
    if prep.dep_ != "prep" or prep.lower_ not in prepositions("place") or prep.head not in holder.ancestors:
        return []
    return [g for g in prep.children if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]


def _purpose_places(head: Token, ents: Owners) -> list[Token]:
    """"when delegates convene to nominate him in Cleveland": what a meeting is held to do is done at
    it, so the place phrase of its infinitive of purpose is where it is held (a place inside the
    infinitive's object, "to discuss the war in Syria", is that object's and not looked at)."""
    if head.pos_ != "VERB":
        return []
    purposes = [c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return [g for v in purposes for c in v.children if c.dep_ == "prep" and c.lower_ in prepositions("place")
            for g in c.children if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]


def _scene_places(head: Token, ents: Owners) -> list[Token]:
    """"In New York, after meeting with Sharpton, Clinton proposed ...": a place phrase that opens the
    sentence, before its subject, sets the scene of all the sentence tells, so of a meeting in a
    phrase or clause of time on its verb too ("after", "during", "when"). A place phrase later in the
    sentence is the verb's own ("after meeting Putin, he flew on to speak in Paris")."""
    holder = head.head if head.dep_ in ("pcomp", "pobj") and head.head.dep_ == "prep" else head
    scene = prepositions("scene")
    timed = holder.lower_ in scene if holder is not head else any(
        c.dep_ in ("mark", "advmod") and c.lower_ in scene for c in head.children)
    verb = holder.head
    if not timed or holder.dep_ not in ("prep", "advcl") or verb.pos_ not in ("VERB", "AUX") or verb.i == holder.i:
        return []
    opening = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions("place")
               and c.left_edge.i == verb.sent.start and c.i < holder.i]
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in SUBJECTS]
    return [g for c in opening if all(c.i < i for i in subjects) for g in c.children
            if g.dep_ == "pobj" and (e := ents.entity(g.i)) is not None and e.type == PLACE]


def _visit_verb(token: Token) -> bool:
    entries = trigger_words().get(token.lemma_.lower(), [])
    return any(e.pos == "VERB" and VISIT in e.kinds and len(e.words) == 1 for e in entries)


def _meeting_noun(token: Token) -> bool:
    entries = trigger_words().get(token.lemma_.lower(), []) + trigger_words().get(token.lower_, [])
    return any(e.pos == "NOUN" and len(e.words) == 1 for e in entries)


def _of_phrase(token: Token) -> Token:
    """"Some of Sanders's advisers were at the meeting": the advisers, of whom some took part."""
    if token.lower_ not in word_set("meeting_quantity_words.txt"):
        return token
    objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return objects[0] if objects else token


def _resolved_parties(doc: Doc, head: Token, tokens: list[Token], named: frozenset[str], ents: Owners,
                      facts: _ArticleFacts) -> tuple[list[Party], bool]:
    """The parties the words name, each once, names before pronouns (a pronoun must name another than
    the names, and than a pronoun of the same verb: "She met her"); and whether a "they" was left
    unresolved ("They met again": the parties described before)."""
    parties: list[Party] = []
    seen: set[str] = set()
    by_verb: dict[int, set[str]] = {}  # the keys the pronouns of each verb stand for
    unresolved_they = False
    for t in sorted(tokens, key=lambda t: t.pos_ == "PRON"):
        speaker = speaker_pronoun(t, ents, facts.speakers) if t.lower_ in FIRST_PERSON or (
            t.lower_ in FIRST_PERSON_PLURAL and _own_argument(t, head)) else said_by(t, ents, facts.speaker_mentions, named)
        if speaker is not None:
            found = [Party(speaker, Span.of(article_text(doc), t.idx, t.idx + len(t.text)), ents.type_of(speaker))]
        else:
            # "She met her": two people ("In my meeting with him, he said": "he" may well be "him")
            verb = _argument_of(t)
            found = parties_of(doc, t, ents, named | frozenset(by_verb.get(verb, ())) if verb is not None else named)
            if verb is not None:
                by_verb.setdefault(verb, set()).update(p.key for p in found if p.key)
        unresolved_they = unresolved_they or (not found and t.lower_ in ("they", "them"))
        for p in found:
            if p.key is None and (not names_people(t) or vague(t)):
                continue  # "make ends meet", "a threshold met by": no party; "the man he met": no one named
            if p.key is not None and p.key in seen:
                continue
            if p.key is not None:
                if p.type not in ACTOR_TYPES or (p.type == PLACE and t.dep_ == "pobj" and t.head.lower_ == "from"):
                    continue  # "a call from Vienna" says where the caller was, not who took part
                if p.span in facts.datelines or cut_from_a_name(doc, p, ents):
                    continue  # "WASHINGTON (AP) —"; "State" of "Secretary of State"
                seen.add(p.key)
            parties.append(p)
    return _without_titles(doc, parties, tokens), unresolved_they


def _own_argument(token: Token, head: Token) -> bool:
    """A word the trigger itself takes: its subject or object, possessor or with-object ("we met",
    "our meeting", "met with us"), not the subject of a clause a meeting noun is only an adjunct of
    ("in any negotiation, we will send a signal": who speaks of a negotiation, not who holds one)."""
    if token.head.i == head.i:
        return token.dep_ in SUBJECTS + OBJECTS + ("poss", "dative")
    return token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.i == head.i


def _argument_of(pronoun: Token) -> int | None:
    """The verb a pronoun is the subject or object of ("She met her", "he met with him"), None for any other."""
    if pronoun.pos_ != "PRON":
        return None
    if pronoun.dep_ == "pobj" and pronoun.head.lower_ == "with":
        return pronoun.head.head.i
    return pronoun.head.i if pronoun.dep_ in SUBJECTS + OBJECTS else None


def _without_titles(doc: Doc, parties: list[Party], tokens: list[Token]) -> list[Party]:
    """The parties without the nominals that are only titles of a name right after them ("a breakfast
    with civil rights leader and television host Al Sharpton": one party, not three), which the parser
    made parties of their own."""
    text = article_text(doc)
    starts = {p.span.begin for p in parties if p.key}

    def titles_a_name(t: Token) -> bool:  # a party's name begins at the first character after the phrase
        end = phrase_span(doc, t).end
        return len(text) - len(text[end:].lstrip()) in starts

    # a title joined to a later one before the name ("leader and television host Al Sharpton"), not
    # the people listed after a title ("actress Julia Reis, activists, and officials": the activists are there)
    titles = {phrase_span(doc, t) for t in tokens if t.pos_ == "NOUN"
              and any(titles_a_name(c) for c in [t, *(c for c in t.conjuncts if c.i > t.i)])}
    return [p for p in parties if p.key is not None or p.span not in titles]
