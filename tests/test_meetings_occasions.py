"""Meetings, second round (issue 12): a cancelling only asked for is no cancelled meeting; a later
definite mention of the meeting continues the article's latest record; a visit abroad is judged from
the country the story is filed in."""

from __future__ import annotations

import pytest

from kg.model import CANCELLED, ORGANISATION, PERSON, PLACE, Span, TimeExpression
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


def _dated_in(nlp, text: str, timexes: list[tuple[str, str]]):
    from datetime import date

    from kg.nlp.meetings import find_meetings
    from tests.test_meetings import entities_for

    tx = [TimeExpression(f"t{n}", Span.of(text, text.index(w), text.index(w) + len(w)), "DATE", v)
          for n, (w, v) in enumerate(timexes)]
    ents = entities_for(text, {"Pedro Costa": PERSON, "Anna Berg": PERSON})
    ms = find_meetings(nlp(text), ents, tx, [], published=date(2016, 5, 10))
    assert len(ms) == 1
    return ms[0]


def test_a_month_of_a_story_of_an_earlier_year_gets_no_publication_year(nlp):
    text = "In 2001, Pedro Costa ran the firm. On March 3, he met Anna Berg."
    m = _dated_in(nlp, text, [("2001", "2001"), ("March 3", "2016-03-03")])
    assert m.date == "2001-03-03"  # the story's year, not the publication's


@pytest.mark.parametrize("text, timexes", [
    ("In 2001, Pedro Costa ran the firm. On Tuesday, he met Anna Berg.", [("2001", "2001"), ("Tuesday", "2016-05-10")]),
    ("Pedro Costa ran the firm. On March 3, he met Anna Berg.", [("March 3", "2016-03-03")]),
])
def test_a_relative_day_or_a_story_of_this_year_keeps_its_date(nlp, text, timexes):
    m = _dated_in(nlp, text, timexes)
    assert m.date is not None


_MEXICAN = {"Pedro Costa": PERSON, "Guadalajara": PLACE, "Monterrey": PLACE, "Mexico": PLACE, "WASHINGTON": PLACE}


def test_a_visit_abroad_is_judged_from_the_dateline_country(nlp):
    text = ("WASHINGTON (AP) — Pedro Costa visited Guadalajara on Monday.\n\n"
            "Guadalajara and Monterrey are the largest cities of Mexico after its capital.")
    ms, names = meetings_of(nlp, text, _MEXICAN)
    assert len(ms) == 1


def test_a_visit_to_a_city_of_the_story_s_own_country_is_travel(nlp):
    text = ("Pedro Costa visited Guadalajara on Monday.\n\n"
            "Guadalajara and Monterrey are the largest cities of Mexico after its capital.")
    ms, _ = meetings_of(nlp, text, _MEXICAN)
    assert ms == []


def test_a_far_mention_naming_its_own_party_is_not_the_latest_meeting(nlp):
    text = _FAR + "Jan Kowalski was the only one who skipped the Acme meeting."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE, "Acme": ORGANISATION})
    assert participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}


def test_a_month_after_a_relative_date_of_an_earlier_year_gets_no_publication_year(nlp):
    text = ("On March 2, 2015, the paper ran the story. The following day, lawyers wrote to the firm. "
            "On March 25, Pedro Costa had a conference call with Anna Berg.")
    m = _dated_in(nlp, text, [("March 2, 2015", "2015-03-02"), ("The following day", "2015-03-03"),
                              ("March 25", "2016-03-25")])
    assert m.date == "2015-03-25"  # the story runs on from March 2, 2015


def _two_mentions(nlp, first: tuple[str, str], second: tuple[str, str]):
    text = (f"Pedro Costa will meet with Anna Berg {first[0]}. "
            f"Officials said Pedro Costa's {second[0]} meeting with Anna Berg was scheduled weeks ago.")
    tx = [TimeExpression(f"t{n}", Span.of(text, text.index(w), text.index(w) + len(w)), "DATE", v)
          for n, (w, v) in enumerate((first, second))]
    ms, _ = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON}, tx)
    return ms


def test_a_month_and_a_day_inside_it_are_one_occasion_dated_by_the_day(nlp):
    ms = _two_mentions(nlp, ("later this month", "2015-12"), ("Dec. 28", "2015-12-28"))
    assert len(ms) == 1 and ms[0].date == "2015-12-28"


def test_a_month_and_a_day_of_another_month_are_two_occasions(nlp):
    ms = _two_mentions(nlp, ("in November", "2015-11"), ("Dec. 28", "2015-12-28"))
    assert len(ms) == 2


def test_a_far_mention_continues_the_meeting_mentioned_last_not_the_one_made_last(nlp):
    text = ("Pedro Costa met Anna Berg on Wednesday. First he went to Lisbon to meet Jan Kowalski. "
            "Now Pedro Costa meets with Anna Berg. " + _FAR + "Critics said the meeting came too late.")
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    kowalski = [m for m in ms if "Jan Kowalski" in participants(m, names)]
    assert kowalski and all(not m.extra_triggers for m in kowalski)


def test_who_speaks_after_a_far_meeting_is_not_made_its_party(nlp):
    text = _FAR + "Speaking to reporters after the meeting, Jan Kowalski said nothing."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    assert all("Jan Kowalski" not in participants(m, names) or not m.extra_triggers for m in ms)
    assert participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}
