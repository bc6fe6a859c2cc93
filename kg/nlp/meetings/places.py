"""Meetings: where a meeting was held when the text names a building rather than a town. The seat of
an office ("at the White House", "on Capitol Hill") and a named building ("at the Mayflower Hotel")
are typed Organisation by the institution their names also stand for ("the White House said"); as the
place of a meeting they are the building, a Place node of its own (``place/white-house`` beside
``organisation/white-house``)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.model import NAME, ORGANISATION, PLACE, Entity, Meeting, Mention
from kg.nlp.meetings.words import prepositions, word_set
from kg.nlp.owners import Owners


def _bare(name: str) -> str:
    words = name.lower().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def seat(entity: Entity | None) -> bool:
    """An organisation named by the building that seats an office ("White House", "Capitol Hill",
    "Kremlin"): a visit there is a visit to that office, a meeting there is held in the building."""
    return entity is not None and entity.type == ORGANISATION and _bare(entity.name) in word_set("meeting_seat_names.txt")


def building(entity: Entity | None) -> bool:
    """A seat, or an organisation named for its building or grounds ("the Mayflower Hotel", "the
    Capitol Hill Club"): the object of a meeting's place phrase, it says where the meeting was held."""
    if entity is None or entity.type != ORGANISATION:
        return False
    words = _bare(entity.name).split()
    return seat(entity) or (len(words) > 1 and words[-1] in word_set("meeting_building_nouns.txt"))


def held_as_subject(head: Token) -> list[Token]:
    """The verb a meeting noun is the subject of when that verb says where it was held: "the meeting was
    held at the FBI's field office in White Plains", "the talks took place in Geneva" (a later sentence
    often gives the place of a meeting told before). Not an active "hold" ("the meeting holds no
    surprises"), nor any other verb ("the talks ended in failure", "the summit put Paris on edge")."""
    verb = head.head
    if head.pos_ != "NOUN" or verb.pos_ != "VERB" or head.dep_ not in ("nsubj", "nsubjpass"):
        return []
    lemma = verb.lemma_.lower()
    passive = head.dep_ == "nsubjpass" and lemma in word_set("meeting_venue_verbs.txt")
    took_place = lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    return [verb] if passive or took_place else []


def place_objects(prep: Token, ents: Owners) -> list[Token]:
    """The objects of a preposition that say where: any after "in", "at", "aboard"; after "on" only a
    seat, a building or a vehicle ("on Capitol Hill", "on her plane"), never another name or noun
    ("talks on Syria" are about Syria, "on Monday" is when)."""
    if prep.dep_ != "prep":
        return []
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if prep.lower_ in prepositions("place"):
        return objects
    if prep.lower_ not in prepositions("seat"):
        return []
    return [g for g in objects if building(ents.entity(g.i)) or (
        ents.entity(g.i) is None and g.pos_ == "NOUN" and g.lemma_.lower() in word_set("meeting_vehicle_nouns.txt"))]


def building_places(meetings: list[Meeting], entities: list[Entity]) -> tuple[list[Entity], list[Meeting]]:
    """The meetings held in a building named as an organisation, located at a Place node for that
    building instead (one per name in the article, the article's own Place of that name when it has
    one), with the location's words as its mention. Returns the new places and the meetings."""
    by_key = {e.key: e for e in entities}
    places = {_bare(e.name): e for e in entities if e.type == PLACE}
    used = set(by_key)
    new: list[Entity] = []
    out = []
    for m in meetings:
        held_in = by_key.get(m.location) if m.location else None
        if held_in is None or held_in.type == PLACE:
            out.append(m)
            continue
        place = places.get(_bare(held_in.name))
        if place is None:
            key = f"{held_in.key}-building"
            while key in used:
                key += "'"
            used.add(key)
            place = Entity(key, PLACE, held_in.name)
            places[_bare(held_in.name)] = place
            new.append(place)
        if m.location_span is not None and place in new and not any(x.span == m.location_span for x in place.mentions):
            place.mentions.append(Mention(m.location_span, NAME))
        out.append(replace(m, location=place.key))
    return new, out
