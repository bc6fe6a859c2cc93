"""Persons, organisations and places with all their mentions.

On top of spaCy's NER:
1. **span cleanup**: a name never holds a title, honorific, determiner, possessive ``'s``, line
   break, bracket, score or trailing common noun ("Sana news agency" → "Sana");
2. **type fixes** from cue words kept as data (organisation heads and followers such as "Ministry",
   "Corp", "news agency"; "the news agency Tanjug", "Ericsson spokesman"), from the gazetteer (a
   country is a place), from datelines and from sports lines (a club followed by its score, the
   sides of a "v", a non-country place that beats or loses to someone are organisations; a name
   followed by bowling figures or a minute is a player; "BOSTON AT OAKLAND" ends with a venue);
3. **propagation**: a name typed once is the same type everywhere in the article, and repeats the
   model missed (including a person's surname and the upper-case headline form) become mentions;
4. **coreference** of name forms: surnames and honorific + surname go to the nearest full name
   they fit, acronyms to the organisation they abbreviate, "U.S." to "United States";
5. **roles** (kg/nlp/roles.py) and **links** (kg/nlp/linking.py: GeoNames for places).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from kg.model import NAME, ORGANISATION, PERSON, PLACE, Entity, Mention, Span
from kg.nlp import docindex
from kg.nlp import entity_lexicon as lex
from kg.nlp import identity
from kg.nlp.linking import country_names, gazetteer_place, link, load_gazetteer, place_named

LABELS = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
# Tokens that end a name: a name never runs across them.
BREAKERS = {"(", ")", "[", "]", ",", ":", ";", '"', "“", "”", "‘", "’'", "/", "|", "!", "?"}
DASHES = {"-", "--", "—", "–"}
POSSESSIVE = {"'s", "’s", "‘s", "'", "’"}  # '‘s': a left quotation mark typed for the apostrophe
# Lower-case words a sports table line may hold besides names and numbers.
TABLE_WORDS = {"and", "not", "out", "v", "vs", "beat", "at", "in", "for", "lbw", "b", "c", "st", "run", "retired"}
# Spans of one or two letters in capitals inside brackets after a club: "Proleter (Z)", "Rad (B)".
CLUB_SUFFIX = re.compile(r"\([A-Z]{1,3}\)")
# A city this big, named in the article, is more likely the city than a club or a person.
CITY_VOTE_POPULATION = 100_000
COMMON_POS = {"NOUN", "ADJ", "VERB", "ADV", "PRON", "DET", "ADP"}
# A city this big is recognised even where the model saw no name at all.
BIG_CITY_POPULATION = 200_000
ACRONYM = re.compile(r"[A-Z]{2,5}")
ONE_INITIAL = re.compile(r"^[A-Z]\.$")
INITIAL = re.compile(r"^[A-Z]\.$|^[A-Z]\.[A-Z]\.$")
# What a label never shows: bidi controls (they steer display only; Unicode's Bidi_Control set) and
# emoji or pictographs with what attaches to them (variation selectors, skin tones, joiners, tags, keycaps).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_PICTOGRAPH = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_ATTACHED = "\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"
NOT_IN_LABELS = re.compile(f"[{_BIDI}]|[{_PICTOGRAPH}][{_ATTACHED}]*(?:\u200d[{_PICTOGRAPH}][{_ATTACHED}]*)*|[{_ATTACHED}]")


@dataclass
class _Name:
    start: int  # token index
    end: int  # token index, exclusive
    type: str | None  # None: a name whose type only propagation can give
    strength: int  # 0 model, 1 propagated, 2 cue word / gazetteer / table
    local: bool = False  # typed by its line alone (a team in a results table): does not propagate

    def key(self, doc: Doc) -> str:
        return docindex.span_text(doc, self.start, self.end).lower()


def find_entities(doc: Doc) -> list[Entity]:
    """Every person, organisation and place the article names, one entity each, with roles and links."""
    from kg.nlp.coref import nominal_mentions
    from kg.nlp.roles import find_roles

    names = _cut_to_known_names(doc, _join_corporate_suffixes(doc, _model_names(doc)))
    _distrust_capitals(doc, names)
    names = _join_name_pieces(doc, names)
    names += _dateline_names(doc, names)
    names += _country_names(doc, names)
    _apply_table_rule(doc, names)
    names = _fixture_lines(doc, names)
    names = _versus_sides(doc, names)
    names += _cued_names(doc, names)
    names += _bracketed_country_persons(doc, names)
    names = _numbered_players(doc, names)
    _athletes(doc, names)
    _contest_teams(doc, names)
    _surnames_despite_cues(doc, names)
    names = _propagate(doc, names)
    names = _possessive_names(doc, names)
    names = _list_consistency(doc, names)
    names = _without_portfolios(doc, names)
    names = _without_event_names(doc, names)
    names = _without_tags(doc, names)
    names = _without_word_phrases(doc, names)
    entities = _group(doc, names)
    entities = _with_identity(find_roles(doc, entities))
    entities = nominal_mentions(doc, entities)
    return link(entities, load_gazetteer(), None)


# ------------------------------------------------------------------------------ names from the model
def _model_names(doc: Doc) -> list[_Name]:
    toks = docindex.tokens(doc)
    out = []
    for ent in doc.ents:
        etype = LABELS.get(ent.label_)
        if etype is None:
            continue
        # a person's name never holds a possessive: "Breitbart's Joel Pollak", "Donald Trump's America"
        pieces = _split(doc, ent.start, ent.end, etype == PERSON or _possessor_is_a_name(doc, ent))
        for k, (start, end) in enumerate(pieces):
            # A possessor before "'s" ("Syria's Sana") is a name of its own whose type the model
            # did not give: leave it to propagation and the gazetteer.
            possessor = end < ent.end and toks[end].text in POSSESSIVE
            if etype != PERSON and _titled_person(doc, start, end):
                etype = PERSON  # "Spokeswoman Sandy Angers": a post and a person's name
            if etype != PERSON and start > ent.start and toks[start - 1].text in POSSESSIVE \
                    and _given_name_first(doc, start, end):
                etype = PERSON  # "Fox News' Megyn Kelly": the body's person
            trimmed = _trim(doc, start, end, etype)
            if trimmed is None:
                continue
            s, e = trimmed
            if etype == PERSON:
                s = _initials_start(doc, s)
            elif _party_word_before_body(doc, s, e):
                s += 1  # "Republican House": the House
            typed = etype
            if len(pieces) > 1 and etype == PERSON and any(t.text in POSSESSIVE for t in toks[ent.start:ent.end]):
                # either side of "'s" may be the person: a full name is, one word is left to propagation
                typed = etype if e - s >= 2 else None
            elif possessor and len(pieces) > 1:
                typed = None
            name = _Name(s, e, typed, 0)
            _fix_type(doc, name)
            out.append(name)
    return out


@docindex.per_doc
def _title_case_tokens(doc: Doc) -> frozenset[int]:
    """Tokens of the headline, when the article opens with one in title case ("Hillary Clinton
    Slams Donald Trump On Abortion"): there the model runs names together with the words around
    them. Only the first line: further down, lines of capitalised words are lists and tables."""
    toks = docindex.tokens(doc)
    lines = docindex.lines(doc)
    if not lines:
        return frozenset()
    start, end = lines[0]
    words = [t for t in toks[start:end] if t.is_alpha and len(t.text) >= 4]
    capitals = sum(t.text[:1].isupper() for t in words)
    if len(words) >= 3 and capitals >= 0.75 * len(words) and not all(t.is_upper for t in words):
        return frozenset(range(start, end))
    return frozenset()


def _cut_to_known_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Names the model ran together with other words: in a headline, a name is cut to the names the
    article's body gives ("Hillary Clinton Slams Donald Trump" → "Hillary Clinton", "Donald Trump"),
    and a name holding a verb or function word is dropped unless the body gives it ("Top Climate
    Group Will Run Ads");
    elsewhere a person's name loses a descriptor before or after a full name the article gives
    ("Billionaire Donald Trump", "Marco Rubio Donor"), and a quoted slogan is the person it names
    ("''Fascist Trump''" → "Trump")."""
    headline = _title_case_tokens(doc)
    toks = docindex.tokens(doc)
    body = [n for n in names if n.start not in headline]
    known = {n.key(doc) for n in body}
    repeated = {k for k, c in Counter(n.key(doc) for n in body).items() if c > 1}
    out: list[_Name] = []
    for n in names:
        if n.start in headline and n.end - n.start >= 2 and n.key(doc) not in known:
            pieces = _known_pieces(doc, n.start, n.end, known)
            rest = [t for t in toks[n.start:n.end] if not any(s <= t.i < e for s, e in pieces)]
            if (pieces and all(_common_word(t.lower_) or t.is_stop for t in rest)) or any(map(_clause_word, rest)):
                # a name holds no verb nor function word the body does not give it with: "Trump Meets
                # With Expert", "Anti-Trump Groups Launch Ads" are the headline's clause
                out.extend(_Name(s, e, None, 0) for s, e in pieces)
                continue
        if n.type == PERSON and n.start not in headline:
            n.start, n.end = _without_descriptors(doc, n, known, repeated)
        out.append(n)
    return out


def _clause_word(t: Token) -> bool:
    """A verb by the parse or a function word that names do not hold ("Would", "Launch", "Named",
    "With", "At"; not the "of" of "Ministry of Defence"): a word of a clause, not of a name."""
    return (t.is_stop and t.lower_ not in identity.ACRONYM_STOP_WORDS) or t.pos_ in ("VERB", "AUX") \
        or t.tag_ in ("VBZ", "VBD", "VBG", "VBN", "MD")


def _known_pieces(doc: Doc, start: int, end: int, known: set[str]) -> list[tuple[int, int]]:
    """The longest runs of tokens in [start, end) that are names the body gives, left to right."""
    out, i = [], start
    while i < end:
        for j in range(end, i, -1):
            if docindex.span_text(doc, i, j).lower() in known:
                out.append((i, j))
                i = j
                break
        else:
            i += 1
    return out


def _without_descriptors(doc: Doc, n: _Name, known: set[str], repeated: set[str]) -> tuple[int, int]:
    """The token range of a person's name without a common word the model took in with it: a verb
    before it, a noun or adjective before or after a full name the article gives elsewhere, an
    adjective before a name alone in quotation marks, an adjective or participle before a word of
    another full name when the two words are not repeated as a name ("Crooked Hillary"; not
    "Sandy Angers" before "Angers"). A word of any other name stays."""
    toks = docindex.tokens(doc)
    words_of_names = {w for k in known if k != n.key(doc) for w in k.split()}
    words_of_full_names = {w for k in known if k != n.key(doc) and " " in k for w in k.split()}
    start, end = n.start, n.end
    if end - start >= 3 and toks[start].pos_ == "VERB" and all(t.pos_ == "PROPN" for t in toks[start + 1:end]):
        return start + 1, end  # "Follow Pam Key on Twitter"
    if end - start >= 3 and docindex.span_text(doc, start + 1, end).lower() in known \
            and toks[start].lower_ not in words_of_names and _common_word(toks[start].lower_):
        start += 1  # "Billionaire Donald Trump"
    elif end - start >= 3 and docindex.span_text(doc, start, end - 1).lower() in known \
            and toks[end - 1].lower_ not in words_of_names and _common_word(toks[end - 1].lower_) \
            and lex.normal(toks[end - 1].text) not in lex.organisation_heads():
        end -= 1  # "Marco Rubio Donor"
    elif end - start == 2 and (_slogan(doc, start, end) or n.key(doc) not in repeated):
        given = lex.pairs("speech_given_names.tsv")

        def stray(t: Token) -> bool:  # a word no name of the article holds, and no name-like word
            return t.lower_ not in words_of_names and t.lower_ not in given and (
                t.lower_ in _english_adjectives() or t.tag_ in ("VBG", "VBD", "VBN") or _verb_or_function_word(t))

        if toks[end - 1].lower_ in words_of_full_names and stray(toks[start]):
            start += 1  # a quoted "Fascist Trump", "Crooked Hillary has...", "Combine Clinton and Sanders"
        elif toks[start].lower_ in words_of_full_names and toks[end - 1].is_stop \
                and toks[end - 1].lower_ not in words_of_names and toks[end - 1].lower_ not in given:
            end -= 1  # "Trump Should Win": a function word, never a surname (a verb may be: "Roger Stone")
    return start, end


def _verb_or_function_word(t: Token) -> bool:
    """A function word ("Beneath", "Should") or a verb, adjective or adverb of English ("Combine",
    "Wants", "Ignore"). Many are nouns as well, and WordNet's nouns hold surnames ("Baker"): used
    only of a word beside a word of another full name of the article."""
    return t.is_stop or _verb_or_adjective(t.lower_)


def _slogan(doc: Doc, start: int, end: int) -> bool:
    """Whether the name is all of a quotation: right after an opening mark and right before a
    closing one ("''Fascist Trump,''")."""
    text = docindex.text(doc)
    toks = docindex.tokens(doc)
    before = text[max(0, toks[start].idx - 2):toks[start].idx]
    last = toks[end - 1]
    after = text[last.idx + len(last.text):last.idx + len(last.text) + 3]
    opened = before.endswith(('"', "“", "''"))
    return opened and any(m in after for m in ('"', "”", "''"))


def _lemma_index():
    """The word lists (WordNet's nouns, verbs, adjectives, adverbs) the model's lemmatizer ships;
    the model is the one the pipeline loaded (imported here, not at the top: the pipeline imports
    this module)."""
    from kg.nlp.pipeline import load_nlp

    return load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")


@cache
def _english_words() -> frozenset[str]:
    """Common nouns, verbs, adjectives and adverbs of English (proper names among the nouns)."""
    tables = _lemma_index()
    return frozenset(w for pos in tables for w in tables[pos])


@cache
def _verbs_adjectives_adverbs() -> frozenset[str]:
    tables = _lemma_index()
    return frozenset(w for pos in ("verb", "adj", "adv") for w in tables.get(pos, []))


def _verb_or_adjective(word: str) -> bool:
    return word in _verbs_adjectives_adverbs() or word.rstrip("s") in _verbs_adjectives_adverbs()


@cache
def _english_adjectives() -> frozenset[str]:
    return frozenset(_lemma_index().get("adj", []))


def _common_word(word: str) -> bool:
    return word in _english_words() or word.rstrip("s") in _english_words()


def _titled_person(doc: Doc, start: int, end: int) -> bool:
    """A post followed by two or more proper nouns ("Spokeswoman Sandy Angers", "CEO Tim Cook"), or
    by the surname of a person the article names in full ("General Petraeus"): whatever the model's
    label, the words name a person. Not when the last word makes the name an
    organisation ("President Hotel Group")."""
    toks = docindex.tokens(doc)
    titles = lex.titles()
    if end - start == 2 and (lex.normal(toks[start].text),) in titles and _model_surname(doc, toks[start + 1].text):
        return True  # "General Petraeus" after "David Petraeus": a post and a person's surname
    for n in range(min(4, end - start - 2), 0, -1):
        if tuple(lex.normal(t.text) for t in toks[start:start + n]) in titles:
            rest = toks[start + n:end]
            return all(t.pos_ == "PROPN" and _is_capitalised(t) for t in rest) \
                and lex.normal(rest[-1].text) not in lex.organisation_heads()
    return False


def _join_corporate_suffixes(doc: Doc, names: list[_Name]) -> list[_Name]:
    """The model cuts "Chrysler LLC" into "Chrysler" and "LLC": a name of corporate suffixes only
    belongs to the name right before it, and is never a name of its own."""
    toks = docindex.tokens(doc)
    suffixes = identity.organisation_suffixes()
    out: list[_Name] = []
    for n in sorted(names, key=lambda n: n.start):
        if all(toks[i].text.replace(".", "").lower() in suffixes for i in range(n.start, n.end)):
            prev = out[-1] if out else None
            if prev is not None and prev.end == n.start and prev.type in (ORGANISATION, None):
                prev.end, prev.type = n.end, ORGANISATION
            continue
        out.append(n)
    return out


def _possessor_is_a_name(doc: Doc, ent) -> bool:
    """Whether the words before a "'s" inside a model span are a name of their own ("Syria's Sana")
    rather than part of the name ("the Fishermen's Association"): a country, or a name the model
    gives elsewhere in the article."""
    texts = docindex.texts(doc)
    cut = next((i for i in range(ent.start + 1, ent.end) if texts[i] in POSSESSIVE), None)
    if cut is None:
        return False
    if _given_name_first(doc, cut + 1, ent.end):
        return True  # "FOX Business Network's Maria Bartiromo": what follows is a person's name
    words = doc[ent.start:cut]
    while len(words) > 1 and lex.normal(words[0].text) in lex.determiners():
        words = words[1:]
    text = words.text.lower()
    if text in country_names() or gazetteer_place(text) is not None:
        return True
    return any(e.text.lower() == text and e.label_ in LABELS for e in doc.ents if e.start != ent.start)


def _party_word_before_body(doc: Doc, start: int, end: int) -> bool:
    """Whether a name opens with a party word that only qualifies the body after it ("Republican
    House", "Democratic Senate", "Socialist CFDT"; lexicon entity_party_words.txt): the rest is a
    legislature (entity_legislatures.txt), an acronym or a name the model gives alone elsewhere."""
    toks = docindex.tokens(doc)
    if end - start < 2 or lex.normal(toks[start].text) not in lex.word_set("entity_party_words.txt"):
        return False
    rest = docindex.span_text(doc, start + 1, end)
    return rest.lower() in lex.word_set("entity_legislatures.txt") or (end - start == 2 and identity.is_acronym(rest)) \
        or any(e.text == rest and e.label_ in LABELS for e in doc.ents)


def _given_name_first(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are a person's full name by their form: two to four capitalised
    proper nouns, the first a given name (lexicon speech_given_names.tsv)."""
    toks = docindex.tokens(doc)
    if not 2 <= end - start <= 4:
        return False
    words = toks[start:end]
    return words[0].lower_ in lex.pairs("speech_given_names.tsv") \
        and all(t.pos_ == "PROPN" and _is_capitalised(t) for t in words)


def _split(doc: Doc, start: int, end: int, at_possessive: bool = True) -> list[tuple[int, int]]:
    """Cut a model span at tokens no name crosses: line breaks, brackets, commas, numbers, a spaced
    dash, and (when the possessor is a name of its own) a possessive."""
    toks = docindex.tokens(doc)
    pieces, begin = [], start
    for i in range(start, end):
        t = toks[i]
        cut = (t.text in BREAKERS or "\n" in t.text or t.is_space or (t.text in POSSESSIVE and at_possessive)
               or (t.text in DASHES and (i == 0 or toks[i - 1].whitespace_))
               or _is_number(t))
        if cut:
            if begin < i:
                pieces.append((begin, i))
            begin = i + 1
        elif i > start and "\n" in toks[i - 1].whitespace_:
            if begin < i:
                pieces.append((begin, i))
            begin = i
    if begin < end:
        pieces.append((begin, end))
    return pieces


def _is_number(t: Token) -> bool:
    return _number_text(t.text)


# Asked of every token several times per article: remembered by word form.
@lru_cache(maxsize=1 << 16)
def _number_text(text: str) -> bool:
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text.replace("th", "").replace("st", "").replace("nd", "").replace("rd", ""))


def _is_capitalised(t: Token) -> bool:
    return _capitalised_text(t.text)


def _capitalised_text(text: str) -> bool:
    first = text[:1]
    return first.isupper() or (first.isdigit() and any(c.isupper() for c in text))


@docindex.per_doc
def _capitals(doc: Doc) -> tuple[bool, ...]:
    """:func:`_is_capitalised` of each token, asked once per Doc: several rules scan every token."""
    return tuple(_capitalised_text(t) for t in docindex.texts(doc))


def _trim(doc: Doc, start: int, end: int, etype: str) -> tuple[int, int] | None:
    """Drop determiners, honorifics, titles (persons), demonyms before a title, lower-case words and
    punctuation from the ends of a name."""
    toks = docindex.tokens(doc)
    pos_of = docindex.pos(doc)
    skip = _person_skip() if etype == PERSON else _name_skip()
    while start < end:
        t = toks[start]
        low = lex.normal(t.text)
        if (low in skip or t.is_punct or not _is_capitalised(t)
                or (etype == PERSON and lex.country_of_demonym(t.text) and start + 1 < end)
                or (etype != PERSON and t.text in _month_names() and start + 1 < end)):
            if end - start == 1:
                return None
            start += 1
            continue
        break
    while end > start:
        t = toks[end - 1]
        if t.text in POSSESSIVE or (t.is_punct and t.text != ".") or not _is_capitalised(t):
            # keep a final full stop that belongs to an abbreviation ("Co.", "Bros.") - it is its own
            # token only when it ends a sentence, and then it is not part of the name.
            end -= 1
            continue
        break
    if end <= start:
        return None
    if not any(c.isalpha() for c in docindex.span_text(doc, start, end)):
        return None
    if end - start == 1 and pos_of[start] in COMMON_POS and toks[start].is_title:
        return None  # a capitalised common word the model took for a name ("Men's 100 metres")
    if end - start == 1 and lex.normal(toks[start].text) in lex.common_words():
        return None  # the same, tagged as a proper noun ("Women's 5,000 metres", "Sales 9.06")
    return start, end


@cache
def _month_names() -> frozenset[str]:
    """"The September Treasury bond", "the August Chicago NAPM": a month before an organisation
    or place dates the thing named, it is not part of the name."""
    from kg.nlp.timex_lexicon import months

    return frozenset(months())


@cache
def _person_skip() -> frozenset[str]:
    """Words never at either end of a person's name."""
    return lex.determiners() | lex.honorifics() | lex.title_words() | lex.former_words()


@cache
def _name_skip() -> frozenset[str]:
    """"Queen's Park", "King's College": only the short forms of address are never a name."""
    return lex.determiners() | {h for h in lex.honorifics() if len(h) <= 3}


def _fix_type(doc: Doc, name: _Name) -> None:
    """Cue words and the gazetteer override the model's type."""
    # the name's words by index (a name has one at least), not through a Span of new Tokens
    toks, texts = docindex.tokens(doc), docindex.texts(doc)
    n_words = name.end - name.start
    first, last = lex.normal(texts[name.start]), lex.normal(texts[name.end - 1])
    text = docindex.span_text(doc, name.start, name.end)
    if (text.lower() in country_names() or text in lex.place_aliases()) \
            and not (n_words == 1 and _model_surname(doc, text)):
        # a country's name is a place, unless it is the surname of a person the article names in
        # full ("Jordan said" after "Neil Jordan"): then propagation weighs the two
        name.type, name.strength = PLACE, 2
        return
    if _beside_place_noun(doc, name.start, name.end):
        name.type, name.strength = PLACE, 2  # "the city of Arbil", "Guangdong province"
        return
    if n_words == 1 and identity.known_acronym(text) and text.lower() not in lex.place_aliases():
        name.type, name.strength = ORGANISATION, 2  # "GOP", "NRA": a well-known body's acronym
        return
    if last in lex.organisation_heads() and (n_words > 1 or name.type == ORGANISATION):
        name.type, name.strength = ORGANISATION, 2
        return
    if first in lex.organisation_first_words() and n_words > 2 and toks[name.start + 1].lower_ in ("of", "for"):
        name.type, name.strength = ORGANISATION, 2
        return
    if _followed_by_organisation_noun(doc, name.end) and not _state_or_city(text):
        name.type, name.strength = ORGANISATION, 2
        return
    if _followed_by_member_noun(doc, name.end) and not _model_surname(doc, text):
        name.type, name.strength = ORGANISATION, 2
        return
    if _after_organisation_noun(doc, name.start) and not _given_name_first(doc, name.start, name.end):
        name.type, name.strength = ORGANISATION, 2  # not "a group Barack Obama won"
        return
    if _in_apposition_to_organisation_noun(doc, name.start, name.end) and not _given_name_first(doc, name.start, name.end):
        name.type, name.strength = ORGANISATION, 2  # "a Texas company, Diamond Shamrock,"
        return
    if n_words >= 2 and ONE_INITIAL.match(texts[name.start]) and toks[name.start + 1].is_alpha:
        name.type, name.strength = PERSON, 2  # "M. McCague": an initial and a surname
        return
    if name.type == PERSON and toks[name.end - 1].tag_ == "NNPS" and name.start > 0 \
            and toks[name.start - 1].lower_ == "the":
        name.type, name.strength = ORGANISATION, 2  # "the Beatles": a group, not a person
        return
    if name.type == ORGANISATION and n_words == 2 and first in lex.pairs("speech_given_names.tsv") \
            and all(t.pos_ == "PROPN" and _is_capitalised(t) for t in toks[name.start:name.end]):
        name.type = PERSON  # "candidate Carly Fiorina" taken for an organisation: a given name and a surname


def _state_or_city(text: str) -> bool:
    """A state or a city of CITY_VOTE_POPULATION people or more the gazetteer knows by this name:
    before an organisation noun it says where the body is, it does not name it ("a Texas company",
    "Damascus radio", "the Moscow club"; CoNLL types these places)."""
    place = gazetteer_place(text)
    return place is not None and (place.kind == "state" or (place.kind == "city" and place.population >= CITY_VOTE_POPULATION))


def _beside_place_noun(doc: Doc, start: int, end: int) -> bool:
    """A name after "the <place noun> of" ("the city of Arbil", "the town of Chatelet") or right before a
    place noun ("Huize county", "Guangdong province"; lexicon place_nouns.txt), the noun in lower case."""
    toks = docindex.tokens(doc)
    nouns = lex.word_set("place_nouns.txt")
    if end < len(doc) and toks[end].text in POSSESSIVE:
        return False  # "the state of Sanders' younger years": the name owns what follows
    if start >= 3 and toks[start - 1].lower_ == "of" and toks[start - 2].is_lower and toks[start - 2].lower_ in nouns \
            and toks[start - 3].lower_ in ("the", "a"):
        return True
    return end < len(doc) and toks[end].is_lower and toks[end].lower_ in nouns and toks[end].pos_ == "NOUN" \
        and "\n" not in toks[end - 1].whitespace_ and (end + 1 >= len(doc) or toks[end + 1].pos_ != "NOUN")


def _followed_by_organisation_noun(doc: Doc, i: int) -> bool:
    toks = docindex.tokens(doc)
    words = tuple(lex.normal(t.text) for t in toks[i:i + 3] if not t.is_space)
    if not words or toks[i].text[:1].isupper():
        return False
    followers = lex.organisation_followers()
    # a set lookup per entry length instead of comparing every entry
    return any(words[:n] in followers for n in _follower_lengths())


def _after_organisation_noun(doc: Doc, i: int) -> bool:
    """A name right after an organisation noun in apposition: "the news agency Tanjug", "mineral
    water firm Multico", "the daily Le Monde"."""
    toks = docindex.tokens(doc)
    if i == 0 or len(toks[i].text) < 2 or toks[i].ent_type_ in ("DATE", "TIME"):
        return False  # "company N / A", "the agency Saturday launched"
    before = toks[i - 1]
    if before.pos_ != "NOUN" or not before.is_lower or "\n" in before.whitespace_:
        return False
    return (lex.normal(before.text),) in lex.organisation_followers()


def _in_apposition_to_organisation_noun(doc: Doc, start: int, end: int) -> bool:
    """A name and an organisation noun in apposition, by the parse: "a financially troubled Texas
    company, Diamond Shamrock," or "Diamond Shamrock, a Texas company," (the noun in lower case,
    one of organisation_followers.txt)."""
    toks = docindex.tokens(doc)
    head = toks[end - 1]
    if head.head.i < start or head.head.i >= end:  # the name's last word hangs outside the name
        nouns = [head.head] if head.dep_ == "appos" else []
    else:
        nouns = []
    nouns += [c for c in head.children if c.dep_ == "appos" and not start <= c.i < end]
    return any(t.pos_ == "NOUN" and t.is_lower and (lex.normal(t.text),) in lex.organisation_followers()
               for t in nouns)


def _followed_by_member_noun(doc: Doc, i: int) -> bool:
    """A member or officer noun right after the name ("Ericsson spokesman", "Norwich striker")."""
    toks = docindex.tokens(doc)
    if i >= len(doc) or "\n" in toks[i - 1].whitespace_ or toks[i].pos_ != "NOUN":
        return False
    return lex.normal(toks[i].text) in lex.organisation_member_nouns()


@docindex.per_doc
def _model_person_surnames(doc: Doc) -> frozenset[str]:
    """Last words of the model's persons of two words or more."""
    return frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2)


def _model_surname(doc: Doc, text: str) -> bool:
    return text.lower() in _model_person_surnames(doc)


@cache
def _follower_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(f) for f in lex.organisation_followers()}))


def _distrust_capitals(doc: Doc, names: list[_Name]) -> None:
    """The model types names badly in lines written all in capitals (headlines: "SOCCER - KLINSMANN
    SCORES"): there a name keeps the model's type only if a cue word gave it one; otherwise it
    must get it from the same name written elsewhere in the article, or from the gazetteer."""
    for start, end in docindex.lines(doc):
        letters = [c for c in docindex.span_text(doc, start, end) if c.isalpha()]
        if len(letters) < 4 or not all(c.isupper() for c in letters):
            continue
        for n in names:
            if start <= n.start < end and n.strength < 2:
                n.type = None


def _join_name_pieces(doc: Doc, names: list[_Name]) -> list[_Name]:
    """A person's name the model cut in two: "Sandrine Testud" with only "Testud" a person, "Shawn
    Estes" with only "Shawn", "Petra" an organisation beside the person "Langrova". A one-word name
    takes in a capitalised proper noun it touches on the same line that no name covers and that is
    no English word, title, honorific or place (the given or family name it lacks); two one-word
    names that touch become one when one is a person or the first is a given name (lexicon
    speech_given_names.tsv). Lines in capitals are left alone: their words are all capitalised."""
    toks = docindex.tokens(doc)
    given = lex.pairs("speech_given_names.tsv")
    covered = _covered(names, len(doc))

    def name_word(i: int) -> bool:
        t = toks[i]
        low = lex.normal(t.text)
        return not covered[i] and t.pos_ == "PROPN" and t.is_alpha and t.is_title and len(t.text) >= 2 \
            and not _common_word(t.lower_) and low not in _person_skip() and t.ent_type_ not in ("DATE", "TIME") \
            and low not in country_names() and gazetteer_place(t.text) is None and not lex.country_of_demonym(t.text)

    def touch(a: int, b: int) -> bool:  # tokens a and b = a + 1, one space apart on one line
        return toks[a].whitespace_ == " " and not toks[b].is_sent_start

    out: list[_Name] = []
    for n in sorted(names, key=lambda n: n.start):
        one = n.end - n.start == 1 and toks[n.start].is_title and n.strength < 2
        if out and one and out[-1].end == n.start and out[-1].end - out[-1].start == 1 and touch(n.start - 1, n.start) \
                and out[-1].strength < 2 and (PERSON in (out[-1].type, n.type) or toks[n.start - 1].lower_ in given) \
                and toks[n.start - 1].is_title and not any(k in country_names() for k in (out[-1].key(doc), n.key(doc))):
            out[-1].end, out[-1].type = n.end, PERSON  # "Petra" + "Langrova"
            continue
        if one and (n.type == PERSON or toks[n.start].lower_ in given):
            if n.start > 0 and name_word(n.start - 1) and touch(n.start - 1, n.start) and not toks[n.start].is_sent_start:
                n.start, n.type = n.start - 1, PERSON  # "Sandrine" + "Testud"
                covered[n.start] = True
            elif n.end < len(doc) and name_word(n.end) and touch(n.end - 1, n.end):
                covered[n.end] = True
                n.end, n.type = n.end + 1, PERSON  # "Shawn" + "Estes"
        out.append(n)
    return out


# ------------------------------------------------------------------------------ names the model missed
def _covered(names: list[_Name], n_tokens: int) -> list[bool]:
    covered = [False] * n_tokens
    for n in names:
        for i in range(n.start, n.end):
            covered[i] = True
    return covered


def _dateline_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """"MOSCOW 1996-08-30", "LONDON, Dec 24 -" or "MILWAUKEE, Wisconsin 1996-08-29" opening a line:
    the capitals name a place, and so does the region after their comma ("Wisconsin", "Calif",
    "Faroe Islands"). "SCRANTON, Pa. —" with a dash instead of a date, when the gazetteer knows the
    capitals' place (a headline's "SOCCER -" is no dateline)."""
    toks = docindex.tokens(doc)
    out = []

    def place(start: int, end: int) -> None:
        for n in names:  # the dateline wins over whatever the model said
            if n.start < end and start < n.end:
                n.type, n.strength, n.start, n.end = PLACE, 2, start, end
                return
        out.append(_Name(start, end, PLACE, 2))

    for start, end in docindex.lines(doc):
        i = start
        while i < end and toks[i].is_space:
            i += 1
        j = i
        while j < end and toks[j].is_upper and toks[j].is_alpha and toks[j].ent_type_ != "DATE":
            j += 1
        if j == i or j >= end or len(docindex.span_text(doc, i, j)) < 3:
            continue
        region_end = _dateline_region_end(doc, j + 1, end) if toks[j].text == "," else None
        after = region_end if region_end is not None else (j + 1 if toks[j].text == "," else j)
        if after >= end:
            continue
        dash = toks[after].text in DASHES and gazetteer_place(docindex.span_text(doc, i, j)) is not None
        if not (_dateline_date(doc, toks[after]) or dash):
            continue
        place(i, j)
        if region_end is not None:
            place(j + 1, region_end)
    return out


def _dateline_region_end(doc: Doc, k: int, end: int) -> int | None:
    """End of a region of one to three capitalised words after a dateline's comma ("Wisconsin",
    "Pa.", "Faroe Islands"), when a date or a dash follows it; else None."""
    toks = docindex.tokens(doc)
    j = k
    while j < end and j - k < 3 and _is_capitalised(toks[j]) and toks[j].ent_type_ != "DATE" \
            and any(c.isalpha() for c in toks[j].text) and not toks[j].is_upper:
        j += 1
    if j == k or j >= end:
        return None
    return j if _dateline_date(doc, toks[j]) or toks[j].text in DASHES else None


# A date written in figures: "1996-08-30", "30/08/1996", "08.30.96".
NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
BARE_COUNT = re.compile(r"\d{1,3}")


def _dateline_date(doc: Doc, t: Token) -> bool:
    """Whether the token after a line's opening capitals starts a dateline's date. A bare count
    ("OAKLAND 64 72 .471") opens a standings line, not a dateline: the capitals there name a team."""
    if NUMERIC_DATE.match(docindex.text(doc), t.idx):
        return True
    return t.ent_type_ == "DATE" and not BARE_COUNT.fullmatch(t.text)


def _country_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Country names from the gazetteer that the model did not mark (up to three words)."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    covered = _covered(names, len(doc))
    countries = country_names()
    out, i = [], 0
    while i < len(doc):
        if covered[i] or not caps[i]:
            i += 1
            continue
        for n in (3, 2, 1):
            j = i + n
            if j <= len(doc) and not any(covered[i:j]) and docindex.span_text(doc, i, j).lower() in countries \
                    and (docindex.span_text(doc, i, j).isupper() or _stands_alone(doc, i, j)):
                out.append(_Name(i, j, PLACE, 2))
                i = j
                break
            if j <= len(doc) and not any(covered[i:j]) and all(t.pos_ == "PROPN" for t in toks[i:j]) \
                    and _big_city(docindex.span_text(doc, i, j)) and (docindex.span_text(doc, i, j).isupper() or _stands_alone(doc, i, j)):
                out.append(_Name(i, j, PLACE, 1))
                i = j
                break
        else:
            i += 1
    return out


def _big_city(text: str) -> bool:
    place = gazetteer_place(text)
    return place is not None and place.kind == "city" and place.population >= BIG_CITY_POPULATION \
        and place.name.lower() == text.lower()


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """Not a piece of a longer capitalised name ("Jordan" in "Michael Jordan", "Chad" in "Chad Smith")."""
    toks = docindex.tokens(doc)
    before = toks[start - 1] if start > 0 else None
    after = toks[end] if end < len(doc) else None

    def name_like(t: Token | None) -> bool:
        return t is not None and t.is_alpha and _is_capitalised(t) and not t.is_sent_start \
            and lex.normal(t.text) not in lex.determiners()

    return not name_like(before) and not (after is not None and after.is_alpha and _is_capitalised(after)
                                          and "\n" not in toks[end - 1].whitespace_)


def _apply_table_rule(doc: Doc, names: list[_Name]) -> None:
    """In a results or standings line ("Hajduk 2 Proleter (Z) 0", "Red Star 4 4 0 0 9 3 12") a name
    followed by its score is a team: an organisation, or a place when it is a country (national side).
    Names that look like persons ("A. Dale 69", two-word model persons) stay persons."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    surnames = _surnames(doc, names)
    for start, end in docindex.lines(doc):
        tokens = [t for t in toks[start:end] if not t.is_space]
        numbers = sum(_is_number(t) for t in tokens)
        words = sum(t.is_alpha and t.is_lower and t.lower_ not in TABLE_WORDS for t in tokens)
        if numbers < 2 or words > 2:
            continue
        for n in [n for n in names if start <= n.start < end]:
            nxt = n.end
            if nxt < end and CLUB_SUFFIX.fullmatch(docindex.span_text(doc, nxt, min(nxt + 3, end)).replace(" ", "")):
                n.end = nxt + 3
                nxt += 3
            if nxt >= end or not _is_number(toks[nxt]) or (n.type == PLACE and n.strength >= 2):
                continue
            if _person_like(doc, n) or n.key(doc) in surnames or docindex.span_text(doc, n.start, n.end).lower() in country_names():
                continue
            if _player_figures(doc, toks[nxt]):
                n.type, n.strength, n.local = PERSON, 2, True
                continue
            n.type, n.strength, n.local = ORGANISATION, 2, True
        # capitalised words before a score the model did not mark at all
        covered = _covered(names, len(doc))
        i = start
        while i < end:
            if covered[i] or not (toks[i].is_alpha and caps[i]) or toks[i].ent_type_ == "DATE" \
                    or (i > start and toks[i - 1].is_alpha and caps[i - 1]):
                i += 1
                continue
            j = i
            while j < end and toks[j].is_alpha and caps[j] and not covered[j]:
                j += 1
            k = j
            if k < end and CLUB_SUFFIX.fullmatch(docindex.span_text(doc, k, min(k + 3, end)).replace(" ", "")):
                k += 3
            if k < end and _is_number(toks[k]) and lex.normal(toks[i].text) not in lex.determiners():
                if i > start and INITIAL.match(toks[i - 1].text):  # "A. Dale 69": a player
                    names.append(_Name(_initials_start(doc, i), j, PERSON, 2))
                elif docindex.span_text(doc, i, j).lower() in surnames:
                    names.append(_Name(i, j, PERSON, 1))
                elif _player_figures(doc, toks[k]):
                    names.append(_Name(i, j, PERSON, 2, local=True))
                else:
                    etype = PLACE if docindex.span_text(doc, i, j).lower() in country_names() else ORGANISATION
                    names.append(_Name(i, k, etype, 2, local=True))
            i = max(j, i + 1)


# "from" too: "live from London" is as likely a place as "a call from Garland" is a person, and a
# surname the article may use as a place is left to the model's and the gazetteer's votes
LOCATIVE = {"in", "at", "near", "outside", "across", "into", "around", "throughout", "from"}


def _used_as_place(doc: Doc, names: list[_Name], key: str) -> bool:
    """Whether a name stands where a place does somewhere in the article: after "in", "at", "near"
    ("in Henderson"), or before a comma and a place ("Henderson, Nevada")."""
    toks = docindex.tokens(doc)
    for n in names:
        if n.key(doc) != key:
            continue
        if n.start > 0 and toks[n.start - 1].lower_ in LOCATIVE:
            return True
        if n.end + 1 < len(doc) and toks[n.end].text == "," and gazetteer_place(toks[n.end + 1].text) is not None:
            return True
    return False


def _family_names_first(doc: Doc, names: list[_Name], votes: dict[str, Counter]) -> set[str]:
    """First words of two-word persons that the model also calls a person standing alone: a family
    name written first ("Wang" of "Wang Donghai"). A given name alone is rare in news, so the model
    calling the word a person once is evidence enough."""
    toks = docindex.tokens(doc)
    # a cue word's type outweighs this guess ("Deportivo chairman" despite "Deportivo Coruna")
    cued = {n.key(doc) for n in names if n.strength >= 2 and n.type != PERSON}
    out = set()
    for n in names:
        if n.type == PERSON and n.end - n.start == 2 and not INITIAL.match(toks[n.start].text):
            first = toks[n.start].text.lower()
            if votes.get(first, {}).get(PERSON) and not gazetteer_place(first) and first not in cued:
                out.add(first)
    return out


# What follows a player, never a team: bowling figures (overs-maidens-runs-wickets, "9.5-0-44-1")
# and the minute he came on or scored ("Florian Maurice 64th").
PLAYER_FIGURES = re.compile(r"\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}\b|\d{1,3}(?:st|nd|rd|th)\b")


def _player_figures(doc: Doc, t: Token) -> bool:
    return PLAYER_FIGURES.match(docindex.text(doc), t.idx) is not None


def _initials_start(doc: Doc, i: int) -> int:
    toks = docindex.tokens(doc)
    while i > 0 and INITIAL.match(toks[i - 1].text):
        i -= 1
    return i


def _surnames(doc: Doc, names: list[_Name]) -> set[str]:
    """Last words of the persons named with two words or more ("Simmons" of "Phil Simmons")."""
    toks = docindex.tokens(doc)
    out = set()
    for n in names:
        if n.type == PERSON and n.end - n.start >= 2 and not INITIAL.match(toks[n.end - 1].text):
            out.add(toks[n.end - 1].text.lower())
    return out


FIXTURE = re.compile(r"^([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) (AT|at|v|vs|v\.|vs\.) "
                     r"([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})$")


def _fixture_lines(doc: Doc, names: list[_Name]) -> list[_Name]:
    """A line that is only "HOME v AWAY" / "AWAY AT HOME" lists a fixture: both names of a "v"
    line are teams; in an "AT" line the first is the visiting team and the second names the venue,
    a place when the gazetteer knows it ("BOSTON AT OAKLAND": the Boston team plays in Oakland)."""
    toks = docindex.tokens(doc)
    for start, end in docindex.lines(doc):
        line_text = docindex.span_text(doc, start, end)  # doc[start:end].text, without a Span
        match = FIXTURE.match(line_text.strip())
        if match is None:
            continue
        offset = toks[start].idx + (len(line_text) - len(line_text.lstrip()))
        venue_line = match.group(2).lower() == "at"
        for g in (1, 3):
            span = doc.char_span(offset + match.start(g), offset + match.end(g))
            if span is None:
                continue
            venue = venue_line and g == 3 and gazetteer_place(span.text) is not None
            etype = PLACE if venue or span.text.lower() in country_names() else ORGANISATION
            names = [n for n in names if not (n.start < span.end and span.start < n.end)]
            names.append(_Name(span.start, span.end, etype, 2, local=True))
    return names


VERSUS = {"v", "v.", "vs", "vs."}


def _versus_sides(doc: Doc, names: list[_Name]) -> list[_Name]:
    """"May 18 v Worcestershire (three days)", "Postponed: Walsall v Wrexham, Clyde v Ayr": the
    capitalised words on either side of a "v" are teams, organisations (countries: national sides,
    places). Names that look like persons ("Graf v Seles") are left alone."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    surnames = _surnames(doc, names)
    for k, t in enumerate(toks):
        if t.text not in VERSUS or "\n" in t.whitespace_ or (k > 0 and "\n" in toks[k - 1].whitespace_):
            continue
        for start, end in (_caps_run(doc, caps, k - 1, -1), _caps_run(doc, caps, k + 1, 1)):
            if start >= end:
                continue
            side = _Name(start, end, ORGANISATION, 2, local=True)
            clash = [n for n in names if n.start < end and start < n.end]
            if any(_person_like(doc, n) or n.key(doc) in surnames for n in clash) or side.key(doc) in surnames:
                continue
            if side.key(doc) in country_names():
                side.type = PLACE
            names = [n for n in names if n not in clash]
            names.append(side)
    return names


def _caps_run(doc: Doc, caps: tuple[bool, ...], i: int, step: int) -> tuple[int, int]:
    """The capitalised words running from token i away from a "v" (step -1: leftwards), on one line."""
    toks = docindex.tokens(doc)
    j = i
    while 0 <= j < len(doc) and caps[j] and toks[j].is_alpha and (step > 0 or "\n" not in toks[j].whitespace_) \
            and (step < 0 or j == i or "\n" not in toks[j - 1].whitespace_) and toks[j].ent_type_ != "DATE":
        j += step
    return (j + 1, i + 1) if step < 0 else (i, j)


def _cued_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Names the model missed that a cue makes organisations: a proper noun before an organisation
    noun ("the Tanjug news agency"), or an acronym in running text ("the KDP said")."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    pos_of = docindex.pos(doc)
    covered = _covered(names, len(doc))
    caps_lines = set()
    for start, end in docindex.lines(doc):
        letters = [c for c in docindex.span_text(doc, start, end) if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            caps_lines.update(range(start, end))
    out, i = [], 0
    while i < len(doc):
        t = toks[i]
        if not covered[i] and ONE_INITIAL.match(t.text) and i + 1 < len(doc) and not covered[i + 1] \
                and toks[i + 1].is_alpha and toks[i + 1].is_title and "\n" not in t.whitespace_ \
                and not toks[i + 1].is_sent_start:
            j = _initials_start(doc, i)  # "R. Mahanama": an initial and a surname name a person
            out.append(_Name(j, i + 2, PERSON, 2))
            i += 2
            continue
        if covered[i] or pos_of[i] != "PROPN" or not caps[i] or i in caps_lines:
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j] and pos_of[j] == "PROPN" and caps[j] \
                and "\n" not in toks[j].whitespace_ and toks[j].text not in POSSESSIVE:
            j += 1
        j = max(j, i + 1)
        text = docindex.span_text(doc, i, j)
        low = lex.normal(text)
        member = _followed_by_member_noun(doc, j) and not _model_surname(doc, text)
        if (_followed_by_organisation_noun(doc, j) or member or _after_organisation_noun(doc, i)) \
                and low not in lex.determiners():
            out.append(_Name(i, j, ORGANISATION, 2))
        elif j - i >= 2 and lex.normal(toks[j - 1].text) in lex.organisation_heads():
            out.append(_Name(i, j, ORGANISATION, 2))  # "Dow Chemical Co", "Apic Yamada Corp"
        elif j == i + 1 and ACRONYM.fullmatch(text) and low not in lex.title_words() \
                and low not in lex.honorifics():
            place = text in lex.place_aliases()
            out.append(_Name(i, j, PLACE if place else ORGANISATION, 1))
        i = j
    return out


def _bracketed_country_persons(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Persons the model missed in results: "Chris Walker (England) 15-8", "2. Trine Hattesta (Norway)
    65.12". Two to four capitalised proper nouns no name covers, right before a bracketed country,
    are a person when the first is a given name (lexicon speech_given_names.tsv) or none is an English
    word (a club, "Red Star (Yugoslavia)", is made of words)."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    pos_of = docindex.pos(doc)
    covered = _covered(names, len(doc))
    given = lex.pairs("speech_given_names.tsv")
    countries = country_names()
    out = []
    for k, t in enumerate(toks):
        if t.text != "(" or k < 2:
            continue
        close = next((c for c in range(k + 1, min(k + 5, len(doc))) if toks[c].text == ")"), None)
        if close is None or close == k + 1:
            continue
        inside = docindex.span_text(doc, k + 1, close)
        if inside.lower() not in countries and inside.lower() not in lex.place_aliases():
            continue
        i = k
        while i > 0 and k - i < 4 and not covered[i - 1] and pos_of[i - 1] == "PROPN" and caps[i - 1] \
                and toks[i - 1].is_alpha and "\n" not in toks[i - 1].whitespace_:
            i -= 1
        if k - i < 2 or docindex.span_text(doc, i, k).lower() in countries:
            continue
        words = [w.lower_ for w in toks[i:k]]
        if words[0] in given or not any(_common_word(w) for w in words):
            out.append(_Name(i, k, PERSON, 2))
    return out


def _numbered_players(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Line-ups and seeded draws: "France - 1 - Bernard Lama; 2 - Lilian Thuram (14 - Sabri Lamouchi
    87th)", "1 - Jansher Khan (Pakistan) beat ...". In a line with two or more "number - Name" items,
    each name (capitalised words, with particles such as "de", "van": entity_name_particles.txt) is a
    person; countries are not."""
    toks = docindex.tokens(doc)
    countries = country_names()
    particles = lex.word_set("entity_name_particles.txt")
    out = list(names)
    for start, end in docindex.lines(doc):
        items = []
        for k in range(start, end - 2):
            if not (toks[k].is_digit and len(toks[k].text) <= 2 and toks[k + 1].text in DASHES):
                continue
            i = j = k + 2
            while j < end and j - i < 5 and toks[j].is_alpha and (toks[j].is_title or (
                    toks[j].lower_ in particles and j + 1 < end and toks[j + 1].is_title)):
                j += 1
            stop = toks[j].text if j < end else ""
            if j > i and toks[j - 1].is_title and (j == end or stop in {",", ";", "(", ")", "."} or _is_number(toks[j])):
                items.append((i, j))
        if len(items) < 2:
            continue
        for i, j in items:
            if docindex.span_text(doc, i, j).lower() in countries:
                continue
            clash = [n for n in out if n.start < j and i < n.end]
            if any(n.strength >= 2 and n.type != PERSON for n in clash):
                continue
            out = [n for n in out if n not in clash]
            out.append(_Name(i, j, PERSON, 2))
    return sorted(out, key=lambda n: n.start)


MINUTE = re.compile(r"\((?:pen\.? |penalty )?\d{1,3}(?:st|nd|rd|th)?(?:,? ?(?:pen|penalty))?\)")


def _athletes(doc: Doc, names: list[_Name]) -> None:
    """In results, "Dennis Mitchell (U.S.) 10.08" and "Cosmin Contra (31st)" name persons: a name of
    two words or more, with no organisation cue, followed by a bracketed country or minute."""
    toks = docindex.tokens(doc)
    countries = country_names()
    for n in names:
        if n.strength >= 2 or n.end - n.start < 2 or n.end + 2 >= len(doc) or toks[n.end].text != "(":
            continue
        close = next((k for k in range(n.end + 1, min(n.end + 6, len(doc))) if toks[k].text == ")"), None)
        if close is None:
            continue
        inside = docindex.span_text(doc, n.end + 1, close)
        if (inside.lower() in countries or inside in lex.place_aliases()
                or MINUTE.fullmatch(docindex.span_text(doc, n.end, close + 1).replace(" ", ""))):
            if docindex.span_text(doc, n.start, n.end).lower() not in countries:
                n.type = PERSON


CONTEST_SLOTS = {"nsubj", "nsubjpass", "dobj"}
CONTEST_PREPOSITIONS = {"to", "with", "by", "over", "against"}


def _contest_teams(doc: Doc, names: list[_Name]) -> None:
    """A place that beats, loses to or plays something is a team ("Glamorgan beat Durham by 141
    runs", "victory over Gloucester"): an organisation. Countries stay places (national sides), and so
    does a place won or lost (lexicon organisation_contest_prize_verbs.txt: "Obama won Iowa")."""
    toks = docindex.tokens(doc)
    words = lex.organisation_contest_words()
    prizes = lex.word_set("organisation_contest_prize_verbs.txt")
    for n in names:
        if n.type != PLACE or n.strength >= 2 or n.key(doc) in country_names():
            continue
        head = toks[n.end - 1]
        if head.dep_ == "dobj" and head.head.lemma_.lower() in prizes:
            contest = False  # "Sanders won New Hampshire": the state is the prize, not a side
        elif head.dep_ in CONTEST_SLOTS and head.head.pos_ == "VERB":
            contest = head.head.lemma_.lower() in words
        elif head.dep_ == "pobj" and head.head.lower_ in CONTEST_PREPOSITIONS:
            governor = head.head.head
            contest = governor.lemma_.lower() in words or governor.lower_ in words
        else:
            contest = False
        if contest:
            n.type, n.strength = ORGANISATION, 2


def _surnames_despite_cues(doc: Doc, names: list[_Name]) -> None:
    """A one-word name that is the surname of a person the article names in full is that person,
    also where a cue word would make it a body or a place: "the Kasich campaign", "Gowdy
    spokesman", "an even better Trump state", "the group Fiorina addressed", "Kasich will beat him"
    (CoNLL, too, types "the Dole campaign" a person). Not a country ("Jordan" beside "Michael
    Jordan": the country rule weighs the two), not a table's team, and not a place name the
    article uses as one ("in Henderson")."""
    surnames = _surnames(doc, names)
    for n in names:
        if n.end - n.start != 1 or n.type == PERSON or n.strength < 2 or n.local:
            continue
        key = n.key(doc)
        if key not in surnames or key in country_names() or key in lex.place_aliases() \
                or (gazetteer_place(key) is not None and _used_as_place(doc, names, key)):
            continue
        n.type = PERSON


LIST_GLUE = {",", "and", "&", ";"}


def _list_consistency(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Names listed together ("A, B, C and D") are of one kind: in a list of three or more where
    most have one type, the model-typed rest take it, and proper nouns the model left out of the
    list ("Christian Cullen" among recognised players) join it."""
    covered = _covered(names, len(doc))
    loose = [_Name(i, j, None, 0) for i, j in _proper_noun_runs(doc, covered)]
    candidates = sorted(names + loose, key=lambda n: n.start)
    run: list[_Name] = []

    # a name the article gives another type elsewhere keeps it ("Raleigh, North Carolina, Trump
    # remarked": the comma does not make Trump a place)
    persons = _surnames(doc, names)

    def typed_elsewhere(n: _Name, top: str) -> bool:
        key = n.key(doc)
        return key in persons or any(o.key(doc) == key and o.type not in (None, top) for o in names if o not in run)

    def settle() -> None:
        typed = [n for n in run if n.type is not None]
        if len(run) >= 3 and typed:
            top, k = Counter(n.type for n in typed).most_common(1)[0]
            if k * 3 >= len(run) * 2:
                for n in run:
                    if n.strength == 0 and n.type != top and n.key(doc) not in country_names() \
                            and not typed_elsewhere(n, top):
                        n.type = top
        run.clear()

    for n in candidates:
        if run:
            gap = doc[run[-1].end:n.start]
            if not gap or any(t.text not in LIST_GLUE and not t.is_space for t in gap) or \
                    any("\n" in t.whitespace_ for t in doc[run[-1].end - 1:n.start]):
                settle()
        run.append(n)
    settle()
    return [n for n in candidates if n.type is not None]


def _without_portfolios(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Names that are the portfolio of a post, part of a title and no organisation: "Education" of
    "Education Minister", "State" of "Secretary of State" (lexicon entity_portfolio_posts.txt):
    one or two common words, none a plural ("United Auto Workers Secretary-Treasurer" stays) nor a
    place, and not a name a cue word typed. A place before the portfolio stays, cut from it:
    "Texas" of "Texas Agriculture Secretary", "Hong Kong" of "Hong Kong Financial Secretary"."""
    toks = docindex.tokens(doc)
    posts = lex.word_set("entity_portfolio_posts.txt")

    def at_post(n: _Name) -> bool:
        before_post = n.end < len(doc) and lex.normal(toks[n.end].text) in posts \
            and "\n" not in toks[n.end - 1].whitespace_
        after_post = n.start >= 2 and toks[n.start - 1].lower_ == "of" \
            and lex.normal(toks[n.start - 2].text) in posts
        return before_post or after_post

    def is_place(start: int, end: int) -> bool:
        text = docindex.span_text(doc, start, end)
        return text.lower() in country_names() or gazetteer_place(text) is not None

    out = []
    for n in names:
        if n.strength >= 2 or not at_post(n):
            out.append(n)
            continue
        place = next((j for j in range(min(n.end - 1, n.start + 3), n.start, -1) if is_place(n.start, j)), None)
        if place is not None:
            n.end, n.type = place, PLACE  # "Texas Agriculture" before "Secretary"
            out.append(n)
        elif n.end - n.start > 2 or is_place(n.start, n.end) \
                or any(not _common_word(t.lower_) or t.tag_ in ("NNS", "NNPS") for t in toks[n.start:n.end]) \
                or lex.normal(toks[n.end - 1].text) in lex.organisation_heads():
            out.append(n)  # "Home Office Minister": the office is a body of its own
    return out


def _without_event_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Names that are the first words of an event's name ("U.S." of "U.S. Open", "Berlin" of
    "Berlin Grand Prix", "Davis" of "Davis Cup"; lexicon entity_event_heads.txt), or that end with
    an event word ("GRAND PRIX"): the event is neither a place nor a person nor a body."""
    toks = docindex.tokens(doc)
    heads = lex.phrase_set("entity_event_heads.txt")
    lengths = sorted({len(h) for h in heads}, reverse=True)

    def event_words(i: int, j: int) -> bool:
        """Tokens [i, j) are an event word, in title case ("Open"; a headline's "OPEN TO TALKS" is
        a verb) or of two words in capitals ("GRAND PRIX")."""
        words = toks[i:j]
        return 0 <= i < j <= len(doc) and tuple(lex.normal(t.text) for t in words) in heads \
            and all(t.is_title or (len(words) > 1 and t.is_upper) for t in words)

    def event(n: _Name) -> bool:
        if n.strength >= 2 and n.type != PLACE:
            return False
        same_line = n.end < len(doc) and "\n" not in toks[n.end - 1].whitespace_
        before_event = same_line and any(event_words(n.end, n.end + k) for k in lengths)
        return before_event or any(event_words(n.end - k, n.end) for k in lengths if n.end - k >= n.start)

    return [n for n in names if not event(n)]


def _without_tags(doc: Doc, names: list[_Name]) -> list[_Name]:
    """A hashtag or a handle ("#Justdoit", "@POTUS") names no person, body or place."""
    toks = docindex.tokens(doc)

    def tag(n: _Name) -> bool:
        after_sign = n.start > 0 and toks[n.start - 1].text in ("#", "@") and not toks[n.start - 1].whitespace_
        return after_sign or toks[n.start].text[:1] in ("#", "@")

    return [n for n in names if not tag(n)]


def _without_word_phrases(doc: Doc, names: list[_Name]) -> list[_Name]:
    """A "person" whose words are all verbs, adjectives or adverbs of English (or function words),
    none a given name, named twice or more, never by its last word alone, and once as the modifier
    of a lower-case noun, is a capitalised phrase ("the Common Core standards", "the Off Message
    podcast"). WordNet's nouns hold surnames ("Baker", "Wilde"), so a noun is no evidence; a person
    named once is left alone, and so is "Best Buy" (a body the model took for a person)."""
    toks = docindex.tokens(doc)
    given = lex.pairs("speech_given_names.tsv")
    keys = Counter(n.key(doc) for n in names)
    alone = {n.key(doc) for n in names if n.end - n.start == 1}
    # used as a modifier of a lower-case noun somewhere ("Common Core standards"): "Best Buy", never so
    # used, may be a body the model took for a person
    modifiers = {n.key(doc) for n in names if n.end < len(doc) and toks[n.end].pos_ == "NOUN" and toks[n.end].is_lower
                 and "\n" not in toks[n.end - 1].whitespace_}

    def phrase(n: _Name) -> bool:
        words = toks[n.start:n.end]
        if n.type != PERSON or n.strength >= 2 or len(words) < 2 or keys[n.key(doc)] < 2 or words[-1].lower_ in alone \
                or n.key(doc) not in modifiers:
            return False
        return all(t.lower_ not in given and (_verb_or_adjective(t.lower_) or t.is_stop) for t in words)

    return [n for n in names if not phrase(n)]


def _proper_noun_runs(doc: Doc, covered: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of capitalised proper nouns no name covers."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    pos_of = docindex.pos(doc)
    out, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and not covered[j] and pos_of[j] == "PROPN" and toks[j].is_alpha \
                and caps[j] and (j == i or "\n" not in toks[j - 1].whitespace_):
            j += 1
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _person_like(doc: Doc, n: _Name) -> bool:
    tokens = doc[n.start:n.end]
    if any(INITIAL.match(t.text) for t in tokens):
        return True
    return n.type == PERSON and len(tokens) >= 2


# ------------------------------------------------------------------------------ propagation
def _propagate(doc: Doc, names: list[_Name]) -> list[_Name]:
    """One type per name string in the article (cue words outweigh the model, the majority wins),
    names without a type take it from another mention or are dropped, and repeats the model missed
    become names too: "Simmons" after "Phil Simmons", "DUBLIN" after "Dublin"."""
    toks = docindex.tokens(doc)
    caps = _capitals(doc)
    votes: dict[str, Counter] = defaultdict(Counter)
    for n in names:
        if n.type is not None:
            votes[n.key(doc)][n.type] += 1 if n.local else 1 + 3 * (n.strength >= 2)
    for key, c in votes.items():
        place = gazetteer_place(key)
        if place is not None and place.kind == "city" and place.population >= CITY_VOTE_POPULATION:
            c[PLACE] += 2
    for surname in _surnames(doc, names):
        # the last word of a person's full name is that person's surname here, whatever the model
        # and the gazetteer say of it alone ("Pence" after "Mike Pence", "Garland" after "Merrick
        # Garland", a city of 230,000), unless it is also a place name that the article uses as one
        # ("in Henderson"); counted after the city vote, which must not outweigh it
        place = gazetteer_place(surname) and _used_as_place(doc, names, surname)
        votes[surname][PERSON] += 2 if place else 2 + sum(votes[surname].values())
    for family in _family_names_first(doc, names, votes):
        # "Wang" after "Wang Donghai": a family name written first, as in Chinese and Korean names
        votes[family][PERSON] += 2 + sum(votes[family].values())
    typed = {k: c.most_common(1)[0][0] for k, c in votes.items() if c}
    for n in names:
        if n.type is None or n.strength < 2:
            t = typed.get(n.key(doc))
            if t is not None:
                n.type = t
        if n.type is None:
            place = gazetteer_place(docindex.span_text(doc, n.start, n.end))
            if place is not None and (place.kind != "city" or place.population >= CITY_VOTE_POPULATION):
                n.type = PLACE
    names = [n for n in names if n.type is not None]

    covered = _covered(names, len(doc))
    longest = max((len(k.split()) for k in typed), default=0)
    i = 0
    while i < len(doc):
        if covered[i] or not caps[i]:
            i += 1
            continue
        for n in range(min(longest, 5), 0, -1):
            j = i + n
            if j > len(doc) or any(covered[i:j]):
                continue
            text = docindex.span_text(doc, i, j)
            etype = typed.get(text.lower())
            if etype is None or "\n" in text or not (text.isupper() or _stands_alone(doc, i, j)):
                continue
            if not (text.isupper() or toks[j - 1].text[:1].isupper()):
                continue
            if etype == PERSON:
                names.append(_Name(_initials_start(doc, i), j, etype, 1))
            else:
                names.append(_Name(i, j, etype, 1))
            i = j - 1
            break
        i += 1
    return sorted(_dedupe(names), key=lambda n: n.start)


def _possessive_names(doc: Doc, names: list[_Name]) -> list[_Name]:
    """Organisations whose name ends with "'s" ("Boatmen's", "McDonald's"): when the article never
    writes the name without it and makes "X's" the subject of "was", "is", "has" ("Boatmen's was the
    prize"), the "'s" possesses nothing and belongs to the name, at every "X's"; a name right after
    it is the rest of the name ("Boatmen's Bancshares Inc.")."""
    toks = docindex.tokens(doc)

    def before_possessive(n: _Name) -> bool:
        return n.end + 1 < len(doc) and toks[n.end].text in ("'s", "’s") and toks[n.end].tag_ == "POS"

    # the possessor inside an organisation's name ("Boatmen's Bancshares Inc.") is that body too
    in_bodies = {e.text[:i].lower() for e in doc.ents if e.label_ == "ORG"
                 for i in (e.text.find("'s "), e.text.find("’s ")) if i > 0}
    keys = {n.key(doc) for n in names if (n.type == ORGANISATION or n.key(doc) in in_bodies) and before_possessive(n)
            and toks[n.end + 1].pos_ == "AUX"}
    # ... and the article never writes the name without it ("the RNC's rules committee" beside "the RNC")
    keys -= {n.key(doc) for n in names if not before_possessive(n)}
    if not keys:
        return names
    starts = {n.start: n for n in names}
    dropped = set()
    for n in names:
        if n.key(doc) in keys and before_possessive(n):
            n.end, n.type = n.end + 1, ORGANISATION
            rest = starts.get(n.end)
            if rest is not None and rest.type in (ORGANISATION, None) and "\n" not in toks[n.end - 1].whitespace_:
                n.end = rest.end  # "Boatmen's" + "Bancshares Inc."
                dropped.add(id(rest))
    return [n for n in names if id(n) not in dropped]


def _dedupe(names: list[_Name]) -> list[_Name]:
    """Keep one name per token range, the strongest, and no overlapping pieces."""
    best: dict[tuple[int, int], _Name] = {}
    for n in names:
        k = (n.start, n.end)
        if k not in best or n.strength > best[k].strength:
            best[k] = n
    out: list[_Name] = []
    for n in sorted(best.values(), key=lambda n: (n.start, -(n.end - n.start))):
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


# ------------------------------------------------------------------------------ grouping into entities
_Group = list[tuple[_Name, Span]]


def label_text(text: str) -> str:
    """A name's words as a label shows them: without bidi controls, emoji and pictographs (the
    mentions keep the article's characters and offsets). Spaces they leave are closed up."""
    cleaned = NOT_IN_LABELS.sub("", text)
    return text if cleaned == text else " ".join(cleaned.split())


def _group(doc: Doc, names: list[_Name]) -> list[Entity]:
    """One entity per real-world thing: name forms that corefer are merged, and each entity gets
    its identity key (kg/nlp/identity.py), from which its node IRI comes."""
    toks = docindex.tokens(doc)
    text = docindex.text(doc)
    _short_name_types(doc, names)
    spans = [(n, Span.of(text, toks[n.start].idx, _name_end(doc, n))) for n in names]
    persons = [(n, s) for n, s in spans if n.type == PERSON]
    groups: list[_Group] = []
    group_of: dict[tuple[str, str], int] = {}  # (type, key) → group index
    for n, s in spans:
        if n.type == PERSON:
            continue
        k = (n.type, _group_key(s.text, n.type))
        if k not in group_of:
            group_of[k] = len(groups)
            groups.append([])
        groups[group_of[k]].append((n, s))
    _merge_acronyms(doc, groups)
    _merge_short_names(groups, _surnames(doc, names))
    groups += _person_groups(doc, persons)

    entities = []
    for members in sorted((g for g in groups if g), key=lambda g: min(s.begin for _, s in g)):
        etype = members[0][0].type
        labels = {label_text(s.text) for _, s in members} - {""}
        if not labels:
            continue  # nothing but pictographs: no name
        forms = sorted(labels, key=lambda t: (t.isupper(), -len(t.split()), -len(t), t))
        mentions = sorted({Mention(s, NAME) for _, s in members}, key=lambda m: m.span)
        place = next((p for p in map(place_named, forms) if p is not None), None) if etype == PLACE else None
        entities.append(Entity(f"e{len(entities)}", etype, forms[0], mentions, forms[1:],
                               identity=identity.identity(etype, forms, place.name if place else None)))
    return entities


def _short_name_types(doc: Doc, names: list[_Name]) -> None:
    """The short name of an organisation of the article is that organisation, whatever the model
    made of it alone: "Cerberus" after "Cerberus Capital Management", "AirTran" after "AirTran
    Airways", "Cofinec" after "Cofinec S.A.". Not a person's surname ("Ford" beside "Gerald Ford")
    nor a country ("Qatar" beside "Qatar Airways"), and not a name a cue word typed."""
    keys = {identity.name_key(n.key(doc)) for n in names if n.type == ORGANISATION}
    surnames = _surnames(doc, names)
    for n in names:
        if n.type not in (PERSON, PLACE) or n.strength >= 2 or n.end - n.start > 2:
            continue
        key = n.key(doc)
        if key in surnames or key in country_names() or identity.is_acronym(docindex.span_text(doc, n.start, n.end)):
            continue
        if n.type == PLACE and gazetteer_place(key) is not None:
            continue
        short = identity.name_key(key)
        # the name itself with a corporate suffix ("Cofinec S.A.", "Lear Corp.") counts as well
        if sum(identity.extends(short, k) or short == k for k in keys) == 1:
            n.type = ORGANISATION


def _with_identity(entities: list[Entity]) -> list[Entity]:
    """Every entity with its identity key, also those the stages after grouping add (the country of
    a demonym, "Syrian" → Syria)."""
    for e in entities:
        if not e.identity:
            place = place_named(e.name) if e.type == PLACE else None
            e.identity = identity.identity(e.type, [e.name, *e.aliases], place.name if place else None)
    return entities


def _person_groups(doc: Doc, persons: list[tuple[_Name, Span]]) -> list[_Group]:
    """Each full name is a group; a short form ("Lavrov", "Mr Lavrov") joins the nearest full name
    it ends."""
    text, toks = docindex.text(doc), docindex.tokens(doc)
    full = _full_person_names(persons)
    introduced = _introductions(doc, persons, full)
    variant = _misspelt_full_names(full, Counter(_person_key(s.text) for _, s in persons))
    variant.update((k, to) for k, to in _middle_name_variants(full).items() if k not in variant and to not in variant)
    groups: list[_Group] = []
    person_group: dict[str, int] = {}
    for key in full:
        if key not in variant:
            person_group[key] = len(groups)
            groups.append([])
    for key, to in variant.items():
        person_group[key] = person_group[to]
    titles: dict[str, set[str]] = defaultdict(set)  # full name → the title words written before it
    for n, s in persons:
        if _person_key(s.text) in full:
            titles[_person_key(s.text)] |= _title_words_before(doc, n.start)
    last_subject: dict[int, int] = {}
    for n, s in persons:
        key = _person_key(s.text)
        g = person_group.get(key)
        if g is None:
            fitting = _of_the_honorifics_sex(text[max(0, s.begin - 6):s.begin], full)
            fitting = _of_the_title(key, _title_words_before(doc, n.start), fitting, titles)
            g = _nearest_full_name(key, s.begin, fitting, introduced, last_subject, person_group)
        if g is None:
            person_group[key] = g = len(groups)
            groups.append([])
        groups[g].append((n, s))
        if toks[n.end - 1].dep_ in SUBJECTS:
            last_subject[g] = s.begin
    return groups


SUBJECTS = {"nsubj", "nsubjpass"}


def _introductions(doc: Doc, persons: list[tuple[_Name, Span]], full: dict[str, int]) -> dict[str, int]:
    """Where the article introduces each full name: its first mention that is not a modifier of a
    noun ("Former Bill Clinton pollster Doug Schoen" does not introduce Bill Clinton to the story),
    else its first mention."""
    toks = docindex.tokens(doc)
    out = dict(full)
    for n, s in reversed(persons):
        key = _person_key(s.text)
        if key in full and toks[n.end - 1].dep_ != "compound":
            out[key] = s.begin
    return out


def _misspelt_full_names(full: dict[str, int], counts: Counter) -> dict[str, str]:
    """Full names that are a misspelling of another of the article ("Hilary Clinton" beside
    "Hillary Clinton"): the same surname and given names of five letters or more one edit apart
    (a letter added, dropped or changed), not two given names of different sexes. Each goes to the
    more frequent form (the first one named on a tie)."""
    given = lex.pairs("speech_given_names.tsv")
    out: dict[str, str] = {}
    keys = sorted(full, key=lambda k: (-counts[k], full[k]))
    for i, key in enumerate(keys):
        first, _, rest = key.partition(" ")
        for other in keys[:i]:
            o_first, _, o_rest = other.partition(" ")
            if rest != o_rest or other in out or min(len(first), len(o_first)) < 5 \
                    or given.get(first, given.get(o_first)) != given.get(o_first, given.get(first)):
                continue
            if _one_edit_apart(first, o_first):
                out[key] = other
                break
    return out


def _middle_name_variants(full: dict[str, int]) -> dict[str, str]:
    """Full names with middle names or initials that the article also gives without them ("Donald J.
    Trump" beside "Donald Trump", "Hillary Rodham Clinton" beside "Hillary Clinton") → the shorter
    form. Not when two of them shorten to one name ("George W. Bush" and "George H.W. Bush" beside
    "George Bush"), nor when others of the surname are named: which of them the short form is, the
    article does not say."""
    shortened: dict[str, list[str]] = defaultdict(list)
    for key in full:
        short = identity.without_middle_names(key)
        if short is not None and short in full:
            shortened[short].append(key)
    surnames = Counter(key.split()[-1] for key in full)
    # a family of the surname in the story (Prescott, Barbara and Jeb Bush): "George Bush" may be the
    # father of "George W. Bush"
    return {longs[0]: short for short, longs in shortened.items()
            if len(longs) == 1 and surnames[short.split()[-1]] == 2}


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


SENTENCE_CLOSERS = {"", "\n", '"', "”"}  # not an apostrophe: "Salomon Bros.' chief" is a possessive


def _name_end(doc: Doc, n: _Name) -> int:
    """Character end of a name. An abbreviated organisation head ending the sentence ("analyst at
    McDonald & Co." before a line break or closing quote) leaves its full stop to the sentence."""
    toks, text = docindex.tokens(doc), docindex.text(doc)
    last = toks[n.end - 1]
    end = last.idx + len(last.text)
    if n.type == ORGANISATION and last.text.endswith(".") and len(last.text) > 2 \
            and lex.normal(last.text) in lex.organisation_heads() and text[end:end + 1] in SENTENCE_CLOSERS:
        end -= 1
    return end


def _person_key(text: str) -> str:
    return identity.name_key(label_text(text), PERSON)


def _full_person_names(persons: list[tuple[_Name, Span]]) -> dict[str, int]:
    """Full names (two words or more, not the tail of a longer one) → position of first mention."""
    keys = {_person_key(s.text): s.begin for _, s in reversed(persons)}
    multi = {k: b for k, b in keys.items() if len(k.split()) >= 2}
    return {k: b for k, b in multi.items()
            if not any(o != k and o.endswith(" " + k) for o in multi)}


def _of_the_honorifics_sex(before: str, full: dict[str, int]) -> dict[str, int]:
    """The full names a short form after "Mr."/"Mrs."/"Ms." (``before``: the characters before it) can
    stand for: "Mr. Clinton" is not Hillary Clinton (a full name whose given name tells the other sex,
    lexicons meeting_honorific_sex.tsv and speech_given_names.tsv)."""
    words = before.split()
    sex = lex.pairs("meeting_honorific_sex.tsv").get(words[-1].lower().rstrip(".")) if words else None
    if sex is None:
        return full
    given = lex.pairs("speech_given_names.tsv")
    return {f: b for f, b in full.items() if given.get(f.split()[0], sex) == sex}


_TITLE_GLUE = frozenset({"of", "the", "and", "-"})


def _title_words_before(doc: Doc, i: int) -> set[str]:
    """The words of the title written right before token i ("former President Bill Clinton" →
    president; "Secretary of State Clinton" → secretary, state)."""
    toks = docindex.tokens(doc)
    out, j = set(), i
    while j > 0 and lex.normal(toks[j - 1].text) in lex.title_words() and "\n" not in toks[j - 1].whitespace_:
        j -= 1
        out.add(lex.normal(toks[j].text))
    return out - _TITLE_GLUE - lex.former_words()  # "former" tells no post apart


def _of_the_title(key: str, words: set[str], full: dict[str, int], titles: dict[str, set[str]]) -> dict[str, int]:
    """The full names a short form ``key`` after a title can stand for: of those it ends, the ones
    the article gives that title ("President Clinton" is Bill Clinton beside "former Secretary of
    State Hillary Clinton" and "former President Bill Clinton"), or all when none has it."""
    fits = {f for f in full if f.endswith(" " + key)}
    titled = {f for f in fits if titles.get(f, set()) & words}
    if not titled:
        return full
    return {f: b for f, b in full.items() if f not in fits or f in titled}


def _nearest_full_name(key: str, at: int, full: dict[str, int], introduced: dict[str, int],
                       last_subject: dict[int, int], person_group: dict[str, int]) -> int | None:
    """The group of the full name a short form ("Lavrov", "Al Shibani") refers to: among the full
    names it ends, the one the article introduced first ("Clinton" is Hillary Clinton in her story
    even after "Bill Clinton" is named), unless another was the subject of a clause just before it
    (within _SHORT_FORM_REACH characters: "Bill Clinton greeted voters. Clinton said"; not "Sanders
    said of Bill Clinton. ... Clinton nodded", nor "Bill Clinton's rallies ... Clinton's strategy":
    the subject is what a story goes on about); the first one after it when none was named before.
    A given name alone goes to the one full name it begins."""
    fits = [f for f in full if f.endswith(" " + key)]
    if not fits:
        # a given name alone ("Hillary", "Bernie"; lexicon speech_given_names.tsv) is the one full
        # name of the article it begins (not "Obama" before a junk "Obama White House")
        given = [f for f in full if f.startswith(key + " ")]
        known = key in lex.pairs("speech_given_names.tsv")
        return person_group[given[0]] if len(given) == 1 and known else None
    before = [f for f in fits if full[f] < at]
    if before:
        subjects = [(last_subject[person_group[f]], f) for f in before if person_group[f] in last_subject]
        if subjects and at - max(subjects)[0] <= _SHORT_FORM_REACH:
            return person_group[max(subjects)[1]]
        return person_group[min(before, key=lambda f: (introduced[f], full[f]))]
    return person_group[min(fits, key=lambda f: full[f])]


# how far (in characters) a full name just named holds a short form against the article's first
_SHORT_FORM_REACH = 150


def _group_key(text: str, etype: str) -> str:
    """What the names of one entity of the article share: the place GeoNames gives ("U.S." and
    "United States"), else the identity key of the name ("Apple Inc." and "Apple")."""
    text = label_text(text)
    if etype == PLACE:
        place = place_named(text)
        if place is not None:
            return f"geonames:{place.geonameid}"
    return identity.name_key(text, etype)


def _merge_acronyms(doc: Doc, groups: list[_Group]) -> None:
    """An acronym joins the organisation or place it abbreviates: the initials of a name the article
    gives ("UN" and "United Nations", "GM" and "General Motors Corporation"), an acronym the article
    defines in brackets ("Singapore Airlines (SIA)"), else the full name of a well-known one ("NATO")."""
    by_initials: dict[tuple[str, str], int] = {}
    by_key: dict[tuple[str, str], int] = {}
    for gi, g in enumerate(groups):
        for n, s in g:
            if identity.is_acronym(s.text):
                continue
            key = identity.name_key(s.text, n.type)
            by_key.setdefault((n.type, key), gi)
            # "General Motors Corporation" is GM, "Penske Automotive Group" PAG: with and without the suffix
            for letters in (identity.initials(key), identity.initials(identity.name_key(s.text, ""))):
                if len(letters) >= 2:
                    by_initials.setdefault((n.type, letters), gi)
    defined = _defined_acronyms(doc, groups)
    for gi, g in enumerate(groups):
        if not g or not all(identity.is_acronym(s.text) for _, s in g):
            continue
        n, s = g[0]
        short = s.text.replace(".", "")
        target = defined.get(short)
        if target is None:
            target = by_initials.get((n.type, short))
        if target is None and identity.known_acronym(short):
            target = by_key.get((n.type, identity.name_key(identity.known_acronym(short), n.type)))
        if target is not None and target != gi and groups[target]:
            groups[target].extend(g)
            groups[gi] = []


def _defined_acronyms(doc: Doc, groups: list[_Group]) -> dict[str, int]:
    """Acronyms the article defines right after an organisation's name: "Singapore Airlines (SIA)"
    → the group of Singapore Airlines, when the letters fit the name."""
    toks = docindex.tokens(doc)
    out: dict[str, int] = {}
    for gi, g in enumerate(groups):
        for n, s in g:
            if n.type != ORGANISATION or n.end + 2 >= len(doc) or toks[n.end].text != "(" \
                    or toks[n.end + 2].text != ")":
                continue
            short = toks[n.end + 1].text.replace(".", "")
            if identity.is_acronym(short) and identity.abbreviates(short, identity.name_key(s.text, "")):
                out.setdefault(short, gi)
    return out


def _merge_short_names(groups: list[_Group], surnames: set[str]) -> None:
    """A short name of an organisation joins the one longer name of the article it begins: "Apple"
    and "Apple Computer", "Ford" and "Ford Motor Company" (not "Ford" and "the Ford Foundation",
    nor "Trump" and "Trump Train" beside Donald Trump, nor "Qatar" and "Qatar Airways")."""
    keys = [{identity.name_key(s.text, n.type) for n, s in g if not identity.is_acronym(s.text)} for g in groups]
    for gi, g in enumerate(groups):
        if not g or g[0][0].type != ORGANISATION or len(keys[gi]) != 1 \
                or any(identity.name_key(s.text, "") not in keys[gi] for _, s in g if not identity.is_acronym(s.text)):
            continue  # "Apple Inc." is a full name, not a short one
        (short,) = keys[gi]
        if short in surnames or gazetteer_place(short) is not None:
            continue
        longer = {oi for oi, o in enumerate(groups) if oi != gi and o and o[0][0].type == ORGANISATION
                  and any(identity.extends(short, k) for k in keys[oi])}
        if len(longer) == 1:
            (target,) = longer
            groups[target].extend(g)
            keys[target] |= keys[gi]
            groups[gi] = []
