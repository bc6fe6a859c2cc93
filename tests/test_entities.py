"""Entities: spans, types, propagation, name coreference, demonym places and linking."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import NAME, ORGANISATION, PERSON, PLACE, Entity
from kg.nlp.entities import NOT_IN_LABELS, find_entities, label_text
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


def test_surname_that_is_also_a_city_is_the_person(entities_of):
    # the model calls the lone "Garland" a place (Garland, Texas, a city of 230,000): the article
    # names Merrick Garland and never uses "Garland" as a place
    entities = entities_of("President Obama nominated Merrick Garland. Republicans oppose granting Garland a hearing.")
    assert names(by_name(entities, "Merrick Garland")) == ["Merrick Garland", "Garland"]
    assert not any(e.type == PLACE for e in entities)


def test_surname_is_the_person_despite_an_organisation_or_place_cue(entities_of):
    # "campaign" and "state" would make the word a body or a place, a contest verb a team
    text = ("Ohio Gov. John Kasich said the Kasich campaign would go on. Kasich will beat him in South Carolina. "
            "Donald Trump spoke. Indiana could be an even better Trump state.")
    entities = entities_of(text)
    assert names(by_name(entities, "John Kasich")).count("Kasich") == 2
    assert names(by_name(entities, "Donald Trump")) == ["Donald Trump", "Trump"]
    assert not any(e.name in ("Kasich", "Trump") for e in entities)


def test_a_state_won_or_lost_is_a_place_not_a_team(entities_of):
    entities = entities_of("Barack Obama spoke in 2008. That all changed the night Obama won Iowa.")
    assert by_name(entities, "Iowa").type == PLACE


def test_a_place_before_an_organisation_noun_stays_a_place(entities_of):
    entities = entities_of("Karen Wright, the head of an Ohio company, spoke. Eyewitnesses told Boston television "
                           "stations they saw it.")
    assert by_name(entities, "Ohio").type == PLACE
    assert by_name(entities, "Boston").type == PLACE


def test_a_name_in_apposition_to_an_organisation_noun_is_an_organisation(entities_of):
    entities = entities_of("He bought a jet from a financially troubled Texas company, Diamond Shamrock, "
                           "according to his book.")
    assert by_name(entities, "Diamond Shamrock").type == ORGANISATION


def test_a_short_form_goes_to_the_full_name_last_a_subject_not_merely_named(entities_of):
    # Bill Clinton is named just before, but only as the object of "said of": the story is Hillary's
    text = ('Hillary Clinton campaigned in Iowa. "His behavior was deplorable," Sanders said of Bill Clinton. '
            "At that, Clinton nodded and smiled.")
    entities = entities_of(text)
    assert names(by_name(entities, "Hillary Clinton")) == ["Hillary Clinton", "Clinton"]
    assert names(by_name(entities, "Bill Clinton")) == ["Bill Clinton"]


def test_a_short_form_after_a_title_goes_to_the_full_name_with_that_title(entities_of):
    # Hillary Clinton is the subject just before; the title says which Clinton
    text = ("Former President Bill Clinton was in Ohio. Hillary Clinton campaigned in Iowa on Monday. "
            "During the investigation of President Clinton by Ken Starr, Kendall rebuffed them.")
    entities = entities_of(text)
    assert names(by_name(entities, "Bill Clinton")) == ["Bill Clinton", "Clinton"]
    assert names(by_name(entities, "Hillary Clinton")) == ["Hillary Clinton"]


def test_a_verb_before_a_surname_is_no_part_of_the_name(entities_of):
    entities = entities_of("Hillary Clinton lost the primary. Combine Clinton and Sanders' Ohio numbers and they "
                           "do not eclipse her showing.")
    assert names(by_name(entities, "Hillary Clinton")) == ["Hillary Clinton", "Clinton"]
    assert not any(e.name.startswith("Combine") for e in entities)


def test_a_given_name_alone_is_the_one_full_name_it_begins(entities_of):
    entities = entities_of("Bernie Sanders won. Bernie's supporters cheered. Feel the Bern, said Jane Sanders.")
    assert names(by_name(entities, "Bernie Sanders")) == ["Bernie Sanders", "Bernie"]
    assert names(by_name(entities, "Jane Sanders")) == ["Jane Sanders"]
    assert not any(e.name == "Bernie" for e in entities)


def test_a_headline_name_holding_a_verb_is_dropped_unless_the_body_gives_it(entities_of):
    text = ("Top Climate Group Will Run Ads Demanding GOP Candidates To Address Clean Energy.\n"
            "The League of Conservation Voters will spend $1 million on ads, the group said on Tuesday.")
    entities = entities_of(text)
    assert not any("Run" in e.name for e in entities)
    assert by_name(entities, "League of Conservation Voters").type == ORGANISATION


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


# ------------------------------------------------------------------------------ labels (issue 13)
@pytest.mark.parametrize("written, label", [
    ("\u202bAsaad Al Shibani\u202c", "Asaad Al Shibani"),
    ("Asaad Al\u200e Shibani", "Asaad Al Shibani"),
    ("Sergey Lavrov\u200f", "Sergey Lavrov"),
    ("\u2067Damascus\u2069", "Damascus"),
    ("Vladimir Putin 🇷🇺", "Vladimir Putin"),
    ("Ingrid Halvorsen 👍🏽", "Ingrid Halvorsen"),
    ("Tomás Reis ✈️", "Tomás Reis"),
    ("Smith 👨‍👩‍👧 Family Trust", "Smith Family Trust"),
    ("Mohammad\u200cReza Pahlavi", "Mohammad\u200cReza Pahlavi"),  # a joiner that is spelling stays
    ("O'Neill  & Sons", "O'Neill  & Sons"),  # nothing left out: nothing changed
])
def test_label_text_leaves_out_bidi_controls_and_pictographs(written, label):
    assert label_text(written) == label


def test_entity_labels_are_clean_while_mentions_keep_the_text(entities_of):
    text = "Foreign Minister Sergey Lavrov met Asaad Al\u200e Shibani 🇸🇾 in Moscow on Monday."
    entities = entities_of(text)
    shibani = by_name(entities, "Asaad Al Shibani")
    (mention,) = shibani.mentions
    assert mention.span.text == text[mention.span.begin:mention.span.end] == "Asaad Al\u200e Shibani"
    assert all(not NOT_IN_LABELS.search(n) for e in entities for n in [e.name, *e.aliases])


# ------------------------------------------------------------------------------ identity within an article
def by_identity(entities: list[Entity], identity: str) -> Entity:
    found = [e for e in entities if e.identity == identity]
    assert len(found) == 1, f"{identity!r}: {[(e.name, e.type, e.identity) for e in entities]}"
    return found[0]


def test_a_short_name_joins_the_longer_name_it_begins(entities_of):
    entities = entities_of("Apple Computer unveiled a new laptop on Monday. Apple said sales rose by a third.")
    apple = by_identity(entities, "apple")
    assert apple.type == ORGANISATION and names(apple) == ["Apple Computer", "Apple"]


def test_a_short_name_is_not_taken_for_another_body_it_begins(entities_of):
    entities = entities_of("The Ford Foundation funds schools in Detroit. Ford Motor said its profits rose. "
                           "Ford hired 300 workers.")
    foundation = [e for e in entities if "Ford Foundation" in names(e)]
    assert foundation and "Ford" not in names(foundation[0])
    assert by_identity(entities, "ford").type == ORGANISATION


def test_a_corporate_suffix_the_model_cut_off_stays_with_its_name(entities_of):
    entities = entities_of("Jim Press, the vice chairman of Chrysler LLC, said on Tuesday that Chrysler would "
                           "cut 3,000 jobs.")
    assert not any(e.name == "LLC" for e in entities)
    chrysler = by_identity(entities, "chrysler")
    assert names(chrysler) == ["Chrysler LLC", "Chrysler"]


def test_an_acronym_defined_in_brackets_is_its_organisation(entities_of):
    entities = entities_of("General Motors Corporation (GM) said it would close four plants. "
                           "GM lost $30 billion last year.")
    gm = by_identity(entities, "general motors")
    assert {"General Motors Corporation", "GM"} <= set(names(gm))
    entities = entities_of("Singapore Airlines (SIA) ordered 20 new planes. SIA said the first would arrive in May.")
    assert set(names(by_identity(entities, "singapore airlines"))) == {"Singapore Airlines", "SIA"}


def test_a_well_known_acronym_is_named_by_its_full_name(entities_of):
    entities = entities_of("NATO said on Friday that its ministers would meet in Brussels.")
    assert by_identity(entities, "north atlantic treaty organization").name == "NATO"


def test_every_name_of_a_country_is_one_place(entities_of):
    entities = entities_of("The U.S. sent troops. Officials in the United States of America said the USA "
                           "would send more.")
    us = by_identity(entities, "united states")
    assert us.type == PLACE and set(names(us)) == {"U.S.", "United States of America", "USA"}


# ------------------------------------------------------------------------------ one entity, one class
def test_a_surname_that_is_also_a_city_stays_the_person(entities_of):
    entities = entities_of("Fritz Henderson, the chief executive of General Motors, spoke in New York. "
                           "Henderson said the company would survive. Henderson described the plan.")
    assert not any(e.type == PLACE and e.name == "Henderson" for e in entities)
    assert names(by_name(entities, "Fritz Henderson")) == ["Fritz Henderson", "Henderson", "Henderson"]


def test_a_place_name_used_as_a_place_stays_a_place(entities_of):
    entities = entities_of("Fritz Henderson spoke on Monday. The factory in Henderson will close.")
    assert any(e.type == PLACE and e.name == "Henderson" for e in entities)


def test_the_beatles_are_a_group_not_a_person(entities_of):
    entities = entities_of("The Beatles sued the company in London. The lawyers of the Beatles said the case "
                           "was strong.")
    beatles = [e for e in entities if "Beatles" in e.name]
    assert beatles and all(e.type == ORGANISATION for e in beatles)


def test_a_post_before_a_name_makes_it_a_person(entities_of):
    entities = entities_of("Spokeswoman Sandy Angers said that the team would report in June.")
    assert by_name(entities, "Sandy Angers").type == PERSON
    assert not any(e.type == ORGANISATION for e in entities)


def test_the_short_name_of_an_organisation_is_that_organisation_whatever_the_model_says(entities_of):
    entities = entities_of("Daimler sold the carmaker to Cerberus Capital Management for $7.4 billion. "
                           "Cerberus will take on the pension costs.")
    cerberus = by_identity(entities, "cerberus")
    assert cerberus.type == ORGANISATION and "Cerberus" in names(cerberus)
    assert not any(e.type == PERSON and e.name == "Cerberus" for e in entities)


# ------------------------------------------------------------------------------ no fragments, no slogans
def test_a_headline_is_cut_into_the_names_the_body_gives(entities_of):
    entities = entities_of("Hillary Clinton Slams Donald Trump On Abortion After Court Ruling\n"
                           "Hillary Clinton said on Monday that Donald Trump was wrong about the ruling.")
    persons = {e.name for e in entities if e.type == PERSON}
    assert persons == {"Hillary Clinton", "Donald Trump"}
    assert len(names(by_name(entities, "Hillary Clinton"))) == 2


def test_a_headline_name_the_body_does_not_give_is_left_whole(entities_of):
    entities = entities_of("Ted Cruz Wins In Iowa After Long Night\nThe senator thanked his voters.")
    assert any(e.name.startswith("Ted Cruz") for e in entities)


def test_a_quoted_slogan_is_the_person_it_names(entities_of):
    entities = entities_of("Donald Trump spoke in Concord on Monday. People ejected from the rally included a "
                           "man in a shirt that read ''Fascist Trump,'' and a group of students.")
    assert not any("Fascist" in e.name for e in entities)
    assert "Trump" in names(by_name(entities, "Donald Trump"))


def test_a_descriptor_before_a_full_name_is_not_part_of_it(entities_of):
    entities = entities_of("Donald Trump won the primary in New Hampshire. Billionaire Donald Trump said he "
                           "would build a wall.")
    assert {e.name for e in entities if e.type == PERSON} == {"Donald Trump"}


def test_a_possessive_ends_a_persons_name(entities_of):
    entities = entities_of("As Breitbart’s Joel Pollak noted on Sunday, the campaign was over. He read Dave Leip’s "
                           "Atlas of elections.")
    assert by_name(entities, "Joel Pollak").type == PERSON and by_name(entities, "Dave Leip").type == PERSON


def test_an_acronym_may_take_the_corporate_suffix_as_a_letter(entities_of):
    entities = entities_of("Penske Automotive Group (PAG) agreed to buy the Saturn brand on Monday. "
                           "PAG said the government approved the sale.")
    assert set(names(by_identity(entities, "penske automotive"))) == {"Penske Automotive Group", "PAG"}


# ------------------------------------------------------------------------------ issue 12: junk and type slips
def test_the_portfolio_of_a_post_is_no_organisation(entities_of):
    entities = entities_of("Former Secretary of State Hillary Clinton met Education Minister Ali Bongo and "
                           "Israel Defence Minister Moshe Arens. The State Department agreed, said United Auto "
                           "Workers Secretary-Treasurer Gary Casteel.")
    assert by_name(entities, "United Auto Workers").type == ORGANISATION  # a body, not a portfolio
    spans = [m.span.text for e in entities for m in e.mentions if m.kind == NAME]
    assert "State" not in spans and "Education" not in spans
    assert by_name(entities, "Israel").type == PLACE
    assert by_name(entities, "State Department").type == ORGANISATION


def test_a_country_name_that_is_the_surname_of_a_named_person_is_that_person(entities_of):
    text = ("The director Neil Jordan defended his film on Friday. \"I will never make a more important one,\" "
            "Jordan said. Jordan shot the film in Dublin.")
    entities = entities_of(text)
    assert names(by_name(entities, "Neil Jordan")).count("Jordan") == 2
    assert not any(e.type == PLACE and e.name == "Jordan" for e in entities)


def test_a_list_does_not_retype_a_name_the_article_types_elsewhere(entities_of):
    entities = entities_of("Donald Trump held a rally on Tuesday. At the rally in Raleigh, North Carolina, Trump "
                           "remarked upon a recent story.")
    assert names(by_name(entities, "Donald Trump")).count("Trump") == 1
    assert not any(e.type == PLACE and e.name == "Trump" for e in entities)


def test_a_name_before_a_bracketed_country_in_results_is_a_person(entities_of):
    entities = entities_of("Quarter-final results:\n4 - Peter Nicol (Scotland) beat 7 - Chris Walker (England) "
                           "15-8 15-13\nRed Star (Yugoslavia) beat Dinamo (Russia) 92-90")
    assert by_name(entities, "Chris Walker").type == PERSON
    assert not any(e.type == PERSON and e.name == "Red Star" for e in entities)


def test_a_persons_name_after_a_bodys_possessive_is_the_person(entities_of):
    entities = entities_of("Fox News’ Megyn Kelly asked him first. FOX Business Network’s Maria Bartiromo "
                           "agreed.")
    assert by_name(entities, "Megyn Kelly").type == PERSON and by_name(entities, "Maria Bartiromo").type == PERSON
    assert by_name(entities, "Fox News").type == ORGANISATION


def test_an_adjective_or_verb_before_a_word_of_a_name_is_not_part_of_it(entities_of):
    entities = entities_of("He added, “Crooked Hillary has once again been proven a liar,” Trump said of "
                           "Hillary Clinton.\nAsserting Clinton's role as a strategist.\nRich Lowry agreed.")
    persons = {e.name for e in entities if e.type == PERSON}
    assert not any(p.startswith(("Crooked", "Asserting")) for p in persons)
    assert "Rich Lowry" in persons  # a given name that is also an adjective stays


def test_a_misspelt_full_name_is_the_person_of_the_right_spelling(entities_of):
    entities = entities_of("Hillary Clinton spoke in Iowa. Hilary Clinton then left for Ohio, where Hillary "
                           "Clinton met Bill Clinton.")
    clinton = by_name(entities, "Hillary Clinton")
    assert set(names(clinton)) == {"Hillary Clinton", "Hilary Clinton"}
    assert by_name(entities, "Bill Clinton") is not clinton


def test_a_full_name_with_a_middle_initial_is_the_person_named_without_it(entities_of):
    entities = entities_of("Donald J. Trump spoke in Iowa on Monday. Donald Trump then left for Ohio, where "
                           "Trump met voters.")
    trump = by_name(entities, "Donald J. Trump")
    assert set(names(trump)) == {"Donald J. Trump", "Donald Trump", "Trump"}
    assert trump.identity == "donald trump"  # the node of the articles that never give the initial


def test_a_generational_suffix_is_no_surname(entities_of):
    entities = entities_of("Donald Trump Jr. spoke in Iowa on Monday. Donald Jr. then left for Ohio.")
    assert by_name(entities, "Donald Trump Jr.").identity == "donald trump jr"


def test_two_middle_initials_keep_the_short_form_apart(entities_of):
    entities = entities_of("George W. Bush praised George H.W. Bush on Monday. George Bush spoke later.")
    assert by_name(entities, "George W. Bush") is not by_name(entities, "George H.W. Bush")
    assert by_name(entities, "George W. Bush").identity == "george w bush"


def test_a_well_known_acronym_is_an_organisation(entities_of):
    entities = entities_of("Anti-Trump sentiment runs hot among GOP leadership in Indiana. Voters are not "
                           "enamored of the NRA.")
    assert by_name(entities, "GOP").type == ORGANISATION and by_name(entities, "NRA").type == ORGANISATION


def test_a_given_name_that_is_an_adjective_before_the_persons_own_surname_stays(entities_of):
    entities = entities_of("Spokeswoman Sandy Angers said the plant would close. Angers added that talks went on.")
    assert set(names(by_name(entities, "Sandy Angers"))) == {"Sandy Angers", "Angers"}


def test_a_company_named_once_with_its_corporate_suffix_is_that_company_without_it(entities_of):
    entities = entities_of("Cofinec S.A. reported first half results on Friday. Cofinec said sales fell. "
                           "Cofinec plans to sell a unit.")
    cofinec = [e for e in entities if "Cofinec" in e.name]
    assert {e.type for e in cofinec} == {ORGANISATION}


def test_a_persons_name_the_model_cut_in_two_is_one_name(entities_of):
    entities = entities_of("Women's singles, third round\nSandrine Testud (France) beat Ines Gorrochategui "
                           "(Argentina) 6-4\nJudith Wiesner (Austria) beat Petra Langrova (Czech Republic) 6-2")
    persons = {e.name for e in entities if e.type == PERSON}
    assert {"Sandrine Testud", "Petra Langrova"} <= persons
    assert not {"Testud", "Petra", "Langrova"} & {e.name for e in entities}


def test_a_title_before_the_surname_of_a_named_person_is_that_person(entities_of):
    entities = entities_of("David Petraeus resigned. Trump claimed that “General Petraeus got in trouble for far "
                           "less.”")
    assert names(by_name(entities, "David Petraeus")) == ["David Petraeus", "Petraeus"]
    assert not any("General" in e.name for e in entities)


def test_a_persons_full_name_after_an_organisation_noun_stays_a_person(entities_of):
    entities = entities_of("Barack Obama spoke on Monday. Voters without a degree, a group Barack Obama won by 2 "
                           "points, moved to Trump.")
    assert {e.type for e in entities if e.name == "Barack Obama"} == {PERSON}


def test_a_party_word_before_a_body_is_not_part_of_its_name(entities_of):
    entities = entities_of("“If Hillary wins and we have a Democratic Senate, there’s a mandate,” he said. Ask the "
                           "Democrat City Council what happened. The Republican Party and the Democratic National "
                           "Committee agreed. The Senate voted.")
    orgs = {e.name for e in entities if e.type == ORGANISATION}
    assert {"Senate", "City Council", "Republican Party", "Democratic National Committee"} <= orgs
    assert not {"Democratic Senate", "Democrat City Council"} & orgs


def test_the_place_or_person_an_event_is_named_after_is_not_a_mention(entities_of):
    entities = entities_of("ATHLETICS - BERLIN GRAND PRIX RESULTS.\nResults from the U.S. Open on Friday. Spain "
                           "travels to Belgium in the Davis Cup. The Open Society paid.\nTRUMP OPEN TO TALKS WITH "
                           "CHINA.")
    spans = {m.span.text for e in entities for m in e.mentions if m.kind == NAME}
    assert not {"BERLIN", "GRAND PRIX", "U.S.", "Davis"} & spans
    assert {"Spain", "Belgium", "Open Society"} <= spans


def test_a_body_named_with_a_final_possessive_keeps_it(entities_of):
    entities = entities_of("The acquisition of Boatmen's Bancshares Inc. by NationsBank Corp. could spark mergers. "
                           "Boatmen's was the prize in Missouri. Analysts liked Boatmen's stock. Mr Smith's was the "
                           "best plan.")
    boatmen = by_name(entities, "Boatmen's Bancshares Inc.")
    assert boatmen.type == ORGANISATION and names(boatmen).count("Boatmen's") == 2
    assert by_name(entities, "Smith").type == PERSON  # a person's "'s" stays a possessive


def test_a_datelines_region_is_a_place_and_a_dash_may_stand_for_its_date(entities_of):
    entities = entities_of("GOLF - WOODS MAKES PRO DEBUT.\nMILWAUKEE, Wisconsin 1996-08-29\nNolan Henke fired a "
                           "62.\nSCRANTON, Pa. — Vice President Joe Biden plays the part.\nSOCCER - KLINSMANN SCORES.")
    places = {e.name for e in entities if e.type == PLACE}
    assert {"MILWAUKEE", "Wisconsin", "SCRANTON", "Pa."} <= places
    assert "SOCCER" not in {e.name for e in entities}


def test_a_name_beside_a_place_noun_is_a_place(entities_of):
    entities = entities_of("Iraqi forces overran the city of Arbil. A group of farmers in Huize county protested.")
    assert by_name(entities, "Arbil").type == PLACE and by_name(entities, "Huize").type == PLACE


def test_numbered_names_of_a_line_up_are_persons(entities_of):
    entities = entities_of("Teams:\nFrance - 1 - Bernard Lama; 2 - Lilian Thuram (14 - Sabri Lamouchi 87th), 5 - "
                           "Laurent Blanc\nBelgium - 1 - Filip De Wilde, 2 - Bertrand Crasson\nThe score was 2 - 1 "
                           "to France.")
    persons = {e.name for e in entities if e.type == PERSON}
    assert {"Bernard Lama", "Lilian Thuram", "Sabri Lamouchi", "Laurent Blanc", "Filip De Wilde"} <= persons
    assert by_name(entities, "France").type == PLACE


def test_a_hashtag_names_no_one(entities_of):
    entities = entities_of("“Hillary will win. #Justdoit,” he wrote after The New York Times published a story.")
    assert "Justdoit" not in {e.name for e in entities}
    assert by_name(entities, "New York Times").type == ORGANISATION


def test_a_title_inside_the_models_span_is_not_part_of_the_name(entities_of):
    entities = entities_of("Moderator Hugh Hewitt asked. State Treasurer Kelly Mitchell came.")
    assert {"Hugh Hewitt", "Kelly Mitchell"} <= {e.name for e in entities if e.type == PERSON}


def test_a_repeated_phrase_of_common_words_is_no_person(entities_of):
    entities = entities_of("Jolly denounced the Obama administration’s promotion of the Common Core standards through "
                           "competitive grants. Washington conditioned that funding on adopting things like Common "
                           "Core standards. Opposition to the Common Core standards has united Republicans and "
                           "Democrats. Teal Baker, a teacher, agreed.")
    assert "Common Core" not in {e.name for e in entities if e.type == PERSON}
    assert by_name(entities, "Teal Baker").type == PERSON  # named once: left alone


def test_a_body_the_model_takes_for_a_person_is_not_dropped_as_a_phrase(entities_of):
    entities = entities_of("Apple's iTunes store passes electronics retailer Best Buy for the No. 2 spot. Wal-Mart "
                           "leads with 15 percent, followed by Best Buy at 13 percent. Other retailers, including "
                           "Best Buy and Radio Shack, did not comment.")
    assert any(e.name == "Best Buy" for e in entities)
