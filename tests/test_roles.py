"""Roles: title before a name, appositions, possessives, demonyms, relational and former posts."""

from __future__ import annotations

import pytest

from kg.model import PERSON, PLACE, Entity


def by_name(entities: list[Entity], name: str) -> Entity:
    (found,) = [e for e in entities if e.name == name]
    return found


def roles(entities: list[Entity], name: str) -> list[tuple[str, str | None, bool]]:
    keys = {e.key: e.name for e in entities}
    return [(r.title, keys.get(r.of) if r.of else None, r.former) for r in by_name(entities, name).roles]


@pytest.fixture(scope="module")
def seed(seed_entities):
    return seed_entities


@pytest.mark.parametrize("person, role", [
    ("Asaad Al Shibani", ("Foreign Minister", "Syria", False)),
    ("Sergey Lavrov", ("Foreign Minister", "Russia", False)),
    ("Ahmad Al Shara", ("President", "Syria", False)),
    ("Vladimir Putin", ("President", "Russia", False)),
    ("Murhaf Abu Qasra", ("Defence Minister", "Syria", False)),
    ("Bashar Al Assad", ("President", "Syria", True)),
])
def test_seed_roles(seed, person, role):
    assert roles(seed, person) == [role]
    e = by_name(seed, person)
    assert e.country is not None and by_name(seed, role[1]).key == e.country


def test_demonym_creates_the_country_without_a_mention(entities_of):
    entities = entities_of("Norwegian Foreign Minister Ingrid Halvorsen arrived on Monday.")
    assert roles(entities, "Ingrid Halvorsen") == [("Foreign Minister", "Norway", False)]
    norway = by_name(entities, "Norway")
    assert norway.type == PLACE and norway.mentions == []
    assert by_name(entities, "Ingrid Halvorsen").country == norway.key


def test_apposition_with_possessive_country(entities_of):
    entities = entities_of("Tomás Reis held talks with Ingrid Halvorsen, Norway's foreign minister, in Oslo.")
    assert roles(entities, "Ingrid Halvorsen") == [("Foreign Minister", "Norway", False)]
    assert roles(entities, "Tomás Reis") == []


def test_apposition_with_of(entities_of):
    entities = entities_of("Erik Dahl, the prime minister of Norway, said the deal was fair.")
    assert roles(entities, "Erik Dahl") == [("Prime Minister", "Norway", False)]


def test_counterpart_takes_the_post_in_another_country(entities_of):
    entities = entities_of("French Foreign Minister Jean Martin met his German counterpart Karl Weber in Paris.")
    assert roles(entities, "Karl Weber") == [("Foreign Minister", "Germany", False)]


def test_counterpart_without_a_country_gets_no_role(entities_of):
    entities = entities_of("Foreign Minister Jean Martin met his counterpart Karl Weber in Paris.")
    assert roles(entities, "Karl Weber") == []


def test_former_title(entities_of):
    entities = entities_of("Former Polish President Lech Nowak criticised the plan.")
    assert roles(entities, "Lech Nowak") == [("President", "Poland", True)]


def test_persons_without_titles_have_no_roles(entities_of):
    entities = entities_of("Maria Costa and Peter Olsen walked to the station.")
    assert all(e.roles == [] for e in entities if e.type == PERSON)
