"""Meetings, session 9 audit: mentions are merged into one occasion only when their parties agree."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import PERSON, PLACE
from kg.nlp.meetings import find_meetings
from kg.nlp.timex import find_time_expressions
from tests.test_meetings import entities_for, meetings_of, participants

_NAMES = {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Novak": PERSON}


@pytest.mark.parametrize("text", [
    "Pedro Costa held a news conference right after meeting with the rest of the Senate caucus, and just hours"
    " before his meeting with Anna Berg.",
    "Pedro Costa met with Jan Novak on Monday. His meeting with Anna Berg came later.",
])
def test_a_meeting_with_another_partner_is_another_occasion(nlp, text):
    ms, names = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 2
    assert "Anna Berg" in participants(ms[1], names) and "Anna Berg" not in participants(ms[0], names)


def test_a_meeting_with_the_same_partner_is_the_same_occasion(nlp):
    ms, names = meetings_of(nlp, "Pedro Costa met with Jan Novak on Monday. Their meeting with Novak ran long.",
                            _NAMES)
    assert len(ms) == 1 and participants(ms[0], names) == {"Pedro Costa", "Jan Novak"}


_PLACES = {**_NAMES, "Portugal": PLACE}


def test_a_where_clause_on_a_visit_is_that_visit(nlp):
    ms, names = meetings_of(nlp, "Pedro Costa's surprise visit to Portugal, where he met the Portuguese president, "
                                 "reminded critics of an earlier trip.", _PLACES)
    assert len(ms) == 1 and [t.text for t in ms[0].extra_triggers] == ["met"]
    assert "Pedro Costa" in participants(ms[0], names) and names[ms[0].location] == "Portugal"


def test_a_planned_visit_to_a_planned_meetings_place_is_its_trip(nlp):
    text = ("Anna Berg will meet with Pedro Costa in Portugal later this month, officials said. "
            "Opposition lawmakers have asked the government to block Pedro Costa's planned visit to Portugal.")
    ms, names = meetings_of(nlp, text, _PLACES)
    assert len(ms) == 1 and participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}
    assert any(t.text == "visit" for t in ms[0].extra_triggers)


def test_visits_that_took_place_are_not_merged_by_their_place(nlp):
    text = ("Pedro Costa visited Portugal in March 2010. "
            "He met Anna Berg there in 2015, and Jan Novak visited Portugal with him.")
    ms, _ = meetings_of(nlp, text, _PLACES)
    assert len(ms) >= 2 and all("Jan Novak" not in {m2.text for m2 in m.participant_spans} for m in ms if m.trigger.text != "visited" or m.trigger.begin < 10)


def test_a_definite_mention_takes_the_date_of_a_meeting_that_named_no_one(nlp):
    text = ("Cameras followed the meeting on Thursday for hours. Photographers waited outside. "
            "Pedro Costa said his meeting with Anna Berg had been useful.")
    doc = nlp(text)
    timexes = find_time_expressions(doc, date(2016, 5, 12))
    ms = find_meetings(doc, entities_for(text, _NAMES), timexes, [], published=date(2016, 5, 12))
    assert len(ms) == 1 and ms[0].date == "2016-05-12"
    names = {e.key: e.name for e in entities_for(text, _NAMES)}
    assert participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}


def test_a_definite_mention_of_another_word_keeps_its_own_record(nlp):
    text = ("The summit on Thursday ran for hours. Photographers waited outside. "
            "Pedro Costa said his call with Anna Berg had been useful.")
    doc = nlp(text)
    timexes = find_time_expressions(doc, date(2016, 5, 12))
    ms = find_meetings(doc, entities_for(text, _NAMES), timexes, [], published=date(2016, 5, 12))
    assert all(m.date is None for m in ms if m.participants)


_TOWNS = {**_NAMES, "Lisbon": PLACE}


def test_whom_one_met_on_a_visit_is_met_on_that_visit(nlp):
    ms, names = meetings_of(nlp, "During his trip to Lisbon, Pedro Costa met Anna Berg.", _TOWNS)
    assert len(ms) == 1 and participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}
    assert names[ms[0].location] == "Lisbon"


def test_a_meeting_named_by_its_party_far_on_is_the_meeting_described(nlp):
    text = ("Pedro Costa held a tense meeting with Anna Berg and half a dozen lawmakers. "
            + "Lawmakers had written a letter. " * 5
            + "Pedro Costa's meeting with the lawmakers was aimed at explaining the policy.")
    ms, names = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1 and {"Pedro Costa", "Anna Berg"} <= participants(ms[0], names)


def test_a_named_meeting_after_another_meeting_is_not_merged_back(nlp):
    text = ("Pedro Costa held a tense meeting with Anna Berg. Anna Berg later met Jan Novak. "
            + "Lawmakers had written a letter. " * 5
            + "Pedro Costa's meeting with the lawmakers was aimed at explaining the policy.")
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 3
