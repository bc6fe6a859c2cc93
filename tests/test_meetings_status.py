"""Meetings, session 9 audit: the status the words around a trigger give it."""

from __future__ import annotations

import pytest

from kg.model import OCCURRED, PERSON, PLACE, PLANNED
from tests.test_meetings import meetings_of

_NAMES = {"Anna Berg": PERSON, "Jan Novak": PERSON, "Lisbon": PLACE}


@pytest.mark.parametrize("text", [
    "“We’ll be meeting Jan Novak on Friday in Lisbon,” Anna Berg said.",
    "“We'll be meeting Jan Novak on Friday in Lisbon,” Anna Berg said.",
])
def test_a_contracted_will_with_either_apostrophe_is_planned(nlp, text):
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1 and ms[0].status == PLANNED


def test_a_visit_arranged_and_arrived_for_took_place(nlp):
    ms, _ = meetings_of(nlp, "Anna Berg arrived in Lisbon for a hastily arranged visit with Jan Novak.", _NAMES)
    assert len(ms) == 1 and ms[0].status == OCCURRED


@pytest.mark.parametrize("text", [
    "Anna Berg will arrive in Lisbon for a hastily arranged visit with Jan Novak.",
    "Anna Berg prepared for a hastily arranged meeting with Jan Novak.",
    "Anna Berg arrived in Lisbon for the upcoming meeting with Jan Novak.",
])
def test_an_arranged_meeting_not_yet_attended_is_planned(nlp, text):
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1 and ms[0].status == PLANNED
