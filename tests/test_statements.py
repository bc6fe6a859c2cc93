"""Statements stage: quotations, reported speech, speakers, addressees, outlets and dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import DIRECT, INDIRECT, MIXED, Article
from kg.nlp.pipeline import extract
from kg.nlp.quotes import QuotedText, find_quotations
from kg.nlp.statements import cue_words, find_statements

PUBLISHED = date(2025, 12, 24)


@pytest.fixture(scope="module")
def statements_of(nlp):
    def run(text: str):
        x = extract(Article("t", text, PUBLISHED), nlp(text))
        names = {e.key: e.name for e in x.entities}
        return x.statements, names
    return run


def only(statements):
    assert len(statements) == 1, [s.quote for s in statements]
    return statements[0]


# --- quotation marks -------------------------------------------------------------------------

def test_straight_and_curly_quotations():
    text = 'He said "yes" and “no” today.'
    assert [q.parts[0].text for q in find_quotations(text)] == ['"yes"', "“no”"]


def test_quotation_over_two_paragraphs_when_the_next_opens_with_a_mark():
    text = "“First part of it.\n“Second part.” he said.\nNot quoted."
    (q,) = find_quotations(text)
    assert [p.text for p in q.parts] == ["“First part of it.", "“Second part.”"]


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "It is ''a misguided approach,'' said Mr. Burman's aide."
    (q,) = find_quotations(text)
    assert q.parts[0].text == "''a misguided approach,''"


def test_unclosed_quotation_ends_with_its_paragraph():
    text = "“Never closed here.\nPlain text follows."
    (q,) = find_quotations(text)
    assert q.parts[0].text == "“Never closed here."
    assert not QuotedText([q]).inside(text.index("Plain"))


def test_backticks_open_and_two_apostrophes_close_a_double_quotation():
    text = "He called it ``a misguided approach'' and left."
    (q,) = find_quotations(text)
    assert q.parts[0].text == "``a misguided approach''"


def test_single_quoted_passages_need_both_ends_and_apostrophes_are_not_quotes():
    text = "Clinton ‘Not Fit To Serve’ says Carson; the Clintons' house in the '90s wasn't 'grand' at all."
    assert [q.parts[0].text for q in find_quotations(text)] == ["‘Not Fit To Serve’", "'grand'"]
    assert find_quotations("It’s ‘never closed here.\nNext ’ line.") == []


def test_single_marks_inside_a_double_quotation_belong_to_it():
    text = "“He keeps calling me ‘Little Marco,’ ” Rubio said."
    assert [q.parts[0].text for q in find_quotations(text)] == ["“He keeps calling me ‘Little Marco,’ ”"]


@given(st.text(alphabet=st.sampled_from(list('ab "“”«»‘’`\'\n.,')), max_size=60))
def test_quotation_parts_are_ordered_slices_opening_with_a_mark(text):
    parts = [p for q in find_quotations(text) for p in q.parts]
    for p in parts:
        assert p.text == text[p.begin:p.end] and (p.text[0] in '"“”«»„‘\'' or p.text.startswith("``"))
    assert all(a.end <= b.begin for a, b in zip(parts, parts[1:]))


# --- direct speech ---------------------------------------------------------------------------

def test_quotation_before_the_speaker(statements_of):
    s = only(statements_of('"We will win," the senator said.')[0])
    assert s.mode == DIRECT and s.speaker_span.text == "the senator"
    assert [c.text for c in s.content] == ['"We will win,"'] and [c.text for c in s.cue] == ["said"]


def test_quotation_split_around_the_cue_is_one_statement(statements_of):
    s = only(statements_of("“We will win,” she said, “and we will do it soon.”")[0])
    assert s.mode == DIRECT and len(s.content) == 2 and s.speaker_span.text == "she"


def test_speech_quoted_inside_a_quotation_is_not_a_statement_of_its_own(statements_of):
    s = only(statements_of('"He said he would come," Anna Brown said.')[0])
    assert s.speaker_span.text == "Anna Brown"


def test_unattributable_quotation_stays_unattributed(statements_of):
    """No entity is named: the speaker mention is kept, the speaker is never guessed."""
    s = only(statements_of('"This cannot go on," the official said.')[0])
    assert s.speaker is None and s.speaker_span.text == "the official" and s.mode == DIRECT


def test_transcript_turn(statements_of):
    statements, _ = statements_of("Partial transcript follows.\n\nWALLACE: Will she be at the debate tomorrow?")
    s = only(statements)
    assert s.speaker_span.text == "WALLACE" and s.content[0].text == "Will she be at the debate tomorrow?"


# --- reported and mixed speech ---------------------------------------------------------------

def test_reported_clause_is_the_content_not_the_sentence(statements_of):
    statements, names = statements_of("John Smith said that the talks had failed.")
    s = only(statements)
    assert s.mode == INDIRECT and s.content[0].text == "that the talks had failed"
    assert names[s.speaker] == "John Smith"


def test_partial_quotation_in_reported_speech_is_mixed(statements_of):
    s = only(statements_of('Mary Jones said the plan was "a disaster".')[0])
    assert s.mode == MIXED and s.content[0].text == 'the plan was "a disaster"'


@pytest.mark.parametrize("text, mode", [
    ("''We will not be bullied,'' Mr. Smith said.", DIRECT),                 # the NYT's two apostrophes
    ("Mr. Smith said the plan was ''a disaster'' for the state.", MIXED),
    ("``We will not be bullied,'' Mr. Smith said.", DIRECT),
    ("Mr. Smith said the plan was ‘a disaster’ for the state.", MIXED),
    ("Mr. Smith said the plan was «a disaster» for the state.", MIXED),
])
def test_every_style_of_quotation_mark_decides_the_mode(statements_of, text, mode):
    assert only(statements_of(text)[0]).mode == mode


def test_according_to(statements_of):
    s = only(statements_of("The economy grew by 3 percent, according to the ministry.")[0])
    assert s.speaker_span.text == "the ministry" and s.content[0].text == "The economy grew by 3 percent"
    assert s.cue[0].text == "according to"


def test_addressee_and_date_of_told(statements_of):
    s = only(statements_of("John Smith told reporters on Monday that the talks had failed.")[0])
    assert s.addressee_span.text == "reporters" and s.date == "2025-12-22"


def test_a_date_inside_the_content_is_not_when_it_was_said(statements_of):
    s = only(statements_of("Prices will rise next year, the bank said in a statement.")[0])
    assert s.content[0].text == "Prices will rise next year" and s.date is None


def test_outlet_relaying_a_statement(statements_of):
    statements, names = statements_of("President Emmanuel Macron said the talks had failed, Reuters reported.")
    s = only(statements)
    assert names[s.speaker] == "Emmanuel Macron" and names[s.reported_by] == "Reuters"


def test_a_verb_of_saying_without_content_is_no_statement(statements_of):
    assert statements_of("The senator said so and left.")[0] == []


def test_no_statement_without_a_cue(statements_of):
    assert statements_of("The senator walked to the podium after the vote.")[0] == []


def test_passive_subject_is_not_the_speaker(statements_of):
    statements, _ = statements_of("The senator was told that the vote had failed.")
    assert all(s.speaker_span is None or s.speaker_span.text != "The senator" for s in statements)
    quoted, _ = statements_of('The senator was told: "The vote has failed."')
    assert only(quoted).speaker is None and only(quoted).mode == DIRECT


def test_cue_words_are_read_from_the_lexicon():
    assert {"say", "tell", "according to"} <= cue_words()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('abc SaidJohn"“”.,:\n')), max_size=80))
def test_any_text_gives_spans_that_are_slices_of_it(nlp, text):
    doc = nlp(text)
    for s in find_statements(doc, [], []):
        for span in [*s.content, *s.cue, *([s.speaker_span] if s.speaker_span else [])]:
            assert span.text == text[span.begin:span.end]
        assert s.mode in (DIRECT, INDIRECT, MIXED)


# --- the seed article ------------------------------------------------------------------------

def test_seed_statements(seed_extraction):
    x = seed_extraction
    names = {e.key: e.name for e in x.entities}
    by_speaker: dict[str, list] = {}
    for s in x.statements:
        by_speaker.setdefault(names.get(s.speaker), []).append(s)
    shibani = {(s.mode, s.content[0].text[:30]) for s in by_speaker["Asaad Al Shibani"]}
    assert (MIXED, "Syria's relations with Russia ") in shibani
    assert any(m == DIRECT and t.startswith("\"We want to move") for m, t in shibani)
    assert any(m == MIXED and t.startswith("the Syrian government would") for m, t in shibani)
    two_sentences = [s for s in by_speaker["Asaad Al Shibani"] if "We agreed to enhance" in s.quote]
    assert two_sentences and two_sentences[0].mode == DIRECT and "We aspire" in two_sentences[0].quote
    assert any(s.quote.startswith("he discussed various issues") for s in by_speaker["Sergey Lavrov"])
    assert any(s.quote.startswith("his government would honour") for s in by_speaker["Ahmad Al Shara"])
    assert any("Moscow was ready to act" in s.quote for s in by_speaker["Vladimir Putin"])
    sana = by_speaker["Sana"]
    assert any(s.mode == INDIRECT and "reconstruction efforts" in s.quote for s in sana)
    assert any(s.mode == MIXED and "They discussed" in s.quote for s in sana)
    told = next(s for s in x.statements if s.cue and s.cue[0].text == "told")
    assert told.addressee_span.text == "a joint press conference" and told.date == "2025-12-24"


def test_curly_quotation_nested_in_a_curly_quotation():
    text = "“I would rather live in what he calls “hell” than that.” ― Ann Lee"
    (q,) = find_quotations(text)
    assert q.parts[0].text == text[:text.index(" ―")]


def test_inverted_cue_before_a_colon(statements_of):
    s = only(statements_of("Said Ellis: “I don’t see it.”")[0])
    assert s.speaker_span.text == "Ellis" and s.mode == DIRECT and s.cue[0].text == "Said"


def test_clause_ending_in_a_colon_introduces_the_next_paragraph(statements_of):
    text = "Senator Bernie Sanders made the following comment:\n\n“The rate is 33 percent.”"
    statements, names = statements_of(text)
    s = only(statements)
    assert names[s.speaker] == "Bernie Sanders" and s.content[0].text == "“The rate is 33 percent.”"


def test_any_verb_quoting_words_in_its_object(statements_of):
    statements, names = statements_of("At a rally, Donald Trump likened the refugees to a “vicious snake”.")
    s = only(statements)
    assert names[s.speaker] == "Donald Trump" and s.mode == MIXED and s.cue[0].text == "likened"


def test_signed_quotation(statements_of):
    s = only(statements_of("“Maybe we can build a wall around him.” ― Steve Quinlan")[0])
    assert s.speaker_span.text == "Steve Quinlan" and s.mode == DIRECT


def test_fronted_poll_is_the_source_of_its_clause(statements_of):
    s = only(statements_of("In the latest poll, Clinton led Trump by 5 points among likely voters.")[0])
    assert s.speaker_span.text == "the latest poll" and s.speaker is None and s.cue[0].text == "poll"
    assert s.content[0].text == "Clinton led Trump by 5 points among likely voters"


def test_fronted_statement_leaves_the_speech_verb_its_speaker(statements_of):
    statements, names = statements_of("In a statement, the Kremlin said the talks had been useful.")
    s = only(statements)
    assert s.speaker_span.text.endswith("Kremlin") and s.cue[0].text == "said"
    assert names.get(s.speaker) == "Kremlin"


# --- stances stated by a that-clause ----------------------------------------------------------

def test_any_verb_with_a_that_clause_states_a_stance(statements_of):
    s = only(statements_of("The appeals court ruled that the practice was unlawful.")[0])
    assert s.content[0].text == "that the practice was unlawful" and s.cue[0].text == "ruled"
    assert s.speaker_span.text == "The appeals court"


def test_a_that_clause_of_result_or_requirement_is_no_stance(statements_of):
    assert statements_of("The new rules ensure that every voter has a ballot.")[0] == []
    assert statements_of("She drove so fast, that the police stopped her.")[0] == []


def test_a_verb_of_evaluation_reports_a_stance_on_its_object(statements_of):
    s = only(statements_of("The senator admires the new governor.")[0])
    assert s.content[0].text == "the new governor" and s.speaker_span.text == "The senator"


# --- the passive -----------------------------------------------------------------------------

def test_passive_report_without_a_source(statements_of):
    s = only(statements_of("The mayor was criticized for the delay.")[0])
    assert [c.text for c in s.content] == ["The mayor", "for the delay"]
    assert s.speaker_span is None and s.cue[0].text == "criticized"


def test_passive_report_with_a_to_infinitive(statements_of):
    s = only(statements_of("Turnout is predicted to be high.")[0])
    assert " ".join(c.text for c in s.content) == "Turnout to be high" and s.speaker_span is None


def test_passive_with_a_by_phrase_names_the_source(statements_of):
    s = only(statements_of("The plan was endorsed by the union.")[0])
    assert s.content[0].text == "The plan" and s.speaker_span.text == "the union"


def test_the_one_told_is_not_what_was_said(statements_of):
    # the one told is the addressee: "he" is no content, and no source is named
    assert statements_of("He was told that the talks had failed.")[0] == []


# --- a verb of saying with a noun object or topic ---------------------------------------------

def test_the_noun_object_of_a_verb_of_saying_is_what_was_said(statements_of):
    s = only(statements_of("The senator noted the irony.")[0])
    assert s.content[0].text == "the irony" and s.speaker_span.text == "The senator"


def test_the_topic_of_a_verb_of_saying_is_what_was_said(statements_of):
    s = only(statements_of("The senator bragged about his wealth.")[0])
    assert s.content[0].text == "his wealth"


def test_the_one_spoken_to_or_the_exchange_is_not_what_was_said(statements_of):
    assert statements_of("The senator told reporters.")[0] == []
    assert statements_of("The senator answered questions.")[0] == []
    assert statements_of("The senator commented on Monday.")[0] == []


def test_an_adjective_with_a_that_clause_states_a_stance(statements_of):
    s = only(statements_of("The parents are frustrated that the school was closed.")[0])
    assert s.content[0].text == "that the school was closed" and s.cue[0].text == "frustrated"
    assert s.speaker_span.text == "The parents"


# --- one statement per content span -----------------------------------------------------------

def test_a_quotation_belongs_to_the_nearest_cue_only(statements_of):
    statements, _ = statements_of('"We will win this race," John Smith said, adding that the polls were wrong.')
    by_cue = {s.cue[0].text: s for s in statements}
    assert by_cue["said"].quote == '"We will win this race,"'
    assert by_cue["adding"].quote == "that the polls were wrong"


def test_a_quotation_closed_by_a_full_stop_is_not_introduced_by_the_next_sentence(statements_of):
    statements, _ = statements_of('He also told his friends that "terrorism is the answer." Birchers viewed '
                                  'communists as terrorists.')
    told = next(s for s in statements if s.cue[0].text == "told")
    assert "terrorism" in told.quote
    assert all("terrorism" not in s.quote for s in statements if s is not told)


# --- content: the whole clause said, never a bare pronoun ---------------------------------------

def test_a_relative_word_stands_for_the_noun_its_clause_hangs_on(statements_of):
    statements, _ = statements_of("She filed a lawsuit over claims of harassment, which Mr. Ailes denies.")
    denies = only([s for s in statements if s.cue[0].text == "denies"])
    assert denies.quote != "which" and "harassment" in denies.quote


def test_a_bare_pronoun_is_no_content(statements_of):
    assert statements_of("He will promote it. Clinton criticized him on Monday.")[0] == []


def test_the_object_comes_with_what_is_said_of_it(statements_of):
    statements, _ = statements_of("A new poll shows Clinton with an 8-point lead. Trump accused her of lying.")
    assert [s.quote for s in statements] == ["Clinton with an 8-point lead", "her of lying"]


def test_speech_in_a_relative_clause_is_a_statement_of_its_own(statements_of):
    statements, _ = statements_of("Trump attacked the other candidates for accepting donations, which he said "
                                  "were accompanied by favors.")
    assert {s.cue[0].text for s in statements} == {"attacked", "said"}


# --- beliefs are not speech, unless stated of their holder --------------------------------------

@pytest.mark.parametrize("text", [
    "Fiorina stayed at the company, believing the takeover would vindicate her.",
    "The Democrats act as though they want to lose the election.",
    "If voters think the economy is weak, they will punish the party.",
])
def test_motives_suppositions_and_guesses_are_not_statements(statements_of, text):
    assert statements_of(text)[0] == []


def test_a_belief_stated_of_its_holder_is_a_statement(statements_of):
    s = only(statements_of("Barack Obama believes that his climate policy will be his legacy.")[0])
    assert s.cue[0].text == "believes" and s.quote == "that his climate policy will be his legacy"


# --- speakers named wherever the text names them -------------------------------------------------

def test_a_description_with_an_apposition_names_its_speaker(statements_of):
    statements, names = statements_of("Dow's chief executive, Andrew Liveris, said the merger would close in "
                                      "March. His wife, longtime Hillary Clinton aide Huma Abedin, announced "
                                      "that she would separate from him.")
    assert [names.get(s.speaker) for s in statements] == ["Andrew Liveris", "Huma Abedin"]


def test_a_name_in_apposition_to_the_organisation_of_a_description_names_its_speaker(statements_of):
    statements, names = statements_of("The director of the European Centre, Ina Kirsch, told the AP her group "
                                      "never worked with Manafort.")
    s = only(statements)
    assert s.speaker_span.text == "Ina Kirsch" and names[s.speaker] == "Ina Kirsch"


@pytest.mark.parametrize("text, cue", [
    ("Donald Trump, asked about the wall on Tuesday, said Mexico would pay for it.", "said"),
    ("Clinton, asked whether she would debate again, said she was ready.", "said"),
])
def test_a_participle_set_off_before_the_cue_is_neither_content_nor_a_statement(statements_of, text, cue):
    statements, names = statements_of(text)
    s = only(statements)
    assert s.cue[0].text == cue and "asked" not in s.quote
    assert s.speaker_span.text in ("Donald Trump", "Clinton") and names[s.speaker] == s.speaker_span.text


def test_a_participle_after_an_inverted_subject_is_not_what_was_said(statements_of):
    statements, names = statements_of("\"I'm not going to say it is a mistake, so forget about it,\" said retired "
                                      "neurosurgeon Ben Carson, asked about his claims.")
    s = only(statements)
    assert names.get(s.speaker) == "Ben Carson" and s.mode == DIRECT and "asked" not in s.quote


def test_a_participle_the_parser_made_the_root_gives_the_cue_its_subject(statements_of):
    statements, names = statements_of("But Sen. Richard J. Durbin (D-Ill.), noting the size of Sanders's following, "
                                      "said, \"Let me tell you, he's got a heck of an email list.\"")
    s = next(s for s in statements if s.cue[0].text == "said")
    assert names.get(s.speaker) == "Richard J. Durbin" and s.mode == DIRECT and "noting" not in s.quote


def test_a_perfect_read_as_a_passive_keeps_its_subject_as_the_speaker(statements_of):
    statements, names = statements_of("Ever since Bernie Sanders announced his candidacy last year, he's said the "
                                      "same thing at every diner stop.")
    s = next(s for s in statements if s.cue[0].text == "said")
    assert s.speaker_span.text == "he" and names.get(s.speaker) == "Bernie Sanders"
    assert s.quote == "the same thing at every diner stop"


def test_a_relative_after_a_document_put_out_is_its_authors(statements_of):
    statements, names = statements_of("Sen. Rand Paul has released a Web video that accuses Cruz of being welcoming "
                                      "to Syrian refugees.")
    s = only(statements)
    assert s.speaker_span.text == "that" and names.get(s.speaker) == "Rand Paul"


def test_a_document_named_again_speaks_for_who_put_it_out(statements_of):
    statements, names = statements_of("Donald Trump released a marketing video. The video says the professors are "
                                      "terrific.")
    s = only(statements)
    assert s.speaker_span.text == "The video" and names.get(s.speaker) == "Donald Trump"


def test_a_pronoun_goes_to_a_woman_a_relatives_word_tells(statements_of):
    statements, names = statements_of("Mr. Khan spoke at the convention. His wife, Ghazala Khan, stood beside him. "
                                      "Later she said she had been too upset to speak.")
    assert names.get(only(statements).speaker) == "Ghazala Khan"


@pytest.mark.parametrize("text, speaker", [
    ("Senator Marco Rubio campaigned in Florida. Rubio's press release said the plan would fail.", "Marco Rubio"),
    ("A poll by Quinnipiac University found that Clinton led by five points.", "Quinnipiac University"),
    ("Coin flips decided six counties, according to a report in the Des Moines Register.", "Des Moines Register"),
    ("Governor Scott Walker wrote to the board. His letter said the budget was balanced.", "Scott Walker"),
])
def test_a_document_speaks_for_the_author_its_phrase_names(statements_of, text, speaker):
    statements, names = statements_of(text)
    assert names.get(only(statements).speaker) == speaker


def test_an_interview_in_a_paper_is_not_the_papers_words(statements_of):
    statements, names = statements_of("In an interview in The New York Times, the senator said he would run.")
    assert only(statements).speaker is None


def test_a_description_with_a_place_goes_to_the_one_person_titled_so_before(statements_of):
    text = ("Sen. Ted Cruz spoke in Texas on Monday. Cruz warned against a brokered convention. "
            "\"It would be a disaster,\" the Texas senator said.")
    statements, names = statements_of(text)
    # "warned against a brokered convention" is a statement of its own (Cruz's); the quotation's is checked
    quoted = only([s for s in statements if s.quote.startswith('"')])
    assert names.get(quoted.speaker) == "Ted Cruz"


def test_a_description_with_two_people_titled_so_before_names_no_one(statements_of):
    text = "Sen. Ted Cruz and Sen. Marco Rubio spoke in Texas on Monday. \"It would be a disaster,\" the senator said."
    assert only(statements_of(text)[0]).speaker is None


def test_a_subject_after_a_quotation_parsed_as_the_object_is_who_asks(statements_of):
    s = only(statements_of("“How big is that wall?” asked the boy, who was wearing a hat.")[0])
    assert s.speaker_span.text == "the boy" and s.addressee_span is None


def test_a_relative_pronoun_speaker_is_its_antecedent_through_the_verbs_it_governs(statements_of):
    statements, names = statements_of("Donald Trump, who went on to say that he would win, left the stage.")
    s = only(statements)
    assert s.speaker_span.text == "who" and names[s.speaker] == "Donald Trump"


def test_she_said_after_a_quotation_is_the_person_last_reported_speaking(statements_of):
    statements, names = statements_of("Nina Turner, a surrogate for Mr. Sanders, said that she had seen emails. "
                                      "''They have blinders on.'' ''It is going to be progressives who will "
                                      "disrupt,'' she said.")
    assert [names.get(s.speaker) for s in statements] == ["Nina Turner", "Nina Turner"]


def test_a_pronoun_never_goes_to_a_person_of_the_other_sex(statements_of):
    statements, names = statements_of("Nina Turner said that she had seen emails. Mr. Bill Smith said the plan "
                                      'failed. "We lost," she said.')
    assert names.get(statements[-1].speaker) == "Nina Turner"


def test_a_given_name_tells_the_sex_a_pronoun_needs(statements_of):
    statements, names = statements_of('Carla Jones said the vote was rigged. Tom Miller said it was fair. '
                                      '"We will appeal," she said.')
    assert names.get(statements[-1].speaker) == "Carla Jones"


def test_a_date_after_the_cue_is_no_speaker_and_an_apposition_before_it_describes_one(statements_of):
    statements, names = statements_of('"He is absolutely right," Michael Flynn, a top Trump surrogate, said '
                                      'Thursday morning on Fox News.')
    assert names.get(only(statements).speaker) == "Michael Flynn"


def test_a_relative_word_before_the_cue_is_not_what_was_said(statements_of):
    statements, _ = statements_of("Democrats focused on what they said was the need to remain tolerant.")
    assert only(statements).quote == "was the need to remain tolerant"


def test_a_scare_quoted_word_in_single_marks_is_no_quotation_of_speech(statements_of):
    assert statements_of("Donald Trump tries a new 'chapter' in his campaign.")[0] == []


# --- speakers described, not named, become entities of the article -------------------------------

def test_described_speakers_become_local_entities(nlp):
    text = ("Party officials said the vote would be delayed. A senior aide said the talks failed. "
            "Hillary Clinton arrived late. Her aides said she was tired. The poll shows Trump ahead. "
            "The senator said he would run.")
    x = extract(Article("t", text, PUBLISHED), nlp(text))
    entities = {e.key: e for e in x.entities}
    speakers = {s.speaker_span.text: entities.get(s.speaker) for s in x.statements}
    assert speakers["Party officials"].local and speakers["Party officials"].name == "Party officials"
    assert speakers["A senior aide"].name == "senior aide"
    assert speakers["Her aides"].name == "Hillary Clinton's aides"
    assert speakers["The poll"] is None and speakers["The senator"] is None  # a document; someone named elsewhere
    assert all(e.type == "Person" for e in speakers.values() if e is not None)


def test_a_described_organisation_is_an_organisation(nlp):
    text = "Mrs. Clinton's campaign said that she was fine."
    x = extract(Article("t", text, PUBLISHED), nlp(text))
    (s,) = x.statements
    speaker = next(e for e in x.entities if e.key == s.speaker)
    assert speaker.type == "Organisation" and speaker.local


def test_a_definite_description_is_the_speaker_whose_title_it_names(statements_of):
    statements, names = statements_of("Sen. Bernie Sanders said the vote was rigged. Donald Trump said he would "
                                      "win. The senator said he would fight on.")
    assert names.get(statements[-1].speaker) == "Bernie Sanders"
    statements, names = statements_of("Bernie Sanders said the vote was rigged. Donald Trump said he would win. "
                                      "The senator said he would fight on.")
    assert statements[-1].speaker is None  # no one here is called a senator


def test_a_document_named_again_speaks_for_whoever_it_did_before(statements_of):
    statements, names = statements_of("A new Quinnipiac University poll shows Clinton ahead by five points. "
                                      "The poll also found that voters distrust both candidates.")
    assert statements[0].quote == "Clinton ahead by five points"
    assert names.get(statements[1].speaker) == "Quinnipiac University"


def test_shares_of_the_people_asked_are_described_speakers(nlp):
    text = "Some 22 percent said they would back Trump."
    x = extract(Article("t", text, PUBLISHED), nlp(text))
    (s,) = x.statements
    assert next(e for e in x.entities if e.key == s.speaker).name == "Some 22 percent"


@pytest.mark.parametrize("text", [
    "Past correspondence was so sensitive that the State Department classified the emails.",
    "Holding rates near zero has encouraged borrowing, supporting faster economic growth.",
])
def test_results_and_clauses_are_not_reports(statements_of, text):
    assert statements_of(text)[0] == []


# --- speech acts named in an object, stances ------------------------------------------------------

def test_a_statement_put_out_is_the_content_of_its_maker(statements_of):
    statements, names = statements_of("Donald Trump unleashed a flurry of tweets shaming Alicia Machado. "
                                      "Hillary Clinton laid out her proposals to increase national service.")
    assert [(names.get(s.speaker), s.quote) for s in statements] == [
        ("Donald Trump", "a flurry of tweets shaming Alicia Machado"),
        ("Hillary Clinton", "her proposals to increase national service")]


def test_receiving_a_statement_is_not_making_one(statements_of):
    assert statements_of("Donald Trump faced criticism from veterans.")[0] == []


def test_a_stance_adjective_reports_its_object(statements_of):
    s = only(statements_of("Lindsey Graham has been critical of Donald Trump.")[0])
    assert s.cue[0].text == "critical of" and s.quote == "Donald Trump"


def test_a_participle_after_a_name_is_said_by_that_name(statements_of):
    statements, names = statements_of('The ad uses footage of Hillary Clinton asking, "Why aren\'t I 50 points '
                                      'ahead, you might ask?"')
    assert any(names.get(s.speaker) == "Hillary Clinton" and "50 points" in s.quote for s in statements)


def test_quoted_words_of_another_subject_are_not_the_quoting_verbs(statements_of):
    statements, _ = statements_of('She became so upset that I had to change my answer: "Of course I believe '
                                  'in the devil."')
    assert all(s.cue[0].text != "became" for s in statements)


def test_a_participle_second_cue_takes_only_the_quotation_after_it(statements_of):
    statements, _ = statements_of('"We cannot afford this anymore," Donald Trump said, adding later, "NATO is '
                                  'costing us a fortune."')
    assert [(s.cue[0].text, s.quote) for s in statements] == [
        ("said", '"We cannot afford this anymore,"'), ("adding", '"NATO is costing us a fortune."')]


def test_a_quotation_with_its_own_cue_survives_a_reported_clause_running_over_it(statements_of):
    statements, _ = statements_of('He noted the rally was loud. "You winning?" she said, but he was asleep, as '
                                  'Trump talked about the rigged system, Melanie said.')
    assert any(s.quote == '"You winning?"' and s.speaker_span.text == "she" for s in statements)


@pytest.mark.parametrize("text", [
    "He was showing me the route for a clandestine mission.",
    "His campaign showed no immediate signs of relenting.",
    "The club charged a $100,000 initiation fee.",
])
def test_showing_things_and_charging_prices_are_not_statements(statements_of, text):
    assert statements_of(text)[0] == []


def test_a_poll_shows_through_its_object(statements_of):
    assert only(statements_of("A new poll shows Clinton with an 8-point lead.")[0]).quote == \
        "Clinton with an 8-point lead"


def test_a_description_is_the_one_person_named_before_it_in_its_sentence(statements_of):
    statements, names = statements_of("Though Donald Trump was not willing to say who his running mate would be, "
                                      "the front-runner did offer his opinion on who will not be the nominee.")
    assert names.get(statements[-1].speaker) == "Donald Trump"


def test_people_described_by_an_organisation_are_not_the_organisation(nlp):
    text = "Other former CIA officers said seeking reinforcements was the right course."
    x = extract(Article("t", text, PUBLISHED), nlp(text))
    (s,) = x.statements
    speaker = next(e for e in x.entities if e.key == s.speaker)
    assert speaker.name == "Other former CIA officers" and speaker.local


def test_a_reported_clause_parsed_as_an_adverbial_is_the_content(statements_of):
    s = only(statements_of("Trump said after the convention he would not accept Cruz's endorsement if it were offered.")[0])
    assert s.quote == "he would not accept Cruz's endorsement if it were offered"


def test_an_adverbial_clause_after_a_cue_is_not_what_was_said(statements_of):
    statements, _ = statements_of("She said nothing when she resigned from the network in 2014.")
    assert not any(s.quote.startswith("when") for s in statements)


@pytest.mark.parametrize("text", [
    "DeSantis would advocate allowing federal dollars that support low-income schools to follow students.",
    "The programs are Title I, which supports schools in poor districts, and Head Start.",
])
def test_a_relative_standing_for_a_thing_says_nothing(statements_of, text):
    # ("would advocate allowing ...": the gerund is DeSantis's stance; "that support" says nothing)
    assert not any(c.text.startswith("support") for s in statements_of(text)[0] for c in s.cue)


def test_a_relative_standing_for_a_document_still_reports(statements_of):
    s = only(statements_of("Greenberg released data Monday that suggest moderate Republicans are being ignored.")[0])
    assert s.quote == "moderate Republicans are being ignored"


def test_a_relative_after_a_description_of_a_name_is_that_name(statements_of):
    statements, names = statements_of("The money came from Tom Steyer, a billionaire donor who said he would give "
                                      "more next year.")
    assert names.get(only(statements).speaker) == "Tom Steyer"


@pytest.mark.parametrize("text", [
    "It dawned on Murphy that Heslin simply had no reason to go home anymore.",
    "It’s not that the senator has anything to apologize for.",
    "None of those three have declared any preferences.",
])
def test_an_it_standing_for_a_clause_and_no_one_report_nothing(statements_of, text):
    assert statements_of(text)[0] == []


def test_it_with_a_verb_of_saying_still_reports(statements_of):
    assert only(statements_of("It said the company would pay.")[0]).quote == "the company would pay"


@pytest.mark.parametrize("text, quote, speaker", [
    ("Donald Trump's attacks on Khizr Khan drew rebukes.", "Khizr Khan", "Donald Trump"),
    ("Sen. Elizabeth Warren delivered withering criticism of Wells Fargo.", "Wells Fargo", "Elizabeth Warren"),
])
def test_a_speech_act_noun_reports_what_it_is_about_when_the_text_says_whose(statements_of, text, quote, speaker):
    statements, names = statements_of(text)
    s = only(statements)
    assert s.quote == quote and names.get(s.speaker) == speaker


@pytest.mark.parametrize("text", ["He faced questions about his taxes.", "The attacks on Paris killed 130 people."])
def test_a_speech_act_noun_of_no_one_named_reports_nothing(statements_of, text):
    assert statements_of(text)[0] == []


_FIORINA = ("The University of Pennsylvania campus auditorium was half-empty when GOP presidential candidate Carly "
            "Fiorina strode onstage.\n\nLater, she vented to her husband, Frank Fiorina, that it would fail. The board "
            "met on Monday and voted on the merger of the two companies after a long debate that ran late into the "
            "night and ended with a narrow vote.\n\nFiorina said the "
            "deal was good.")


def test_a_bare_surname_is_the_person_the_article_introduced_first(statements_of):
    # "Carly Fiorina" is taken for an organisation by the model: a given name and a surname make a person
    statements, names = statements_of(_FIORINA)
    s = next(s for s in statements if s.quote == "the deal was good")
    assert names.get(s.speaker) == "Carly Fiorina"


def test_a_bare_surname_right_after_another_full_name_is_that_one(statements_of):
    statements, names = statements_of("Hillary Clinton spoke first.\n\nThe crowd cheered when Bill Clinton took the "
                                      "stage. Clinton said the economy was strong.")
    s = next(s for s in statements if s.quote == "the economy was strong")
    assert names.get(s.speaker) == "Bill Clinton"


@pytest.mark.parametrize("text, speaker", [
    ('Clinton, exasperated, famously responded: "What difference does it make?"', "Clinton"),
    ('Sen. Richard J. Durbin (D-Ill.), noting the size of the following, said, "He has got a heck of an email list."',
     "Richard J. Durbin"),
])
def test_a_subject_set_off_by_a_participle_is_the_verbs(statements_of, text, speaker):
    statements, names = statements_of(text)
    s = next(s for s in statements if s.mode == DIRECT)
    assert names.get(s.speaker) == speaker


@pytest.mark.parametrize("text", [
    "That said, Cruz cannot realistically get enough delegates.",
    "That shows how nearly impossible it will be for him to win.",
    "One shop owner declined to be named for fear of trouble.",
])
def test_a_demonstrative_and_declining_to_be_named_report_nothing(statements_of, text):
    assert statements_of(text)[0] == []


def test_a_speaker_pronoun_is_not_someone_named_inside_the_quotation(statements_of):
    statements, names = statements_of(
        "Hillary Clinton spoke on Monday about the emails.\n\nClinton's position was supported Friday by Sen. "
        "Dianne Feinstein of California, who said none of the emails originated with Clinton.\n\n\"It has never "
        "made sense to me that Secretary Clinton can be held responsible,\" she said in a statement.")
    s = next(s for s in statements if s.mode == DIRECT)
    assert names.get(s.speaker) == "Dianne Feinstein"


def test_a_speaker_pronoun_outside_quotes_names_no_one_quoted(statements_of):
    statements, names = statements_of("\"Donald is very thin-skinned,\" she said.")
    assert only(statements).speaker is None


def test_an_honorific_keeps_a_surname_to_a_person_of_its_sex(statements_of):
    statements, names = statements_of(
        "Hillary Clinton spoke in Iowa on Monday about her plans for the economy and for health care.\n\n"
        "Her husband, Bill Clinton, was not there. The campaign said the crowd was large and the event went well, "
        "and that more events would follow in the coming weeks across the state.\n\n"
        "Mr. Clinton said Thursday he would leave the foundation's board. Mrs. Clinton said she was proud of it.")
    speakers = {s.quote: names.get(s.speaker) for s in statements}
    assert speakers["he would leave the foundation's board"] == "Bill Clinton"
    assert speakers["she was proud of it"] == "Hillary Clinton"


@pytest.mark.parametrize("text", [
    "She called Sanders to congratulate him.",
    "Obama called Netanyahu on Monday.",
])
def test_calling_someone_up_is_no_statement(statements_of, text):
    assert not [s for s in statements_of(text)[0] if s.cue and s.cue[0].text == "called"]


@pytest.mark.parametrize("text, content", [
    ("Trump called him a liar.", "him a liar"),
    ("Critics called the plan a giveaway to the rich.", "the plan a giveaway to the rich"),
    ("Trump has called Mexican immigrants rapists.", "Mexican immigrants rapists"),
])
def test_calling_something_a_name_is_a_statement(statements_of, text, content):
    assert only(statements_of(text)[0]).quote == content


def test_in_an_interview_the_clause_subject_speaks(statements_of):
    statements, names = statements_of(
        "Ruth Bader Ginsburg criticized Donald Trump on Monday.\n\n"
        "In a subsequent interview with The New York Times, she joked about moving to New Zealand.")
    s = next(s for s in statements if s.cue and s.cue[0].text == "joked")
    assert names.get(s.speaker) == "Ruth Bader Ginsburg"
    assert s.quote == "about moving to New Zealand"


def test_in_a_poll_the_clause_subject_does_not_speak(statements_of):
    statements, names = statements_of("In the latest poll, Hillary Clinton led Donald Trump by five points.")
    s = only(statements)
    assert names.get(s.speaker) != "Hillary Clinton"
    assert "Hillary Clinton" in s.quote
