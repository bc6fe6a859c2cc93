"""Identity keys of names (kg/nlp/identity.py) and the node IRIs they give, on literal names."""

from __future__ import annotations

import pytest

from kg.graph import entity_iri
from kg.model import ORGANISATION, PERSON, PLACE, Entity
from kg.nlp.identity import abbreviates, extends, identity, initials, is_acronym, known_acronym, name_key
from kg.nlp.linking import place_named


@pytest.mark.parametrize("form", ["Apple", "Apple Inc.", "Apple, Inc.", "The Apple Inc.", "APPLE INC", "Apple's",
                                  "Apple Corp", "Apple Co.", "Apple Ltd", "Apple LLC", "Apple plc", "Apple Group",
                                  "Apple Company", "Apple Holdings", "Apple N.V."])
def test_corporate_suffixes_case_full_stops_the_and_possessives_do_not_change_an_organisation(form):
    assert name_key(form, ORGANISATION) == "apple"


def test_a_suffix_alone_is_kept_and_only_organisations_lose_suffixes():
    assert name_key("Group", ORGANISATION) == "group"
    assert name_key("Smith & Co", ORGANISATION) == "smith"
    assert name_key("Bill Group", PERSON) == "bill group"
    assert name_key("Mr Lavrov", PERSON) == "lavrov"


def test_hyphens_and_punctuation_do_not_split_a_key():
    assert name_key("Coca-Cola Co.") == name_key("Coca Cola")
    assert name_key("AT&T Inc.") == "at&t"


def test_acronyms():
    assert is_acronym("GM") and is_acronym("U.S.") and is_acronym("AT&T") and is_acronym("EADS")
    assert not is_acronym("Gm") and not is_acronym("A") and not is_acronym("Apple")
    assert initials(name_key("General Motors Corporation")) == "GM"
    assert initials("national league for democracy") == "NLD"


@pytest.mark.parametrize("short, long, fits", [
    ("SIA", "Singapore Airlines", True),
    ("EADS", "European Aeronautic Defence and Space Company", True),
    ("GM", "General Motors", True),
    ("PAG", "Penske Automotive Group", True),
    ("GM", "Ford Motor", False),
    ("SIA", "Airlines of Singapore", False),
    ("IBM", "Intel", False),
])
def test_an_abbreviation_takes_its_letters_from_the_long_name_in_order(short, long, fits):
    assert abbreviates(short, long) is fits


def test_well_known_acronyms_come_from_the_word_list():
    assert known_acronym("NATO") == "North Atlantic Treaty Organization"
    assert known_acronym("N.A.T.O.") == "North Atlantic Treaty Organization"
    assert known_acronym("XYZQ") is None


def test_a_short_name_stands_for_a_longer_one_unless_the_rest_names_another_body():
    assert extends("apple", "apple computer")
    assert extends("ford", "ford motor")
    assert not extends("ford", "ford foundation")
    assert not extends("united nations", "united nations security council")
    assert not extends("apple", "apple corps")
    assert not extends("apple", "applebee's")


def test_an_organisation_is_known_by_the_short_name_all_its_forms_begin_with():
    assert identity(ORGANISATION, ["Apple Computer", "Apple"]) == "apple"
    assert identity(ORGANISATION, ["Ford Motor Company", "Ford Motors Co.", "Ford"]) == "ford"
    assert identity(ORGANISATION, ["General Motors Corporation", "General Motors", "GM"]) == "general motors"
    assert identity(ORGANISATION, ["Apple Computer"]) == "apple computer"


def test_an_acronym_alone_is_its_well_known_full_name_or_itself():
    assert identity(ORGANISATION, ["NATO"]) == identity(ORGANISATION, ["North Atlantic Treaty Organization"])
    assert identity(ORGANISATION, ["XYZQ"]) == "xyzq"


@pytest.mark.parametrize("form", ["US", "U.S.", "USA", "U.S.A.", "United States", "the United States",
                                  "United States of America"])
def test_every_name_of_a_country_is_the_place_geonames_gives(form):
    place = place_named(form)
    assert place is not None and place.geonameid == 6252001
    assert identity(PLACE, [form], place.name) == "united states"


def test_an_iso_code_names_a_country_only_in_capitals():
    assert place_named("DEU").name == "Germany"
    assert place_named("deu") is None


def test_the_node_iri_comes_from_the_identity_key():
    a = Entity("e0", ORGANISATION, "Apple Computer", identity="apple")
    b = Entity("e3", ORGANISATION, "Apple Inc.", identity="apple")
    assert entity_iri(a) == entity_iri(b) == entity_iri(Entity("x", ORGANISATION, "Apple"))
    assert entity_iri(Entity("e0", PERSON, "Apple", identity="apple")) != entity_iri(a)
