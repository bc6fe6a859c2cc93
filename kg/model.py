"""Plain dataclasses that flow between the stages. No RDF, no spaCy here.

Every span is a pair of Unicode code point offsets into ``Article.text`` (end exclusive), with the
text it covers, so that any fact can be traced back to its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Entity classes, mention types, statement modes and meeting statuses, as plain strings so that
# stages stay free of the ontology; kg/graph.py maps them to IRIs and rejects unknown values.
PERSON, ORGANISATION, PLACE = "Person", "Organisation", "Place"
NAME, NOMINAL, PRONOUN = "Name", "Nominal", "Pronoun"
DIRECT, INDIRECT, MIXED = "Direct", "Indirect", "Mixed"
OCCURRED, PLANNED, CANCELLED = "Occurred", "Planned", "Cancelled"


@dataclass(frozen=True, order=True)
class Span:
    begin: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, begin: int, end: int) -> "Span":
        return cls(begin, end, text[begin:end])

    def overlaps(self, other: "Span") -> bool:
        return self.begin < other.end and other.begin < self.end

    def contains(self, other: "Span") -> bool:
        return self.begin <= other.begin and other.end <= self.end


@dataclass
class Article:
    id: str
    text: str
    date: date | None = None
    title: str | None = None
    source: str = ""  # where it was read from, for messages ("file.jsonl:12", "-")


@dataclass(frozen=True)
class Mention:
    span: Span
    kind: str = NAME  # NAME | NOMINAL | PRONOUN


@dataclass
class Role:
    title: str  # the post as the text names it, normalised: "Foreign Minister"
    span: Span | None = None  # where the text gives it
    of: str | None = None  # key of the organisation or place the post belongs to
    former: bool = False  # "his predecessor", "former president"


@dataclass
class Entity:
    key: str  # unique inside one Extraction; stages refer to entities by it
    type: str  # PERSON | ORGANISATION | PLACE
    name: str  # canonical name: the longest full name the article gives
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names seen: "Lavrov", "UN"
    roles: list[Role] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)  # IRIs of the same entity elsewhere
    country: str | None = None  # key of the place a demonym or nationality ties it to
    local: bool = False  # a group named only by common nouns ("the delegates"): never shared across articles


@dataclass
class TimeExpression:
    key: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value; None when it cannot be resolved (no publication date)
    anchor: str | None = None  # key of the expression it was resolved against, if not the dateline


@dataclass
class Statement:
    key: str
    content: list[Span]
    mode: str  # DIRECT | INDIRECT | MIXED
    cue: list[Span] = field(default_factory=list)
    speaker: str | None = None  # entity key; None when the speaker cannot be resolved
    speaker_span: Span | None = None
    addressee: str | None = None  # entity key
    addressee_span: Span | None = None
    reported_by: str | None = None  # entity key of the outlet relaying it ("Sana reported")
    date: str | None = None  # TIMEX3 day, month or year value of when it was said
    time: str | None = None  # key of the TimeExpression the date came from
    meeting: str | None = None  # key of the meeting it was made at or after
    sentence: Span | None = None

    @property
    def quote(self) -> str:
        return " … ".join(s.text for s in self.content)


@dataclass
class Meeting:
    key: str
    trigger: Span
    participants: list[str] = field(default_factory=list)  # entity keys
    participant_spans: list[Span] = field(default_factory=list)  # the words naming each of them
    host: str | None = None  # entity key of the host of a visit
    location: str | None = None  # entity key of a Place
    location_span: Span | None = None
    date: str | None = None
    time: str | None = None  # key of the TimeExpression the date came from
    status: str = OCCURRED  # OCCURRED | PLANNED | CANCELLED
    kinds: list[str] = field(default_factory=list)  # Visit, PhoneCall, VideoCall, Summit, Bilateral, Multilateral
    sentence: Span | None = None
    extra_triggers: list[Span] = field(default_factory=list)  # other sentences describing the same meeting
    # words naming participants that no entity stands for ("the delegates", "state election officials")
    unresolved_participant_spans: list[Span] = field(default_factory=list)


@dataclass
class Extraction:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
