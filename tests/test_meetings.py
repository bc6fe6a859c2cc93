"""Meetings stage: triggers, participants, place, status, merging, statement links (issue 7)."""

from __future__ import annotations

import re
from datetime import date

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
    # the executives, not the company they work for (issue 12: "GOP leaders" are not the GOP)
    assert sorted(s.text for s in ms[0].unresolved_participant_spans) == ["Apple executives", "film studios"]
    new, updated = participant_entities(ms, entities_for(text, {"Apple": ORGANISATION}))
    assert sorted((e.name, e.type) for e in new) == [("Apple executives", PERSON), ("film studios", ORGANISATION)]
    assert all(e.key in updated[0].participants for e in new)


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


# ------------------------------------------------------------------------- what is a meeting (issue 12)
@pytest.mark.parametrize("text", [
    "Hillary Clinton attacked Donald Trump at the debate on Monday.",
    "Hillary Clinton said in an interview with Donald Trump that taxes would rise.",
    "Hillary Clinton endorsed Donald Trump during a conference call with reporters.",
    "Donald Trump spoke with voters outside the polling station.",
    "Donald Trump accused Hillary Clinton at a town hall meeting in Buffalo.",
    "Hillary Clinton's meetings with Donald Trump were many.",
    "Hillary Clinton's campaign made phone calls to Donald Trump.",
])
def test_debates_interviews_audiences_and_plurals_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Hillary Clinton": PERSON, "Donald Trump": PERSON})
    assert ms == []


def test_an_interview_by_investigators_is_a_meeting(nlp):
    ms, names = meetings_of(nlp, "FBI officials will interview Huma Abedin next week.",
                            {"FBI": ORGANISATION, "Huma Abedin": PERSON})
    assert len(ms) == 1 and ms[0].status == PLANNED
    assert "Huma Abedin" in participants(ms[0], names)


@pytest.mark.parametrize("text", [
    "People I have met are uninvolved voters, Bernie Sanders said.",
    "Bernie Sanders meets voters every day.",
    "Would you come and meet Bernie Sanders?",
    "Bernie Sanders said he would be honored to meet Pope Francis.",
    "Pope Francis has no plans to meet Bernie Sanders.",
    "I've met Bernie Sanders on more than one occasion.",
    "Those who met Bernie Sanders gave money.",
    "Pope Francis was excited to meet Bernie Sanders.",
    "Bernie Sanders gave voters an opportunity to meet Pope Francis.",
])
def test_generic_habitual_and_hypothetical_uses_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Bernie Sanders": PERSON, "Pope Francis": PERSON})
    assert ms == []


@pytest.mark.parametrize("text", [
    "We struggle to make ends meet.",
    "It is a threshold met only by Donald Trump and Ted Cruz.",
    "Think Donald Trump meets Ted Cruz.",
])
def test_other_senses_of_meet_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Donald Trump": PERSON, "Ted Cruz": PERSON})
    assert ms == []


def test_a_clause_at_a_meeting_gives_its_subject_not_its_object(nlp):
    text = "Donald Trump accused Ted Cruz during a meeting with Paul Ryan."
    ms, names = meetings_of(nlp, text, {"Donald Trump": PERSON, "Ted Cruz": PERSON, "Paul Ryan": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Donald Trump", "Paul Ryan"}


def test_their_meeting_is_the_coordinated_pair(nlp):
    text = "Donald Trump and Paul Ryan issued a statement describing their meeting."
    ms, names = meetings_of(nlp, text, {"Donald Trump": PERSON, "Paul Ryan": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Donald Trump", "Paul Ryan"}


def test_no_word_cut_from_a_longer_name_is_a_participant(nlp):
    text = "Secretary of State John Kerry met Sergey Lavrov at a Group of 20 meeting."
    ms, names = meetings_of(nlp, text, {"State": ORGANISATION, "John Kerry": PERSON, "Sergey Lavrov": PERSON,
                                        "Group": ORGANISATION})
    assert len(ms) == 1 and participants(ms[0], names) == {"John Kerry", "Sergey Lavrov"}


def test_a_dateline_is_never_a_participant(nlp):
    text = "Trump and Ryan pledge unity\nWASHINGTON (AP) — Paul Ryan met Donald Trump on Thursday."
    ms, names = meetings_of(nlp, text, {"WASHINGTON": PLACE, "Paul Ryan": PERSON, "Donald Trump": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Paul Ryan", "Donald Trump"}


def test_a_visit_is_to_a_government_not_a_campaign_stop(nlp):
    ms, _ = meetings_of(nlp, "Hillary Clinton plans to visit Charlotte on Sunday.",
                        {"Hillary Clinton": PERSON, "Charlotte": PLACE})
    assert ms == []
    ms, names = meetings_of(nlp, "Joe Biden visited Turkey on Wednesday.", {"Joe Biden": PERSON, "Turkey": PLACE})
    assert len(ms) == 1 and names[ms[0].location] == "Turkey"


def test_invited_to_a_meeting(nlp):
    text = "Enrique Peña Nieto invited Donald Trump to a meeting in Mexico City."
    ms, names = meetings_of(nlp, text, {"Enrique Peña Nieto": PERSON, "Donald Trump": PERSON, "Mexico City": PLACE})
    assert len(ms) == 1 and participants(ms[0], names) == {"Enrique Peña Nieto", "Donald Trump"}
    assert names[ms[0].host] == "Enrique Peña Nieto"


def test_breakfast_with_and_a_relative_pronoun_subject(nlp):
    text = "Washington welcomed Aung San Suu Kyi, who had breakfast with Joe Biden."
    ms, names = meetings_of(nlp, text, {"Aung San Suu Kyi": PERSON, "Joe Biden": PERSON, "Washington": PLACE})
    assert len(ms) == 1 and participants(ms[0], names) == {"Aung San Suu Kyi", "Joe Biden"}


def test_my_in_a_quotation_is_its_speaker(nlp):
    text = '"In my first meeting with Thein Sein, he was frank," Derek Mitchell said.'
    doc = nlp(text)
    ents = entities_for(text, {"Thein Sein": PERSON, "Derek Mitchell": PERSON})
    content = Span.of(text, 1, text.index(',"'))
    said = text.index("said")
    quote = Statement("s0", [content], DIRECT, [Span.of(text, said, said + 4)], speaker="e1")
    ms = find_meetings(doc, ents, [], [quote])
    assert len(ms) == 1 and set(ms[0].participants) == {"e0", "e1"}


def test_two_occasions_are_never_merged(nlp):
    text = ("Joe Biden visited Israel in March 2010. Barack Obama was furious, "
            "which led to the tense meeting at the White House.")
    ms, _ = meetings_of(nlp, text, {"Joe Biden": PERSON, "Israel": PLACE, "Barack Obama": PERSON,
                                    "White House": ORGANISATION})
    assert [m.trigger.text for m in ms] == ["visited", "meeting"]
    assert all(not m.extra_triggers for m in ms)
    text = "Ali Hassan met Vladimir Putin in Moscow. They met again a year later."
    ms, names = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE})
    assert len(ms) == 2 and all(participants(m, names) == {"Ali Hassan", "Vladimir Putin"} for m in ms)


def test_a_call_needs_two_ends(nlp):
    ms, _ = meetings_of(nlp, "In October, Bill Ackman held a conference call to defend Valeant.",
                        {"Bill Ackman": PERSON, "Valeant": ORGANISATION})
    assert ms == []


@pytest.mark.parametrize("text", [
    "Verizon brought in workers from Connecticut to meet the labor shortfall.",
    "Democrats have pushed for new negotiations with Verizon.",
    "Ted Cruz will meet with any candidate who asks.",
    "Senate Republicans expressed a willingness to take a courtesy meeting with Ted Cruz.",
    "Dorothy Woods discussed the controversy with radio host Hugh Hewitt on Thursday.",
    "Dorothy Woods was on that trip with several other family members.",
    "The Huffington Post spoke with Ted Cruz on its podcast.",
])
def test_demands_generic_parties_the_press_and_companions_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Verizon": ORGANISATION, "Ted Cruz": PERSON, "Dorothy Woods": PERSON,
                                    "Hugh Hewitt": PERSON, "The Huffington Post": ORGANISATION})
    assert ms == []


def test_a_meeting_dated_after_publication_is_planned(nlp):
    text = "As a July NATO summit in Warsaw approaches, Germany is key."
    doc = nlp(text)
    ents = entities_for(text, {"NATO": ORGANISATION, "Warsaw": PLACE, "Germany": PLACE})
    july = TimeExpression("t0", Span.of(text, 5, 9), "DATE", "2016-07")
    (m,) = find_meetings(doc, ents, [july], [], published=date(2016, 6, 7))
    assert m.status == PLANNED and m.date == "2016-07"
    (m,) = find_meetings(doc, ents, [july], [], published=date(2016, 8, 1))
    assert m.status == OCCURRED


def test_requester_and_relative_passive_subject_take_part(nlp):
    ms, names = meetings_of(nlp, "Megyn Kelly requested a meeting with Donald Trump.",
                            {"Megyn Kelly": PERSON, "Donald Trump": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Megyn Kelly", "Donald Trump"}
    text = "It was the idea of Bob Brown, who was persuaded to support Ted Cruz after meeting Rafael Cruz."
    ms, names = meetings_of(nlp, text, {"Bob Brown": PERSON, "Ted Cruz": PERSON, "Rafael Cruz": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Bob Brown", "Rafael Cruz"}


def test_a_name_the_parser_made_a_modifier_still_takes_part(nlp):
    text = "She wrote, recalling the meeting between Reagan and Soviet leader Mikhail Gorbachev, that it mattered."
    ms, names = meetings_of(nlp, text, {"Reagan": PERSON, "Mikhail Gorbachev": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Reagan", "Mikhail Gorbachev"}
    assert not ms[0].unresolved_participant_spans  # "Soviet leader" is Gorbachev's title, no third party


def test_the_talks_far_from_a_meeting_are_not_that_meeting(nlp):
    text = ("Ali Hassan met Vladimir Putin in Moscow. Prices rose. Markets fell. Banks closed. Ships sailed. "
            "Reporters wrote updates on the budget negotiations.")
    ms, _ = meetings_of(nlp, text, {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE})
    assert len(ms) == 1 and ms[0].extra_triggers == []
    ms, _ = meetings_of(nlp, "Ali Hassan met Vladimir Putin in Moscow. Prices rose. The talks covered trade.",
                        {"Ali Hassan": PERSON, "Vladimir Putin": PERSON, "Moscow": PLACE})
    assert len(ms) == 1 and [s.text for s in ms[0].extra_triggers] == ["talks"]


@pytest.mark.parametrize("text", [
    "Meet Ted Cruz not once, but twice, and keep coming back.",
    "Ted Cruz tried to attend every local meeting with Bob Brown.",
    "Ted Cruz and Bob Brown have met over the years in the lobby.",
    "Ted Cruz has met previously with Bob Brown.",
    "Ted Cruz told the Bob Brown meeting in Washington that he would win.",
    "Ted Cruz promised to be neutral in negotiations between Bob Brown and Verizon.",
])
def test_advice_habits_speeches_and_stances_are_not_meetings(nlp, text):
    ms, _ = meetings_of(nlp, text, {"Ted Cruz": PERSON, "Bob Brown": PERSON, "Verizon": ORGANISATION,
                                    "Washington": PLACE})
    assert ms == []


def test_emerging_from_a_meeting_takes_part(nlp):
    ms, names = meetings_of(nlp, "Bernie Sanders said he would win as he emerged from the meeting with Barack Obama.",
                            {"Bernie Sanders": PERSON, "Barack Obama": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Bernie Sanders", "Barack Obama"}


def test_a_date_of_another_clause_does_not_date_the_meeting(nlp):
    text = "Donald Trump's visit to Mexico reminds her of the trip Reagan made to Geneva in 1985."
    t = TimeExpression("t0", Span.of(text, text.index("1985"), text.index("1985") + 4), "DATE", "1985")
    ms, _ = meetings_of(nlp, text, {"Donald Trump": PERSON, "Mexico": PLACE, "Reagan": PERSON, "Geneva": PLACE}, [t])
    visit = next(m for m in ms if m.trigger.text == "visit")
    assert visit.date is None


@pytest.mark.parametrize("text", [
    "The talks moved to China, where John Kerry met with Sergey Lavrov.",
    "John Kerry is scheduled to meet with Sergey Lavrov.",
])
def test_relative_and_scheduled_meetings_stay(nlp, text):
    ms, names = meetings_of(nlp, text, {"John Kerry": PERSON, "Sergey Lavrov": PERSON, "China": PLACE})
    assert any(participants(m, names) == {"John Kerry", "Sergey Lavrov"} for m in ms)


def test_including_names_more_parties_and_reporters_are_the_press(nlp):
    text = "Merrick Garland visited the Capitol to meet with top Senate Democrats, including Harry Reid and Pat Leahy."
    ms, names = meetings_of(nlp, text, {"Merrick Garland": PERSON, "Harry Reid": PERSON, "Pat Leahy": PERSON})
    assert any({"Merrick Garland", "Harry Reid", "Pat Leahy"} <= participants(m, names) for m in ms)
    ms, _ = meetings_of(nlp, "Joe Biden spoke with Washington Post reporter Jim Tankersley.",
                        {"Joe Biden": PERSON, "Jim Tankersley": PERSON})
    assert ms == []
