"""Statements: what was said, the tokens a cue reports and their character spans, widened to the
quotations they touch."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kg.model import Span
from kg.nlp import docindex, entity_lexicon
from kg.nlp.quotes import Quotation
from kg.nlp.statements.cues import judged_as
from kg.nlp.statements.words import (
    article_text,
    CONTENT_DEPS,
    cue_verbs,
    cue_words,
    document_nouns,
    FINITE,
    PARENTHETICAL_DEPS,
    SUBJECTS,
    word_list,
)


def in_paragraph(text: str, token: Token, tokens: list[Token]) -> list[Token]:
    """The tokens in the cue's own paragraph: a parse that runs over a line break is wrong there."""
    begin = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    return [t for t in tokens if begin <= t.idx < end]


def reported_tokens(verb: Token, cue: list[Token]) -> list[Token]:
    """The tokens of what the cue verb reports, from the parse alone."""
    # "identified X as one of the reasons that ...": the object and its "as" phrase; and "because he
    # sees Cruz as a uniter": not the clause the parser hung on the cue
    if judged_as(verb):
        out = _object_content(verb)
        if out:
            return out
    out: list[Token] = []
    for word in cue[1:]:
        if word.dep_ == "prep":  # "called for new elections", "pointed to the polls"; not "commented on Monday"
            out.extend(t for c in word.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")
                       for t in c.subtree)
            out.extend(_rest_of_prepositional_object(verb, word, out))
    # "— he reported earning $132 million": a gerund complement after the cue is what was said,
    # not a clause before it
    gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i), None)
    if gerund is not None and verb.lemma_.lower() in cue_verbs() and len(cue) == 1 \
            and not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return list(gerund.subtree)
    aside = interrupting_participle(verb)
    for child in verb.children:
        if aside is not None and child.i == aside.i:
            continue  # "Trump, asked about the wall, said ...": the aside is not what he said
        if child.dep_ in CONTENT_DEPS and (_found_state(verb, child) or _clause_before_unreported(verb, child)):
            continue
        if child.dep_ in CONTENT_DEPS or (child.dep_ == "xcomp" and _takes_infinitive(verb, cue)):
            out.extend(_urged_object(verb, child))
            out.extend(child.subtree)
    dashed = quotation_between_dashes(verb)
    if dashed:
        return dashed
    if out:
        return out + coordinated_complements(verb, out) + around_medial_cue(verb)
    out = around_medial_cue(verb)
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
    if verb.lemma_.lower() in word_list("speech_object_cues.txt"):
        out = _object_content(verb)
        if out:
            return out
    head = verb.head
    fronted = {t.i for t in fronted_subject(verb, head)} if verb.dep_ == "parataxis" else set()
    # a phrasal cue counts whole: "As one adviser pointed out, ..."
    if ((verb.lemma_.lower() in cue_words() or _cue_phrase_text(verb, cue) in cue_words())
            and verb.dep_ in PARENTHETICAL_DEPS and head is not verb
            and participle_head(verb) is None and not second_cue(verb) and not _not_a_frame(verb)
            and head.pos_ in ("VERB", "AUX") and (_set_off(verb, fronted) or _as_clause(verb))
            and (head.i < verb.i or verb.dep_ == "parataxis" or _as_clause(verb))):
        inside = set(t.i for t in verb.subtree) - fronted
        return in_paragraph(article_text(verb.doc), verb, [t for t in head.subtree if t.i not in inside])
    if verb.dep_ == "ROOT":
        # "The economy is doing well, he said": parsed with the cue as root and the clause as its dep
        for child in verb.children:
            if child.dep_ in ("parataxis",) and child.i < verb.i:
                return list(child.subtree)
    # a passive's object is its subject ("the plan was noted"): passive_content takes it
    return [] if passive_report(verb) else _said_object(verb, cue)


def _rest_of_prepositional_object(verb: Token, prep: Token, said: list[Token]) -> list[Token]:
    """What the parser hung on the verb of a prepositional cue that belongs to its object: an object
    coordinated with it ("pointing to a big victory in Mississippi and the fact that she ...") and an
    "as" phrase saying what it is taken for ("point to technology ... as potential guideposts")."""
    if not said:
        return []
    out: list[Token] = []
    end = max(t.i for t in said)
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i <= prep.i or child.left_edge.i <= end or child.is_punct or child.dep_ == "cc":
            continue
        between = verb.doc[end + 1:child.left_edge.i]
        # (the "and" may hang on the prepositional object, as the last of its words)
        # (a noun "coordinated" with the verb is one with the object: a verb joins no noun)
        coordinated = (child.dep_ == "dobj" or child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")) \
            and _joined_by_conjunction([*between, verb.doc[end]])
        taken_as = child.dep_ == "prep" and child.lower_ == "as"
        if not (coordinated or taken_as) or not _only_joining_words(between):
            break
        out += list(between) + list(child.subtree)
        end = child.right_edge.i
    return out


def quotation_between_dashes(verb: Token) -> list[Token]:
    """The quotation a cue follows when both are set off by dashes inside a sentence of the
    journalist's ("Mr. Bush praised his brother's ''faith'' - ''faith that reveals itself through
    good works,'' he said - and argued for ..."): what the cue reports is the quotation alone, not
    the sentence the parser hung it in."""
    bounds = _dashed_aside(verb)
    return list(verb.doc[bounds[0] + 1:bounds[1]]) if bounds is not None else []


def _dashed_aside(verb: Token) -> tuple[int, int, int] | None:
    """(the opening dash, the first word of the cue's own words, the closing dash) of a quotation
    and its cue set off by dashes (see quotation_between_dashes), else None."""
    doc = verb.doc
    own = {t.i for c in verb.children if c.dep_ in ("nsubj", "advmod", "npadvmod") for t in c.subtree} | {verb.i}
    begin, after = min(own), max(own) + 1
    if after >= len(doc) or not _is_dash(doc[after]) or any(i not in own for i in range(begin, after)):
        return None
    closing = begin - 1
    if closing < 1 or not (doc[closing].is_quote or doc[closing].text == "''"):
        return None
    dash = next((t for t in reversed(doc[verb.sent.start:closing]) if _is_dash(t)), None)
    if dash is None or dash.i + 1 >= closing or not (doc[dash.i + 1].is_quote or doc[dash.i + 1].text in ("''", "``")):
        return None
    return dash.i, begin, after


def _is_dash(token: Token) -> bool:
    """A dash, or a hyphen standing alone between spaces (" - "), as some papers set a dash."""
    return token.text in _DASHES or token.text == "-" and bool(token.whitespace_) and token.i > 0 \
        and bool(token.doc[token.i - 1].whitespace_)


_FRONTED_DEPS = ("ccomp", "advcl", "parataxis")
_RESUMED_DEPS = ("conj", "advcl", "ccomp", "parataxis")
_CUE_ADJUNCT_DEPS = ("prep", "npadvmod", "advmod", "punct")


def around_medial_cue(verb: Token) -> list[Token]:
    """What a cue set off by commas in the middle of the sentence it reports says, when the parser
    made the cue the root: the clause before it and the one after it ("The middle fifth paid 8.9
    percent, the agency said in a June report, and those in the bottom fifth paid 0.8 percent";
    "Though the transition was seamless, he said, replacing Clinton would be acrimonious"). The
    part after must hold a clause with a subject of its own ("..., he said, and left" does not),
    and the cue's own words (its subject, when and where) stand alone between the commas."""
    if verb.dep_ != "ROOT" or verb.lemma_.lower() not in cue_words() or verb.tag_ not in FINITE:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    doc = verb.doc
    begin = min(subject.left_edge.i, verb.i)
    comma = next((c for c in verb.children if c.i > verb.i and c.text == ","), None)
    if begin <= verb.sent.start + 1 or doc[begin - 1].text != "," or comma is None:
        return []
    if any(c.dep_ not in _CUE_ADJUNCT_DEPS for c in verb.children if verb.i < c.i < comma.i and c is not subject):
        return []
    fronted = [c for c in verb.children if c.dep_ in _FRONTED_DEPS and c.right_edge.i < begin]
    if len(fronted) != 1 or not any(c.dep_ in SUBJECTS + ("expl",) for c in fronted[0].children):
        return []
    # a subordinate clause before the cue ("Though the transition was seamless, ...") wants its
    # main clause after it, whatever the parser made of it; a whole clause before the cue is
    # continued only by a clause coordinated with it ("..., and those in the bottom fifth paid");
    # a clause of time or manner after the cue ("..., as they bristled at ...", "..., referencing
    # ...") tells how it was said
    subordinate = fronted[0].dep_ == "advcl" and any(c.dep_ == "mark" for c in fronted[0].children)
    if fronted[0].dep_ == "advcl" and not subordinate:
        return []
    resumed = [c for c in verb.children if c.left_edge.i > comma.i and not second_cue(c) and _has_own_clause(c)
               and (c.dep_ in _RESUMED_DEPS if subordinate else c.dep_ == "conj" and c.tag_ not in ("VBG", "VBN"))]
    # a quotation after the cue is the speaker's words; a clause before it then is the journalist's
    # ("Although the administration doesn't track opt-out rates, Lopez-Cantera said, “I support ...”")
    if not resumed or doc[resumed[0].left_edge.i].is_quote or doc[comma.i + 1].is_quote:
        return []
    out = [t for c in fronted for t in c.subtree]
    out += [t for t in doc[comma.i + 1:resumed[0].left_edge.i] if t.dep_ == "cc"]
    return out + [t for c in resumed for t in c.subtree]


def _has_own_clause(clause: Token) -> bool:
    """Whether a clause holds a verb with a subject of its own ("until it went bankrupt", "and those
    in the bottom fifth paid"), not a predicate of the cue's subject ("and left")."""
    return any(t.dep_ in SUBJECTS + ("expl",) and t.head.pos_ in ("VERB", "AUX") for t in clause.subtree)


def coordinated_complements(verb: Token, reported: list[Token]) -> list[Token]:
    """The rest of a reported clause that the parser coordinated with the cue verb instead of with
    the clause: a second that-clause ("said that X, and that Y"), a bare infinitive (a finite cue
    cannot be coordinated with one: "wants to triple X, grow Y and create Z"), or a predicate with
    a modal the cue lacks ("says it would depress revenue, but would eventually add $84 billion"),
    both with no subject of their own (a verb of saying too: "would say more later" is said). A
    predicate in the cue's own form ("said X and left") is the speaker's act: left out."""
    ids = {t.i for t in reported}
    heads = [c for c in verb.children if c.i in ids and c.dep_ in CONTENT_DEPS + ("xcomp",)]
    if not heads or verb.tag_ not in FINITE or _has_modal(verb):
        return []
    out: list[Token] = []
    end = max(ids)
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.left_edge.i > end):
        if "\n" in verb.doc[end:conj.i].text or not _continues(conj, heads) or _declines(conj):
            break
        between = verb.doc[end + 1:conj.left_edge.i]
        if not all(t.is_punct or t.dep_ == "cc" for t in between):
            break
        out.extend(between)
        out.extend(_up_to_new_clause(conj))
        end = conj.right_edge.i
    return out


def _up_to_new_clause(conj: Token) -> list[Token]:
    """A coordinated predicate's words, up to a further conjunct that opens a clause of its own (a
    subject of its own or a verb of saying: "to enact reform, fix the system and he pledged a
    revolution and said that ..."): that one and what follows are no longer the first report."""
    stop = next((c for c in conj.subtree if c.dep_ == "conj" and c.i > conj.i and (
        c.lemma_.lower() in cue_verbs() or any(d.dep_ in SUBJECTS for d in c.children))), None)
    if stop is None:
        return list(conj.subtree)
    return [t for t in conj.subtree if t.i < stop.left_edge.i and not (t.dep_ == "cc" and t.i == stop.left_edge.i - 1)]


def _continues(conj: Token, heads: list[Token]) -> bool:
    """Whether a predicate coordinated with the cue verb continues one of its reported clauses
    (see coordinated_complements)."""
    own_subject = any(c.dep_ in SUBJECTS + ("expl",) for c in conj.children)
    if _marked_that(conj):
        return any(_marked_that(h) for h in heads)
    if own_subject:
        return False
    auxiliaries = [c for c in conj.children if c.dep_ in ("aux", "auxpass")]
    if conj.tag_ == "VB" and not auxiliaries:
        return any(h.dep_ == "xcomp" or _has_modal(h) for h in heads)
    # a modal after a past or modal reported clause: the reported speech's "will", backshifted
    return _has_modal(conj) and any(_has_modal(h) or h.tag_ == "VBD" for h in heads)


def _declines(conj: Token) -> bool:
    """ "but would not comment further": a negated verb of saying is the speaker's refusal."""
    return conj.lemma_.lower() in cue_verbs() and any(c.dep_ == "neg" for c in conj.children)


def _marked_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _speakers_own_act(clause: Token, conj: Token) -> bool:
    """ "said he would resign and left the room", "vowed not to repeat that mistake and established
    a policy": a finite verb with no subject nor auxiliary of its own cannot be coordinated with an
    infinitive or a modal predicate; the parser hung on the reported clause what the speaker did."""
    if conj.dep_ != "conj" or conj.head.i != clause.i:
        return False
    if conj.tag_ not in ("VBD", "VBZ"):
        return False
    # only a conjunction coordinates ("... for the off-chance a health emergency forces her out":
    # a clause the parser joined without one is inside the reported one)
    if not any(c.dep_ == "cc" and c.i == conj.left_edge.i - 1 for c in clause.children):
        return False
    if any(c.dep_ in SUBJECTS + ("expl", "aux", "auxpass") for c in conj.children):
        return False
    # a verb of saying cut off would be a statement of its own, and the speaker finder would give
    # it the reported clause's subject ("said the country would ... and suggested that ...")
    if conj.lemma_.lower() in cue_verbs():
        return False
    return clause.tag_ == "VB" and (clause.dep_ == "xcomp" or _has_modal(clause))


def fronted_subject(verb: Token, head: Token) -> list[Token]:
    """The subject of the reported clause when the parser hung it on the parenthetical cue before
    it ("Evaluating the candidates on national polls, Stevens said, “is like looking at someone's
    bowling average”"): the clause after the cue has a finite verb and no subject of its own, and
    a gerund or noun phrase opens the sentence before the cue's subject."""
    if head.i < verb.i or head.tag_ not in FINITE or any(c.dep_ in SUBJECTS + ("expl",) for c in head.children):
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i:
        return []
    fronted = [c for c in verb.children if c.right_edge.i < subject.left_edge.i
               and (c.tag_ == "VBG" and c.dep_ in ("advcl", "csubj") or c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("npadvmod", "dep"))]
    if len(fronted) != 1 or fronted[0].left_edge.i != verb.sent.start:
        return []
    return list(fronted[0].subtree)


def _found_state(verb: Token, clause: Token) -> bool:
    """ "John Kerry found himself playing defense": a verb of finding or showing
    (speech_evidence_cues.txt) with a clause whose subject is reflexive tells what someone came
    upon, not a finding reported ("not everyone finds that pitch compelling" still is one)."""
    if verb.lemma_.lower() not in word_list("speech_evidence_cues.txt") or _documentary(verb):
        return False
    return any(c.dep_ in SUBJECTS and c.lower_.endswith(("self", "selves")) for c in clause.children)


def interrupting_participle(verb: Token) -> Token | None:
    """The participle set off beside a subject of the finite cue that the parser took for the cue's
    complement clause with the subject as its own: in "Trump, asked about the wall, said ..." and
    '"...," said Ben Carson, asked about his claims' "asked" hangs on "said" as a ccomp with the
    speaker as its subject. A passive participle takes no object and no auxiliary, and a comma sets
    it off; else None."""
    if verb.tag_ not in FINITE or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    doc = verb.doc
    for child in verb.children:
        if child.dep_ != "ccomp" or child.tag_ not in ("VBD", "VBN") or child.i == 0 or doc[child.i - 1].text != ",":
            continue
        if any(c.dep_ in ("dobj", "aux", "auxpass") for c in child.children):
            continue
        subject = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
        if subject is None:
            continue
        if child.i < verb.i and doc[verb.i - 1].text == "," or child.i > verb.i and subject.left_edge.i == verb.i + 1:
            return child
    return None


def participle_head(verb: Token) -> Token | None:
    """ "Sen. Durbin, noting the size of his following, said, ...": the parser makes the participle
    the root and the cue its parataxis; the participle with its subject is no reported clause, and
    its subject is the cue's. The participle (no auxiliary, its subject before it, a comma before
    the cue), else None."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "conj") or head.i >= verb.i or head.tag_ != "VBG" or verb.tag_ not in FINITE \
            or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None  # "the economy is growing, he said": a finite clause
    return head if any(c.dep_ == "nsubj" and c.i < head.i for c in head.children) else None


def perfect_read_as_passive(verb: Token) -> bool:
    """ "he's said the same thing": the parser reads the "'s" of "has" as a passive "is"; a
    personal subject and an object or a clause tell the perfect ("it's said that ..." stays a
    passive)."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children) \
        and any(c.dep_ == "nsubjpass" and c.lower_ in ("he", "she", "they", "we", "i", "you") for c in verb.children) \
        and any(c.dep_ in ("dobj", "ccomp") for c in verb.children)


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
        if child.tag_ not in FINITE and not any(c.dep_ == "aux" and c.tag_ in FINITE + ("MD",) for c in child.children):
            continue
        # the subject, a question word or a phrase of time or place opens the clause, and no comma
        opening = [t for t in child.subtree if t.i < subject.left_edge.i]
        # "tweeted in the early hours that Machado was ...": the parser may take the "that" opening
        # the reported clause for an adverb of it (not a mark: "so that" stays an adverbial)
        question = [t for t in opening if (t.lower_ in _QUESTION_WORDS or t.lower_ == "that" and t.dep_ == "advmod")
                    and t.head.i == child.i]
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
    objects = [c for c in verb.children if (c.dep_ in ("dobj", "oprd") or _name_read_as_modifier(verb, c))
               and not _an_amount(c)]
    if verb.lemma_.lower() in word_list("speech_evidence_cues.txt") and not _documentary(verb):
        return []
    said_of = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("dobj", "oprd")
               and (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS
                    # what an "X as Y" judgement takes its object for is the "as" phrase alone
                    and not (c.lower_ != "as" and verb.lemma_.lower() in word_list("speech_as_cues.txt"))
                    # "shows Clinton ahead by five points": the word right after the object
                    or c.dep_ == "advmod" and objects and c.i == objects[-1].right_edge.i + 1
                    and c.ent_type_ not in ("DATE", "TIME"))
               and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children if o.dep_ == "pobj")]
    if not objects and not any(c.lower_ == "as" for c in said_of):
        return []
    if verb.lemma_.lower() in word_list("speech_predicate_object_cues.txt") and _called_up(objects, said_of):
        return []  # "called Sanders to congratulate him": a phone call, nothing said of Sanders
    out: list[Token] = []
    for obj in objects:
        if obj.lower_ in entity_lexicon.pronouns("relative") and verb.dep_ == "relcl":
            clause = {t.i for t in verb.subtree}
            out.extend(t for t in verb.head.subtree if t.i not in clause)
        elif verb.dep_ == "relcl" and any(c.tag_ == "WP$" for c in obj.children):
            # "Mr. Trump, whose dynamism he admired": Mr. Trump's dynamism, not "whose dynamism"
            clause = {t.i for t in verb.subtree}
            out.extend(t for t in verb.head.subtree if t.i not in clause)
            out.extend(t for t in obj.subtree if t.tag_ != "WP$")
        else:
            # a phrase of time ends only the object that ends the content ("announced his candidacy in
            # June 2015"); "called his remarks on Saturday “a wake-up call”" keeps its day
            last = not said_of and obj.i == max(o.i for o in objects)
            out.extend(without_time_adjunct(obj) if last else obj.subtree)
            out.extend(_name_rest(verb, obj))
    out.extend(t for c in said_of for t in c.subtree)
    return [] if only_pronouns(out) else without_asides(out)


def _name_read_as_modifier(verb: Token, word: Token) -> bool:
    """ "compared Trump to a coach": a name right after the verb that the parser hung on it as a
    noun-phrase adverbial is its object (a date there, "said Monday", is when)."""
    return word.dep_ == "npadvmod" and word.pos_ == "PROPN" and word.i == verb.i + 1 \
        and word.ent_type_ not in ("DATE", "TIME")


def _name_rest(verb: Token, obj: Token) -> list[Token]:
    """The rest of a name the parser split off the object ("backed Texas Senator Ted Cruz": "Texas"
    the object, "Senator Ted Cruz" another dependent of the verb right after it)."""
    if obj.pos_ != "PROPN":
        return []
    after = obj.right_edge.i + 1
    rest = next((c for c in verb.children if c.pos_ == "PROPN" and c.left_edge.i == after
                 and c.dep_ in ("npadvmod", "appos", "dobj", "dep")), None)
    return list(rest.subtree) if rest is not None else []


def _called_up(objects: list[Token], said_of: list[Token]) -> bool:
    """Whether a verb of naming ("call") is used of reaching someone, not of what it calls them: no
    predicate ("a liar", "ridiculous", "as ..."), and a purpose infinitive ("called Sanders to
    congratulate him") or only a name or pronoun for its object ("called Putin on Monday");
    "called Mexican immigrants rapists" (a predicate the parser took for the object) still reports."""
    if any(c.dep_ == "oprd" for c in objects) or any(c.lower_ == "as" for c in said_of):
        return False
    if any(c.dep_ == "xcomp" for c in said_of):
        return True
    return bool(objects) and all(o.pos_ in ("PROPN", "PRON") for o in objects)


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
    return subject.ent_type_ == "ORG" or bool(heads & (word_list("speech_source_nouns.txt") | word_list("speech_count_nouns.txt")))


def only_pronouns(tokens: list[Token]) -> bool:
    """Nothing but a pronoun or a relative word ("it", "him", "which", "what"), or a bare "do" that
    stands for a verb phrase said before ("something many Republicans had urged him to do", "asked
    her to do so"): no content."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return any(_stands_for_something_said(t) for t in words) \
        and all(_stands_for_something_said(t) or t.lower_ in ("to", "so") for t in words)


def _stands_for_something_said(word: Token) -> bool:
    """A pronoun, a relative word or a pro-verb "do": a word that stands for what was said elsewhere."""
    return word.pos_ == "PRON" or word.tag_ in ("WDT", "WP") or word.lemma_.lower() == "do" and word.pos_ in ("VERB", "AUX")


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
    if lemma not in cue_words() or lemma in word_list("speech_addressee_cues.txt") \
            or lemma in word_list("speech_cues_to.txt") or lemma in word_list("speech_not_object_cues.txt"):
        return []
    if lemma in word_list("speech_evidence_cues.txt") and not _documentary(verb):
        return []  # "he was showing me the route"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:  # "bragged about his wealth", "argued against the deal": the topic spoken of
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in _TOPIC_PREPS), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if obj is not None and prep.lower_ == "on" and obj.pos_ == "PROPN" \
                and verb.lemma_.lower() in word_list("speech_medium_verbs.txt"):
            return []  # "wrote on Twitter", "posted on Facebook": where it was put out, not what
    if obj is None or obj.ent_type_ in ("DATE", "TIME") or _an_amount(obj):
        return []  # "reported on Monday": when, not what; "charged a $100,000 fee": a price
    if obj.lemma_.lower() in document_nouns() and any(
            c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > obj.i and c.lemma_.lower() in cue_verbs() for c in verb.children):
        return []  # "wrote a letter to Mr. Castro asking that ...": the participle says what the letter did
    said = without_time_adjunct(obj) + _name_rest(verb, obj)
    return without_asides(said + _nouns_joined_to_verb(verb, said))


def _nouns_joined_to_verb(verb: Token, said: list[Token]) -> list[Token]:
    """A noun the parser coordinated with the verb after its object ("emphasizing economic fairness,
    and a need to raise the minimum wage"): a verb joins no noun; it is the object's conjunct."""
    if not said:
        return []
    end = max(t.i for t in said)
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.i > end), None)
    if conj is None or conj.pos_ not in ("NOUN", "PROPN"):
        return []
    between = verb.doc[end + 1:conj.left_edge.i]
    if not _joined_by_conjunction(between) or not _only_joining_words(between):
        return []
    return list(between) + list(conj.subtree)


def _joined_by_conjunction(words: Iterable[Token]) -> bool:
    return any(t.dep_ == "cc" for t in words)


def _only_joining_words(words: Iterable[Token]) -> bool:
    """Nothing but commas and conjunctions between two conjuncts."""
    return all(t.is_punct or t.dep_ == "cc" for t in words)


_TIME_PREPS = ("in", "on", "at", "during")


def without_time_adjunct(obj: Token) -> list[Token]:
    """The object's words less a phrase of time the parser hung on it ("announced his candidacy in
    June 2015": when he announced it, not what he announced)."""
    cut = {t.i for c in obj.children if c.dep_ == "prep" and c.lower_ in _TIME_PREPS and c.i > obj.i
           and c.right_edge.i == obj.right_edge.i and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children) for t in c.subtree}
    return [t for t in obj.subtree if t.i not in cut]


# prepositions that name what was spoken of: "about", "against", "on", "of"
_TOPIC_PREPS = ("about", "against", "on", "of")


def passive_report(verb: Token) -> bool:
    """A cue in the passive ("was criticized", "is expected to", "it was reported that") reports
    what was said with the source left unnamed or in a by-phrase; not the passive of a verb whose
    subject is then the one spoken to ("he was told", "she was asked to")."""
    lemma = verb.lemma_.lower()
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or perfect_read_as_passive(verb):
        return False
    return lemma not in word_list("speech_addressee_cues.txt") and lemma not in word_list("speech_cues_to.txt") \
        and lemma not in word_list("speech_quote_cues.txt")


def passive_content(verb: Token, content: list[Token]) -> list[Token]:
    """The content of a passive cue: its subject when that is what was said or judged ("the plan was
    criticized", "voters are expected to be ...") with the complements that say it (to-infinitive,
    "as ...", "for ..."); an expletive "it" leaves the that-clause alone ("it was reported that")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or (subject.lower_ == "it" and content):
        return content
    # the passive subject is the content only of a verb whose object is ("the plan was criticized")
    # or when a to-infinitive, a judged predicate or a by-phrase naming who said it goes with it ("is
    # expected to", "is seen as a loophole", "was first reported by the Dispatch"); "the holiday was
    # observed" reports nothing
    said_of = any(c.dep_ in ("xcomp", "agent") for c in verb.children) or judged_as(verb)
    if verb.lemma_.lower() not in word_list("speech_object_cues.txt") and not said_of:
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
    return out  # a token twice is harmless: token_spans takes the set of indices


# prepositions that carry the rest of a passive report: "criticized for ...", "described as ...",
# "accused of ...", "charged with ..."
_PASSIVE_PREPS = ("as", "for", "of", "with")


def _clause_before_unreported(verb: Token, clause: Token) -> bool:
    """A clause the parser hung before the cue that the cue does not report: one a semicolon or a
    colon ends ("there was no real disagreement; he and Brafman had said the same thing"), one of an
    earlier sentence or paragraph (a full stop or a line break between: the parse ran over the
    sentence end), or any before a cue with an object of its own that is not the one spoken to
    ("said the same thing")."""
    if clause.i > verb.i or clause.right_edge.i + 1 >= verb.i:
        return False
    if verb.doc[clause.right_edge.i + 1].text in (";", ":"):
        return True
    if any(t.text == "." or "\n" in t.text for t in verb.doc[clause.right_edge.i + 1:verb.i]):
        return True
    return _own_object(verb)


def _own_object(verb: Token) -> bool:
    """A common noun object after the cue that is not the one spoken to ("told reporters", "wrote
    Linick") nor the words themselves ("as she put it"), and that no comma sets off ("said during the
    interview in Macau, the world's largest gambling hub": an apposition the parser hung on it)."""
    return verb.lemma_.lower() not in word_list("speech_addressee_cues.txt") and any(
        c.dep_ == "dobj" and c.i > verb.i and c.pos_ == "NOUN"
        and not any(t.is_punct for t in verb.doc[verb.i + 1:c.left_edge.i]) for c in verb.children)


def _not_a_frame(verb: Token) -> bool:
    """A cue that cannot frame the clause it hangs on as "..., officials said" does: one with an object
    of its own (see _own_object: "...; he and Brafman had basically said the same thing"), one in a
    clause
    opened by a conjunction other than "as" ("It stabilized, once the report was revealed to be a
    hoax": the report's revealing is when, not who says it stabilized), or a conjoined predicate with
    no subject of its own and no quotation before it ("Mr. Trump, it turned out, knew their voters":
    the knowing is Trump's act, the clause before it no report of his; in '"We were wrong," Ramos, 58,
    told AFP' the parser split the speaker off the cue of a quotation)."""
    if _own_object(verb):
        return True
    if verb.dep_ == "advcl":  # "once ...", "after ...", and "when ..." (which the parser may make an adverb)
        return any((c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB") and c.lower_ != "as" and c.i < verb.i
                   for c in verb.children)
    return verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS + ("expl",) for c in verb.children) \
        and not any(t.is_quote for t in verb.head.subtree if t.i < verb.i)


def _as_clause(verb: Token) -> bool:
    """ "As one analyst pointed out, ...": the cue comes first, in a clause opened by "as"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _set_off(verb: Token, fronted: set[int] = frozenset()) -> bool:
    """A parenthetical cue clause is set off by a comma, dash or quotation mark: "..., he said"
    (``fronted``: words the parser hung on the cue that belong to the clause it reports)."""
    first = next(t for t in verb.subtree if not t.is_punct and not t.is_space and t.i not in fronted)
    return first.i > 0 and (first.nbor(-1).is_punct or first.nbor(-1).is_quote)


def _cue_phrase_text(verb: Token, cue: list[Token]) -> str:
    """The cue as its word list writes it: the verb's lemma, its particle or preposition as is."""
    return " ".join(t.lemma_.lower() if t is verb else t.lower_ for t in cue)


def _urged_object(verb: Token, clause: Token) -> list[Token]:
    """The one urged, told or asked to do something, right before the infinitive ("urged Republicans
    to join the ranks of believers"): the infinitive is said of them, and the two are the content
    together, as "called on Obama to retaliate" has it."""
    if clause.dep_ != "xcomp" or clause.tag_ != "VB":
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i:
        return []
    return list(obj.subtree)


def _takes_infinitive(verb: Token, cue: list[Token]) -> bool:
    return _cue_phrase_text(verb, cue) in word_list("speech_cues_to.txt")


# a colon, the end of its paragraph, and the next paragraph opening with words, not a quotation mark
_BLOCK_AFTER_COLON = re.compile(r"[^\S\n]*\n\s*(?=[^\s\"“”‘’'«»<])")


def block_quotation(text: str, verb: Token) -> Span | None:
    """The paragraph a cue introduces with a colon ending its own paragraph ('Limbaugh added:' and
    then the words he added): news set a long quotation off as a block, without quotation marks.

    Only for the verbs of saying of speech_block_quote_cues.txt, and only the first paragraph of the
    block: where the block ends is not marked, and the first paragraph is surely his."""
    if verb.lemma_.lower() not in word_list("speech_block_quote_cues.txt"):
        return None
    # the parser may run the sentence on into the next paragraph: the cue's own paragraph decides
    words = in_paragraph(text, verb, [t for t in verb.subtree if not t.is_space])
    if not words or words[-1].text != ":":
        return None
    after = _BLOCK_AFTER_COLON.match(text, words[-1].idx + 1)
    if after is None:
        return None
    begin = after.end()
    newline = text.find("\n", begin)
    end = end_trimmed(text, begin, len(text) if newline < 0 else newline)
    return Span.of(text, begin, end) if end > begin else None


def end_trimmed(text: str, begin: int, end: int) -> int:
    while end > begin and (text[end - 1].isspace() or text[end - 1] in "\"”"):
        end -= 1
    return end


EDGE_PUNCT = set(",.;:-–—()[]")


def without_full_stop(text: str, begin: int, end: int) -> int:
    """The end of a headline's words less the full stop that closes them ("Poll: Clinton and
    Trump in dead heat."): the mark is the headline's, not the source's words. An ellipsis stays."""
    if end - begin > 1 and text[end - 1] == "." and text[end - 2] != ".":
        return end_trimmed(text, begin, end - 1)
    return end


def token_spans(doc: Doc, tokens: list[Token]) -> list[Span]:
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
        while words and (words[0].text in EDGE_PUNCT or words[0].dep_ == "cc" and words[0].i == run[0]
                         or words[0].is_space):
            words = words[1:]
        while words and (words[-1].text in EDGE_PUNCT or words[-1].is_space or words[-1].dep_ == "cc") \
                and not _closes_bracket(words):
            words = words[:-1]
        if words and any(w.is_alpha or w.is_digit for w in words):
            spans.append(Span.of(article_text(doc), words[0].idx, words[-1].idx + len(words[-1])))
    return spans


def _closes_bracket(words: list[Token]) -> bool:
    """The last word closes a bracket opened inside the words ("Rep. Don Beyer (D-Va.)"): kept."""
    return words[-1].text == ")" and sum(w.text == "(" for w in words) > sum(w.text == ")" for w in words[:-1])


def with_quotations(text: str, spans: list[Span], clause: list[Token], quotations: list[Quotation]) -> list[Span]:
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


def sentence_span(doc: Doc, begin: int, end: int) -> Span:
    first = doc.char_span(begin, begin + 1, alignment_mode="expand")
    last = doc.char_span(max(begin, end - 1), end, alignment_mode="expand")
    b = first[0].sent.start_char if first is not None and len(first) else begin
    e = last[-1].sent.end_char if last is not None and len(last) else end
    while e > b and article_text(doc)[e - 1].isspace():
        e -= 1
    return Span.of(article_text(doc), b, e)


ALNUM = re.compile(r"[^\W_]")


def token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def second_cue(token: Token) -> bool:
    """A participle of saying set off by a comma inside another report ("said Clinton will have to
    choose, saying, “...”", "..., adding that ..."): the same speaker's next statement, not part of
    what the first cue reports."""
    return token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp") and token.i > 0 \
        and token.doc[token.i - 1].text == "," and token.lemma_.lower() in cue_words() \
        and not any(c.dep_ in SUBJECTS for c in token.children) or coordinated_report(token) is not None


def coordinated_report(token: Token) -> Token | None:
    """The cue whose reported clause the parser coordinated a verb of saying with ("said he would
    order a review of the defenses and warned against hackers", "promised to continue supporting
    Clinton and said she would ..."): the verb has no subject of its own, a conjunction before it,
    and the tense of that cue, which the reported clause has not; it is the speaker's next
    statement. The cue, else None."""
    clause = token.head
    if token.dep_ != "conj" or token.pos_ != "VERB" or token.lemma_.lower() not in cue_verbs() \
            or clause.dep_ not in ("ccomp", "xcomp") or token.i < clause.i:
        return None
    cue = clause.head
    if cue.pos_ != "VERB" or cue.lemma_.lower() not in cue_verbs() or token.tag_ != cue.tag_ \
            or token.tag_ not in FINITE or clause.tag_ == token.tag_ and not _has_modal(clause) \
            and not _own_complement_clause(token):
        return None
    if any(c.dep_ in SUBJECTS + ("expl", "aux", "auxpass") for c in token.children):
        return None
    # after a perfect ("had shared it and added his own comment") the verb may share the "had": a
    # past and a participle look alike
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children):
        return None
    if not any(c.dep_ == "cc" and c.i == token.left_edge.i - 1 for c in clause.children):
        return None
    return cue


def _own_complement_clause(verb: Token) -> bool:
    """A verb of saying with a complement clause of its own, subject and all ("told ABC the tone was
    cordial, and predicted viewers will be uncomfortable"): a report of its own even in the tense of
    the clause before it."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(d.dep_ in SUBJECTS for d in c.children)
               for c in verb.children)


def coordinated_cue(token: Token) -> bool:
    """A verb of saying coordinated with a noun ("rails against its “Great Wall” and pledges to stand
    firm"): the parser joined the second predicate to the object; it is a report of its own."""
    if token.dep_ != "conj" or token.head.pos_ not in ("NOUN", "PROPN") or token.i < 1:
        return False
    if not any(c.dep_ == "cc" and c.i == token.i - 1 for c in token.head.children):
        return False
    verb_like = token.pos_ == "VERB" or token.tag_ == "NNS" and token.lower_.endswith("s")
    return verb_like and token.lemma_.lower() in cue_verbs()


def without_later_reports(verb: Token, tokens: list[Token]) -> list[Token]:
    """``tokens`` (what ``verb`` reports) less the second cues in them and what those report, and
    less the "and" before a coordinated one."""
    cut: set[int] = set()
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS + ("xcomp",)]
    for t in tokens:
        if t.i > verb.i and t.i not in cut and (second_cue(t) or coordinated_cue(t)
                                                or any(_speakers_own_act(c, t) for c in clauses)):
            cut |= {s.i for s in t.subtree}
            cut |= {c.i for c in t.head.children if c.dep_ == "cc" and c.i == t.i - 1}
        elif t.i > verb.i and t.i not in cut and t.lower_ != verb.lower_ and t.lemma_.lower() in cue_words():
            aside = _dashed_aside(t)  # '... - ''He would have loved Stalin,'' Mr. Biden said - ...'
            if aside is not None and aside[0] > verb.i:
                cut |= set(range(aside[0], aside[2] + 1))
    return [t for t in tokens if t.i not in cut] if cut else tokens


_DASHES = ("—", "–", "--", "―")
# words that open a subordinate clause of time, cause or concession ("When Francis said ...,")
_SUBORDINATORS = ("when", "after", "before", "once", "while", "because", "since", "until", "although", "though")


def without_main_clause(verb: Token, tokens: list[Token]) -> list[Token]:
    """What was said less the sentence's main clause, where the parser made a cue in a clause opened
    by "when", "after", "because" ... the root and hung the main clause inside its complement ("When
    Francis said Mr. Trump ''is not Christian'' in answering a question, the pope not only served up
    red meat ..."): the words from the comma before a clause with a subject of its own, outside
    quotation marks, are the journalist's."""
    if verb.dep_ != "ROOT" or not tokens or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS and c.i < verb.i
            and c.i == verb.left_edge.i for c in verb.children):
        return tokens
    doc = verb.doc
    ids = {t.i for t in tokens}
    for t in sorted(tokens, key=lambda t: t.i):
        comma = t.left_edge.i - 1
        if t.i < verb.i or t.pos_ not in ("VERB", "AUX") or comma not in ids or doc[comma].text != "," \
                or not any(c.dep_ in SUBJECTS + ("expl",) for c in t.children):
            continue
        if sum(doc[i].is_quote for i in ids if i < comma) % 2:
            continue  # a comma inside the quoted words
        return [s for s in tokens if s.i < comma]
    return tokens


def without_trailing_aside(tokens: list[Token]) -> list[Token]:
    """What was said less the journalist's aside at its end: a noun phrase set off by a dash ("said
    he was “encouraged” by the plan — a modest boost for Obama since 2009, when ..."), and a
    relative clause or a description of a name set off by a comma ("said he expects Clinton to
    recover from pneumonia, which forced her to leave a memorial early"; "said he did not support
    Mr. Trump, the presumed Putin favorite"): they tell the reader about a thing or person the
    speaker named. Words in quotation marks are the speaker's, whatever their form: kept."""
    if not tokens:
        return tokens
    ids = {t.i for t in tokens}
    last = max(ids)
    for t in tokens:
        if t.left_edge.i == 0 or t.right_edge.i < last - 1 or t.left_edge.i - 1 not in ids:
            continue
        before = t.doc[t.left_edge.i - 1].text
        if before in _DASHES and t.dep_ == "appos" or before == "," and _comma_aside(t, tokens):
            cut = {s.i for s in t.subtree} | {t.left_edge.i - 1}
            return [s for s in tokens if s.i not in cut]
    return tokens


def without_opening_connective(tokens: list[Token]) -> list[Token]:
    """What was said less the words that open its sentence and tie it to the journalist's text
    before: a connective set off by a comma ("However, ...", "In addition, ...":
    speech_connectives.txt) and a dateline ("WASHINGTON ― ..."). Words inside quotation marks are
    the speaker's: kept."""
    words = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    if not words or words[0].i != words[0].sent.start and not words[0].doc[words[0].i - 1].is_space:
        return tokens
    ids = {t.i for t in words}
    doc = words[0].doc
    for end in range(words[0].i, min(words[0].i + 6, len(doc))):
        if end not in ids or doc[end].is_quote:
            return tokens
        mark = doc[end].text
        opening = doc[words[0].i:end]
        if mark == "," and opening.text.lower() in word_list("speech_connectives.txt") \
                or _is_dash(doc[end]) and len(opening) and all(t.is_upper or t.is_punct for t in opening) \
                and any(len(t) > 2 for t in opening):
            return [t for t in tokens if t.i > end]
    return tokens


def _comma_aside(t: Token, tokens: list[Token]) -> bool:
    """A non-restrictive relative clause ("..., which ...", "..., who ...") or an appositive of a
    name ("Mr. Trump, the presumed Putin favorite"), after a comma, outside any quotation of the
    content (its marks before the comma are closed, and none is in the aside)."""
    if any(s.is_quote for s in t.subtree) or sum(s.is_quote and s.i < t.left_edge.i for s in tokens) % 2:
        return False
    if t.dep_ == "relcl":
        return t.left_edge.tag_ in ("WDT", "WP", "WP$") and t.head.pos_ in ("NOUN", "PROPN")
    if _trailing_participle(t):
        return True
    # a list the parser read as an appositive ("differ on Israel, the Iranian nuclear deal and the
    # possibility of ...") or a clause it hung there ("Doral, the candidate boasted of ...") is no aside
    listed = any(c.dep_ == "conj" and any(d.dep_ in ("det", "poss") for d in c.children)
                 or c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") for c in t.children)
    # a description opens with an article or a name's possessive ("the presumed Putin favorite",
    # "Rubio's home"); "Mr. Trump, his family members and advisers" is a list
    described = any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") or c.dep_ == "poss" and c.pos_ != "PRON"
                    for c in t.children)
    return t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.pos_ in ("NOUN", "ADJ") and described and not listed


def demonstrative_clause(according: Token) -> bool:
    """ "That's according to early exit polls": the clause "according to" hangs on is a bare "that"
    or "this" with a copula, a word standing for what the sentence before said."""
    head = according.head if according.head is not according else according
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    copula = _copula(head) or any(c.dep_ == "aux" and _copula(c) for c in head.children)
    return subject is not None and subject.lower_ in ("that", "this") and subject.tag_ == "DT" \
        and not list(subject.children) and copula


def _copula(word: Token) -> bool:
    # the lemmatiser leaves a curly "’s" as "’"
    return word.lemma_.lower() == "be" or word.lower_ in ("'s", "’s") and word.tag_ == "VBZ"


def previous_sentence(token: Token) -> list[Token]:
    """The words of the sentence before ``token``'s (in the paragraph before, when a paragraph
    opens with it), when it is a whole sentence: a finite verb, a full stop or closing mark at its
    end; else none (a headline, the start of the article). Nor one with a cue of its own ("Smith
    said ... . That's according to a transcript."): that report already has its source."""
    doc = token.doc
    i = token.sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return []
    sentence = [t for t in doc[i].sent if not t.is_space]
    ends = sentence and sentence[-1].text[-1:] in ".!?”\"'"
    finite = any(t.tag_ in FINITE for t in sentence)
    reported = any(t.lemma_.lower() in cue_words() or t.lower_ == "according" for t in sentence)
    return sentence if ends and finite and not reported else []


def _trailing_participle(t: Token) -> bool:
    """A participle clause set off by a comma at the end of what was said, with no subject of its
    own ("shows that he had his hands up, contradicting the police's account", "said the rule was
    unfair, focusing on people under 30"): it tells what the report or its speaker did, or what the
    journalist makes of it, not what was said. "including ..." lists part of a noun: kept."""
    return t.dep_ in ("advcl", "xcomp") and t.tag_ == "VBG" and t.left_edge.i == t.i \
        and t.lower_ not in _LISTING_PARTICIPLES and not any(c.dep_ in SUBJECTS for c in t.children)


# participles that open a list of part of what a noun covers, not a clause of their own
_LISTING_PARTICIPLES = ("including", "excluding", "involving", "regarding", "concerning", "following")


def enclosing_cue(token: Token) -> Token | None:
    """The cue verb whose reported clause holds the second cue ``token`` ("said X, saying ..."):
    its subject is who says the second thing too."""
    coordinated = coordinated_report(token)
    if coordinated is not None:
        return coordinated
    outer, crossed = None, False
    for a in token.ancestors:
        if crossed and a.pos_ == "VERB" and a.lemma_.lower() in cue_verbs():
            outer = a  # "forced to defend not paying an architect who said ..., saying, “...”": the
            break      # participle after a relative clause belongs to the clause the relative hangs in
        if a.dep_ == "relcl":
            crossed = True
        elif not crossed and a.dep_ == "ccomp" and a.head.pos_ == "VERB" and a.head.lemma_.lower() in cue_words():
            outer = a.head
            break
    if outer is None:
        return None
    if outer.i > token.i:
        # "Trump welcomed the news, saying ..., CNN reported": a parenthetical cue after the
        # participle reports the clause it hangs in, whose own subject says it
        return None
    # a parse that runs over a sentence or a line is wrong there
    same = outer.sent.start == token.sent.start and "\n" not in token.doc[outer.i:token.i].text
    return outer if same else None


_TITLE_WORD = re.compile(r"[\w$’'&.-]+")
_MAX_TITLE_WORDS = 8


def title_quotation(text: str, quotation: Quotation) -> bool:
    """A name or title in quotation marks ("the “Fight for $15” movement", a book “Who’s Who in the
    CIA”): one short part, every word capitalised (or a number, or a small word of
    speech_title_small_words.txt), not all in capitals (a shouted headline) and no sentence end
    inside. Such marks quote no one's words."""
    if len(quotation.parts) != 1:
        return False
    inner = text[quotation.parts[0].begin:quotation.parts[0].end].strip("\"“”'‘’`«» \t,")
    words = _TITLE_WORD.findall(inner)
    if not 0 < len(words) <= _MAX_TITLE_WORDS or any(ch in inner for ch in "!?;:") or inner.endswith("."):
        return False
    letters = [ch for ch in inner if ch.isalpha()]
    if not letters or all(ch.isupper() for ch in letters) or not (words[0][0].isupper() or words[0][0] in "$" or words[0][0].isdigit()):
        return False
    small = word_list("speech_title_small_words.txt")
    return all(w[0].isupper() or w[0].isdigit() or w[0] == "$" or w.lower() in small for w in words)


@docindex.per_doc
def title_quotations(doc: Doc) -> tuple[Quotation, ...]:
    """The article's quotations that are names or titles (:func:`title_quotation`)."""
    text = docindex.text(doc)
    return tuple(q for q in docindex.quotations(doc) if title_quotation(text, q))


def without_asides(tokens: list[Token]) -> list[Token]:
    """An object's content less the journalist's relative clauses set off by a comma after a name
    ("referring to his daughter Ivanka, who converted to Judaism ..."): they describe the person,
    they are not what was said of them."""
    cut: set[int] = set()
    for t in tokens:
        if t.dep_ == "relcl" and t.head.pos_ == "PROPN" and t.i not in cut:
            first = t.left_edge
            if first.i > 0 and t.doc[first.i - 1].text == "," and first.tag_ in ("WP", "WP$", "WDT"):
                cut |= {s.i for s in t.subtree} | {first.i - 1}
    return [t for t in tokens if t.i not in cut] if cut else tokens
