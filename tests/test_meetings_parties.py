"""Meetings: parties the parser hides behind a misparse, and dates that only bound a meeting (issue 12)."""

from __future__ import annotations

import pytest

from kg.model import NOMINAL, OCCURRED, ORGANISATION, PERSON, PLACE, PLANNED, PRONOUN, Entity, Mention, Span, TimeExpression
from kg.nlp.meetings import find_meetings
from tests.test_meetings import entities_for, meetings_of, participants


@pytest.mark.parametrize("text", [
    "On Monday, Anna Berg was filming television shows and meeting with Pedro Costa.",
    "Anna Berg spent the day visiting hospitals and meeting with Pedro Costa.",
    "Mr. Berg spent the morning visiting schools and meeting with Pedro Costa.",
])
def test_a_gerund_joined_to_another_gerunds_object_shares_its_subject(nlp, text):
    berg = "Mr. Berg" if "Mr. Berg" in text else "Anna Berg"
    ms, names = meetings_of(nlp, text, {berg: PERSON, "Pedro Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {berg, "Pedro Costa"}


def _dated(nlp, text: str, when: str, value: str):
    begin = text.index(when)
    t = TimeExpression("t0", Span.of(text, begin, begin + len(when)), "DATE", value)
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE}, [t])
    assert len(ms) == 1
    return ms[0]


@pytest.mark.parametrize("text", [
    "Anna Berg said she will meet Pedro Costa in Lisbon before January.",
    "Anna Berg will meet Pedro Costa in Lisbon by January.",
    "Anna Berg has held talks with Pedro Costa in Lisbon since January.",
    "Anna Berg will meet Pedro Costa in Lisbon ahead of January.",
])
def test_a_date_that_bounds_the_meeting_does_not_date_it(nlp, text):
    assert _dated(nlp, text, "January", "2017-01").date is None


def test_a_date_of_the_meeting_still_dates_it(nlp):
    m = _dated(nlp, "Anna Berg will meet Pedro Costa in Lisbon in January.", "January", "2017-01")
    assert m.date == "2017-01"


@pytest.mark.parametrize("text", [
    "Anna Berg met the man she is seeking to succeed in Lisbon on Monday.",
    "Anna Berg met a woman in Lisbon on Monday.",
])
def test_a_participant_that_says_only_someone_is_left_out(nlp, text):
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg"}
    assert ms[0].unresolved_participant_spans == []


def test_a_participant_with_words_that_tell_who_stays(nlp):
    ms, _ = meetings_of(nlp, "Anna Berg met young activists in Lisbon on Monday.", {"Anna Berg": PERSON, "Lisbon": PLACE})
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["young activists"]


def test_a_pronoun_opening_a_sentence_goes_on_with_the_subject_before(nlp):
    text = ("Pedro Costa wants changes. The animating question for people close to the Costa operation now is "
            "not whether he slides out of the race before the convention, but how he finds a comfortable position "
            "campaigning against Donald Trump while still agitating for his desired changes within the party. "
            "His one-on-one meeting with Anna Berg in Lisbon on Tuesday night is an important step.")
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Donald Trump": PERSON, "Anna Berg": PERSON,
                                        "Lisbon": PLACE})
    assert participants(ms[-1], names) == {"Pedro Costa", "Anna Berg"}


def test_a_relative_who_is_the_subject_a_pronoun_goes_on_with(nlp):
    text = "Portugal welcomed Anna Berg, who had breakfast with Vice President Novak. She will meet Jan Kowalski on Thursday."
    ms, names = meetings_of(nlp, text, {"Portugal": PLACE, "Anna Berg": PERSON, "Novak": PERSON, "Jan Kowalski": PERSON})
    assert participants(ms[-1], names) == {"Anna Berg", "Jan Kowalski"}


def test_a_body_named_by_its_own_words_is_not_the_organisation_named_before(nlp):
    text = ("A letter calls for respect for LGBT people. "
            "As the platform committee meets in Cleveland on Monday, the move comes from Anna Berg.")
    doc = nlp(text)
    nominal = text.index("the platform committee")
    lgbt = Entity("e0", ORGANISATION, "LGBT", [Mention(Span.of(text, text.index("LGBT"), text.index("LGBT") + 4)),
                                                Mention(Span.of(text, nominal, nominal + 22), NOMINAL)])
    cleveland = Entity("e1", PLACE, "Cleveland", [Mention(Span.of(text, text.index("Cleveland"), text.index("Cleveland") + 9))])
    ms = find_meetings(doc, [lgbt, cleveland], [], [])
    assert len(ms) == 1
    assert "e0" not in ms[0].participants
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["the platform committee"]


def test_a_line_without_a_full_stop_keeps_its_own_subject(nlp):
    text = ("Jan Novak says the whole system has failed the athletes around the world on Friday\n"
            "Lord Berg and council convened to decide whether to suspend the athletes from competition\n"
            "Officials of the federation spoke to the press on Friday\n")
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Berg": PERSON})
    assert len(ms) == 1 and ms[0].trigger.text == "convened"
    assert participants(ms[0], names) == {"Berg"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["council"]


def test_a_body_of_an_organisation_named_in_its_words_is_that_organisation(nlp):
    text = "The endorsement is a foregone conclusion when the Acme Union general board meets in Cleveland on June 16."
    doc = nlp(text)
    nominal, name = text.index("the Acme Union general board"), text.index("Acme Union")
    union = Entity("e0", ORGANISATION, "Acme Union", [Mention(Span.of(text, nominal, nominal + 28), NOMINAL),
                                                      Mention(Span.of(text, name, name + 10))])
    cleveland = Entity("e1", PLACE, "Cleveland", [Mention(Span.of(text, text.index("Cleveland"), text.index("Cleveland") + 9))])
    ms = find_meetings(doc, [union, cleveland], [], [])
    assert len(ms) == 1 and ms[0].participants == ["e0"]


def test_titles_right_before_a_name_are_that_party_not_parties_of_their_own(nlp):
    text = "Following a breakfast with civil rights leader and television host Al Sharpton, Anna Berg is scheduled to appear on television."
    ms, names = meetings_of(nlp, text, {"Al Sharpton": PERSON, "Anna Berg": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Al Sharpton", "Anna Berg"}
    assert ms[0].unresolved_participant_spans == []


@pytest.mark.parametrize("text, speaker", [
    ("Jan Novak arrived on Monday. During her meeting with Pedro Gomez in Lisbon on Tuesday, Anna Berg said "
     "the talks went well.", "Anna Berg"),
    ("Donald Trump spoke on Monday. In his first meeting with Vladimir Putin on Tuesday, Barack Obama said little.",
     "Barack Obama"),
    ("Donald Trump spoke on Monday. Following his meeting with Vladimir Putin, Barack Obama met with reporters.",
     "Barack Obama"),
])
def test_a_possessive_before_its_clauses_subject_is_that_subject(nlp, text, speaker):
    others = [n for n in ("Jan Novak", "Pedro Gomez", "Anna Berg", "Donald Trump", "Vladimir Putin", "Barack Obama")
              if n in text]
    ms, names = meetings_of(nlp, text, {n: PERSON for n in others})
    guest = "Pedro Gomez" if "Pedro Gomez" in text else "Vladimir Putin"
    assert [participants(m, names) for m in ms] == [{speaker, guest}]


def test_a_generic_you_in_the_present_is_no_occasion(nlp):
    text = 'Anna Berg praised Pedro Gomez. "When you meet him, you see something special in his face," she said.'
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Gomez": PERSON})
    assert ms == []


def test_you_will_meet_is_still_a_plan(nlp):
    ms, _ = meetings_of(nlp, "Anna Berg told Pedro Gomez: you will meet Jan Kowalski in Lisbon on Friday.",
                        {"Anna Berg": PERSON, "Pedro Gomez": PERSON, "Jan Kowalski": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1


def test_an_adjective_does_not_make_a_nominal_another_body(nlp):
    text = ("The Federal Reserve kept rates unchanged. The central bank, which has held short-term rates near zero "
            "since 2008, is expected to act at its final meeting of the year in Washington.")
    doc = nlp(text)
    bank = text.index("The central bank")
    fed = Entity("e0", ORGANISATION, "Federal Reserve", [Mention(Span.of(text, 4, 19)),
                                                         Mention(Span.of(text, bank, bank + 16), NOMINAL)])
    washington = Entity("e1", PLACE, "Washington", [Mention(Span.of(text, text.index("Washington"), len(text) - 1))])
    ms = find_meetings(doc, [fed, washington], [], [])
    assert [m.participants for m in ms] == [["e0"]]
    assert ms[0].unresolved_participant_spans == []


def test_a_preposition_shares_the_object_of_the_next_coordinated_verb(nlp):
    text = "Anna Berg was among the pastors who met with and prayed over Jan Kowalski in late September."
    begin = text.index("late September")
    t = TimeExpression("t0", Span.of(text, begin, begin + 14), "DATE", "2016-09")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Kowalski": PERSON}, [t])
    assert len(ms) == 1 and "Jan Kowalski" in participants(ms[0], names)


def test_a_meeting_whose_purpose_is_given_happened(nlp):
    text = "Anna Berg's meeting with the Democrats on Capitol Hill was aimed at explaining the new rules."
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Capitol Hill": PLACE})
    assert [m.status for m in ms] == [OCCURRED]


@pytest.mark.parametrize("text, status", [
    ("The Acme Council is expected to act at its final meeting of the year in Lisbon.", PLANNED),
    ("The Acme Council asked questions during its meeting in Lisbon.", OCCURRED),
    ("The Acme Council called for unity at its meeting in Lisbon.", OCCURRED),
])
def test_what_is_to_come_at_a_meeting_makes_it_planned(nlp, text, status):
    ms, _ = meetings_of(nlp, text, {"Acme Council": ORGANISATION, "Lisbon": PLACE})
    assert [m.status for m in ms] == [status]


_BODY = ("Anna Berg met Pedro Costa during a summit of European leaders in Lisbon on Monday, after days of "
         "talks between the two countries about the budget of the city and the plans of the two councils.")
_NAMES = {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE}


def test_a_headline_meeting_is_the_meeting_the_body_opens_with_as_a_verb(nlp):
    text = "No common ground found during meeting in Lisbon.\n\n" + _BODY
    ms, names = meetings_of(nlp, text, _NAMES)
    headline = [m for m in ms if m.trigger.text == "meeting"]
    assert len(headline) == 1 and any(t.text == "met" for t in headline[0].extra_triggers)
    assert {"Anna Berg", "Pedro Costa"} <= participants(headline[0], names)


def test_a_title_and_its_subtitle_on_two_lines_are_both_headlines(nlp):
    text = ("Europe presses for a budget deal despite the many policy snags of the two councils; \n"
            "No common ground found during meeting in Lisbon.\n\nABSTRACT.\n\n" + _BODY)
    ms, names = meetings_of(nlp, text, _NAMES)
    headline = [m for m in ms if m.trigger.text == "meeting"]
    assert len(headline) == 1 and any(t.text == "met" for t in headline[0].extra_triggers)
    assert headline[0].location is not None


@pytest.mark.parametrize("text", [
    "Anna Berg met activists and officials like Jan Kowalski in Lisbon.",
    "Anna Berg met activists and officials, including Jan Kowalski, in Lisbon.",
])
def test_a_named_member_of_a_coordinated_party_phrase_takes_part(nlp, text):
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Jan Kowalski": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Jan Kowalski"}


def test_a_pronoun_coreference_linked_to_the_other_party_is_someone_else(nlp):
    text = "Pedro Costa spoke to reporters. In addition to a private meeting he had with Anna Berg a year ago, he also called Jan Novak."
    costa, berg, novak = entities_for(text, {"Pedro Costa": PERSON, "Anna Berg": PERSON, "Jan Novak": PERSON})
    he = text.index(" he had") + 1
    # coreference made the "he" a mention of the one it met
    berg = Entity(berg.key, PERSON, berg.name, [*berg.mentions, Mention(Span.of(text, he, he + 2), PRONOUN)])
    ms = find_meetings(nlp(text), [costa, berg, novak], [], [])
    meeting = next(m for m in ms if m.trigger.text == "meeting")
    assert set(meeting.participants) == {costa.key, berg.key}


def test_whom_the_sentence_counts_among_a_group_of_parties_takes_part(nlp):
    text = "Jan Novak was among the 30 or so pastors and Christian leaders who met with Anna Berg in late September."
    begin = text.index("late September")
    when = TimeExpression("t0", Span.of(text, begin, begin + 14), "DATE", "2015-09")
    ms, names = meetings_of(nlp, text, {"Jan Novak": PERSON, "Anna Berg": PERSON}, [when])
    assert len(ms) == 1 and {"Jan Novak", "Anna Berg"} <= participants(ms[0], names)


def test_a_she_coreference_linked_to_a_man_is_resolved_again(nlp):
    text = "Anna Berg recounted the incident on Pedro Costa Radio. She said that she met Jan Novak at an event in 1978."
    berg, costa, novak = entities_for(text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Jan Novak": PERSON})
    she = text.index("she met")
    # coreference made the second "she" a mention of the man named last
    costa = Entity(costa.key, PERSON, costa.name, [*costa.mentions, Mention(Span.of(text, she, she + 3), PRONOUN)])
    ms = find_meetings(nlp(text), [berg, costa, novak], [], [])
    assert len(ms) == 1 and costa.key not in ms[0].participants


def test_a_she_opening_a_sentence_goes_on_with_the_main_clause_subject(nlp):
    text = ("Anna Berg, who said Maria Costa hurt her in 1978, recounted the incident on Sunday. "
            "She has said that she met Jan Novak at an event in Lisbon in 1978.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Maria Costa": PERSON, "Jan Novak": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1 and participants(ms[0], names) == {"Anna Berg", "Jan Novak"}


def test_a_she_in_what_she_said_is_the_one_who_said_it(nlp):
    text = ("Anna Berg, who said Maria Costa hurt her in 1978, recounted the incident on Sunday. "
            "She has said that the incident took place in 1978, when she met Jan Novak at an event in Lisbon.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Maria Costa": PERSON, "Jan Novak": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1 and participants(ms[0], names) == {"Anna Berg", "Jan Novak"}


def test_a_he_the_statement_stage_resolved_as_speaker_is_that_speaker(nlp):
    # the quote stage follows who is speaking across sentences; coreference alone may take the
    # nearer man ("Trump") for the "he" who reports his own meeting
    from kg.model import INDIRECT, Statement
    text = ("Congressman Carl Berg, a Pedro Costa supporter, said Pedro Costa strategists plan to win. "
            "Victory is vital, he said after meeting Thursday with Pedro Costa aides.")
    names = {"Carl Berg": PERSON, "Pedro Costa": PERSON}
    doc = nlp(text)
    ents = entities_for(text, names)
    he = text.index("he said")
    content = Span.of(text, text.index("Victory"), text.index(", he"))
    said = Statement("s0", [content], INDIRECT, [Span.of(text, he + 3, he + 7)], speaker="e0",
                     speaker_span=Span.of(text, he, he + 2))
    ms = find_meetings(doc, ents, [], [said])
    assert len(ms) == 1
    keys = {e.key: e.name for e in ents}
    assert "Carl Berg" in {keys.get(k) for k in ms[0].participants}
    assert "Pedro Costa" not in {keys.get(k) for k in ms[0].participants}


@pytest.mark.parametrize("text", [
    "Anna Berg met with the board at the invitation of Pedro Costa on Monday.",
    "Anna Berg met with the board at Pedro Costa's invitation on Monday.",
    "The minister wrote about a visit to Lisbon by Anna Berg at the invitation of the banker, Pedro Costa.",
])
def test_who_invites_to_a_meeting_hosts_it(nlp, text):
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert names.get(ms[0].host) == "Pedro Costa"
    assert {"Anna Berg", "Pedro Costa"} <= participants(ms[0], names)


def test_a_request_for_a_meeting_makes_no_host(nlp):
    ms, names = meetings_of(nlp, "Anna Berg met with the board at the request of Pedro Costa on Monday.",
                            {"Anna Berg": PERSON, "Pedro Costa": PERSON})
    assert len(ms) == 1
    assert ms[0].host is None and "Pedro Costa" not in participants(ms[0], names)


def test_we_in_a_quotation_counts_its_speaker_among_the_parties(nlp):
    # the speaker is one of "we" (Cummings of the platform committee: "We'll be meeting on Friday")
    from kg.model import DIRECT, Statement
    text = "\u201cWe will be meeting with Pedro Costa on Friday in Lisbon,\u201d Carl Berg said."
    names = {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE}
    doc = nlp(text)
    ents = entities_for(text, names)
    said = text.index("said")
    quote = Statement("s0", [Span.of(text, 1, text.index(",\u201d"))], DIRECT, [Span.of(text, said, said + 4)],
                      speaker="e0", speaker_span=Span.of(text, text.index("Carl"), said - 1))
    ms = find_meetings(doc, ents, [], [quote])
    keys = {e.key: e.name for e in ents}
    assert len(ms) == 1
    assert {keys[k] for k in ms[0].participants} == {"Carl Berg", "Pedro Costa"}


@pytest.mark.parametrize("text", [
    "Anna Berg spoke at a meeting attended by Pedro Costa.",
    "The talks in Lisbon on Monday were attended by Pedro Costa and Anna Berg.",
    "The meeting, organized by Anna Berg and attended by Pedro Costa, ended on Monday.",
])
def test_whoever_attends_or_holds_a_meeting_by_a_participle_takes_part(nlp, text):
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}


def test_who_an_including_phrase_on_a_quantity_names_was_at_the_meeting(nlp):
    # the parser hangs "including" on "Some", not on the advisers; "were at the meeting" tells who was there
    text = ("Anna Berg had a private meeting with Pedro Costa on Saturday in Lisbon. "
            "She spoke about the economy. She spoke about the poor. She praised the city. She left. "
            "Some of Berg's advisers, including her husband, Carl Berg, also were at the meeting.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Carl Berg": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert {"Anna Berg", "Pedro Costa", "Carl Berg"} <= participants(ms[0], names)


def test_we_of_a_clause_a_meeting_is_only_an_adjunct_of_is_no_party(nlp):
    # "in any negotiation, we will send a signal": who speaks of negotiations, not who holds one
    from kg.model import DIRECT, Statement
    text = "\u201cIn any negotiation we will send a clear signal,\u201d Carl Berg said."
    doc = nlp(text)
    ents = entities_for(text, {"Carl Berg": PERSON})
    said = text.index("said")
    quote = Statement("s0", [Span.of(text, 1, text.index(",\u201d"))], DIRECT, [Span.of(text, said, said + 4)],
                      speaker="e0", speaker_span=Span.of(text, text.index("Carl"), said - 1))
    assert all("e0" not in m.participants for m in find_meetings(doc, ents, [], [quote]))


def test_between_two_names_a_headline_joins_with_a_comma(nlp):
    ms, names = meetings_of(nlp, "Private Meeting Between Berg, Costa Prompts Speculation.",
                            {"Berg": PERSON, "Costa": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Berg", "Costa"}


@pytest.mark.parametrize("text, told", [
    ("Carl Berg was holding a meeting in his office and told aides that he viewed Costa as a threat.", "aides"),
    ("Carl Berg held talks with Pedro Costa and told Anna Mann that it went well.", "Anna Mann"),
])
def test_whom_the_holder_of_a_meeting_tells_in_the_same_breath_was_there(nlp, text, told):
    ms, names = meetings_of(nlp, text, {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Anna Mann": PERSON})
    assert len(ms) == 1
    assert told in participants(ms[0], names) | {s.text for s in ms[0].unresolved_participant_spans}


@pytest.mark.parametrize("text", [
    "Carl Berg held talks with Pedro Costa and told reporters that it went well.",
    "Carl Berg held talks with Pedro Costa on Monday and later told Anna Mann that it went well.",
])
def test_an_audience_or_a_later_telling_is_not_at_the_meeting(nlp, text):
    ms, names = meetings_of(nlp, text, {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Anna Mann": PERSON})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Carl Berg", "Pedro Costa"}


def test_we_alone_with_nothing_else_said_makes_no_meeting(nlp):
    from kg.model import DIRECT, Statement
    text = "\u201cWhen we met 45 years ago, we fell in love,\u201d Carl Berg said."
    doc = nlp(text)
    ents = entities_for(text, {"Carl Berg": PERSON})
    said = text.index("said")
    quote = Statement("s0", [Span.of(text, 1, text.index(",\u201d"))], DIRECT, [Span.of(text, said, said + 4)],
                      speaker="e0", speaker_span=Span.of(text, text.index("Carl"), said - 1))
    assert find_meetings(doc, ents, [], [quote]) == []


def test_whom_a_visitor_met_where_the_visit_went_hosts_it(nlp):
    text = "Carl Berg's visit to Mexico, where he met Pedro Costa, was a success."
    ms, names = meetings_of(nlp, text, {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Mexico": PLACE})
    assert len(ms) == 1  # the visit and the meeting in it: one occasion
    assert names.get(ms[0].host) == "Pedro Costa"
    assert participants(ms[0], names) == {"Carl Berg", "Pedro Costa"}


def _transcript_meetings(nlp, text: str, names: dict[str, str]):
    """Meetings of a text whose first quotation is Carl Berg's statement (cue "said")."""
    from kg.model import DIRECT, Statement
    doc = nlp(text)
    ents = entities_for(text, names)
    begin = text.index("\u201c")
    said = text.index("said")
    quote = Statement("s0", [Span.of(text, begin, text.index("\u201d") + 1)], DIRECT, [Span.of(text, said, said + 4)],
                      speaker="e0", speaker_span=Span.of(text, text.index("Carl Berg"), text.index("Carl Berg") + 9))
    keys = {e.key: e.name for e in ents}
    return [{keys.get(k) for k in m.participants} for m in find_meetings(doc, ents, [], [quote])]


def test_a_quotation_going_on_after_a_speakers_statement_is_that_speakers(nlp):
    # a transcript after the speaker's statement: no cue of its own, its "I" is still Carl Berg
    text = ("Carl Berg said, \u201cWe won tonight.\u201d\n\nTranscript as follows:\n\n"
            "\u201cWhen I became governor, I met with Pedro Costa. Things were bad.\u201d")
    assert _transcript_meetings(nlp, text, {"Carl Berg": PERSON, "Pedro Costa": PERSON}) == [{"Carl Berg", "Pedro Costa"}]


def test_a_quotation_after_another_person_is_named_is_not_the_earlier_speakers(nlp):
    text = ("Carl Berg said, \u201cWe won tonight.\u201d\n\nAnna Mann spoke next.\n\n"
            "\u201cWhen I became governor, I met with Pedro Costa. Things were bad.\u201d")
    found = _transcript_meetings(nlp, text, {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Anna Mann": PERSON})
    assert all("Carl Berg" not in parties for parties in found)


@pytest.mark.parametrize("between, speaks", [
    ("More troubling was Pedro Costa's refusal to say more. ", False),  # maybe Pedro Costa's "he"
    ("", True),
])
def test_a_he_carried_over_past_another_person_is_no_sure_speaker_for_i(nlp, between, speaks):
    from kg.model import DIRECT, Statement
    text = ("\u201cIt was offensive,\u201d said Carl Berg.\n\n" + between
            + "\u201cI want to wait until I meet with Anna Mann,\u201d he said.")
    doc = nlp(text)
    ents = entities_for(text, {"Carl Berg": PERSON, "Pedro Costa": PERSON, "Anna Mann": PERSON})
    first, second = text.index("\u201cIt"), text.index("\u201cI want")
    berg, he = text.index("Carl Berg"), text.index("he said")
    said = [Statement("s0", [Span.of(text, first, text.index("\u201d") + 1)], DIRECT, [Span.of(text, berg - 5, berg - 1)],
                      speaker="e0", speaker_span=Span.of(text, berg, berg + 9)),
            Statement("s1", [Span.of(text, second, he - 1)], DIRECT, [Span.of(text, he + 3, he + 7)],
                      speaker="e0", speaker_span=Span.of(text, he, he + 2))]
    ms = find_meetings(doc, ents, [], said)
    assert len(ms) == 1 and "e2" in ms[0].participants
    assert ("e0" in ms[0].participants) == speaks


def test_whose_meeting_was_called_off_meets_in_its_place(nlp):
    text = "The White House later canceled his meeting with Pedro Costa, conferring instead with Jan Novak."
    ms, names = meetings_of(nlp, "Carlos Berg arrived in Lima. " + text,
                            {"Carlos Berg": PERSON, "White House": ORGANISATION, "Pedro Costa": PERSON, "Jan Novak": PERSON})
    conferring = [m for m in ms if m.trigger.text == "conferring"]
    assert len(conferring) == 1 and {"Carlos Berg", "Jan Novak"} <= participants(conferring[0], names)
    assert "Pedro Costa" not in participants(conferring[0], names)


def test_a_description_the_text_gave_a_person_before_is_that_person(nlp):
    text = ("Democratic presidential candidate Anna Berg toured the plant in Lisbon. "
            "Later the Democratic presidential candidate met privately with Pedro Costa.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}
    assert ms[0].unresolved_participant_spans == []


def test_a_title_two_people_hold_goes_to_the_one_named_just_before(nlp):
    text = ("Years ago Pedro Costa worked for President Mark Ellis in Lisbon. Nobody remembers that now. "
            + "The scandal broke in the capital a decade later, and it grew for months and months. " * 8
            + "President Anna Berg said so on Monday. She said the president also has spoken with Pedro Costa.")
    ms, names = meetings_of(nlp, text, {"Mark Ellis": PERSON, "Anna Berg": PERSON, "Pedro Costa": PERSON,
                                        "Lisbon": PLACE})
    spoke = [m for m in ms if m.trigger.text == "spoken"]
    assert len(spoke) == 1
    assert "Anna Berg" in participants(spoke[0], names) and "Mark Ellis" not in participants(spoke[0], names)


def test_a_description_the_text_gives_no_one_stays_unresolved(nlp):
    text = "Anna Berg toured the plant in Lisbon. Later the senator met privately with Pedro Costa."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    assert participants(ms[0], names) == {"Pedro Costa"}
    assert [s.text for s in ms[0].unresolved_participant_spans] == ["the senator"]


def test_people_joined_to_the_object_of_a_partys_of_phrase_are_a_party(nlp):
    text = "Anna Berg met survivors of the flood and relatives of the victims in Lisbon on Thursday."
    ms, _ = meetings_of(nlp, text, {"Anna Berg": PERSON, "Lisbon": PLACE})
    assert len(ms) == 1
    spans = {s.text for s in ms[0].unresolved_participant_spans}
    assert any(s.startswith("relatives") for s in spans) and any(s.startswith("survivors") for s in spans)


def test_a_title_right_before_a_name_is_that_person(nlp):
    text = ("Pedro Costa convened top surrogates (including former Sen. Maria Lund and actress Julia Reis), "
            "activists, and officials in Lisbon on Sunday.")
    ms, names = meetings_of(nlp, text, {"Pedro Costa": PERSON, "Maria Lund": PERSON, "Julia Reis": PERSON,
                                        "Lisbon": PLACE})
    assert len(ms) == 1
    assert {"Pedro Costa", "Julia Reis"} <= participants(ms[0], names)
    assert {"activists", "officials"} <= {s.text for s in ms[0].unresolved_participant_spans}
    assert "actress" not in {s.text for s in ms[0].unresolved_participant_spans}


@pytest.mark.parametrize("text", [
    "Anna Berg was followed by a visit from Senate leader Pedro Costa (Ky.) to Lisbon a month later.",
    "Anna Berg met Senate leader Pedro Costa (D-Calif.) in Lisbon on Monday.",
])
def test_the_home_state_after_a_name_is_no_party(nlp, text):
    state = "Ky." if "Ky." in text else "Calif."
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Pedro Costa": PERSON, state: PLACE, "Lisbon": PLACE})
    assert ms and all(state not in participants(m, names) for m in ms)


def test_who_speaks_after_a_meeting_ended_took_no_part_for_that(nlp):
    text = ("After the meeting of Porto Democrats on Sunday ended in mayhem when many potential Costa delegates "
            "were deemed ineligible, Anna Berg, the state party chairwoman, said she had received threats.")
    ms, names = meetings_of(nlp, text, {"Anna Berg": PERSON, "Porto": PLACE})
    assert all("Anna Berg" not in participants(m, names) for m in ms)


def test_who_speaks_after_a_meeting_took_part(nlp):
    ms, names = meetings_of(nlp, "After the meeting with Pedro Costa on Saturday, Anna Berg said she was pleased.",
                            {"Anna Berg": PERSON, "Pedro Costa": PERSON})
    assert len(ms) == 1 and participants(ms[0], names) == {"Anna Berg", "Pedro Costa"}


def test_it_of_a_relative_clause_is_who_does_the_verb_of_its_noun(nlp):
    text = ("The Clean Air Plan is the main tool for Portugal to meet the emissions reduction target it pledged "
            "to reach at climate talks in Lisbon last December.")
    ms, names = meetings_of(nlp, text, {"Portugal": PLACE, "Lisbon": PLACE})
    talks = [m for m in ms if m.trigger.text == "talks"]
    assert len(talks) == 1 and participants(talks[0], names) == {"Portugal"}
