"""Identity keys of names: what makes two name forms one entity, from the article alone.

An entity's node IRI comes from its identity key (kg/graph.py), so the key must depend on nothing but
the names the article gives it and data shipped with kg: never on other articles or their order.

- **keys** (:func:`name_key`): case, full stops, punctuation, a leading "the" and a possessive are
  ignored, and so are an organisation's corporate suffixes (``lexicon/organisation_suffixes.txt``):
  "The Apple, Inc.'s" → ``apple``, "U.S." → ``us``;
- **acronyms**: one an article defines ("General Motors Corporation (GM)") or that is the initials of
  a name it gives, else one of ``lexicon/organisation_acronyms.tsv`` ("NATO"), stands for the full name;
- **short names**: "Apple" for "Apple Computer", when the rest names no other body ("Ford" is not
  the Ford Foundation: ``lexicon/organisation_part_heads.txt``);
- **places**: the name GeoNames gives the place (kg/nlp/linking.py), through its aliases and the
  ISO codes of countries: "US", "U.S.", "USA" and "the United States of America" are ``united states``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kg.model import ORGANISATION, PERSON, PLACE
from kg.nlp import entity_lexicon as lex

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_NOT_WORD = re.compile(r"[^\w&]+")
ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
# Words left out of an acronym: "National League for Democracy" is NLD.
ACRONYM_STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "&", "de", "du", "la", "des", "der", "und"})


@lru_cache(maxsize=1 << 15)
def name_key(name: str, etype: str = ORGANISATION) -> str:
    """The identity key of a name form: "The Apple Computer, Inc." → "apple computer". ``etype``
    says which words of a name are not part of its identity (an organisation's corporate suffixes,
    a person's honorifics); any other value keeps every word."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    text = _POSSESSIVE.sub("", text).replace(".", "")
    words = _NOT_WORD.sub(" ", text.casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if etype == ORGANISATION:
        suffixes = organisation_suffixes()
        while len(words) > 1 and words[-1] in suffixes:
            words = words[:-1]
        while len(words) > 1 and words[-1] in ("&", "and"):
            words = words[:-1]  # "Smith & Co": the "&" went with the suffix
    elif etype == PERSON:
        honorifics = lex.honorifics()
        while len(words) > 1 and words[0] in honorifics:
            words = words[1:]
    return " ".join(words)


def is_acronym(name: str) -> bool:
    """"GM", "U.S.", "AT&T", "EADS": capitals only, two to seven of them."""
    return ACRONYM.fullmatch(name.replace(".", "").strip()) is not None


def initials(key: str) -> str:
    """The acronym a key's words make: "national league for democracy" → "NLD"."""
    return "".join(w[0] for w in key.split() if w not in ACRONYM_STOP_WORDS).upper()


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` ("SIA", "EADS") is an abbreviation of ``long`` ("Singapore Airlines",
    "European Aeronautic Defence and Space Company"): its letters occur in order in the long form,
    the first one starting its first word and each word start matched in turn (the Schwartz–Hearst
    test for an abbreviation defined in brackets)."""
    s = [c for c in short.lower() if c.isalnum()]
    words = [w for w in _NOT_WORD.sub(" ", long.lower()).split() if w not in ACRONYM_STOP_WORDS]
    if len(s) < 2 or not words or s[0] != words[0][0]:
        return False
    text = " ".join(words)
    i = len(text) - 1
    for k in range(len(s) - 1, -1, -1):
        c = s[k]
        # the first letter must begin a word; the others may sit anywhere, scanning right to left
        while i >= 0 and (text[i] != c or (k == 0 and i > 0 and text[i - 1] != " ")):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def known_acronym(name: str) -> str | None:
    """The full name of a well-known acronym ("NATO"), from ``lexicon/organisation_acronyms.tsv``."""
    return _acronyms().get(name.replace(".", "").strip())


def extends(short_key: str, long_key: str) -> bool:
    """Whether a name with ``long_key`` may be called by ``short_key`` alone: "apple" → "apple
    computer", "ford" → "ford motor"; not "ford" → "ford foundation" (another body)."""
    if not long_key.startswith(short_key + " "):
        return False
    rest = long_key[len(short_key) + 1:].split()
    return not any(w in organisation_part_heads() for w in rest)


def identity(etype: str, forms: list[str], place_name: str | None = None) -> str:
    """The identity key of an entity the article calls by ``forms`` (its canonical name first);
    ``place_name``: the name GeoNames gives it, for a place the gazetteer knows."""
    if etype == PLACE and place_name:
        return name_key(place_name, PLACE)
    if etype == PERSON:
        return _person_identity(forms)
    if etype != ORGANISATION:
        return name_key(forms[0], etype)
    full = sorted({name_key(f, etype) for f in forms if not is_acronym(f)}, key=lambda k: (len(k.split()), len(k), k))
    for k in full:
        # the shortest name the others all begin with: what the article calls it for short
        if all(o == k or extends(k, o) for o in full):
            return k
    if full:
        return name_key(forms[0], etype) if not is_acronym(forms[0]) else full[-1]
    expansion = next((known_acronym(f) for f in forms if known_acronym(f)), None)
    return name_key(expansion or forms[0], etype)


def without_middle_names(key: str) -> str | None:
    """A person's name key without its middle names or initials ("donald j trump" → "donald trump",
    "donald j trump jr" → "donald trump jr"), or None when it has none ("donald trump jr")."""
    words = key.split()
    suffix = []
    while len(words) > 2 and words[-1] in person_name_suffixes():
        suffix.insert(0, words.pop())
    if len(words) < 3:
        return None
    return " ".join([words[0], words[-1], *suffix])


def middle_names(key: str) -> str:
    """What :func:`without_middle_names` drops: "donald j trump" → "j"."""
    short = without_middle_names(key)
    if short is None:
        return ""
    words, kept = key.split(), short.split()
    return " ".join(words[1:len(words) - len(kept) + 1])


def _person_identity(forms: list[str]) -> str:
    """A person's key: the canonical name's, without the middle names or initials when the article
    calls the person by the first and last name as well ("Donald J. Trump" and "Donald Trump" →
    ``donald trump``), so that the node is the one of the articles that never give the middle name."""
    key = name_key(forms[0], PERSON)
    short = without_middle_names(key)
    if short is not None and short in {name_key(f, PERSON) for f in forms[1:]}:
        return short
    return key


@cache
def person_name_suffixes() -> frozenset[str]:
    return frozenset(w.replace(".", "") for w in lex.word_set("person_name_suffixes.txt"))


@cache
def organisation_suffixes() -> frozenset[str]:
    return frozenset(w.replace(".", "") for w in lex.word_set("organisation_suffixes.txt"))


@cache
def organisation_part_heads() -> frozenset[str]:
    return lex.word_set("organisation_part_heads.txt")


@cache
def _acronyms() -> dict[str, str]:
    from kg.nlp.lexicon_io import lines

    out = {}
    for line in lines("organisation_acronyms.tsv"):
        short, _, full = line.partition("\t")
        if full.strip():
            out[short.strip().replace(".", "")] = full.strip()
    return out
