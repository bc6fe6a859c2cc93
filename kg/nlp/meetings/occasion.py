"""Meetings: whether a trigger speaks of one specific occasion, not a habit, an experience, a kind
of activity, a wish or a hypothesis."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kg.model import Span
from kg.nlp import docindex
from kg.nlp.meetings.frames import Frame
from kg.nlp.meetings.readings import clause_chain, climb, purpose_infinitive, straight
from kg.nlp.meetings.sentence_split import SENTENCE_END, sentence_index
from kg.nlp.meetings.words import OBJECTS, SUBJECTS, TEMPORAL, VISIT, word_set
from kg.nlp.owners import Owners


def one_occasion(frame: Frame, ents: Owners, sents: Sequence[Span]) -> bool:
    """Whether the trigger speaks of one specific occasion: not a habit ("meets voters every day"),
    an experience ("people I have met") or a kind of activity ("meeting relatives of prisoners has an
    impact"), nor a wish or a hypothesis ("would you meet them?", "excited to meet", "if they meet",
    "would be honored to meet"). A date or a place makes a trigger specific enough for the softer tests."""
    head = frame.head
    chain = clause_chain(head)
    habitual = word_set("meeting_habitual_words.txt")
    for t in chain[:2]:
        for c in t.children:
            if c.dep_ in ("advmod", "npadvmod", "tmod") and (
                    c.lower_ in habitual or any(g.dep_ == "det" and g.lower_ in habitual for g in c.children)):
                return False
            if c.dep_ == "prep" and (_several_times(c) or _spread_over(c)):
                return False  # "on more than one occasion", "on several occasions", "across the state"
        if _long_standing(t):
            return False  # "officials have long been talking with X": a practice of years, no one occasion
    if any(c.dep_ == "det" and c.lower_ in habitual for c in head.children):
        return False  # "attend every local meeting"
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for t in verbs for c in t.children):
        return False
    if any(_on_condition(t) for t in verbs):
        return False  # "offered to meet with them if needed": a meeting that hangs on a condition
    if any(_counterfactual(t) for t in verbs):
        return False  # "he would have attended the meeting if ...": what did not happen
    if any(_wish(t) for t in verbs):
        return False  # "would like to go to the United States to meet with mayors": a wish, whatever its place
    if frame.verbal and head.dep_ in ("ROOT", "ccomp", "parataxis", "appos", "advcl") and head.tag_ == "VB" and not any(
            c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass", "mark") for c in head.children):
        return False  # "Meet people not once, but twice", "the playbook: Meet people": an imperative, advice
    sent = sents[sentence_index(sents, head.idx)]
    if sent.text.rstrip(' "\'”’)').endswith("?"):
        return False  # a question asks whether, it does not report
    attitude = head.head.pos_ == "ADJ" or (  # "would be honored to meet", not "is scheduled to meet"
        head.head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.head.children)
        and head.head.lemma_.lower() not in word_set("meeting_plan_words.txt"))
    if (head.dep_ == "xcomp" and attitude) or (
            head.dep_ in ("pcomp", "pobj") and head.head.dep_ == "prep" and head.head.head.pos_ == "ADJ"
            and head.head.head.dep_ not in SUBJECTS + OBJECTS):  # not "Much of her time during a meeting"
        return False  # "excited to meet", "would be honored to meet", "open to negotiating": a stance, not a plan
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in word_set("meeting_possibility_nouns.txt") for t in chain[1:]):
        return False  # "an opportunity to visit the White House", "a willingness to take a meeting"
    top = climb(head)
    if top.dep_ == "pobj" and top.head.lower_ == "for" and top.head.head.lemma_.lower() in word_set(
            "meeting_proposal_verbs.txt"):
        return False  # "Democrats have pushed for new negotiations": a demand, no occasion
    if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each") for p in frame.party_heads for c in p.children):
        return False  # "will meet with any candidate", "meeting with any and every Tea Party group"
    if _visit_to_a_building(frame, ents):
        return False  # "during his visit to Trump Tower": a building visited, no one met there
    if _the_writer(chain):
        return False  # "I met with Sanders in his office to discuss ...": the writer's interview, not the news
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


def _unanchored(frame: Frame, chain: list[Token], sent: Span, sents: Sequence[Span]) -> bool:
    """What makes a trigger with no date or place of its own a kind rather than an occasion."""
    head = frame.head
    if frame.verbal and (_experience(head) or _object_gap(head)):
        return True  # "I've met him", "friends that I met": an experience, who and not when
    if frame.verbal and _pronoun_alone(frame):
        return True  # "Because Santilli got their attention, they convened": who met whom, where, when, untold
    if not frame.verbal and _in_a_stance(head):
        return True  # "his pledge to be neutral during peace talks": talks of a kind, in what one would do
    if frame.verbal and head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ in ("for", "of", "on", "about")\
            and head.head.head.pos_ == "NOUN":
        return True  # "the basis for meeting with these individuals", "our focus is on negotiating with the EU"
    modals = [straight(c.lower_) for t in chain if t.pos_ in ("VERB", "AUX") for c in t.children if c.dep_ == "aux"]
    if any(m in ("could", "might", "may", "should") for m in modals) or (
            chain[-1].dep_ != "ccomp" and any(m in ("would", "'d") for m in modals)):
        return True  # "it would be good to meet", "they might meet Trump": a hypothesis ("announced he would meet X" reports a plan)
    headline = sents.index(sent) == 0 and sent.text.rstrip()[-1:] not in SENTENCE_END
    # "men bring their daughters to meet me", "Hughes avoids discussing the election with her mother":
    # the purpose or the gerund of a verb in the simple present is as habitual as that verb
    done_in = head.head if frame.verbal and _purpose_or_gerund(head) else head
    return _simple_present(done_in) and not headline  # "Fink meets A Serious Man": what happens, not when


def _long_standing(verb: Token) -> bool:
    """A perfect with "long" ("have long been talking", "has long negotiated"): what has gone on for
    a long time, not one occasion."""
    kids = list(verb.children)
    return any(c.dep_ == "advmod" and c.lower_ == "long" for c in kids) and any(
        c.dep_ == "aux" and straight(c.lower_) in ("have", "has", "had", "'ve", "'s") for c in kids)


def _on_condition(verb: Token, depth: int = 0) -> bool:
    """A verb an "if" or "unless" clause of its own governs ("will meet him if he wins", "to meet with
    agents if needed"), or of the infinitive of purpose after it ("to meet with them to assist their
    efforts if needed"): what it says happens only on that condition."""
    clauses = [c for c in verb.children if c.dep_ == "advcl"]
    if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in clauses for m in c.children):
        return True
    return depth == 0 and any(_on_condition(c, 1) for c in clauses
                              if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))


def _purpose_or_gerund(verb: Token) -> bool:
    """A gerund complement ("avoids discussing"), or an infinitive of purpose of a verb whose subject is
    a bare plural, people in general ("men bring their daughters to meet me"; not the narrative
    present of "Later he steps off camera to speak with them")."""
    if verb.dep_ == "xcomp" and verb.tag_ == "VBG":
        return True
    generic = [c for c in verb.head.children if c.dep_ == "nsubj" and c.tag_ == "NNS"
               and not any(g.dep_ in ("det", "poss", "nummod") for g in c.children)]
    return purpose_infinitive(verb) and bool(generic)


def _counterfactual(verb: Token) -> bool:
    """"would have attended", "could have met": a modal perfect speaks of what did not happen."""
    aux = [straight(c.lower_) for c in verb.children if c.dep_ == "aux"]
    return any(a in ("would", "could", "might", "should", "'d") for a in aux) and "have" in aux and verb.tag_ == "VBN"


def _wish(verb: Token) -> bool:
    """"would like to", "'d love to": a wish, which no plan or date of its own makes an occasion."""
    return verb.lemma_.lower() in word_set("meeting_wish_verbs.txt") and any(
        c.dep_ == "aux" and straight(c.lower_) in ("would", "'d") for c in verb.children)


def _visit_to_a_building(frame: Frame, ents: Owners) -> bool:
    """A visit whose only host is a building by its name ("Trump Tower", "the Mayflower Hotel"), whatever
    the entity's type, with no other party than the visitor: a place gone to, no one visited (a seat of
    government, "the White House", is a visit to its office)."""
    host = ents.by_key.get(frame.host.key) if frame.host is not None and frame.host.key else None
    if VISIT not in frame.kinds or host is None:
        return False
    words = host.name.lower().split()
    words = words[1:] if words[:1] == ["the"] else words
    if len(words) < 2 or words[-1] not in word_set("meeting_building_nouns.txt") or " ".join(words) in word_set(
            "meeting_seat_names.txt"):
        return False
    return len({p.key for p in frame.parties if p.key and p.key != host.key}) <= 1


def _the_writer(chain: list[Token]) -> bool:
    """"I" outside any quotation as the subject of the trigger or of the verbs above it, or "my" on a
    meeting noun: the writer, a journalist, whose interviews and encounters are no meeting of the news."""
    quoted = docindex.quoted_text(chain[0].doc)
    words = [c for t in chain if t.pos_ in ("VERB", "AUX") for c in t.children if c.dep_ in SUBJECTS]
    words += [c for c in chain[0].children if c.dep_ == "poss"]
    return any(c.lower_ in ("i", "my") and not quoted.inside(c.idx) for c in words)


def _pronoun_alone(frame: Frame) -> bool:
    """An intransitive meeting verb whose one party is a pronoun subject ("they convened", "he met"):
    no one it met, nor where or when, only what the pronoun may stand for."""
    head = frame.head
    if any(c.dep_ in OBJECTS or c.dep_ == "prep" for c in head.children):
        return False
    if frame.both_sides:
        return False  # "They met again a year later": the two of the meeting described before
    keys = {p.key for p in frame.parties if p.key}
    return len(keys) <= 1 and bool(frame.party_heads) and all(t.pos_ == "PRON" for t in frame.party_heads)


def _in_a_stance(head: Token) -> bool:
    """A bare meeting noun ("peace talks", no article, possessor or number) in a phrase of an
    infinitive that describes a noun ("a pledge to be neutral during peace talks", "the duty to be
    present at meetings"): what one promises or ought to do in such talks, not one occasion."""
    if any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
        return False
    top = climb(head)
    if top.dep_ != "pobj" or top.head.dep_ != "prep":
        return False
    verb = top.head.head
    return (verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.pos_ == "NOUN"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


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


def _spread_over(prep: Token) -> bool:
    """"Across the state, Republicans began meeting", "met across the country": gatherings spread over
    a land are several, held in many places (not "across the street", "across the table": a place)."""
    return prep.lower_ == "across" and any(g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC") or (
        g.pos_ == "NOUN" and g.lemma_.lower() in word_set("meeting_territory_nouns.txt"))) for g in prep.children)


def _experience(head: Token) -> bool:
    """The perfect of experience: "I've met Mr. Trump", "have you ever met", "people I have met"
    (the news perfect "Aeroflot has negotiated the purchase" reports one event)."""
    kids = list(head.children)
    if not any(c.dep_ == "aux" and straight(c.lower_) in ("have", "has", "'ve") for c in kids):
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
