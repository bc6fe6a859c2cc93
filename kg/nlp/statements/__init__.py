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

The package has one room per job: ``words`` (shared word lists and labels), ``cues`` (the words that
report), ``content`` (what was said and its spans), ``speakers`` (who said it), ``reports`` (one
statement per kind of cue) and ``assembly`` (all statements of an article, one per content).
"""

from kg.nlp.statements.assembly import find_statements
from kg.nlp.statements.speakers import SpeakerResolver, speaker_entities
from kg.nlp.statements.words import cue_words

__all__ = ["SpeakerResolver", "cue_words", "find_statements", "speaker_entities"]
