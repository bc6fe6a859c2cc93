"""Meetings: which triggers speak of one occasion, read from the parse (audit, session 8)."""

from __future__ import annotations

import pytest

from kg.model import ORGANISATION, PERSON, PLACE
from tests.test_meetings import meetings_of, participants


@pytest.mark.parametrize("text", [
    "Anna Berg has been cooperating with the inquiry, including offering in August to meet with Jan Novak if needed.",
    "Anna Berg offered in August to meet with Jan Novak to assist his efforts if needed.",
    "Anna Berg will meet Jan Novak next week if he wins the primary.",
    "Anna Berg said she would talk with Jan Novak unless the vote fails.",
])
def test_a_meeting_on_a_condition_is_no_occasion(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert ms == []


def test_a_meeting_timed_by_a_clause_is_still_one(nlp):
    ms, names = meetings_of(nlp, "Anna Berg will meet Jan Novak next week when he arrives.",
                            {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Anna Berg", "Jan Novak"}


@pytest.mark.parametrize("text", [
    "Rhodes noted that Berg officials have long been talking with Novak officials about the threat.",
    "The Berg Group has long negotiated with the Novak Union over wages.",
])
def test_what_has_long_gone_on_is_no_occasion(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Berg Group": ORGANISATION, "Novak Union": ORGANISATION})
    assert ms == []


def test_what_went_on_once_is_still_an_occasion(nlp):
    ms, _ = meetings_of(nlp, "The Berg Group has negotiated with the Novak Union over wages this week.",
                        {"Berg Group": ORGANISATION, "Novak Union": ORGANISATION})
    assert len(ms) == 1


@pytest.mark.parametrize("text", [
    "Before the hearing, the committee interviewed Huma Abedin and Cheryl Mills.",
    "CNN reported Thursday that the FBI has recently interviewed key Clinton aides.",
    "Prosecutors said that FBI agents want to interview Hillary Clinton and her aides.",
])
def test_investigators_questioning_several_hold_several_interviews(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Huma Abedin": PERSON, "Cheryl Mills": PERSON, "FBI": ORGANISATION,
                                    "CNN": ORGANISATION, "Hillary Clinton": PERSON, "Clinton": PERSON})
    assert ms == []


def test_investigators_questioning_one_hold_one_interview(nlp):
    ms, names = meetings_of(nlp, "FBI agents interviewed Huma Abedin on Monday.",
                            {"FBI": ORGANISATION, "Huma Abedin": PERSON})
    assert len(ms) == 1 and "Huma Abedin" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "Across the state, Republicans began meeting at 10 a.m. on Saturday.",
    "Berg Party leaders met across the country on Saturday.",
])
def test_gatherings_across_a_land_are_several(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Berg Party": ORGANISATION})
    assert ms == []


def test_a_meeting_across_the_street_is_one(nlp):
    ms, names = meetings_of(nlp, "Anna Berg met Jan Novak across the street on Saturday.",
                            {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert len(ms) == 1


@pytest.mark.parametrize("text", [
    "Anna Berg visited the Supreme Court on Friday to view Jan Novak’s flag-draped casket.",
    "Anna Berg visited the Berg Memorial in Lisbon to pay respects to fallen policemen.",
])
def test_a_visit_to_a_body_on_an_errand_is_no_meeting(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Supreme Court": ORGANISATION,
                                    "Berg Memorial": ORGANISATION, "Jan Novak": PERSON})
    assert ms == []


@pytest.mark.parametrize("text", [
    "Anna Berg visited the Supreme Court on Friday to meet with the justices.",
    "Anna Berg visited the Supreme Court on Friday to brief the justices.",
])
def test_a_visit_to_a_body_for_talks_is_a_meeting(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Supreme Court": ORGANISATION})
    assert len(ms) >= 1


@pytest.mark.parametrize("text", [
    "Men bring their daughters to meet Anna Berg and tell her that they support her.",
    "Anna Berg avoids discussing the election with Jan Novak, her neighbour.",
])
def test_the_purpose_or_gerund_of_a_habit_is_a_habit(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON})
    assert ms == []


@pytest.mark.parametrize("text", [
    "Anna Berg travels to Lisbon on Monday to meet Jan Novak.",
    "Anna Berg plans to meet Jan Novak.",
    "Anna Berg brought her daughter to meet Jan Novak.",
    "Later Anna Berg steps off camera to speak with Jan Novak.",
])
def test_the_purpose_of_a_dated_or_past_act_is_an_occasion(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Novak": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
