"""Meeting places the sentence gives inside another phrase, through the journey or the occasion the
meeting belongs to, or by the dateline of the story's lead sentence."""

from __future__ import annotations

from kg.model import PERSON, PLACE, ORGANISATION

from tests.test_meetings import meetings_of


def place_of(nlp, text: str, names: dict[str, str]) -> str | None:
    ms, keys = meetings_of(nlp, text, names)
    assert len(ms) == 1
    return keys[ms[0].location] if ms[0].location else None


def test_place_inside_a_building_phrase(nlp):
    text = "In late 2000, Tom Keyworth met with Carly Fiorina at HP's headquarters in Palo Alto."
    names = {"Tom Keyworth": PERSON, "Carly Fiorina": PERSON, "HP": ORGANISATION, "Palo Alto": PLACE}
    assert place_of(nlp, text, names) == "Palo Alto"


def test_nested_place_alone_makes_no_meeting(nlp):
    # no one named meets: the hotel's city does not turn "the meeting" into a record
    text = "The meeting at a hotel in Washington was the first of the tour."
    ms, _ = meetings_of(nlp, text, {"Washington": PLACE})
    assert ms == []


def test_place_of_the_occasion_it_was_held_at(nlp):
    text = "President Obama and President Putin met during a Group of 20 meeting in China on Monday."
    names = {"Obama": PERSON, "Putin": PERSON, "China": PLACE}
    ms, keys = meetings_of(nlp, text, names)
    met = [m for m in ms if m.trigger.text == "met"]
    assert len(met) == 1 and keys[met[0].location] == "China"


def test_place_after_a_shared_object(nlp):
    text = "Lance Wallnau met with and prayed over Donald Trump at his headquarters in New York City."
    names = {"Lance Wallnau": PERSON, "Donald Trump": PERSON, "New York City": PLACE}
    assert place_of(nlp, text, names) == "New York City"


def test_place_the_journey_went_to(nlp):
    text = "When I became governor, I went to New York, and I met with Paul Singer."
    assert place_of(nlp, text, {"Paul Singer": PERSON, "New York": PLACE}) == "New York"
    text = "Amanda Renteria went to Flint last week to talk with Karen Weaver."
    assert place_of(nlp, text, {"Amanda Renteria": PERSON, "Karen Weaver": PERSON, "Flint": PLACE}) == "Flint"


def test_no_place_of_a_journey_after_the_meeting(nlp):
    text = "Angela Merkel met Emmanuel Macron and flew to Paris."
    names = {"Angela Merkel": PERSON, "Emmanuel Macron": PERSON, "Paris": PLACE}
    assert place_of(nlp, text, names) is None


def test_lead_dateline_places_its_sentence_only(nlp):
    text = ("Obama meets families in Florida.\n\n"
            "ORLANDO, Fla. (Reuters) - Barack Obama met Pam Bondi on Thursday and said the country must act. "
            "Obama met Rick Scott in 2012.")
    ms, keys = meetings_of(nlp, text, {"ORLANDO": PLACE, "Barack Obama": PERSON, "Pam Bondi": PERSON,
                                       "Rick Scott": PERSON})
    places = {tuple(sorted(keys[k] for k in m.participants)): m.location for m in ms}
    assert keys[places[("Barack Obama", "Pam Bondi")]] == "ORLANDO"
    assert places[("Barack Obama", "Rick Scott")] is None
