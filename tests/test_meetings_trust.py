"""Meetings a reader can trust (issue 12): pronouns of the other sex, counterfactuals, visits to no one,
people of a city, and the kinds of gathering the parse still takes for meetings."""

from __future__ import annotations

import pytest

from kg.model import PERSON, PLACE
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
