"""Meetings a reader can trust (issue 12): pronouns of the other sex, counterfactuals, visits to no one,
people of a city, and the kinds of gathering the parse still takes for meetings."""

from __future__ import annotations

import pytest

from kg.model import ORGANISATION, PERSON, PLACE
from tests.test_meetings import meetings_of, participants


def test_a_she_is_never_a_man_the_text_names_so(nlp):
    text = "Mr. Kowalski greeted Anna Berg on Monday. She met Pedro Costa in Lisbon."
    ms, names = meetings_of(nlp, text, {"Kowalski": PERSON, "Anna Berg": PERSON, "Pedro Costa": PERSON,
                                        "Lisbon": PLACE})
    assert participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}


def test_a_he_may_still_be_the_man_named_before(nlp):
    text = "Mr. Kowalski arrived on Monday. He met Anna Berg in Lisbon."
    ms, names = meetings_of(nlp, text, {"Kowalski": PERSON, "Anna Berg": PERSON, "Lisbon": PLACE})
    assert participants(ms[0], names) == {"Kowalski", "Anna Berg"}


def test_what_would_have_happened_is_no_meeting(nlp):
    text = "Jan Novak said he would have attended the meeting if he had been invited."
    ms, _ = meetings_of(nlp, text, {"Jan Novak": PERSON})
    assert ms == []


@pytest.mark.parametrize("text", [
    "Anna Berg's visit comes as municipal officials are scrambling to balance the budget.",
    "Anna Berg recalled how on her first trip from the airport, all she saw was a dark highway.",
])
def test_a_visit_to_no_one_and_nowhere_is_no_meeting(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON})
    assert ms == []


def test_a_dated_visit_stays(nlp):
    from kg.model import Span, TimeExpression

    text = "The reforms were preceded by a visit from Anna Berg in December 2011."
    b = text.index("December 2011")
    t = TimeExpression("t0", Span.of(text, b, b + len("December 2011")), "DATE", "2011-12")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON}, [t])
    assert [m.trigger.text for m in ms] == ["visit"] and participants(ms[0], names) == {"Anna Berg"}


def test_community_leaders_of_a_city_are_not_the_city(nlp):
    text = "Anna Berg held a roundtable meeting with Orlando community leaders on Monday."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Orlando": PLACE})
    assert len(ms) == 1
    assert "Orlando" not in participants(ms[0], names)
    assert any(s.text == "Orlando community leaders" for s in ms[0].unresolved_participant_spans)


def test_officials_of_a_country_stand_for_it(nlp):
    text = "Anna Berg met with French officials and Iran officials in Vienna on Monday."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Iran": PLACE, "Vienna": PLACE})
    assert "Iran" in participants(ms[0], names)


def test_a_visit_to_a_city_abroad_is_a_state_visit_and_at_home_a_trip(nlp):
    text = ("Anna Berg campaigned in Detroit and Chicago on Monday. Later this month Anna Berg will "
            "visit Istanbul. On Friday she will visit Cleveland.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Detroit": PLACE, "Chicago": PLACE,
                                        "Istanbul": PLACE, "Cleveland": PLACE})
    assert [names[m.location] for m in ms] == ["Istanbul"]


@pytest.mark.parametrize("text", [
    "Jan Novak says his private meeting with Anna Berg is not an endorsement.",
    "There was no photograph of the brief meeting between Jan Novak and Anna Berg at the residence.",
])
def test_what_a_meeting_was_not_does_not_deny_it(nlp, text):
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Anna Berg": PERSON})
    assert len(ms) == 1 and "Anna Berg" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "The meeting between Jan Novak and Anna Berg did not take place.",
    "Jan Novak has no plans to meet Anna Berg.",
])
def test_a_meeting_that_did_not_happen_is_none(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Jan Novak": PERSON, "Anna Berg": PERSON})
    assert ms == []


def test_whoever_meets_a_named_person_is_someone(nlp):
    text = "The pontiff met Anna Berg at the guest house on Saturday."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Anna Berg"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["The pontiff"]


def test_a_thing_still_meets_no_one(nlp):
    text = "The plan met fierce resistance from Anna Berg on Saturday."
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON})
    assert ms == []


def test_a_persons_aides_are_not_the_person_but_their_campaign_is_theirs(nlp):
    text = "The committee interviewed Jan Novak and other Berg aides on Monday. The Berg campaign met Novak in May."
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Berg": PERSON, "Novak": PERSON})
    assert "Berg" not in participants(ms[0], names)


def test_who_was_not_at_a_summit_took_no_part(nlp):
    text = "Jan Novak was not at the summit of North American leaders in Ottawa on Wednesday."
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Ottawa": PLACE})
    assert all("Jan Novak" not in participants(m, names) for m in ms)


@pytest.mark.parametrize("text", [
    "The interactions mirrored the street scene last week in Cleveland, which hosted the Republican National "
    "Convention without major incident.",
    '"We follow the same playbook we had before: Meet people not once, but twice," Anna Berg said.',
    "Some students may have thought that they might meet Jan Novak at the seminar.",
])
def test_events_advice_and_possibilities_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON, "Cleveland": PLACE,
                                    "Republican National Convention": ORGANISATION,
                                    "Detroit Economic Club": ORGANISATION})
    assert ms == []


def test_the_verb_after_a_meeting_does_not_plan_it(nlp):
    text = "In New York, after meeting with Jan Novak, Anna Berg proposed new regulations."
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert len(ms) == 1 and ms[0].status == "Occurred"


def test_not_until_says_when_it_happened(nlp):
    text = "The FBI had not interviewed Jan Novak until the next day."
    ms, names = meetings_of(nlp, text, {"FBI": ORGANISATION, "Jan Novak": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"FBI", "Jan Novak"}


def test_a_dated_visit_to_speak_to_an_audience_is_no_meeting(nlp):
    from kg.model import Span, TimeExpression

    text = "Anna Berg's visit Monday to speak to the Detroit Economic Club will draw eyeballs."
    b = text.index("Monday")
    t = TimeExpression("t0", Span.of(text, b, b + 6), "DATE", "2016-08-08")
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Detroit Economic Club": ORGANISATION}, [t])
    assert ms == []


def test_a_dated_meeting_of_those_who_met_is_one_occasion(nlp):
    from kg.model import Span, TimeExpression

    text = "Jan Novak was among the 30 or so pastors who met with Anna Berg in late September in New York."
    b = text.index("late September")
    t = TimeExpression("t0", Span.of(text, b, b + len("late September")), "DATE", "2015-09")
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Anna Berg": PERSON, "New York": PLACE}, [t])
    assert len(ms) == 1 and "Anna Berg" in participants(ms[0], names)


def test_a_quantity_of_time_during_a_meeting_is_no_stance(nlp):
    text = ("The committee found that much of Anna Berg's time during a two-hour meeting in the White House "
            "Situation Room as the attacks were unfolding was spent discussing a video.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "White House Situation Room": PLACE})
    assert len(ms) == 1


def test_a_bare_surname_no_mention_covers_is_the_one_person_of_that_name(nlp):
    text = "Jan Novak spoke in Texas on Monday. In August Novak met with Anna Berg and families of victims."
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Anna Berg": PERSON, "Texas": PLACE})
    assert {"Jan Novak", "Anna Berg"} <= participants(ms[0], names)



def test_a_visit_with_a_named_party_is_a_meeting(nlp):
    text = "The visit with Jan Novak comes as Anna Berg promises new attacks on the stump."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert len(ms) == 1 and "Jan Novak" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "Joe Biden paid a visit to Turkey on Wednesday.",
    "Joe Biden made a trip to Turkey on Wednesday.",
])
def test_paying_or_making_a_visit_is_the_visitors(nlp, text):
    ms, names = meetings_of(nlp, text, {"Joe Biden": PERSON, "Turkey": PLACE})
    assert len(ms) == 1 and participants(ms[0], names) == {"Joe Biden"} and names[ms[0].location] == "Turkey"


def test_a_campaign_trip_is_no_meeting(nlp):
    ms, _ = meetings_of(nlp, "Joe Biden made a campaign trip to Turkey last month.", {"Joe Biden": PERSON, "Turkey": PLACE})
    assert ms == []


def test_a_light_verb_in_a_misparsed_relative_clause_names_no_party(nlp):
    text = "Pedro Costa said he had told Jan Novak at the beginning of the meeting that Peru would not pay for a wall."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Jan Novak": PERSON, "Peru": PLACE})
    assert all("Peru" not in participants(m, names) for m in ms)
