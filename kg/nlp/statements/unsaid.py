"""Statements: cue uses that report nothing said — a verb of saying inside "without" ("he said,
without referring to any of the candidates": what was not done is no report), and speech acts that
hand over someone else's words ("released the DNC emails"), or that take a thing, not words: a topic
of thought ("thinks about Trump"), a thing given or withheld ("were denied access"), a thing posted
("posted the clip")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.statements.words import word_list


def not_done(verb: Token) -> bool:
    """A cue that is the gerund of "without" ("..., without referring specifically to any of the
    candidates", "It goes without saying that ..."), or a predicate conjoined with one ("without
    naming or criticizing him"): the text says it was not done."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.tag_ == "VBG":
        verb = verb.head
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"


def others_words(noun: Token, subject: Token) -> bool:
    """A speech act noun that a name other than the subject's owns ("WikiLeaks released the DNC
    emails", "the group published Clinton's speeches"): the subject hands over what someone else
    wrote, it says nothing itself ("the campaign released its statement" is its own). A name as a
    modifier owns the noun only under "the" ("the DNC emails"; "a Twitter message", "his Facebook
    post" name where it was said)."""
    own = {t.lower_ for t in subject.subtree}
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    return any(c.pos_ == "PROPN" and c.lower_ not in own and (c.dep_ == "poss" or c.dep_ == "compound" and definite)
               for c in noun.children)


def topic_of_thought(verb: Token, cue: list[Token], content: list[Token]) -> bool:
    """ "How Paul Ryan thinks about Donald Trump", "how voters feel about Clinton": a verb of thinking
    or feeling (speech_belief_cues.txt) whose only content is the object of a preposition names what
    the thought is about, not what is thought. A belief is a proposition: a clause ("thinks that
    ..."), an infinitive or an object ("feared the worst"); a topic leaves the stance unsaid; a clause
    or gerund inside the preposition's phrase is no topic. A cue
    phrase with its preposition ("worry about") is a stance of its own (speech_cues.txt)."""
    if len(cue) > 1 or verb.lemma_.lower() not in word_list("speech_belief_cues.txt") or not content:
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis", "oprd") for c in verb.children):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if any(c.dep_ == "pcomp" for p in preps for c in p.children) or any(t.lower_ == "that" and t.tag_ in ("IN", "WDT") for t in content):
        return False  # "thinking about running" (a plan), "know at the time that ..." (a clause): a stance
    inside = {t.i for p in preps for t in p.subtree}
    return bool(preps) and all(t.i in inside for t in content)


def recipient_subject(verb: Token) -> bool:
    """ "Reporters were denied access", "a privilege that parts of Obamacare have been denied", "he
    was promised a job": the passive of a verb that gives or withholds a thing (speech_giving_verbs.txt)
    whose thing stays an object (its own, or the noun its relative clause hangs on) makes its subject
    the one the thing was given or withheld from: no content, and nothing said is reported. "Sanders
    was announced the winner" (a verb of no giving) and "moments when he was described as ..." (the
    relative is "when") say something of their subject."""
    if verb.lemma_.lower() not in word_list("speech_giving_verbs.txt") or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ == "it":
        return False
    if any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return True
    relatives = [c for c in verb.children if c.tag_ in ("WDT", "WP", "WRB") or c.dep_ == "advmod" and c.lower_ in ("when", "where", "why")]
    object_relative = all(c.lower_ in ("that", "which") and c.dep_ not in ("nsubj", "nsubjpass") for c in relatives)
    return verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN" and verb.head.i < subject.i and object_relative


def posted_thing(verb: Token) -> bool:
    """ "posted the clip to YouTube", "posted a photo of himself", "posted a 17 percent increase": a
    verb of putting out (speech_posting_verbs.txt) whose object is a thing, not words: no clause and
    a noun object that names no speech act, statement or published piece ("posted a message", "posted
    comments on Facebook", "posted a story" put out words; a quotation is checked by the caller)."""
    if verb.lemma_.lower() not in word_list("speech_posting_verbs.txt"):
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children):
        return False
    words = word_list("speech_act_nouns.txt") | word_list("speech_nouns.txt") | word_list("speech_published_nouns.txt")
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return bool(objects) and not any(o.lemma_.lower() in words for o in objects)


def no_words(verb: Token, cue: list[Token], content: list[Token], passive: bool, quoting: bool) -> bool:
    """A cue whose parse shows it takes a thing, not words: a topic of thought ("thinks about
    Trump"), a passive of giving whose subject is who was given ("were denied access"), a thing
    posted ("posted the clip") when no quotation gives the words."""
    return topic_of_thought(verb, cue, content) or passive and recipient_subject(verb) \
        or not quoting and posted_thing(verb)
