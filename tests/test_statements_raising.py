"""Statements of impression and expectation (raising verbs: "seems to", "it appeared that", "is
expected to"), of a stance holder's noun after a copula ("has been a supporter of NATO"), and of a
finite verb the parser made the object of the name before it; each with the near misses that must
stay out."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Now Melania seems to have vanished from the campaign trail.",
    "Often, it appeared that Trump was unable to parlay the assault.",
    "Obama's veto is expected to come before the deadline.",
])
def test_an_impression_nobody_is_named_as_holding_is_left_out(attributions_of, text):
    # the writer's own impression or an unnamed expectation: no statement (raising.py's docstring)
    assert attributions_of(text) == []


def test_the_experiencer_of_a_to_phrase_holds_the_impression(attributions_of):
    assert attributions_of("The Syrian conflict may once have seemed far away to European citizens.") == [
        ("seemed", "European citizens", "The Syrian conflict far away")]


@pytest.mark.parametrize("text", [
    "He appeared on MSNBC on Tuesday.",  # no complement: an appearance, no impression
    "College price tags that seem to start at six figures are a problem.",  # a relative clause
    "As improbable as it may seem, the deal went through.",  # a comparison
    "Mr. Obama and Hillary Clinton never seem to tire of telling the story.",  # telling is the cue
    "The money is supposed to go to schools.",  # a duty, not a belief
])
def test_no_impression_stated(attributions_of, text):
    assert attributions_of(text) == []


def test_a_stance_holder_noun_after_a_copula(attributions_of):
    assert attributions_of("Mr. Smith is a staunch opponent of the death penalty.") == [
        ("opponent of", "Smith", "the death penalty")]
    assert attributions_of("Supporters of the bill rallied.") == []


def test_a_finite_verb_read_as_the_object_of_the_name_before_it(attributions_of):
    assert attributions_of("Trump refuses to release his tax records.") == [
        ("refuses", "Trump", "to release his tax records")]


def test_a_passive_judgement_with_as_is_stated_without_a_holder(attributions_of):
    assert attributions_of("The program is seen as a loophole.") == [("seen", None, "The program as a loophole")]
    assert attributions_of("He was seen at the rally.") == []


def test_a_held_stance_named_by_the_object_of_a_verb_of_holding(attributions_of):
    assert attributions_of("The I.R.S. has questions about Mr. Trump's tax compliance.") == [
        ("questions about", "I.R.S.", "Mr. Trump's tax compliance")]
    assert attributions_of("He faced questions about his taxes.") == []


def test_a_wish_with_its_infinitive(attributions_of):
    assert attributions_of("The campaign would like to organize another rally.") == [
        ("like", "The campaign", "to organize another rally")]
    assert attributions_of("Many voters like the plan.") == []


def test_the_subject_of_a_passive_cue_with_a_by_phrase_is_what_was_said(attributions_of):
    assert attributions_of("The registration issue was first reported by the Columbus Dispatch.") == [
        ("reported", "Columbus Dispatch", "The registration issue")]
    assert attributions_of("The film was seen by millions.") == []


def test_a_stance_toward_an_object_is_someones(attributions_of):
    assert attributions_of("Clinton has largely ignored the issue of tax reform.") == [
        ("ignored", "Clinton", "the issue of tax reform")]
    assert attributions_of("The door resisted his push.") == []


def test_it_is_clear_that_is_the_writers_own_finding(attributions_of):
    # (the clause's own "wanted to" is Clinton's wish; "apparent" reports nothing)
    assert [cue for cue, _, _ in attributions_of("It is apparent that Clinton wanted to shield her dealings.")] \
        == ["wanted"]
    assert attributions_of("It was unclear whether coal companies could do the same.") == []
    assert attributions_of("It is not clear that he will win.") == []


def test_a_passive_small_clause_judgement_has_no_holder(attributions_of):
    assert attributions_of("He is considered a front-runner.") == [("considered", None, "He a front-runner")]
    assert attributions_of("The bill will be considered next week.") == []


def test_a_stance_noun_with_a_content_clause(attributions_of):
    assert attributions_of("The crisis forced a recognition that Europe's borders were weak.") == [
        ("recognition", None, "that Europe's borders were weak")]
    assert attributions_of("His legacy is an agreement that the nations reached in Paris.") == []
