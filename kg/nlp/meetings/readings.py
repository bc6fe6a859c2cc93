"""Meetings: what the parse around one trigger says before any party is resolved: its subjects and
objects, prepositional phrases, governing verb, and its status (planned, cancelled, occurred, negated)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.model import CANCELLED, ORGANISATION, PERSON, PLACE, OCCURRED, PLANNED, Span
from kg.nlp import docindex
from kg.nlp.meetings.parties import is_audience, is_party, Party, party_of
from kg.nlp.meetings.places import place_objects, seat
from kg.nlp.meetings.sentence_split import article_text, sentence_index, sentence_spans
from kg.nlp.meetings.triggers import Match
from kg.nlp.meetings.words import (
    DEFINITE,
    NOT_PEOPLE,
    OBJECTS,
    prepositions,
    remote_words,
    SUBJECTS,
    TEMPORAL,
    VISIT,
    word_set,
)
from kg.nlp.owners import Owners


def refers_to_parties(doc: Doc, token: Token, ents: Owners) -> bool:
    """"the two sides", "both delegations", "the ministers": the parties of a meeting already described."""
    if token.pos_ != "NOUN" or ents.entity(token.i) is not None or token.tag_ != "NNS":
        return False
    kids = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")}
    if kids & {"two", "both"}:
        return True
    modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "amod", "prep", "nmod")]
    return "the" in kids and not modifiers and token.lemma_.lower() in word_set("meeting_both_sides.txt")


def climb(token: Token) -> Token:
    """From a meeting word up through "of" to the noun it measures ("two days of talks" -> "days")."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        token = token.head.head
    return token


def _governor(token: Token) -> Token | None:
    """The verb a nominal trigger hangs off ("held talks", "said after a meeting", "in negotiations")."""
    token = climb(token)
    head = token.head
    if token.dep_ in OBJECTS or token.dep_ in SUBJECTS:
        return head if head.i != token.i else None
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return None


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subjects of a verb, inherited through control and coordination when it has none."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not _gerunds_object(c)]
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
    if purpose_infinitive(verb) and up.lemma_.lower() in word_set("meeting_send_verbs.txt"):
        # "Clinton dispatched O'Leary to meet with doctors": whom she sent meets them
        sent = [c for c in up.children if c.dep_ in ("dobj", "obj")]
        return [t for c in sent for t in (c, *c.conjuncts)] or _subjects(up, depth + 1)
    if verb.dep_ == "pcomp" and up.dep_ == "prep" and up.lower_ in ("for", "with", "of") and up.head.pos_ == "VERB":
        # "thanked him for meeting", "credited her with convening", "accused X of meeting": the object did it
        controllers = [c for c in up.head.children if c.dep_ in ("dobj", "obj") and c.ent_type_ not in NOT_PEOPLE]
        if controllers:
            return controllers
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
        if verb.dep_ == "pcomp" and up.pos_ == "NOUN" and up.dep_ == "pobj" and up.head.head.pos_ == "VERB":
            # "In remarks after meeting with his security council, Obama repeated": whose remarks, or
            # else the clause's subject
            poss = [c for c in up.children if c.dep_ == "poss"]
            return poss or _subjects(up.head.head, depth + 1)
        if (partner := _gerund_partner(verb)) is not None:
            return _subjects(partner, depth + 1)
    return []


def _gerunds_object(subject: Token) -> bool:
    """A noun the parser made the subject of a coordinated verb when it is the object of a gerund
    after a comma ("Sanders spent Wednesday in New York, filming television shows and meeting with
    X": "shows" is no verb of "television", the gerunds share the subject "Sanders")."""
    verb = subject.head
    if verb.dep_ != "conj" or subject.pos_ != "NOUN":
        return False
    return any(g.dep_ == "amod" and g.tag_ == "VBG" and g.i < subject.i and g.i > 0
               and subject.doc[g.i - 1].text == "," for g in subject.children)


def _stranded_subjects(verb: Token) -> list[Token] | None:
    """The nouns opening the verb's own line when the parser hung the verb off a line before it
    ("... on Friday" / "Lord Coe and council convened to decide": "Coe" made the object of "on"):
    the subject the line gives it; None when the verb's head is in its own line."""
    sents = sentence_spans(verb.doc)
    sent = sents[sentence_index(sents, verb.idx)]
    if verb.head.idx >= sent.begin or "\n" not in article_text(verb.doc)[verb.head.idx:sent.begin]:
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


def clause_chain(head: Token) -> list[Token]:
    """The trigger and the words that govern it up to its clause ("agreed to meet", "plans for a visit")."""
    chain = [head]
    t = head
    while t.head.i != t.i and len(chain) < 5 and (t.dep_ not in ("ccomp", "parataxis", "advcl", "relcl", "ROOT")
                                                   or purpose_infinitive(t)):
        t = t.head
        chain.append(t)
    return chain


def purpose_infinitive(verb: Token) -> bool:
    """An infinitive of purpose ("would like to go to the United States to meet with mayors"): the
    meeting is as planned, or as past, as the going."""
    return verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _status(head: Token) -> str | None:
    """Planned, cancelled or occurred from the words governing the trigger; None when negated
    ("did not meet", "no talks", "refused to meet")."""
    plan, cancel = word_set("meeting_plan_words.txt"), word_set("meeting_cancel_words.txt")
    refuse = word_set("meeting_refusal_words.txt")
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None
    chain = clause_chain(head)
    intents = plan | word_set("meeting_possibility_nouns.txt")
    if any(c.dep_ == "det" and c.lower_ == "no" for t in chain[1:] if t.pos_ == "NOUN"
           and (t.lemma_.lower() in intents or t.lower_ in intents) for c in t.children):
        return None  # "has no plans to meet", not "there was no photograph of the meeting"
    status = OCCURRED
    if head.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL for c in head.children):
        status = PLANNED  # "until I meet with Bibi", "after the president meets with Sanders"
    occur = word_set("meeting_occur_verbs.txt")
    adjunct = during = False  # "Clinton proposed ... after meeting with Sharpton": the verb above is another event
    arranged = False  # planned only by a participle of its own: "a hastily arranged visit"
    for k, t in enumerate(chain):
        kids = list(t.children)
        if adjunct:  # only its tense says when: "will speak after meeting X"
            if arranged and t.pos_ in ("VERB", "AUX") and _past(t) and not _planning(t):
                status = OCCURRED  # "arrived for a hastily arranged visit": arranged then, and it took place
            arranged = False
            if any(c.dep_ == "aux" and (straight(c.lower_) in plan or c.lower_ == "going") for c in kids) or (
                    during and t.pos_ == "VERB" and t.lemma_.lower() in word_set("meeting_expect_verbs.txt")):
                status = PLANNED  # "is expected to act at its meeting": what happens there is to come, so is it
            continue
        adjunct = t.dep_ == "prep" and t.lower_ in prepositions("attended") | set(TEMPORAL)
        during = adjunct and t.lower_ in prepositions("during")
        if k > 0 and chain[k - 1].dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in word_set(
                "meeting_purpose_verbs.txt"):
            continue  # "the meeting was aimed at explaining": its purpose, not a plan
        # "the meeting was not political" says what it was; "the meeting did not take place", that it was not
        predicate = k > 0 and chain[k - 1].dep_ in ("nsubj", "csubj") and t.lemma_.lower() not in occur
        until = any(c.lower_ in ("until", "till") for c in kids)  # "did not meet until 2010": it did, then
        if any(c.dep_ == "neg" for c in kids) and t.pos_ in ("VERB", "AUX") and not (predicate or until):
            return None
        # a curly apostrophe is the straight one ("We’ll be meeting" is "We'll be meeting")
        words = [t.lemma_.lower(), t.lower_] + [straight(c.lemma_.lower()) for c in kids
                                                if c.dep_ in ("aux", "amod", "prt")]
        # "a meeting next week", "will meet on Thursday next week"
        # the parser makes "next" of "next week" an nmod too; "the next morning" of a story is no plan
        words += [g.lower_ for c in kids if c.dep_ in ("npadvmod", "tmod") and not any(
            g.dep_ == "det" and g.lower_ == "the" for g in c.children) for g in c.children
                  if g.dep_ in ("amod", "det", "nmod")]
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "prt" for c in kids):
            words.append(t.lemma_.lower() + "_" + next(c.lower_ for c in kids if c.dep_ == "prt"))
        if k == 0:  # the trigger itself: only its auxiliaries and modifiers count
            words = words[2:]
        if k > 0 and t.lemma_.lower() in refuse:
            return None
        if any(w in cancel for w in words) and not _asked_for(chain[k + 1:]):
            return CANCELLED
        if any(w in plan for w in words) or any(c.dep_ == "aux" and c.lower_ == "going" for c in kids):
            status = PLANNED
            # a participle ("arranged", "scheduled"), not "upcoming" or "next", which look ahead of today
            arranged = k == 0 and any(c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in plan for c in kids)
    return status


def _planning(verb: Token) -> bool:
    """A verb that plans, proposes or expects what it governs ("called for a planned summit",
    "prepared for the scheduled talks"): its past does not make the meeting past."""
    lemma = verb.lemma_.lower()
    return lemma in word_set("meeting_plan_words.txt") | word_set("meeting_proposal_verbs.txt") | word_set(
        "meeting_expect_verbs.txt")


def straight(word: str) -> str:
    """A word with its typographic apostrophe made the plain one the word lists use ("’ll" -> "'ll")."""
    return word.replace("’", "'")


def awaited(head: Token) -> bool:
    """Whether the words around a trigger place the meeting after the time of a clause that is not
    past: "before the meeting", "ahead of the summit", "prior to the talks", "in preparation for the
    meeting", "on the eve of the visit" (``meeting_awaiting_words.txt``) in "Before the meeting, Merkel
    will call Obama", "the scramble ahead of the Warsaw meeting is ..."; "Before the meeting, she called
    him", "questioned it in an interview ahead of the summit" say nothing of whether it is still to come."""
    words = word_set("meeting_awaiting_words.txt")
    for top in dict.fromkeys([head, climb(head)]):  # "on the eve of the summit", "before two days of talks"
        if top.dep_ != "pobj" or top.head.dep_ != "prep":
            continue
        prep = top.head
        above = prep.head  # "ahead", "prior", or the noun of "in preparation for", "in the run-up to"
        name = "".join(t.text for t in above.doc[above.left_edge.i:above.i + 1] if t.dep_ != "det").lower()
        if prep.lower_ == "before" or (prep.lower_ in ("of", "to", "for") and (
                above.lower_ in words or name in words or above.lemma_.lower() in words)):
            verb = prep.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            return verb.pos_ in ("VERB", "AUX") and not _past(verb)
    return False


def _past(verb: Token) -> bool:
    """A verb in a past tense ("called", "had called", "was called"), not one that a "will" or "would"
    governs; a gerund or infinitive has the tense of the verb above it ("struggled after questioning it")."""
    while verb.tag_ in ("VBG", "VB", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and (
            verb.head.i != verb.i):
        up = verb.head
        while up.pos_ not in ("VERB", "AUX") and up.head.i != up.i:
            up = up.head
        if up.pos_ not in ("VERB", "AUX") or up.i == verb.i:
            break
        verb = up
    aux = [straight(c.lower_) for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "would", "'ll", "shall") for a in aux):
        return False
    return verb.tag_ == "VBD" or any(a in ("had", "did", "was", "were") for a in aux)


def _asked_for(above: list[Token]) -> bool:
    """A request, call, demand or threat to cancel ("requests to cancel the meeting"): the cancelling
    is only asked for, so the meeting is not cancelled by it; "made requests to ... cancel": the
    request is the object of a light verb above."""
    asks = word_set("meeting_cancel_request_words.txt")
    return any(w.lemma_.lower() in asks or w.lower_ in asks
               for t in above for w in [t, *(c for c in t.children if c.dep_ == "dobj" and c.pos_ == "NOUN")])


@dataclass
class Reading:
    """What the words around a trigger say of its meeting, before any party is resolved: the heads
    of the phrases naming parties, places and what a visit went to, in the order the parse gives them."""
    status: str = OCCURRED
    parties: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)
    destinations: list[Token] = field(default_factory=list)  # what a visit went to
    venues: list[Token] = field(default_factory=list)  # a seat named before the noun ("a White House meeting")
    kinds: list[str] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)  # other trigger words of the same meeting
    absorbed: list[int] = field(default_factory=list)  # heads of nested triggers read as part of this one
    with_party: bool = False  # a "with" / "between" phrase names a party
    host: Party | None = None
    referring: bool = False  # "the talks": may refer back to a meeting already described
    rejected: bool = False  # the words say it is no meeting ("was met with opposition", "did not meet")

    def add(self, other: Reading) -> None:
        self.parties += other.parties
        self.places += other.places
        self.destinations += other.destinations
        self.venues += other.venues
        self.kinds += other.kinds
        self.extra += other.extra
        self.absorbed += other.absorbed
        self.with_party = self.with_party or other.with_party
        self.host = self.host or other.host
        self.referring = self.referring or other.referring
        self.rejected = self.rejected or other.rejected


def reading_of(doc: Doc, match: Match, ents: Owners, by_head: dict[int, Match]) -> Reading:
    """What the parse around the trigger says: a verb's subject and objects, a noun's possessor and
    modifiers and the verb that holds it, and the prepositional phrases of either."""
    status = _status(match.head)
    if status is None:
        return Reading(rejected=True)
    out = Reading(status, kinds=list(match.entry.kinds))
    for other in match.also:
        out.extra.append(Span.of(article_text(doc), *other.span))
        out.kinds.extend(other.entry.kinds)
    out.add(_verbal_reading(doc, match, ents, by_head) if match.entry.pos == "VERB"
            else _nominal_reading(doc, match, ents, by_head))
    if "with" in match.entry.conditions and not out.with_party:
        out.rejected = True
    return out


def _names_a_party(doc: Doc, heads: list[Token], ents: Owners) -> bool:
    return any(is_party(doc, g, ents) for g in heads)


def _prepositional_reading(doc: Doc, token: Token, ents: Owners, verbal: bool, is_visit: bool,
                           own: bool = True) -> Reading:
    """The parties, places and call kinds the prepositional phrases of ``token`` give: "with X",
    "in Moscow", "a visit to Russia", "by phone"; ``own``: they are the trigger's own (or the verb's
    that holds it), so that a "with" phrase is a party to it."""
    out = Reading()
    party_preps, place_preps = prepositions("party"), prepositions("place")
    for c in token.children:
        if c.dep_ not in ("prep", "agent"):
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"] or _raised_objects(c)
        low = c.lower_
        if low == "between":
            objs += _second_of_a_pair(objs, ents)
        if low in ("with", "between", "among") and own:  # only a party counts: not "with a focus on"
            out.with_party = out.with_party or _names_a_party(doc, objs, ents)
        # "deal with Trump during its annual meeting": a with-phrase of another verb names its own partner
        if low in party_preps and not (low == "of" and verbal) and (own or low not in ("with", "between", "among")):
            out.parties.extend(objs)
        if low in place_preps:
            out.places.extend(objs)
        if low in prepositions("seat"):  # "met with Reid on Capitol Hill", not "talks on Syria"
            out.places.extend(place_objects(c, ents))
        # "meets over the next two days in Cleveland", "met for the first time in 1996 at the PGA
        # Championship": the place phrase the parser hung off the time phrase is the meeting's
        out.places.extend(g for o in objs if _time_noun(o) for p in o.children for g in place_objects(p, ents))
        if low == "to" and is_visit:  # "a visit to Russia"
            out.places.extend(objs)
            out.destinations.extend(objs)
        out.kinds.extend(remote_words()[g.lower_] for g in objs if g.lower_ in remote_words())
    return out


def _second_of_a_pair(objects: list[Token], ents: Owners) -> list[Token]:
    """"Private Meeting Between Clinton, Warren Prompts VP Speculation": "between" takes two, and a
    headline joins them with a comma the parser does not read as a coordination; the name right after
    the comma after the one name is the other."""
    if len(objects) != 1 or objects[0].conjuncts or ents.entity(objects[0].i) is None:
        return []
    doc, end = objects[0].doc, objects[0].i  # the name ends at its head (its right edge may run on)
    if end + 2 >= len(doc) or doc[end + 1].text != "," or doc[end + 2].pos_ != "PROPN":
        return []
    other = ents.entity(end + 2)
    return [doc[end + 2]] if other is not None and other.type == ents.entity(objects[0].i).type else []


def _time_noun(token: Token) -> bool:
    """A noun of time: a date's head ("the next two days", "Monday") or "time" ("for the first time")."""
    return token.pos_ == "NOUN" and (token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() == "time")


def _raised_objects(prep: Token) -> list[Token]:
    """The object a preposition with none of its own shares with the next verb of a coordination
    ("met with and prayed over Trump": Trump is met with too)."""
    verb = prep.head
    if verb.pos_ != "VERB" or prep.i + 1 >= len(prep.doc) or prep.doc[prep.i + 1].dep_ != "cc":
        return []
    return [g for v in verb.conjuncts if v.i > prep.i for c in v.children if c.dep_ == "prep" and c.i > v.i
            for g in c.children if g.dep_ == "pobj"][:1]


def _raised_places(verb: Token) -> list[Token]:
    """"met with and prayed over Trump at his headquarters": when the verb shares its object with the
    next verb of a coordination, the place phrases after that object are the meeting's too."""
    shares = any(c.dep_ == "prep" and _raised_objects(c) for c in verb.children)
    place_preps = prepositions("place")
    return [g for v in verb.conjuncts if shares and v.i > verb.i for c in v.children
            if c.dep_ == "prep" and c.lower_ in place_preps for g in c.children if g.dep_ == "pobj"]


def _verbal_reading(doc: Doc, match: Match, ents: Owners, by_head: dict[int, Match]) -> Reading:
    """"X met Y in Moscow", "visited Russia", "convened a conference call", "received the minister"."""
    head, entry = match.head, match.entry
    is_visit = VISIT in entry.kinds
    not_objects = word_set("meeting_not_objects.txt")
    if any(c.dep_ in ("auxpass", "agent") for c in head.children) or (head.dep_ == "acl" and head.tag_ == "VBN"):
        return Reading(rejected=True)  # "was met with opposition", "a threshold met only by Trump"
    own = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    met = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    met += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if own and not any(is_party(doc, c, ents) or refers_to_parties(doc, c, ents) for c in own) and not any(
            (e := ents.entity(c.i)) is not None and e.type == PERSON for c in met):
        # "make ends meet", "the plan met resistance": a thing meets no one ("the pontiff met Sanders": someone)
        return Reading(rejected=True)
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    out = Reading()
    if is_visit and "object" not in entry.conditions:  # "visited X", not "hosted X" or "received a call"
        out.destinations.extend(objects)
    # "promised to meet and exceed the goals"; "met with criticism"
    shared = [o for v in head.conjuncts for o in v.children if o.dep_ in ("dobj", "obj")] if not objects else []
    withs = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if any(o.lemma_.lower() in not_objects for o in shared + withs):
        return Reading(rejected=True)
    out.parties.extend(_subjects(head))
    out.parties.extend(_whose_meeting_was_dropped(head, by_head))
    for obj in objects:
        nested = by_head.get(obj.i)
        if nested is not None and nested.entry.pos != "VERB":  # "convene a conference call": one meeting
            out.absorbed.append(obj.i)
            out.extra.append(Span.of(article_text(doc), *nested.span))
            out.kinds.extend(nested.entry.kinds)
            out.add(_prepositional_reading(doc, obj, ents, True, is_visit))
        elif obj.lemma_.lower() in not_objects or (
                entry.words == ("meet",) and obj.pos_ == "NOUN" and not is_party(doc, obj, ents)
                and not refers_to_parties(doc, obj, ents)):
            out.rejected = True  # "met the deadline", "to meet the labor shortfall": another sense
            return out
        elif is_visit and (p := party_of(doc, obj, ents)) is not None and (p.type == PLACE or seat(ents.by_key.get(p.key))):
            out.places.append(obj)  # "visited Russia", "visit Capitol Hill": where, not whom
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
    out.places.extend(_raised_places(head))
    if "object" in entry.conditions and not (match.also or out.extra):  # "received the minister": the subject hosts
        # the object itself names someone: not "received the endorsement of X", nor "received a call from X"
        guests = [p for o in objects if (ents.entity(o.i) is not None or o.pos_ == "PRON")
                  and (p := party_of(doc, o, ents)) and p.type in (PERSON, ORGANISATION)]
        if not guests:
            out.rejected = True
            return out
        hosts = [p for s in _subjects(head) if (p := party_of(doc, s, ents)) and p.key]
        out.host = hosts[0] if hosts else None
    for c in head.children:  # "hosted Xi at the White House for talks", "met for talks": one meeting
        nested = [g for g in c.children if g.dep_ == "pobj" and c.dep_ == "prep" and c.lower_ == "for"
                  and g.i in by_head and by_head[g.i].entry.pos != "VERB"]
        for g in nested:
            out.absorbed.append(g.i)
            out.extra.append(Span.of(article_text(doc), *by_head[g.i].span))
            out.add(_prepositional_reading(doc, g, ents, True, is_visit))
    return out


def _whose_meeting_was_dropped(head: Token, by_head: dict[int, Match]) -> list[Token]:
    """"the White House canceled his meeting with Duterte, conferring instead with Park": a gerund
    clause on a verb that calls off a meeting tells what its owner did in its place, so the owner
    ("his") meets too, beside the clause's subject (who may only speak for him)."""
    verb = head.head
    if head.dep_ != "advcl" or head.tag_ != "VBG" or verb.i == head.i or verb.pos_ != "VERB" or not _calls_off(verb):
        return []
    dropped = [o for o in verb.children if o.dep_ in ("dobj", "obj") and o.i in by_head
               and by_head[o.i].entry.pos == "NOUN"]
    return [c for o in dropped for c in o.children if c.dep_ == "poss"]


def _calls_off(verb: Token) -> bool:
    """A verb of meeting_cancel_words.txt, alone ("canceled") or with its particle ("called_off")."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return lemma in word_set("meeting_cancel_words.txt") or f"{lemma}_{particle}" in word_set("meeting_cancel_words.txt")


def _nominal_reading(doc: Doc, match: Match, ents: Owners, by_head: dict[int, Match]) -> Reading:
    """"his visit to Moscow", "the Clinton-Trump talks", "held talks with X", "said after a meeting",
    "the meeting, requested by Sanders", "a private meeting he had with Rubio"."""
    head = match.head
    is_visit = VISIT in match.entry.kinds
    out = Reading()
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # "his visit", not "Monday's debate"
            out.parties.append(c)
        if (c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.pos_ == "PRON"):
            out.referring = True  # "the talks", "their meeting"
        # "the meeting, requested by Sanders", "talks hosted by Oman and attended by the envoy": whoever
        # arranges, holds or attends it takes part (each participle of a coordination)
        if c.dep_ == "acl":
            out.parties.extend(g for v in [c, *c.conjuncts] if _done_by_a_party(v)
                               for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")
        if c.dep_ == "relcl" and c.lemma_.lower() in word_set("meeting_support_verbs.txt"):
            out.parties.extend(t for t in _subjects(c) if t.tag_ not in ("WDT", "WP"))
            out.add(_prepositional_reading(doc, c, ents, False, is_visit))
    # "the Clinton-Trump debate", "Iran talks": names modifying the noun, however nested
    stack = [c for c in head.children if c.dep_ == "compound"]
    while stack:
        c = stack.pop()
        stack.extend(g for g in c.children if g.dep_ in ("compound", "conj"))
        if (e := ents.entity(c.i)) is not None and e.type == PLACE and c.dep_ == "compound" and c.head.i == head.i:
            out.places.append(c)  # "the New York trip", "the Geneva talks": where
        if (e := ents.entity(c.i)) is not None and e.type in (PERSON, ORGANISATION):
            # "a White House meeting": where it was held (or who hosted it), not who took part
            (out.venues if e.name.lower() in word_set("meeting_seat_names.txt") else out.parties).append(c)
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


def _done_by_a_party(participle: Token) -> bool:
    """A participle on a meeting noun whose agent took part: one that arranges it ("requested by"),
    or a past participle that holds or attends it ("held by", "attended by", "joined by")."""
    lemma = participle.lemma_.lower()
    return lemma in word_set("meeting_arrange_verbs.txt") or (
        participle.tag_ == "VBN" and lemma in word_set("meeting_support_verbs.txt"))


def _told_in_the_same_breath(governor: Token, ents: Owners) -> list[Token]:
    """"Mook was holding a meeting in his office ... and told aides that he viewed Sanders as a threat":
    whom the holder of a meeting tells, in a verb coordinated with the holding that has no subject and
    no time of its own, was at it (not an audience: "and told reporters"; not "and later told X")."""
    address = word_set("meeting_address_verbs.txt")
    out = []
    for verb in (v for v in governor.conjuncts if v.i > governor.i and v.lemma_.lower() in address):
        if any(c.dep_ in SUBJECTS or c.ent_type_ in ("DATE", "TIME") or c.lower_ in ("later", "then", "afterward",
               "afterwards", "subsequently") for c in verb.children):
            continue
        out.extend(o for o in verb.children if o.dep_ in ("dobj", "dative") and not is_audience(o, ents))
    return out


def _proceeded_with(head: Token, governor: Token) -> bool:
    """"he would go ahead with the Trump meeting", "proceed with the talks": the subject holds it."""
    top = climb(head)
    if not (top.dep_ == "pobj" and top.head.lower_ == "with" and top.head.head.i == governor.i):
        return False
    verb = governor.lemma_.lower()
    words = {verb} | {f"{verb}_{c.lower_}" for c in governor.children if c.dep_ in ("prt", "advmod")}
    return bool(words & word_set("meeting_proceed_verbs.txt"))


def _attended(head: Token) -> bool:
    """"said after a meeting", "spoke during the talks": the clause happened at the meeting."""
    top = climb(head)
    return top.dep_ == "pobj" and top.head.lower_ in prepositions("attended") and not _clause_subject_read_as_object(top)


def _clause_subject_read_as_object(noun: Token) -> bool:
    """"After the meeting of Nevada Democrats ended in mayhem, Lange said": the parser reads "after" as
    a preposition whose object is the meeting and hangs it on "ended"; the meeting is the subject of
    that verb, which follows its phrase at once and has no subject of its own, and whoever the main
    clause is about took no part in it for that."""
    verb = noun.head.head
    return verb.pos_ == "VERB" and verb.i == noun.right_edge.i + 1 and noun.head.i < noun.i < verb.i \
        and not any(c.dep_ in SUBJECTS for c in verb.children)


def _governing_verb_reading(doc: Doc, head: Token, governor: Token, ents: Owners, is_visit: bool,
                            by_head: dict[int, Match]) -> Reading:
    """"held talks", "called off the meeting", "spoke at the summit": whoever holds, calls off or
    attends it takes part; whoever hosts it, or invites another to it, is its host."""
    verb = governor.lemma_.lower()
    supported = (head.dep_ in OBJECTS and (
        verb in word_set("meeting_support_verbs.txt") or _calls_off(governor)
        or (verb in word_set("meeting_light_verbs.txt") and head.head.i == governor.i))) \
        or _proceeded_with(head, governor) or (
        # "the talks were attended by the envoy", "the meeting was hosted by Oman": the agent is the subject
        climb(head).dep_ == "nsubjpass" and verb in word_set("meeting_support_verbs.txt")
        and any(c.dep_ == "agent" for c in governor.children))
    attended = _attended(head)
    top = climb(head)
    out = Reading()
    if attended and any(is_audience(c, ents) for c in governor.children if c.dep_ in ("dobj", "dative")):
        return Reading(rejected=True)  # "told reporters during the conference call": a press call
    if head.dep_ in ("dobj", "dative") and verb in word_set("meeting_audience_verbs.txt"):
        return Reading(rejected=True)  # "Clinton told the AIPAC meeting": a speech to a gathering
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "for") and verb in word_set("meeting_send_verbs.txt"):
        # "sent Eggleston to Capitol Hill for a meeting with House Democrats": Eggleston, not who sent him
        out.parties.extend(c for c in governor.children if c.dep_ in ("dobj", "obj"))
        return out
    if (supported or attended) and not any(c.dep_ == "neg" for c in governor.children):
        # "Trump was not at the summit": whoever was not there took no part
        out.parties.extend(_subjects(governor))
        # "working with him at the conference": a with-phrase of the clause is no party of the meeting;
        # "following his meeting with Ryan, Trump met with X": X met Trump at the other meeting
        if governor.i not in by_head:
            out.add(_prepositional_reading(doc, governor, ents, False, is_visit, own=supported))
        if supported:
            out.parties.extend(_told_in_the_same_breath(governor, ents))
        if attended and top.head.lower_ in prepositions("during") and verb in word_set("meeting_address_verbs.txt"):
            # "Pena Nieto told Mr. Trump at the beginning of the meeting": whom one tells there is there
            out.parties.extend(c for c in governor.children if c.dep_ in ("dobj", "dative")
                               and (ents.entity(c.i) is not None or c.pos_ == "PRON"))
    hosts = [p for s in _subjects(governor) if (p := party_of(doc, s, ents)) and p.key]
    if supported and verb == "host":
        out.host = hosts[0] if hosts else None
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "for") and verb in word_set("meeting_invite_verbs.txt"):
        # "Peña Nieto invited Mr. Trump to a meeting": who invites hosts, whom they invite comes
        out.host = hosts[0] if hosts else None
        out.parties.extend(_subjects(governor))
        out.parties.extend(c for c in governor.children if c.dep_ in ("dobj", "obj"))
    return out
