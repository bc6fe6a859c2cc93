"""The tense of the clause a word belongs to, read from spaCy's parse.

It decides on which side of the dateline "on Wednesday" or "in October" lies."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp import timex_lexicon as lex

PAST, UNKNOWN, FUTURE, MODAL = -1, 0, 1, 2  # MODAL: may, could, would... (future for a weekday)
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODAL_AUX = {"would", "could", "might", "may", "can", "should", "must", "'d"}
_BE_PRESENT = {"is", "are", "'s", "'re", "am"}


def governor(tok: Token) -> Token:
    """The verb whose clause ``tok`` belongs to (the token itself if it is one; the root at worst)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def tense(tok: Token | None) -> int:
    """PAST, FUTURE, MODAL or UNKNOWN for the clause of ``tok``, from its verb and auxiliaries. (Borrowing
    the tense of the governing clause for a participle or infinitive was tried: on newswire it hurts.)"""
    return UNKNOWN if tok is None else _clause_tense(governor(tok))


def _clause_tense(verb: Token) -> int:
    """The tense its verb and auxiliaries give a clause."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and (words & {"have", "has", "'ve", "'s", "had"} or not words):
        return PAST  # perfect, or a participle on its own ("products introduced in April")
    governed_by = verb.head.lower_
    if verb.tag_ == "VB" and "to" in words and (governed_by in lex.future_governors() or governed_by in _BE_PRESENT):
        return FUTURE  # "plans to meet", "is to meet"
    if verb.lower_ in lex.future_governors() and verb.tag_ in ("VBZ", "VBP", "JJ"):
        return FUTURE
    if words & _MODAL_AUX:
        return MODAL
    return UNKNOWN
