"""Statements of issue 12's recall classes: a title-case headline whose verb the parser read as a
name, a predicate adjective of stance with one of several prepositions, a possessed noun of view or
intention with what it is about, and verb + preposition phrases of stance; each with the near miss
that must stay out."""

from __future__ import annotations


def test_headline_verb_read_as_a_name(attributions_of):
    found = attributions_of("Glenn Beck Blasts Drudge For Mocking His Fast.\n\nGlenn Beck wrote on Monday.")
    assert ("Blasts", "Glenn Beck", "Drudge For Mocking His Fast") in found


def test_headline_without_a_named_subject_reports_nothing(attributions_of):
    text = "Paris Terror Attacks Highlight Threat Posed By Gangs.\n\nThe report came out on Monday."
    assert not any(cue == "Attacks" for cue, _, _ in attributions_of(text))


def test_headline_verb_that_reports_only_a_quotation_is_left_out(attributions_of):
    text = "Campaign Manager Laughs, Evades Reporter's Question.\n\nIt happened on Monday."
    assert not any(cue == "Laughs" for cue, _, _ in attributions_of(text))


def test_sentence_case_text_is_no_headline(attributions_of):
    text = "Mary Jones likes dogs.\n\nShe has three."
    assert not any(cue == "likes" for cue, _, _ in attributions_of(text))


def test_stance_adjective_with_one_of_its_prepositions(attributions_of):
    assert ("nervous about", "Senators", "the new tariff") in attributions_of(
        "Senators were nervous about the new tariff.")
    assert ("angry over", "Senators", "the new tariff") in attributions_of(
        "Senators were angry over the new tariff.")
    assert attributions_of("Senators were angry for weeks.") == []


def test_possessed_noun_of_view_names_what_it_is_about(attributions_of):
    assert ("theory of", "his", "the state's role in the economy") in attributions_of(
        "Mr. Obama won. The vote vindicated his theory of the state's role in the economy.")
    # without a possessor no one holds the theory
    assert attributions_of("Mr. Obama won. The vote vindicated a theory of the state's role in the economy.") == []


def test_verb_and_preposition_of_stance(attributions_of):
    assert ("bristled at", "The governors", "the new rules") in attributions_of(
        "The governors bristled at the new rules.")
    assert ("decided against", "The mayor", "raising taxes") in attributions_of(
        "The mayor decided against raising taxes.")
    assert attributions_of("The mayor decided on Tuesday.") == []
