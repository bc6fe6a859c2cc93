"""Meetings: every meeting of an article, found, dated, merged and made a record; statements linked to
the meetings they were made at; entities for participants no entity stands for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from kg.model import ORGANISATION, PERSON, PLACE, OCCURRED, PLANNED, Entity, Meeting, Span, Statement, TimeExpression
from kg.nlp import docindex
from kg.nlp.entities import label_text
from kg.nlp.local_entities import LocalEntities
from kg.nlp.meetings.frames import article_facts, Frame, frame_of
from kg.nlp.meetings.merging import merge, party_keys
from kg.nlp.meetings.occasion import one_occasion
from kg.nlp.meetings.parties import Party
from kg.nlp.meetings.places import building_places
from kg.nlp.meetings.readings import awaited, clause_chain, climb, reading_of
from kg.nlp.meetings.sentence_split import article_text, sentence_index, sentence_spans, sentences
from kg.nlp.meetings.triggers import one_trigger, trigger_matches
from kg.nlp.meetings.words import (
    BILATERAL,
    DATELINE_MARKS,
    IN_PERSON,
    MULTILATERAL,
    PHONE_CALL,
    prepositions,
    VIDEO_CALL,
    VISIT,
    word_set,
)
from kg.nlp.owners import Owners, owners_of
from kg.nlp.timex import date_for, is_calendar_timex


def find_meetings(doc: Doc, entities: list[Entity], timexes: list[TimeExpression],
                  statements: list[Statement], owners: Owners | None = None,
                  published: date | None = None) -> list[Meeting]:
    """Every meeting the article describes, one per real meeting, in text order (``owners``: the
    entities' token index, when the caller has built it; ``published``: the article's date, after
    which a meeting is still to come)."""
    ents = owners_of(doc, entities, owners)
    facts = article_facts(doc, ents, statements)
    matches = [m for m in trigger_matches(doc) if one_trigger(m, ents)]
    by_head = {m.head.i: m for m in matches}
    absorbed: set[int] = set()
    frames: list[Frame] = []
    # verbs first, so that "convene a conference call" absorbs its object before it is seen alone
    for m in matches:  # "a summit meeting": one meeting, two trigger words
        outer = by_head.get(m.head.head.i) if m.head.dep_ == "compound" else None
        if outer is not None and outer is not m:
            absorbed.add(m.head.i)
            outer.also.append(m)
    for m in sorted(matches, key=lambda m: (m.entry.pos != "VERB", m.head.i)):
        if m.head.i in absorbed:
            continue
        reading = reading_of(doc, m, ents, by_head)
        absorbed.update(reading.absorbed)
        frame = None if reading.rejected else frame_of(doc, m, reading, ents, facts)
        if frame is not None:
            frames.append(frame)
    frames = [f for f in frames if f.head.i not in absorbed]
    frames.sort(key=lambda f: f.trigger.begin)
    sents = sentence_spans(doc)
    lead_end = _headline_end(article_text(doc))
    for f in frames:
        f.date = _checked(doc, _clause_date(doc, f, timexes), timexes, statements, published)
        f.sentence = sentence_index(sents, f.head.idx)
        f.headline = f.trigger.end <= lead_end
    kept = [f for f in frames if one_occasion(f, ents, sents) and not _visit_to_nowhere(f)]
    for f in kept:  # a week or a season dates an occasion, it does not make a trigger one ("that afternoon")
        f.date = f.date or _checked(doc, _coarse_clause_date(doc, f, timexes), timexes, statements, published)
        if f.status == OCCURRED and f.date and published and _after(f.date.value, published):
            f.status = PLANNED  # "as a July NATO summit meeting in Warsaw approaches" (published in June)
        elif f.status == OCCURRED and awaited(f.head) and not (f.date and published and _on_or_before(f.date.value, published)):
            f.status = PLANNED  # "ahead of the summit", unless its date is already past
    merged = merge(kept)
    # a meeting of nobody named and nowhere ("make ends meet", "the peace talks") says nothing a
    # reader can use; a call has two ends ("held a conference call to defend Valeant": an audience)
    merged = [f for f in merged if (f.parties or f.host or f.place or f.venue) and (
        not {PHONE_CALL, VIDEO_CALL} & set(f.kinds) or len({p.key or p.span for p in f.parties} | party_keys(f)) >= 2)]
    _place_inner_towns(merged, kept)
    dateline = _dateline_place(doc, ents)
    lead = _lead_dateline(ents, facts.datelines, sents, lead_end)
    for f in merged:
        if f.building is not None:  # "met at the White House": the building says where, not the dateline
            continue
        if f.place is None and dateline is not None and not {PHONE_CALL, VIDEO_CALL} & set(f.kinds):
            f.place = dateline
        elif f.place is None and lead is not None and lead[0] in _mention_sentences(f, sents) and f.status == OCCURRED and not (
                {PHONE_CALL, VIDEO_CALL} & set(f.kinds)):
            f.place = lead[1]  # "ORLANDO, Fla. (Reuters) - Obama met survivors on Thursday": there
    return [_meeting(doc, f, n, sentence_spans(doc)) for n, f in enumerate(merged)]


def _mention_sentences(frame: Frame, sents: tuple[Span, ...]) -> set[int]:
    """The sentences of a meeting's mentions: its first and those merged with it (a headline's
    "meeting", then the lead's "met")."""
    return {sentence_index(sents, t.begin) for t in [frame.trigger, *frame.extra]}


def _place_inner_towns(merged: list[Frame], kept: list[Frame]) -> None:
    """A meeting kept as a record (by the parties of a mention merged with it, say) and no place takes
    the town a mention's place phrase names inside it ("the meeting at Clinton's residence in
    Washington"); that town alone does not make a meeting of no one named a record, so it comes after.
    A call has no one place (its ends may be anywhere), so none is given it so."""
    by_trigger = {f.trigger: f for f in kept}
    for f in merged:
        if f.place is not None or f.building is not None or {PHONE_CALL, VIDEO_CALL} & set(f.kinds):
            continue
        mentions = [by_trigger[t] for t in [f.trigger, *f.extra] if t in by_trigger]
        f.place = next((m.inner_place for m in mentions if m.inner_place is not None), None)


def _checked(doc: Doc, found: TimeExpression | None, timexes: list[TimeExpression], statements: list[Statement],
             published: date | None) -> TimeExpression | None:
    """The clause's date unless it is the speaker's time rather than the article's; a month or day
    said without its year in the story's year rather than the publication's."""
    story = None if found is None or published is None else _past_story(article_text(doc), found, timexes)
    if story is not None:
        return _in_story_year(found, story)  # "On March 2, 2015, ... On March 25, they had a call": 2015
    if found is not None and _quoted_relative(doc, found) and not _said_on(found, statements, published):
        return None  # "'as he proved in the visit yesterday,' Gingrich said": the speaker's yesterday
    return _last_weekday_in_news(found, published)


_LAST_WEEKDAY = re.compile(r"last\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def _last_weekday_in_news(found: TimeExpression | None, published: date | None) -> TimeExpression | None:
    """"last Monday" said in the week of that Monday is the Monday before: news names a day of the
    past week bare ("met Monday"), so "a private meeting last Monday" in a Wednesday story is nine days
    back, not two (the time expression keeps the nearer reading its gold follows)."""
    if found is None or published is None or not _LAST_WEEKDAY.fullmatch(found.span.text) or not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", found.value or ""):
        return found
    day = date.fromisoformat(found.value)
    if day.isocalendar()[:2] != published.isocalendar()[:2]:
        return found
    return replace(found, value=(day - timedelta(days=7)).isoformat())


DATELINE_CHARS = 40  # the most characters of a dateline ("CAMBRIDGE, Mass., Dec. 11 (UPI) —")
HEADLINE_CHARS = 400  # the most characters of short paragraphs a text can open with as its headlines
HEADLINE_PARAGRAPH_CHARS = 120  # a paragraph longer than this is the story's first, no headline (titles are shorter)


def _headline_end(text: str) -> int:
    """Where the headline block ends: the short paragraphs (title, subtitle) before the first long
    one; -1 when the text opens with no such block or has no blank line at all."""
    end, n = 0, 0
    for paragraph in text.split("\n\n"):
        # a title and its subtitle on two lines of one paragraph ("U.S. presses ...; \nObama and Putin
        # fail ...") are headlines each; a story's first paragraph has a line longer than a title
        longest = max(len(line) for line in paragraph.split("\n"))
        if longest > HEADLINE_PARAGRAPH_CHARS or end + len(paragraph) > HEADLINE_CHARS or n == 3:
            return end if 0 < end < len(text) else -1
        end += len(paragraph) + 2
        n += 1
    return -1


def _visit_to_nowhere(frame: Frame) -> bool:
    """A visit that names no one and nowhere visited and no other party, and no date or only a purpose:
    "Clinton's visit comes as ...", "on his first trip from the airport", "Trump's visit Monday to speak
    to the Detroit Economic Club" say who went, not whom they met (a named with-party does: "the
    visit with Klein")."""
    if frame.partnered and any(p.key for p in frame.parties):
        return False  # "the visit with Klein comes as ...": a with-phrase names whom the visitor met
    purpose = any(c.dep_ in ("acl", "relcl", "advcl") and c.tag_ == "VB" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                                        for g in c.children) for c in frame.head.children)
    return (VISIT in frame.kinds and frame.host is None and frame.place is None and frame.building is None
            and (frame.date is None or purpose)
            and len({p.key or p.span for p in frame.parties}) < 2)


def _clause_date(doc: Doc, frame: Frame, timexes: list[TimeExpression]) -> TimeExpression | None:
    """The date of the trigger's clause: ``date_for``'s choice when it lies in that clause ("met
    Putin on Tuesday", "a meeting Thursday"), else none ("his visit to Mexico reminds me of the trip
    Reagan made to Geneva in 1985": 1985 dates another verb's clause, not the visit; "his visit reminds
    me of Reagan's trip, in 1985": a date on the verb a nominal trigger is the subject of dates that verb,
    unless the verb says the meeting took place or was held: "the talks began on Monday")."""
    return _clause_date_among(doc, frame, timexes, is_calendar_timex)


def _coarse_clause_date(doc: Doc, frame: Frame, timexes: list[TimeExpression]) -> TimeExpression | None:
    """Failing a day, month or year, the week, season or part of a day that dates the trigger's clause
    ("this week", "last spring", "Saturday night": its day)."""
    found = _clause_date_among(doc, frame, timexes, _week_season_or_part_of_day)
    if found is not None and _PART_OF_DAY.fullmatch(found.value or ""):
        found = replace(found, value=found.value[:10])  # the day of "Tuesday night"; its key still links it
    return found


_WEEK_OR_SEASON = re.compile(r"\d{4}-(?:W\d{2}(?:-WE)?|SP|SU|FA|WI)")
_PART_OF_DAY = re.compile(r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI|DT)")


def _week_season_or_part_of_day(t: TimeExpression) -> bool:
    """A week ("this week", "last weekend"), a season ("last spring") or a part of a named day ("Tuesday
    night", "this morning"), not a clock time ("2 p.m.": its day is the publication's unless the text
    says another)."""
    return bool(t.value) and (t.type == "DATE" and _WEEK_OR_SEASON.fullmatch(t.value) is not None
                              or t.type == "TIME" and _PART_OF_DAY.fullmatch(t.value) is not None)


def _clause_date_among(doc: Doc, frame: Frame, timexes: list[TimeExpression],
                       accepts: Callable[[TimeExpression], bool]) -> TimeExpression | None:
    """``_clause_date`` over the expressions ``accepts`` takes; of two that date the clause, the finer
    when it lies within the other ("its final meeting of the year in December": December)."""
    found = date_for(doc, frame.trigger, timexes, accepts)
    dated = None if found is None else _dating_clause(doc, frame, found, timexes)
    if dated is None or dated is not found:
        return dated
    sent = frame.head.sent
    finer = [t for t in timexes if t is not found and accepts(t) and sent.start_char <= t.span.begin < sent.end_char
             and (t.value or "").startswith(f"{found.value}-")]
    return next((t for t in finer if _dating_clause(doc, frame, t, timexes) is t), found)


def _dating_clause(doc: Doc, frame: Frame, found: TimeExpression,
                   timexes: list[TimeExpression]) -> TimeExpression | None:
    """``found`` (or the year said for its day) when it dates the trigger's clause, else None."""
    chain = clause_chain(frame.head)
    top, own = chain[-1], {t.i for t in chain}
    tokens = doc.char_span(found.span.begin, found.span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    if not top.left_edge.i <= tokens.root.i <= top.right_edge.i:
        # "When I first met Nega, in late May 2016, the conditions were ...": a when-clause is
        # as dated as the clause it is of
        return found if _dates_simultaneous_clause(top, tokens.root) else None
    t = tokens.root
    if _bounds(t) or _before_complement(top, tokens) or _modifies_other_noun(frame.head, tokens):
        return None  # "will meet before January"; "said on Friday he met"; "after the 2012 loss"
    through_trigger = t.i == frame.head.i  # "the early January meeting": inside the trigger's own phrase
    governor = climb(frame.head).head
    through_governor = False  # "wants to hold talks next week": on the verb the trigger is the object of
    while t.i != top.i and t.head.i != t.i:  # up to the clause, through no clause of another verb
        t = t.head
        through_trigger = through_trigger or t.i == frame.head.i
        through_governor = through_governor or (t.i == governor.i and t.i != top.i)
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "acl", "advcl", "ccomp") and t.i not in own and not (
                _holds(t, frame.head)):
            return None
        if t.i == top.i and not through_trigger and (_subject_of_another_event(frame.head, top) or (
                not through_governor and _object_of_embedded_event(frame.head, top))):
            return None
    return _year_said(doc, found, tokens, own, timexes) or found


_SIMULTANEOUS = ("when", "as", "while")  # not "before", "after", "until": those clauses are of another time


def _dates_simultaneous_clause(clause: Token, timex_root: Token) -> bool:
    """Whether a time expression on the verb a when-, as- or while-clause modifies dates that clause
    too: the two events share their time ("When they met, in May, ...", "As he visited Rome on
    Monday, ..."), but not when the verb is one of saying ("said on Friday, when he met her")."""
    if clause.dep_ != "advcl" or not any(c.dep_ in ("advmod", "mark") and c.lower_ in _SIMULTANEOUS
                                          for c in clause.children):
        return False
    main = clause.head
    if main.lemma_.lower() in word_set("speech_cues.txt"):
        return False
    t = timex_root.head if timex_root.dep_ == "pobj" and timex_root.head.dep_ == "prep" else timex_root
    return t.head.i == main.i and t.dep_ in ("prep", "npadvmod", "advmod", "nmod")


def _before_complement(clause: Token, timex_tokens) -> bool:
    """A time expression right after a verb, before the subject of the complement clause holding the
    trigger ("Adelson said on Friday he met Trump earlier this week"): it dates the verb the clause is
    the complement of, however the parser attached it. Not one after the verb's own object ("Sanders
    announced his candidacy last spring, Mook was holding a meeting": that parse is no complement)."""
    verb = clause.head
    if clause.dep_ != "ccomp" or not verb.i < timex_tokens.start:
        return False
    if any(t.dep_ not in ("prep", "advmod", "punct") for t in verb.doc[verb.i + 1:timex_tokens.start]):
        return False
    opener = min((c.left_edge.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "mark", "expl")),
                 default=None)
    return opener is not None and timex_tokens.end <= opener


def _modifies_other_noun(head: Token, timex_tokens) -> bool:
    """A bare year modifying a noun other than the trigger ("the summer after the 2012 loss"; "the
    Climate Action 2016 summit", "a Vision 2020 summit": the year of a name need not be the meeting's),
    not the trigger itself ("the 2009 Copenhagen summit"): it dates that noun."""
    root = timex_tokens.root
    if len(timex_tokens) != 1 or not _YEAR.fullmatch(root.text) or root.dep_ not in ("nummod", "compound", "amod"):
        return False
    return root.head.i != head.i and root.head.pos_ in ("NOUN", "PROPN")


def _holds(verb: Token, head: Token) -> bool:
    """A relative clause on the trigger that says the meeting was held or took place ("a meeting he had
    with Rubio a year ago", "the talks held on Monday"): its date is the meeting's."""
    return verb.dep_ in ("relcl", "acl") and verb.head.i == head.i and verb.lemma_.lower() in word_set(
        "meeting_holding_verbs.txt")


def _subject_of_another_event(head: Token, verb: Token) -> bool:
    """A nominal trigger that is the subject of a verb of another event ("his visit reminds me"), not
    of one saying that it happened ("the talks began", "the meeting was held"); or the object of one
    ("In an interview last week, he described the meeting"), not of one that holds, arranges or plans
    it ("held talks Monday", "scheduled a meeting for Thursday")."""
    top = climb(head)
    if head.pos_ != "NOUN" or top.dep_ not in ("nsubj", "nsubjpass", "dobj") or top.head.i != verb.i:
        return False
    lemma = verb.lemma_.lower()
    said_to_happen = word_set("meeting_occur_verbs.txt") | word_set("meeting_support_verbs.txt")  # "ended the meeting"
    if top.dep_ == "dobj":
        return lemma not in said_to_happen | word_set("meeting_arrange_verbs.txt") | word_set("meeting_plan_words.txt")
    return lemma not in said_to_happen


def _object_of_embedded_event(head: Token, top: Token) -> bool:
    """A nominal trigger that is the object of a verb below the clause's own, of another event than
    the meeting ("called on the government Wednesday to block Trump's visit": Wednesday is when they
    called, the visit is later), not of one that holds, arranges or plans it ("agreed Monday to hold
    talks"): a date on the clause's verb dates the calling, not the meeting."""
    noun = climb(head)
    verb = noun.head
    if head.pos_ != "NOUN" or noun.dep_ not in ("dobj", "obj") or verb.i == top.i or verb.pos_ != "VERB":
        return False
    happen = word_set("meeting_occur_verbs.txt") | word_set("meeting_support_verbs.txt")
    return verb.lemma_.lower() not in happen | word_set("meeting_arrange_verbs.txt") | word_set("meeting_plan_words.txt")


def _year_said(doc: Doc, found: TimeExpression, found_tokens, own: set[int],
               timexes: list[TimeExpression]) -> TimeExpression | None:
    """A year the clause gives its day or month ("met on March 25 of last year", "Last year, they met in
    June"): the day's value took the publication year, the year said is the one the text places it in
    (a year that modifies another noun, "after the 2014 election", dates that noun, not the meeting)."""
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", found.value or ""):
        return None
    anchors = own | {t.i for t in found_tokens}
    for t in timexes:
        if t is found or t.type != "DATE" or not re.fullmatch(r"\d{4}", t.value or "") or t.value == found.value[:4]:
            continue
        tokens = doc.char_span(t.span.begin, t.span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        inside = {x.i for x in tokens}
        x = tokens.root
        while x.i not in anchors and x.head.i != x.i and (x.i in inside or x.pos_ not in ("NOUN", "PROPN", "VERB", "AUX")):
            x = x.head
        if x.i in anchors:
            return t
    return None


_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s|$)")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _past_story(text: str, found: TimeExpression, timexes: list[TimeExpression]) -> TimeExpression | None:
    """For a month or day said without its year ("they met on March 3") that took a later year than
    that of the story around it, the date setting the story: the latest date before it, in its
    paragraph or the one before ("In 2001, ... On March 3 they met"; "On March 2, 2015, ... the
    following day, ... On March 25, they had a conference call"). Relative dates ("Tuesday",
    "last week") are the reporter's own time and keep theirs."""
    value = found.value or ""
    if not re.match(r"\d{4}", value) or _YEAR.search(found.span.text) or not _MONTH.search(found.span.text):
        return None
    before = [t for t in timexes if t.type == "DATE" and t.span.end <= found.span.begin and t is not found
              and re.match(r"\d{4}", t.value or "")]
    if not before:
        return None
    last = max(before, key=lambda t: t.span.begin)
    near = text.count("\n\n", last.span.end, found.span.begin) <= 1
    return last if near and int(last.value[:4]) < int(value[:4]) else None


def _in_story_year(found: TimeExpression, story: TimeExpression) -> TimeExpression | None:
    """``found`` moved to the year of the date ``story`` that sets it, when it then follows that date
    (the story runs forward: "In May 2001, ... In August" is August 2001); else None, as the text
    does not settle the year ("In December 2015, ... In March": 2015 or 2016)."""
    value = f"{story.value[:4]}{found.value[4:]}"
    parts = _calendar_parts(value)
    since = _calendar_parts(re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", story.value).group(0))  # "2001-SU": 2001
    if parts is None or since is None or parts[:len(since)] < since[:len(parts)]:
        return None
    return replace(found, value=value)


def _quoted_relative(doc: Doc, found: TimeExpression) -> bool:
    """A date said relative to the time of speaking ("yesterday", "on Tuesday", "last week": no year and
    no month named) inside a quotation: it counts from when the words were said, which the article need
    not give, not from the publication date."""
    said = found.span.text
    return not _YEAR.search(said) and not _MONTH.search(said) and docindex.quoted_text(doc).inside(found.span.begin)


def _said_on(found: TimeExpression, statements: list[Statement], published: date | None) -> bool:
    """Whether the quotation holding a time expression was said on the publication day ("'a meeting next
    week,' Ryan tweeted Friday", published that Friday): its relative dates count from that day too."""
    return published is not None and any(
        s.date == published.isoformat() and any(c.begin <= found.span.begin < c.end for c in s.content)
        for s in statements)


def _bounds(timex_root: Token) -> bool:
    """Whether a time expression is the object of a preposition that bounds the event rather than
    dates it ("before January", "since March", "by Friday", "ahead of the convention", "prior to"), or
    the possessor of such an object ("ahead of last week's primary": the week is the primary's)."""
    if timex_root.dep_ == "poss" and timex_root.head.dep_ == "pobj":
        timex_root = timex_root.head
    prep = timex_root.head if timex_root.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep":
        return False
    bound = prepositions("bound")
    if prep.lower_ in bound:
        return True  # "before January"
    return prep.lower_ in ("of", "to") and prep.head.lower_ in bound  # "ahead of", "prior to"


def _after(value: str | None, published: date) -> bool:
    """Whether a TIMEX3 day, month or year value lies wholly after the publication date."""
    parts = _calendar_parts(value)
    return parts is not None and parts > (published.year, published.month, published.day)[:len(parts)]


def _on_or_before(value: str | None, published: date) -> bool:
    """Whether a TIMEX3 day, month or year value lies wholly on or before the publication date."""
    parts = _calendar_parts(value)
    return parts is not None and parts <= (published.year, published.month, published.day)[:len(parts)]


def _calendar_parts(value: str | None) -> tuple[int, ...] | None:
    """(year[, month[, day]]) of a TIMEX3 day, month or year value, else None (a week, a season)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    return tuple(int(g) for g in m.groups() if g is not None) if m is not None else None


def _dateline_place(doc: Doc, ents: Owners) -> Party | None:
    """The place of a dateline ("MOSCOW, Dec 24 (Reuters) -"): a place named in capitals at the very
    start of the text and followed by a comma, a dash or a bracket; where the story, and the
    meetings it reports without naming a place, happened."""
    for span, e in ents.mentions[:1]:
        text = article_text(doc)
        after = text[span.end:span.end + 2].strip()[:1]
        if (span.begin <= 2 and not text[:span.begin].strip() and e.type == PLACE
                and span.text.isupper() and after in DATELINE_MARKS):
            return Party(e.key, span, PLACE)
    return None


def _lead_dateline(ents: Owners, datelines: frozenset[Span], sents: tuple[Span, ...],
                   lead_end: int) -> tuple[int, Party] | None:
    """The dateline opening the story's first paragraph after its headline ("ORLANDO, Fla. (Reuters) -"),
    and the index of its sentence: a meeting that sentence reports as done, naming no place, is where
    the reporter filed from. Meetings later in the story may be anywhere, so only that sentence's."""
    first = min(datelines, key=lambda s: s.begin, default=None)
    if first is None or first.begin not in (0, lead_end):
        return None
    entity = next((e for span, e in ents.mentions if span == first), None)
    if entity is None:
        return None
    n = sentence_index(sents, first.begin)
    if sents[n].end - first.begin <= DATELINE_CHARS and n + 1 < len(sents):
        n += 1  # the splitter made a sentence of the dateline alone: the lead sentence is the next
    return n, Party(entity.key, first, PLACE)


def _meeting(doc: Doc, f: Frame, n: int, sents: tuple[Span, ...]) -> Meeting:
    parties = list(dict.fromkeys(p for p in f.parties if p.key))
    if f.host is not None and f.host.key and all(p.key != f.host.key for p in parties):
        parties.append(f.host)
    # a building named as an organisation ("at the White House"): building_places makes it a Place
    where = f.place or f.building
    kinds = list(dict.fromkeys(f.kinds))
    if PHONE_CALL in kinds or VIDEO_CALL in kinds:
        kinds = [k for k in kinds if k != IN_PERSON]
    elif where is not None and IN_PERSON not in kinds:  # a meeting somewhere, not a call
        kinds.append(IN_PERSON)
    # the people no entity stands for are parties too ("Priebus and other RNC officials": two sides)
    distinct = {p.key for p in parties} | {p.span.text.lower() for p in f.parties if p.key is None}
    if len(distinct) == 2:
        kinds.append(BILATERAL)
    elif len(distinct) > 2:
        kinds.append(MULTILATERAL)
    sent = sents[sentence_index(sents, f.head.idx)]
    unresolved = list(dict.fromkeys(p.span for p in f.parties if p.key is None))
    return Meeting(
        key=f"meeting{n}", trigger=f.trigger, unresolved_participant_spans=unresolved,
        participants=[p.key for p in parties], participant_spans=[p.span for p in parties],
        host=f.host.key if f.host else None,
        location=where.key if where else None, location_span=where.span if where else None,
        date=f.date.value if f.date else None, time=f.date.key if f.date else None,
        status=f.status, kinds=kinds,
        sentence=Span.of(article_text(doc), sent.begin, len(article_text(doc)[:sent.end].rstrip())),
        extra_triggers=sorted(set(f.extra) - {f.trigger}),
    )


def link_statements(doc: Doc, statements: list[Statement], meetings: list[Meeting]) -> list[Statement]:
    """Statements made at or after a meeting get that meeting's key:

    * the cue's clause says so: "said after a meeting with ...", "told a press conference
      following the talks";
    * a participant reports the meeting itself: "Lavrov said he discussed the issues with ...";
    * the same speaker goes on in the next sentences ("He said ...") with no other meeting between.
    """
    trigger_of: dict[int, Meeting] = {}
    for m in meetings:
        for span in [m.trigger, *m.extra_triggers]:
            for t in doc.char_span(span.begin, span.end, alignment_mode="expand") or ():
                trigger_of[t.i] = m
    attended = prepositions("attended")
    sents = sentences(doc)
    out = list(statements)
    last: tuple[Statement, int] | None = None  # the last linked statement and its sentence
    for n in sorted(range(len(out)), key=lambda n: _start(out[n])):
        s = out[n]
        key = None
        cue_heads = {t.i for cue in s.cue for t in doc.char_span(cue.begin, cue.end, alignment_mode="expand") or ()}
        for i, m in trigger_of.items():
            t = doc[i]
            inside = any(c.begin <= t.idx < c.end for c in s.content)
            if not inside and t.dep_ == "pobj" and t.head.lower_ in attended and (
                    t.head.head.i in cue_heads or t.head.head.head.i in cue_heads):
                key = m.key
            elif inside and m.status == OCCURRED and s.speaker is not None and s.speaker in m.participants:
                key = key or m.key
        where = sentence_index(sents, _start(s))
        if key is None and last is not None and s.speaker is not None and s.speaker == last[0].speaker\
                and where - last[1] <= 2 and not any(
                    sents[last[1]].end <= doc[i].idx < sents[where].begin for i in trigger_of):
            key = last[0].meeting
        if key and s.meeting is None:
            out[n] = replace(s, meeting=key)
        if out[n].meeting is not None:
            last = (out[n], sentence_index(sents, max(sp.end for sp in [*s.content, *s.cue]) - 1)
                    if s.content or s.cue else where)
    return out


def _start(s: Statement) -> int:
    spans = [*s.content, *s.cue]
    return min(spans).begin if spans else 0


def participant_entities(meetings: list[Meeting], entities: list[Entity]) -> tuple[list[Entity], list[Meeting]]:
    """Entities for the participants no entity stands for ("the delegates", "film studios"), so that
    they can be participants; the same words in one article are one entity. Returns the new
    entities (article-local: "the delegates" of two articles are not the same) and the meetings
    with those entities added to their participants; with them the Place nodes of the buildings
    named as organisations that meetings were held in (``places.building_places``)."""
    organisation_nouns = word_set("meeting_organisation_nouns.txt")
    local = LocalEntities(entities)

    def kind_of(name: str) -> str:
        last = name.lower().split()[-1] if name.split() else ""
        return ORGANISATION if last in organisation_nouns or last.rstrip("s") in organisation_nouns else PERSON

    halls, meetings = building_places(meetings, entities)
    out = []
    for m in meetings:
        keys, spans = list(m.participants), list(m.participant_spans)
        for span in m.unresolved_participant_spans:
            name = _without_determiner(label_text(span.text))
            if not name:
                continue  # nothing but pictographs: no one to name
            entity = local.mention(name, span, f"{m.key}-participant{len(local.new)}", lambda: kind_of(name))
            if entity.key not in keys:
                keys.append(entity.key)
                spans.append(span)
        out.append(replace(m, participants=keys, participant_spans=spans) if keys != m.participants else m)
    return halls + local.new, out


def _without_determiner(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "some", "all", "both"):
        words = words[1:]
    return " ".join(words)
