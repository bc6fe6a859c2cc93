"""Roles of persons: the post the text gives them and the country or organisation it belongs to.

Patterns, all over the tokens around a person's name:
- title before the name: "Foreign Minister Asaad Al Shibani", "Syrian Defence Minister Murhaf Abu
  Qasra", "Syria's foreign minister X", "former President X";
- apposition after it: "X, the foreign minister of Syria," / "X, Syria's foreign minister";
- apposition before it: "Mr Al Shara's predecessor, Bashar Al Assad";
- relational posts ("his Russian counterpart Sergey Lavrov", "X's predecessor") copy the post of the
  person they are relative to: the possessor, else the nearest person named before in the sentence;
- the country comes from a demonym (creating the place entity if the article never names it), a
  possessive, "of Y", and failing these, for state posts, the country the article is mostly about
  (other than the country of a counterpart).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.model import ORGANISATION, PERSON, PLACE, Entity, Role, Span
from kg.nlp import docindex
from kg.nlp import entity_lexicon as lex
from kg.nlp.linking import country_names, gazetteer_place
from kg.nlp.owners import Owners

MAX_TITLE_WORDS = 5


@dataclass
class _TitleMatch:
    start: int  # first token of the whole phrase (modifiers included)
    end: int  # token after the title
    title: tuple[str, ...]  # normalised words of the post
    of: str | None  # entity key
    former: bool
    relation: str | None  # same | before | after, for relational posts
    relative_to: str | None  # entity key of the possessor of a relational post


def find_roles(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """The entities with ``roles`` and ``country`` filled for persons; places named only by a
    demonym are added (without mentions) so that roles can point at them."""
    entities = list(entities)
    token_owner = Owners(doc, entities)
    places = _PlaceIndex(entities)
    found: list[tuple[Entity, int, _TitleMatch]] = []  # person, token of its mention, match
    for e in entities:
        if e.type != PERSON:
            continue
        for m in e.mentions:
            tokens = doc.char_span(m.span.begin, m.span.end, alignment_mode="expand")
            if tokens is None:
                continue
            for match in (_title_before(doc, tokens.start, token_owner, places),
                          _apposition_after(doc, tokens.end, token_owner, places),
                          _apposition_before(doc, tokens.start, token_owner, places)):
                if match is not None:
                    found.append((e, tokens.start, match))
    by_key = {e.key: e for e in entities}
    dominant = _dominant_country(doc, entities, places)
    # direct posts first, so that relational ones can copy them
    for e, at, match in sorted(found, key=lambda f: f[2].relation is not None):
        title, of, former = " ".join(match.title), match.of, match.former
        if match.relation is not None:
            other = by_key.get(match.relative_to or "") or _person_before(doc, at, e.key, token_owner, by_key)
            base = next((r for r in other.roles if not r.former), None) if other else None
            if base is None:
                continue
            title = base.title
            if match.relation == "same":
                if of is None or of == base.of:
                    continue  # a counterpart is of another country, which the text must give
            else:
                of = of or base.of
                former = match.relation == "before"
        elif of is None and _is_state_post(match.title) and dominant is not None:
            counterparts = {m.of for _, _, m in found if m.relation == "same"}
            if dominant not in counterparts:
                of = dominant
        role = Role(_title_case(title), Span.of(docindex.text(doc), doc[match.start].idx,
                                                    doc[match.end - 1].idx + len(doc[match.end - 1].text)),
                       of, former)
        if not any(r.title == role.title and r.of == role.of and r.former == role.former for r in e.roles):
            e.roles.append(role)
    by_key.update((p.key, p) for p in places.created)
    for e in entities:
        if e.type == PERSON and e.country is None:
            e.country = next((r.of for r in e.roles if r.of and by_key.get(r.of) and by_key[r.of].type == PLACE
                              and not r.former), None) or next(
                (r.of for r in e.roles if r.of and by_key.get(r.of) and by_key[r.of].type == PLACE), None)
    return entities + places.created


# ------------------------------------------------------------------------------ title phrases
def _title_at_end(doc: Doc, end: int) -> tuple[int, tuple[str, ...]] | None:
    """The longest title whose last token is ``end - 1``: (its first token, its words)."""
    titles = lex.titles()
    toks = docindex.tokens(doc)
    for n in range(min(MAX_TITLE_WORDS, end), 0, -1):
        words = tuple(lex.normal(t.text) for t in toks[end - n:end])
        if words in titles:
            return end - n, words
    return None


def _title_at_start(doc: Doc, start: int) -> tuple[int, tuple[str, ...]] | None:
    titles = lex.titles()
    toks = docindex.tokens(doc)
    for n in range(min(MAX_TITLE_WORDS, len(doc) - start), 0, -1):
        words = tuple(lex.normal(t.text) for t in toks[start:start + n])
        if words in titles:
            return start + n, words
    return None


def _relation(words: tuple[str, ...]) -> str | None:
    return lex.pairs("entity_relational_titles.txt").get(" ".join(words))


def _modifiers_before(doc: Doc, i: int, owners: Owners, places: "_PlaceIndex"
                      ) -> tuple[int, str | None, bool, str | None]:
    """Walk left from token ``i - 1`` over "former", a demonym, "X's": (new start, of, former,
    possessor key)."""
    of, former, possessor = None, False, None
    start = i
    while start > 0:
        t = doc[start - 1]
        low = lex.normal(t.text)
        if low in lex.former_words():
            former, start = True, start - 1
            continue
        country = lex.country_of_demonym(t.text) if t.text[:1].isupper() else None
        if country and of is None:
            of, start = places.key_for(country), start - 1
            continue
        owner = owners.entity(start - 2) if start - 2 >= 0 else None
        if t.text in ("'s", "’s", "'", "’") and owner is not None and of is None:
            first = start - 2  # the first word of the possessor's name
            while first > 0 and owners.entity(first - 1) is owner:
                first -= 1
            if owner.type in (PLACE, ORGANISATION):
                of = owner.key
            else:
                possessor = owner.key
            start = first
            continue
        break
    return start, of, former, possessor


def _title_before(doc: Doc, name_start: int, owners: Owners, places: "_PlaceIndex") -> _TitleMatch | None:
    end = name_start
    while end > 0 and lex.normal(doc[end - 1].text) in lex.honorifics() and not _title_at_end(doc, end):
        end -= 1
    found = _title_at_end(doc, end)
    if found is None:
        return None
    tstart, words = found
    start, of, former, possessor = _modifiers_before(doc, tstart, owners, places)
    return _TitleMatch(start, end, words, of, former, _relation(words), possessor)


def _apposition_after(doc: Doc, name_end: int, owners: Owners, places: "_PlaceIndex") -> _TitleMatch | None:
    """"X, the foreign minister of Syria," / "X, Syria's foreign minister" / "X, Russian president"."""
    i = name_end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    start = i
    former, of = False, None
    while i < len(doc) and lex.normal(doc[i].text) in lex.determiners():
        i += 1
    if i < len(doc) and lex.normal(doc[i].text) in lex.former_words():
        former, i = True, i + 1
    if i < len(doc) and doc[i].text[:1].isupper() and lex.country_of_demonym(doc[i].text):
        of, i = places.key_for(lex.country_of_demonym(doc[i].text)), i + 1
    elif i + 1 < len(doc) and (owner := owners.entity(i)) is not None and owner.type in (PLACE, ORGANISATION):
        while i < len(doc) and owners.entity(i) is owner:
            i += 1
        if i < len(doc) and doc[i].text in ("'s", "’s"):
            of, i = owner.key, i + 1
        else:
            return None
    found = _title_at_start(doc, i)
    if found is None:
        return None
    end, words = found
    if _relation(words) is not None:
        return None
    after_of = end + 1
    while after_of < len(doc) and lex.normal(doc[after_of].text) in lex.determiners():
        after_of += 1
    owner = owners.entity(after_of)
    if of is None and after_of < len(doc) and doc[end].lower_ == "of" and owner is not None \
            and owner.type in (PLACE, ORGANISATION):
        end = after_of
        of = owner.key
        while end < len(doc) and owners.entity(end) is owner:
            end += 1
    if end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX", "ADP", "CCONJ")):
        return None  # "X, the president's ..." or a longer noun phrase: not a plain apposition
    return _TitleMatch(start, end, words, of, former, None, None)


def _apposition_before(doc: Doc, name_start: int, owners: Owners, places: "_PlaceIndex") -> _TitleMatch | None:
    """"Mr Al Shara's predecessor, Bashar Al Assad"."""
    if name_start < 2 or doc[name_start - 1].text != ",":
        return None
    found = _title_at_end(doc, name_start - 1)
    if found is None:
        return None
    tstart, words = found
    start, of, former, possessor = _modifiers_before(doc, tstart, owners, places)
    if start == tstart and not (start > 0 and doc[start - 1].lower_ in lex.determiners()):
        return None  # "..., minister, X" without any determiner or modifier is too loose
    return _TitleMatch(start, name_start - 1, words, of, former, _relation(words), possessor)


# ------------------------------------------------------------------------------ helpers
def _person_before(doc: Doc, at: int, not_key: str, owners: Owners,
                   by_key: dict[str, Entity]) -> Entity | None:
    """The nearest other person named before token ``at`` in its sentence."""
    sent_start = doc[at].sent.start
    for i in range(at - 1, sent_start - 1, -1):
        e = owners.entity(i)
        if e is not None and e.type == PERSON and e.key != not_key:
            return e
    return None


def _is_state_post(words: tuple[str, ...]) -> bool:
    return any(w in lex.word_set("entity_state_titles.txt") for w in words)


def _title_case(title: str) -> str:
    small = {"of", "and", "the", "for"}
    return " ".join(w if w in small else (w[:1].upper() + w[1:]) for w in title.split())


def _dominant_country(doc: Doc, entities: list[Entity], places: "_PlaceIndex") -> str | None:
    """The country the article names most, counting demonyms; None on a tie."""
    counts: Counter[str] = Counter()
    for e in entities:
        if e.type == PLACE and e.name.lower() in country_names():
            counts[e.key] += len(e.mentions)
    for t in docindex.tokens(doc):
        if t.text[:1].isupper() and t.ent_type_ == "NORP":
            country = lex.country_of_demonym(t.text)
            if country:
                counts[places.key_for(country)] += 1
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


class _PlaceIndex:
    """Finds the place entity of a country name, creating it (with no mention) when the article
    gives the country only by a demonym."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.created: list[Entity] = []
        self.by_name: dict[str, str] = {}
        for e in entities:
            if e.type == PLACE:
                for n in [e.name, *e.aliases]:
                    self.by_name.setdefault(self._norm(n), e.key)

    @staticmethod
    def _norm(name: str) -> str:
        place = gazetteer_place(name)
        return f"geonames:{place.geonameid}" if place is not None else name.lower()

    def key_for(self, country: str) -> str:
        norm = self._norm(country)
        if norm not in self.by_name:
            key = f"e{len(self.entities) + len(self.created)}"
            self.created.append(Entity(key, PLACE, country))
            self.by_name[norm] = key
        return self.by_name[norm]
