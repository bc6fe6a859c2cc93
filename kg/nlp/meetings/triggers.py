"""Meetings: the trigger words of an article, matched against the trigger list, and whether each can
stand for one meeting."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from kg.nlp import docindex
from kg.nlp.meetings.words import trigger_words, TriggerWord, word_set
from kg.nlp.owners import Owners


@dataclass
class Match:
    head: Token
    tokens: list[Token]
    entry: TriggerWord
    also: list[Match] = field(default_factory=list)  # trigger words modifying this one ("summit" meeting)

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0].idx, self.tokens[-1].idx + len(self.tokens[-1].text)


def _forms(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def trigger_matches(doc: Doc) -> Iterator[Match]:
    table = trigger_words()
    not_triggers = {tuple(x.split("_")) for x in word_set("meeting_not_triggers.txt")}
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
            # "press conference", "a town hall-style meeting": the modifier makes it another kind of event
            modifiers = [t for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree]
            modifiers += [doc[tok.i - 1]] if tok.i > 0 else []
            if any((m, f) in not_triggers for t in modifiers for m in _forms(t) for f in _forms(head)):
                break  # not a meeting, and no shorter entry either
            taken.update(t.i for t in tokens)
            yield Match(head, tokens, entry)
            break


def one_trigger(match: Match, ents: Owners) -> bool:
    """Whether a trigger word can stand for one meeting: not a plural ("meetings", "phone calls": several
    occasions, or the activity), not a word of a name ("Meet the Press", "the US Conference of
    Mayors"), not a modifier of another noun ("negotiating partners", "meeting participants"), and
    no meeting noun the tagger gave a subject ("Merkel talks about a consensus": the verb)."""
    head, entry = match.head, match.entry
    if entry.pos == "NOUN" and (head.tag_ in ("NNS", "NNPS") and head.lower_ not in _listed_words()
                                or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)):
        return False
    if any(ents.entity(t.i) is not None or t.ent_type_ == "WORK_OF_ART" for t in match.tokens):
        return False
    outer = head.head
    return not (head.dep_ in ("amod", "compound") and outer.i != head.i and head.tag_ != "VBN"  # "a negotiated deal"
                and outer.lemma_.lower() not in trigger_words() and outer.lower_ not in trigger_words())


@cache
def _listed_words() -> frozenset[str]:
    """Every word form the trigger list spells out ("talks", "negotiations" are listed as plurals)."""
    return frozenset(w for entries in trigger_words().values() for e in entries for w in e.words)


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
