"""Meetings: who met whom, where and when.

A meeting (``../shared/eval/MEETINGS.md``) is one occasion on which two or more parties come together
to talk with each other: talks, a visit to a person or a government, a summit, a call. It is found at
a trigger word from ``lexicon/meeting_triggers.txt`` (met, talks, visited, summit, phone call, ...)
and its frame is read off the dependency parse around the trigger:

* participants: the verb's subject and object, "with"/"between" phrases, a noun's possessor
  ("his visit"), the subject of a clause that held, attended or invited to it ("held talks", "said
  after a meeting", "invited Mr. Trump to a meeting"), each with its coordinated names; pronouns and
  nominals are resolved to entities ("their meeting": the coordination it refers to; "my" in a
  quotation: its speaker); a phrase no entity stands for counts only when it names people; whom a
  party tells or thanks at the meeting, whom one sends to it and the names an apposition gives take
  part; a modifier is no party ("GOP leaders" are the leaders, "a White House meeting" is where);
* place: an "in"/"at"/"aboard" phrase naming a place, or what was visited, also the place named inside
  that phrase ("at HP's headquarters in Palo Alto", "at the Phoenix airport", "on her plane in
  Phoenix"), or of the verb saying where the meeting noun was held ("the meeting was held at the
  field office in White Plains", "the talks took place in Geneva") or in a time phrase the parser hung it on ("over the next two days in Cleveland"), or set
  off by a comma right after a nominal trigger ("the alliance's last summit meeting, in Wales"), or the
  noun a "where" clause of the trigger tells of ("a visit to Mexico, where he met"); a seat or a
  building kg types Organisation ("at the White House", "on Capitol Hill", "at the Mayflower Hotel",
  ``lexicon/meeting_seat_names.txt``, ``lexicon/meeting_building_nouns.txt``), or an organisation the
  trigger's own "at" phrase names ("will convene at Goldman Sachs"), is the place as a Place node of
  its own (``places``), the building beside the institution;
* date: the time expression that dates the clause (``kg.nlp.timex.date_for``), or the year the
  clause gives it ("on March 25 of last year"); failing a day, month or year, a week, season or part
  of a named day ("this week", "last spring", "Saturday night": its day); a relative clause that holds
  the meeting dates it ("a meeting he had with Rubio a year ago"); none when a month said without its
  year took the publication year inside a story of an earlier year ("In 2001, ... On March 3, they
  met"), none for a relative date inside a quotation ("'we met yesterday,' she said": the speaker's
  yesterday) unless the quotation was said on the publication day, or one on the verb a nominal
  trigger is the subject or object of ("his visit reminds me of 1985", "in an interview Tuesday, he
  described the meeting");
* status: planned ("will meet", "agreed to meet", "a planned summit", "ahead of the summit" in a
  clause that is not past, unless its date is) or cancelled ("called off
  the talks"; not when the cancelling is only asked for: "requests to cancel the meeting") from the
  words that govern the trigger; negated triggers ("did not meet") are dropped.

The parse also says when a trigger is no meeting: a debate or an interview with the press (not in
the trigger list), a call or talk with the press or the public ("a conference call with reporters"),
several occasions or none ("meetings", "phone calls", "meets voters every day", "people I have
met", "would you meet them?", "would like to go there to meet", "a pledge to be neutral during peace
talks"), the writer's own encounters ("I met with Sanders in his office", "I" outside any quotation),
a pronoun that only gathered ("they convened"), a visit to a building by its name ("his visit to
Trump Tower"), other senses ("make ends meet", "a threshold met by"), a campaign
stop ("visited Missouri": a visit goes to a person or a government; the home country a city is
judged from is the dateline's, else the article's most named one).

Several sentences often describe one meeting ("met Putin in Moscow" ... "The talks covered ..."):
a definite nominal trigger refers back to the meeting just described when its parties agree (and,
however far on, to the meeting mentioned last when it names no date, place or party of its own: "an
employee who attended the meeting"), a headline's meeting is the one the story opens with (also the body's first mention of its word
that names no one, whatever mentions fall between: "Private Meeting Between X, Y" ... "this
culminated in a meeting in Washington Friday"), a meeting noun said of "it" is the meeting just told
("it was a very constructive meeting"), a definite mention goes back to the meeting mentioned last
(not the record made last), and
two triggers with the same participants are one meeting (extra triggers), and so are a visit and
the meeting its "where" clause or a "during"/"on" phrase of its verb tells of ("a visit to Mexico,
where he met the president", "During his trip to Moscow, he met Putin"), a definite mention and the
record just before it that named no one ("the summit Thursday" ... "his meeting with Ryan"), a
meeting noun whose possessor names a party of the meeting mentioned last ("Eggleston's meeting with
the Democrats"), and a planned meeting and its party's planned visit to its place; a date, place or kind
that disagrees (a month and a day inside it agree), "another", "again", or a with-phrase naming a
partner the other mention's with-phrase did not ("after meeting with the caucus ... before his
meeting with Clinton") keeps two occasions apart.

The package has one room per job: ``words`` (shared word lists, trigger entries and labels),
``sentence_split`` (sentences and which one a character is in), ``pronouns`` (whom a pronoun stands
for), ``parties`` (the party a phrase names), ``triggers`` (trigger words found in the text),
``readings`` (what the parse around a trigger says), ``places`` (seats and buildings as places),
``frames`` (a trigger's meeting with its parties resolved), ``occasion`` (one specific occasion or not), ``merging`` (mentions of one meeting
made one) and ``assembly`` (all meetings of an article, statements linked to them, participant
entities).
"""

from kg.nlp.meetings.assembly import find_meetings, link_statements, participant_entities
from kg.nlp.meetings.sentence_split import sentences
from kg.nlp.meetings.words import trigger_words

__all__ = ["find_meetings", "link_statements", "participant_entities", "sentences", "trigger_words"]
