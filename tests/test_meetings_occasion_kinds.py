"""Meetings, session 9 audit: triggers that are no occasion of the news (a wish, the writer's own
interview, talks of a kind inside a pledge, a pronoun that only gathered), read from the parse."""

from __future__ import annotations

import pytest

from kg.model import ORGANISATION, PERSON, PLACE, PLANNED
from tests.test_meetings import meetings_of, participants

_NAMES = {"Anna Berg": PERSON, "Jan Novak": PERSON, "Lisbon": PLACE, "Berg Group": ORGANISATION,
          "Novak Union": ORGANISATION}


@pytest.mark.parametrize("text", [
    "In an interview, Anna Berg said she would like to go to Lisbon to meet with Jan Novak.",
    "Anna Berg said she'd love to meet Jan Novak in Lisbon.",
])
def test_a_wish_is_no_occasion_even_with_a_place(nlp, text):
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert ms == []


def test_a_plan_with_a_place_is_still_a_meeting(nlp):
    ms, names = meetings_of(nlp, "Anna Berg said she will go to Lisbon to meet with Jan Novak.", _NAMES)
    assert len(ms) == 1 and ms[0].status == PLANNED
    assert participants(ms[0], names) == {"Anna Berg", "Jan Novak"}


def test_the_writer_s_own_interview_is_no_meeting(nlp):
    ms, _ = meetings_of(nlp, "I met with Jan Novak in his office two days later to discuss the race.", _NAMES)
    assert ms == []


def test_a_quoted_first_person_is_the_speaker_s_meeting(nlp):
    ms, names = meetings_of(nlp, "“I met with Jan Novak in his office,” Anna Berg said.", _NAMES)
    assert len(ms) == 1 and "Jan Novak" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "The concerns go beyond Anna Berg's controversial pledge to be \"neutral\" during peace talks between the Berg"
    " Group and the Novak Union.",
    "The concerns go beyond Anna Berg's promise to be \"neutral\" in negotiations between the Berg Group and the"
    " Novak Union.",
])
def test_talks_of_a_kind_in_a_pledge_are_no_occasion(nlp, text):
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert ms == []


def test_talks_one_was_neutral_during_are_an_occasion(nlp):
    ms, names = meetings_of(nlp, "Anna Berg was neutral during the peace talks between the Berg Group and the"
                                 " Novak Union.", _NAMES)
    assert len(ms) == 1 and {"Berg Group", "Novak Union"} <= participants(ms[0], names)


def test_a_pronoun_that_only_convened_is_no_meeting(nlp):
    text = "The Novak Union was angry. Because Anna Berg got their attention, they convened."
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert ms == []


def test_a_pronoun_that_convened_somewhere_is_a_meeting(nlp):
    text = "The Novak Union was angry. Because Anna Berg got their attention, they convened in Lisbon."
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1


def test_a_visit_to_a_building_is_no_meeting(nlp):
    ms, _ = meetings_of(nlp, "During his visit to Novak Tower, Jan Novak said he saw people of many races working.",
                        {"Jan Novak": PERSON, "Novak Tower": PERSON})
    assert ms == []


def test_a_visit_to_a_person_is_a_meeting(nlp):
    ms, _ = meetings_of(nlp, "During his visit to Anna Berg, Jan Novak said he saw people of many races working.",
                        {"Jan Novak": PERSON, "Anna Berg": PERSON})
    assert len(ms) == 1
