"""Statements: the word lists and dependency labels every part of the statement finder shares."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from kg.nlp import docindex
from kg.nlp.lexicon_io import lines


SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# who says it: the active subject; the subject of a passive cue ("he was told") is not the speaker,
# nor is a clause ("Holding rates near zero has encouraged borrowing, supporting growth")
SPEAKER_DEPS = ("nsubj",)
# a reader addressed in the second person ("would you think ...") is no speaker
NOT_SPEAKERS = ("you",)
# children of a cue verb that are what was said, not part of the cue clause
CONTENT_DEPS = ("ccomp",)
# a parenthetical cue ("..., officials said") hangs off the clause it reports by one of these
PARENTHETICAL_DEPS = ("parataxis", "ccomp", "advcl", "conj")
# where a verb's object and complements hang: what a quoting verb's quotation may sit in
OBJECT_DEPS = ("dobj", "xcomp", "oprd", "prep", "ccomp", "dative")
CUE_POS = ("VERB", "NOUN", "ADJ")  # the parts of speech a cue word can have, "according" aside
DAY_MONTH_YEAR = (10, 7, 4)  # lengths of TIMEX3 values 2025-12-24, 2025-12, 2025


def article_text(doc: Doc) -> str:
    """The article text; ``Doc.text`` rebuilds it from the tokens on every access."""
    return docindex.text(doc)


@cache
def word_list(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lines(name))


def cue_words() -> frozenset[str]:
    """Speech verbs and phrases that report a clause: say, tell, according to, point out, ..."""
    return word_list("speech_cues.txt")


@cache
def cue_verbs() -> frozenset[str]:
    """Every verb lemma that can be a cue, whatever kind of content it takes."""
    return frozenset(w for w in cue_words() if " " not in w) | word_list("speech_object_cues.txt") \
        | word_list("speech_cues_to.txt") | word_list("speech_quote_cues.txt")


@cache
def document_nouns() -> frozenset[str]:
    """Nouns of documents and of speech acts whose author is who speaks through them."""
    return word_list("speech_source_nouns.txt") | word_list("speech_count_nouns.txt") | word_list("speech_nouns.txt") \
        | word_list("speech_act_nouns.txt")


FINITE = ("VBD", "VBP", "VBZ")
