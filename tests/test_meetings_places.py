"""Meeting places the sentence gives inside another phrase, through the journey or the occasion the
meeting belongs to, or by the dateline of the story's lead sentence."""

from __future__ import annotations

from kg.model import PERSON, PLACE, ORGANISATION, Entity, Meeting, Mention, Span
from kg.nlp.meetings.places import building_places

from tests.test_meetings import meetings_of


def place_of(nlp, text: str, names: dict[str, str]) -> str | None:
    ms, keys = meetings_of(nlp, text, names)
    assert len(ms) == 1
    return keys[ms[0].location] if ms[0].location else None


def test_place_inside_a_building_phrase(nlp):
    text = "In late 2000, Tom Keyworth met with Carly Fiorina at HP's headquarters in Palo Alto."
    names = {"Tom Keyworth": PERSON, "Carly Fiorina": PERSON, "HP": ORGANISATION, "Palo Alto": PLACE}
    assert place_of(nlp, text, names) == "Palo Alto"


def test_nested_place_alone_makes_no_meeting(nlp):
    # no one named meets: the hotel's city does not turn "the meeting" into a record
    text = "The meeting at a hotel in Washington was the first of the tour."
    ms, _ = meetings_of(nlp, text, {"Washington": PLACE})
    assert ms == []


def test_place_of_the_occasion_it_was_held_at(nlp):
    text = "President Obama and President Putin met during a Group of 20 meeting in China on Monday."
    names = {"Obama": PERSON, "Putin": PERSON, "China": PLACE}
    ms, keys = meetings_of(nlp, text, names)
    met = [m for m in ms if m.trigger.text == "met"]
    assert len(met) == 1 and keys[met[0].location] == "China"


def test_place_after_a_shared_object(nlp):
    text = "Lance Wallnau met with and prayed over Donald Trump at his headquarters in New York City."
    names = {"Lance Wallnau": PERSON, "Donald Trump": PERSON, "New York City": PLACE}
    assert place_of(nlp, text, names) == "New York City"


def test_place_the_journey_went_to(nlp):
    # quoted: the first person of the article's own words is its writer (tests/test_meetings_occasion_kinds.py)
    text = "“When I became governor, I went to New York, and I met with Paul Singer,” Kasich said."
    assert place_of(nlp, text, {"Paul Singer": PERSON, "New York": PLACE}) == "New York"
    text = "Amanda Renteria went to Flint last week to talk with Karen Weaver."
    assert place_of(nlp, text, {"Amanda Renteria": PERSON, "Karen Weaver": PERSON, "Flint": PLACE}) == "Flint"


def test_no_place_of_a_journey_after_the_meeting(nlp):
    text = "Angela Merkel met Emmanuel Macron and flew to Paris."
    names = {"Angela Merkel": PERSON, "Emmanuel Macron": PERSON, "Paris": PLACE}
    assert place_of(nlp, text, names) is None


def test_lead_dateline_places_its_sentence_only(nlp):
    text = ("Obama meets families in Florida.\n\n"
            "ORLANDO, Fla. (Reuters) - Barack Obama met Pam Bondi on Thursday and said the country must act. "
            "Obama met Rick Scott in 2012.")
    ms, keys = meetings_of(nlp, text, {"ORLANDO": PLACE, "Barack Obama": PERSON, "Pam Bondi": PERSON,
                                       "Rick Scott": PERSON})
    places = {tuple(sorted(keys[k] for k in m.participants)): m.location for m in ms}
    assert keys[places[("Barack Obama", "Pam Bondi")]] == "ORLANDO"
    assert places[("Barack Obama", "Rick Scott")] is None


def test_seat_named_as_organisation_is_the_place(nlp):
    text = "Bernie Sanders also plans to meet with Harry Reid on Capitol Hill."
    names = {"Bernie Sanders": PERSON, "Harry Reid": PERSON, "Capitol Hill": ORGANISATION}
    assert place_of(nlp, text, names) == "Capitol Hill"
    text = "Barack Obama met with Bernie Sanders at the White House."
    names = {"Barack Obama": PERSON, "Bernie Sanders": PERSON, "White House": ORGANISATION}
    assert place_of(nlp, text, names) == "White House"


def test_seat_before_the_meeting_word_is_the_place(nlp):
    text = "Mitch McConnell rebuffed the offer at a White House meeting."
    names = {"Mitch McConnell": PERSON, "White House": ORGANISATION}
    assert place_of(nlp, text, names) == "White House"


def test_on_names_no_place_but_a_seat(nlp):
    text = "Barack Obama held talks with Vladimir Putin on Syria."
    names = {"Barack Obama": PERSON, "Vladimir Putin": PERSON, "Syria": PLACE}
    assert place_of(nlp, text, names) is None


def test_building_named_as_organisation_is_the_place(nlp):
    text = "Ban Ki-moon met John Kerry at the Mayflower Hotel."
    names = {"Ban Ki-moon": PERSON, "John Kerry": PERSON, "Mayflower Hotel": ORGANISATION}
    assert place_of(nlp, text, names) == "Mayflower Hotel"


def test_organisation_the_meeting_was_at_is_the_place(nlp):
    text = "The donors to the Clinton Foundation will convene with Bill Clinton on June 6 at Goldman Sachs."
    names = {"Clinton Foundation": ORGANISATION, "Bill Clinton": PERSON, "Goldman Sachs": ORGANISATION}
    assert place_of(nlp, text, names) == "Goldman Sachs"


def test_organisation_of_a_party_is_no_place(nlp):
    # "officials at the State Department" says who the officials are, not where they met
    text = "Donald Trump met with officials at the State Department."
    names = {"Donald Trump": PERSON, "State Department": ORGANISATION}
    assert place_of(nlp, text, names) is None


def test_visited_seat_is_where_not_who(nlp):
    text = "Merrick Garland visited the Capitol on Thursday to meet with Harry Reid."
    names = {"Merrick Garland": PERSON, "Harry Reid": PERSON, "Capitol": ORGANISATION}
    ms, keys = meetings_of(nlp, text, names)
    met = [m for m in ms if m.trigger.text == "meet" or any(t.text == "meet" for t in m.extra_triggers)]
    assert met and all(keys[m.location] == "Capitol" for m in met)
    assert all("Capitol" not in {keys[k] for k in m.participants} and m.host is None for m in ms)


def test_place_of_the_time_phrase(nlp):
    text = "Reince Priebus meets Paul Ryan over the next two days in Cleveland."
    names = {"Reince Priebus": PERSON, "Paul Ryan": PERSON, "Cleveland": PLACE}
    assert place_of(nlp, text, names) == "Cleveland"


def test_place_name_modifying_the_place_noun(nlp):
    text = "Loretta Lynch met Bill Clinton aboard her plane at the Phoenix airport."
    names = {"Loretta Lynch": PERSON, "Bill Clinton": PERSON, "Phoenix": PLACE}
    assert place_of(nlp, text, names) == "Phoenix"


def test_building_gets_a_place_node_of_its_own():
    white_house = Entity("e1", ORGANISATION, "White House", [Mention(Span(0, 11, "White House"))])
    kremlin = Entity("e2", ORGANISATION, "Kremlin", [Mention(Span(30, 37, "Kremlin"))])
    kremlin_place = Entity("e3", PLACE, "Kremlin", [Mention(Span(60, 67, "Kremlin"))])
    at_white_house = Meeting("meeting0", Span(20, 23, "met"), location="e1", location_span=Span(40, 51, "White House"))
    at_kremlin = Meeting("meeting1", Span(70, 73, "met"), location="e2", location_span=Span(30, 37, "Kremlin"))
    new, meetings = building_places([at_white_house, at_kremlin], [white_house, kremlin, kremlin_place])
    assert [(e.type, e.name) for e in new] == [(PLACE, "White House")] and new[0].key not in ("e1", "e2", "e3")
    assert [m.span for m in new[0].mentions] == [Span(40, 51, "White House")]
    assert [m.location for m in meetings] == [new[0].key, "e3"]  # the article's own Place of that name


def test_place_on_a_vehicle(nlp):
    text = "Loretta Lynch decided to meet with Bill Clinton at the end of June on her plane in Phoenix."
    names = {"Loretta Lynch": PERSON, "Bill Clinton": PERSON, "Phoenix": PLACE}
    assert place_of(nlp, text, names) == "Phoenix"


def test_place_a_where_clause_tells_of(nlp):
    text = "The negotiations moved on Sunday to China, where John Kerry met with Sergey Lavrov."
    names = {"John Kerry": PERSON, "Sergey Lavrov": PERSON, "China": PLACE}
    assert place_of(nlp, text, names) == "China"


def test_common_noun_resolved_to_an_organisation_is_no_place(nlp):
    # coreference may make "the office" a mention of a university named before: no building of it
    text = "Carly Fiorina and Walter Hewlett convened at the office."
    names = {"Carly Fiorina": PERSON, "Walter Hewlett": PERSON, "the office": ORGANISATION}
    assert place_of(nlp, text, names) is None


def test_town_inside_a_later_mentions_place_phrase(nlp):
    # the second mention names no one, its town still says where the meeting of the first was
    text = ("Elizabeth Warren and Hillary Clinton met in private. "
            "The meeting at Clinton's residence in Washington lasted an hour.")
    names = {"Elizabeth Warren": PERSON, "Hillary Clinton": PERSON, "Washington": PLACE}
    assert place_of(nlp, text, names) == "Washington"


def test_lead_dateline_places_a_headline_meeting_the_lead_reports(nlp):
    # the record begins at the headline's "meeting"; the lead's "met" is merged into it and is there
    text = ("Bernie Sanders says his meeting with Pope Francis is not an endorsement.\n\n"
            "ROME - Bernie Sanders met privately with Pope Francis on Saturday, the capstone to an unusual "
            "detour from the American election.")
    names = {"ROME": PLACE, "Bernie Sanders": PERSON, "Pope Francis": PERSON}
    ms, keys = meetings_of(nlp, text, names)
    assert len(ms) == 1 and ms[0].extra_triggers and keys[ms[0].location] == "ROME"


def test_place_hanging_off_the_body_a_party_is_of(nlp):
    text = "Paul Ryan will meet with members of the House Republican leadership in Washington on Thursday."
    names = {"Paul Ryan": PERSON, "House": ORGANISATION, "Washington": PLACE}
    assert place_of(nlp, text, names) == "Washington"
    # the place of an event the party is tied to is not where the meeting was
    text = "Barack Obama met with families of the victims of the attack in Nice."
    names = {"Barack Obama": PERSON, "Nice": PLACE}
    assert place_of(nlp, text, names) is None


def test_place_opening_the_sentence_sets_the_scene_of_a_meeting_before_its_verb(nlp):
    text = "In New York, after meeting with Al Sharpton, Hillary Clinton proposed new federal regulations."
    names = {"New York": PLACE, "Al Sharpton": PERSON, "Hillary Clinton": PERSON}
    assert place_of(nlp, text, names) == "New York"
    # a place phrase of the main verb after its subject is that verb's own
    text = "After meeting with Al Sharpton, Hillary Clinton proposed new federal regulations in New York."
    assert place_of(nlp, text, names) is None


def test_place_of_an_arrival_the_tagger_made_a_noun(nlp):
    # "arrives" is tagged a plural noun here; its dependency still makes it the when-clause's verb
    text = ("JERUSALEM - Israeli Prime Minister Benjamin Netanyahu will meet with Donald Trump when the "
            "Republican presidential front-runner arrives in Israel later this month, Israeli officials said.")
    names = {"Benjamin Netanyahu": PERSON, "Donald Trump": PERSON, "Israel": PLACE}
    assert place_of(nlp, text, names) == "Israel"


def test_place_of_what_the_meeting_is_held_to_do(nlp):
    text = "The Republican delegates will convene to nominate Donald Trump formally in Cleveland."
    names = {"Donald Trump": PERSON, "Cleveland": PLACE}
    assert place_of(nlp, text, names) == "Cleveland"
    # a place inside the purpose's object is the object's
    text = "John Kerry met Sergey Lavrov to discuss the war in Syria."
    names = {"John Kerry": PERSON, "Sergey Lavrov": PERSON, "Syria": PLACE}
    assert place_of(nlp, text, names) is None


def test_place_a_journey_for_talks_went_to(nlp):
    text = "Donald Trump flew to Mexico City on Wednesday for talks with Enrique Pena Nieto."
    names = {"Donald Trump": PERSON, "Enrique Pena Nieto": PERSON, "Mexico City": PLACE}
    assert place_of(nlp, text, names) == "Mexico City"
    # talks a journey is made for are not those it comes from
    text = "Donald Trump flew to Mexico City after talks with Enrique Pena Nieto."
    assert place_of(nlp, text, names) is None


def test_place_a_which_clause_says_the_meeting_took_place_at(nlp):
    text = "Megyn Kelly requested a meeting with Mr. Trump, which took place at the Plaza Hotel this morning."
    names = {"Megyn Kelly": PERSON, "Trump": PERSON, "Plaza Hotel": ORGANISATION}
    assert place_of(nlp, text, names) == "Plaza Hotel"
    # a clause of what a party did is not where the meeting was
    text = "Megyn Kelly requested a meeting with Mr. Trump, who spoke at the Plaza Hotel this morning."
    assert place_of(nlp, text, names) is None


def test_place_of_the_when_clause_of_a_meeting(nlp):
    text = "Mr. Obama and Mr. Netanyahu first met in 2007 when their aides hastily arranged a chat in Washington."
    names = {"Obama": PERSON, "Netanyahu": PERSON, "Washington": PLACE}
    assert place_of(nlp, text, names) == "Washington"
    text = "When Mr. Obama was in Washington, he met with Mr. Netanyahu."
    assert place_of(nlp, text, names) == "Washington"
    # a clause of another time is not where the meeting was
    text = "Mr. Obama met with Mr. Netanyahu after Mr. Netanyahu spoke in Washington."
    assert place_of(nlp, text, names) is None


def test_the_hill_is_capitol_hill(nlp):
    text = "Donald Trump met with Republican House and Senate members on the Hill."
    names = {"Donald Trump": PERSON, "Hill": ORGANISATION}
    assert place_of(nlp, text, names) == "Hill"


def test_a_place_set_off_after_a_nominal_trigger_is_where_it_was(nlp):
    text = "Spending is below the level that members committed to reach at the last summit meeting, in Portugal in 2014."
    ms, names = meetings_of(nlp, text, {"Portugal": PLACE})
    assert [names[m.location] for m in ms if m.location] == ["Portugal"]

