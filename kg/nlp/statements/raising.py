"""Statements: impressions and expectations stated with a raising verb — "Melania seems to have
vanished", "nothing about them seems credible to me", "it appeared that Trump was unable to ...",
"Obama's veto is expected to come before Friday".

PolNeAR annotates these as attributions: the subject and its complement are the content; the source
is the experiencer of a "to" phrase ("to me") or the agent of a passive ("by analysts"). Without
one it is the writer's own impression or unnamed people's expectation: kg leaves those out (a
statement nobody is named as holding tells a reader nothing about who said what, and the audit
counts the writer's own words as no statement). The statement is never given a speaker the
sentence does not name.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import INDIRECT, Statement
from kg.nlp import entity_lexicon
from kg.nlp.quotes import Quotation, QuotedText
from kg.nlp.statements.content import in_paragraph, sentence_span, token_spans, with_quotations
from kg.nlp.statements.cues import cue_phrase, cue_spans, unreal_report
from kg.nlp.statements.speakers import actor_kind, SpeakerResolver
from kg.nlp.statements.words import article_text, FINITE, SUBJECTS, word_list

# a clause these open compares or supposes ("as improbable as it may seem", "if he appears to")
_NOT_STATING_MARKS = ("as", "if", "unless", "though", "whether", "than")
_PREDICATE_DEPS = ("acomp", "oprd")
# how a verb sharing the subject hangs below a complement ("tire of telling", "try to say"); a
# participle describing a noun ("models opposed to Mexicans") is no act of the subject
_CONTROLLED = ("xcomp", "pcomp")


def raised_report(verb: Token, quotations: list[Quotation], quoted: QuotedText,
                  speakers: SpeakerResolver) -> Statement | None:
    """The statement of a raising verb at ``verb`` ("seems to", "appeared that", "is expected to"),
    or None when ``verb`` is none or states nothing."""
    if verb.pos_ not in ("VERB", "AUX") or quoted.inside(verb.idx) or not _stated(verb):
        return None
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and lemma in word_list("speech_raising_passives.txt"):
        subject_dep, complements = "nsubjpass", _infinitives(verb)
    elif not passive and lemma in word_list("speech_raising_verbs.txt"):
        subject_dep, complements = "nsubj", _infinitives(verb) + _predicates(verb, with_like=True)
    elif not passive and lemma in word_list("speech_raising_adjective_verbs.txt"):
        subject_dep, complements = "nsubj", _predicates(verb, with_like=False)
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ == subject_dep), None)
    if subject is None or subject.tag_ in ("WDT", "WP", "WP$") or subject.lower_ in ("you", "one") \
            or subject.lower_ in entity_lexicon.pronouns("relative") \
            or any(c.dep_ == "det" and c.lower_.endswith("ever") for c in subject.children):
        # "what appeared to be ...", a relative, "you seem", a free relative ("whichever view seems
        # more credible will ..."): no impression of a thing stated
        return None
    if subject.lower_ == "it":
        # "it appeared that ...": the clause is the content; "it seems clear" (an "it" standing for
        # something said before, or for a clause after) gives no content of its own
        complements = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    # a complement that is a cue of its own ("seemed to think that ...", "appeared to blame workers")
    # reports through that cue, with the subject as its speaker
    if not complements or any(_own_cue(t, c) for c in complements for t in c.subtree):
        return None
    holder = _holder(verb, complements, speakers) if not passive else _agent(verb)
    if holder is None:
        return None  # the writer's impression, or an unnamed expectation: see the module docstring
    content = [t for c in complements for t in c.subtree]
    if subject.lower_ != "it":
        content += list(subject.subtree)
    phrase = {h.i for h in holder.head.subtree}  # "to me", "by analysts" says whose impression, not what it is
    content = [t for t in content if t.i not in phrase]
    text = article_text(verb.doc)
    spans = with_quotations(text, token_spans(verb.doc, in_paragraph(text, verb, content)), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(holder, verb)
    sentence = sentence_span(verb.doc, min(min(spans).begin, verb.idx), max(max(spans).end, verb.idx + 1))
    return Statement("", spans, INDIRECT, cue=cue_spans(verb.doc, [verb]), speaker=speaker,
                     speaker_span=speaker_span, sentence=sentence)


def _own_cue(word: Token, complement: Token) -> bool:
    """Whether ``word`` in ``complement`` is a cue of the subject's own act: the complement itself
    ("seemed to think that ...") or a verb sharing its subject further down ("never seem to tire of
    telling the story"); a participle describing a noun ("models opposed to Mexicans") is not."""
    if word.pos_ != "VERB" or cue_phrase(word) is None:
        return False
    return word.i == complement.i or word.dep_ in _CONTROLLED and not any(s.dep_ in SUBJECTS for s in word.children)


def _stated(verb: Token) -> bool:
    """A tensed main or complement clause of its own: not a relative ("price tags that seem to start
    at six figures"), a participle, a comparison or a supposition."""
    if verb.dep_ in ("relcl", "acl", "amod", "advcl", "pcomp", "csubj", "csubjpass") or unreal_report(verb):
        return False  # (a clause as subject: "whichever view seems more credible will help ...")
    if any(c.dep_ == "mark" and c.lower_ in _NOT_STATING_MARKS for c in verb.children):
        return False
    return verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and (c.tag_ in FINITE or c.tag_ == "MD")
                                      for c in verb.children)


def _infinitives(verb: Token) -> list[Token]:
    """The to-infinitive complement ("seems to have vanished", "is expected to come")."""
    return [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _predicates(verb: Token, with_like: bool) -> list[Token]:
    """A predicate adjective or adverb of the impression ("seems credible", "seemed far away"), and for
    "seem" a "like" phrase ("can seem like just another entrant")."""
    out = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in _PREDICATE_DEPS and c.pos_ in ("ADJ", "ADV")
        or c.dep_ == "advmod" and c.pos_ == "ADV" and any(a.dep_ == "advmod" for a in c.children))]
    if with_like:
        out += [c for c in verb.children if c.i > verb.i and c.dep_ == "prep" and c.lower_ == "like"
                and any(p.dep_ == "pobj" for p in c.children)]
    return out


def _holder(verb: Token, complements: list[Token], speakers: SpeakerResolver) -> Token | None:
    """Whom it strikes so: the person or group in a "to" phrase of the verb or its predicate
    ("seems credible to me", "seemed far away to European citizens")."""
    for head in [verb, *complements]:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.tag_ == "PRP" and obj.lower_ not in entity_lexicon.pronouns("neuter")
                                    or actor_kind(obj) is not None or speakers.mention_at(obj) is not None):
                return obj
    return None


def _agent(verb: Token) -> Token | None:
    """The one holding the expectation of a passive ("is expected by analysts to ...")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
