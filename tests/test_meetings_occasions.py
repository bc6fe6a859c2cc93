"""Meetings, second round (issue 12): a cancelling only asked for is no cancelled meeting; a later
definite mention of the meeting continues the article's latest record; a visit abroad is judged from
the country the story is filed in."""

from __future__ import annotations

import pytest

from kg.model import CANCELLED, ORGANISATION, PERSON, PLACE
from tests.test_meetings import meetings_of, participants


@pytest.mark.parametrize("text", [
    "Critics urged Pedro Costa to cancel his meeting with Anna Berg.",
    "Critics called for Pedro Costa to cancel his meeting with Anna Berg.",
    "Ash wrote that officials have made “numerous requests” to withdraw the motion, “and even to agree to cancel the"
    " committee meeting with Anna Berg.",
])
def test_a_cancelling_only_asked_for_is_not_cancelled(nlp, text):
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON})
    assert ms and all(m.status != CANCELLED for m in ms)


def test_a_cancelling_done_is_cancelled(nlp):
    ms, _ = meetings_of(nlp, "Pedro Costa cancelled his meeting with Anna Berg.",
                        {"Pedro Costa": PERSON, "Anna Berg": PERSON})
    assert len(ms) == 1 and ms[0].status == CANCELLED
