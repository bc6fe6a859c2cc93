"""Statements: cue uses that report nothing said, and where a content span ends (issue 12,
precision)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import Article
from kg.nlp.pipeline import extract

PUBLISHED = date(2025, 12, 24)


@pytest.fixture(scope="module")
def statements_of(nlp):
    def run(text: str):
        return extract(Article("t", text, PUBLISHED), nlp(text)).statements
    return run


def cues(statements) -> list[str]:
    return [" ".join(c.text for c in s.cue) for s in statements]


def content_of(statements, cue: str) -> list[str]:
    found = [s for s in statements if " ".join(c.text for c in s.cue) == cue]
    assert len(found) == 1, [(" ".join(c.text for c in s.cue), [c.text for c in s.content]) for s in statements]
    return [c.text for c in found[0].content]


# --- cue uses that report nothing ---------------------------------------------------------------

def test_a_cue_after_without_reports_nothing(statements_of):
    text = ("“Sometimes our politics doesn't express all the goodness of the people,” he said, without "
            "referring specifically to any of the presidential candidates.")
    statements = statements_of(text)
    assert "referring to" not in cues(statements)
    assert "said" in cues(statements)


def test_a_cue_in_a_whether_question_reports_nothing(statements_of):
    text = ("What is unclear is whether Sanders, who enjoys higher favorable numbers than Clinton, will ever "
            "tell those voters to support the winner of the primary contests.")
    assert "tell" not in cues(statements_of(text))


def test_a_subjectless_conjoined_cue_does_not_frame_the_clause_before_it(statements_of):
    text = "Mr. Trump, it turned out, knew their voters better than they did."
    statements = statements_of(text)
    assert not any("turned out" in c.text for s in statements for c in s.content)


def test_a_cue_with_an_object_of_its_own_does_not_frame_the_clause_before_it(statements_of):
    text = ("From his point of view, there was no real disagreement; he and Brafman had basically said "
            "the same thing.")
    assert not any("disagreement" in c.text for s in statements_of(text) for c in s.content)
    text = "The program is gaining traction, the deputy secretary told reporters."
    assert content_of(statements_of(text), "told") == ["The program is gaining traction"]
    text = "There is no need to move them, Kennedy wrote Linick."
    assert content_of(statements_of(text), "wrote") == ["There is no need to move them"]
    # an apposition the parser made the object is set off by a comma: the quotation stays his
    text = ("“We like a lot of the candidates,” Adelson said during the interview in Macau, the world’s "
            "largest gambling hub, ahead of the opening of his new hotel.")
    assert content_of(statements_of(text), "said") == ["“We like a lot of the candidates,”"]


def test_a_cue_in_a_clause_of_time_does_not_frame_the_main_clause(statements_of):
    for text in ("Shares rose quickly, once the company commented.",
                 "The crowd cheered loudly, when the senator explained."):
        statements = statements_of(text)
        assert not any("rose" in c.text or "cheered" in c.text for s in statements for c in s.content)


def test_a_subjectless_conjoined_cue_after_a_quotation_still_frames_it(statements_of):
    text = ("“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, told AFP "
            "in an interview in Mexico City on Monday.")
    assert content_of(statements_of(text), "told")[0].startswith("“We were tremendously wrong")


def test_a_verb_of_grasping_with_a_noun_object_reports_nothing(statements_of):
    statements = statements_of("Migrants themselves understand the anxiety they engender.")
    assert "understand" not in cues(statements)
    # with a clause it still reports a belief
    statements = statements_of("Mr. Obama understood that a legislative push would be fruitless.")
    assert content_of(statements, "understood") == ["that a legislative push would be fruitless"]


def test_releasing_someone_elses_documents_says_nothing(statements_of):
    text = "WikiLeaks released the DNC emails just before the Democratic National Convention."
    assert "released" not in cues(statements_of(text))
    text = "The campaign released a statement criticizing the decision."
    assert content_of(statements_of(text), "released") == ["a statement criticizing the decision"]


# --- where the content ends ---------------------------------------------------------------------

def test_according_to_stops_before_the_journalists_but_clause(statements_of):
    text = ("Trump so far has won 758 pledged delegates, compared to Cruz’s 538, according to a CNN tally, "
            "but his pathway to outright victory is narrowing.")
    assert content_of(statements_of(text), "according to") == [
        "Trump so far has won 758 pledged delegates, compared to Cruz’s 538"]


def test_according_to_keeps_a_coordinated_clause_of_the_source(statements_of):
    text = ("The top 1 percent paid 25 percent of all federal taxes, according to the Congressional Budget "
            "Office, and the top 10 percent paid 69 percent.")
    content = content_of(statements_of(text), "according to")
    assert content[-1].endswith("the top 10 percent paid 69 percent")


def test_a_prepositional_cue_takes_its_as_phrase(statements_of):
    text = ("They point to technology that has eradicated child pornography on the web, or older tools for "
            "spotting computer viruses, as potential guideposts for blocking terror-related content.")
    content = content_of(statements_of(text), "point to")
    assert content[-1].endswith("as potential guideposts for blocking terror-related content")


def test_a_prepositional_cue_takes_an_object_coordinated_with_it(statements_of):
    text = ("Clinton sought to brush aside her Michigan loss, pointing to a big victory in Mississippi and the "
            "fact that she emerged with more total delegates on Tuesday than her opponent.")
    assert content_of(statements_of(text), "pointing to") == [
        "a big victory in Mississippi and the fact that she emerged with more total delegates on Tuesday "
        "than her opponent"]


def test_a_time_phrase_after_the_object_is_when_not_what(statements_of):
    text = "When Trump announced his candidacy in June 2015, he referred to Mexican immigrants as criminals."
    assert content_of(statements_of(text), "announced") == ["his candidacy"]


def test_a_cue_in_a_when_clause_parsed_as_root_leaves_the_main_clause_out(statements_of):
    text = ("When Francis said Mr. Trump ''is not Christian'' in answering a reporter's question on his "
            "return flight from Mexico, the Latin American pope not only served up red meat for headline "
            "writers, but again demonstrated his knack for sticking his nose into secular affairs.")
    assert content_of(statements_of(text), "said") == [
        "Mr. Trump ''is not Christian'' in answering a reporter's question on his return flight from Mexico"]


def test_a_coordinated_cue_with_a_clause_of_its_own_is_its_own_report(statements_of):
    text = ("She told ABC’s “Good Morning America” on Monday the tone of the interview was cordial, with tense "
            "moments, and predicted viewers “will be feeling a little uncomfortable.”")
    statements = statements_of(text)
    assert content_of(statements, "told") == ["the tone of the interview was cordial, with tense moments"]
    assert content_of(statements, "predicted") == ["viewers “will be feeling a little uncomfortable.”"]
    # a predicate without a clause of its own stays in what was said
    assert content_of(statements_of("He said he was tired and wanted to leave."), "said") == [
        "he was tired and wanted to leave"]


def test_a_clause_before_a_colon_is_not_what_the_cue_after_it_reports(statements_of):
    text = ("The revelation set off another round of partisan fireworks on Friday: Republicans said they're "
            "increasingly convinced the Justice Department mishandled the investigation.")
    assert content_of(statements_of(text), "said") == [
        "they're increasingly convinced the Justice Department mishandled the investigation"]


def test_a_paragraph_before_the_cue_is_not_its_content(statements_of):
    text = ("“Of course it’s not appropriate,” Cruz said in response to a question from a reporter. “What a "
            "bizarre world we’re in, where reporters are forced to ask the question, ‘Should political campaign "
            "staffers physically assault reporters?’”\n\nFormer Breitbart reporter Michelle Fields accused "
            "Donald Trump campaign manager Corey Lewandowski of grabbing her at a press conference in Florida "
            "last week.")
    assert content_of(statements_of(text), "accused") == [
        "Donald Trump campaign manager Corey Lewandowski of grabbing her at a press conference in Florida last week"]


def test_a_thought_about_a_topic_reports_no_belief(statements_of):
    assert "Thinks" not in cues(statements_of("How Paul Ryan Thinks About Donald Trump."))
    text = "Murphy, who thinks often about the son's final words, spoke to reporters."
    assert "thinks" not in cues(statements_of(text))
    # a cue phrase with its preposition is a stance of its own
    assert "worry about" in cues(statements_of("These days, many residents worry about derogatory portrayals of Muslims."))


def test_a_passive_of_withholding_with_its_object_kept_reports_nothing(statements_of):
    text = ("They hope the debate will give the provision a privilege that so many other parts of Obamacare "
            "have been denied: a chance to be refined.")
    assert "denied" not in cues(statements_of(text))
    assert "denied" not in cues(statements_of("Reporters were denied access to the hearing."))
    assert "denied" in cues(statements_of("The allegations were denied by the campaign."))
    # a relative "when" says something of the subject
    text = "There have been pivotal points, moments when he was described as becoming newly serious."
    assert "described" in cues(statements_of(text))


def test_a_thing_posted_reports_nothing(statements_of):
    text = "Serafinowicz, who starred in Parks and Recreation, posted the clip to YouTube on Thursday."
    assert "posted" not in cues(statements_of(text))
    assert "posted" not in cues(statements_of("Palin posted a photo of herself and her son on Facebook."))
    assert "posted" in cues(statements_of("Cruz posted comments on Facebook attacking the ruling."))


def test_thinking_about_doing_something_is_a_stance(statements_of):
    text = "Michael Bloomberg, who's thinking about running for president, said it was impossible."
    assert "thinking" in cues(statements_of(text))
    text = ("Paradis and Bennett didn't know at the time that the candidates they were supporting would surge "
            "to commanding victories.")
    assert "know" in cues(statements_of(text))


# --- issue 12 audit: speech, speaker and content of the 840-article export ----------------------

def speaker_of(statements, cue: str) -> str | None:
    found = [s for s in statements if " ".join(c.text for c in s.cue) == cue]
    assert len(found) == 1, cues(statements)
    return found[0].speaker_span.text if found[0].speaker_span is not None else None


def test_a_thing_subject_heralds_or_offers_nothing(statements_of):
    text = ("The Fed rate rise heralds not a gradual tap on the economic brakes, but a starting gun for an "
            "entirely new investment era.")
    assert "heralds" not in cues(statements_of(text))
    assert "offered" not in cues(statements_of("The State Department's recent email dump offered a window into "
                                               "their relationship."))
    # a person, and an "it" standing for a newspaper, still back someone
    assert "backed" in cues(statements_of("Protesters gathered outside the newspaper after it backed Clinton."))
    assert "offered" in cues(statements_of("Clinton offered her firmest promise yet that she would not allow "
                                           "the accord to pass."))


def test_recognizing_a_thing_reports_nothing(statements_of):
    text = "The Democratic platform explicitly recognizes transgender people."
    assert "recognizes" not in cues(statements_of(text))
    assert "recognized" in cues(statements_of("Mr. Obama recognized that the reforms were not complete."))


def test_a_participle_with_its_agent_describes_a_noun(statements_of):
    text = ("\"Sons of Trump\" is an adaptation of a show called \"Brokers,\" written by a Spanish comedy "
            "troupe, that skewers the lives of the super-rich.")
    assert "written" not in cues(statements_of(text))


def test_a_thing_read_as_saying_says_nothing(statements_of):
    text = ("The biases shown in the report shouldn't be read as saying these web panels are inferior to "
            "telephone surveys.")
    assert "saying" not in cues(statements_of(text))


def test_the_writers_own_term_is_no_statement(statements_of):
    text = "Other Republicans would move toward taxing consumption (what we call spending) and away from income."
    assert "call" not in cues(statements_of(text))


def test_a_cue_phrase_preposition_after_an_object_is_the_objects(statements_of):
    text = "The proposal prompted Parliament to call a debate in January on whether to ban the man."
    assert "call on" not in cues(statements_of(text))
    assert "called on" in cues(statements_of("Harry Reid called on Grayson months ago to quit the Senate race."))


def test_a_that_clause_of_a_conjoined_object_is_not_the_verbs(statements_of):
    text = ("Ryan's comments could fuel Trump's concern that he cannot trust the party brass or Priebus' "
            "assertion Tuesday night that the party recognizes him as the nominee.")
    assert "trust" not in cues(statements_of(text))
    text = "The Obama administration attempted to make the case to members that the bill is a bad idea."
    assert "make" in cues(statements_of(text))


def test_the_writer_of_a_letter_asks_not_its_addressee(statements_of):
    text = "Grijalva sent a letter to Mr. Castro asking that the sales be halted."
    assert speaker_of(statements_of(text), "asking") == "Grijalva"


def test_a_participle_before_a_parenthetical_cue_has_its_own_subject(statements_of):
    text = ("Trump welcomed the news that Kasich would quit, saying the Ohio Republican was \"doing the right "
            "thing,\" CNN reported.")
    assert speaker_of(statements_of(text), "saying") == "Trump"


def test_a_bare_title_conjoined_with_a_titled_name_is_that_person(statements_of):
    text = ("The firm lobbied on behalf of the Trump Organization, said lobbyist and GOP strategist Charlie "
            "Black, Manafort's former business partner.")
    assert speaker_of(statements_of(text), "said") == "Charlie Black"


def test_a_name_read_as_a_modal_speaks(statements_of):
    text = "George Will is a columnist. \"This might hasten the eclipse of Donald Trump,\" Will wrote."
    assert speaker_of(statements_of(text), "wrote") == "Will"


def test_of_two_subjects_the_nearest_is_the_cues(statements_of):
    text = ("An argument between those who fear softness (''This is less a crisis and more an occupation,'' "
            "Monica Crowley wrote in The Washington Times last week) and those who fear a vengeful West.")
    assert speaker_of(statements_of(text), "wrote") == "Monica Crowley"


def test_a_bare_do_is_no_content(statements_of):
    text = "He never apologized, something many Republicans had urged him to do."
    assert "urged" not in cues(statements_of(text))


def test_where_words_were_written_is_no_content(statements_of):
    assert "wrote" not in cues(statements_of("Trump wrote on Twitter."))
    assert content_of(statements_of("He commented on Trump."), "commented on") == ["Trump"]


def test_a_letter_whose_participle_says_what_it_asked_is_no_content(statements_of):
    statements = statements_of("Grijalva wrote a letter to Mr. Castro asking that the sales be halted.")
    assert "wrote" not in cues(statements)
    assert speaker_of(statements, "asking") == "Grijalva"
    statements = statements_of("His campaign sent out a text message to supporters saying: \"With your help, "
                               "we were just declared the winner!\"")
    assert "sent" not in cues(statements)
    assert speaker_of(statements, "saying") == "His campaign"


def test_a_belief_one_can_hold_is_no_stated_stance(statements_of):
    assert "expect" not in cues(statements_of("Audiences can expect a little more recklessness from him tonight."))
    assert "expect" in cues(statements_of("A majority of voters expect Clinton to win Monday's debate."))
    assert "believe" in cues(statements_of("I can't believe that he said it."))


def test_a_particle_can_make_another_verb(statements_of):
    assert "write" not in cues(statements_of("Jeb Bush would let businesses immediately write off capital investment."))
    text = "Interest groups are backing up their endorsements with manpower in key states."
    assert "backing" not in cues(statements_of(text))
    assert "backed off" in cues(statements_of("Trump backed off some of his initial proposals."))


def test_feeling_a_thing_is_no_stance(statements_of):
    assert "feeling" not in cues(statements_of("Ryan is certainly feeling some pressure from his caucus."))
    assert "feel" in cues(statements_of("Many voters feel that the system is rigged."))


def test_neither_of_two_subjects_said_it(statements_of):
    text = "But neither he nor Nanney echoed the tone of Cruz, who has called the mogul an obvious phony."
    statements = statements_of(text)
    assert "echoed" not in cues(statements)
    assert "called" in cues(statements)


def test_a_fronted_asked_tagged_as_a_past_is_a_participle(statements_of):
    statements = statements_of("Asked what that might look like, she said: \"We'll figure that out, if and when.\"")
    assert "Asked" not in cues(statements)
    assert "said" in cues(statements)


def test_the_one_told_is_not_who_told_him(statements_of):
    text = ("Marco Rubio met a voter in Iowa. \"U.S. citizens that are in my spot have been horribly abused by the "
            "H-1B program,\" he told Rubio.")
    found = [s for s in statements_of(text) if cues([s]) == ["told"]]
    assert len(found) == 1 and found[0].speaker != found[0].addressee
