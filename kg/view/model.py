"""What the view's pages show, as plain dataclasses: no RDF, no HTML here.

Offsets are Unicode code points into the article's text, as in the graph (nif:beginIndex/endIndex).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_KINDS = ("Person", "Organisation", "Place")


@dataclass(frozen=True)
class Ref:
    """A node to link to: an entity (kind Person/Organisation/Place), an article, or anything else."""

    iri: str
    label: str
    kind: str = ""


@dataclass(frozen=True)
class TextSpan:
    """A mention node of an article: its IRI, offsets and text (nif:anchorOf)."""

    iri: str
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Role:
    """What a mention is in the graph: ``kind`` is an entity kind, 'time', 'role', 'content', 'cue',
    'speaker', 'trigger', 'sentence'; ``owner`` the node it is that for; ``note`` a value to show."""

    kind: str
    owner: str
    note: str = ""


@dataclass
class Mark:
    span: TextSpan
    roles: list[Role] = field(default_factory=list)


@dataclass
class StatementView:
    iri: str
    article: Ref
    speaker: Ref | None
    speaker_span: TextSpan | None
    cue: TextSpan | None
    contents: list[TextSpan]
    sentence: TextSpan | None
    quote: str
    mode: str
    date: str
    published: str
    at_meeting: str | None
    addressee: str = ""


@dataclass
class MeetingView:
    iri: str
    article: Ref
    participants: list[Ref]
    location: Ref | None
    date: str
    published: str
    status: str
    kinds: list[str]
    triggers: list[TextSpan]
    sentence: TextSpan | None


@dataclass(frozen=True)
class TimexView:
    iri: str
    span: TextSpan | None
    value: str
    type: str


@dataclass(frozen=True)
class RoleView:
    title: str
    of: Ref | None
    former: bool
    as_of: str
    article: Ref | None


@dataclass(frozen=True)
class ArticleSummary:
    iri: str
    article_id: str
    date: str
    title: str  # the headline, else the text's first line
    entities: int
    statements: int
    meetings: int


@dataclass(frozen=True)
class EntitySummary:
    iri: str
    label: str
    kind: str
    articles: int


@dataclass(frozen=True)
class MeetingSummary:
    iri: str
    date: str
    participants: tuple[Ref, ...]
    location: Ref | None
    status: str
    article: Ref


@dataclass
class ArticlePage:
    summary: ArticleSummary
    text: str
    marks: list[Mark]
    statements: list[StatementView]
    meetings: list[MeetingView]
    timexes: list[TimexView]
    refs: dict[str, Ref]  # every node the page names, by IRI


@dataclass
class EntityPage:
    ref: Ref
    names: list[str]
    roles: list[RoleView]
    same_as: list[Ref]  # Ref.kind is '' for a node outside the store
    statements: list[StatementView]
    meetings: list[MeetingView]
    articles: list[Ref]


@dataclass(frozen=True)
class Section:
    """One list of the index: its key (file names, anchors), heading and size."""

    key: str
    heading: str
    total: int


@dataclass
class Encounter:
    """Two actors who met, and how often (for the who-met-whom picture)."""

    a: Ref
    b: Ref
    meetings: int
