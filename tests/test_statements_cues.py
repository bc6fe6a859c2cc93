"""Cues that report nothing said (issue 12): a report under a modal of unreality or inside a
supposition, and a negated or refused verb of saying whose complement is only a question; each rule
on a small literal text, with the real report beside it that must stay."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import Article
from kg.nlp.pipeline import extract

PUBLISHED = date(2016, 3, 1)


@pytest.fixture(scope="module")
def cues_of(nlp):
    """The cue words of a text's statements."""
    def run(text: str):
        x = extract(Article("t", text, PUBLISHED), nlp(text))
        return [s.cue[0].text for s in x.statements if s.cue]
    return run


def test_what_someone_could_have_requested_was_not_requested(cues_of):
    assert "requested" not in cues_of("Trump could have requested a recount in Michigan.")
    assert "requested" in cues_of("Trump requested a recount in Michigan.")


def test_what_someone_should_have_said_was_not_said(cues_of):
    assert cues_of("Trump should have said that the election was fair.") == []
    assert cues_of("Trump has said that the election was fair.") == ["said"]


def test_a_hypothetical_attitude_without_the_perfect_stays_as_polnear_annotates_it(cues_of):
    assert cues_of("Critics would call them messianic impulses.") == ["call"]


def test_a_report_inside_a_condition_is_a_supposition(cues_of):
    assert cues_of("If he said that the wall is good, voters would leave.") == []
    assert cues_of("Even if he said that the wall is good, voters stayed.") == ["said"]
    assert "suggested" in cues_of("If, as I have suggested, he avoids taxes, voters should know.")


def test_not_saying_what_reports_nothing(cues_of):
    assert cues_of("He did not say what he would do about the wall.") == []
    assert cues_of("Kadzik would not say when the report will be released.") == []
    assert cues_of("He did not say that he would resign.") == ["say"]


def test_refusing_to_say_whether_reports_nothing_but_refusing_an_act_does(cues_of):
    assert cues_of("She refused to say whether she would run for the Senate.") == []
    assert cues_of("She refused to endorse Trump.") == ["refused"]


def test_a_report_inside_what_was_not_said_reports_nothing(cues_of):
    assert cues_of("Stewart declined to say whether a justice should criticize a contender.") == []
    assert cues_of("Trump, who said the wall is good, would not say when it will be built.") == ["said"]


def test_a_clause_of_its_own_inside_a_supposition_reports_what_was_said(cues_of):
    assert "says" in cues_of("If we hear his strategy correctly when he says he intends to win, he will fight.")
