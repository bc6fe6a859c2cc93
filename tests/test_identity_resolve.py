"""Corpus-level identity (kg/resolve.py) over the real graphs of literal extractions (no NLP)."""

import random

import pyoxigraph as ox

from kg.graph import article_graph_iri, article_quads, entity_iri, identity_graph_iri
from kg.model import Article, Entity, Extraction, Mention, Span
from kg.resolve import Registry, identity_quads, namings, resolve

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
ALTERNATE_NAME = "http://schema.org/alternateName"
GEONAMES_US = "https://sws.geonames.org/6252001/"


def article(article_id: str, *entities: tuple[str, str, list[str], str]) -> list[ox.Quad]:
    """The quads of one article naming ``entities``: (type, identity, name forms, owl:sameAs or "")."""
    text = " ".join(f for _, _, forms, _ in entities for f in forms)
    out, at = [], 0
    for i, (etype, identity, forms, same) in enumerate(entities):
        mentions = []
        for f in forms:
            mentions.append(Mention(Span(at, at + len(f), f)))
            at += len(f) + 1
        out.append(Entity(f"e{i}", etype, forms[0], mentions, forms[1:], same_as=[same] if same else [],
                          identity=identity))
    return article_quads(Extraction(Article(article_id, text), out))


def node(etype: str, identity: str) -> str:
    return entity_iri(Entity("x", etype, identity, identity=identity)).__str__()


US = ("Place", "united states", ["United States"], GEONAMES_US)
# someone named around the entity in both articles: the context that makes a shared name evidence
UAW = ("Organisation", "united auto workers", ["United Auto Workers"], "")


def gm_corpus() -> list[list[ox.Quad]]:
    defined = [article(f"def{i}", ("Organisation", "general motors", ["General Motors", "GM"], ""), UAW, US)
               for i in range(3)]
    bare = article("bare", ("Organisation", "gm", ["GM"], ""), UAW)
    return defined + [bare]


def links_of(corpus: list[list[ox.Quad]]) -> dict[str, str]:
    return resolve(namings(q for quads in corpus for q in quads))


def test_a_bare_acronym_joins_the_entity_other_articles_define_it_for():
    links = links_of(gm_corpus())
    assert links == {node("Organisation", "gm"): node("Organisation", "general motors")}


def test_a_shared_name_without_anything_around_in_common_is_left_apart():
    # a place in common is no evidence: a country is around nearly everything
    corpus = gm_corpus()[:3] + [article("bare", ("Organisation", "gm", ["GM"], ""), US,
                                        ("Person", "anna berg", ["Anna Berg"], ""))]
    assert node("Organisation", "gm") not in links_of(corpus)


def test_a_name_two_entities_go_by_links_neither():
    hillary = [article(f"h{i}", ("Person", "hillary clinton", ["Hillary Clinton", "Clinton"], ""), UAW) for i in range(3)]
    bill = [article(f"b{i}", ("Person", "bill clinton", ["Bill Clinton", "Clinton"], ""), UAW) for i in range(2)]
    bare = article("bare", ("Person", "clinton", ["Clinton"], ""), UAW)
    assert links_of(hillary + bill + [bare]) == {}
    # with Hillary alone holding the name elsewhere, the bare surname is hers
    assert links_of(hillary + [bare]) == {node("Person", "clinton"): node("Person", "hillary clinton")}


def test_a_node_that_owns_its_name_is_not_taken_for_another():
    apple = [article(f"a{i}", ("Organisation", "apple", ["Apple"], ""), UAW) for i in range(4)]
    corps = article("corps", ("Organisation", "apple corps", ["Apple Corps", "Apple"], ""), UAW)
    assert links_of(apple + [corps]) == {}


def test_one_class_per_link():
    defined = gm_corpus()[:3]
    person = article("p", ("Person", "gm", ["GM"], ""), UAW)
    assert links_of(defined + [person]) == {}


def test_nodes_with_one_outside_identifier_are_one_entity():
    a = article("a", ("Place", "usa", ["USA"], GEONAMES_US))
    b = article("b", ("Place", "united states", ["United States"], GEONAMES_US))
    c = article("c", ("Place", "united states", ["the United States"], GEONAMES_US))
    assert links_of([a, b, c]) == {node("Place", "usa"): node("Place", "united states")}


def test_article_local_nodes_never_join():
    quads = article_quads(Extraction(Article("a", "the delegates"), [
        Entity("e0", "Person", "the delegates", [Mention(Span(0, 13, "the delegates"))], local=True)]))
    assert namings(quads) == []


def test_links_depend_on_the_set_of_articles_not_their_order():
    jobs = ("Person", "steve jobs", ["Steve Jobs"], "")
    corpus = gm_corpus() + [article("x", ("Organisation", "apple", ["Apple", "Apple Computer"], ""), jobs),
                            article("y", ("Organisation", "apple computer", ["Apple Computer"], ""), jobs)]
    expected = links_of(corpus)
    assert node("Organisation", "apple computer") in expected
    for seed in range(5):
        shuffled = corpus[:]
        random.Random(seed).shuffle(shuffled)
        registry = Registry()
        for quads in shuffled:
            registry.add(quads)
        assert registry.links() == expected
        graph = str(identity_graph_iri())
        assert registry.quads(graph) == identity_quads(expected, namings(q for a in corpus for q in a), graph)


def test_identity_graph_links_to_the_canonical_node_and_keeps_every_name_form():
    registry = Registry()
    for quads in gm_corpus():
        registry.add(quads)
    quads = registry.quads(str(identity_graph_iri()))
    gm, general_motors = node("Organisation", "gm"), node("Organisation", "general motors")
    assert {(q.subject.value, q.object.value) for q in quads if q.predicate.value == SAME_AS} == {(gm, general_motors)}
    assert {q.object.value for q in quads if q.predicate.value == ALTERNATE_NAME and q.subject.value == general_motors} \
        == {"General Motors", "GM"}
    assert {q.graph_name.value for q in quads} == {str(identity_graph_iri())}


def test_a_reloaded_article_replaces_what_it_said():
    registry = Registry()
    for quads in gm_corpus():
        registry.add(quads)
    assert registry.links()
    registry.add(article("bare", ("Organisation", "ford", ["Ford"], ""), US))
    assert registry.links() == {}
    registry.remove(str(article_graph_iri("def0")))
    assert len({n.article for n in registry.namings()}) == 3


def test_a_post_that_contradicts_the_entitys_posts_keeps_the_node_apart():
    from kg.model import Role

    def with_post(article_id: str, identity: str, forms: list[str], title: str) -> list[ox.Quad]:
        text = " ".join(forms) + " United Auto Workers"
        mentions, at = [], 0
        for f in forms:
            mentions.append(Mention(Span(at, at + len(f), f)))
            at += len(f) + 1
        uaw = Entity("e1", "Organisation", "United Auto Workers", [Mention(Span(at, at + 19, "United Auto Workers"))],
                     identity="united auto workers")
        person = Entity("e0", "Person", forms[0], mentions, forms[1:], roles=[Role(title)], identity=identity)
        return article_quads(Extraction(Article(article_id, text), [person, uaw]))

    hillary = [with_post(f"h{i}", "hillary clinton", ["Hillary Clinton", "Clinton"], "Secretary of State") for i in range(3)]
    assert links_of(hillary + [with_post("bare", "clinton", ["Clinton"], "President")]) == {}
    assert links_of(hillary + [with_post("bare", "clinton", ["Clinton"], "Secretary")]) == {
        node("Person", "clinton"): node("Person", "hillary clinton")}


def _surname_corpus(full_articles: int) -> list[list[ox.Quad]]:
    """More articles name the person by the surname alone than by the full name (as "Obama")."""
    full = [article(f"full{i}", ("Person", "barack obama", ["Barack Obama", "Obama"], ""), UAW)
            for i in range(full_articles)]
    bare = [article(f"bare{i}", ("Person", "obama", ["Obama"], ""), UAW) for i in range(3)]
    return full + bare


def test_a_surname_alone_joins_the_one_person_who_goes_by_it_and_the_full_name_is_canonical():
    links = links_of(_surname_corpus(2))
    assert links == {node("Person", "obama"): node("Person", "barack obama")}


def test_a_surname_one_article_gives_a_person_is_no_evidence():
    # one article's "Washington" for Kerry Washington does not make every "Washington" hers
    assert links_of(_surname_corpus(1)) == {}


def test_a_given_name_alone_is_not_taken_for_a_surname():
    full = [article(f"full{i}", ("Person", "jane sanders", ["Jane Sanders", "Jane"], ""), UAW) for i in range(2)]
    bare = [article(f"bare{i}", ("Person", "jane", ["Jane"], ""), UAW) for i in range(3)]
    assert links_of(full + bare) == {}


def _middle_name_corpus(middle: str, short_articles: int = 2) -> list[list[ox.Quad]]:
    short = [article(f"short{i}", ("Person", "donald trump", ["Donald Trump", "Trump"], ""), UAW)
             for i in range(short_articles)]
    return short + [article("middle", ("Person", f"donald {middle} trump", [f"Donald {middle.upper()}. Trump"], ""), UAW)]


def test_a_name_with_a_middle_initial_joins_the_person_named_without_it():
    assert links_of(_middle_name_corpus("j")) == {node("Person", "donald j trump"): node("Person", "donald trump")}
    assert links_of(_middle_name_corpus("j", short_articles=1)) == {}  # one article is no evidence


def test_middle_initials_of_several_people_link_none_of_them():
    bushes = [article(f"b{i}", ("Person", "george bush", ["George Bush"], ""), UAW) for i in range(3)]
    sons = [article("w", ("Person", "george w bush", ["George W. Bush"], ""), UAW),
            article("p", ("Person", "george p bush", ["George P. Bush"], ""), UAW)]
    assert links_of(bushes + sons) == {}


def test_two_nodes_the_articles_keep_apart_are_two_people():
    corpus = _middle_name_corpus("q")
    corpus[-1] = article("middle", ("Person", "donald q trump", ["Donald Q. Trump"], ""),
                         ("Person", "donald trump", ["Donald Trump"], ""), UAW)
    assert links_of(corpus) == {}
