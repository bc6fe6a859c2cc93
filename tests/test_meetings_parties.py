"""Meetings: parties the parser hides behind a misparse, and dates that only bound a meeting (issue 12)."""

from __future__ import annotations

import pytest

from kg.model import PERSON, PLACE, TimeExpression, Span
from tests.test_meetings import meetings_of, participants


@pytest.mark.parametrize("text", [
    "On Monday, Anna Berg was filming television shows and meeting with Pedro Costa.",
    "Anna Berg spent the day visiting hospitals and meeting with Pedro Costa.",
    "Mr. Berg spent the morning visiting schools and meeting with Pedro Costa.",
])
def test_a_gerund_joined_to_another_gerunds_object_shares_its_subject(nlp, text):
    berg = "Mr. Berg" if "Mr. Berg" in text else "Anna Berg"
    ms, names = meetings_of(nlp, text, {berg: PERSON, "Pedro Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {berg, "Pedro Costa"}


def _dated(nlp, text: str, when: str, value: str):
    begin = text.index(when)
    t = TimeExpression("t0", Span.of(text, begin, begin + len(when)), "DATE", value)
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE}, [t])
    assert len(ms) == 1
    return ms[0]


@pytest.mark.parametrize("text", [
    "Anna Berg said she will meet Pedro Costa in Lisbon before January.",
    "Anna Berg will meet Pedro Costa in Lisbon by January.",
    "Anna Berg has held talks with Pedro Costa in Lisbon since January.",
    "Anna Berg will meet Pedro Costa in Lisbon ahead of January.",
])
def test_a_date_that_bounds_the_meeting_does_not_date_it(nlp, text):
    assert _dated(nlp, text, "January", "2017-01").date is None


def test_a_date_of_the_meeting_still_dates_it(nlp):
    m = _dated(nlp, "Anna Berg will meet Pedro Costa in Lisbon in January.", "January", "2017-01")
    assert m.date == "2017-01"
