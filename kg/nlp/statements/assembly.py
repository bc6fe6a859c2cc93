"""Statements: the statements of one article, found cue by cue, then made one per content span and
quotation, their mode and date set."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.model import DIRECT, Entity, INDIRECT, MIXED, Span, Statement, TimeExpression
from kg.nlp import docindex
from kg.nlp.owners import Owners, owners_of
from kg.nlp.quotes import Quotation, QuotedText
from kg.nlp.statements.content import ALNUM, EDGE_PUNCT, title_quotations, token_at
from kg.nlp.statements.reports import (
    in_source,
    quoting_verb,
    signed_quotations,
    speech_act,
    statement_at,
    transcript_turns,
)
from kg.nlp.statements.headlines import headline_reports
from kg.nlp.statements.raising import raised_report
from kg.nlp.statements.speakers import SpeakerResolver, speakers_carried_over
from kg.nlp.statements.words import article_text, CUE_POS, cue_words, DAY_MONTH_YEAR, word_list
from kg.nlp.timex import date_for


def find_statements(doc: Doc, entities: list[Entity], timexes: list[TimeExpression],
                    owners: Owners | None = None) -> list[Statement]:
    """Every statement in ``doc``, in text order, keyed s0, s1, ... (``owners``: the entities' token
    index, when the caller has built it)."""
    text = article_text(doc)
    quotations = list(docindex.quotations(doc))
    quoted = docindex.quoted_text(doc)
    speakers = SpeakerResolver(doc, owners_of(doc, entities, owners))
    found: list[tuple[Statement, str]] = []  # with the cue's lemma
    tokens = docindex.tokens(doc)
    for token in tokens:
        # a cue is a verb, a speech noun or "according (to)" (see cue_phrase): skip the rest cheaply
        if token.pos_ not in CUE_POS and token.lower_ != "according":
            continue
        if quoted.inside(token.idx):
            continue  # speech reported inside a quotation belongs to that quotation
        statement = statement_at(doc, token, quotations, quoted, speakers)
        if statement is not None:
            found.append((statement, token.lemma_.lower()))
    found += [(st, ":") for st in transcript_turns(doc, speakers)]
    found += [(st, "-") for st in signed_quotations(doc, quotations, quoted, speakers)]
    taken = [c for st, _ in found for c in st.content]
    for token in tokens:
        # only a verb can quote, only "in" open a source: skip the other words before any work
        if token.pos_ != "VERB" and token.lower_ != "in":
            continue
        statement = quoting_verb(doc, token, quotations, quoted, speakers) \
            or in_source(doc, token, quotations, quoted, speakers) \
            or speech_act(doc, token, quotations, quoted, speakers) \
            or raised_report(token, quotations, quoted, speakers)
        if statement is not None and not any(c.overlaps(t) for c in statement.content for t in taken):
            found.append((statement, "~"))
            taken.extend(statement.content)
    # a title-case headline whose verb was parsed as a name (see headlines.py)
    for statement in headline_reports(doc, quoted, speakers):
        if not any(c.overlaps(t) for c in statement.content for t in taken):
            found.append((statement, "~"))
    found.sort(key=lambda pair: (min(pair[0].content).begin, pair[0].cue[0].begin if pair[0].cue else 0))
    statements = _one_per_quotation(doc, _without_nested(doc, found, quoted), quotations)
    statements = _with_follow_on_quotations(text, statements, quotations, quoted)
    speakers_carried_over(doc, statements, speakers.owners)
    # a title or name in quotation marks ("the “Fight for $15” movement") quotes no one's words
    titles = title_quotations(doc)
    worded = QuotedText([q for q in quotations if q not in titles])
    out = []
    for i, s in enumerate(statements):
        s.key = f"s{i}"
        s.mode = _mode(text, s.content, worded)
        when = date_for(doc, s.cue[0], timexes) if s.cue else None
        # a date inside what was said ("prices will rise next year") is not when it was said
        if when is not None and when.value and len(when.value) in DAY_MONTH_YEAR and when.value[:4].isdigit() \
                and not any(c.overlaps(when.span) for c in s.content):
            s.date, s.time = when.value, when.key
        out.append(s)
    return out


def _inside_content(s: Statement, other: Statement) -> bool:
    return any(c.contains(cue) for c in other.content for cue in s.cue)


def _width(s: Statement) -> int:
    return max(s.content).end - min(s.content).begin


def _without_nested(doc: Doc, found: list[tuple[Statement, str]], quoted: QuotedText) -> list[Statement]:
    """One statement per report: speech reported inside another's content is part of it, unless it
    is said with a verb of saying in a relative clause there ("attacked the candidates for accepting
    donations, which he said were ..."), or is a quotation inside reported words: those are reports
    of their own.

    When the outer cue is an outlet relaying ("..., Sana reported") the inner statement is the one
    kept, with the outlet as ``reported_by``.
    """
    relays = word_list("speech_relay_cues.txt")
    drop: set[int] = set()
    text = article_text(doc)
    for i, (inner, inner_lemma) in enumerate(found):
        if inner_lemma in cue_words() and inner_lemma not in word_list("speech_belief_cues.txt") \
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
            if inner_lemma == "according" and _inside_content(outer, inner) and _width(inner) > _width(outer):
                continue  # "X wrote a book that ..., according to Y": Y's report holds X's, not the reverse
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
    text = article_text(doc)
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
        while begin < end and (text[begin].isspace() or text[begin] in EDGE_PUNCT):
            begin += 1
        while end > begin and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
            end -= 1
        if end > begin and ALNUM.search(text, begin, end):
            out.append(Span.of(text, begin, end))
    return out


def _in_relative_clause(doc: Doc, s: Statement) -> bool:
    cue = token_at(doc, s.cue[0].begin) if s.cue else None
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
        # and it opens a sentence of its own: one inside a sentence ('... and pledges to stand firm
        # against its "cheating" and "financial blackmail."') is that sentence's
        opens = not gap.strip() or gap.rstrip()[-1] in ".!?:"
        if "\n" not in gap and ends_quoted and len(gap) < 200 and q.end - q.begin > 20 and opens:
            st.content = sorted(st.content + list(q.parts))
            taken.extend(q.parts)
    return found


def _mode(text: str, content: list[Span], quoted: QuotedText) -> str:
    inside, total = quoted.quoted_share(text, content)
    if total and inside == total:
        return DIRECT
    return MIXED if inside else INDIRECT
