"""Statements: who spoke, the subject of a cue resolved to the entity it names (apposition,
coreference, carry-over from the statements before), and entities for described speakers."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from kg.model import Entity, ORGANISATION, PERSON, Span, Statement
from kg.nlp import docindex, entity_lexicon
from kg.nlp.coref import resolve as resolve_reference
from kg.nlp.local_entities import LocalEntities
from kg.nlp.owners import Owners, owners_of
from kg.nlp.quotes import QuotedText
from kg.nlp.statements.content import (
    in_paragraph,
    interrupting_participle,
    participle_head,
    perfect_read_as_passive,
    token_at,
)
from kg.nlp.statements.words import article_text, cue_verbs, document_nouns, FINITE, SPEAKER_DEPS, SUBJECTS, word_list


def names_someone(subject: Token, speakers: SpeakerResolver) -> bool:
    """A subject that names a person, an organisation or a document: a name, a pronoun, a
    description of people, "the letter"."""
    return speakers.mention_at(subject) is not None or subject.pos_ in ("PROPN", "PRON") \
        or actor_kind(subject) is not None or subject.lemma_.lower() in word_list("speech_source_nouns.txt")


def _past_dateline(subject: Token) -> Token:
    """ "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told ...": the parser made
    the dateline opening the paragraph (a word in capitals) the subject, and the one who speaks its
    apposition after it."""
    before = article_text(subject.doc)[:subject.idx].rstrip(" \t")
    if not subject.text.isupper() or len(subject.text) < 2 or before and not before.endswith("\n"):
        return subject
    # not the agency in brackets ("(UPI)"): the apposition after the dash
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i
                 and "(" not in (c.left_edge.text, subject.doc[c.left_edge.i - 1].text)), subject)


def subject_of(verb: Token, quoted: QuotedText) -> Token | None:
    """The subject of a cue verb, climbing from "saying"/"adding" or a conjoined verb to its head.

    A subject inside a quotation is a misparse of '"We will win," the chief said': then the noun
    right before or after the cue, outside the quotation, is the speaker.
    """
    cue = verb
    if (verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.dep_ == "advcl" and verb.i < verb.head.i
            and not any(c.dep_ in SUBJECTS for c in verb.children)) and verb.dep_ in ("advcl", "acl", "amod", "relcl") \
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        # "Asked about the bomb, Clinton said ...": the one asked is not who asked (a fronted verb
        # with no subject of its own is a participle, whatever its tag)
        return None
    sender = _sender(verb)
    if sender is not None:
        return sender
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and not quoted.inside(verb.head.idx):
        return verb.head  # "footage of Hillary Clinton asking, '...'": the one it shows asking
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and before is not None and before.pos_ == "PROPN" \
            and (before.dep_ == "dobj" or before.dep_ == "pobj" and before.head.lower_ == "of") \
            and not quoted.inside(before.idx):
        # (not the one written to: in "sent a letter to Mr. Castro asking that ..." the sender asks)
        return before  # the same, parsed as the complement of "uses": "uses footage of Clinton asking"
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "agent":  # "was announced by the ministry"
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        # of two subjects the parser gave one verb ("An argument between those who fear ... (''...,''
        # Monica Crowley wrote ...) and ..."), the one nearest it is its own
        for child in sorted(verb.children, key=lambda c: (c.dep_ not in SPEAKER_DEPS, abs(c.i - verb.i))):
            if child.dep_ in SPEAKER_DEPS:
                # a dash or a bracket parsed as the subject ("... made public ― Trump boasted") is none
                if not quoted.inside(child.idx) and in_paragraph(article_text(verb.doc), cue, [child]) \
                        and any(ch.isalnum() for ch in child.text):
                    return _past_dateline(child)
                return _adjacent_noun(cue, quoted) or _subject_of_earlier_conjunct(cue, quoted)
            if child.dep_ == "nsubjpass":
                # "he was told" is no speaker, but "she was whisked off after saying ..." is, and so
                # is the subject of a perfect read as a passive ("he's said the same thing")
                return child if (verb is not cue or perfect_read_as_passive(cue) or _feeling_passive(cue, child)) \
                    and not quoted.inside(child.idx) else None
        if verb.dep_ == "advcl" and verb.tag_ in FINITE and _finite(verb.head) and verb.i > 0 \
                and verb.nbor(-1).pos_ in ("NOUN", "PROPN", "PRON"):
            # a finite adverbial clause of a finite clause right after a noun has that noun for its
            # subject, misparsed: in "... has been over Syria, as the United States and France
            # support some groups" the main clause's subject supports nothing (but "said Correll,
            # angered that ...", a participle read as finite, and "Protesters marching ...
            # chanted", a participle misparsed as the root, have the main verb's subject)
            break
        if verb.dep_ in ("conj", "advcl", "xcomp", "acomp") and verb.head is not verb:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.head is not verb.head:  # "responded by saying ..."
            verb = verb.head.head
        else:
            break
    interrupted = _interrupted_subject(cue, quoted)
    if interrupted is not None:
        return interrupted
    if _finite_verb_read_as_object(cue) and not quoted.inside(cue.head.idx):
        return cue.head  # "Trump refuses to ...": the name parsed as the root, the verb its object
    return _adjacent_noun(cue, quoted) if cue.dep_ in ("ROOT", "parataxis", "ccomp", "compound") else None


def _finite_verb_read_as_object(verb: Token) -> bool:
    """ "Trump refuses to make public his returns": a finite verb the parser made the object of the
    name before it, read as a noun at the root. A real object is never a finite verb."""
    head = verb.head
    return verb.dep_ == "dobj" and verb.tag_ in ("VBZ", "VBD") and head.dep_ == "ROOT" \
        and head.pos_ in ("NOUN", "PROPN") and head.i == verb.i - 1


def _sender(verb: Token) -> Token | None:
    """ "His campaign sent out a text message to supporters saying: '...'": a participle hung on the
    one something was sent or written to ("to supporters") says what the sender's message said; its
    speaker is the subject of the verb of sending."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or head.dep_ != "pobj" or head.head.lower_ != "to" \
            or head.head.dep_ not in ("dative", "prep"):
        return None
    sending = head.head.head
    if sending.pos_ == "NOUN" and sending.dep_ == "dobj":  # "a letter to Mr. Castro asking ..."
        sending = sending.head
    return next((c for c in sending.children if c.dep_ == "nsubj"), None) if sending.pos_ == "VERB" else None


def _feeling_passive(verb: Token, subject: Token) -> bool:
    """ "Protesters were frustrated that ...", "we are convinced that ...": a passive participle of
    feeling or conviction with a that-clause states the stance of its subject. Not a verb of saying
    ("it was reported that": someone else said it) nor one whose subject is the one spoken to
    ("he was told that", "was informed that"), nor an expletive "it"."""
    lemma = verb.lemma_.lower()
    if lemma in cue_verbs() or lemma in word_list("speech_addressee_cues.txt") or subject.lower_ in ("it", "this", "that"):
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children)


def _finite(verb: Token) -> bool:
    """A verb finite itself or through an auxiliary ("supports", "has been")."""
    return verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE + ("MD",) for c in verb.children)


def _subject_of_earlier_conjunct(verb: Token, quoted: QuotedText) -> Token | None:
    """ "'' ... ,'' Mr. Daniloff, now 81 and retired in Cambridge, said": the parser joins the
    cue and the verb of the aside as conjuncts of the quoted verb; the aside's subject, outside the
    quotation and with nothing quoted between it and the cue, is the cue's."""
    if verb.dep_ != "conj" or verb.head is verb:
        return None
    for sibling in (c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i):
        subject = next((c for c in sibling.children if c.dep_ == "nsubj" and c.i < sibling.i), None)
        if subject is not None and subject.pos_ == "PROPN" \
                and not any(quoted.inside(t.idx) for t in verb.doc[subject.i:verb.i + 1]):
            return subject
    return None


def _interrupted_subject(verb: Token, quoted: QuotedText) -> Token | None:
    """ "Clinton, exasperated, famously responded", "Durbin, noting the size of his following, said":
    the parser hangs the subject on the participle or adjective set off between it and the finite
    verb; it is the verb's."""
    if verb.tag_ not in FINITE:
        return None
    aside = interrupting_participle(verb) or participle_head(verb)
    if aside is not None:
        subject = next(c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i)
        return subject if not quoted.inside(subject.idx) else None
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
    inverted = _inverted_subject(verb)
    for i in (_word_before(verb), inverted):
        if 0 <= i < len(doc) and (doc[i].pos_ in ("PROPN", "NOUN", "PRON") or _name_read_as_modal(doc[i])) \
                and not quoted.inside(doc[i].idx) \
                and in_paragraph(article_text(doc), verb, [doc[i]]) \
                and (i == inverted != verb.i + 1 or not _object_of_another_word(doc[i], verb)) \
                and not (i == verb.i + 1 and _subject_below(doc[i], verb)) \
                and doc[i].ent_type_ not in ("DATE", "TIME"):  # '"...," he said Thursday'
            return doc[i]
    return None


def _subject_below(word: Token, verb: Token) -> bool:
    """ "..., said it would tell an American story": the "it" after the cue is the subject of the
    clause the cue reports, a thing, not who says it. (A personal pronoun there, "4 in 10 say they
    want ...", mostly stands for the speaker the parser lost: it stays.)"""
    return word.lower_ in ("it", "this", "that") and word.dep_ in SUBJECTS and word.head.i != verb.i \
        and any(a.i == verb.i for a in word.ancestors)


def _inverted_subject(verb: Token) -> int:
    """The index of the word after the cue that may be its subject: the next word, or, right after a
    quotation, the noun a determiner opens ('"How big is that wall?" asked the boy': the parser
    makes the boy the object of asking)."""
    doc, after = verb.doc, verb.i + 1
    if after >= len(doc) or doc[after].pos_ != "DET" or verb.i == 0 or not doc[verb.i - 1].is_quote \
            or verb.tag_ not in FINITE:
        return after
    noun = doc[after].head
    return noun.i if noun.head.i == verb.i and noun.dep_ in ("dobj", "attr") and noun.i > after else after


def _word_before(verb: Token) -> int:
    """The index of the word before the cue, past auxiliaries, adverbs and a bracketed aside:
    "Donald Trump is once again questioning", "Rep. Elijah E. Cummings (D-Md.) said"."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and not doc[i].is_space:
        if doc[i].text == ")":
            while i >= 0 and doc[i].text != "(" and not doc[i].is_space:
                i -= 1
            i -= 1
        elif doc[i].pos_ in ("AUX", "ADV", "PART") and not _name_read_as_modal(doc[i]):
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


def _name_read_as_modal(word: Token) -> bool:
    """ '"...," Will wrote': a capitalised "Will" or "May" after a comma or a quotation mark, where
    no sentence starts, is a name the parser read as a modal."""
    return word.pos_ == "AUX" and word.tag_ == "MD" and word.text[:1].isupper() and word.i > 0 \
        and (word.nbor(-1).text == "," or word.nbor(-1).is_quote)


def _object_of_another_word(token: Token, verb: Token) -> bool:
    """An object is no speaker; but a name right before a subjectless main verb is one the parse
    swallowed into a phrase ("... of the Washington Post Trump said that ...")."""
    if token.dep_ == "pobj" and verb.dep_ == "ROOT" and token.i == verb.i - 1 and token.pos_ == "PROPN":
        return False
    return token.dep_ in ("dobj", "pobj", "poss")


def addressee_of(verb: Token, speakers: SpeakerResolver) -> tuple[Span | None, str | None]:
    if verb.lemma_.lower() not in word_list("speech_addressee_cues.txt"):
        return None, None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return speakers.resolve(child, None, guess_pronouns=False)
    return None, None


# how far back (in characters) a "he said" looks for the person last reported speaking
_CARRY_OVER = 600
_MALE, _FEMALE = "m", "f"


def speakers_carried_over(doc: Doc, statements: list[Statement], owners: Owners) -> None:
    """A "he said", "she said" or "the senator said" that coreference leaves open refers to the
    person last reported speaking, within a few paragraphs ('Turner said ... ''It is going to be
    progressives,'' she said'), unless that person is known to be of the other sex (from "Mr."/"Mrs."
    before a name of theirs or a given name, else from a "he"/"she" already resolved to them); then
    the one before. A description goes only to a speaker whose role it names ("the senator": Sen.
    Sanders). A pronoun that coreference resolved to a person of the other sex, or to no person, is
    redone this way."""
    text = article_text(doc)
    sex = _sexes(doc, statements, owners)
    ordered = sorted((s for s in statements if s.speaker_span is not None), key=lambda s: s.speaker_span.begin)
    for k, s in enumerate(ordered):
        if s.speaker is None and _document_again(doc, s, ordered[:k], owners):
            continue
        pronoun = _PRONOUN_SEX.get(s.speaker_span.text.lower())
        described = _antecedent_phrase(doc, s.speaker_span) or s.speaker_span
        noun = None if pronoun is not None or s.speaker is not None else _definite_person(doc, described)
        # a "he" or "she" coreference gave an organisation or place ("he tweeted": Twitter) is redone too
        if noun is None and (pronoun is None or s.speaker is not None and sex.get(s.speaker, pronoun) == pronoun
                             and owners.type_of(s.speaker) == PERSON):
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
            former = bool({"former", "ex"} & set(described.text.lower().replace("-", " ").split()))
            candidates = [c for c in candidates if noun in _titles_of(text, owners, c, doc, former)] \
                or _alone_in_sentence(doc, s.speaker_span, owners) \
                or _titled_before(text, s.speaker_span.begin, owners, noun, doc, former) \
                or _subject_before(doc, described, owners, noun)
            candidates = [c for c in candidates if not _other_party(doc, described, owners, c)]
        elif not candidates:  # no one spoke just before: the person last named, known to be of that sex
            candidates = _named_before(s.speaker_span.begin, owners, sex, pronoun) \
                or _last_of_sex(doc, s.speaker_span.begin, owners, sex, pronoun)
        candidates = [c for c in candidates if c != s.addressee]  # '"...," he told Rubio': not Rubio
        s.speaker = candidates[0] if candidates else None


def described_person(doc: Doc, span: Span, owners: Owners) -> list[str]:
    """The person a definite description of one person ("the senator", "the Democratic presidential
    candidate") stands for, as a described speaker is resolved: the one the text gave that title or
    description before (the only one, or the one named last just before), or for a description that
    is no title the subject of the sentence before; never one the text gives another party. [] when
    the phrase is no such description or the text leaves it open (the meeting stage resolves
    participants so: "the senator convened top surrogates")."""
    noun = _definite_person(doc, span)
    if noun is None:
        return []
    former = bool({"former", "ex"} & set(span.text.lower().replace("-", " ").split()))
    found = _titled_before(article_text(doc), span.begin, owners, noun, doc, former) \
        or _subject_before(doc, span, owners, noun)
    return [key for key in found if not _other_party(doc, span, owners, key)]


def _spokesperson(noun: Token) -> bool:
    """"spokesman", "spokeswoman", "spokespeople" (speech_spokes_nouns.txt), by lemma or by form."""
    return bool({noun.lemma_.lower(), noun.lower_} & word_list("speech_spokes_nouns.txt"))


def _antecedent_phrase(doc: Doc, span: Span) -> Span | None:
    """The noun phrase a relative pronoun speaker stands for ("the Wisconsin Republican, who had
    pledged ..."), when it comes right before it; else None."""
    pronoun = token_at(doc, span.begin)
    if pronoun is None or pronoun.lower_ not in entity_lexicon.pronouns("relative") or pronoun.head.dep_ != "relcl":
        return None
    noun = pronoun.head.head
    if noun.i >= pronoun.i or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return Span.of(article_text(doc), noun.left_edge.idx, noun.idx + len(noun))


def _subject_before(doc: Doc, span: Span, owners: Owners, noun: str) -> list[str]:
    """ "Lori Bernstein held up a sign. The 57-year-old scientist says ...": a description (not a
    title) that is the subject of its sentence continues the person named as the subject of the
    sentence before, unless the text describes someone else so."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or tokens.root.dep_ != "nsubj" or tokens.sent.start == 0:
        return []
    before = doc[tokens.sent.start - 1].sent
    quoted = _quoted_text(doc)
    if quoted.inside(before.root.idx) and before.start > 0:
        # 'X held up a sign saying "... Before." The scientist says': the parser ends a sentence
        # inside the quotation; the sentence of the narrative is the one before it
        before = doc[before.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    person = owners.entity(subject.i) if subject is not None else None
    if person is None or person.type != PERSON or any(c.dep_ == "conj" for c in subject.children):
        return []
    text = article_text(doc)
    if noun in _title_nouns():
        return []  # a title is someone's only if the text gives it them: "Trump said ... The senator said"
    others = [e.key for e in owners.entities if e.type == PERSON and e.key != person.key
              and noun in _titles_of(text, owners, e.key, doc)]
    return [] if others else [person.key]


def _other_party(doc: Doc, span: Span, owners: Owners, key: str) -> bool:
    """Whether a description names a party ("the GOP front-runner") and the text names the person
    ``key`` with another party's word right before a name of theirs ("Democratic front-runner Clinton")."""
    parties = entity_lexicon.pairs("speech_party_words.tsv")
    wanted = {parties[w] for w in span.text.lower().split() if w in parties}
    if not wanted:
        return False
    text = article_text(doc)
    for mention, e in owners.mentions:
        if e.key == key:
            words = text[max(0, mention.begin - 40):mention.begin].lower().split()[-3:]
            if any(w in parties and parties[w] not in wanted for w in words):
                return True
    return False


def _alone_in_sentence(doc: Doc, span: Span, owners: Owners) -> list[str]:
    """The one person named earlier in the sentence of ``span`` ("Though Trump was not willing to
    say ..., the front-runner did offer his opinion"), else nobody."""
    first = token_at(doc, span.begin)
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


def _quoted_text(doc: Doc) -> QuotedText:
    return docindex.quoted_text(doc)


def _last_of_sex(doc: Doc, offset: int, owners: Owners, sex: dict[str, str], pronoun: str) -> list[str]:
    """The person last named before ``offset`` (within _CARRY_OVER characters, outside quotations)
    whom the text tells to be of the pronoun's sex, when everyone named after them is known to be of
    the other sex ("Mook acknowledged Clinton and Sanders had split ... he said": no; "Alice met Bob.
    ... she said": Alice). A person of untold sex named in between could be the one meant: no one."""
    quoted = _quoted_text(doc)
    named = sorted(((span, e) for span, e in owners.mentions if e.type == PERSON and span.end <= offset
                    and offset - span.end <= _CARRY_OVER and not quoted.inside(span.begin)),
                   key=lambda pair: pair[0].end, reverse=True)
    for span, e in named:
        known = sex.get(e.key)
        if known is None:
            return []
        if known == pronoun:
            # "Anna Berg and Maria Lund met ... She thought": two of that sex named together, a guess
            sentence = token_at(doc, span.begin)
            sentence = sentence.sent if sentence is not None else None
            rivals = {o.key for m, o in owners.mentions if o.type == PERSON and o.key != e.key
                      and sex.get(o.key, pronoun) == pronoun and sentence is not None
                      and sentence.start_char <= m.begin < sentence.end_char}
            return [] if rivals else [e.key]
    return []


def _titled_before(text: str, offset: int, owners: Owners, noun: str, doc: Doc | None = None,
                   former: bool = True) -> list[str]:
    """The person named before ``offset`` whom the text gives the title or description ``noun``
    ("Sen. Ted Cruz spoke ... the Texas senator said"; "Lori Bernstein, a scientist, ... the
    57-year-old scientist says"): the only one in the text before, else the one named last within
    _CARRY_OVER characters when no other such person is named there; else no one."""
    last: dict[str, int] = {}
    for span, e in owners.mentions:
        if e.type == PERSON and span.end <= offset:
            last[e.key] = max(last.get(e.key, 0), span.end)
    titled = [key for key in last if noun in _titles_of(text, owners, key, doc, former)]
    if len(titled) == 1:
        return titled
    near = [key for key in titled if offset - last[key] <= _CARRY_OVER]
    return near if len(near) == 1 else []


def _document_again(doc: Doc, s: Statement, before: list[Statement], owners: Owners) -> bool:
    """ "The poll also found ...": a document named again speaks for whoever it did last time ("a
    new Quinnipiac poll shows ..."), else for whoever the phrase naming it before gives as its author
    ("Trump released a video ... The video says"), within a few paragraphs. True when resolved so."""
    noun = _head_lemma(doc, s.speaker_span)
    if noun not in document_nouns() or not s.speaker_span.text.lower().startswith(("the ", "this ")):
        return False
    for other in reversed(before):
        if s.speaker_span.begin - other.speaker_span.end > _CARRY_OVER:
            break
        if other.speaker is not None and _head_lemma(doc, other.speaker_span) == noun:
            s.speaker = other.speaker
            return True
    # "Trump released a marketing video ... The video says ...": the one who put it out, named
    resolver = SpeakerResolver(doc, owners)
    for token in reversed([t for t in docindex.tokens(doc) if s.speaker_span.begin - _CARRY_OVER <= t.idx
                           and t.idx + len(t) <= s.speaker_span.begin and t.lemma_.lower() == noun]):
        authored = resolver.author_of(token)
        if authored is not None and authored[1] is not None:
            s.speaker = authored[1]
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


def _titles_of(text: str, owners: Owners, key: str, doc: Doc | None = None, former: bool = True) -> set[str]:
    """The title nouns the text gives a person: of their roles (without ``former``, only the posts
    they hold: "the secretary" is not "former Secretary of State Clinton"), the word right before a
    name of theirs ("Sen. Sanders", "Governor Kasich") and the noun of a description set beside a
    name of theirs ("Lori Bernstein, a scientist,", "a former aide, Jane Doe,")."""
    out = {w for r in owners.by_key[key].roles if former or not r.former for w in r.title.lower().split()}
    abbreviations = entity_lexicon.pairs("speech_title_abbreviations.tsv")
    for span, e in owners.mentions:
        if e.key == key:
            before = text[max(0, span.begin - 16):span.begin].replace(".", " ").split()[-1:]
            if before:
                out.add(abbreviations.get(before[0].lower(), before[0].lower()))
            out |= _described_beside(doc, span) if doc is not None else set()
    return out


def _described_beside(doc: Doc, span: Span) -> set[str]:
    """The head nouns of the descriptions in apposition to the name at ``span``."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return set()
    name = tokens.root
    beside = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        beside.append(name.head)
    return {t.lemma_.lower() for t in beside}


def _definite_person(doc: Doc, span: Span) -> str | None:
    """The noun of a definite description of one person ("the senator", "the former governor",
    "the billionaire businessman", "the 57-year-old scientist", "the GOP front-runner"), else None."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2 or tokens[0].lower_ not in ("the", "this"):
        return None
    head = tokens.root
    noun = head.lemma_.lower()
    if head.i > 1 and head.nbor(-1).text == "-":  # "front-runner" comes in three tokens
        noun = f"{head.nbor(-2).lower_}-{noun}"
    # the description ends at its noun, which is singular ("the Republican" may be tagged a name);
    # the words before it are modifiers only (no "of", no clause)
    people = word_list("speech_actor_nouns.txt") | _title_nouns()
    if "\n" in span.text or head.i != tokens[-1].i or head.tag_ not in ("NN", "NNP") or head.tag_ == "NNP" and noun not in people \
            or any(t.dep_ not in ("det", "amod", "compound", "nmod", "nummod", "npadvmod", "punct", "advmod")
                   for t in tokens if t.i != head.i):
        return None
    # a place or party before the noun still describes one person ("the Texas senator", "the
    # Republican nominee", "the GOP front-runner"); any other name makes it someone else's ("the Trump aide")
    if any(t.dep_ == "poss" or t.pos_ == "PROPN" and t.i != head.i and t.ent_type_ not in ("GPE", "NORP")
           and t.lower_ not in _party_words() for t in tokens):
        return None
    return noun if noun in people else None


@cache
def _title_nouns() -> frozenset[str]:
    """The head noun of each title ("secretary" of "secretary of state", "minister" of "foreign
    minister"): "the state" or "the foreign" describe no person."""
    return frozenset(t[t.index("of") - 1] if "of" in t[1:] else t[-1] for t in entity_lexicon.titles())


@cache
def _party_words() -> frozenset[str]:
    return frozenset(entity_lexicon.pairs("speech_party_words.tsv"))


_PRONOUN_SEX = {"he": _MALE, "him": _MALE, "she": _FEMALE, "her": _FEMALE}


def _relatives(doc: Doc, owners: Owners) -> list[tuple[str, str]]:
    """(person key, sex) of the people a word for a relative stands in apposition to: "Trump's wife,
    Melania," and "Melania, his wife," tell that Melania is a woman."""
    relation = entity_lexicon.pairs("speech_relational_sex.tsv")
    out = []
    for span, e in owners.mentions:
        tokens = doc.char_span(span.begin, span.end, alignment_mode="expand") if e.type == PERSON else None
        if tokens is None or not len(tokens):
            continue
        name = tokens.root
        words = [name.head] if name.dep_ == "appos" else []
        words += [c for c in name.children if c.dep_ == "appos"]
        out += [(e.key, relation[w.lower_]) for w in words if w.lower_ in relation]
    return out


def _relative_named_before(doc: Doc, span: Span, owners: Owners) -> str | None:
    """The person a possessive word for a relative ("his father") stood in apposition to earlier in
    the text a few paragraphs before, worded the same ("his father, Rafael,"): the one person so
    named, else None."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    relation = entity_lexicon.pairs("speech_relational_sex.tsv")
    if tokens is None or len(tokens) != 2 or tokens[0].tag_ != "PRP$" or tokens[1].lower_ not in relation:
        return None
    found = set()
    for mention, e in owners.mentions:
        if e.type != PERSON or not 0 <= span.begin - mention.end <= _CARRY_OVER:
            continue  # within a few paragraphs: "his" may be another man's further on
        named = doc.char_span(mention.begin, mention.end, alignment_mode="expand")
        if named is None or not len(named):
            continue
        name = named.root
        words = [name.head] if name.dep_ == "appos" else []
        words += [c for c in name.children if c.dep_ == "appos"]
        if any(w.lower_ == tokens[1].lower_ and w.i > 0 and doc[w.i - 1].lower_ == tokens[0].lower_ for w in words):
            found.add(e.key)
    return next(iter(found)) if len(found) == 1 else None


def _sexes(doc: Doc, statements: list[Statement], owners: Owners) -> dict[str, str]:
    """Entity key → "m" or "f" where the text tells: an honorific before a name of theirs, a given
    name (lexicon/speech_given_names.tsv) or a relative's word beside it ("his wife, Melania"), else the pronouns already resolved to them; evidence that
    contradicts itself tells nothing."""
    text = article_text(doc)
    titled: dict[str, set[str]] = {}
    given = entity_lexicon.pairs("speech_given_names.tsv")
    honorifics = entity_lexicon.pairs("meeting_honorific_sex.tsv")
    for span, e in owners.mentions:
        if e.type == PERSON:
            word = text[max(0, span.begin - 6):span.begin].rstrip(". ").rsplit(None, 1)[-1:]
            if word and word[0].lower() in honorifics:  # "Mr. Trump", "Mrs. Clinton"
                titled.setdefault(e.key, set()).add(honorifics[word[0].lower()])
    for e in owners.entities:
        words = e.name.split()
        # a given name before a surname ("Hillary Clinton"); a lone "Clinton" tells nothing
        if e.type == PERSON and len(words) > 1 and words[0].lower() in given:
            titled.setdefault(e.key, set()).add(given[words[0].lower()])
    for key, sex in _relatives(doc, owners):
        titled.setdefault(key, set()).add(sex)
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
        relative = _relative_named_before(doc, s.speaker_span, owners)
        if relative is not None:  # "his father, Rafael, ... For two years, his father refused": Rafael
            s.speaker = relative
            continue
        described = _description(doc, s.speaker_span, owners)
        group = _group_of_they(doc, s.speaker_span, owners) if described is None else None
        if isinstance(group, Entity):
            s.speaker = group.key
            continue
        described = described or group
        if described is None:
            continue
        name, etype, span = described
        earlier = _worded_with_a_name_before(doc, span, etype, owners, local.new)
        if earlier is not None:  # "the Sanders campaign said ... The campaign added": the same one
            s.speaker = earlier.key
            continue
        s.speaker = local.mention(name, span, f"{s.key}-speaker", etype).key
    new = local.new
    _groups_carried_over(statements, {e.key for e in new} | {e.key for e in entities if e.local},
                         {e.key for e in entities + new if e.type == ORGANISATION})
    return new


def _worded_with_a_name_before(doc: Doc, span: Span, etype: str, owners: Owners, made: list[Entity]) -> Entity | None:
    """The one entity of that type named before ``span`` whose name ends in the noun of a bare
    definite description ("the campaign" after "the Sanders campaign said", "the super PAC" after
    "Conservative Solutions PAC"): the description repeats that name without its distinguishing
    words. None when the description has words of its own that say more, or two such entities fit,
    or the name was given more than _CARRY_OVER characters before."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2 or tokens[0].lower_ not in ("the", "this"):
        return None
    head = tokens.root
    if head.tag_ not in ("NN", "NNP") or head.i != tokens[-1].i \
            or any(t.i != head.i and (t.dep_ not in ("det", "amod") or t.pos_ == "PROPN") for t in tokens):
        return None
    noun = head.lower_
    # named within a few paragraphs: in a live blog "the campaign" of one entry is not that of another
    recent = range(span.begin - _CARRY_OVER, span.begin + 1)
    fits = {e.key: e for e in made if e.type == etype and e.name.lower().split()[-1:] == [noun]
            and len(e.name.split()) > 1 and any(m.span.end in recent for m in e.mentions)}
    fits.update({e.key: e for m, e in owners.mentions if e.type == etype and m.end in recent
                 and e.name.lower().split()[-1:] == [noun] and len(e.name.split()) > 1})
    return next(iter(fits.values())) if len(fits) == 1 else None


def _group_of_they(doc: Doc, span: Span, owners: Owners) -> Entity | tuple[str, str, Span] | None:
    """What a "they" stands for when the clause it sits in hangs on a clause whose subject, before
    it, is a plural noun phrase: "Democrats focused on what they said was ...", "Republican senators
    are split on whether they'd vote", "many unionists made it clear they didn't agree": the
    organisation that subject names, else the group it describes (name, type, its span). Coordinated
    subjects ("Trump and other Republicans") are several entities, not one: None."""
    pronoun = token_at(doc, span.begin)
    if pronoun is None or pronoun.lower_ != "they" or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    quoted = _quoted_text(doc)
    verb = pronoun.head
    for _ in range(8):  # up the clauses to the sentence's root
        if verb.head.i == verb.i:
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
        if subject is None:
            continue
        if subject.tag_ not in ("NNS", "NNPS") or quoted.inside(subject.idx) \
                or any(t.dep_ in ("conj", "cc") or t.is_space for t in subject.subtree):
            return None
        named = owners.named(subject.i)
        if named is not None:
            return named[0] if named[0].type == ORGANISATION else None
        text = article_text(doc)
        return _description(doc, Span.of(text, subject.left_edge.idx, subject.idx + len(subject)), owners)
    return None


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
    head, text = tokens.root, article_text(doc)
    if len(tokens) == 1 and head.lower_ in entity_lexicon.pronouns("relative"):
        antecedent = antecedent_of(head.head) if head.head is not head else None
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
    kind = actor_kind(head)
    if kind is None:
        return None
    if kind == PERSON and head.tag_ == "NN" and len(words) == 1 and head.i > head.sent.start \
            and not {head.lemma_.lower(), head.lower_} & word_list("speech_share_nouns.txt"):
        # "when the businessman turned politician called for": a bare singular noun inside a
        # sentence is no phrase of its own but the end of one the parser split; it describes someone
        # named elsewhere. Not so a share ("half said") nor a headline's first word ("Pastor wants")
        return None
    first = words[0]
    if kind == PERSON and head.tag_ not in ("NNS", "NNPS") and first.lower_ in ("the", "this", "that") \
            and (len(words) <= 3 or _definite_person(doc, span) is not None):
        # "the senator", "the former governor", "the 57-year-old scientist": someone named elsewhere
        return None
    if first.tag_ == "PRP$":  # "his lawyers": named after whom they belong to, when that is clear
        owner = owners.by_key.get(_coreferent(doc, first, owners) or "")
        if owner is None or len(words) < 2:
            return None
        return f"{owner.name}'s {text[words[1].idx:span.end]}", kind, span
    if first.lower_ in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return text[words[0].idx:span.end], kind, span


@cache
def _organisation_nouns() -> frozenset[str]:
    return word_list("speech_organisation_nouns.txt") | entity_lexicon.organisation_heads()


@cache
def _people_nouns() -> frozenset[str]:
    return word_list("speech_actor_nouns.txt") | word_list("speech_share_nouns.txt")


def actor_kind(noun: Token) -> str | None:
    """PERSON or ORGANISATION when the noun describes people or an organisation, else None."""
    forms = {noun.lemma_.lower(), noun.lower_, noun.lower_.removesuffix("s")}
    if forms & _organisation_nouns():
        return ORGANISATION
    if forms & _people_nouns():
        return PERSON
    # people of a country, in the plural: "Americans say", "many Saudis believe"
    return PERSON if noun.tag_ in ("NNS", "NNPS") and entity_lexicon.country_of_demonym(noun.text) else None


def _of_whom(quantity: Token) -> list[Token] | None:
    """The tokens of "of <people>" after a quantity ("22 percent of Republicans"), else None."""
    if quantity.pos_ not in ("NOUN", "NUM", "PRON", "DET", "ADJ") or actor_kind(quantity) is not None:
        return None
    of = next((c for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if people is None or people.pos_ not in ("NOUN", "PROPN") or actor_kind(people) is None:
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
        return self._named_after_of(head)

    def _titled_conjunct(self, head: Token) -> tuple[Span, Entity] | None:
        """ "said lobbyist and GOP strategist Charlie Black": the parser joins a bare word for a
        person (no determiner, no mention) and the titled name after it as two conjuncts; they are
        the titles of one person, who is named."""
        if head.pos_ != "NOUN" or actor_kind(head) != PERSON or any(c.dep_ in ("det", "poss") for c in head.children):
            return None
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        named = self.mention_at(conjuncts[0]) if len(conjuncts) == 1 and head.tag_ == "NN" else None
        return named if named is not None and named[1].type == PERSON else None

    def _named_after_of(self, head: Token) -> tuple[Span, Entity] | None:
        """ "The director of the European Centre, Ina Kirsch, told": the parser hangs the person's
        name on the nearest noun, the organisation; a person named in apposition to the object of
        "of" after a word for a person is that person."""
        if actor_kind(head) != PERSON and head.lemma_.lower() not in entity_lexicon.title_words():
            return None
        # (and "a spokeswoman for Acme Corp., Jane Doe, said")
        of = next((c for c in head.children if c.dep_ == "prep" and (
            c.lower_ == "of" or c.lower_ == "for" and _spokesperson(head))), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        for appos in (c for c in owner.children if c.dep_ == "appos") if owner is not None else ():
            named = self.mention_at(appos)
            if named is not None and named[1].type == PERSON and appos.i > owner.i and appos.nbor(-1).i >= owner.i \
                    and any(t.text == "," for t in self.doc[owner.i:appos.i]):
                return named
        return None

    def _spoken_for(self, head: Token) -> tuple[Span, str] | None:
        """ "A spokesman for Smith said", "a Pentagon spokeswoman said": a spokesperson no name is
        given for speaks for the person or organisation named after "for" or right before the noun;
        the span runs from the description's first word to that name. Else None."""
        if not _spokesperson(head):
            return None
        for_ = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        whom = next((c for c in for_.children if c.dep_ == "pobj"), None) if for_ is not None else None
        if whom is None and head.i > 0 and self.doc[head.i - 1].dep_ == "compound" and self.doc[head.i - 1].head.i == head.i:
            whom = self.doc[head.i - 1]
        named = self.mention_at(whom) if whom is not None else None
        if named is None or named[1].type not in (PERSON, ORGANISATION):
            return None
        text = article_text(self.doc)
        begin, end = min(head.left_edge.idx, named[0].begin), max(head.idx + len(head), named[0].end)
        return Span.of(text, begin, end), named[1].key

    def named_before(self, description: Token) -> tuple[Span, Entity] | None:
        """The entity a description stands in apposition to: "Murray Clark, a former
        state GOP chair who ..." and "China and the United States, the world's two biggest polluters,
        which ..." describe names given before them (the first of coordinated names)."""
        if description.dep_ != "appos" or description.head is description:
            return None
        return self.mention_at(description.head)

    def author_of(self, document: Token) -> tuple[Span, str | None] | None:
        """The author a document or a speech act speaks for, when the phrase names them: "Rubio's
        press release said", "his letter says" (through coreference), "a poll by Quinnipiac
        University found", "according to a report in the Des Moines Register". Else None."""
        if not _is_document_noun(document):
            return None
        put_out = self._put_out_by(document)
        if put_out is not None:
            return put_out
        for child in document.children:
            if child.dep_ == "poss":
                named = self.mention_at(child)
                if named is not None:
                    return (named[0], named[1].key) if named[1].type in (PERSON, ORGANISATION) else None
                if child.pos_ == "PRON" and child.lower_ in _PERSONAL_POSSESSIVES:
                    span = Span.of(article_text(self.doc), child.idx, document.idx + len(document))
                    return span, _coreferent(self.doc, child, self.owners)
            if child.dep_ == "prep" and (child.lower_ in ("by", "from")
                                         or child.lower_ == "in" and document.lemma_.lower() in word_list("speech_published_nouns.txt")):
                author = next((c for c in child.children if c.dep_ == "pobj"), None)
                named = self.mention_at(author) if author is not None else None
                if named is not None and (named[1].type == ORGANISATION or named[1].type == PERSON and child.lower_ != "in"):
                    return named[0], named[1].key
            if child.dep_ == "prep" and child.lower_ == "of":
                # "an analysis of Federal Election Commission data by Crowdpac": the parser hangs the
                # agent on the nearer document; who made the analysis is named all the same
                material = next((c for c in child.children if c.dep_ == "pobj" and _is_document_noun(c)), None)
                by = next((c for c in material.children if c.dep_ == "prep" and c.lower_ == "by"), None) \
                    if material is not None else None
                author = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                named = self.mention_at(author) if author is not None else None
                if named is not None and named[1].type in (PERSON, ORGANISATION):
                    return named[0], named[1].key
        if not {document.lemma_.lower(), document.lower_} & _finding_nouns():
            return None  # a "CNN interview" is no word of CNN's: only documents and findings here
        before = [self.doc[document.i - 1]] if document.i > 0 else []
        for child in [c for c in document.children if c.dep_ == "compound" and c.i < document.i] + before:
            # "freshly filed Federal Election Commission reports ... The reports show": the
            # organisation whose name modifies a document (the parser may not say so: the name right
            # before it) is its source; a person's name gives its topic
            named = self.mention_at(child)
            if named is not None and named[1].type == ORGANISATION:
                return named[0], named[1].key
        return None

    def _put_out_by(self, document: Token) -> tuple[Span, str | None] | None:
        """Who put a document out, by the verb it is the object of ("Sen. Rand Paul released a Web
        video that accuses ...": speech_act_verbs.txt) or the passive participle it carries ("the
        lawsuit filed by Podliska alleges ..."): a name, or a pronoun through coreference."""
        author = None
        if document.dep_ == "dobj" and document.head.lemma_.lower() in word_list("speech_act_verbs.txt"):
            author = next((c for c in document.head.children if c.dep_ == "nsubj"), None)
        for acl in (c for c in document.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            agent = next((c for c in acl.children if c.dep_ == "agent"), None)
            author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else author
        if author is None:
            return None
        named = self.mention_at(author)
        if named is not None:
            return (named[0], named[1].key) if named[1].type in (PERSON, ORGANISATION) else None
        if author.pos_ == "PRON" and author.lower_ in ("he", "she", "it", "they"):
            return Span.of(article_text(self.doc), author.idx, author.idx + len(author)), \
                _coreferent(self.doc, author, self.owners)
        return None

    def resolve(self, head: Token, verb: Token | None, guess_pronouns: bool = True) -> tuple[Span | None, str | None]:
        text = article_text(self.doc)
        own = Span.of(text, head.idx, head.idx + len(head))
        found = self.mention_at(head) or self.named_beside(head) or self._titled_conjunct(head)
        if found is not None:
            return found[0], found[1].key
        spoken_for = self._spoken_for(head)
        if spoken_for is not None:
            return spoken_for
        if head.pos_ == "PRON":
            if head.lower_ in entity_lexicon.pronouns("relative"):
                antecedent = antecedent_of(verb) if verb is not None else None
                named = self.mention_at(antecedent) or self.named_beside(antecedent) or self.named_before(antecedent) \
                    if antecedent is not None else None
                said_of = predicated_subject(antecedent) if named is None and antecedent is not None else None
                if said_of is not None:
                    named = self.mention_at(said_of)
                authored = self.author_of(antecedent) if named is None and antecedent is not None else None
                if authored is not None:  # "issued a report that cited ...": the report's author
                    return own, authored[1]
                if named is None and antecedent is not None and antecedent.pos_ in ("PRON", "NOUN") and guess_pronouns:
                    # "he, who said ...", "the Wisconsin Republican, who had pledged ..."
                    return own, _coreferent(self.doc, antecedent, self.owners)
                return own, (named[1].key if named else None)
            if not guess_pronouns:
                return own, None
            return own, _coreferent(self.doc, head, self.owners)
        authored = self.author_of(head)
        if authored is not None:
            return authored
        # "Syria's Sana news agency": the agency is the organisation named in it; but "former CIA
        # officers" are people, not the CIA
        for t in head.subtree if actor_kind(head) != PERSON else ():
            if t.i < head.i and t.dep_ == "compound":
                named = self.mention_at(t)
                if named is not None and named[1].type == ORGANISATION:
                    return named[0], named[1].key
        chunk = self.chunks.get(head.i)
        if chunk is not None and verb is not None and chunk.start <= verb.i < chunk.end:
            chunk = None  # "Said Ellis:" parsed as one noun phrase
        span = Span.of(text, chunk.start_char, chunk.end_char) if chunk is not None else own
        return span, _coreferent(self.doc, head, self.owners)


@cache
def _finding_nouns() -> frozenset[str]:
    """Nouns of documents and findings an organisation's name before them makes its own ("FEC reports")."""
    return word_list("speech_source_nouns.txt") | word_list("speech_count_nouns.txt")


def _is_document_noun(noun: Token) -> bool:
    """A noun of a document or speech act, by its lemma or its own form: the lemmatiser makes
    "data" "datum", which no word list names."""
    return bool({noun.lemma_.lower(), noun.lower_} & document_nouns())


# possessive pronouns that stand for a person or organisation named elsewhere ("his letter", "its report")
_PERSONAL_POSSESSIVES = ("his", "her", "its", "their")


def antecedent_of(verb: Token) -> Token | None:
    """The noun a relative clause hangs on, for a cue in that clause or in a clause it governs
    ("Trump, who has repeatedly pledged ...", "the nominee, who began his speech by marveling ...")."""
    t = verb
    for _ in range(4):
        if t.dep_ == "relcl":
            return _nearest_conjunct(t.head, t)
        if t.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep", "ccomp", "acomp") or t.head is t:
            return None
        t = t.head
    return None


def _nearest_conjunct(head: Token, clause: Token) -> Token:
    """Of coordinated names the parser hung a relative clause on the first of, the one it follows
    when its verb is singular ("Reps. Darrell Issa and Duncan Hunter, who was one of the first to
    endorse ...": Hunter); a plural or unmarked verb ("who were", "who endorsed") keeps the first."""
    conjuncts = [c for c in head.children if c.dep_ == "conj" and c.i < clause.i]
    if not conjuncts:
        return head
    last = max(conjuncts, key=lambda c: c.i)
    words = [clause] + [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    singular = any(w.tag_ == "VBZ" or w.lower_ == "was" for w in words)
    return last if singular and clause.left_edge.i > last.i else head


def predicated_subject(noun: Token) -> Token | None:
    """The subject a noun is said of by a copula ("Trump is a serial liar and bully who has pledged
    ...": Trump), climbing from a conjunct to the first of the list."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def _coreferent(doc: Doc, token: Token, owners: Owners) -> str | None:
    """The entity a pronoun or nominal ("the minister") refers to, when coreference can tell."""
    return resolve_reference(doc, token.i, owners.entities, owners)
