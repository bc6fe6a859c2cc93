"""The word lists the entity, role and coreference rules read, from ``kg/nlp/lexicon/``.

Each list is loaded once; users extend the files, not the code.
"""

from __future__ import annotations

from functools import cache

from kg.nlp.lexicon_io import lines


def _lines(name: str) -> tuple[str, ...]:
    return lines(name)


def normal(word: str) -> str:
    """How lexicon entries and text are compared: lower case, no final full stop."""
    return word.lower().rstrip(".")


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(normal(w) for w in _lines(name))


@cache
def phrase_set(name: str) -> frozenset[tuple[str, ...]]:
    """Multi-word entries as tuples of normalised words, for longest-match lookups."""
    return frozenset(tuple(normal(w) for w in line.split()) for line in _lines(name))


@cache
def pairs(name: str) -> dict[str, str]:
    """A two-column TSV as a dict from the normalised first column to the second."""
    out = {}
    for line in _lines(name):
        left, _, right = line.partition("\t")
        if right:
            out[left.strip().lower()] = right.strip()
    return out


def honorifics() -> frozenset[str]:
    return word_set("entity_honorifics.txt")


def titles() -> frozenset[tuple[str, ...]]:
    return phrase_set("entity_titles.txt")


@cache
def title_words() -> frozenset[str]:
    return frozenset(w for t in titles() for w in t)


def former_words() -> frozenset[str]:
    return word_set("entity_former_words.txt")


def determiners() -> frozenset[str]:
    return word_set("entity_determiners.txt")


def organisation_heads() -> frozenset[str]:
    return word_set("organisation_heads.txt")


def organisation_first_words() -> frozenset[str]:
    return word_set("organisation_first_words.txt")


def organisation_followers() -> frozenset[tuple[str, ...]]:
    return phrase_set("organisation_followers.txt")


def organisation_member_nouns() -> frozenset[str]:
    return word_set("organisation_member_nouns.txt")


def organisation_contest_words() -> frozenset[str]:
    return word_set("organisation_contest_words.txt")


def common_words() -> frozenset[str]:
    return word_set("entity_common_words.txt")


def demonyms() -> dict[str, str]:
    """``{"syrian": "Syria", ...}``; plurals ("Syrians") are looked up by :func:`country_of_demonym`."""
    return pairs("demonyms.tsv")


def country_of_demonym(word: str) -> str | None:
    table = demonyms()
    low = word.lower()
    if low in table:
        return table[low]
    if low.endswith("s") and low[:-1] in table:
        return table[low[:-1]]
    return None


def place_aliases() -> dict[str, str]:
    return pairs("place_aliases.tsv")


@cache
def pronouns(kind: str) -> frozenset[str]:
    """The lower-case pronouns of one kind of ``pronouns.tsv``: personal, neuter, plural, quoted, relative."""
    words = frozenset(w for w, k in pairs("pronouns.tsv").items() if k == kind)
    if not words:  # a misspelt kind must not read as "no such pronouns"
        raise KeyError(f"pronouns.tsv has no kind {kind!r}")
    return words
