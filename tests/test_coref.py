"""Coreference: pronouns and nominals resolve to one entity, or to None when that is not clear."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import NOMINAL, ORGANISATION, PERSON, PRONOUN, Entity, Mention, Span
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve
from kg.nlp.entities import find_entities
from kg.nlp.owners import Owners


@pytest.fixture(scope="module")
def parse(nlp):
    def run(text: str):
        doc = nlp(text)
        return doc, find_entities(doc)
    return run


def resolved(doc, entities: list[Entity], word: str, nth: int = 0) -> str | None:
    tokens = [t.i for t in doc if t.text == word]
    key = resolve(doc, tokens[nth], entities)
    return next((e.name for e in entities if e.key == key), None)


def test_pronoun_after_a_name_in_the_same_sentence(parse):
    doc, ents = parse("Mr Lavrov said he discussed various issues with the delegation.")
    assert resolved(doc, ents, "he") == "Lavrov"


def test_pronoun_subject_follows_the_previous_subject(parse):
    doc, ents = parse("Sergey Lavrov met reporters in Moscow on Monday. He said the talks were useful.")
    assert resolved(doc, ents, "He") == "Sergey Lavrov"


def test_pronoun_chain_through_a_quotation(parse):
    doc, ents = parse('Anna Berg spoke to reporters. She said the plan was ready. '
                      '"We agreed on everything," she said.')
    assert resolved(doc, ents, "she") == "Anna Berg"


def test_coordinated_subject_is_ambiguous(parse):
    doc, ents = parse("John Smith and Peter Jones met in London. He said the talks were useful.")
    assert resolved(doc, ents, "He") is None


def test_they_is_not_guessed(parse):
    doc, ents = parse("John Smith met Peter Jones in London. They discussed trade.")
    assert resolved(doc, ents, "They") is None


def test_name_tokens_resolve_to_their_entity(parse):
    doc, ents = parse("Sergey Lavrov arrived in Moscow.")
    assert resolved(doc, ents, "Lavrov") == "Sergey Lavrov"


def test_the_minister_when_only_one_person_is_a_minister(parse):
    doc, ents = parse("Foreign Minister Asaad Al Shibani met Sergey Lavrov in Moscow. The minister said relations were good.")
    assert resolved(doc, ents, "minister") == "Asaad Al Shibani"
    shibani = next(e for e in ents if e.name == "Asaad Al Shibani")
    assert [m.span.text for m in shibani.mentions if m.kind == NOMINAL] == ["The minister"]


def test_the_minister_with_two_ministers_is_ambiguous(parse):
    doc, ents = parse("Foreign Minister Anna Berg met Defence Minister Karl Weber in Oslo. The minister said nothing.")
    assert resolved(doc, ents, "minister") is None


def test_the_company(parse):
    doc, ents = parse("Halvard Shipping Corp posted a loss. The company said it would cut jobs.")
    assert resolved(doc, ents, "company") == "Halvard Shipping Corp"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["He", "she", "they", "it", "the", "minister", "company", "said", "and",
                                 "Anna", "Berg", "Acme", "Corp", ".", ",", '"', "We", "met"]), min_size=1, max_size=25),
       st.integers(min_value=-2, max_value=40))
def test_resolve_never_fails_and_answers_a_known_key(nlp, words, i):
    doc = nlp(" ".join(words))
    ents = find_entities(doc)
    key = resolve(doc, i, ents)
    assert key is None or key in {e.key for e in ents}


# --- the token index every stage reads ---------------------------------------------------------

def test_a_token_belongs_to_the_first_entity_whose_mention_covers_it(nlp):
    text = "The former CIA director David Petraeus said he had resigned."
    doc = nlp(text)
    cia = Entity("e0", ORGANISATION, "CIA", [Mention(Span.of(text, 11, 14))])
    petraeus = Entity("e1", PERSON, "David Petraeus", [
        Mention(Span.of(text, 0, 23), NOMINAL), Mention(Span.of(text, 24, 38)), Mention(Span.of(text, 44, 46), PRONOUN)])
    owners = Owners(doc, [cia, petraeus])
    at = {t.text: t.i for t in doc}
    assert owners.entity(at["CIA"]) is cia  # inside the nominal too, but the organisation comes first
    assert owners.named(at["director"]) == (petraeus, Span.of(text, 0, 23))
    assert owners.named(at["Petraeus"]) == (petraeus, Span.of(text, 24, 38))
    assert owners.entity(at["he"]) is None  # a pronoun is resolved, it names no one
    assert owners.entity(at["resigned"]) is None and owners.entity(len(doc) + 3) is None
    assert [s.text for s, _ in owners.mentions] == ["The former CIA director", "CIA", "David Petraeus", "he"]
    assert owners.type_of("e1") == PERSON and owners.type_of("e9") is None


def test_a_stage_refuses_an_index_of_other_entities(nlp):
    doc, ents = nlp("Anna Berg met Karl Weber."), []
    other = Owners(doc, [Entity("e0", PERSON, "Anna Berg")])
    with pytest.raises(ValueError):
        resolve(doc, 0, ents, other)


def test_pronoun_kinds_come_from_one_word_list():
    assert {"he", "her", "himself"} <= entity_lexicon.pronouns("personal")
    assert "it" in entity_lexicon.pronouns("neuter") and "they" in entity_lexicon.pronouns("plural")
    assert entity_lexicon.pronouns("personal").isdisjoint(entity_lexicon.pronouns("plural"))
    with pytest.raises(KeyError):
        entity_lexicon.pronouns("personel")
