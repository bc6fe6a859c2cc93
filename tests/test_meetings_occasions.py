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


_FAR = ("Pedro Costa met Anna Berg in Lisbon in April. The firm paid millions. The money went abroad. "
        "Lawyers wrote an opinion. The opinion was never filed. Auditors found nothing. ")


def test_a_bare_definite_mention_far_on_continues_the_latest_meeting(nlp):
    text = _FAR + "Jan Kowalski, an aide who attended the meeting, said nothing."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Anna Berg", "Jan Kowalski"}


def test_a_far_mention_with_a_new_partner_is_another_meeting(nlp):
    text = _FAR + "Pedro Costa later held the meeting with Jan Kowalski."
    ms, _ = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Kowalski": PERSON,
                                    "Lisbon": PLACE})
    assert len(ms) == 2
