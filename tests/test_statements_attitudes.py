"""Stated attitudes PolNeAR annotates and kg used to miss (session 8, quotes recall): "hopes to"
(the model's lemmatizer made "hopes" "hop"), verbs of judging by an object ("bemoaned the unrest"),
"X as Y" characterisations ("painted Trump as ..."), and the to-infinitive of a possessed noun of
intention ("her decision to meet ..."); each with the near miss that must stay out."""

from __future__ import annotations

import pytest


def test_hopes_is_the_verb_hope_not_hop(nlp):
    doc = nlp("Mr. Clarke hopes to offset the emissions. Their hopes rose as he hoped.")
    assert [t.lemma_ for t in doc if t.lower_.startswith("hope")] == ["hope", "hope", "hope"]


def test_hoping_to_do_something_is_a_stated_intention(attributions_of):
    assert attributions_of("Mr. Clarke hopes to offset all of the expected emissions from the coal.") == [
        ("hopes", "Clarke", "to offset all of the expected emissions from the coal")]
    assert attributions_of("The campaign is hoping to organize another rally.") == [
        ("hoping", "The campaign", "to organize another rally")]


@pytest.mark.parametrize("text, cue, content", [
    ("Donald Trump, her Republican opponent, bemoaned the unrest in Charlotte.", "bemoaned", "the unrest in Charlotte"),
    ("Senator Smith downplayed the risk of concussions for kids.", "downplayed", "the risk of concussions for kids"),
    ("Senator Smith urges retaliation on Russia.", "urges", "retaliation on Russia"),
])
def test_verbs_of_judging_report_their_object(attributions_of, text, cue, content):
    (found,) = attributions_of(text)
    assert found[0] == cue and found[2] == content


def test_a_characterisation_as_something_is_a_stated_judgement(attributions_of):
    assert attributions_of("Clinton has been painting Trump as a Romney caricature.") == [
        ("painting", "Clinton", "Trump as a Romney caricature")]
    assert attributions_of("Donald Trump is casting himself as a champion of the little guy.") == [
        ("casting", "Donald Trump", "himself as a champion of the little guy")]


def test_the_same_verbs_without_as_report_nothing(attributions_of):
    assert attributions_of("Senator Smith painted the fence on Sunday.") == []
    assert attributions_of("Senator Smith cast a ballot on Tuesday.") == []


def test_a_possessed_noun_of_intention_reports_its_infinitive(attributions_of):
    assert ("call", "Trump", "to ban all Muslims") in attributions_of("Trump's call to ban all Muslims drew criticism.")
    found = attributions_of("The government's determination to further its quest to develop missiles worries Japan.")
    assert ("determination", "The government", "to further its quest to develop missiles") in found


def test_a_noun_of_intention_without_a_holder_names_no_stance(attributions_of):
    assert attributions_of("A decision to close the plant was made in May.") == []


def test_a_name_the_parser_hung_on_the_verb_as_an_adverbial_is_its_object(attributions_of):
    # the parser makes "Trump" a noun-phrase adverbial of "compared"
    assert attributions_of("Aaron Kall compared Trump to a coach at a basketball game.") == [
        ("compared", "Aaron Kall", "Trump to a coach at a basketball game")]


def test_identifying_something_as_something_reports_the_object_and_its_as_phrase(attributions_of):
    (found,) = attributions_of("Sen. Bernie Sanders (Vt.), who lost the Democratic primaries to Clinton, identified "
                             "young voters' exhaustion with bigotry as one of the reasons that they should get "
                             "excited about Clinton's candidacy.")
    assert found[2].startswith("young voters' exhaustion with bigotry as one of the reasons")


def test_a_finite_adverbial_clause_does_not_take_the_main_clause_subject(attributions_of):
    # "support" is parsed as a subjectless adverbial clause of "has been"; its subject is not "failure"
    found = attributions_of("The Council's starkest recent failure has been over Syria, with Russia backing the "
                          "government as the United States, Britain and France support some opposition groups.")
    assert not any(cue == "support" for cue, _, _ in found)
    # a participle misparsed as the root leaves its subject to the finite verb after it
    assert attributions_of('Protesters marching through the streets chanted "What curfew?" and kept going.') == [
        ("chanted", "Protesters", '"What curfew?"')]


def test_a_passive_of_feeling_with_a_that_clause_is_its_subjects_stance(attributions_of):
    assert attributions_of("Protesters were frustrated that the police released only some of the footage.") == [
        ("frustrated", "Protesters", "that the police released only some of the footage")]
    # the subject of a passive of telling is the one told, and "it was reported" names no one
    assert attributions_of("He was told that the meeting was over.") == []
    assert [s for _, s, _ in attributions_of("It was reported that the meeting was over.")] == [None]


def test_an_as_clause_opening_the_sentence_reports_the_main_clause(attributions_of):
    assert attributions_of("As the senator said, the bill is dead.") == [("said", "the senator", "the bill is dead")]
    found = attributions_of("As one of Mr. Obama's climate advisers pointed out, Hawaii normally does not get "
                          "back-to-back hurricanes.")
    assert [(cue, content) for cue, _, content in found] == [
        ("pointed out", "Hawaii normally does not get back-to-back hurricanes")]


def test_warning_against_something_reports_what_was_warned_against(attributions_of):
    assert attributions_of("Trump also warned against potential hackers from China, Russia and North Korea.") == [
        ("warned against", "Trump", "potential hackers from China, Russia and North Korea")]


def test_a_participle_describing_a_noun_reports_only_for_someone_named(attributions_of):
    # the statement the Security Council issued speaks for it: what it calls the test is the report
    found = attributions_of("The Security Council issued a statement calling the nuclear test a clear violation "
                          "of its resolutions.")
    assert found == [("calling", "Security Council", "the nuclear test a clear violation of its resolutions")]
    # "one" names no one: no statement rather than one without a speaker
    assert attributions_of("Agents found online postings that included one saying that the house should burn.") == []


def test_predicate_adjectives_of_intention_report_their_infinitive(attributions_of):
    assert attributions_of("Some Republicans were willing to go forward with a more limited climate bill.") == [
        ("willing", "Some Republicans", "to go forward with a more limited climate bill")]
    assert attributions_of("The house is ready to sell.") == []
