"""Meetings: several frames that are mentions of one occasion merged into one."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.model import PLANNED
from kg.nlp.meetings.frames import Frame, opens_where_clause
from kg.nlp.meetings.readings import clause_chain
from kg.nlp.meetings.words import DEFINITE, PHONE_CALL, VIDEO_CALL, VISIT, word_set


def party_keys(frame: Frame) -> set[str]:
    keys = {p.key for p in frame.parties if p.key}
    if frame.host is not None and frame.host.key:
        keys.add(frame.host.key)
    return keys


def _same_meeting(earlier: Frame, later: Frame, last: bool) -> bool:
    """Two mentions of one occasion: the same status and no disagreement of date, place or kind
    ("visited Israel in March 2010" is not "the meeting at the White House", a call is not a visit);
    "the meeting" refers back only to the meeting just described (``last``: no other meeting is
    mentioned after ``earlier``'s last mention), "another meeting" and "met again" to none."""
    a, b = party_keys(earlier), party_keys(later)
    if earlier.sentence == later.sentence and _place_visit(later) and b and b <= a and not (
            earlier.place and later.place and earlier.place.key != later.place.key):
        return True  # "They met again ... when Mr. Obama was visiting Jerusalem": where they met
    if earlier.status != later.status or later.distinct or _other_partner(earlier, later):
        return False
    if earlier.sentence == later.sentence and (_where_clause_of(earlier, later) or _met_on_the_visit(earlier, later)) and (
            _agree(earlier, later)):
        return True  # "Trump's visit to Mexico, where he met the Mexican president": whom he met there
    if last and earlier.headline and not later.headline and a <= b and (a or _one_word(earlier, later)) and (
            later.sentence - earlier.sentence <= REFERENCE_SENTENCES) and _agree(earlier, later):
        return True  # a headline's meeting is the one the story opens with ("AT SUMMIT IN OTTAWA" ... "the summit")
    if _headline_told(earlier, later) and not b:
        return True  # "Private Meeting Between X, Y" ... "talks for weeks ... culminated in a meeting in Paris Friday"
    remote = {PHONE_CALL, VIDEO_CALL}
    if bool(remote & set(earlier.kinds)) != bool(remote & set(later.kinds)) and (
            VISIT in earlier.kinds or VISIT in later.kinds or earlier.place or later.place):
        return False
    if not _agree(earlier, later):
        return False
    near = later.sentence - max(earlier.sentence, earlier.last_sentence) <= REFERENCE_SENTENCES
    if last and near and (later.referring or _said_of_it(later)) and (b <= a or (a and a <= b)) and not any(
            p.key is None for p in later.parties) and not later.verbal:
        return True  # "the talks", "their meeting": back to the meeting just described
    if last and near and later.both_sides and b <= a:
        return True  # "the two sides agreed": the parties of the meeting just described
    if last and near and later.referring and not later.verbal and not a and earlier.host is None and (
            _one_word(earlier, later) or _word(later) in {s.text.lower() for s in earlier.extra}):
        return True  # "the summit Thursday" (no one named) ... "his meeting with Ryan": who met at it
    if _planned_trip(earlier, later) or _planned_trip(later, earlier):
        return True  # "will meet Trump when he arrives in Israel" ... "to block Trump's visit to Israel"
    if last and b and b <= a and _named_possessor(later, a):
        return True  # "a tense meeting with House Democrats" ... pages on, "Eggleston's meeting with the Democrats"
    if last and not near and _continues(earlier, later):
        return True  # "an April 2012 meeting" ... many lines on, "an employee who attended the meeting"
    return len(a) >= 2 and a == b


def _headline_told(headline: Frame, later: Frame) -> bool:
    """The story's first telling of the headline's meeting, wherever other mentions fall between ("Private
    Meeting Between X, Y" ... "Y had been talking with X's aides for weeks. This culminated in a meeting in
    Paris on Friday"): the same word, in the body's opening sentences, a noun that names no partner of its
    own and no date or place the headline's disagrees with, and no other meeting of the headline's told yet."""
    return (headline.headline and not later.headline and headline.last_sentence < 0 and not later.verbal
            and not later.partnered and _one_word(headline, later) and _agree(headline, later)
            and later.sentence - headline.sentence <= REFERENCE_SENTENCES)


def _said_of_it(frame: Frame) -> bool:
    """A meeting noun said of a pronoun ("it was a very constructive meeting", "that was a good
    meeting"): what the pronoun stands for, the meeting just told of, not a new one."""
    head = frame.head
    copula = head.head
    return (not frame.verbal and head.dep_ == "attr" and copula.lemma_.lower() == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in copula.children))


def _where_clause_of(earlier: Frame, later: Frame) -> bool:
    """``later``'s trigger heads a "where" clause on a word of ``earlier``'s trigger phrase ("a visit to
    Mexico, where he met the president", "his trip to Geneva, where he held talks"): the clause tells
    what happened on that occasion, so it is the same one."""
    head = later.head
    return opens_where_clause(head) and head.head.i in {t.i for t in earlier.head.subtree} and head.head.i != earlier.head.i


def _met_on_the_visit(visit: Frame, meeting: Frame) -> bool:
    """A visit in a "during" or "on" phrase of the verb of the meeting ("During his trip to Moscow, he
    met Putin", "On a visit to Lisbon, she held talks with ..."): whom the visitor met on that visit,
    one occasion with it (its place the visit's)."""
    head = visit.head
    return VISIT in visit.kinds and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in (
        "during", "on") and head.head.head.i in {t.i for t in clause_chain(meeting.head)}


def _named_possessor(frame: Frame, keys: set[str]) -> bool:
    """A meeting noun whose possessor is a name of one of ``keys`` ("Eggleston's meeting with the
    Democrats"): a definite mention, of a meeting of that party's the reader already knows."""
    poss = [c for c in frame.head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    return not frame.verbal and any(p.key in keys and p.span.begin <= c.idx < p.span.end
                                    for c in poss for p in frame.parties if p.key)


def _planned_trip(meeting: Frame, visit: Frame) -> bool:
    """A planned visit of a party of a planned meeting to the place that meeting is to be held in ("will
    meet Trump when he arrives in Israel later this month" ... "called on the government to block
    Trump's visit to Israel"): the trip the meeting is to take place on (a person makes one planned
    journey to one place in a story; occasions that took place may be years apart, so only plans)."""
    if VISIT not in visit.kinds or meeting.status != PLANNED or visit.status != PLANNED or meeting.place is None or visit.place is None:
        return False
    visitors = party_keys(visit)
    return (meeting.place.key == visit.place.key and bool(visitors) and visitors <= party_keys(meeting)
            and not visit.distinct and not meeting.distinct and _agree(meeting, visit))


def _other_partner(earlier: Frame, later: Frame) -> bool:
    """Both mentions say whom the meeting was with, and the later names a party the earlier does not
    ("right after meeting with the Senate caucus, and hours before his meeting with Clinton"): two
    occasions, whatever else they share."""
    return _with_someone(earlier) and _with_someone(later) and bool(party_keys(later) - party_keys(earlier))


def _with_someone(frame: Frame) -> bool:
    """A with- or between-phrase of the trigger itself, whether or not an entity stands for its object
    ("meeting with the rest of the caucus")."""
    return frame.partnered or any(c.dep_ == "prep" and c.lower_ in ("with", "between") and any(
        g.dep_ == "pobj" for g in c.children) for c in frame.head.children)


def _continues(earlier: Frame, later: Frame) -> bool:
    """A bare definite mention far from the latest meeting ("the meeting", no date, no place, no
    with-phrase, no party named inside its phrase) is that meeting again: the article has described no
    other since. Who attended it ("X, who attended the meeting") joins its parties; a new partner
    ("the meeting with Y", "the AIPAC meeting") does not."""
    if not party_keys(later) <= party_keys(earlier) and not (
            later.head.dep_ == "dobj" and later.head.head.lemma_.lower() in word_set("meeting_support_verbs.txt")) and not (
            _been_at(later)):
        return False  # a new party only as who attended or held it: "speaking after the meeting, X" is no attendee
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in later.head.children)
    own = {t.i for t in later.head.subtree}
    if any(t.i in own for t in later.party_heads):
        return False  # "skipped the AIPAC meeting": the phrase names its own parties, another meeting
    words = {_word(earlier), *(s.text.lower() for s in earlier.extra)}
    words |= {w + "ing" for w in words}  # "met" ... "the meeting"
    return (definite and not later.verbal and later.date is None and later.place is None
            and later.venue is None and not later.partnered and _word(later) in words)


def _been_at(frame: Frame) -> bool:
    """"Some of Sanders's advisers, including his wife, Jane, also were at the meeting": who was there."""
    head = frame.head
    return head.dep_ == "pobj" and head.head.lower_ == "at" and head.head.head.lemma_.lower() == "be"


def _word(frame: Frame) -> str:
    return frame.head.lemma_.lower()


def _one_word(earlier: Frame, later: Frame) -> bool:
    """The same trigger word, a noun or its verb: a headline's "meeting in China" is the body's "met"."""
    one, other = _word(earlier), _word(later)
    return one == other or one in (other + "ing", other + "s") or other in (one + "ing", one + "s")


def _agree(earlier: Frame, later: Frame) -> bool:
    """No date or place of the one says it is another occasion than the other: a month holds its
    days ("will meet later this month" and "the Dec. 28 meeting" agree; March and April do not)."""
    if earlier.date and later.date and not _within(earlier.date.value, later.date.value):
        return False
    here, there = earlier.place or earlier.venue, later.place or later.venue
    return not (here and there and here.key != there.key)


def _within(one: str | None, other: str | None) -> bool:
    """The same TIMEX3 value, or a year or month and a day or month inside it ("2015-12", "2015-12-28")."""
    if one == other:
        return True
    if one and other and (_WEEK.fullmatch(one) or _WEEK.fullmatch(other)):
        return _week_holds(one, other)
    if one and other and (_SEASON.fullmatch(one) or _SEASON.fullmatch(other)):
        return _season_holds(one, other)
    if not one or not other or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", one) or not re.fullmatch(
            r"\d{4}(?:-\d{2}){0,2}", other):
        return False
    short, long = sorted((one, other), key=len)
    return long.startswith(short + "-")


_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-WE)?")


def _week_holds(one: str, other: str) -> bool:
    """A week ("2016-W19") and a day in it, or a month or year it overlaps ("this week" ... "Thursday")."""
    week, value = (one, other) if _WEEK.fullmatch(one) else (other, one)
    w = _WEEK.fullmatch(week)
    try:
        monday = date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
    except ValueError:
        return False
    days = [monday + timedelta(days=n) for n in range(7)]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value) in days
    if re.fullmatch(r"\d{4}(?:-\d{2})?", value):
        return any(d.isoformat().startswith(value + "-") for d in days)
    return False


_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}


def _season_holds(one: str, other: str) -> bool:
    """A season ("2015-SP") and a day or month in it, or its year ("last spring" ... "in April")."""
    season, value = (one, other) if _SEASON.fullmatch(one) else (other, one)
    s = _SEASON.fullmatch(season)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", value)
    if m is None:
        return False
    year, month = int(m.group(1)), m.group(2)
    months = _SEASON_MONTHS[s.group(2)]
    if month is None:
        return year == int(s.group(1))
    if s.group(2) == "WI":  # which winter a year's is, is not settled: its January and February, or December
        return int(month) in months and year in (int(s.group(1)), int(s.group(1)) + (int(month) < 12))
    return int(month) in months and year == int(s.group(1))


REFERENCE_SENTENCES = 3  # "the talks" farther on than this from the meeting's last mention is another story


def _place_visit(frame: Frame) -> bool:
    return VISIT in frame.kinds and frame.host is None and frame.place is not None


def merge(frames: list[Frame]) -> list[Frame]:
    out: list[Frame] = []
    for f in frames:
        # the record mentioned last, not the one made last: "meets with the president of Mexico" may
        # have gone back to the first record after "to meet the victims" made a second
        # the nearest compatible earlier meeting: the records in the order of their last mention, latest first
        order = sorted(reversed(out), key=lambda m: -max(m.sentence, m.last_sentence))
        target = next((m for n, m in enumerate(order) if _same_meeting(m, f, n == 0)), None)
        if target is None:
            if f.both_sides and out:  # "the two ministers will meet again": the last meeting's parties
                known = party_keys(f)
                f.parties.extend(p for p in out[-1].parties if p.key and p.key not in known)
            out.append(f)
            continue
        target.extra.extend([f.trigger, *f.extra])
        target.last_sentence = f.sentence
        if target.date is None or (f.date is not None and len(f.date.value or "") > len(target.date.value or "")):
            target.date = f.date  # the finer of two agreeing dates: "later this month" ... "the Dec. 28 meeting"
        target.place = target.place or f.place
        target.building = target.building or f.building
        # every sentence's words for the parties are kept: each is a mention of its entity
        target.parties.extend(p for p in f.parties if p.key and p not in target.parties)
        if not any(p.key is None for p in target.parties):  # "North American leaders", named only later
            target.parties.extend(p for p in f.parties if p.key is None)
        target.kinds.extend(k for k in f.kinds if k not in target.kinds)
    return out
