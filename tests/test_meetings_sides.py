"""Meetings: nominals that the text never ties to the entity coreference gave them, meetings still
ahead, dates of another clock (issue 12)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import OCCURRED, ORGANISATION, PERSON, PLACE, PLANNED, Span, TimeExpression
from kg.nlp.meetings import find_meetings
from tests.test_meetings import entities_for, meetings_of, participants


def test_a_nationality_the_text_never_gives_the_entity_is_another_person(nlp):
    from kg.model import NOMINAL, Entity, Mention

    text = "President Ronald Reagan went to Geneva in 1985. Donald Trump met the Mexican president on Wednesday."
    nominal = text.index("the Mexican president")
    reagan, trump = entities_for(text, {"Ronald Reagan": PERSON, "Donald Trump": PERSON})
    # coreference made the nominal a mention of the one president named before
    reagan = Entity(reagan.key, PERSON, reagan.name, [*reagan.mentions, Mention(Span.of(text, nominal, nominal + 21), NOMINAL)])
    ms = find_meetings(nlp(text), [reagan, trump], [], [])
    assert len(ms) == 1
    assert ms[0].participants == [trump.key]
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["the Mexican president"]


def test_a_nationality_the_text_gives_the_entity_keeps_it(nlp):
    text = "Mexican President Enrique Nieto spoke on Tuesday. Donald Trump met the Mexican president on Wednesday."
    doc = nlp(text)
    from kg.model import NOMINAL, Entity, Mention

    nominal = text.index("the Mexican president")
    nieto = Entity("e0", PERSON, "Enrique Nieto", [Mention(Span.of(text, 17, 30)),
                                                    Mention(Span.of(text, nominal, nominal + 21), NOMINAL)])
    trump = entities_for(text, {"Donald Trump": PERSON})[0]
    trump = type(trump)("e1", PERSON, "Donald Trump", trump.mentions)
    ms = find_meetings(doc, [nieto, trump], [], [])
    assert len(ms) == 1 and set(ms[0].participants) == {"e0", "e1"}


@pytest.mark.parametrize("text", [
    "Ahead of the summit between Anna Berg and Pedro Costa, officials are nervous.",
    "In the run-up to the talks between Anna Berg and Pedro Costa, aides will call Jan Novak.",
    "In advance of the meeting between Anna Berg and Pedro Costa, aides are calling Jan Novak.",
    "On the eve of the summit with Pedro Costa, Anna Berg calls Jan Novak.",
])
def test_a_meeting_the_clause_awaits_is_planned(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON})
    assert [m.status for m in ms] == [PLANNED]


@pytest.mark.parametrize("text", [
    "Before the meeting with Pedro Costa, Anna Berg called Jan Novak.",
    "Anna Berg questioned Jan Novak in an interview ahead of the summit with Pedro Costa.",
    "Anna Berg struggled after questioning Jan Novak in an interview ahead of the summit with Pedro Costa.",
])
def test_an_awaited_meeting_of_a_past_clause_says_nothing_of_now(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON})
    assert [m.status for m in ms if m.trigger.text == "meeting" or m.trigger.text == "summit"] == [OCCURRED]


def test_an_awaited_meeting_whose_date_is_past_occurred(nlp):
    text = "In the run-up to the talks between Anna Berg and Pedro Costa on March 3, aides are calling Jan Novak."
    at = text.index("March 3")
    t = TimeExpression("t0", Span.of(text, at, at + 7), "DATE", "2016-03-03")
    ms = find_meetings(nlp(text), entities_for(text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON}),
                       [t], [], published=date(2016, 3, 10))
    assert [(m.status, m.date) for m in ms] == [(OCCURRED, "2016-03-03")]


def _dated(nlp, text: str, when: str, value: str, names: dict[str, str]):
    at = text.index(when)
    t = TimeExpression("t0", Span.of(text, at, at + len(when)), "DATE", value)
    return find_meetings(nlp(text), entities_for(text, names), [t], [], published=date(2016, 9, 21))


def test_a_date_of_the_verb_a_meeting_is_subject_of_dates_that_verb(nlp):
    text = "Anna Berg's visit to Lisbon reminds Pedro Costa of Jan Novak's trip to Geneva, in 1985."
    ms = _dated(nlp, text, "1985", "1985", {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON,
                                            "Lisbon": PLACE, "Geneva": PLACE})
    visit = next(m for m in ms if m.trigger.text == "visit")
    assert visit.date is None


def test_a_date_of_a_verb_saying_the_meeting_happened_dates_it(nlp):
    text = "The talks between Anna Berg and Pedro Costa began on Monday in Lisbon."
    ms = _dated(nlp, text, "Monday", "2016-09-19", {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert [m.date for m in ms] == ["2016-09-19"]


def test_a_relative_date_inside_a_quotation_is_left_out(nlp):
    text = '"Anna Berg met Pedro Costa in Lisbon yesterday," Jan Novak said.'
    ms = _dated(nlp, text, "yesterday", "2016-09-20", {"Anna Berg": PERSON, "Pedro Costa": PERSON,
                                                       "Jan Novak": PERSON, "Lisbon": PLACE})
    assert [m.date for m in ms] == [None]


@pytest.mark.parametrize("text, when, value", [
    ("Anna Berg met Pedro Costa in Lisbon yesterday.", "yesterday", "2016-09-20"),
    ('"Anna Berg met Pedro Costa in Lisbon on March 3," Jan Novak said.', "March 3", "2016-03-03"),
])
def test_a_date_outside_quotations_or_with_its_month_stays(nlp, text, when, value):
    ms = _dated(nlp, text, when, value, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON,
                                         "Lisbon": PLACE})
    assert [m.date for m in ms] == [value]


def test_the_agency_of_a_dateline_is_no_party(nlp):
    text = ("Trump, Ryan, pledge to work together; endorsement may come.\n\nWASHINGTON (AP) — Donald Trump and House "
            "Speaker Paul Ryan pledged to work together despite their differences after a meeting Thursday aimed "
            "unifying a party torn over Trump’s rise to the cusp of the Republican presidential nomination.")
    ms, names = meetings_of(nlp, text, {"Donald Trump": PERSON, "Paul Ryan": PERSON, "WASHINGTON": PLACE,
                                        "AP": ORGANISATION})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Donald Trump", "Paul Ryan"}


@pytest.mark.parametrize("text", [
    "Anna Berg praised Maria Lopes on Sunday. She met her on Monday.",
    "Anna Berg praised Maria Lopes on Sunday. She met with her on Monday.",
])
def test_two_pronouns_of_one_verb_are_two_sides(nlp, text):
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Maria Lopes": PERSON})
    assert [participants(m, names) for m in ms] == [{"Anna Berg", "Maria Lopes"}]


def test_a_bare_nominal_goes_on_with_the_nearer_body_it_names(nlp):
    from kg.model import NOMINAL, Entity, Mention

    text = ("The Acme Union seated five members on the 15-member committee responsible for drafting the platform. "
            "The committee had its first meeting Wednesday in Lisbon.")
    first, bare = text.index("the 15-member committee"), text.index("The committee")
    # coreference linked both nominals to the one organisation named before
    union = Entity("e0", ORGANISATION, "Acme Union", [Mention(Span.of(text, 4, 14)),
                                                      Mention(Span.of(text, first, first + 23), NOMINAL),
                                                      Mention(Span.of(text, bare, bare + 13), NOMINAL)])
    lisbon = entities_for(text, {"Lisbon": PLACE})[0]
    ms = find_meetings(nlp(text), [union, type(lisbon)("e1", PLACE, "Lisbon", lisbon.mentions)], [], [])
    assert len(ms) == 1 and "e0" not in ms[0].participants
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["The committee"]


def test_a_bare_nominal_after_the_bodys_own_name_stays_that_body(nlp):
    from kg.model import NOMINAL, Entity, Mention

    text = "The Acme Union Committee gathered delegates on Monday. The committee had its first meeting Wednesday."
    bare = text.index("The committee")
    union = Entity("e0", ORGANISATION, "Acme Union Committee", [Mention(Span.of(text, 4, 24)),
                                                                Mention(Span.of(text, bare, bare + 13), NOMINAL)])
    ms = find_meetings(nlp(text), [union], [], [])
    assert [m.participants for m in ms] == [["e0"]]


def test_hopes_to_meet_is_a_plan(nlp):
    ms, _ = meetings_of(nlp, "Anna Berg hopes to meet Pedro Costa in Lisbon.",
                        {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert [m.status for m in ms] == [PLANNED]


def test_a_date_inside_the_subject_meetings_phrase_still_dates_it(nlp):
    text = "The early January meeting between Anna Berg and Pedro Costa veered into a gripe session."
    ms = _dated(nlp, text, "early January", "2016-01", {"Anna Berg": PERSON, "Pedro Costa": PERSON})
    assert [m.date for m in ms] == ["2016-01"]
