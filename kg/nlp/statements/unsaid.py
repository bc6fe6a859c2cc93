"""Statements: cue uses that report nothing said — a verb of saying inside "without" ("he said,
without referring to any of the candidates"): what was not done is no report."""

from __future__ import annotations

from spacy.tokens import Token


def not_done(verb: Token) -> bool:
    """A cue that is the gerund of "without" ("..., without referring specifically to any of the
    candidates", "It goes without saying that ..."), or a predicate conjoined with one ("without
    naming or criticizing him"): the text says it was not done."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.tag_ == "VBG":
        verb = verb.head
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"
