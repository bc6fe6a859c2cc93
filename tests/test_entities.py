"""Entities: spans, types, propagation, name coreference, demonym places and linking."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import NAME, ORGANISATION, PERSON, PLACE, Entity
from kg.nlp.entities import find_entities
from kg.nlp.linking import GEONAMES, gazetteer_place, link, load_authority, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def entities_of(nlp):
    def run(text: str) -> list[Entity]:
        return find_entities(nlp(text))
    return run


@pytest.fixture(scope="module")
def seed(nlp):
    from kg.articles import read_inputs

    (article,) = list(read_inputs([SEED]))
    return article.text, find_entities(nlp(article.text))


def by_name(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, f"{name!r}: {[(e.name, e.type) for e in entities]}"
    return found[0]


def names(e: Entity) -> list[str]:
    return [m.span.text for m in e.mentions if m.kind == NAME]


# ------------------------------------------------------------------------------ the seed article
def test_seed_persons_with_every_mention(seed):
    text, entities = seed
    persons = {e.name for e in entities if e.type == PERSON}
    assert persons == {"Asaad Al Shibani", "Sergey Lavrov", "Ahmad Al Shara", "Vladimir Putin",
                       "Bashar Al Assad", "Murhaf Abu Qasra"}
    shibani = by_name(entities, "Asaad Al Shibani")
    # every "Mr Al Shibani" is his, spanned without the honorific (CoNLL style)
    expected = text.count("Al Shibani")
    assert len(names(shibani)) == expected == 4
    assert all(text[m.span.begin:m.span.end] == m.span.text for m in shibani.mentions)
    assert by_name(entities, "Bashar Al Assad").aliases == ["Assad"]
    assert names(by_name(entities, "Ahmad Al Shara")).count("Al Shara") == 2


def test_seed_sana_is_an_organisation_named_alone(seed):
    _, entities = seed
    sana = by_name(entities, "Sana")
    assert sana.type == ORGANISATION
    assert names(sana) == ["Sana", "Sana"]
    assert not any("news agency" in e.name or "'s" in e.name for e in entities)


def test_seed_places_are_linked_to_geonames(seed):
    _, entities = seed
    places = {e.name: e for e in entities if e.type == PLACE}
    assert {"Syria", "Russia", "Moscow", "Damascus", "Israel"} <= set(places)
    assert places["Damascus"].same_as == [GEONAMES.format(170654)]
    assert places["Syria"].same_as == [GEONAMES.format(163843)]
    assert all(places[n].same_as for n in ("Russia", "Moscow", "Israel"))


# ------------------------------------------------------------------------------ spans and types
def test_no_title_honorific_or_possessive_inside_names(entities_of):
    entities = entities_of("Syria's Sana news agency said Mr Lavrov met Foreign Minister Asaad Al Shibani.")
    spans = [m.span.text for e in entities for m in e.mentions]
    assert "Sana" in spans and "Lavrov" in spans and "Asaad Al Shibani" in spans
    assert not any(s.startswith(("Mr", "Foreign", "Syria's")) for s in spans)
    assert by_name(entities, "Sana").type == ORGANISATION


def test_possessive_inside_an_organisation_name_stays(entities_of):
    entities = entities_of("Erik Halvorsen, the head of the Norwegian Fishermen's Association, welcomed the plan.")
    org = by_name(entities, "Norwegian Fishermen's Association")
    assert org.type == ORGANISATION
    assert by_name(entities, "Erik Halvorsen").roles[0].of == org.key


def test_cue_words_make_organisations(entities_of):
    entities = entities_of("Officials at the Ministry of Defence met staff of Halvard Shipping Corp in Oslo.")
    assert by_name(entities, "Ministry of Defence").type == ORGANISATION
    assert by_name(entities, "Halvard Shipping Corp").type == ORGANISATION


def test_sports_results_lines_name_teams(entities_of):
    text = "Results of league matches on Saturday:\nHajduk 2 Proleter 0\nZemun 1 Borac 3\n"
    entities = entities_of(text)
    teams = {e.name: e.type for e in entities}
    for club in ("Hajduk", "Proleter", "Zemun", "Borac"):
        assert teams.get(club) == ORGANISATION, teams


def test_dateline_is_a_place(entities_of):
    entities = entities_of("BELGRADE 1996-08-31\nThe government resigned on Saturday.")
    assert by_name(entities, "BELGRADE").type == PLACE


def test_repeats_and_surnames_become_mentions(entities_of):
    text = ("Phil Simmons took four wickets as Leicestershire won. Simmons said the pitch was slow. "
            "Simmons later left.")
    simmons = by_name(entities_of(text), "Phil Simmons")
    assert names(simmons) == ["Phil Simmons", "Simmons", "Simmons"]


def test_initial_and_surname_is_a_person(entities_of):
    entities = entities_of("Sri Lanka made 250 with R. Mahanama scoring 50 on Friday.")
    assert by_name(entities, "R. Mahanama").type == PERSON


def test_capitals_headline_takes_types_from_the_body(entities_of):
    text = "SOCCER - KLINSMANN SCORES TWICE.\nJurgen Klinsmann scored twice for Tottenham on Saturday."
    entities = entities_of(text)
    assert "KLINSMANN" in names(by_name(entities, "Jurgen Klinsmann"))
    assert not any(e.name == "SOCCER" for e in entities)


def test_athletes_with_their_country_in_brackets(entities_of):
    text = "Men's 100 metres\n1. Dennis Mitchell (U.S.) 10.08\n2. Davidson Ezinwa (Nigeria) 10.24\n"
    entities = entities_of(text)
    assert by_name(entities, "Davidson Ezinwa").type == PERSON
    assert by_name(entities, "Nigeria").type == PLACE


def test_regions_from_the_lexicon_are_places(entities_of):
    entities = entities_of("Troops entered the West Bank and talks on Kashmir stalled.")
    assert by_name(entities, "West Bank").type == PLACE


# ------------------------------------------------------------------------------ coreference of names
def test_people_sharing_a_surname_stay_apart(entities_of):
    text = ("Ingrid Halvorsen met fishermen in Bergen. Erik Halvorsen, their leader, said he was pleased. "
            "Erik Halvorsen later left. Ingrid Halvorsen stayed.")
    entities = entities_of(text)
    people = [e for e in entities if e.type == PERSON]
    assert {e.name for e in people} == {"Ingrid Halvorsen", "Erik Halvorsen"}


def test_surname_goes_to_the_nearest_full_name_before_it(entities_of):
    text = "John Smith met Mary Smith in Paris. Later Mary Smith spoke. Smith said the talks went well."
    entities = entities_of(text)
    mary, john = by_name(entities, "Mary Smith"), by_name(entities, "John Smith")
    assert "Smith" in names(mary) and "Smith" not in names(john)


def test_acronym_joins_the_full_name(entities_of):
    text = "The United Nations called for a ceasefire. The UN said aid would arrive on Monday."
    un = by_name(entities_of(text), "United Nations")
    assert un.type == ORGANISATION and "UN" in un.aliases


# ------------------------------------------------------------------------------ linking
def test_gazetteer_prefers_countries_and_big_cities():
    gaz = load_gazetteer()
    assert gazetteer_place("Damascus", gaz).geonameid == 170654  # not Damascus, Maryland
    assert gazetteer_place("the U.S.", gaz).name == "United States"


def test_authority_links_persons(tmp_path):
    csv = tmp_path / "authority.csv"
    csv.write_text("name,iri,type\nVladimir Putin,http://www.wikidata.org/entity/Q7747,Person\n"
                   "Putin,http://www.wikidata.org/entity/Q7747,Person\n", encoding="utf-8")
    authority = load_authority(csv)
    people = [Entity("e0", PERSON, "Vladimir Putin"), Entity("e1", ORGANISATION, "Putin")]
    linked = link(people, None, authority)
    assert linked[0].same_as == ["http://www.wikidata.org/entity/Q7747"]
    assert linked[1].same_as == []  # the row is typed Person


def test_example_authority_file_reads():
    authority = load_authority(ROOT / "examples" / "authority-example.csv")
    assert ("http://www.wikidata.org/entity/Q7747", PERSON) in authority["vladimir putin"]


# ------------------------------------------------------------------------------ arbitrary text
WORDS = st.sampled_from(["Mr", "Syria's", "Sana", "news", "agency", "said", "the", "UN", "United", "Nations",
                         "Moscow", "Al", "Shibani", "Asaad", "2", "-", "(", ")", ",", ".", "\n", "Russian",
                         "President", "he", "BELGRADE", "1996-08-31", "Hajduk", "'s", "Corp", "met", "é"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=30))
def test_any_text_gives_valid_entities(nlp, words):
    text = " ".join(words)
    entities = find_entities(nlp(text))
    keys = [e.key for e in entities]
    assert len(keys) == len(set(keys))
    spans = []
    for e in entities:
        assert e.type in (PERSON, ORGANISATION, PLACE)
        for m in e.mentions:
            assert 0 <= m.span.begin < m.span.end <= len(text)
            assert text[m.span.begin:m.span.end] == m.span.text
            assert m.span.text == m.span.text.strip()
            spans.append(m.span)
        for r in e.roles:
            assert r.of is None or r.of in keys
    assert len(spans) == len(set(spans))  # no span belongs to two entities


def test_two_articles_sharing_people_give_one_node_each(nlp):
    from kg.articles import read_inputs
    from kg.graph import entity_iri

    iris = []
    for article in read_inputs([ROOT / "examples" / "lisbon-talks.txt", ROOT / "examples" / "oslo-follow-up.json"]):
        persons = [e for e in find_entities(nlp(article.text)) if e.type == PERSON]
        iris.append({e.name: entity_iri(e) for e in persons})
    lisbon, oslo = iris
    for name in ("Ingrid Halvorsen", "Tomás Reis"):
        assert lisbon[name] == oslo[name]
    # a different Halvorsen in the second article is a node of his own
    assert oslo["Erik Halvorsen"] != oslo["Ingrid Halvorsen"]
