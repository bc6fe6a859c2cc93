"""Statements: cue uses that report nothing said — a verb of saying inside "without" ("he said,
without referring to any of the candidates": what was not done is no report), and speech acts that
hand over someone else's words ("released the DNC emails")."""

from __future__ import annotations

from spacy.tokens import Token


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
