"""Entities: spans, types, propagation, name coreference, demonym places and linking."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import NAME, ORGANISATION, PERSON, PLACE, Entity
from kg.nlp.entities import find_entities
from kg.nlp.linking import GEONAMES, gazetteer_place, link, load_authority, load_gazetteer

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def seed(seed_article, seed_entities):
    return seed_article.text, seed_entities


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
    authority = load_authority(EXAMPLES / "authority-example.csv")
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
    for article in read_inputs([EXAMPLES / "lisbon-talks.txt", EXAMPLES / "oslo-follow-up.json"]):
        persons = [e for e in find_entities(nlp(article.text)) if e.type == PERSON]
        iris.append({e.name: entity_iri(e) for e in persons})
    lisbon, oslo = iris
    for name in ("Ingrid Halvorsen", "Tomás Reis"):
        assert lisbon[name] == oslo[name]
    # a different Halvorsen in the second article is a node of his own
    assert oslo["Erik Halvorsen"] != oslo["Ingrid Halvorsen"]


def test_standings_line_is_not_a_dateline(entities_of):
    text = "EASTERN DIVISION\nW L PCT GB\nOAKLAND 64 72 .471 12\nBALTIMORE 70 63 .526 5\n"
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("OAKLAND") == ORGANISATION, types


def test_schedule_line_names_team_then_venue(entities_of):
    text = "SATURDAY'S SCHEDULE\nBOSTON AT OAKLAND\nCHICAGO AT TORONTO\n"
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("BOSTON") == ORGANISATION and types.get("CHICAGO") == ORGANISATION, types
    assert types.get("OAKLAND") == PLACE and types.get("TORONTO") == PLACE, types


def test_member_noun_after_a_name_makes_an_organisation(entities_of):
    text = ("The club said Norwich striker Keith O'Neill joined the squad. "
            "A Dole spokesman said Bob Dole would speak on Friday.")
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("Norwich") == ORGANISATION, types
    assert types.get("Bob Dole") == PERSON and types.get("Dole", PERSON) == PERSON, types


def test_place_that_beats_a_team_is_a_team(entities_of):
    text = "At Chester-le-Street: Glamorgan beat Durham by 141 runs on Friday."
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("Durham") == ORGANISATION, types


def test_national_side_that_beats_stays_a_place(entities_of):
    types = {e.name: e.type for e in entities_of("England beat Pakistan by 107 runs at Edgbaston.")}
    assert types.get("Pakistan") == PLACE and types.get("England") == PLACE, types


def test_name_after_an_organisation_noun_is_an_organisation(entities_of):
    text = "Flights resumed on Friday, the Yugoslav news agency Tanjug reported. The agency Saturday said more."
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("Tanjug") == ORGANISATION, types
    assert "Saturday" not in types, types


def test_proper_nouns_ending_in_an_organisation_head(entities_of):
    text = "BEIJING 1996-08-31\nThe Dow Chemical Co of the United States will invest $4 billion in China."
    types = {e.name: e.type for e in entities_of(text)}
    assert types.get("Dow Chemical Co") == ORGANISATION, types


def test_sides_of_a_versus_are_teams(entities_of):
    text = "Tour itinerary:\nMay 18 v Worcestershire\nPostponed: Walsall v Wrexham\nJuly 12 v Scotland\n"
    types = {e.name: e.type for e in entities_of(text)}
    for club in ("Worcestershire", "Walsall", "Wrexham"):
        assert types.get(club) == ORGANISATION, types
    assert types.get("Scotland") == PLACE, types


def test_sentence_full_stop_after_a_company_suffix_is_not_in_the_name(entities_of):
    text = "said Michael Durante, analyst at McDonald & Co.\nShares of Lear Corp. rose on Friday."
    mentions = [m.span.text for e in entities_of(text) for m in e.mentions if e.type == ORGANISATION]
    assert "McDonald & Co" in mentions and "Lear Corp." in mentions, mentions


def test_family_name_written_first_stays_with_the_person(nlp):
    from collections import Counter

    from kg.nlp.entities import _family_names_first, _Name

    doc = nlp("Police detained dissident Wang Donghai on Friday. Wang was freed and Deportivo Coruna won.")
    full, alone = _Name(3, 5, PERSON, 0), _Name(8, 9, PERSON, 0)
    club = _Name(12, 14, PERSON, 0)
    votes = {"wang": Counter({ORGANISATION: 3, PERSON: 1}), "deportivo": Counter({ORGANISATION: 4, PERSON: 1})}
    cue = _Name(12, 13, ORGANISATION, 2)  # as if "Deportivo chairman" had been seen
    assert [doc[3].text, doc[8].text, doc[12].text] == ["Wang", "Wang", "Deportivo"]
    assert _family_names_first(doc, [full, alone, club, cue], votes) == {"wang"}


def test_bowling_figures_and_minutes_follow_players(entities_of):
    text = ("Bowling: Gough 8-0-39-3, Mullally 6-0-30-1, Irani 2-0-22-0.\n"
            "France - 9 - Nicolas Ouedec (17 - Florian Maurice 64th), 11 - Patrice Loko\n")
    types = {e.name: e.type for e in entities_of(text)}
    for player in ("Mullally", "Irani", "Florian Maurice"):
        assert types.get(player) == PERSON, types


def test_event_categories_are_not_names(entities_of):
    text = "Women's 100 metres hurdles\n1. Michelle Freeman (Jamaica) 12.71 seconds\nMen's triple jump\n1. Jonathan Edwards (Britain) 17.69\n"
    assert not any(e.name in ("Women", "Men") for e in entities_of(text))


def test_month_before_an_organisation_is_not_part_of_it(entities_of):
    text = "Prices rose after a stronger than expected rise in the August National Association of Purchasing Management index."
    mentions = [m.span.text for e in entities_of(text) for m in e.mentions if e.type == ORGANISATION]
    assert "National Association of Purchasing Management" in mentions, mentions
