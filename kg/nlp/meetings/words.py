"""Meetings: the word lists, trigger entries and dependency labels every part of the meeting finder shares."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.model import ORGANISATION, PERSON, PLACE
from kg.nlp.lexicon_io import lines


SUBJECTS = ("nsubj", "nsubjpass", "csubj")


OBJECTS = ("dobj", "obj", "attr")


VISIT, PHONE_CALL, VIDEO_CALL, IN_PERSON = "Visit", "PhoneCall", "VideoCall", "InPerson"


BILATERAL, MULTILATERAL = "Bilateral", "Multilateral"


ACTOR_TYPES = (PERSON, ORGANISATION, PLACE)  # a country can be a party ("Iran offered to negotiate")


DEFINITE = ("the", "this", "that", "these", "those")


FIRST_PERSON = ("i", "me", "my", "mine", "myself")


FIRST_PERSON_PLURAL = ("we", "us", "our", "ours", "ourselves")  # a group the speaker is one of


TEMPORAL = ("when", "after", "before", "until", "once", "as")  # "when delegates convene": the future


NOT_PARTIES = ("WORK_OF_ART", "EVENT", "PRODUCT", "LAW")  # spaCy's classes of titles, events and laws


PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


NOT_PEOPLE = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


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
def word_set(name: str) -> frozenset[str]:
    return frozenset(ln.lower() for ln in _lines(name))


@cache
def prepositions(role: str) -> frozenset[str]:
    return frozenset(w.lower() for r, w in (ln.split() for ln in _lines("meeting_prepositions.txt")) if r == role)


@cache
def remote_words() -> dict[str, str]:
    return {w.lower(): k for w, k in (ln.split() for ln in _lines("meeting_remote_words.txt"))}


DATELINE_MARKS = frozenset(",—–-(")
