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
