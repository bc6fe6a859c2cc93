"""Statements: who said what, to whom and when — direct, mixed and reported speech.

A statement hangs on a cue: a speech verb from ``lexicon/speech_cues.txt`` (or "according to"), or
any verb with a that-clause complement ("ruled that ..."), outside any quotation. Its content is
what the parse says was reported — the complement clause ("said (that) ..."), the main clause a
parenthetical cue belongs to ("..., officials said"), a to-infinitive for verbs like "urge", the
object of a verb of saying or judging ("noted the rule", "admires Putin"), the subject of a passive
cue ("the plan was criticized") — widened to whole quotations wherever it touches one, plus the
quotations set right before or after the cue clause ('"...," he said, "..."'). The speaker mention
is the subject as this sentence words it ("he", "the spokesman", "Trump"); the speaker entity is
what that mention resolves to, or None: a statement is never given a speaker by a guess.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from kg.nlp import docindex
from kg.nlp.lexicon_io import lines

from kg.model import DIRECT, INDIRECT, MIXED, NOMINAL, ORGANISATION, PERSON, Entity, Mention, Span, Statement, TimeExpression
from kg.nlp import entity_lexicon
from kg.nlp.coref import resolve as resolve_reference
from kg.nlp.local_entities import LocalEntities
from kg.nlp.owners import Owners, owners_of
from kg.nlp.quotes import QuotedText, Quotation, find_quotations
from kg.nlp.timex import date_for

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# who says it: the active subject; the subject of a passive cue ("he was told") is not the speaker,
# nor is a clause ("Holding rates near zero has encouraged borrowing, supporting growth")
SPEAKER_DEPS = ("nsubj",)
# a reader addressed in the second person ("would you think ...") is no speaker
NOT_SPEAKERS = ("you",)
# children of a cue verb that are what was said, not part of the cue clause
CONTENT_DEPS = ("ccomp",)
# a parenthetical cue ("..., officials said") hangs off the clause it reports by one of these
PARENTHETICAL_DEPS = ("parataxis", "ccomp", "advcl", "conj")
# where a verb's object and complements hang: what a quoting verb's quotation may sit in
OBJECT_DEPS = ("dobj", "xcomp", "oprd", "prep", "ccomp", "dative")
_CUE_POS = ("VERB", "NOUN", "ADJ")  # the parts of speech a cue word can have, "according" aside
_DAY_MONTH_YEAR = (10, 7, 4)  # lengths of TIMEX3 values 2025-12-24, 2025-12, 2025


def _text(doc: Doc) -> str:
    """The article text; ``Doc.text`` rebuilds it from the tokens on every access."""
    return docindex.text(doc)


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lines(name))


def cue_words() -> frozenset[str]:
    """Speech verbs and phrases that report a clause: say, tell, according to, point out, ..."""
    return _words("speech_cues.txt")


@cache
def _cue_verbs() -> frozenset[str]:
    """Every verb lemma that can be a cue, whatever kind of content it takes."""
    return frozenset(w for w in cue_words() if " " not in w) | _words("speech_object_cues.txt") \
        | _words("speech_cues_to.txt") | _words("speech_quote_cues.txt")


def find_statements(doc: Doc, entities: list[Entity], timexes: list[TimeExpression],
                    owners: Owners | None = None) -> list[Statement]:
    """Every statement in ``doc``, in text order, keyed s0, s1, ... (``owners``: the entities' token
    index, when the caller has built it)."""
    text = _text(doc)
    quotations = find_quotations(text)
    quoted = QuotedText(quotations)
    speakers = SpeakerResolver(doc, owners_of(doc, entities, owners))
    found: list[tuple[Statement, str]] = []  # with the cue's lemma
    tokens = docindex.tokens(doc)
    for token in tokens:
        # a cue is a verb, a speech noun or "according (to)" (see _cue_phrase): skip the rest cheaply
        if token.pos_ not in _CUE_POS and token.lower_ != "according":
            continue
        if quoted.inside(token.idx):
            continue  # speech reported inside a quotation belongs to that quotation
        statement = _statement_at(doc, token, quotations, quoted, speakers)
        if statement is not None:
            found.append((statement, token.lemma_.lower()))
    found += [(st, ":") for st in _transcript_turns(doc, quotations, speakers)]
    found += [(st, "-") for st in _signed_quotations(doc, quotations, quoted, speakers)]
    taken = [c for st, _ in found for c in st.content]
    for token in tokens:
        # only a verb can quote, only "in" open a source: skip the other words before any work
        if token.pos_ != "VERB" and token.lower_ != "in":
            continue
        statement = _quoting_verb(doc, token, quotations, quoted, speakers) \
            or _in_source(doc, token, quotations, quoted, speakers) \
            or _speech_act(doc, token, quotations, quoted, speakers)
        if statement is not None and not any(c.overlaps(t) for c in statement.content for t in taken):
            found.append((statement, "~"))
            taken.extend(statement.content)
    found.sort(key=lambda pair: (min(pair[0].content).begin, pair[0].cue[0].begin if pair[0].cue else 0))
    statements = _one_per_quotation(doc, _without_nested(doc, found, quoted), quotations)
    statements = _with_follow_on_quotations(text, statements, quotations, quoted)
    _speakers_carried_over(doc, statements, speakers.owners)
    out = []
    for i, s in enumerate(statements):
        s.key = f"s{i}"
        s.mode = _mode(text, s.content, quoted)
        when = date_for(doc, s.cue[0], timexes) if s.cue else None
        # a date inside what was said ("prices will rise next year") is not when it was said
        if when is not None and when.value and len(when.value) in _DAY_MONTH_YEAR and when.value[:4].isdigit() \
                and not any(c.overlaps(when.span) for c in s.content):
            s.date, s.time = when.value, when.key
        out.append(s)
    return out


# --- cues -----------------------------------------------------------------------------------


def _cue_phrase(token: Token) -> list[Token] | None:
    """The tokens of the cue starting at ``token`` ("said", "called for", "according to"), if any."""
    words = cue_words()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        return [token, token.nbor(1)] if "according to" in words else None
    if token.pos_ == "NOUN" and token.lemma_.lower() in _words("speech_nouns.txt"):
        return [token]
    if token.pos_ == "NOUN":
        prep = _topic_preposition(token)
        return [token, prep] if prep is not None else None
    if token.pos_ == "ADJ":  # "she was sure that ...", "they are frustrated that ...", "critical of Trump"
        if token.dep_ != "acomp":
            return None
        stance = entity_lexicon.pairs("speech_stance_adjectives.txt").get(token.lower_)
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == stance), None)
        if prep is not None:
            return [token, prep]
        return [token] if _reports_that_clause(token) else None
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in words:
            return [token, child]
    return [token] if lemma in _cue_verbs() or _reports_that_clause(token) else None


def _reports_that_clause(verb: Token) -> bool:
    """A verb (or predicate adjective) with a finite that-clause complement states a stance whatever
    the word: "assumed that ...", "ruled that ...", "were frustrated that ...". Checked on the
    parse, not on a word list."""
    if verb.lemma_.lower() in _words("speech_not_that_verbs.txt") or verb.lemma_.lower() == "be":
        return False  # "the bet is that ...", "it's not that ...": a copula says nothing itself
    subject = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
    if subject is not None and subject.lower_ in ("that", "which", "this"):
        return False  # "that proves that ...": a fact, not someone, is the subject
    if any(c.dep_ == "advmod" and c.lower_ in ("so", "such") for c in verb.children):
        return False  # "so sensitive that ...": a result, not a report
    return any(c.dep_ == "ccomp" and any(_content_that(m) for m in c.children)
               and any(m.dep_ in SUBJECTS for m in c.children) for c in verb.children)


def _content_that(mark: Token) -> bool:
    """The "that" opening a content clause; one after a comma opens a result ("so fast, that ...")."""
    return mark.dep_ == "mark" and mark.lower_ == "that" and not (mark.i > 0 and mark.nbor(-1).text == ",")


def _cue_spans(doc: Doc, tokens: list[Token]) -> list[Span]:
    if tokens[-1].i - tokens[0].i == len(tokens) - 1:
        return [Span.of(_text(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))]
    return [Span.of(_text(doc), t.idx, t.idx + len(t)) for t in tokens]


# --- one statement ---------------------------------------------------------------------------


def _statement_at(doc: Doc, token: Token, quotations: list[Quotation], quoted: QuotedText,
                  speakers: SpeakerResolver) -> Statement | None:
    cue = _cue_phrase(token)
    if cue is None:
        return None
    if token.lower_ == "according":
        return _according_to(doc, cue, quotations, speakers)
    if token.pos_ == "NOUN":
        return _speech_noun(doc, token, quotations, speakers)
    # "which he said runs the risk", "what they said was the need": the relative word before the
    # cue is the noun the clause hangs on, not part of what was said
    content_tokens = [t for t in _reported_tokens(token, cue)
                      if not (t.i < token.i and t.tag_ in ("WDT", "WP") and t.dep_ in SUBJECTS + ("dobj",))]
    subject = _subject(token, quoted)
    passive = _passive_report(token)
    if passive:
        content_tokens = _passive_content(token, content_tokens)
    # Tokens of one Doc are equal when their indices are: membership by index is the same test,
    # without comparing every pair of Token objects
    content_ids = {t.i for t in content_tokens}
    clause = [t for t in token.subtree if t.i not in content_ids and not quoted.inside(t.idx)]
    # the subject stands next to the quotations of its own verb ('"...," Trump said'), not of a
    # participle it shares ('"...," Trump said, adding later, "..."': the first is not added)
    above = {a.i for a in token.ancestors}
    if subject is not None and (subject.i in above or subject.head.i not in above):
        clause_ids = {t.i for t in clause}
        clause += [t for t in subject.subtree if t.i not in clause_ids and not quoted.inside(t.idx)]
    spans = _token_spans(doc, _in_paragraph(_text(doc), token, content_tokens))
    spans = _with_quotations(_text(doc), spans, clause, quotations)
    if not spans:
        return None
    if token.lemma_.lower() in _words("speech_quote_cues.txt") and (
            not any(quoted.inside(c.begin) for c in spans) or subject is None or not _names_someone(subject, speakers)):
        return None  # "continued", "read" say nothing without a quotation, nor does "the bias begins to show"
    if _only_pronouns(content_tokens) and not any(quoted.inside(c.begin) for c in spans):
        return None  # "promote it", "what she wants": a pronoun is no content
    if subject is None and not passive and not any(quoted.inside(c.begin) for c in spans):
        return None  # "to defend the bloc", "tell us ...": no one is reported as saying anything
    if subject is not None and subject.lower_ in NOT_SPEAKERS:
        return None
    if _unstated_belief(token, subject):
        return None
    if subject is not None and (_thing_relative(subject, token, speakers) or _no_one_speaking(subject, token, cue)):
        return None
    speaker_span, speaker = speakers.resolve(subject, token) if subject is not None else (None, None)
    addressee_span, addressee = _addressee(token, speakers)
    first, last = min(spans).begin, max(spans).end
    sentence = _sentence_span(doc, min(first, token.idx), max(last, token.idx + 1))
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, cue), speaker=speaker,
                     speaker_span=speaker_span, addressee=addressee, addressee_span=addressee_span,
                     sentence=sentence)


_NO_ONE = ("none", "nobody", "nothing", "neither")
_NAMING_VERBS = ("name", "identify", "quote")


def _no_one_speaking(subject: Token, verb: Token, cue: list[Token]) -> bool:
    """ "It's understandable that ...", "It dawned on Murphy that ...", "it's not that ...": an "it"
    standing for the clause after it (of a verb or copula that is no cue of saying: "it points out" is
    a document's) reports no one; nor does
    "None of those three have declared", "no one is talking about": nobody said anything; nor
    "That said, ..." nor one who "declined to be named"."""
    if subject.lower_ == "it" and (subject.dep_ == "expl" or verb.lemma_.lower() == "be"
                                   or len(cue) == 1 and verb.lemma_.lower() not in _cue_verbs()):
        return True
    if subject.lower_ in ("that", "this") and subject.tag_ == "DT":
        return True  # "That said, ...", "That shows how ...": a fact or a turn of phrase, no one
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in _NAMING_VERBS and any(a.dep_ == "auxpass" for a in c.children)
           for c in verb.children):
        return True  # "who declined to be named": asking not to be named says nothing
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
    antecedent = _antecedent(verb)
    if antecedent is None or antecedent.pos_ == "PRON":
        return False
    if speakers.mention_at(antecedent) or speakers.named_beside(antecedent) or speakers.named_before(antecedent):
        return False
    forms = {antecedent.lemma_.lower(), antecedent.lower_}
    sources = _words("speech_source_nouns.txt") | _words("speech_nouns.txt") | _words("speech_act_nouns.txt") \
        | _words("speech_count_nouns.txt")
    return _actor_kind(antecedent) is None and not forms & sources


def _unstated_belief(verb: Token, subject: Token | None) -> bool:
    """A verb of thinking or feeling reports a stance only when the text states it of its holder: a
    finite verb with a subject, outside a supposition ("Mr. Obama believes that ...", "voters should
    know ..."). "believing the takeover would vindicate her", "as though they want to lose", "if
    voters think ...", "is expected to" are motives, suppositions and guesses."""
    if verb.lemma_.lower() not in _words("speech_belief_cues.txt"):
        return False
    if subject is None or subject.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.tag_ not in _FINITE and not any(c.dep_ == "aux" and c.tag_ in _FINITE + ("MD",) for c in verb.children):
        return True
    return any(c.dep_ == "mark" and c.lower_ in _SUPPOSING_MARKS for t in [verb, *verb.ancestors] for c in t.children)


_FINITE = ("VBD", "VBP", "VBZ")
# conjunctions that open a supposition, not a report: "if they think", "as though they want"
_SUPPOSING_MARKS = ("if", "unless", "though", "whether")


def _quoting_verb(doc: Doc, verb: Token, quotations: list[Quotation], quoted: QuotedText,
                  speakers: SpeakerResolver) -> Statement | None:
    """Any verb whose object quotes words: 'Trump likened the refugees to a “vicious snake”'.

    Quoting someone's words in the object of what they did reports what they said, whatever the
    verb; only a named or pronoun subject is taken, and only quotations after the verb."""
    if verb.pos_ != "VERB" or quoted.inside(verb.idx) or _cue_phrase(verb) is not None:
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
    text = _text(doc)
    objects = _in_paragraph(text, verb, objects)
    # quoted words, not a title or a scare-quoted word in single marks ("tries a new 'chapter'")
    if not any(quoted.inside(t.idx) and t.is_quote and "'" not in t.text and "‘" not in t.text
               and "’" not in t.text or t.text == "''" for t in objects):
        return _introducing_colon(doc, verb, subject, quotations, quoted, speakers)
    spans = _with_quotations(text, _token_spans(doc, objects), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(subject, verb)
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, [verb]), speaker=speaker, speaker_span=speaker_span,
                     sentence=_sentence_span(doc, verb.idx, verb.idx + 1))


def _names_someone(subject: Token, speakers: SpeakerResolver) -> bool:
    """A subject that names a person, an organisation or a document: a name, a pronoun, a
    description of people, "the letter"."""
    return speakers.mention_at(subject) is not None or subject.pos_ in ("PROPN", "PRON") \
        or _actor_kind(subject) is not None or subject.lemma_.lower() in _words("speech_source_nouns.txt")


def _in_own_clause(token: Token, verb: Token) -> bool:
    """Whether a clause below ``verb`` with a subject of its own holds ``token``."""
    t = token
    while t.i != verb.i and t.head.i != t.i:  # by index: spaCy makes a new Token object on each access
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children):
            return True
        t = t.head
    return False


def _speech_act(doc: Doc, verb: Token, quotations: list[Quotation], quoted: QuotedText,
                speakers: SpeakerResolver) -> Statement | None:
    """A verb by which its subject puts out a statement named in its object (speech_act_verbs.txt,
    speech_act_nouns.txt): "the city sent a cease-and-desist letter", "Trump unleashed a flurry of
    tweets shaming Machado", "is doubling down on his attacks"; not a verb of receiving or handling
    one ("faced criticism", "classified the emails"). Only a subject that names someone."""
    if verb.pos_ != "VERB" or quoted.inside(verb.idx) or verb.lemma_.lower() not in _words("speech_act_verbs.txt") \
            or _cue_phrase(verb) is not None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or quoted.inside(subject.idx) or not (
            speakers.mention_at(subject) is not None or subject.lower_ in entity_lexicon.pronouns("personal")
            or subject.pos_ == "PROPN" or _actor_kind(subject) is not None):
        return None
    said = next((o for o in _objects(verb) if _speech_act_noun(o)), None)
    if said is None:
        return None
    text = _text(doc)
    spans = _with_quotations(text, _token_spans(doc, _in_paragraph(text, verb, list(said.subtree))), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(subject, verb)
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, [verb]), speaker=speaker, speaker_span=speaker_span,
                     sentence=_sentence_span(doc, verb.idx, verb.idx + 1))


def _objects(verb: Token) -> list[Token]:
    """The direct object after a verb, and the objects of "on"/"with" after it ("doubled down on his
    attacks", "responded with attacks")."""
    out = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "with") and c.i > verb.i):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _speech_act_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in _words("speech_act_nouns.txt"):
        return True
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return lemma in _words("speech_act_collectives.txt") and counted is not None \
        and counted.lemma_.lower() in _words("speech_act_nouns.txt")


def _in_source(doc: Doc, prep: Token, quotations: list[Quotation], quoted: QuotedText,
               speakers: SpeakerResolver) -> Statement | None:
    """ "In the latest poll, Clinton led by 5 points": a fronted "in" + document is the source of
    the clause it opens (only taken when that clause has no speech verb of its own)."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or quoted.inside(prep.idx):
        return None
    head = prep.head
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or head.pos_ not in ("VERB", "AUX") or head.i < prep.i \
            or source.lemma_.lower() not in _words("speech_source_nouns.txt"):
        return None
    phrase = list(prep.subtree)
    after = phrase[-1].i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    inside = {t.i for t in phrase}
    content = _in_paragraph(_text(doc), head, [t for t in head.subtree if t.i not in inside])
    spans = _with_quotations(_text(doc), _token_spans(doc, content), [], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(source, None, guess_pronouns=False)
    if not any(span == speaker_span for span, _ in speakers.owners.mentions):
        speaker = None  # "the poll" is a document, not an entity coreference should look for
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, [prep]), speaker=speaker, speaker_span=speaker_span,
                     sentence=_sentence_span(doc, prep.idx, prep.idx + 1))


def _introducing_colon(doc: Doc, verb: Token, subject: Token, quotations: list[Quotation], quoted: QuotedText,
                       speakers: SpeakerResolver) -> Statement | None:
    """ "Sanders made the following comment: “...”": a clause ending in a colon before a quotation."""
    text = _text(doc)
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
    return Statement("", list(following.parts), INDIRECT, cue=_cue_spans(doc, [verb]), speaker=speaker,
                     speaker_span=speaker_span, sentence=_sentence_span(doc, verb.idx, verb.idx + 1))


def _in_paragraph(text: str, token: Token, tokens: list[Token]) -> list[Token]:
    """The tokens in the cue's own paragraph: a parse that runs over a line break is wrong there."""
    begin = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    return [t for t in tokens if begin <= t.idx < end]


def _subject(verb: Token, quoted: QuotedText) -> Token | None:
    """The subject of a cue verb, climbing from "saying"/"adding" or a conjoined verb to its head.

    A subject inside a quotation is a misparse of '"We will win," the chief said': then the noun
    right before or after the cue, outside the quotation, is the speaker.
    """
    cue = verb
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "amod", "relcl") \
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # "Asked about the bomb, Clinton said ...": the one asked is not who asked
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and not quoted.inside(verb.head.idx):
        return verb.head  # "footage of Hillary Clinton asking, '...'": the one it shows asking
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and before is not None and before.pos_ == "PROPN" \
            and before.dep_ in ("pobj", "dobj") and not quoted.inside(before.idx):
        return before  # the same, parsed as the complement of "uses": "uses footage of Clinton asking"
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "agent":  # "was announced by the ministry"
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        for child in verb.children:
            if child.dep_ in SPEAKER_DEPS:
                # a dash or a bracket parsed as the subject ("... made public ― Trump boasted") is none
                if not quoted.inside(child.idx) and _in_paragraph(_text(verb.doc), cue, [child]) \
                        and any(ch.isalnum() for ch in child.text):
                    return child
                return _adjacent_noun(cue, quoted)
            if child.dep_ == "nsubjpass":
                # "he was told" is no speaker, but "she was whisked off after saying ..." is
                return child if verb is not cue and not quoted.inside(child.idx) else None
        if verb.dep_ in ("conj", "advcl", "xcomp", "acomp") and verb.head is not verb:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.head is not verb.head:  # "responded by saying ..."
            verb = verb.head.head
        else:
            break
    interrupted = _interrupted_subject(cue, quoted)
    if interrupted is not None:
        return interrupted
    return _adjacent_noun(cue, quoted) if cue.dep_ in ("ROOT", "parataxis", "ccomp", "compound") else None


def _interrupted_subject(verb: Token, quoted: QuotedText) -> Token | None:
    """ "Clinton, exasperated, famously responded", "Durbin, noting the size of his following, said":
    the parser hangs the subject on the participle or adjective set off between it and the finite
    verb; it is the verb's."""
    if verb.tag_ not in _FINITE:
        return None
    for child in verb.children:
        # a past participle may be tagged as a past tense ("Clinton, exasperated,"): then the whole
        # interruption is the one word between commas
        set_off = child.tag_ in ("VBN", "VBG", "JJ") or child.tag_ == "VBD" and child.dep_ == "parataxis" \
            and 0 < child.i < len(verb.doc) - 1 and verb.doc[child.i - 1].text == verb.doc[child.i + 1].text == ","
        if child.i < verb.i and child.dep_ in ("parataxis", "advcl") and set_off:
            subject = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
            if subject is not None and not quoted.inside(subject.idx) \
                    and any(t.text == "," for t in verb.doc[subject.i + 1:child.i]):
                return subject
    return None


def _adjacent_noun(verb: Token, quoted: QuotedText) -> Token | None:
    doc = verb.doc
    for i in (_word_before(verb), verb.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "NOUN", "PRON") and not quoted.inside(doc[i].idx) \
                and _in_paragraph(_text(doc), verb, [doc[i]]) and not _object_of_another_word(doc[i], verb) \
                and doc[i].ent_type_ not in ("DATE", "TIME"):  # '"...," he said Thursday'
            return doc[i]
    return None


def _word_before(verb: Token) -> int:
    """The index of the word before the cue, past auxiliaries, adverbs and a bracketed aside:
    "Donald Trump is once again questioning", "Rep. Elijah E. Cummings (D-Md.) said"."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and not doc[i].is_space:
        if doc[i].text == ")":
            while i >= 0 and doc[i].text != "(" and not doc[i].is_space:
                i -= 1
            i -= 1
        elif doc[i].pos_ in ("AUX", "ADV", "PART"):
            i -= 1
        elif doc[i].text == "," and i > 0 and doc[i - 1].dep_ == "appos":
            # "Flynn, a top Trump surrogate, said": past the apposition to the name it describes
            i = doc[i - 1].left_edge.i - 1
            if i >= 0 and doc[i].text == ",":
                i -= 1
            break
        else:
            break
    return i


def _object_of_another_word(token: Token, verb: Token) -> bool:
    """An object is no speaker; but a name right before a subjectless main verb is one the parse
    swallowed into a phrase ("... of the Washington Post Trump said that ...")."""
    if token.dep_ == "pobj" and verb.dep_ == "ROOT" and token.i == verb.i - 1 and token.pos_ == "PROPN":
        return False
    return token.dep_ in ("dobj", "pobj", "poss")


def _reported_tokens(verb: Token, cue: list[Token]) -> list[Token]:
    """The tokens of what the cue verb reports, from the parse alone."""
    out: list[Token] = []
    for word in cue[1:]:
        if word.dep_ == "prep":  # "called for new elections", "pointed to the polls"; not "commented on Monday"
            out.extend(t for c in word.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")
                       for t in c.subtree)
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS or (child.dep_ == "xcomp" and _takes_infinitive(verb, cue)):
            out.extend(child.subtree)
    if out:
        return out
    out = _misparsed_report(verb)
    if out:
        return out
    for t in verb.subtree:
        # "said at the time that ...": a that-clause misparsed as a relative clause of a noun after the cue
        if t.i > verb.i and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX") and t.head.i > t.i \
                and t.head.dep_ == "relcl" and any(c.dep_ in SUBJECTS and c.i > t.i for c in t.head.children):
            return list(t.head.subtree)
    if verb.lemma_.lower() in _words("speech_object_cues.txt"):
        out = _object_content(verb)
        if out:
            return out
    head = verb.head
    if (verb.lemma_.lower() in cue_words() and verb.dep_ in PARENTHETICAL_DEPS and head is not verb
            and head.pos_ in ("VERB", "AUX") and _set_off(verb)
            and (head.i < verb.i or verb.dep_ == "parataxis" or _as_clause(verb))):
        inside = set(t.i for t in verb.subtree)
        return _in_paragraph(_text(verb.doc), verb, [t for t in head.subtree if t.i not in inside])
    if verb.dep_ == "ROOT":
        # "The economy is doing well, he said": parsed with the cue as root and the clause as its dep
        for child in verb.children:
            if child.dep_ in ("parataxis",) and child.i < verb.i:
                return list(child.subtree)
    # a passive's object is its subject ("the plan was noted"): _passive_content takes it
    return [] if _passive_report(verb) else _said_object(verb, cue)


_ADVERBIAL_MARK_DEPS = ("mark",)
# "when" and "where" open adverbials as often as questions ("said when she resigned"): left out
_QUESTION_WORDS = ("whether", "how", "why", "what", "who")


def _misparsed_report(verb: Token) -> list[Token]:
    """A reported clause the parser hung on a verb of saying as an adverbial clause ("Trump said after
    the convention he would not accept ...", "Lawmakers have not said when they would ..."): a finite
    clause after the verb with a subject of its own and no conjunction before that subject; a phrase
    before the subject ("after the convention") tells when it was said, not what. A clause opened by
    "if", "because", "while" ... is a real adverbial and is left alone."""
    if verb.lemma_.lower() not in cue_words():
        return []
    for child in verb.children:
        if child.dep_ != "advcl" or child.i < verb.i:
            continue
        subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < child.i), None)
        if subject is None or any(c.dep_ in _ADVERBIAL_MARK_DEPS and c.i < child.i for c in child.children):
            continue
        if child.tag_ not in _FINITE and not any(c.dep_ == "aux" and c.tag_ in _FINITE + ("MD",) for c in child.children):
            continue
        # the subject, a question word or a phrase of time or place opens the clause, and no comma
        opening = [t for t in child.subtree if t.i < subject.left_edge.i]
        question = [t for t in opening if t.lower_ in _QUESTION_WORDS and t.head.i == child.i]
        phrases = [c for c in child.children if c.i < subject.i and c.dep_ in ("prep", "npadvmod")]
        if any(t.text == "," for t in verb.doc[verb.i + 1:child.i]) or \
                {t.i for t in opening} != {t.i for t in question} | {t.i for p in phrases for t in p.subtree}:
            continue
        start = min([t.i for t in question] or [subject.left_edge.i])
        return [t for t in child.subtree if t.i >= start]
    return []


def _object_content(verb: Token) -> list[Token]:
    """What a verb of judging reports through its object: the object with what the verb says of it
    ("shows Clinton with an 8-point lead", "accused her of lying", "called him a liar"). A relative
    word stands for the noun its clause hangs on ("allegations, which Mr. Ailes denies"); a bare
    pronoun with nothing said of it ("criticized him") reports nothing."""
    # an amount is a price, not a content ("charged a $100,000 initiation fee")
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd") and not _an_amount(c)]
    if verb.lemma_.lower() in _words("speech_evidence_cues.txt") and not _documentary(verb):
        return []
    said_of = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("dobj", "oprd")
               and (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS
                    # "shows Clinton ahead by five points": the word right after the object
                    or c.dep_ == "advmod" and objects and c.i == objects[-1].right_edge.i + 1
                    and c.ent_type_ not in ("DATE", "TIME"))
               and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children if o.dep_ == "pobj")]
    if not objects and not any(c.lower_ == "as" for c in said_of):
        return []
    out: list[Token] = []
    for obj in objects:
        if obj.lower_ in entity_lexicon.pronouns("relative") and verb.dep_ == "relcl":
            clause = {t.i for t in verb.subtree}
            out.extend(t for t in verb.head.subtree if t.i not in clause)
        else:
            out.extend(obj.subtree)
    out.extend(t for c in said_of for t in c.subtree)
    return [] if _only_pronouns(out) else out


def _an_amount(noun: Token) -> bool:
    """A noun phrase that names an amount of money or a quantity ("a $100,000 initiation fee")."""
    return any(t.ent_type_ in ("MONEY", "QUANTITY") for t in noun.doc[noun.left_edge.i:noun.i + 1])


def _documentary(verb: Token) -> bool:
    """Whether the subject of a verb of showing is a document, a count or a named organisation ("the
    poll", "polling", "the data", "RealClearPolitics"), the sources that show by an object."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return False
    heads = {subject.lemma_.lower(), subject.lower_}
    # a named organisation shows by an object too ("RealClearPolitics showing her ahead")
    return subject.ent_type_ == "ORG" or bool(heads & (_words("speech_source_nouns.txt") | _words("speech_count_nouns.txt")))


def _only_pronouns(tokens: list[Token]) -> bool:
    """Nothing but a pronoun or a relative word ("it", "him", "which", "what"): no content."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.pos_ == "PRON" or t.tag_ in ("WDT", "WP") for t in words)


# prepositions by which a verb of judging says something of its object: "described as ...",
# "blamed for ...", "accused of ...", "with an 8-point lead", "criticized over ...", "likened to ...",
# "ahead by five points"
_OBJECT_PREPS = ("as", "for", "of", "with", "over", "about", "against", "on", "to", "by")


def _said_object(verb: Token, cue: list[Token]) -> list[Token]:
    """A verb of saying with a noun object and no clause reports that object: "noted the rule",
    "claimed vast wealth", "reported the story"; not a verb whose object is the one spoken to
    ("told reporters", "urged Congress")."""
    lemma = verb.lemma_.lower()
    if len(cue) == 2 and cue[1].dep_ == "prt":  # "laid out her proposals"
        lemma = f"{lemma} {cue[1].lower_}"
    elif len(cue) > 1:
        return []
    if lemma not in cue_words() or lemma in _words("speech_addressee_cues.txt") \
            or lemma in _words("speech_cues_to.txt") or lemma in _words("speech_not_object_cues.txt"):
        return []
    if lemma in _words("speech_evidence_cues.txt") and not _documentary(verb):
        return []  # "he was showing me the route"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:  # "bragged about his wealth", "argued against the deal": the topic spoken of
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in _TOPIC_PREPS), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None or obj.ent_type_ in ("DATE", "TIME") or _an_amount(obj):
        return []  # "reported on Monday": when, not what; "charged a $100,000 fee": a price
    return list(obj.subtree)


# prepositions that name what was spoken of: "about", "against", "on", "of"
_TOPIC_PREPS = ("about", "against", "on", "of")


def _passive_report(verb: Token) -> bool:
    """A cue in the passive ("was criticized", "is expected to", "it was reported that") reports
    what was said with the source left unnamed or in a by-phrase; not the passive of a verb whose
    subject is then the one spoken to ("he was told", "she was asked to")."""
    lemma = verb.lemma_.lower()
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    return lemma not in _words("speech_addressee_cues.txt") and lemma not in _words("speech_cues_to.txt") \
        and lemma not in _words("speech_quote_cues.txt")


def _passive_content(verb: Token, content: list[Token]) -> list[Token]:
    """The content of a passive cue: its subject when that is what was said or judged ("the plan was
    criticized", "voters are expected to be ...") with the complements that say it (to-infinitive,
    "as ...", "for ..."); an expletive "it" leaves the that-clause alone ("it was reported that")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or (subject.lower_ == "it" and content):
        return content
    # the passive subject is the content only of a verb whose object is ("the plan was criticized")
    # or when a to-infinitive says it ("is expected to"); "the holiday was observed" reports nothing
    if verb.lemma_.lower() not in _words("speech_object_cues.txt") and not any(c.dep_ == "xcomp" for c in verb.children):
        return content
    if subject.lower_ in entity_lexicon.pronouns("relative") and verb.dep_ == "relcl":
        # "a remark ..., which was being stated as fact": the remark is what was stated
        clause = {t.i for t in verb.subtree}
        out = list(content) + [t for t in verb.head.subtree if t.i not in clause]
    else:
        out = list(content) + list(subject.subtree)
    for child in verb.children:
        if child.dep_ in ("xcomp", "oprd", "ccomp") or (child.dep_ == "prep" and child.lower_ in _PASSIVE_PREPS):
            out.extend(child.subtree)
    return out  # a token twice is harmless: _token_spans takes the set of indices


# prepositions that carry the rest of a passive report: "criticized for ...", "described as ...",
# "accused of ...", "charged with ..."
_PASSIVE_PREPS = ("as", "for", "of", "with")


def _as_clause(verb: Token) -> bool:
    """ "As one analyst pointed out, ...": the cue comes first, in a clause opened by "as"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _set_off(verb: Token) -> bool:
    """A parenthetical cue clause is set off by a comma, dash or quotation mark: "..., he said"."""
    first = next(t for t in verb.subtree if not t.is_punct and not t.is_space)
    return first.i > 0 and (first.nbor(-1).is_punct or first.nbor(-1).is_quote)


def _takes_infinitive(verb: Token, cue: list[Token]) -> bool:
    phrase = " ".join(t.lemma_.lower() if t is verb else t.lower_ for t in cue)
    return phrase in _words("speech_cues_to.txt")


def _according_to(doc: Doc, cue: list[Token], quotations: list[Quotation],
                  speakers: SpeakerResolver) -> Statement | None:
    according, to = cue
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = according.head if according.head is not according else according
    phrase = set(t.i for t in according.subtree) | {to.i}
    if head.pos_ in ("VERB", "AUX"):
        content_tokens = [t for t in head.subtree if t.i not in phrase]
    else:
        content_tokens = [t for t in according.sent if t.i not in phrase]
    spans = _token_spans(doc, content_tokens)
    spans = _with_quotations(_text(doc), spans, [according, to], quotations)
    if not spans:
        return None
    speaker_span, speaker = speakers.resolve(source, None) if source is not None else (None, None)
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, cue), speaker=speaker,
                     speaker_span=speaker_span, sentence=_sentence_span(doc, according.idx, according.idx + 1))


@cache
def _topic_nouns() -> dict[str, frozenset[str]]:
    return {noun.strip().lower(): frozenset(preps.split()) for noun, _, preps in
            (line.partition("\t") for line in lines("speech_topic_nouns.txt")) if preps.strip()}


def _topic_preposition(noun: Token) -> Token | None:
    """The preposition by which a noun of a speech act names what it is about ("attacks on Khan")."""
    preps = _topic_nouns().get(noun.lemma_.lower())
    if preps is None:
        return None
    return next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i), None)


def _topic_statement(doc: Doc, noun: Token, quotations: list[Quotation], speakers: SpeakerResolver) -> Statement | None:
    """ "Trump's attacks on Khan", "criticism of the bank from Warren", "Trump made comments about the
    shooting": the object of the preposition is what was said, when the text tells who said it and
    that is someone it names. "He faced questions about ..." (whose questions?) and "the attacks on
    Paris" (no one's words) report nothing."""
    prep = _topic_preposition(noun)
    what = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")),
                None) if prep is not None else None
    if what is None or _only_pronouns(list(what.subtree)):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _words("speech_act_verbs.txt"):
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if owner is None:
        return None
    speaker_span, speaker = speakers.resolve(owner, None)
    if speaker is None:
        return None
    text = _text(doc)
    spans = _with_quotations(text, _token_spans(doc, _in_paragraph(text, noun, list(what.subtree))), [noun, prep],
                             quotations)
    if not spans:
        return None
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, [noun, prep]), speaker=speaker,
                     speaker_span=speaker_span, sentence=_sentence_span(doc, noun.idx, noun.idx + 1))


def _speech_noun(doc: Doc, noun: Token, quotations: list[Quotation], speakers: SpeakerResolver) -> Statement | None:
    """ "Trump's claim that ...": the that-clause is the content, the possessor the speaker; failing a
    that-clause, what the noun is about ("Trump's attacks on Khan", see _topic_statement)."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                   and any(m.dep_ in SUBJECTS for m in c.children)), None)
    if clause is None:
        return _topic_statement(doc, noun, quotations, speakers)
    spans = _with_quotations(_text(doc), _token_spans(doc, list(clause.subtree)), [noun], quotations)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "warnings from his attorney that ..."
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if owner is None:  # "Trump claims that ...": a verb the tagger took for a plural noun
        owner = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if owner is None and noun.dep_ == "dobj":
        owner = next((c for c in noun.head.children if c.dep_ in SPEAKER_DEPS), None)
    if owner is None and noun.dep_ == "pobj" and noun.head.head is not noun.head:  # "persisted in arguments that"
        owner = next((c for c in noun.head.head.children if c.dep_ in SPEAKER_DEPS), None)
    speaker_span, speaker = speakers.resolve(owner, None) if owner is not None else (None, None)
    return Statement("", spans, INDIRECT, cue=_cue_spans(doc, [noun]), speaker=speaker, speaker_span=speaker_span,
                     sentence=_sentence_span(doc, noun.idx, noun.idx + 1))


# "WALLACE: Let's start ..." / "Pence: ..." — a paragraph opening with a speaker's name and a colon
_TURN = re.compile(r"^[ \t\"“]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(:)[ \t]+(\S.*)$", re.MULTILINE)
# '"..." ― Carla Sanchez' — a quotation signed with a dash and a name
_SIGNATURE = re.compile(r"[^\S\n]*([―—–])[^\S\n]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})")


def _transcript_turns(doc: Doc, quotations: list[Quotation], speakers: SpeakerResolver) -> list[Statement]:
    text, out = _text(doc), []
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
        if not in_capitals and (named is None or named[1].type != PERSON):
            continue
        content = [Span.of(text, match.start(3), _end_trimmed(text, match.start(3), match.end(3)))]
        if content[0].begin == content[0].end:
            continue
        out.append(Statement("", content, INDIRECT, cue=[Span.of(text, match.start(2), match.end(2))],
                             speaker=named[1].key if named else None, speaker_span=name,
                             sentence=Span.of(text, match.start(), match.end())))
    return out


def _signed_quotations(doc: Doc, quotations: list[Quotation], quoted: QuotedText,
                       speakers: SpeakerResolver) -> list[Statement]:
    text, out = _text(doc), []
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


def _end_trimmed(text: str, begin: int, end: int) -> int:
    while end > begin and (text[end - 1].isspace() or text[end - 1] in "\"”"):
        end -= 1
    return end


def _addressee(verb: Token, speakers: SpeakerResolver) -> tuple[Span | None, str | None]:
    if verb.lemma_.lower() not in _words("speech_addressee_cues.txt"):
        return None, None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return speakers.resolve(child, None, guess_pronouns=False)
    return None, None


# --- spans -----------------------------------------------------------------------------------

_EDGE_PUNCT = set(",.;:-–—()[]")


def _token_spans(doc: Doc, tokens: list[Token]) -> list[Span]:
    """Contiguous runs of ``tokens`` as spans, trimmed of punctuation and conjunctions at the edges."""
    if not tokens:
        return []
    ordered = sorted(set(t.i for t in tokens))
    runs: list[list[int]] = [[ordered[0]]]
    for i in ordered[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    toks = docindex.tokens(doc)
    for run in runs:
        words = [toks[i] for i in run]
        while words and (words[0].text in _EDGE_PUNCT or words[0].dep_ == "cc" and words[0].i == run[0]
                         or words[0].is_space):
            words = words[1:]
        while words and (words[-1].text in _EDGE_PUNCT or words[-1].is_space or words[-1].dep_ == "cc"):
            words = words[:-1]
        if words and any(w.is_alpha or w.is_digit for w in words):
            spans.append(Span.of(_text(doc), words[0].idx, words[-1].idx + len(words[-1])))
    return spans


def _with_quotations(text: str, spans: list[Span], clause: list[Token], quotations: list[Quotation]) -> list[Span]:
    """Whole quotations wherever the content touches one, plus those right before or after the clause."""
    words = [t for t in clause if not (t.is_space or t.is_punct)]
    # with no clause of its own to stand next to, only the quotations the content touches count
    clause_begin = min((t.idx for t in words), default=-1)
    clause_end = max((t.idx + len(t) for t in words), default=len(text) + 1)
    out = list(spans)
    for q in quotations:
        touches = any(p.overlaps(s) for p in q.parts for s in spans)
        # a gap of _MAX_GAP characters or more is never "only punctuation": test the length before
        # slicing what may be most of the article
        # a quotation closed by a full stop ends its sentence: the clause after it is a new one
        before = q.end <= clause_begin and clause_begin - q.end < _MAX_GAP \
            and _only_punctuation(text[q.end:clause_begin], newline_ok=False) and not _ends_sentence(text, q)
        # nor does a quotation after the cue clause's full stop belong to it ('... Obama. "..." he said')
        after = q.begin >= clause_end and q.begin - clause_end < _MAX_GAP \
            and _only_punctuation(text[clause_end:q.begin], newline_ok=":" in text[clause_end:q.begin]) \
            and not any(ch in ".?!" for ch in text[clause_end:q.begin])
        if touches or before or after:
            out = [s for s in out if not any(p.contains(s) for p in q.parts)]
            out.extend(q.parts)
    return _merged(text, out)


_MAX_GAP = 40


def _ends_sentence(text: str, q: Quotation) -> bool:
    """The quotation's words end with a full stop ('"We will win."'), not a comma, "!" or "?"."""
    words = text[q.parts[-1].begin:q.end].rstrip("\"”»’' \t")
    return words.endswith(".") and not words.endswith("..")


def _only_punctuation(gap: str, newline_ok: bool) -> bool:
    if "\n" in gap and not newline_ok:
        return False
    return len(gap) < _MAX_GAP and not any(ch.isalnum() for ch in gap)


def _merged(text: str, spans: list[Span]) -> list[Span]:
    """Overlapping spans joined into one; spans apart stay apart."""
    out: list[Span] = []
    for s in sorted(spans):
        if out and s.begin <= out[-1].end:
            out[-1] = Span.of(text, out[-1].begin, max(out[-1].end, s.end))
        else:
            out.append(s)
    return out


def _sentence_span(doc: Doc, begin: int, end: int) -> Span:
    first = doc.char_span(begin, begin + 1, alignment_mode="expand")
    last = doc.char_span(max(begin, end - 1), end, alignment_mode="expand")
    b = first[0].sent.start_char if first is not None and len(first) else begin
    e = last[-1].sent.end_char if last is not None and len(last) else end
    while e > b and _text(doc)[e - 1].isspace():
        e -= 1
    return Span.of(_text(doc), b, e)


# --- the set of statements -------------------------------------------------------------------


def _inside_content(s: Statement, other: Statement) -> bool:
    return any(c.contains(cue) for c in other.content for cue in s.cue)


def _without_nested(doc: Doc, found: list[tuple[Statement, str]], quoted: QuotedText) -> list[Statement]:
    """One statement per report: speech reported inside another's content is part of it, unless it
    is said with a verb of saying in a relative clause there ("attacked the candidates for accepting
    donations, which he said were ..."), or is a quotation inside reported words: those are reports
    of their own.

    When the outer cue is an outlet relaying ("..., Sana reported") the inner statement is the one
    kept, with the outlet as ``reported_by``.
    """
    relays = _words("speech_relay_cues.txt")
    drop: set[int] = set()
    text = _text(doc)
    for i, (inner, inner_lemma) in enumerate(found):
        if inner_lemma in cue_words() and inner_lemma not in _words("speech_belief_cues.txt") \
                and _in_relative_clause(doc, inner):
            continue
        # a quotation with its own cue ('"You winning?" she said') is a statement of its own, even
        # where another cue's reported clause runs over it
        direct = _mode(text, inner.content, quoted) == DIRECT
        for j, (outer, outer_lemma) in enumerate(found):
            if i == j or j in drop or not _inside_content(inner, outer):
                continue
            if direct and _mode(text, outer.content, quoted) == INDIRECT:
                continue
            # only speech relayed replaces the relay: in "they discussed trade, Sana reported" what
            # Sana reported is the statement, the discussing only its content
            if outer_lemma in relays and inner.speaker_span is not None and inner_lemma in cue_words():
                inner.reported_by = outer.speaker
                drop.add(j)
            else:
                drop.add(i)
                break
    unique: list[Statement] = []
    for k, (s, _) in enumerate(found):
        if k not in drop and not any(u.content == s.content for u in unique):
            unique.append(s)
    return unique


def _one_per_quotation(doc: Doc, found: list[Statement], quotations: list[Quotation]) -> list[Statement]:
    """Each quotation is the content of one statement, that of the cue nearest to it ('"...," he
    said, adding that ...': "said"; '..., saying, "..."': "saying"). The other claimants keep the
    rest of their content, or go when nothing is left."""
    text = _text(doc)
    for part in (p for q in quotations for p in q.parts):
        claimants = [st for st in found if any(c.contains(part) for c in st.content)]
        if len(claimants) < 2:
            continue
        owner = min(claimants, key=lambda st: _distance(part, st.cue))
        for st in claimants:
            if st is not owner:
                st.content = [r for c in st.content for r in _without_part(text, c, part)]
    return [st for st in found if st.content]


def _distance(part: Span, cue: list[Span]) -> int:
    """Characters between a quotation and the nearest word of a cue (a cue-less statement is far)."""
    return min((c.begin - part.end if c.begin >= part.end else max(0, part.begin - c.end) for c in cue),
               default=1 << 30)


def _without_part(text: str, span: Span, part: Span) -> list[Span]:
    """``span`` less the characters of ``part``, as the stretches left that hold a letter or digit,
    trimmed of white space and punctuation at their edges."""
    if not span.overlaps(part):
        return [span]
    out = []
    for begin, end in ((span.begin, part.begin), (part.end, span.end)):
        while begin < end and (text[begin].isspace() or text[begin] in _EDGE_PUNCT):
            begin += 1
        while end > begin and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
            end -= 1
        if end > begin and _ALNUM.search(text, begin, end):
            out.append(Span.of(text, begin, end))
    return out


_ALNUM = re.compile(r"[^\W_]")


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _in_relative_clause(doc: Doc, s: Statement) -> bool:
    cue = _token_at(doc, s.cue[0].begin) if s.cue else None
    return cue is not None and (cue.dep_ in ("relcl", "acl") or any(t.dep_ == "relcl" for t in cue.ancestors))


def _with_follow_on_quotations(text: str, found: list[Statement], quotations: list[Quotation],
                               quoted: QuotedText) -> list[Statement]:
    """A quotation following a statement's quotation in the same paragraph, with no cue of its own,
    continues it ('"We will win," he said. "We always do."')."""
    taken = [s for st in found for s in st.content]
    for q in quotations:
        if any(p.overlaps(s) for p in q.parts for s in taken):
            continue
        previous = [st for st in found if st.content and max(st.content).end <= q.begin]
        if not previous:
            continue
        st = max(previous, key=lambda st: max(st.content).end)
        gap = text[max(st.content).end:q.begin]
        last = max(st.content)
        # the content ends where a quotation does, whatever its marks
        closing = quoted.part_at(last.end - 1) if last.end > last.begin else None
        ends_quoted = closing is not None and closing.end == last.end
        if "\n" not in gap and ends_quoted and len(gap) < 200 and q.end - q.begin > 20:
            st.content = sorted(st.content + list(q.parts))
            taken.extend(q.parts)
    return found


def _mode(text: str, content: list[Span], quoted: QuotedText) -> str:
    inside, total = quoted.quoted_share(text, content)
    if total and inside == total:
        return DIRECT
    return MIXED if inside else INDIRECT



# --- speakers --------------------------------------------------------------------------------

# how far back (in characters) a "he said" looks for the person last reported speaking
_CARRY_OVER = 600
_MALE, _FEMALE = "m", "f"
# honorifics before a name that tell a person's sex: "Mr. Trump", "Mrs. Clinton"
_HONORIFIC_SEX = {"mr": _MALE, "mrs": _FEMALE, "ms": _FEMALE, "miss": _FEMALE}


def _speakers_carried_over(doc: Doc, statements: list[Statement], owners: Owners) -> None:
    """A "he said", "she said" or "the senator said" that coreference leaves open refers to the
    person last reported speaking, within a few paragraphs ('Turner said ... ''It is going to be
    progressives,'' she said'), unless that person is known to be of the other sex (from "Mr."/"Mrs."
    before a name of theirs or a given name, else from a "he"/"she" already resolved to them); then
    the one before. A description goes only to a speaker whose role it names ("the senator": Sen.
    Sanders). A pronoun that coreference resolved to a person of the other sex is redone this way."""
    text = _text(doc)
    sex = _sexes(text, statements, owners)
    ordered = sorted((s for s in statements if s.speaker_span is not None), key=lambda s: s.speaker_span.begin)
    for k, s in enumerate(ordered):
        if s.speaker is None and _document_again(doc, s, ordered[:k]):
            continue
        pronoun = _PRONOUN_SEX.get(s.speaker_span.text.lower())
        noun = None if pronoun is not None or s.speaker is not None else _definite_person(doc, s.speaker_span)
        if noun is None and (pronoun is None or s.speaker is not None and sex.get(s.speaker, pronoun) == pronoun):
            continue
        s.speaker = None
        candidates = []
        for before in reversed(ordered[:k]):
            if s.speaker_span.begin - before.speaker_span.end > _CARRY_OVER:
                break
            if before.speaker is not None and owners.type_of(before.speaker) == PERSON \
                    and (pronoun is None or sex.get(before.speaker, pronoun) == pronoun):
                candidates.append(before.speaker)
        if noun is not None:  # only one whose role has that word: "the senator" is not Mr. Trump
            candidates = [c for c in candidates if noun in _titles_of(text, owners, c)] \
                or _alone_in_sentence(doc, s.speaker_span, owners)
        elif not candidates:  # no one spoke just before: the person last named, known to be of that sex
            candidates = _named_before(s.speaker_span.begin, owners, sex, pronoun)
        s.speaker = candidates[0] if candidates else None


def _alone_in_sentence(doc: Doc, span: Span, owners: Owners) -> list[str]:
    """The one person named earlier in the sentence of ``span`` ("Though Trump was not willing to
    say ..., the front-runner did offer his opinion"), else nobody."""
    first = _token_at(doc, span.begin)
    if first is None:
        return []
    sentence = first.sent
    named = {e.key for b, e in owners.mentions
             if e.type == PERSON and sentence.start_char <= b.begin and b.end <= span.begin}
    return list(named) if len(named) == 1 else []


def _named_before(offset: int, owners: Owners, sex: dict[str, str], pronoun: str) -> list[str]:
    """The person named before ``offset`` within _NAMED_BEFORE characters, when the text tells their
    sex, it is the pronoun's, and no other person named there could be the one meant (of that sex or
    of a sex the text does not tell): two women named, then "she said", is a guess, so no one."""
    named = {e.key for span, e in owners.mentions
             if e.type == PERSON and span.end <= offset and offset - span.end <= _NAMED_BEFORE}
    fitting = [key for key in named if sex.get(key, pronoun) == pronoun]
    return fitting if len(fitting) == 1 and sex.get(fitting[0]) == pronoun else []


_NAMED_BEFORE = 400


def _document_again(doc: Doc, s: Statement, before: list[Statement]) -> bool:
    """ "The poll also found ...": a document named again speaks for whoever it did last time ("a
    new Quinnipiac poll shows ..."), within a few paragraphs. True when it was resolved so."""
    noun = _head_lemma(doc, s.speaker_span)
    if noun not in _words("speech_source_nouns.txt") or not s.speaker_span.text.lower().startswith(("the ", "this ")):
        return False
    for other in reversed(before):
        if s.speaker_span.begin - other.speaker_span.end > _CARRY_OVER:
            break
        if other.speaker is not None and _head_lemma(doc, other.speaker_span) == noun:
            s.speaker = other.speaker
            return True
    return False


def _head_lemma(doc: Doc, span: Span) -> str | None:
    """The noun a span names or modifies: "poll" for "The poll" and for "Quinnipiac University" of
    "a new Quinnipiac University poll"."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return None
    head = tokens.root
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    return head.lemma_.lower()


def _titles_of(text: str, owners: Owners, key: str) -> set[str]:
    """The title nouns the text gives a person: of their roles, and the word right before a name of
    theirs ("Sen. Sanders", "Governor Kasich")."""
    out = {w for r in owners.by_key[key].roles for w in r.title.lower().split()}
    abbreviations = entity_lexicon.pairs("speech_title_abbreviations.tsv")
    for span, e in owners.mentions:
        if e.key == key:
            before = text[max(0, span.begin - 16):span.begin].replace(".", " ").split()[-1:]
            if before:
                out.add(abbreviations.get(before[0].lower(), before[0].lower()))
    return out


def _definite_person(doc: Doc, span: Span) -> str | None:
    """The noun of a definite description of one person ("the senator", "the former governor",
    "the billionaire businessman"), else None."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2 or len(tokens) > 4 or tokens[0].lower_ != "the":
        return None
    head = tokens.root
    if head.tag_ != "NN" or any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in tokens):
        return None
    noun = head.lemma_.lower()
    if head.i > 1 and head.nbor(-1).text == "-":  # "front-runner" comes in three tokens
        noun = f"{head.nbor(-2).lower_}-{noun}"
    return noun if noun in _words("speech_actor_nouns.txt") or noun in entity_lexicon.title_words() else None


_PRONOUN_SEX = {"he": _MALE, "him": _MALE, "she": _FEMALE, "her": _FEMALE}


def _sexes(text: str, statements: list[Statement], owners: Owners) -> dict[str, str]:
    """Entity key → "m" or "f" where the text tells: an honorific before a name of theirs or a given
    name (lexicon/speech_given_names.tsv), else the pronouns already resolved to them; evidence that
    contradicts itself tells nothing."""
    titled: dict[str, set[str]] = {}
    given = entity_lexicon.pairs("speech_given_names.tsv")
    for span, e in owners.mentions:
        if e.type == PERSON:
            word = text[max(0, span.begin - 6):span.begin].rstrip(". ").rsplit(None, 1)[-1:]
            if word and word[0].lower() in _HONORIFIC_SEX:
                titled.setdefault(e.key, set()).add(_HONORIFIC_SEX[word[0].lower()])
    for e in owners.entities:
        words = e.name.split()
        # a given name before a surname ("Hillary Clinton"); a lone "Clinton" tells nothing
        if e.type == PERSON and len(words) > 1 and words[0].lower() in given:
            titled.setdefault(e.key, set()).add(given[words[0].lower()])
    called: dict[str, set[str]] = {}
    for s in statements:
        if s.speaker is not None and s.speaker_span is not None and s.speaker_span.text.lower() in _PRONOUN_SEX:
            called.setdefault(s.speaker, set()).add(_PRONOUN_SEX[s.speaker_span.text.lower()])
    out = {key: next(iter(v)) for key, v in called.items() if len(v) == 1}
    out.update({key: next(iter(v)) for key, v in titled.items() if len(v) == 1})
    return out


def speaker_entities(doc: Doc, statements: list[Statement], entities: list[Entity],
                     owners: Owners | None = None) -> list[Entity]:
    """Entities for the speakers the text describes without naming ("party officials", "a senior
    aide", "Mrs. Clinton's campaign", "his lawyers", "22 percent of Republicans", "voters who
    said"), so that what they said has a speaker; the same words in one article are one entity,
    never shared across articles (``local``). The statements get their keys; the new entities are
    returned. A definite singular description of a person ("the senator") stands for someone named
    elsewhere and is left alone, and so are documents, bare quantities and pronouns ("the poll",
    "22 percent", "they")."""
    owners = owners_of(doc, entities, owners)
    local = LocalEntities(entities, {e.name.lower(): e for e in entities if e.local})
    for s in statements:
        if s.speaker is not None or s.speaker_span is None:
            continue
        described = _description(doc, s.speaker_span, owners)
        if described is None:
            continue
        name, etype, span = described
        s.speaker = local.mention(name, span, f"{s.key}-speaker", etype).key
    new = local.new
    _groups_carried_over(statements, {e.key for e in new} | {e.key for e in entities if e.local},
                         {e.key for e in entities + new if e.type == ORGANISATION})
    return new


# how far back (in characters) a "they said" or "it said" looks for the group last reported speaking
_GROUP_CARRY_OVER = 300


def _groups_carried_over(statements: list[Statement], groups: set[str], organisations: set[str]) -> None:
    """A "they said" that coreference leaves open refers to the group or organisation reported
    speaking just before ('Party officials said ... They added ...'), an "it said" to the
    organisation."""
    ordered = sorted((s for s in statements if s.speaker_span is not None), key=lambda s: s.speaker_span.begin)
    for k, s in enumerate(ordered):
        word = s.speaker_span.text.lower()
        if s.speaker is not None or word not in ("they", "it"):
            continue
        fits = groups | organisations if word == "they" else organisations
        for before in reversed(ordered[:k]):
            if s.speaker_span.begin - before.speaker_span.end > _GROUP_CARRY_OVER:
                break
            if before.speaker in fits:
                s.speaker = before.speaker
                break


def _description(doc: Doc, span: Span, owners: Owners) -> tuple[str, str, Span] | None:
    """(name, type, the span describing it) of an actor described by ``span``, or None."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return None
    head, text = tokens.root, _text(doc)
    if len(tokens) == 1 and head.lower_ in entity_lexicon.pronouns("relative"):
        antecedent = _antecedent(head.head) if head.head is not head else None
        if antecedent is None or antecedent.pos_ not in ("NOUN", "PROPN"):
            return None  # "voters who said ...": the voters
        chunk = next((c for c in doc.noun_chunks if c.start <= antecedent.i < c.end), None)
        if chunk is None:
            return None
        found = _description(doc, Span.of(text, chunk.start_char, chunk.end_char), owners)
        return found if found is None or found[2].end <= span.begin else None
    of = _of_whom(head)
    if of is not None:  # "22 percent of Republicans", "three-quarters of the voters"
        described = _description(doc, Span.of(text, of[0].idx, of[-1].idx + len(of[-1])), owners)
        end = of[-1].idx + len(of[-1])
        return (text[span.begin:end], described[1], Span.of(text, span.begin, end)) if described else None
    words = [t for t in tokens if not t.is_punct]
    if head.pos_ not in ("NOUN", "PROPN") or not words:
        return None
    kind = _actor_kind(head)
    if kind is None:
        return None
    first = words[0]
    if kind == PERSON and head.tag_ not in ("NNS", "NNPS") and first.lower_ in ("the", "this", "that") \
            and len(words) <= 3:
        return None  # "the senator", "the former governor": someone named elsewhere
    if first.tag_ == "PRP$":  # "his lawyers": named after whom they belong to, when that is clear
        owner = owners.by_key.get(_coreferent(doc, first, owners) or "")
        if owner is None or len(words) < 2:
            return None
        return f"{owner.name}'s {text[words[1].idx:span.end]}", kind, span
    if first.lower_ in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return text[words[0].idx:span.end], kind, span


def _actor_kind(noun: Token) -> str | None:
    """PERSON or ORGANISATION when the noun describes people or an organisation, else None."""
    forms = {noun.lemma_.lower(), noun.lower_, noun.lower_.removesuffix("s")}
    if forms & (_words("speech_organisation_nouns.txt") | entity_lexicon.organisation_heads()):
        return ORGANISATION
    if forms & (_words("speech_actor_nouns.txt") | _words("speech_share_nouns.txt")):
        return PERSON
    # people of a country, in the plural: "Americans say", "many Saudis believe"
    return PERSON if noun.tag_ in ("NNS", "NNPS") and entity_lexicon.country_of_demonym(noun.text) else None


def _of_whom(quantity: Token) -> list[Token] | None:
    """The tokens of "of <people>" after a quantity ("22 percent of Republicans"), else None."""
    if quantity.pos_ not in ("NOUN", "NUM", "PRON", "DET", "ADJ") or _actor_kind(quantity) is not None:
        return None
    of = next((c for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if people is None or people.pos_ not in ("NOUN", "PROPN") or _actor_kind(people) is None:
        return None
    return [t for t in people.subtree if t.i >= people.left_edge.i]


class SpeakerResolver:
    """Finds, for the head word of a subject, the span naming the source here and its entity."""

    def __init__(self, doc: Doc, owners: Owners):
        self.doc = doc
        self.owners = owners
        self._chunks: dict | None = None

    @property
    def chunks(self) -> dict:
        """Noun chunk of each token, made the first time one is needed (few articles need any)."""
        if self._chunks is None:
            self._chunks = {i: chunk for chunk in self.doc.noun_chunks for i in range(chunk.start, chunk.end)}
        return self._chunks

    def mention_at(self, token: Token) -> tuple[Span, Entity] | None:
        named = self.owners.named(token.i)
        return (named[1], named[0]) if named is not None else None

    def mention_in(self, span: Span) -> tuple[Span, Entity] | None:
        """The longest entity mention inside ``span``."""
        inside = [(m, e) for m, e in self.owners.mentions if span.contains(m)]
        return max(inside, key=lambda pair: pair[0].end - pair[0].begin) if inside else None

    def named_beside(self, head: Token) -> tuple[Span, Entity] | None:
        """The person or organisation an apposition names for a description: "Dow's chief executive,
        Andrew Liveris," and "his wife, longtime Hillary Clinton aide Huma Abedin," name Liveris and
        Abedin. Of the names in the apposition, the one holding its head, else the last one."""
        for appos in (c for c in head.children if c.dep_ == "appos"):
            named = [self.mention_at(t) for t in appos.subtree]
            named = [n for n in named if n is not None and n[1].type in (PERSON, ORGANISATION)]
            if named:
                return next((n for n in named if n[0].begin <= appos.idx < n[0].end), named[-1])
        return None

    def named_before(self, description: Token) -> tuple[Span, Entity] | None:
        """The entity a description stands in apposition to: "Murray Clark, a former
        state GOP chair who ..." and "China and the United States, the world's two biggest polluters,
        which ..." describe names given before them (the first of coordinated names)."""
        if description.dep_ != "appos" or description.head is description:
            return None
        return self.mention_at(description.head)

    def resolve(self, head: Token, verb: Token | None, guess_pronouns: bool = True) -> tuple[Span | None, str | None]:
        text = _text(self.doc)
        own = Span.of(text, head.idx, head.idx + len(head))
        found = self.mention_at(head) or self.named_beside(head)
        if found is not None:
            return found[0], found[1].key
        if head.pos_ == "PRON":
            if head.lower_ in entity_lexicon.pronouns("relative"):
                antecedent = _antecedent(verb) if verb is not None else None
                named = self.mention_at(antecedent) or self.named_beside(antecedent) or self.named_before(antecedent) \
                    if antecedent is not None else None
                if named is None and antecedent is not None and antecedent.pos_ in ("PRON", "NOUN") and guess_pronouns:
                    # "he, who said ...", "the Wisconsin Republican, who had pledged ..."
                    return own, _coreferent(self.doc, antecedent, self.owners)
                return own, (named[1].key if named else None)
            if not guess_pronouns:
                return own, None
            return own, _coreferent(self.doc, head, self.owners)
        # "Syria's Sana news agency": the agency is the organisation named in it; but "former CIA
        # officers" are people, not the CIA
        for t in head.subtree if _actor_kind(head) != PERSON else ():
            if t.i < head.i and t.dep_ == "compound":
                named = self.mention_at(t)
                if named is not None and named[1].type == ORGANISATION:
                    return named[0], named[1].key
        chunk = self.chunks.get(head.i)
        if chunk is not None and verb is not None and chunk.start <= verb.i < chunk.end:
            chunk = None  # "Said Ellis:" parsed as one noun phrase
        span = Span.of(text, chunk.start_char, chunk.end_char) if chunk is not None else own
        return span, _coreferent(self.doc, head, self.owners)


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on, for a cue in that clause or in a clause it governs
    ("Trump, who has repeatedly pledged ...", "the nominee, who began his speech by marveling ...")."""
    t = verb
    for _ in range(4):
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep", "ccomp") or t.head is t:
            return None
        t = t.head
    return None


def _coreferent(doc: Doc, token: Token, owners: Owners) -> str | None:
    """The entity a pronoun or nominal ("the minister") refers to, when coreference can tell."""
    return resolve_reference(doc, token.i, owners.entities, owners)
