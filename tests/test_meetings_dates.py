"""Meeting dates: which time expression of the text dates a meeting, and which dates another event."""

from __future__ import annotations

import re
from datetime import date

from kg.model import Article, PERSON, PLACE, Entity, Mention, Span
from kg.nlp.meetings import find_meetings
from kg.nlp.meetings.merging import _within
from kg.nlp.pipeline import extract
from kg.nlp.timex import find_time_expressions


def _entities(text: str, names: dict[str, str]) -> list[Entity]:
    out = []
    for n, (name, etype) in enumerate(names.items()):
        spans = [Span.of(text, m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        out.append(Entity(f"e{n}", etype, name, [Mention(s) for s in spans]))
    return out


def _dated(nlp, text: str, names: dict[str, str], published: date):
    """The meetings of ``text`` with the time expressions kg finds in it, and those expressions by key."""
    doc = nlp(text)
    timexes = find_time_expressions(doc, published)
    return find_meetings(doc, _entities(text, names), timexes, [], published=published), {t.key: t for t in timexes}


def test_a_week_dates_a_visit(nlp):
    text = "Joe Biden was apologetic when he visited Ankara this week."
    ms, timexes = _dated(nlp, text, {"Joe Biden": PERSON, "Ankara": PLACE}, date(2016, 8, 29))
    assert [m.date for m in ms] == ["2016-W35"]
    assert timexes[ms[0].time].span.text == "this week"


def test_a_part_of_a_day_dates_the_day(nlp):
    text = "Nancy Pelosi aired her concerns during a Saturday night conference call with Harry Reid."
    ms, timexes = _dated(nlp, text, {"Nancy Pelosi": PERSON, "Harry Reid": PERSON}, date(2016, 8, 17))
    assert [m.date for m in ms] == ["2016-08-13"]
    assert timexes[ms[0].time].span.text == "Saturday night"


def test_a_clock_time_gives_no_day(nlp):
    text = "Ali Hassan met Omar Farouk at 2 p.m."
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 1, 20))
    assert [m.date for m in ms] == [None]


def test_a_relative_clause_that_holds_the_meeting_dates_it(nlp):
    text = "Pate spoke of a private meeting he had with Marco Rubio a year ago."
    ms, _ = _dated(nlp, text, {"Pate": PERSON, "Marco Rubio": PERSON}, date(2016, 1, 1))
    assert [m.date for m in ms] == ["2015"]


def test_the_date_of_a_verb_that_describes_the_meeting_is_not_its_date(nlp):
    text = "In an interview on Tuesday, Malcolm Hoenlein described his meeting with Barack Obama."
    ms, _ = _dated(nlp, text, {"Malcolm Hoenlein": PERSON, "Barack Obama": PERSON}, date(2015, 11, 10))
    assert ms and all(m.date is None for m in ms)


def test_a_quoted_relative_date_said_on_the_publication_day_counts(nlp):
    text = "“I have invited Donald Trump for a meeting with GOP leaders next week,” Paul Ryan tweeted on Friday."
    x = extract(Article("a", text, date(2016, 5, 6)), nlp(text))
    assert [m.date for m in x.meetings] == ["2016-W19"]


def test_a_quoted_relative_date_said_on_another_day_does_not(nlp):
    text = "“I have invited Donald Trump for a meeting with GOP leaders next week,” Paul Ryan tweeted on Monday."
    x = extract(Article("a", text, date(2016, 5, 6)), nlp(text))
    assert [m.date for m in x.meetings] == [None]


def test_a_week_holds_its_days_and_overlaps_its_months():
    assert _within("2016-W19", "2016-05-12") and _within("2016-05", "2016-W19") and _within("2016-W22", "2016-06")
    assert not _within("2016-W19", "2016-05-20") and not _within("2016-W19", "2016-W20")


def test_a_season_dates_a_meeting_and_holds_its_months(nlp):
    text = "Ali Hassan and Omar Farouk met in Cairo last spring."
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON, "Cairo": PLACE}, date(2016, 1, 31))
    assert [m.date for m in ms] == ["2015-SP"]
    assert _within("2015-SP", "2015-04") and _within("2015-WI", "2016-01-10") and not _within("2015-SP", "2015-07")


def test_a_date_between_a_verb_of_saying_and_its_clause_dates_the_saying(nlp):
    text = "Ali Hassan said on Friday he met Omar Farouk earlier this week."
    ms, timexes = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2015, 12, 20))
    assert [m.date for m in ms] == ["2015-W51"]
    assert timexes[ms[0].time].span.text == "earlier this week"


def test_a_when_clause_is_dated_by_the_clause_it_modifies(nlp):
    text = "When Ali Hassan first met Omar Farouk, in late May 2016, the conditions were more comfortable."
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 9, 3))
    assert [m.date for m in ms] == ["2016-05"]


def test_of_two_dates_of_the_clause_the_finer_one_inside_the_other(nlp):
    text = "The Fed is expected to act at its final meeting of the year in December."
    ms, _ = _dated(nlp, text, {"Fed": "Organisation"}, date(2015, 11, 9))
    assert [m.date for m in ms] == ["2015-12"]


def test_a_year_modifying_another_noun_does_not_date_the_meeting(nlp):
    text = "At the council's meeting in Boston the summer after the 2012 defeat, Ali Hassan scolded Omar Farouk."
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON, "Boston": PLACE}, date(2016, 7, 18))
    assert ms and all(m.date is None for m in ms)


def test_a_day_without_its_year_takes_the_year_of_the_story(nlp):
    text = ("On March 2, 2015, the newspaper revealed the plan, and the following day, the committee asked for "
            "the documents. On March 25, Acme Networks had a conference call with Omar Farouk.")
    ms, _ = _dated(nlp, text, {"Acme Networks": "Organisation", "Omar Farouk": PERSON}, date(2016, 9, 7))
    assert [m.date for m in ms] == ["2015-03-25"]


def test_a_day_before_the_story_date_in_its_year_is_left_undated(nlp):
    text = ("In December 2015, the newspaper revealed the plan. "
            "On March 25, Acme Networks had a conference call with Omar Farouk.")
    ms, _ = _dated(nlp, text, {"Acme Networks": "Organisation", "Omar Farouk": PERSON}, date(2016, 9, 7))
    assert [m.date for m in ms] == [None]


def test_the_past_week_on_a_saturday_is_the_current_week(nlp):
    text = "Ali Hassan rebuffed Omar Farouk at a White House meeting in the past week."
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 3, 5))
    assert [m.date for m in ms] == ["2016-W09"]
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 3, 1))
    assert [m.date for m in ms] == ["2016-W08"]


def test_last_monday_in_a_wednesday_story_is_the_monday_before(nlp):
    text = "Ali Hassan has been under fire for a private meeting last Monday with Omar Farouk."
    ms, timexes = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 7, 6))
    assert [m.date for m in ms] == ["2016-06-27"]
    assert timexes[ms[0].time].value == "2016-07-04"  # the expression keeps the nearer reading
    ms, _ = _dated(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON}, date(2016, 7, 11))
    assert [m.date for m in ms] == ["2016-07-04"]  # said in the next week: the Monday just past


def test_a_date_after_the_object_of_a_verb_is_no_date_of_that_verb(nlp):
    text = "At the moment Sanders announced his candidacy last spring, Mook was holding a meeting in his office."
    ms, _ = _dated(nlp, text, {"Sanders": PERSON, "Mook": PERSON}, date(2016, 1, 31))
    assert [m.date for m in ms] == ["2015-SP"]


def test_a_day_in_the_subject_of_a_complement_clause_dates_its_meeting(nlp):
    text = "The officials said the prime minister's Dec. 28 meeting with Omar Farouk was scheduled two weeks ago."
    ms, _ = _dated(nlp, text, {"Omar Farouk": PERSON}, date(2015, 12, 10))
    assert [m.date for m in ms] == ["2015-12-28"]


def test_a_part_of_the_day_takes_the_day_just_named(nlp):
    text = ("Barack Obama spent Thursday discussing Asia.\n\nHe held a joint meeting in the morning with Shinzo Abe.\n\n"
            "Later, Obama met in the afternoon with Xi Jinping.")
    ms, _ = _dated(nlp, text, {"Barack Obama": PERSON, "Obama": PERSON, "Shinzo Abe": PERSON, "Xi Jinping": PERSON},
                   date(2016, 4, 1))
    assert [m.date for m in ms] == ["2016-03-31", "2016-03-31"]


def test_a_week_owning_a_bounding_object_is_not_the_date(nlp):
    # "ahead of last week's primary": the week is the primary's, the meeting came some time before it
    text = "Ahead of last week's Illinois primary, Hillary Clinton met with Irene Rosenfeld."
    ms, _ = _dated(nlp, text, {"Hillary Clinton": PERSON, "Irene Rosenfeld": PERSON, "Illinois": PLACE},
                   date(2016, 3, 24))
    assert [m.date for m in ms] == [None]
    text = "Hillary Clinton met with Irene Rosenfeld last week."
    ms, _ = _dated(nlp, text, {"Hillary Clinton": PERSON, "Irene Rosenfeld": PERSON}, date(2016, 3, 24))
    assert [m.date for m in ms] == ["2016-W11"]


def test_the_date_of_a_call_to_block_a_visit_is_not_the_visits(nlp):
    names = {"Donald Trump": PERSON, "Israel": PLACE, "Benjamin Netanyahu": PERSON}
    text = "Arab Israeli lawmakers called on the government Wednesday to block Donald Trump's visit to Israel."
    ms, _ = _dated(nlp, text, names, date(2015, 12, 10))
    assert ms and all(m.date is None for m in ms)
    # the date of the visit's own phrase is its date
    text = "Arab Israeli lawmakers called on the government to block Donald Trump's Dec. 28 visit to Israel."
    ms, _ = _dated(nlp, text, names, date(2015, 12, 10))
    assert [m.date for m in ms] == ["2015-12-28"]
