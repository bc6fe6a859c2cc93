"""Meetings, session 9 audit: mentions are merged into one occasion only when their parties agree."""

from __future__ import annotations

import pytest

from kg.model import PERSON
from tests.test_meetings import meetings_of, participants

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
