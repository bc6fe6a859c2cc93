"""Statements: cues, the words that report speech (a speech verb, "according to", a speech noun, a
stance adjective, any verb with a that-clause), and their character spans."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from kg.model import Span
from kg.nlp import entity_lexicon
from kg.nlp.lexicon_io import lines
from kg.nlp.statements.words import article_text, cue_verbs, cue_words, SPEAKER_DEPS, SUBJECTS, word_list


def cue_phrase(token: Token) -> list[Token] | None:
    """The tokens of the cue starting at ``token`` ("said", "called for", "according to"), if any."""
    words = cue_words()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        return [token, token.nbor(1)] if "according to" in words else None
    if token.pos_ == "NOUN" and (token.lemma_.lower() in word_list("speech_nouns.txt")
                                 or intended_infinitive(token) is not None or _stance_with_clause(token)):
        return [token]
    if token.pos_ == "NOUN":
        prep = topic_preposition(token)
        return [token, prep] if prep is not None else None
    if token.pos_ == "ADJ":  # "she was sure that ...", "they are frustrated that ...", "critical of Trump"
        if token.dep_ != "acomp":
            return None
        stance = entity_lexicon.pairs("speech_stance_adjectives.txt").get(token.lower_, "").split()
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in stance), None)
        if prep is not None:
            return [token, prep]
        return [token] if _reports_that_clause(token) or _intending_adjective(token) else None
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma in word_list("speech_agentless_passive_verbs.txt") and _agentless_passive(token):
        return None
    for child in token.children:
        # "called on Grayson to quit" is a phrase; in "call a debate on whether to ..." the object
        # stands between and the preposition is the object's
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in words and not (
                child.dep_ == "prep" and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < child.i for c in token.children)):
            return [token, child]
    if any(c.dep_ == "prt" and c.lower_ in _OTHER_VERB_PARTICLES for c in token.children):
        return None  # "write off capital investment", "backing up their endorsements": another verb
    return [token] if lemma in cue_verbs() or _reports_that_clause(token) or judged_as(token) else None


def _stance_with_clause(noun: Token) -> bool:
    """ "a tacit acknowledgment that he may be the only one": a noun of speech_clause_nouns.txt with a
    content clause (its own "that" and subject; in "the agreement that the nations reached" the "that"
    is a relative pronoun, no mark)."""
    return noun.lemma_.lower() in word_list("speech_clause_nouns.txt") and any(
        c.dep_ in ("acl", "ccomp") and c.i > noun.i and any(_content_that(m) for m in c.children)
        and any(m.dep_ in SUBJECTS + ("expl",) for m in c.children) for c in noun.children)


def _intending_adjective(adjective: Token) -> bool:
    """ "some Republicans were willing to go forward", "Mr. Obama is determined to warn": a
    predicate adjective of intention (speech_cues_to.txt) with its to-infinitive."""
    return adjective.lower_ in word_list("speech_cues_to.txt") and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in adjective.children)


def judged_as(verb: Token) -> bool:
    """ "Critics see the program as a loophole", "painted Trump as a caricature": a verb of
    speech_as_cues.txt with an object and an "as" phrase after it says what the object is taken
    for; the same verb without one ("saw the film") reports nothing. So does a verb of
    speech_small_clause_cues.txt with a predicate said of its object (see _small_clause). In the
    passive ("is seen as a loophole", "is considered a threat") the subject is what is judged, by
    holders left unnamed: PolNeAR annotates these with no source."""
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "nsubjpass" for c in verb.children) and any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in word_list("speech_small_clause_cues.txt"):
        # "it is considered a threat": the passive subject with the predicate judged of it
        return any(c.dep_ == "oprd" and c.i > verb.i for c in verb.children) if passive else _small_clause(verb)
    if lemma not in word_list("speech_as_cues.txt"):
        return False
    if passive:
        # "the program is seen as a loophole (by critics)": the passive subject is what is judged
        return any((c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "oprd") and c.i > verb.i for c in verb.children)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i for c in verb.children)


def _small_clause(verb: Token) -> bool:
    """ "deemed the law unconstitutional" (an object and its predicate), "did not consider Mr. Clarke
    a realistic option" (parsed as a verbless clause with a subject): an active verb whose object
    has something said of it. "will consider the bill" has none; "is considered a threat" has no
    one judging."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return any(c.dep_ == "oprd" and c.i > obj.i for c in verb.children)
    return any(c.dep_ == "ccomp" and c.i > verb.i and c.pos_ in ("NOUN", "ADJ")
               and any(s.dep_ == "nsubj" for s in c.children) for c in verb.children)


def intended_infinitive(noun: Token) -> Token | None:
    """The to-infinitive of a noun of intention held by a possessor ("his decision to meet her",
    "Obama's call to ban the practice"): what its holder decided, said or refused. Without a
    possessor ("a decision to close the plant") it names no one's stance."""
    if noun.lemma_.lower() not in word_list("speech_intent_nouns.txt") \
            or not any(c.dep_ == "poss" for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and c.i > noun.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _agentless_passive(verb: Token) -> bool:
    """"was shown on the screen", "is called regenerative medicine": a passive with no "by" agent."""
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


def _reports_that_clause(verb: Token) -> bool:
    """A verb (or predicate adjective) with a finite that-clause complement states a stance whatever
    the word: "assumed that ...", "ruled that ...", "were frustrated that ...". Checked on the
    parse, not on a word list."""
    if verb.lemma_.lower() in word_list("speech_not_that_verbs.txt") or verb.lemma_.lower() == "be":
        return False  # "the bet is that ...", "it's not that ...": a copula says nothing itself
    subject = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
    if subject is not None and subject.lower_ in ("that", "which", "this"):
        return False  # "that proves that ...": a fact, not someone, is the subject
    if any(c.dep_ == "advmod" and c.lower_ in ("so", "such") for c in verb.children):
        return False  # "so sensitive that ...": a result, not a report
    # "cannot trust the party brass or Priebus' assertion that ...": a that-clause after a noun
    # conjoined to the object is that noun's content, not the verb's ("make the case that" is the verb's)
    objects = [n.i for c in verb.children if c.dep_ == "dobj" for n in c.children if n.dep_ == "conj" and n.pos_ == "NOUN"]
    return any(c.dep_ == "ccomp" and any(_content_that(m) for m in c.children)
               and any(m.dep_ in SUBJECTS for m in c.children) and not any(o < c.i for o in objects)
               for c in verb.children)


def _content_that(mark: Token) -> bool:
    """The "that" opening a content clause; one after a comma opens a result ("so fast, that ...")."""
    return mark.dep_ == "mark" and mark.lower_ == "that" and not (mark.i > 0 and mark.nbor(-1).text == ",")


def cue_spans(doc: Doc, tokens: list[Token]) -> list[Span]:
    if tokens[-1].i - tokens[0].i == len(tokens) - 1:
        return [Span.of(article_text(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))]
    return [Span.of(article_text(doc), t.idx, t.idx + len(t)) for t in tokens]


def speech_act_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in word_list("speech_act_nouns.txt"):
        return True
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return lemma in word_list("speech_act_collectives.txt") and counted is not None \
        and counted.lemma_.lower() in word_list("speech_act_nouns.txt")


@cache
def _topic_nouns() -> dict[str, frozenset[str]]:
    return {noun.strip().lower(): frozenset(preps.split()) for noun, _, preps in
            (line.partition("\t") for line in lines("speech_topic_nouns.txt")) if preps.strip()}


def topic_preposition(noun: Token) -> Token | None:
    """The preposition by which a noun of a speech act names what it is about ("attacks on Khan")."""
    preps = _topic_nouns().get(noun.lemma_.lower())
    if preps is None:
        return None
    return next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i), None)


# modal auxiliaries that with a perfect put a report in a past that did not happen: "could have
# requested a recount", "would have said", "should have asked". Without the perfect ("critics would
# call them ...", "a reader might ask") PolNeAR annotates the attitude, and "may have told" guesses
# at a report that may be real: both stay
# particles that with a verb of saying make another verb, unless speech_cues.txt lists the phrase
_OTHER_VERB_PARTICLES = ("off", "up", "down", "away")
_COUNTERFACTUAL_MODALS = ("would", "could", "should", "'d")
_WH_TAGS = ("WDT", "WP", "WP$", "WRB")


def _own_auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries and negation right before ``verb`` (a parse may hang a modal of another
    sentence on it: only the words between it and the verb count), and those of the verb it is
    conjoined to when it has no subject of its own ("could have requested a recount and demanded
    ...": both could)."""
    out = []
    while True:
        words = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i]
        out += [c for c in words if all(t.dep_ in ("aux", "neg", "advmod") for t in verb.doc[c.i + 1:verb.i])]
        if verb.dep_ != "conj" or verb.head.i == verb.i or any(c.dep_ in SUBJECTS for c in verb.children):
            return out
        verb = verb.head


def unreal_report(verb: Token) -> bool:
    """A report of what someone would, could or should have said ("could have requested a
    recount"), or of what they say in a supposition ("if he said ...", "unless they agree ..."):
    nothing was said. A concession ("even if he said"), and a clause of its own inside a supposition
    ("if, as I've suggested, ...", "if we hear it right when he says ...", "a photo of Duke (who
    endorses Trump)"), report what was said."""
    auxiliaries = _own_auxiliaries(verb)
    if verb.tag_ == "VBN" and any(a.tag_ == "MD" and a.lower_ in _COUNTERFACTUAL_MODALS for a in auxiliaries) \
            and any(a.lemma_.lower() == "have" for a in auxiliaries):
        return True
    clause = verb
    while True:  # the cue's own clause, through the verbs it shares a subject with ("if X wants to say")
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if mark is not None:
            return _supposing(mark)
        if clause.dep_ not in ("conj", "xcomp") or clause.head.i == clause.i:
            return False
        clause = clause.head


def _supposing(mark: Token) -> bool:
    """The "if" or "unless" of a condition, the "whether" of an open question ("What is unclear is
    whether Sanders will ever tell them to ..."; one a preposition hangs on a group's stance, "split on
    whether they would vote for Garland", tells where they stand); "even if" concedes what the clause
    says."""
    if mark.lower_ == "whether":
        return mark.head.dep_ not in ("pcomp", "pobj")
    return mark.lower_ in ("if", "unless") and not (mark.i > 0 and mark.nbor(-1).lower_ == "even")


def withheld_report(verb: Token) -> bool:
    """ "did not say what he would do", "would not say whether ...", "refused to say whether she
    would run": a verb of saying, negated or refused, whose complement is only a question (a wh-
    word, "whether", "if") reports no content."""
    saying = verb
    if verb.lemma_.lower() in word_list("speech_withholding_verbs.txt"):
        # the refusal's own statement: its content is the saying it refused
        saying = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in cue_verbs()), None)
        if saying is None:
            return False
    elif not (any(a.dep_ == "neg" for a in _own_auxiliaries(verb)) or verb.dep_ == "xcomp"
              and verb.head.lemma_.lower() in word_list("speech_withholding_verbs.txt")):
        return False
    complements = [c for c in saying.children if c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > saying.i]
    return bool(complements) and all(_question(c) for c in complements)


def _question(complement: Token) -> bool:
    """A complement clause that asks rather than states: it opens with a wh-word, "whether" or "if"."""
    first = complement.left_edge
    return first.tag_ in _WH_TAGS or first.lower_ in ("whether", "if") and first.dep_ == "mark"


def inside_unsaid_report(verb: Token) -> bool:
    """Whether ``verb`` reports inside what an unreal or withheld report would have said ("declined
    to say whether a justice should criticize a contender", "not saying what techniques he would
    support"): then it reports nothing either."""
    below = verb
    for above in verb.ancestors:
        # only inside its complement: "Trump, who said ..., would not say whether ..." said something
        if below.dep_ in ("ccomp", "xcomp", "dobj") and above.pos_ == "VERB" and cue_phrase(above) is not None \
                and (unreal_report(above) or withheld_report(above)):
            return True
        below = above
    return False
