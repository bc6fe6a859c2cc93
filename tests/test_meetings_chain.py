"""Meetings: the place and date of one occasion carried between its mentions in different sentences
(the headline's meeting and the body's telling of it, a meeting noun said of "it", a later sentence
saying where the meeting was held), and never across two occasions."""

from __future__ import annotations

from datetime import date

from kg.model import PERSON, PLACE
from kg.nlp.meetings import find_meetings
from kg.nlp.timex import find_time_expressions
from tests.test_meetings import entities_for, meetings_of, participants

_NAMES = {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Novak": PERSON, "Porto": PLACE, "Lisbon": PLACE}
_PUBLISHED = date(2016, 5, 14)  # a Saturday


def _dated(nlp, text: str):
    doc = nlp(text)
    ents = entities_for(text, _NAMES)
    timexes = find_time_expressions(doc, _PUBLISHED)
    return find_meetings(doc, ents, timexes, [], published=_PUBLISHED), {e.key: e.name for e in ents}


def test_a_later_sentence_saying_where_the_meeting_was_held_gives_its_place(nlp):
    text = ("Pedro Costa attended the meeting with Anna Berg alone. "
            "The meeting was held at the ministry's old office in Porto. It lasted two hours.")
    ms, names = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1 and names[ms[0].location] == "Porto"


def test_the_place_a_meeting_took_place_in_is_its_place(nlp):
    text = "Pedro Costa met Anna Berg on Monday. The talks took place in Lisbon, officials said."
    ms, names = meetings_of(nlp, text, _NAMES)
    assert len(ms) == 1 and names[ms[0].location] == "Lisbon"


def test_a_meeting_that_ended_in_a_place_noun_is_not_placed_there(nlp):
    text = "Pedro Costa met Anna Berg on Monday. The talks ended in failure in the evening."
    ms, _ = meetings_of(nlp, text, _NAMES)
    assert all(m.location is None for m in ms)


def test_the_body_telling_the_headline_meeting_gives_it_place_and_date(nlp):
    text = ("Private Meeting Between Costa, Berg Prompts Speculation.\n\n"
            "Anna Berg had been talking with aides of Pedro Costa for weeks about an endorsement. "
            "This culminated in a meeting at a hotel in Porto on Friday.\n\n"
            "The meeting got people talking.")
    ms, names = _dated(nlp, text)
    headline = [m for m in ms if m.trigger.text == "Meeting"]
    assert len(headline) == 1 and names[headline[0].location] == "Porto" and headline[0].date == "2016-05-13"
    assert len([m for m in ms if m.location is not None]) == 1  # one occasion, one record with the place


def test_a_body_meeting_with_a_partner_of_its_own_is_not_the_headline_meeting(nlp):
    text = ("Private Meeting Between Costa, Berg Prompts Speculation.\n\n"
            "Anna Berg had been talking with aides of Pedro Costa for weeks about an endorsement. "
            "She also held a meeting with Jan Novak in Porto on Friday.")
    ms, names = _dated(nlp, text)
    headline = [m for m in ms if m.trigger.text == "Meeting"]
    assert len(headline) == 1 and headline[0].location is None and headline[0].date is None


def test_a_meeting_noun_said_of_it_is_the_meeting_just_told(nlp):
    text = ("Pedro Costa met Anna Berg on Wednesday. "
            "It was a long meeting at a hotel in Lisbon, aides said. Jan Novak was not there.")
    ms, names = _dated(nlp, text)
    assert len(ms) == 1 and names[ms[0].location] == "Lisbon" and ms[0].date == "2016-05-11"


def test_a_definite_mention_goes_back_to_the_meeting_mentioned_last(nlp):
    # "the talks" after the Lisbon meeting was mentioned again are those talks, not the call recorded last
    text = ("Pedro Costa met Anna Berg in Lisbon on Wednesday. Jan Novak called Anna Berg on Thursday. "
            "Pedro Costa's meeting with Anna Berg ran long. The talks covered trade.")
    ms, names = _dated(nlp, text)
    lisbon = [m for m in ms if m.location and names[m.location] == "Lisbon"]
    assert len(lisbon) == 1 and "talks" in {t.text for t in lisbon[0].extra_triggers}
    assert all("talks" not in {t.text for t in m.extra_triggers} for m in ms if "Jan Novak" in participants(m, names))


def test_no_place_is_carried_to_another_occasion(nlp):
    text = ("Pedro Costa held a meeting with Anna Berg in Porto last spring. "
            "In June, Pedro Costa convened senior staff for a strategy meeting.")
    ms, names = _dated(nlp, text)
    assert len(ms) == 2 and [names[m.location] if m.location else None for m in ms] == ["Porto", None]
