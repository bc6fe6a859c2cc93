"""Statements: what is a statement and where its content ends (issue 12, cues and content)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import INDIRECT, Article
from kg.nlp.pipeline import extract
from kg.nlp.quotes import find_quotations
from kg.nlp.statements.content import title_quotation

PUBLISHED = date(2025, 12, 24)


@pytest.fixture(scope="module")
def statements_of(nlp):
    def run(text: str):
        return extract(Article("t", text, PUBLISHED), nlp(text)).statements
    return run


def by_cue(statements, cue: str):
    found = [s for s in statements if " ".join(c.text for c in s.cue) == cue]
    assert len(found) == 1, [(" ".join(c.text for c in s.cue), [c.text for c in s.content]) for s in statements]
    return found[0]


def cues(statements) -> list[str]:
    return [" ".join(c.text for c in s.cue) for s in statements]


# --- where the content ends ------------------------------------------------------------------

def test_a_second_cue_after_a_comma_is_its_own_statement_of_the_same_speaker(statements_of):
    text = ("A top Republican strategist said Clinton will have to choose whose side she is on, saying, "
            "“At some point, she is going to have to come out.”")
    statements = statements_of(text)
    said, saying = by_cue(statements, "said"), by_cue(statements, "saying")
    assert [c.text for c in said.content] == ["Clinton will have to choose whose side she is on"]
    assert saying.content[0].text.startswith("“At some point")
    assert said.speaker_span.text == saying.speaker_span.text == "A top Republican strategist"


def test_a_cue_coordinated_with_the_object_is_not_content(statements_of):
    text = 'He rails against its "Great Wall of Protectionism" and pledges to stand firm against its "cheating".'
    s = by_cue(statements_of(text), "rails against")
    assert [c.text for c in s.content] == ['its "Great Wall of Protectionism"']


def test_a_free_relative_before_the_cue_stays_in_the_content(statements_of):
    text = "Cameron will work with whoever is elected president, the prime minister's spokesman said."
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["Cameron will work with whoever is elected president"]


def test_according_to_at_the_end_reports_the_whole_sentence(statements_of):
    text = ("The agency also helped a journalist write a book that outed numerous agents, "
            "according to a former security official.")
    s = by_cue(statements_of(text), "according to")
    assert s.content[0].text == "The agency also helped a journalist write a book that outed numerous agents"


def test_a_quotation_inside_a_later_clause_does_not_continue_the_first(statements_of):
    text = ('He rails against its "Great Wall of Protectionism" and pledges to stand firm against its '
            '"cheating" and "financial blackmail of the world."')
    s = by_cue(statements_of(text), "rails against")
    assert all("blackmail" not in c.text for c in s.content)


# --- what is no statement --------------------------------------------------------------------

def test_the_cue_of_in_an_interview_is_the_verb_not_the_preposition(statements_of):
    text = "In a subsequent interview with a newspaper, she joked about moving to New Zealand."
    s = by_cue(statements_of(text), "joked")
    assert [c.text for c in s.content] == ["about moving to New Zealand"]
    assert "In" not in cues(statements_of(text))


def test_a_race_called_is_no_statement(statements_of):
    assert statements_of("Donations poured in shortly after the race was called Tuesday.") == []


def test_putting_a_house_up_for_sale_is_no_statement(statements_of):
    text = "''Or was I going to do something as an engaged citizen?'' Nega put his house up for sale."
    assert "put" not in cues(statements_of(text))


def test_adding_a_category_is_no_statement(statements_of):
    text = "Once background checks begin to be expanded to add this category, gun sales will end."
    assert statements_of(text) == []


def test_referring_to_after_a_quotation_is_the_journalists_gloss(statements_of):
    text = '"Israel was sold out by Kerry and Obama," Trump said in August, referring to Secretary of State John Kerry.'
    statements = statements_of(text)
    assert cues(statements) == ["said"]


def test_a_thing_holds_no_stance_in_a_that_clause(statements_of):
    text = "Ms. Brainard's case for caution combines the idea that the economy is not ready for higher rates."
    assert statements_of(text) == []


def test_a_person_still_states_a_that_clause_with_any_verb(statements_of):
    s = by_cue(statements_of("The judge ruled that the law was unconstitutional."), "ruled")
    assert s.content[0].text == "that the law was unconstitutional"


# --- mode ------------------------------------------------------------------------------------

def test_a_title_in_quotation_marks_is_not_a_quotation():
    text = 'The “Fight for $15” movement met the author of “Who’s Who in the CIA,” and “We will win.”'
    kinds = [title_quotation(text, q) for q in find_quotations(text)]
    assert kinds == [True, True, False]


def test_a_shouted_headline_or_a_sentence_is_not_a_title():
    text = "“DIVISIVE, STUPID AND WRONG” was the headline; “We Will Win!” he shouted."
    assert [title_quotation(text, q) for q in find_quotations(text)] == [False, False]


def test_a_name_in_quotation_marks_leaves_reported_speech_indirect(statements_of):
    text = "The union-backed “Fight for $15” movement plans to protest the debate, the Daily Caller reports."
    s = by_cue(statements_of(text), "reports")
    assert s.mode == INDIRECT


def test_a_speech_act_named_by_its_bare_noun_says_nothing(statements_of):
    assert statements_of("Trump made the comments at a rally in Ohio.") == []


def test_a_speech_act_with_what_it_said_is_a_statement(statements_of):
    s = by_cue(statements_of("The city sent a cease-and-desist letter to the campaign."), "sent")
    assert s.content[0].text == "a cease-and-desist letter"


def test_a_relative_clause_describing_a_name_in_the_object_is_not_content(statements_of):
    text = "Trump praised his daughter Ivanka, who converted to Judaism when she married Jared Kushner."
    s = by_cue(statements_of(text), "praised")
    assert [c.text for c in s.content] == ["his daughter Ivanka"]


def test_a_relative_word_inside_the_content_stays(statements_of):
    text = "Teachers who connect online are very pro-Bernie, Kilfoyle said."
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["Teachers who connect online are very pro-Bernie"]


def test_a_gerund_complement_after_the_cue_is_the_content(statements_of):
    text = "The club has been a money-maker for Trump, however — he reported earning $132 million from the club."
    s = by_cue(statements_of(text), "reported")
    assert [c.text for c in s.content] == ["earning $132 million from the club"]


def test_a_participle_after_a_relative_clause_is_said_by_the_main_subject(statements_of):
    text = ("Trump was forced to defend not paying an architect who said he was stiffed, "
            "saying, “Maybe he didn’t do a good job, and I wasn’t satisfied with his work.”")
    s = by_cue(statements_of(text), "saying")
    assert s.speaker_span.text == "Trump"


def test_a_fronted_source_of_a_title_in_quotation_marks_is_no_statement(statements_of):
    text = "In his 2002 book, ''Make Your Kid a Millionaire,'' Mr. McKinley suggested looking at your bills."
    assert "book" not in cues(statements_of(text))


def test_finding_oneself_in_a_state_is_no_statement(statements_of):
    assert statements_of("John Kerry found himself playing defense on national security issues.") == []


def test_a_poll_still_finds_through_a_clause(statements_of):
    s = by_cue(statements_of("A poll from Marquette Law School found Clinton leading Trump by 15 points."), "found")
    assert s.content[0].text == "Clinton leading Trump by 15 points"


def test_a_name_the_parser_split_stays_whole_in_the_content(statements_of):
    text = "Robert Mercer, the GOP mega-donor who once backed Texas Senator Ted Cruz, is launching a super-PAC."
    s = by_cue(statements_of(text), "backed")
    assert [c.text for c in s.content] == ["Texas Senator Ted Cruz"]


def test_a_naming_call_is_no_statement(statements_of):
    assert statements_of("An anti-Trump super PAC called Our Principles is ramping up its operations.") == []


def test_a_calling_that_predicates_still_reports(statements_of):
    s = by_cue(statements_of("Trump called the plan a disaster."), "called")
    assert s.content[0].text == "the plan a disaster"


def test_an_aside_after_a_dash_at_the_end_is_not_content(statements_of):
    text = ("Sanders said he was “encouraged” by the plan — a modest boost for Obama since 2009, when Sanders "
            "joined 89 other senators to reject the request.")
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["he was “encouraged” by the plan"]


def test_a_naming_or_showing_passive_without_an_agent_reports_no_one(nlp):
    for text in ("A photo of Ali was shown on the jumbo screen.",
                 "It is what is today typically called “regenerative medicine.”",
                 "No other users were mentioned in the tweets."):
        x = extract(Article("t", text, date(2016, 3, 1)), nlp(text))
        assert [s for s in x.statements if s.cue and s.cue[0].text in ("shown", "called", "mentioned")] == [], text


def test_a_naming_verb_in_the_active_still_is_a_cue(nlp):
    text = "Cruz called Trump a liar."
    x = extract(Article("t", text, date(2016, 3, 1)), nlp(text))
    assert [s.cue[0].text for s in x.statements] == ["called"]


# --- a block quotation: a paragraph set off after "X added:" without quotation marks ---------

def test_a_paragraph_after_a_cue_ending_its_paragraph_with_a_colon_is_what_was_said(statements_of):
    text = ("Rush Limbaugh spoke about the debate on his radio show.\n\nLimbaugh added:\n\n"
            "And from a supposed front-runner, this reeks of fear. She cannot beat this guy.\n\n"
            "The debate is on Monday.")
    added = by_cue(statements_of(text), "added")
    assert [c.text for c in added.content] == [
        "And from a supposed front-runner, this reeks of fear. She cannot beat this guy."]
    assert added.speaker_span.text == "Limbaugh" and added.mode == INDIRECT


def test_a_colon_before_a_list_or_markup_or_after_a_stance_is_no_block_quotation(statements_of):
    text = ("The senator wants changes in three areas. Here is where the plan stands, the senator said "
            "on Monday.\n\nThe candidate supports:\n\nLower taxes for families.\n\n"
            "One voter tweeted:\n\n<tweet author=\"@someone\">We are done.</tweet>")
    statements = statements_of(text)
    assert not any(c.text.startswith(("Lower taxes", "<tweet")) for s in statements for c in s.content)


def test_a_that_clause_the_parser_hung_on_the_cue_as_an_adverbial_is_what_was_said(statements_of):
    # the parser makes "that" an adverb of an adverbial clause "Machado was ..." of "tweeted"
    text = "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con.”"
    tweeted = by_cue(statements_of(text), "tweeted")
    assert tweeted.content[0].text.startswith("that Machado was")


def test_a_clause_opened_by_so_that_is_no_report(statements_of):
    text = "The senator wrote the bill so that families would pay less."
    assert not any(c.text.startswith(("so that", "that families")) for s in statements_of(text) for c in s.content)


# --- a headline naming a document as its source ----------------------------------------------

def test_a_headline_opened_by_a_poll_and_a_colon_is_the_polls_statement_without_a_speaker(statements_of):
    text = ("Poll: Clinton and Trump in dead heat heading into first debate.\n\n"
            "A new survey of likely voters was released on Sunday.")
    poll = by_cue(statements_of(text), ":")
    # (the full stop is the headline's, not the poll's words)
    assert [c.text for c in poll.content] == ["Clinton and Trump in dead heat heading into first debate"]
    assert poll.speaker is None and poll.speaker_span.text == "Poll"


def test_a_document_and_a_colon_after_the_headline_is_no_statement(statements_of):
    text = ("Clinton and Trump are tied.\n\nReport: The candidates will meet again in October.")
    assert ":" not in cues(statements_of(text))


# --- "According to X, ..." parsed as the sentence's root --------------------------------------

def test_a_clause_after_an_opening_according_to_the_parser_made_the_root_is_what_the_source_says(statements_of):
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of “fear” and desperation."
    according = by_cue(statements_of(text), "According to")
    assert [c.text for c in according.content] == ["the move reeks of “fear” and desperation"]
    assert according.speaker_span.text.endswith("Rush Limbaugh")


def test_an_opening_according_to_followed_by_no_clause_is_no_statement(statements_of):
    text = "Pretty much the same, right?\nAccording to MSNBC, basically."
    assert not any(c.text == "basically" for s in statements_of(text) for c in s.content)


def test_a_block_quotation_the_parser_ran_into_the_cues_sentence_is_still_what_was_said(statements_of):
    # no sentence break after the colon: the paragraph after it hangs in the cue's sentence
    text = ("The movie was released on Friday.\n\nHewitt writes:\n\nThe movie mentions neither the president "
            "nor the then secretary of state by name, and no expressed argument is made.\n\nThe film opens next week.")
    writes = by_cue(statements_of(text), "writes")
    assert writes.content[0].text.startswith("The movie mentions neither the president")


# --- where the content ends: coordination, asides and medial cues (session 7) ------------------

def _content(statements, cue: str) -> list[str]:
    return [c.text for c in by_cue(statements, cue).content]


def test_a_bare_infinitive_coordinated_with_the_cue_continues_the_reported_infinitive(statements_of):
    text = ("She wants to triple the size of the AmeriCorps program, grow the Peace Corps and create a new "
            "national service reserve program.")
    assert _content(statements_of(text), "wants") == [
        "to triple the size of the AmeriCorps program, grow the Peace Corps and create a new national "
        "service reserve program"]


def test_a_modal_predicate_coordinated_with_the_cue_continues_the_reported_clause(statements_of):
    text = ("The Tax Policy Center says it would depress revenue in the early years as investors delayed "
            "sales, but would eventually add $84 billion over 10 years.")
    assert _content(statements_of(text), "says") == [
        "it would depress revenue in the early years as investors delayed sales, but would eventually add "
        "$84 billion over 10 years"]


def test_a_further_clause_with_its_own_subject_ends_the_coordinated_continuation(statements_of):
    text = "She wants to cut taxes, raise wages and she, once again, promised a revolution."
    statements = statements_of(text)
    assert _content(statements, "wants") == ["to cut taxes, raise wages"]
    assert _content(statements, "promised") == ["a revolution"]


def test_a_finite_verb_after_a_modal_reported_clause_is_the_speakers_own_act(statements_of):
    text = "The mayor said he would resign and left the room."
    assert _content(statements_of(text), "said") == ["he would resign"]


def test_a_relative_clause_set_off_at_the_end_is_the_journalists_aside(statements_of):
    text = ("Fowler said he expects Clinton to fully recover from her bout with pneumonia, which forced her "
            "to leave a memorial event early.")
    assert _content(statements_of(text), "said") == [
        "he expects Clinton to fully recover from her bout with pneumonia"]


def test_a_description_of_a_name_at_the_end_is_the_journalists_aside(statements_of):
    text = "He said he did not support Mr. Trump, the presumed Putin favorite."
    assert _content(statements_of(text), "said") == ["he did not support Mr. Trump"]


def test_a_list_read_as_an_appositive_stays_in_the_content(statements_of):
    text = ("Sanders said he and Trump differ on Israel, the Iranian nuclear deal and the possibility of "
            "compromising over a choice for the Supreme Court.")
    assert _content(statements_of(text), "said") == [
        "he and Trump differ on Israel, the Iranian nuclear deal and the possibility of compromising over a "
        "choice for the Supreme Court"]


def test_a_closing_bracket_opened_in_the_content_is_kept(statements_of):
    text = ("Warner said that, in addition to Scott, he would have to consider Rep. Don Beyer (D-Va.), a "
            "former lieutenant governor.")
    assert _content(statements_of(text), "said")[0].endswith("Rep. Don Beyer (D-Va.)")


def test_a_medial_cue_reports_the_clause_before_and_the_one_coordinated_after(statements_of):
    text = ("The middle one-fifth paid 8.9 percent, the agency said in a June report, and those in the bottom "
            "fifth of incomes paid 0.8 percent.")
    assert _content(statements_of(text), "said") == [
        "The middle one-fifth paid 8.9 percent", "those in the bottom fifth of incomes paid 0.8 percent"]


def test_a_quotation_and_its_cue_between_dashes_report_the_quotation_alone(statements_of):
    text = ("Mr. Bush also praised his younger brother's ''deep and genuine faith'' - ''faith that reveals "
            "itself through good works, not loud words,'' he said - and argued for nominating a Republican "
            "who can win.")
    statements = statements_of(text)
    assert _content(statements, "said") == ["''faith that reveals itself through good works, not loud words,''"]
    assert all("said" not in c for c in _content(statements, "praised"))


def test_a_fronted_subject_the_parser_hung_on_a_parenthetical_cue_is_content(statements_of):
    text = ("Evaluating the candidates on the basis of who is up and down in national polls, Stevens said, "
            "\"is like looking at someone's bowling average to determine if they can play tennis. It's "
            "completely irrelevant.\"")
    s = by_cue(statements_of(text), "said")
    assert s.content[0].text == "Evaluating the candidates on the basis of who is up and down in national polls"
    assert s.mode == "Mixed"


def test_a_trailing_relative_clause_outside_the_quotation_of_mixed_content_is_an_aside(statements_of):
    text = ('The employee said he had an "Oh, s---" moment and deleted an email archive using a program '
            'called BleachBit, which is designed to prevent recovery.')
    assert _content(statements_of(text), "said") == [
        'he had an "Oh, s---" moment and deleted an email archive using a program called BleachBit']


def test_a_relative_clause_inside_a_quotation_is_the_speakers(statements_of):
    text = 'He said the party had become "a club for the rich, which nobody can join."'
    assert _content(statements_of(text), "said") == ['the party had become "a club for the rich, which nobody can join."']


def test_a_verb_of_saying_coordinated_with_the_reported_clause_is_the_speakers_next_statement(statements_of):
    text = ("British Prime Minister Theresa May said this week that the country would formally declare its "
            "intention to break with the E.U. by the end of March and suggested that it would withdraw from "
            "the single market.")
    statements = statements_of(text)
    assert _content(statements, "said") == [
        "that the country would formally declare its intention to break with the E.U. by the end of March"]
    suggested = by_cue(statements, "suggested")
    assert [c.text for c in suggested.content] == ["that it would withdraw from the single market"]
    assert suggested.speaker_span.text == "Theresa May"


def test_a_possessive_relative_object_stands_for_the_noun_its_clause_hangs_on(statements_of):
    text = "Mr. Bush said he was leaning toward supporting Mr. Trump, whose dynamism and contrarian nature he admired."
    statements = statements_of(text)
    assert _content(statements, "said") == ["he was leaning toward supporting Mr. Trump"]
    assert _content(statements, "admired") == ["Mr. Trump", "dynamism and contrarian nature"]


def test_that_is_according_to_reports_the_sentence_before(statements_of):
    text = ("Turnout rose sharply in the northern counties this year.\n\n"
            "That’s according to early results of exit polls conducted for the network.")
    s = by_cue(statements_of(text), "according to")
    assert [c.text for c in s.content] == ["Turnout rose sharply in the northern counties this year"]


def test_that_is_according_to_after_a_report_of_its_own_is_dropped(statements_of):
    text = ("The mayor said the bridge will be built next year. "
            "That's according to a transcript of the meeting.")
    statements = statements_of(text)
    assert cues(statements) == ["said"]


def test_a_trailing_participle_clause_is_not_what_was_said(statements_of):
    text = "The video shows that the driver had stopped the car, contradicting the sheriff's earlier account."
    s = by_cue(statements_of(text), "shows")
    assert [c.text for c in s.content] == ["that the driver had stopped the car"]



def test_a_connective_opening_the_sentence_is_not_what_the_source_said(statements_of):
    text = "In addition, the council plans to publish the full accounts next month, a spokeswoman said."
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["the council plans to publish the full accounts next month"]


def test_a_circumstance_opening_the_sentence_stays_in_the_content(statements_of):
    text = "In December 2009, the company moved its headquarters to Texas, the report said."
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["In December 2009, the company moved its headquarters to Texas"]


def test_a_dateline_is_not_what_the_source_said(statements_of):
    text = "LONDON ― The minister’s plan has no support in parliament, aides said on Monday."
    s = by_cue(statements_of(text), "said")
    assert [c.text for c in s.content] == ["The minister’s plan has no support in parliament"]


def test_the_one_urged_is_part_of_the_infinitive_said_of_them(statements_of):
    text = "The governor urged lawmakers to pass the budget before the summer recess."
    s = by_cue(statements_of(text), "urged")
    assert [c.text for c in s.content] == ["lawmakers to pass the budget before the summer recess"]


def test_a_noun_the_parser_joined_to_a_prepositional_cue_is_part_of_its_object(statements_of):
    text = "The senator spoke about economic fairness, and a need to raise the minimum wage."
    s = by_cue(statements_of(text), "spoke about")
    assert [c.text for c in s.content] == ["economic fairness, and a need to raise the minimum wage"]
