"""Meetings: the parties a sentence names around its trigger, the words that only look like parties,
and the year a clause places its meeting in (issue 12)."""

from __future__ import annotations

import pytest

from kg.model import OCCURRED, ORGANISATION, PERSON, PLACE, PLANNED, Span, TimeExpression
from tests.test_meetings import meetings_of, participants


def test_whom_a_party_tells_at_the_meeting_took_part(nlp):
    text = "Enrique Pena Nieto told Donald Trump at the beginning of the meeting that Mexico would not pay."
    ms, names = meetings_of(nlp, text, {"Enrique Pena Nieto": PERSON, "Donald Trump": PERSON, "Mexico": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Enrique Pena Nieto", "Donald Trump"}


def test_whom_a_party_criticises_at_a_meeting_is_not_said_to_be_there(nlp):
    text = "Anna Berg criticized Pedro Costa at the meeting with Jan Kowalski."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Kowalski": PERSON})
    assert len(ms) == 1
    assert "Pedro Costa" not in participants(ms[0], names)
    assert {"Anna Berg", "Jan Kowalski"} <= participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "Pedro Costa said he would go ahead with the Trump meeting.",
    "Pedro Costa said he would proceed with the Trump meeting.",
])
def test_who_goes_ahead_with_a_meeting_takes_part(nlp, text):
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Trump": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Trump"}


def test_who_only_talks_of_a_meeting_takes_no_part(nlp):
    text = "Pedro Costa said he would write about the Trump meeting."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Trump": PERSON})
    assert all("Pedro Costa" not in participants(m, names) for m in ms)


@pytest.mark.parametrize("text, phrase", [
    ("Donald Trump will meet with GOP leaders next week.", "GOP leaders"),
    ("Donald Trump met with Republican House and Senate members on the Hill.", "Republican House and Senate members"),
])
def test_an_organisation_before_a_people_noun_is_no_party_the_phrase_is(nlp, text, phrase):
    names = {"Donald Trump": PERSON, "GOP": ORGANISATION, "House": ORGANISATION, "Senate": ORGANISATION}
    ms, names = meetings_of(nlp, text, names)
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Donald Trump"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == [phrase]


def test_a_seat_before_a_meeting_noun_is_where_not_who(nlp):
    text = "The Senate leadership rebuffed Barack Obama at a White House meeting on Tuesday."
    ms, names = meetings_of(nlp, text, {"Barack Obama": PERSON, "White House": ORGANISATION})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Barack Obama"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["The Senate leadership"]


def test_a_person_before_a_meeting_noun_is_a_party(nlp):
    text = "Anna Berg defended the Costa meeting on Tuesday."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Costa": PERSON})
    assert all("Costa" in participants(m, names) for m in ms) and ms


def test_next_week_plans_the_meeting(nlp):
    text = "Reince Priebus invited Donald Trump for a meeting with GOP leaders next week."
    ms, _ = meetings_of(nlp, text, {"Reince Priebus": PERSON, "Donald Trump": PERSON, "GOP": ORGANISATION})
    assert len(ms) == 1 and ms[0].status == PLANNED


def test_a_gerunds_object_the_parser_made_a_subject_does_not_hide_the_subject(nlp):
    text = ("Bernie Sanders spent Wednesday on something of a victory tour in New York, filming television "
            "shows and meeting with the Rev. Al Sharpton.")
    ms, names = meetings_of(nlp, text, {"Bernie Sanders": PERSON, "Al Sharpton": PERSON, "New York": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Bernie Sanders", "Al Sharpton"}


def _dated(nlp, text: str, timexes: list[tuple[str, str]]):
    tx = [TimeExpression(f"t{n}", Span.of(text, text.index(w), text.index(w) + len(w)), "DATE", v)
          for n, (w, v) in enumerate(timexes)]
    ms, _ = meetings_of(nlp, text, {"Barack Obama": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE}, tx)
    assert len(ms) == 1
    return ms[0]


def test_a_year_the_clause_gives_its_day_dates_the_meeting(nlp):
    text = "Barack Obama first met Vladimir Putin in Moscow on March 25 of last year."
    assert _dated(nlp, text, [("March 25", "2016-03-25"), ("last year", "2015")]).date == "2015"


def test_a_year_of_another_noun_does_not_date_the_meeting(nlp):
    text = "Barack Obama met Vladimir Putin on March 25, after the 2012 election."
    assert _dated(nlp, text, [("March 25", "2016-03-25"), ("2012", "2012")]).date == "2016-03-25"


def test_an_infinitive_of_purpose_is_as_planned_as_its_verb(nlp):
    # ("would like to go ... to meet" is a wish, no meeting: tests/test_meetings_occasion_kinds.py)
    text = "Sadiq Khan said he will go to the United States to meet with Pedro Costa."
    ms, names = meetings_of(nlp, text, {"Sadiq Khan": PERSON, "United States": PLACE, "Pedro Costa": PERSON})
    assert len(ms) == 1 and ms[0].status == PLANNED
    assert participants(ms[0], names) == {"Sadiq Khan", "Pedro Costa"}


def test_an_infinitive_of_purpose_after_a_past_verb_happened(nlp):
    text = "Anna Berg went to Lisbon last week to meet Pedro Costa."
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Lisbon": PLACE, "Pedro Costa": PERSON})
    assert len(ms) == 1 and ms[0].status == OCCURRED


def test_a_pronoun_subject_of_an_opening_clause_is_the_subject_after_it(nlp):
    text = "Pedro Costa ran. Before she met Pedro Costa, Anna Berg lived well outside Lisbon."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Anna Berg"}


def test_who_counters_with_a_meeting_holds_it_and_the_next_morning_is_no_plan(nlp):
    text = "Anna Berg countered with a breakfast with Pedro Costa in Lisbon the next morning."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}
    assert ms[0].status == OCCURRED


def test_whom_one_sends_to_meet_takes_part_not_the_sender(nlp):
    text = "Anna Berg dispatched Pedro Costa to meet with Jan Kowalski in Lisbon."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Jan Kowalski"}


def test_whom_one_sends_for_a_meeting_takes_part_not_the_sender(nlp):
    text = "Anna Berg sent Pedro Costa to Lisbon for a tense meeting with Jan Kowalski."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Jan Kowalski"}


def test_a_place_before_a_trip_noun_is_where_it_went(nlp):
    domestic = "After the Porto trip, Anna Berg flew back to Lisbon with Pedro Costa."
    ms, _ = meetings_of(nlp, domestic, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE, "Porto": PLACE})
    assert ms == []  # a trip to a city, to no one: travel, no meeting


def test_a_with_phrase_of_another_verb_names_no_party(nlp):
    text = "Members of the club are expected to debate how to deal with Pedro Costa during its annual meeting in Lisbon."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert "Pedro Costa" not in participants(ms[0], names)


def _with_pronoun_mention(text: str, names: dict[str, str], owner: str, pronoun_at: int, pronoun: str):
    """Entities for ``names``, the pronoun at ``pronoun_at`` a mention of ``owner`` (as the coreference
    stage may have made it)."""
    from kg.model import PRONOUN, Entity, Mention
    from tests.test_meetings import entities_for

    out = []
    for e in entities_for(text, names):
        if e.name == owner:
            e = Entity(e.key, e.type, e.name, [*e.mentions, Mention(Span.of(text, pronoun_at, pronoun_at + len(pronoun)), PRONOUN)])
        out.append(e)
    return out


def test_an_object_pronoun_is_not_its_verbs_subject(nlp):
    from kg.nlp.meetings import find_meetings

    text = "Anna Berg praised Maria Costa's record, crediting her with convening the first conference on youth."
    at = text.index("her with")
    ents = _with_pronoun_mention(text, {"Anna Berg": PERSON, "Maria Costa": PERSON}, "Anna Berg", at, "her")
    ms = find_meetings(nlp(text), ents, [], [])
    names = {e.key: e.name for e in ents}
    assert ms and all(participants(m, names) == {"Maria Costa"} for m in ms)


def test_whom_one_thanks_for_meeting_met(nlp):
    text = "Anna Berg thanked Pedro Costa for meeting with Jan Kowalski in Lisbon."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Kowalski": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa", "Jan Kowalski"}


def test_the_names_an_apposition_gives_are_each_a_party(nlp):
    text = "The club leaders, Anna Berg and Maria Costa, met with Pedro Costa."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Maria Costa": PERSON, "Pedro Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Maria Costa", "Pedro Costa"}


def test_a_meeting_word_a_verb_is_held_for_is_that_verbs_meeting(nlp):
    text = "Anna Berg hosted Pedro Costa at the Town Hall for talks on Friday."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Town Hall": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}
    assert [s.text for s in ms[0].extra_triggers] == ["talks"]


def test_a_persons_campaign_is_not_the_person(nlp):
    text = "Then the Costa campaign went into overdrive, holding a conference call with prominent surrogates."
    ms, names = meetings_of(nlp, text, {"Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == set()
    assert sorted(s.text for s in ms[0].unresolved_participant_spans) == ["prominent surrogates", "the Costa campaign"]


def test_remarks_after_meeting_are_the_clause_subjects(nlp):
    text = "In animated remarks after meeting with his security council on Tuesday, Pedro Costa repeated his claim."
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa"}


def test_a_headline_meeting_is_the_one_the_story_opens_with(nlp):
    text = ("LEADERS TAKE ON COSTA AT SUMMIT IN LISBON;\nThe candidate overshadows the agenda.\n\n"
            "Pedro Costa was not at the summit of European leaders on Wednesday, but his presence hung over the "
            "conference of the three governments in the Portuguese capital.")
    ms, _ = meetings_of(nlp, text, {"Pedro Costa": PERSON, "LISBON": PLACE})
    assert len(ms) == 1
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["European leaders"]


def test_a_headline_meeting_with_other_parties_stays_apart(nlp):
    text = ("Anna Berg meets Jan Kowalski in Porto.\n\n"
            "Anna Berg met Pedro Costa in Lisbon on Monday to talk about the budget of the city and the plans "
            "of the two councils for the coming years, officials said.")
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Kowalski": PERSON, "Pedro Costa": PERSON,
                                    "Porto": PLACE, "Lisbon": PLACE})
    assert len(ms) == 2


def test_a_share_of_people_is_those_people(nlp):
    text = "Some of the mayor's advisers, including his wife, Maria Costa, also were at the meeting."
    ms, names = meetings_of(nlp, text, {"Maria Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Maria Costa"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["the mayor's advisers"]


def test_a_persons_operation_is_not_the_person(nlp):
    text = "Behind the scenes, trusted aides have talked with Anna Berg's operation about the best steps."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == set()
