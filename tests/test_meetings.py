"""Meetings stage: triggers, participants, place, status, merging, statement links (issue 7)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import (CANCELLED, DIRECT, INDIRECT, OCCURRED, ORGANISATION, PERSON, PLACE, PLANNED, Entity,
                      Meeting, Mention, Span, Statement, TimeExpression)
from kg.nlp.meetings import find_meetings, link_statements, participant_entities, sentences, trigger_words


def entities_for(text: str, names: dict[str, str]) -> list[Entity]:
    """An entity per name (name -> type) with every occurrence of it in ``text`` as a mention."""
    out = []
    for n, (name, etype) in enumerate(names.items()):
        spans = [Span.of(text, m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        out.append(Entity(f"e{n}", etype, name, [Mention(s) for s in spans]))
    return out


def meetings_of(nlp, text: str, names: dict[str, str], timexes: list[TimeExpression] | None = None):
    doc = nlp(text)
    ents = entities_for(text, names)
    return find_meetings(doc, ents, timexes or [], []), {e.key: e.name for e in ents}


def participants(meeting: Meeting, names: dict[str, str]) -> set[str]:
    return {names[k] for k in meeting.participants}


def test_trigger_lexicon_is_data():
    table = trigger_words()
    assert "meet" in table and "summit" in table and "phone" in table


def test_met_with_subject_object_and_place(nlp):
    text = "On Tuesday, Ali Hassan and Omar Farouk met Vladimir Putin in Moscow."
    ms, names = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON,
                                        "Vladimir Putin": PERSON, "Moscow": PLACE})
    assert len(ms) == 1
    m = ms[0]
    assert m.trigger.text == "met"
    assert participants(m, names) == {"Ali Hassan", "Omar Farouk", "Vladimir Putin"}
    assert names[m.location] == "Moscow" and m.location_span.text == "Moscow"
    assert m.status == OCCURRED
    assert "Multilateral" in m.kinds
    for key, span in zip(m.participants, m.participant_spans):
        assert span.text == text[span.begin:span.end]


def test_date_comes_from_the_clause(nlp):
    text = "On Tuesday, Ali Hassan met Vladimir Putin in Moscow."
    t = TimeExpression("t0", Span.of(text, 3, 10), "DATE", "2025-12-23")
    ms, _ = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE}, [t])
    assert ms[0].date == "2025-12-23" and ms[0].time == "t0"


def test_will_meet_is_planned_never_occurred(nlp):
    text = "Sergey Lavrov will meet Antony Blinken next week."
    ms, names = meetings_of(nlp, text, {"Sergey Lavrov": PERSON, "Antony Blinken": PERSON})
    assert len(ms) == 1
    assert ms[0].status == PLANNED
    assert participants(ms[0], names) == {"Sergey Lavrov", "Antony Blinken"}


@pytest.mark.parametrize("text", [
    "Sergey Lavrov agreed to meet Antony Blinken in Geneva.",
    "Sergey Lavrov plans to visit Antony Blinken.",
    "A summit between Sergey Lavrov and Antony Blinken is scheduled for June.",
])
def test_planned_forms(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Sergey Lavrov": PERSON, "Antony Blinken": PERSON, "Geneva": PLACE})
    assert ms and all(m.status == PLANNED for m in ms)


def test_called_off_is_cancelled(nlp):
    text = "The White House called off a planned meeting with Rodrigo Duterte."
    ms, names = meetings_of(nlp, text, {"White House": ORGANISATION, "Rodrigo Duterte": PERSON})
    assert len(ms) == 1 and ms[0].status == CANCELLED
    assert "Rodrigo Duterte" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "Sergey Lavrov did not meet Antony Blinken.",
    "Sergey Lavrov refused to meet Antony Blinken.",
    "There was no meeting between Sergey Lavrov and Antony Blinken.",
    "The company met the deadline.",
    "Sergey Lavrov told a press conference that talks were useful.",
])
def test_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Sergey Lavrov": PERSON, "Antony Blinken": PERSON})
    assert [m.trigger.text for m in ms if m.trigger.text in ("meet", "met", "conference")] == []


def test_with_phrase_and_pronoun(nlp):
    text = "Barack Obama arrived in Laos. He met with Bounnhang Vorachit."
    ms, names = meetings_of(nlp, text, {"Barack Obama": PERSON, "Bounnhang Vorachit": PERSON, "Laos": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Barack Obama", "Bounnhang Vorachit"}
    assert Span.of(text, 30, 32) in ms[0].participant_spans  # "He", the words naming him here


def test_visit_place_and_host(nlp):
    ms, names = meetings_of(nlp, "In October, Ahmad Al Shara visited Russia.",
                            {"Ahmad Al Shara": PERSON, "Russia": PLACE})
    assert len(ms) == 1 and "Visit" in ms[0].kinds
    assert participants(ms[0], names) == {"Ahmad Al Shara"} and names[ms[0].location] == "Russia"
    ms, names = meetings_of(nlp, "Vladimir Putin hosted Narendra Modi in Moscow.",
                            {"Vladimir Putin": PERSON, "Narendra Modi": PERSON, "Moscow": PLACE})
    assert len(ms) == 1 and names[ms[0].host] == "Vladimir Putin"
    assert participants(ms[0], names) == {"Vladimir Putin", "Narendra Modi"}


def test_delegation_led_by(nlp):
    text = "A delegation led by Wang Yi met Sergey Lavrov."
    ms, names = meetings_of(nlp, text, {"Wang Yi": PERSON, "Sergey Lavrov": PERSON})
    assert participants(ms[0], names) == {"Wang Yi", "Sergey Lavrov"}


def test_phone_call(nlp):
    text = "Joe Biden spoke by phone with Emmanuel Macron on Monday."
    ms, names = meetings_of(nlp, text, {"Joe Biden": PERSON, "Emmanuel Macron": PERSON})
    assert len(ms) == 1 and "PhoneCall" in ms[0].kinds
    assert participants(ms[0], names) == {"Joe Biden", "Emmanuel Macron"}


def test_talks_refer_back_to_the_meeting(nlp):
    text = ("Ali Hassan met Vladimir Putin in Moscow. The talks covered trade. "
            "The two sides also discussed energy with each other. The meeting addressed security.")
    ms, names = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE})
    assert len(ms) == 1
    assert {s.text for s in ms[0].extra_triggers} >= {"talks", "meeting"}


def test_different_participants_are_different_meetings(nlp):
    text = "Ali Hassan met Vladimir Putin on Monday. Omar Farouk met Joe Biden on Friday."
    ms, _ = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON,
                                    "Omar Farouk": PERSON, "Joe Biden": PERSON})
    assert len(ms) == 2


def test_one_meeting_for_a_verb_and_its_object(nlp):
    text = "Jeh Johnson convened a conference call with Kate Brown."
    ms, names = meetings_of(nlp, text, {"Jeh Johnson": PERSON, "Kate Brown": PERSON})
    assert len(ms) == 1 and "PhoneCall" in ms[0].kinds
    assert [s.text for s in ms[0].extra_triggers] == ["conference call"]


def test_unresolved_participants_become_entities(nlp):
    text = "Apple executives are in negotiations with film studios."
    ms, names = meetings_of(nlp, text, {"Apple": ORGANISATION})
    assert len(ms) == 1
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["film studios"]
    new, updated = participant_entities(ms, entities_for(text, {"Apple": ORGANISATION}))
    assert [(e.name, e.type) for e in new] == [("film studios", ORGANISATION)]
    assert new[0].key in updated[0].participants


def test_link_statement_made_after_meeting(nlp):
    text = "Asaad Al Shibani said after a meeting in Moscow with Sergey Lavrov that ties were good."
    doc = nlp(text)
    ents = entities_for(text, {"Asaad Al Shibani": PERSON, "Sergey Lavrov": PERSON, "Moscow": PLACE})
    ms = find_meetings(doc, ents, [], [])
    cue = Span.of(text, text.index("said"), text.index("said") + 4)
    content = Span.of(text, text.index("ties"), len(text) - 1)
    st_ = Statement("s0", [content], INDIRECT, [cue], speaker="e0")
    other = Statement("s1", [content], DIRECT, [Span.of(text, 0, 6)])
    linked = link_statements(doc, [st_, other], ms)
    assert linked[0].meeting == ms[0].key
    assert linked[1].meeting is None


def test_line_breaks_end_sentences(nlp):
    doc = nlp("Aeroflot negotiates purchase of new aircraft\nRussian carrier Aeroflot has ordered jets.")
    assert [s.text for s in sentences(doc)] == ["Aeroflot negotiates purchase of new aircraft",
                                              "Russian carrier Aeroflot has ordered jets."]


def test_seed_gives_exactly_three_meetings(seed_extraction):
    x = seed_extraction
    name = {e.key: e.name for e in x.entities}
    found = {frozenset(name[k] for k in m.participants): m for m in x.meetings}
    assert len(x.meetings) == 3
    moscow_talks = next(m for ks, m in found.items() if any("Lavrov" in k for k in ks))
    assert any("Shibani" in k for k in (name[p] for p in moscow_talks.participants))
    assert name[moscow_talks.location] == "Moscow" and moscow_talks.date == "2025-12-24"
    putin = next(m for ks, m in found.items() if any("Putin" in k for k in ks))
    assert len(putin.participants) == 3 and name[putin.location] == "Moscow" and putin.date == "2025-12-23"
    assert {s.text for s in putin.extra_triggers} == {"talks", "meeting"}
    visit = next(m for m in x.meetings if "Visit" in m.kinds)
    assert [name[k] for k in visit.participants] == ["Ahmad Al Shara"] and name[visit.location] == "Russia"
    (october,) = [t for t in x.time_expressions if t.span.text.endswith("October")]
    assert october.value == "2025-10" and visit.date == "2025-10" and visit.time == october.key


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Ali", "met", "meeting", "talks", "with", "Bob", "in", "Paris", "the", "will",
                                 "visit", "summit", ".", ",", "\n", "he", "called", "off", "phone", "call",
                                 "two", "sides", "x", "Ça", "🙂"]), max_size=30))
def test_any_text_gives_spans_that_match_it(nlp, words):
    text = " ".join(words)
    ms, _ = meetings_of(nlp, text, {"Ali": PERSON, "Bob": PERSON, "Paris": PLACE})
    for m in ms:
        for s in [m.trigger, *m.extra_triggers, *m.participant_spans, *m.unresolved_participant_spans,
                  *([m.location_span] if m.location_span else [])]:
            assert s.text == text[s.begin:s.end]
        assert len(m.participants) == len(m.participant_spans)
        assert m.status in (OCCURRED, PLANNED, CANCELLED)


def test_received_a_call_is_a_call_not_a_visit(nlp):
    text = "Emmanuel Macron received a phone call from Joe Biden."
    ms, names = meetings_of(nlp, text, {"Emmanuel Macron": PERSON, "Joe Biden": PERSON})
    assert len(ms) == 1 and "PhoneCall" in ms[0].kinds and ms[0].host is None
    assert participants(ms[0], names) == {"Emmanuel Macron", "Joe Biden"}


def test_dateline_gives_the_place(nlp):
    text = "MOSCOW, Dec 24 (Reuters) - Sergey Lavrov met Asaad Al Shibani on Wednesday."
    ms, names = meetings_of(nlp, text, {"MOSCOW": PLACE, "Sergey Lavrov": PERSON, "Asaad Al Shibani": PERSON})
    assert len(ms) == 1 and names[ms[0].location] == "MOSCOW"
    ms, names = meetings_of(nlp, "Moscow is cold. Sergey Lavrov met Asaad Al Shibani.",
                            {"Moscow": PLACE, "Sergey Lavrov": PERSON, "Asaad Al Shibani": PERSON})
    assert ms[0].location is None


def test_link_participant_report_and_continuation(nlp):
    text = ("Ali Hassan met Vladimir Putin in Moscow on Monday. "
            "Ali Hassan said he discussed trade with Vladimir Putin. "
            "He said the talks were useful. "
            "Omar Farouk said prices would fall.")
    doc = nlp(text)
    ents = entities_for(text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Omar Farouk": PERSON,
                               "Moscow": PLACE})
    ms = find_meetings(doc, ents, [], [])

    def statement(key, content, cue, speaker):
        b = text.index(content)
        c = text.index(cue, text.index(content) - 40)
        return Statement(key, [Span.of(text, b, b + len(content))], INDIRECT, [Span.of(text, c, c + len(cue))],
                         speaker=speaker)
    report = statement("s0", "he discussed trade with Vladimir Putin", "said", "e0")
    follow = statement("s1", "the talks were useful", "said", "e0")
    other = statement("s2", "prices would fall", "said", "e2")
    linked = link_statements(doc, [report, follow, other], ms)
    assert linked[0].meeting is not None
    assert linked[1].meeting == linked[0].meeting
    assert linked[2].meeting is None


@pytest.mark.parametrize("text", [
    "Ali Hassan visited a popular zoo on Sunday.",
    "The reform has been met with opposition from Ali Hassan.",
    "Ali Hassan was pleased to receive the endorsement of Omar Farouk.",
])
def test_not_meetings_with_people_around(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Omar Farouk": PERSON})
    assert ms == []


def test_visited_person_is_the_host(nlp):
    text = "Narendra Modi visited Vladimir Putin in Moscow."
    ms, names = meetings_of(nlp, text, {"Vladimir Putin": PERSON, "Narendra Modi": PERSON, "Moscow": PLACE})
    assert len(ms) == 1 and names[ms[0].host] == "Vladimir Putin"
    assert participants(ms[0], names) == {"Vladimir Putin", "Narendra Modi"}
