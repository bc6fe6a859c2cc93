"""Statements: one statement per kind of cue (a verb of saying, a quoting verb, a speech act, a speech
noun, "according to", "in <document>", transcript turns and signed quotations)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.model import DIRECT, INDIRECT, ORGANISATION, PERSON, Span, Statement
from kg.nlp import entity_lexicon
from kg.nlp.quotes import Quotation, QuotedText
from kg.nlp.statements.content import (
    block_quotation,
    demonstrative_clause,
    enclosing_cue,
    end_trimmed,
    in_paragraph,
    interrupting_participle,
    only_pronouns,
    previous_sentence,
    passive_content,
    passive_report,
    reported_tokens,
    second_cue,
    sentence_span,
    title_quotations,
    token_spans,
    with_quotations,
    without_full_stop,
    without_later_reports,
    without_main_clause,
    without_opening_connective,
    without_trailing_aside,
)
from kg.nlp.statements.cues import (
    cue_phrase,
    cue_spans,
    speech_act_noun,
    topic_preposition,
    inside_unsaid_report,
    intended_infinitive,
    judged_as,
    unreal_report,
    withheld_report,
)
from kg.nlp.statements.unsaid import no_words, not_done, others_words
from kg.nlp.statements.speakers import (
    actor_kind,
    addressee_of,
    antecedent_of,
    names_someone,
    SpeakerResolver,
    subject_of,
)
from kg.nlp.statements.words import (
    article_text,
    cue_verbs,
    document_nouns,
    FINITE,
    NOT_SPEAKERS,
    OBJECT_DEPS,
    SPEAKER_DEPS,
    SUBJECTS,
    word_list,
)


def statement_at(doc: Doc, token: Token, quotations: list[Quotation], quoted: QuotedText,
                  speakers: SpeakerResolver) -> Statement | None:
    cue = cue_phrase(token)
    if cue is None or token.dep_ in ("amod", "prep") and token.lower_ != "according" or token.dep_ == "acl" \
            and token.tag_ == "VBN" and (token.lemma_.lower() in word_list("speech_predicate_object_cues.txt")
                                         or _by_agent(token)):
        # "475 pledged delegates", "a super PAC called Our Principles", "a show written by a comedy
        # troupe": a participle that describes or names a noun reports nothing, nor one the parser
        # read as a preposition ("compared to 11%")
        return None
    aside = interrupting_participle(token.head) if token.dep_ == "ccomp" else None
    if aside is not None and aside.i == token.i:
        return None  # "Trump, asked about the wall, said ...": he was asked, he asked nothing
    if token.lower_ == "according":
        return _according_to(doc, cue, quotations, speakers)
    if token.pos_ == "NOUN":
        return _speech_noun(doc, token, quotations, speakers)
    # "which he said runs the risk", "what they said was the need": the relative word before the
    # cue is the noun the clause hangs on, not part of what was said
    reported = reported_tokens(token, cue)
    later = {t.i for t in reported} - {t.i for t in without_main_clause(
        token, without_opening_connective(without_trailing_aside(without_later_reports(token, reported))))}
    # ("whoever is elected" is a free relative, "the states that vote" a relative inside what was
    # said: both part of it; only the relative word of the reported clause itself is left out)
    content_tokens = [t for t in reported if t.i not in later and not (
        t.i < token.i and t.tag_ in ("WDT", "WP") and t.dep_ in SUBJECTS + ("dobj",)
        and not t.lower_.endswith("ever") and token.i in (t.head.i, t.head.head.i))]
    subject = subject_of(token, quoted)
    described = subject is None and _described_by_participle(token, quoted)
    if described:  # "a statement announcing the pick", "the companies reporting different numbers"
        subject = token.head
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head.i != token.i \
            and _thing_subject(subject, speakers):
        return None  # "the biases shouldn't be read as saying ...": a thing others read says nothing
    outer = enclosing_cue(token) if second_cue(token) else None
    if outer is not None:  # "X said ..., saying, “...”": X says both
        subject = subject_of(outer, quoted)
    passive = passive_report(token)
    if passive:
        content_tokens = passive_content(token, content_tokens)
    # Tokens of one Doc are equal when their indices are: membership by index is the same test,
    # without comparing every pair of Token objects
    content_ids = {t.i for t in content_tokens}
    # nor is a later report of the same speaker ("..., saying, “...”") part of this one's clause
    clause = [t for t in token.subtree if t.i not in content_ids and t.i not in later and not quoted.inside(t.idx)]
    # the subject stands next to the quotations of its own verb ('"...," Trump said'), not of a
    # participle it shares ('"...," Trump said, adding later, "..."': the first is not added)
    above = {a.i for a in token.ancestors}
    if subject is not None and (subject.i in above or subject.head.i not in above):
        clause_ids = {t.i for t in clause}
        clause += [t for t in subject.subtree if t.i not in clause_ids and not quoted.inside(t.idx)]
    spans = token_spans(doc, in_paragraph(article_text(doc), token, content_tokens))
    spans = with_quotations(article_text(doc), spans, clause, quotations)
    block = block_quotation(article_text(doc), token) if not spans else None
    if block is not None:
        spans = [block]
    if not spans:
        return None
    if token.lemma_.lower() in word_list("speech_quote_cues.txt") and (
            not any(quoted.inside(c.begin) for c in spans) or subject is None or not names_someone(subject, speakers)):
        return None  # "continued", "read" say nothing without a quotation, nor does "the bias begins to show"
    if only_pronouns(content_tokens) and not any(quoted.inside(c.begin) for c in spans):
        return None  # "promote it", "what she wants": a pronoun is no content
    if subject is None and not passive and not any(quoted.inside(c.begin) for c in spans):
        return None  # "to defend the bloc", "tell us ...": no one is reported as saying anything
    if subject is not None and subject.lower_ in NOT_SPEAKERS:
        return None
    if _unstated_belief(token, subject) or _other_sense(token, cue, passive) or _gloss(token, cue) \
            or _named(token) or _writers_term(token, subject, quoted):
        return None
    if unreal_report(token) or withheld_report(token) or inside_unsaid_report(token) or not_done(token) \
            or no_words(token, cue, content_tokens, passive, any(quoted.inside(c.begin) for c in spans)):
        return None  # "could have requested a recount", "if he said ...", "did not say what ...": nothing said
    if subject is not None and _said_only_by_an_agent(token) and len(cue) == 1 \
            and not judged_as(token) and _thing_subject(subject, speakers):
        return None  # "Ms. Brainard's case combines the idea that ...": a thing holds no stance
    if subject is not None and (_thing_relative(subject, token, speakers) or _no_one_speaking(subject, token, cue)):
        return None
    speaker_span, speaker = speakers.resolve(subject, token) if subject is not None else (None, None)
    if described and speaker is None:
        # a noun a participle describes speaks only when it names someone; else the statement is
        # what it was without a subject: a quotation's, with no speaker, or none
        if not any(quoted.inside(c.begin) for c in spans):
            return None
        speaker_span = None
    addressee_span, addressee = addressee_of(token, speakers)
    if addressee_span is not None and speaker_span is not None and addressee_span.overlaps(speaker_span):
        addressee_span, addressee = None, None  # '"Why?" asked the boy': the object parsed is who asks
    if addressee is not None and speaker == addressee and subject is not None and subject.pos_ == "PRON":
        speaker = None  # '"...," he told Rubio': whoever "he" is, not the one he told (carry-over may say)
    first, last = min(spans).begin, max(spans).end
    sentence = sentence_span(doc, min(first, token.idx), max(last, token.idx + 1))
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, cue), speaker=speaker,
                     speaker_span=speaker_span, addressee=addressee, addressee_span=addressee_span,
                     sentence=sentence)


def _by_agent(participle: Token) -> bool:
    """ "a show written by a comedy troupe", "super PACs supported by the Koch brothers": a passive
    participle with its agent and no clause describes the noun it hangs on as made or backed by
    someone; the noun is no content of theirs ("in a box labeled 'medical problem'" names it)."""
    return any(c.dep_ == "agent" for c in participle.children) \
        and not any(c.dep_ in ("ccomp", "xcomp") for c in participle.children)


def _described_by_participle(verb: Token, quoted: QuotedText) -> bool:
    """ "postings that included one saying that ...", "a statement announcing the pick": a cue
    participle after a common noun or pronoun it describes, whose act it reports (a name there is
    subject_of's already)."""
    head = verb.head
    return verb.tag_ == "VBG" and verb.dep_ == "acl" and head.i < verb.i and head.pos_ in ("NOUN", "PRON") \
        and head.ent_type_ not in ("DATE", "TIME") and not quoted.inside(head.idx)


def _other_sense(verb: Token, cue: list[Token], passive: bool) -> bool:
    """A verb of saying used in another sense: "the race was called" (a passive "call" with nothing
    it is called: a result declared), "Nega put his house up for sale" (a verb of
    speech_handling_verbs.txt with a noun object and no clause: it handles a thing)."""
    lemma = verb.lemma_.lower()
    if len(cue) > 1:
        return False
    # "called Tuesday": a day is when, not what it was called
    predicate = any((c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or c.dep_ == "prep" and c.lower_ == "as")
                    and c.ent_type_ not in ("DATE", "TIME") for c in verb.children)
    if passive and lemma in word_list("speech_predicate_object_cues.txt") and not predicate:
        return True
    if lemma in word_list("speech_handling_verbs.txt") and not predicate:
        return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
    return False


def _named(verb: Token) -> bool:
    """ "An anti-Trump super PAC called Our Principles is ramping up": a naming "call" (lexicon
    speech_predicate_object_cues.txt) the parser made the root, the sentence's verb its clause
    without a subject of its own."""
    return verb.lemma_.lower() in word_list("speech_predicate_object_cues.txt") and any(
        c.dep_ == "ccomp" and c.i > verb.i and not any(m.dep_ in SUBJECTS for m in c.children)
        for c in verb.children)


def _writers_term(verb: Token, subject: Token | None, quoted: QuotedText) -> bool:
    """ "(what we call spending)", "what I would call a bargain": a naming verb
    (speech_predicate_object_cues.txt) whose object is "what", with "we" or "I" outside any
    quotation for subject, is the writer's own gloss of a word, no one's statement."""
    if subject is None or subject.lower_ not in ("we", "i") or quoted.inside(verb.idx) \
            or verb.lemma_.lower() not in word_list("speech_predicate_object_cues.txt"):
        return False
    return any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children)


def _gloss(verb: Token, cue: list[Token]) -> bool:
    """ "..., Trump said, referring to John F. Kerry": a participle set off after another cue that
    glosses what a word of the quotation refers to (speech_gloss_cues.txt) is the journalist's."""
    phrase = " ".join(t.lemma_.lower() if t.i == verb.i else t.lower_ for t in cue)
    if phrase not in word_list("speech_gloss_cues.txt") or verb.tag_ != "VBG":
        return False
    head = verb.head
    return verb.dep_ in ("advcl", "xcomp", "conj") and head.i != verb.i and cue_phrase(head) is not None


def _said_only_by_someone(verb: Token) -> bool:
    """A verb that reports nothing of a thing or "it" as its subject: one that is no verb of saying (any
    verb with a that-clause), and the cues of speech_person_cues.txt ("low rates encouraged companies
    to borrow", "it assumes that ...")."""
    lemma = verb.lemma_.lower()
    return lemma not in cue_verbs() or lemma in word_list("speech_person_cues.txt")


def _said_only_by_an_agent(verb: Token) -> bool:
    """A verb that reports nothing of a thing subject: those of _said_only_by_someone and those of
    speech_agent_cues.txt ("the rate rise heralds a new era", "the email dump offered a window";
    "it backed Clinton" stands for its newspaper)."""
    return _said_only_by_someone(verb) or verb.lemma_.lower() in word_list("speech_agent_cues.txt")


def _thing_subject(subject: Token, speakers: SpeakerResolver) -> bool:
    """A common noun subject that is no one, no group and no document ("case", "idea", "growth")."""
    if subject.pos_ != "NOUN" or speakers.mention_at(subject) is not None:
        return False
    forms = {subject.lemma_.lower(), subject.lower_}
    return actor_kind(subject) is None and not forms & document_nouns()


_NO_ONE = ("none", "nobody", "nothing", "neither")
_NAMING_VERBS = ("name", "identify", "quote")


def _no_one_speaking(subject: Token, verb: Token, cue: list[Token]) -> bool:
    """ "It's understandable that ...", "It dawned on Murphy that ...", "it's not that ...": an "it"
    standing for the clause after it (of a verb or copula that is no cue of saying: "it points out" is
    a document's) reports no one; nor does
    "None of those three have declared", "no one is talking about": nobody said anything; nor
    "That said, ..." nor one who "declined to be named"."""
    if subject.lower_ == "it" and (subject.dep_ == "expl" or verb.lemma_.lower() == "be"
                                   or len(cue) == 1 and _said_only_by_someone(verb)):
        return True
    if subject.lower_ in ("that", "this") and subject.tag_ == "DT":
        return True  # "That said, ...", "That shows how ...": a fact or a turn of phrase, no one
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in _NAMING_VERBS and any(a.dep_ == "auxpass" for a in c.children)
           for c in verb.children):
        return True  # "who declined to be named": asking not to be named says nothing
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in subject.children):
        return True  # "neither he nor Nanney echoed the tone": neither said it
    return subject.lower_ in _NO_ONE or subject.lower_ == "one" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


_THING_RELATIVES = ("that", "which")


def _thing_relative(subject: Token, verb: Token, speakers: SpeakerResolver) -> bool:
    """ "dollars that support low-income schools", "Title I, which supports schools", "the process that
    explains why ...": a relative "that"/"which" standing for a thing that is no one, no group and no
    document says nothing. One standing for a name, people, an organisation or a poll, letter or
    report ("data that suggest ...", "a letter that says ...") does."""
    if subject.lower_ not in _THING_RELATIVES:
        return False
    antecedent = antecedent_of(verb)
    if antecedent is None or antecedent.pos_ == "PRON":
        return False
    if speakers.mention_at(antecedent) or speakers.named_beside(antecedent) or speakers.named_before(antecedent):
        return False
    forms = {antecedent.lemma_.lower(), antecedent.lower_}
    return actor_kind(antecedent) is None and not forms & document_nouns()


def _unstated_belief(verb: Token, subject: Token | None) -> bool:
    """A verb of thinking or feeling reports a stance only when the text states it of its holder: a
    finite verb with a subject, outside a supposition ("Mr. Obama believes that ...", "voters should
    know ..."). "believing the takeover would vindicate her", "as though they want to lose", "if
    voters think ..." are motives and suppositions ("is expected to" is raising.py's)."""
    # a judgement of a small clause is a belief too: "asked whether he would consider Jerusalem the capital"
    if verb.lemma_.lower() not in word_list("speech_belief_cues.txt") | word_list("speech_small_clause_cues.txt"):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if subject is None or subject.dep_ == "nsubjpass" or passive:
        # but "the program is seen as a loophole" states a judgement, its holders unnamed
        return not (passive and judged_as(verb))
    if verb.tag_ not in FINITE and not any(c.dep_ == "aux" and c.tag_ in FINITE + ("MD",) for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE_MODALS for c in verb.children) \
            and not any(c.dep_ == "neg" for c in verb.children):
        # "audiences can expect him to ...", "voters might think": what one may believe ("I can't
        # believe that ..." states a stance)
        return True
    return any(c.dep_ == "mark" and c.lower_ in _SUPPOSING_MARKS for t in [verb, *verb.ancestors] for c in t.children)


# modals of possibility: a belief one can or might hold is nobody's stated stance
_POSSIBLE_MODALS = ("can", "could", "may", "might")
# conjunctions that open a supposition, not a report: "if they think", "as though they want"
_SUPPOSING_MARKS = ("if", "unless", "though", "whether")


def quoting_verb(doc: Doc, verb: Token, quotations: list[Quotation], quoted: QuotedText,
                  speakers: SpeakerResolver) -> Statement | None:
    """Any verb whose object quotes words: 'Trump likened the refugees to a “vicious snake”'.

    Quoting someone's words in the object of what they did reports what they said, whatever the
    verb; only a named or pronoun subject is taken, and only quotations after the verb."""
    if verb.pos_ != "VERB" or quoted.inside(verb.idx) or cue_phrase(verb) is not None:
        return None
    subject = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
    if subject is None or quoted.inside(subject.idx) or not (
            subject.pos_ in ("PROPN", "PRON") or speakers.mention_at(subject) is not None):
        return None
    if subject.lower_ in NOT_SPEAKERS or subject.lower_ in entity_lexicon.pronouns("relative") \
            or subject.lower_ in ("it", "this", "that"):
        return None
    # not the words of a clause with a subject of its own ("she became so upset that I had to change
    # my answer: '...'": those are the other subject's)
    objects = [t for c in verb.children if c.i > verb.i and c.dep_ in OBJECT_DEPS for t in c.subtree
               if not _in_own_clause(t, verb)]
    text = article_text(doc)
    objects = in_paragraph(text, verb, objects)
    # quoted words, not a title or a scare-quoted word in single marks ("tries a new 'chapter'")
    # nor a title or name in double marks ("write a book, “Who’s Who in the CIA”")
    titles = title_quotations(doc)
    if not any((quoted.inside(t.idx) and t.is_quote and "'" not in t.text and "‘" not in t.text
                and "’" not in t.text or t.text == "''") and not any(q.begin <= t.idx < q.end for q in titles)
               for t in objects):
        return _introducing_colon(doc, verb, subject, quotations, quoted, speakers)
    spans = with_quotations(text, token_spans(doc, objects), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(subject, verb)
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, [verb]), speaker=speaker, speaker_span=speaker_span,
                     sentence=sentence_span(doc, verb.idx, verb.idx + 1))


def _in_own_clause(token: Token, verb: Token) -> bool:
    """Whether a clause below ``verb`` with a subject of its own holds ``token``."""
    t = token
    while t.i != verb.i and t.head.i != t.i:  # by index: spaCy makes a new Token object on each access
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children):
            return True
        t = t.head
    return False


def speech_act(doc: Doc, verb: Token, quotations: list[Quotation], quoted: QuotedText,
                speakers: SpeakerResolver) -> Statement | None:
    """A verb by which its subject puts out a statement named in its object (speech_act_verbs.txt,
    speech_act_nouns.txt): "the city sent a cease-and-desist letter", "Trump unleashed a flurry of
    tweets shaming Machado", "is doubling down on his attacks"; not a verb of receiving or handling
    one ("faced criticism", "classified the emails"). Only a subject that names someone."""
    if verb.pos_ != "VERB" or quoted.inside(verb.idx) or verb.lemma_.lower() not in word_list("speech_act_verbs.txt") \
            or cue_phrase(verb) is not None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or quoted.inside(subject.idx) or not (
            speakers.mention_at(subject) is not None or subject.lower_ in entity_lexicon.pronouns("personal")
            or subject.pos_ == "PROPN" or actor_kind(subject) is not None):
        return None
    said = next((o for o in _objects(verb) if speech_act_noun(o)), None)
    if said is None or _bare_act(said) or others_words(said, subject) or _told_by_participle(verb, said):
        return None
    text = article_text(doc)
    spans = with_quotations(text, token_spans(doc, in_paragraph(text, verb, list(said.subtree))), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(subject, verb)
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, [verb]), speaker=speaker, speaker_span=speaker_span,
                     sentence=sentence_span(doc, verb.idx, verb.idx + 1))


def _told_by_participle(verb: Token, said: Token) -> bool:
    """ "sent out a text message to supporters saying: '...'": a participle of saying after the act
    noun, outside its phrase, says what the message said; the noun alone is no content."""
    inside = {t.i for t in said.subtree}
    return any(t.tag_ == "VBG" and t.dep_ in ("acl", "advcl") and t.i > said.i and t.i not in inside
               and t.lemma_.lower() in cue_verbs() for t in verb.subtree)


_BARE_DEPS = ("det", "poss", "punct")


def _bare_act(noun: Token) -> bool:
    """ "made the comments", "sent a letter", "filed a complaint": a speech act named by its noun
    alone (with an article, a demonstrative or a possessive) says nothing of what was said; "a
    cease-and-desist letter", "the pledge to ..." do."""
    return all(c.dep_ in _BARE_DEPS for c in noun.children)


def _objects(verb: Token) -> list[Token]:
    """The direct object after a verb, and the objects of "on"/"with" after it ("doubled down on his
    attacks", "responded with attacks")."""
    out = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "with") and c.i > verb.i):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def in_source(doc: Doc, prep: Token, quotations: list[Quotation], quoted: QuotedText,
               speakers: SpeakerResolver) -> Statement | None:
    """ "In the latest poll, Clinton led by 5 points": a fronted "in" + document is the source of
    the clause it opens (only taken when that clause has no speech verb of its own)."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or quoted.inside(prep.idx):
        return None
    head = prep.head
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or head.pos_ not in ("VERB", "AUX") or head.i < prep.i or quoted.inside(head.idx) \
            or source.lemma_.lower() not in word_list("speech_source_nouns.txt"):
        return None
    phrase = list(prep.subtree)
    after = phrase[-1].i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    inside = {t.i for t in phrase}
    author = _own_words_author(head, source, speakers)
    if author is not None:  # "In an interview, she joked ...": she speaks; her words are the rest
        inside |= {t.i for t in author.subtree} | {head.i}
    content = in_paragraph(article_text(doc), head, [t for t in head.subtree if t.i not in inside])
    spans = with_quotations(article_text(doc), token_spans(doc, content), [], quotations)
    if not spans:
        return None
    if author is not None:
        speaker_span, speaker = speakers.resolve(author, head)
    else:
        speaker_span, speaker = speakers.resolve(source, None, guess_pronouns=False)
        if not any(span == speaker_span for span, _ in speakers.owners.mentions):
            speaker = None  # "the poll" is a document, not an entity coreference should look for
    # the cue is a word that reports: the author's verb ("joked"), else the source noun ("poll"),
    # never the preposition
    cue = [head] if author is not None else [source]
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, cue), speaker=speaker, speaker_span=speaker_span,
                     sentence=sentence_span(doc, prep.idx, prep.idx + 1))


def _own_words_author(head: Token, source: Token, speakers: SpeakerResolver) -> Token | None:
    """The subject of a clause opened by "In an interview" / "In his book" / "In a statement": the
    one whose own words those are ("In a subsequent interview, she joked about ..."), when it is a
    person's pronoun or a name (of a person or organisation, by the model's tag or by the article's
    entities: "In an interview with ..., Ham made it clear ..."); not the subject of "In the latest
    poll, Clinton led" (a poll reports on others: speech_own_source_nouns.txt lists the sources
    that are their author's words)."""
    if source.lemma_.lower() not in word_list("speech_own_source_nouns.txt"):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.pos_ == "PRON" and subject.lower_ in ("he", "she", "they", "i", "we"):
        return subject
    named = speakers.mention_at(subject)
    return subject if subject.pos_ == "PROPN" and (subject.ent_type_ in ("PERSON", "ORG") or named is not None
                                                   and named[1].type in (PERSON, ORGANISATION)) else None


def _introducing_colon(doc: Doc, verb: Token, subject: Token, quotations: list[Quotation], quoted: QuotedText,
                       speakers: SpeakerResolver) -> Statement | None:
    """ "Sanders made the following comment: “...”": a clause ending in a colon before a quotation."""
    text = article_text(doc)
    words = [t for t in verb.subtree if not t.is_space and not quoted.inside(t.idx)]
    if not words or words[-1].text != ":":
        return None
    end = words[-1].idx + 1
    following = next((q for q in quotations if q.begin >= end), None)
    if following is None or text[end:following.begin].strip():
        return None
    if any(t.dep_ in SUBJECTS and t.i > verb.i for t in words):
        return None  # "she became so upset that I had to change my answer:": the words are mine
    speaker_span, speaker = speakers.resolve(subject, verb)
    return Statement("", list(following.parts), INDIRECT, cue=cue_spans(doc, [verb]), speaker=speaker,
                     speaker_span=speaker_span, sentence=sentence_span(doc, verb.idx, verb.idx + 1))


def _according_to(doc: Doc, cue: list[Token], quotations: list[Quotation],
                  speakers: SpeakerResolver) -> Statement | None:
    according, to = cue
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = according.head if according.head is not according else according
    phrase = set(t.i for t in according.subtree) | {to.i}
    if demonstrative_clause(according):
        # "That's according to exit polls": what the polls say is the sentence "that" stands for
        content_tokens = previous_sentence(according)
    elif _closes_sentence(according):
        # "X helped a journalist write a book that outed agents, according to Y": the whole sentence
        # is what Y says, whatever clause the parser hung the phrase on
        content_tokens = in_paragraph(article_text(doc), according, [t for t in according.sent if t.i not in phrase])
    elif head.i == according.i and source is not None and according.i == according.sent.start:
        # "According to Rush Limbaugh, the move reeks of fear": the parser made the phrase the root
        # and hung the clause inside it; the clause is what follows the comma after the source
        comma = next((t for t in doc[source.i + 1:according.sent.end] if t.text == ","), None)
        content_tokens = [] if comma is None else in_paragraph(
            article_text(doc), according, list(doc[comma.i + 1:according.sent.end]))
        if not any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "PRON", "NUM") for t in content_tokens):
            return None  # "According to MSNBC, basically.": nothing said follows, the words were before
    elif head.pos_ in ("VERB", "AUX"):
        content_tokens = [t for t in head.subtree if t.i not in phrase and t.i not in _after_phrase(head, according)]
    else:
        content_tokens = [t for t in according.sent if t.i not in phrase]
    spans = token_spans(doc, without_opening_connective(content_tokens))
    spans = with_quotations(article_text(doc), spans, [according, to], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(source, None) if source is not None else (None, None)
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, cue), speaker=speaker,
                     speaker_span=speaker_span, sentence=sentence_span(doc, according.idx, according.idx + 1))


def _after_phrase(head: Token, according: Token) -> set[int]:
    """A clause set against the one "according to" hangs on, after the phrase ("Trump has won 758
    delegates, according to a CNN tally, but his pathway ... is narrowing"): the journalist's turn
    from the source's figures ("..., and the top 10 percent paid 69 percent" goes on with them)."""
    out: set[int] = set()
    for conj in (c for c in head.children if c.dep_ == "conj" and c.left_edge.i > according.right_edge.i
                 and any(d.dep_ in SUBJECTS for d in c.children)):
        but = next((t for t in head.children if t.dep_ == "cc" and t.lower_ in ("but", "yet")
                    and according.right_edge.i < t.i < conj.left_edge.i), None)
        if but is not None:
            out |= {t.i for t in conj.subtree} | {but.i}
    return out


def _closes_sentence(according: Token) -> bool:
    """ "..., according to a former official.": the phrase set off by a comma ends its sentence."""
    phrase = list(according.subtree)
    first, last = phrase[0].i, phrase[-1].i
    doc = according.doc
    rest = doc[last + 1:according.sent.end]
    return first > according.sent.start and doc[first - 1].text == "," and all(t.is_punct or t.is_space for t in rest)


_COPULAS = ("be", "become", "remain")


def _topic_statement(doc: Doc, noun: Token, quotations: list[Quotation], speakers: SpeakerResolver) -> Statement | None:
    """ "Trump's attacks on Khan", "criticism of the bank from Warren", "Trump made comments about the
    shooting": the object of the preposition is what was said, when the text tells who said it and
    that is someone it names. "He faced questions about ..." (whose questions?) and "the attacks on
    Paris" (no one's words) report nothing."""
    prep = topic_preposition(noun)
    what = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")),
                None) if prep is not None else None
    if what is None or only_pronouns(list(what.subtree)):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS:
        # "she has been a consistent supporter of NATO", "Graham is the party's most outspoken
        # proponent of ...": the copula's subject holds the stance, not the possessor
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    # a stance held in a main clause; one inside another clause ("made it clear he had misgivings
    # about ...") is what that clause's verb reports
    holding = noun.head.lemma_.lower() in word_list("speech_holding_verbs.txt") and noun.head.dep_ == "ROOT"
    acting = noun.head.lemma_.lower() in word_list("speech_act_verbs.txt")
    if owner is None and noun.dep_ == "dobj" and (acting or holding):
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if owner is None:
        return None
    speaker_span, speaker = speakers.resolve(owner, None)
    if speaker is None:
        return None
    text = article_text(doc)
    spans = with_quotations(text, token_spans(doc, in_paragraph(text, noun, list(what.subtree))), [noun, prep],
                             quotations)
    if not spans:
        return None
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, [noun, prep]), speaker=speaker,
                     speaker_span=speaker_span, sentence=sentence_span(doc, noun.idx, noun.idx + 1))


def _speech_noun(doc: Doc, noun: Token, quotations: list[Quotation], speakers: SpeakerResolver) -> Statement | None:
    """ "Trump's claim that ...": the that-clause is the content, the possessor the speaker; failing a
    that-clause, what the noun is about ("Trump's attacks on Khan", see _topic_statement)."""
    # an expletive subject makes a clause too: "Trump's claim that there have been thousands of shootings"
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                   and any(m.dep_ in SUBJECTS + ("expl",) for m in c.children)), None) or intended_infinitive(noun)
    if clause is None:
        return _topic_statement(doc, noun, quotations, speakers)
    spans = with_quotations(article_text(doc), token_spans(doc, list(clause.subtree)), [noun], quotations)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "warnings from his attorney that ..."
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if owner is None:  # "Trump claims that ...": a verb the tagger took for a plural noun
        owner = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ in ("PROPN", "NOUN") and noun.head.dep_ == "ROOT" \
            and noun.head.i == noun.i - 1:
        # "Trump charges that ...": the verb read as a noun and its subject as the root (a noun takes
        # no object: only a misparse gives it one)
        owner = noun.head
    if owner is None and noun.dep_ == "dobj":
        owner = next((c for c in noun.head.children if c.dep_ in SPEAKER_DEPS), None)
    if owner is None and noun.dep_ == "pobj" and noun.head.head is not noun.head:  # "persisted in arguments that"
        owner = next((c for c in noun.head.head.children if c.dep_ in SPEAKER_DEPS), None)
    speaker_span, speaker = speakers.resolve(owner, None) if owner is not None else (None, None)
    if speaker is None and noun.lemma_.lower() in word_list("speech_clause_nouns.txt") and owner is not None \
            and _thing_subject(owner, speakers):
        speaker_span = None  # "the crisis forced a recognition that ...": a thing holds no stance
    if speaker_span is not None and owner.dep_ == "poss" and speaker_span.end > noun.idx:
        # the noun phrase of "The government's determination" is not who is determined: its possessor is
        speaker_span = Span.of(article_text(doc), owner.left_edge.idx, owner.idx + len(owner))
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, [noun]), speaker=speaker, speaker_span=speaker_span,
                     sentence=sentence_span(doc, noun.idx, noun.idx + 1))


# "WALLACE: Let's start ..." / "Pence: ..." — a paragraph opening with a speaker's name and a colon
_TURN = re.compile(r"^[ \t\"“]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(:)[ \t]+(\S.*)$", re.MULTILINE)
# '"..." ― Carla Sanchez' — a quotation signed with a dash and a name
_SIGNATURE = re.compile(r"[^\S\n]*([―—–])[^\S\n]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})")


def transcript_turns(doc: Doc, speakers: SpeakerResolver) -> list[Statement]:
    text, out = article_text(doc), []
    turns = list(_TURN.finditer(text))
    # a name in capitals opens a turn of a transcript ("WALLACE: ...") when it names a person of the
    # article or opens several turns; once, and nobody's name, it is a heading ("CLARIFICATION: ...")
    capitals = {m.group(1) for m in turns if sum(n.group(1) == m.group(1) for n in turns) > 1}
    surnames = {w.lower() for e in speakers.owners.entities if e.type == PERSON for w in e.name.split()}
    for match in turns:
        name = Span.of(text, match.start(1), match.end(1))
        named = speakers.mention_in(name)
        in_capitals = name.text.isupper() and len(name.text) > 2 and (
            name.text in capitals or any(w.lower() in surnames for w in name.text.split()))
        # a headline ("Poll: Clinton and Trump in dead heat") may name a document as its source
        document = match.start() == 0 and name.text.split()[-1].lower() in word_list("speech_headline_sources.txt")
        if not in_capitals and (named is None or named[1].type != PERSON):
            if not document:
                continue
            named = None  # the document is the source, no entity speaks
        end = end_trimmed(text, match.start(3), match.end(3))
        if match.start() == 0:  # the headline: a speaker's turn in a transcript keeps its stop, as quoted
            end = without_full_stop(text, match.start(3), end)
        content = [Span.of(text, match.start(3), end)]
        if content[0].begin == content[0].end:
            continue
        out.append(Statement("", content, INDIRECT, cue=[Span.of(text, match.start(2), match.end(2))],
                             speaker=named[1].key if named else None, speaker_span=name,
                             sentence=Span.of(text, match.start(), match.end())))
    return out


def signed_quotations(doc: Doc, quotations: list[Quotation], quoted: QuotedText,
                       speakers: SpeakerResolver) -> list[Statement]:
    text, out = article_text(doc), []
    for q in quotations:
        match = _SIGNATURE.match(text, q.end)
        if match is None or quoted.inside(match.start(2)):
            continue
        name = Span.of(text, match.start(2), match.end(2))
        named = speakers.mention_in(name)
        out.append(Statement("", list(q.parts), DIRECT, cue=[Span.of(text, match.start(1), match.end(1))],
                             speaker=named[1].key if named else None, speaker_span=name,
                             sentence=Span.of(text, q.begin, match.end())))
    return out
