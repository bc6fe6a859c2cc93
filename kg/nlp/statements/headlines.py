"""Statements: a title-case headline whose verb the parser read as a name — "Glenn Beck Blasts Drudge
...", "Sanders Vows To Eliminate Tax Breaks", "Donald Trump Denies Mike Tyson Invited ...".

In a headline every word is capitalised, so spaCy often tags a verb after a name as one more proper
noun ("Blasts/PROPN", "Vows/NOUN") and the verb's cue is never looked at (on the 840 polnear-train
headlines: 34 such verbs). PolNeAR annotates these headlines like any
other report: the subject before the verb is the source, the rest of the headline the content. Only
a third-person "-s" form of a cue verb is taken (a plural noun after a name would need a plural
subject: "Clinton Aides Say" has "Say", no "-s" verb), only when the parser read it as no verb
(when it did, the ordinary cue rules have decided), only after the subject the headline opens
with, and only when that subject names an entity of the article.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from kg.model import INDIRECT, Span, Statement
from kg.nlp.quotes import QuotedText
from kg.nlp.statements.content import sentence_span, token_spans
from kg.nlp.statements.cues import cue_spans
from kg.nlp.statements.speakers import actor_kind, SpeakerResolver
from kg.nlp.statements.words import article_text, cue_verbs, word_list

# a headline has at least this many words, and this share of its words of three letters or more
# start with a capital (title case; a sentence-case headline is parsed as a sentence)
_MIN_WORDS = 4
_TITLE_SHARE = 0.8
# the punctuation that ends a headline's clause: "Obama Seeks More Refugees; Critics Object"
_CLAUSE_ENDS = (";", ":", "|")


@cache
def headline_verbs() -> frozenset[str]:
    """The verb lemmas a headline verb may report with: every cue verb, and those of thinking,
    evidence and intention."""
    # (not those that report only with a quotation: "Campaign Manager Laughs, Evades Question")
    return (cue_verbs() - word_list("speech_quote_cues.txt")) | word_list("speech_belief_cues.txt") \
        | word_list("speech_evidence_cues.txt") | frozenset(w for w in word_list("speech_cues_to.txt") if " " not in w)


def headline_reports(doc: Doc, quoted: QuotedText, speakers: SpeakerResolver) -> list[Statement]:
    """The report of the article's first line when it is a title-case headline with a verb the
    parser took for a name (see the module docstring); none otherwise."""
    text = article_text(doc)
    end = text.find("\n")
    end = len(text) if end < 0 else end
    words = [t for t in doc if t.idx < end and not t.is_space]
    if len(words) < _MIN_WORDS or not _title_case(words):
        return []
    start = _subject_start(words)
    for i, verb in enumerate(words[start + 1:-1], start=start + 1):
        if not _misread_verb(verb, quoted):
            if not _subject_word(verb):
                return []  # the verb must follow the subject the headline opens with
            continue
        subject = words[i - 1]
        if speakers.mention_at(subject) is None and actor_kind(subject) is None:
            return []  # "Paris Terror Attacks Highlight ...": no one named before the verb
        statement = _report(doc, verb, words[start:i], words[i + 1:], speakers)
        return [statement] if statement is not None else []
    return []


def _subject_start(words: list[Token]) -> int:
    """Where the headline's subject begins: its first word, or after a fronted participle phrase
    set off by a comma ("Railing Against Trump, Sanders Vows ...")."""
    if words[0].lower_.endswith("ing"):
        comma = next((i for i, t in enumerate(words) if t.text == ","), None)
        if comma is not None and comma + 1 < len(words):
            return comma + 1
    return 0


def _subject_word(token: Token) -> bool:
    """A word of a headline's subject: a capitalised name or noun ("Jeb Bush Super PAC Chief"), its
    initials ("U.S.") or a possessive ("Flight Attendants' Union")."""
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "NUM", "PART") and (token.text[:1].isupper() or token.tag_ == "POS"
                                                                      or token.like_num)


def _title_case(words: list[Token]) -> bool:
    long = [t for t in words if t.is_alpha and len(t) >= 3]
    return bool(long) and sum(t.text[0].isupper() for t in long) >= _TITLE_SHARE * len(long)


def _misread_verb(token: Token, quoted: QuotedText) -> bool:
    """A capitalised "-s" form of a headline verb ("Sees", "Vows", "Denies") the parser tagged as a
    noun or name."""
    if token.pos_ not in ("PROPN", "NOUN") or not token.is_alpha or not token.text[0].isupper() \
            or quoted.inside(token.idx):
        return False
    return _verb_lemma(token.lower_) is not None


def _verb_lemma(form: str) -> str | None:
    """The lemma of a third-person singular verb form among headline_verbs(), if it is one."""
    if not form.endswith("s") or form.endswith("ss"):
        return None
    verbs = headline_verbs()
    candidates = [form[:-1]]
    if form.endswith("ies"):
        candidates.insert(0, form[:-3] + "y")
    elif form.endswith("es"):
        candidates.append(form[:-2])
    return next((c for c in candidates if c in verbs), None)


def _report(doc: Doc, verb: Token, subject: list[Token], rest: list[Token],
            speakers: SpeakerResolver) -> Statement | None:
    content = []
    for t in rest:
        if t.text in _CLAUSE_ENDS:
            break
        content.append(t)
    if not content or not content[0].is_alpha and not content[0].is_quote:
        return None  # "Laughs, Evades ...": a comma after the verb ends its clause
    spans = token_spans(doc, content)
    if not spans:
        return None
    speaker_span, speaker = _speaker(doc, verb, subject, speakers)
    if speaker is None:
        return None  # a headline report is kept only with the one it names (the speakerless share)
    return Statement("", spans, INDIRECT, cue=cue_spans(doc, [verb]), speaker=speaker,
                     speaker_span=speaker_span, sentence=sentence_span(doc, subject[0].idx, max(spans).end))


def _speaker(doc: Doc, verb: Token, subject: list[Token], speakers: SpeakerResolver) -> tuple[Span | None, str | None]:
    """The subject's mention and entity. The recogniser often runs a headline name on over the
    verb ("Glenn Beck Blasts Drudge"): then the mention is cut back to the subject's words and the
    entity is the one of the article that has their name, if any."""
    span, speaker = speakers.resolve(subject[-1], verb)
    if span is None or span.end <= verb.idx:
        return span, speaker
    text = article_text(doc)
    span = Span.of(text, max(span.begin, subject[0].idx), subject[-1].idx + len(subject[-1]))
    name = text[span.begin:span.end]
    same = next((e for e in speakers.owners.entities if e.name == name), None)
    return span, same.key if same is not None else None
