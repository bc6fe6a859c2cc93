"""Extraction → RDF. The one module that knows the ontology.

IRIs are deterministic: an article's nodes hang off its IRI (mentions as RFC 5147 ``#char=b,e``
fragments, as NIF does), and an entity's IRI comes from its class and canonical name, so the same
person named in two articles is one node and the same input always gives the same graph.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.model import Entity, Extraction, Meeting, Span, Statement, TimeExpression
from kg.terms import ox_iri, rdflib_graph
from kg.vocab import KG, NIF, PREFIXES, SCHEMA  # noqa: F401  (PREFIXES: kg.graph.PREFIXES still works)

DEFAULT_BASE = "https://w3id.org/newskg/data/"

CLASS_OF = {"Person": KG.Person, "Organisation": KG.Organisation, "Place": KG.Place}
# The schema.org type each node also carries, so a schema.org consumer (a search engine's JSON-LD
# reader, a schema.org validator) understands the graph without the ontology, which aligns the two.
SCHEMA_CLASS_OF = {"Person": SCHEMA.Person, "Organisation": SCHEMA.Organization, "Place": SCHEMA.Place}
PATH_OF = {"Person": "person", "Organisation": "organisation", "Place": "place"}
MENTION_TYPE = {"Name": KG.Name, "Nominal": KG.Nominal, "Pronoun": KG.Pronoun}
MODE = {"Direct": KG.Direct, "Indirect": KG.Indirect, "Mixed": KG.Mixed}
STATUS = {"Occurred": KG.Occurred, "Planned": KG.Planned, "Cancelled": KG.Cancelled}
MEETING_KIND = {"Visit": KG.Visit, "Summit": KG.Summit, "PhoneCall": KG.PhoneCall, "VideoCall": KG.VideoCall,
                "InPerson": KG.InPerson, "Bilateral": KG.Bilateral, "Multilateral": KG.Multilateral}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def date_literal(value: str | None) -> Literal | None:
    """A TIMEX3 day, month or year value as xsd:date, xsd:gYearMonth or xsd:gYear; None for others."""
    if value is None:
        return None
    if _DAY.match(value):
        return Literal(value, datatype=XSD.date)
    if _MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    return None


def slug(name: str) -> str:
    """A readable, IRI-safe key for a name: 'Asaad Al Shibani' → 'asaad-al-shibani'."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w]+", "-", text).strip("-_") or "unnamed"
    return quote(text, safe="-_")


def article_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}article/{quote(article_id, safe='')}")


def article_graph_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph that holds everything one article says."""
    return URIRef(f"{base}graph/{quote(article_id, safe='')}")


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> URIRef:
    """The entity's node, from its class and identity key (kg/nlp/identity.py): the same in every
    article that names it, whatever the order or grouping of the articles exported."""
    return URIRef(f"{base}{PATH_OF[entity.type]}/{slug(entity.identity or entity.name)}")


def identity_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of the corpus-level identity links (kg/resolve.py), beside the articles' graphs."""
    return URIRef(f"{base}identity")


def names_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of the store's name index (kg/store/names.py): each entity node's canonical
    node and name, and the name keys a query parameter is looked up by."""
    return URIRef(f"{base}names")


def mention_iri(article: URIRef, span: Span) -> URIRef:
    return URIRef(f"{article}#char={span.begin},{span.end}")


class _OxTerms:
    """A namespace's terms as pyoxigraph nodes, each made on first use and then a plain attribute:
    rdflib's namespace lookup and the conversion cost more than making the quad. Unknown names
    still fail as the wrapped namespace fails (``KG`` is closed)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


_KG, _NIF, _SCHEMA = _OxTerms(KG), _OxTerms(NIF), _OxTerms(SCHEMA)
_RDF, _RDFS, _OWL = _OxTerms(RDF), _OxTerms(RDFS), _OxTerms(OWL)
_XSD_DATE = ox_iri(XSD.date)
_XSD_NNI = ox_iri(XSD.nonNegativeInteger)
_TRUE = ox.Literal(True)


def _date_node(value: str | None) -> ox.Literal | None:
    literal = date_literal(value)
    return None if literal is None else ox.Literal(str(literal), datatype=ox_iri(literal.datatype))


class _ArticleGraph:
    """Builds one article's quads; remembers which mentions it already wrote.

    Quads are pyoxigraph terms (about ten times cheaper to make than rdflib's and what every writer
    and the validator take); rdflib graphs are made from them only where rdflib is needed.
    """

    def __init__(self, extraction: Extraction, base: str):
        self.x = extraction
        self.base = base
        self.graph_name = ox.NamedNode(article_graph_iri(extraction.article.id, base))
        self.article_ref = article_iri(extraction.article.id, base)
        self.article = ox.NamedNode(self.article_ref)
        self.quads: dict[ox.Quad, None] = {}  # an ordered set: a triple said twice is one triple
        self.entity_iris = {e.key: ox.NamedNode(f"{self.article_ref}#entity-{slug(e.name)}" if e.local
                                                 else entity_iri(e, base))
                            for e in extraction.entities}
        self.written: set[Span] = set()
        self.typed: set[Span] = set()
        self.statement_iris = _unique_iris(
            (s.key, f"{self.article_ref}#statement={_first(s).begin},{_first(s).end}") for s in extraction.statements)
        self.meeting_iris = _unique_iris(
            (m.key, f"{self.article_ref}#meeting={m.trigger.begin},{m.trigger.end}") for m in extraction.meetings)
        self.timexes: dict[str, TimeExpression] = {}
        for t in extraction.time_expressions:
            self.timexes.setdefault(t.key, t)

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o) -> None:
        self.quads[ox.Quad(s, p, o, self.graph_name)] = None

    def mention(self, span: Span, kind: str | None = None) -> ox.NamedNode:
        node = ox.NamedNode(mention_iri(self.article_ref, span))
        if span not in self.written:
            self.written.add(span)
            self.add(node, _RDF.type, _KG.Mention)
            self.add(node, _NIF.referenceContext, self.article)
            self.add(node, _NIF.beginIndex, ox.Literal(str(span.begin), datatype=_XSD_NNI))
            self.add(node, _NIF.endIndex, ox.Literal(str(span.end), datatype=_XSD_NNI))
            self.add(node, _NIF.anchorOf, ox.Literal(span.text))
        if kind is not None and span not in self.typed:
            self.typed.add(span)
            self.add(node, _KG.mentionType, ox_iri(MENTION_TYPE[kind]))
        return node

    def build(self) -> list[ox.Quad]:
        a = self.x.article
        self.add(self.article, _RDF.type, _KG.Article)
        self.add(self.article, _RDF.type, _SCHEMA.NewsArticle)
        self.add(self.article, _KG.articleId, ox.Literal(a.id))
        if a.date is not None:
            self.add(self.article, _SCHEMA.datePublished, ox.Literal(a.date.isoformat(), datatype=_XSD_DATE))
        if a.title:
            self.add(self.article, _SCHEMA.headline, ox.Literal(a.title))
        self.add(self.article, _NIF.isString, ox.Literal(a.text))
        for entity in self.x.entities:
            self.entity(entity)
        for timex in self.x.time_expressions:
            self.time_expression(timex)
        for statement in self.x.statements:
            self.statement(statement)
        for meeting in self.x.meetings:
            self.meeting(meeting)
        return list(self.quads)

    def entity(self, e: Entity) -> None:
        node = self.entity_iris[e.key]
        self.add(node, _RDF.type, ox_iri(CLASS_OF[e.type]))
        self.add(node, _RDF.type, ox_iri(SCHEMA_CLASS_OF[e.type]))
        self.add(node, _RDFS.label, ox.Literal(e.name))
        for alias in sorted(set(e.aliases) - {e.name}):
            self.add(node, _SCHEMA.alternateName, ox.Literal(alias))
        for m in e.mentions:
            self.add(node, _KG.mention, self.mention(m.span, m.kind))
        for iri in e.same_as:
            self.add(node, _OWL.sameAs, ox.NamedNode(iri))
        if e.country and e.country in self.entity_iris and e.country != e.key:
            self.add(node, _KG.country, self.entity_iris[e.country])
        for i, role in enumerate(e.roles):
            r = ox.NamedNode(f"{self.article_ref}#role-{slug(e.name)}-{i}")
            self.add(node, _KG.role, r)
            self.add(r, _RDF.type, _KG.Role)
            self.add(r, _KG.roleTitle, ox.Literal(role.title))
            if role.of and role.of in self.entity_iris:
                self.add(r, _KG.roleOf, self.entity_iris[role.of])
            if role.former:
                self.add(r, _KG.former, _TRUE)
            if self.x.article.date is not None:
                self.add(r, _KG.asOf, ox.Literal(self.x.article.date.isoformat(), datatype=_XSD_DATE))
            self.add(r, _KG.article, self.article)
            if role.span is not None:
                self.add(r, _KG.mention, self.mention(role.span))

    def timex_iri(self, t: TimeExpression) -> ox.NamedNode:
        return ox.NamedNode(f"{self.article_ref}#time={t.span.begin},{t.span.end}")

    def time_expression(self, t: TimeExpression) -> None:
        node = self.timex_iri(t)
        self.add(node, _RDF.type, _KG.TimeExpression)
        self.add(node, _KG.mention, self.mention(t.span))
        self.add(node, _KG.timexType, ox.Literal(t.type))
        if t.value is not None:
            self.add(node, _KG.value, ox.Literal(t.value))
        anchor = self.timexes.get(t.anchor) if t.anchor is not None else None
        if anchor is not None and anchor is not t:
            self.add(node, _KG.anchor, self.timex_iri(anchor))
        self.add(node, _KG.article, self.article)

    def dated(self, node: ox.NamedNode, value: str | None, timex_key: str | None) -> None:
        literal = _date_node(value)
        if literal is not None:
            self.add(node, _KG.date, literal)
        timex = self.timexes.get(timex_key) if timex_key is not None else None
        if timex is not None:
            self.add(node, _KG.timeExpression, self.timex_iri(timex))

    def statement(self, s: Statement) -> None:
        node = self.statement_iris[s.key]
        self.add(node, _RDF.type, _KG.Statement)
        self.add(node, _KG.article, self.article)
        self.add(node, _KG.mode, ox_iri(MODE[s.mode]))
        for span in s.content:
            self.add(node, _KG.content, self.mention(span))
        self.add(node, _KG.quote, ox.Literal(s.quote))
        for span in s.cue:
            self.add(node, _KG.cue, self.mention(span))
        if s.speaker_span is not None:
            self.add(node, _KG.speakerMention, self.mention(s.speaker_span))
        if s.speaker in self.entity_iris:
            self.add(node, _KG.speaker, self.entity_iris[s.speaker])
        else:
            self.add(node, _KG.unattributed, _TRUE)
        if s.addressee in self.entity_iris:
            self.add(node, _KG.addressee, self.entity_iris[s.addressee])
        elif s.addressee_span is not None:
            self.add(node, _KG.addresseeText, ox.Literal(s.addressee_span.text))
        if s.reported_by in self.entity_iris and s.reported_by != s.speaker:
            self.add(node, _KG.reportedBy, self.entity_iris[s.reported_by])
        if s.meeting in self.meeting_iris:
            self.add(node, _KG.atMeeting, self.meeting_iris[s.meeting])
        self.dated(node, s.date, s.time)
        if s.sentence is not None:
            self.add(node, _KG.sentence, self.mention(s.sentence))

    def meeting(self, m: Meeting) -> None:
        node = self.meeting_iris[m.key]
        self.add(node, _RDF.type, _KG.Meeting)
        self.add(node, _RDF.type, _SCHEMA.Event)
        self.add(node, _KG.article, self.article)
        for span in [m.trigger, *m.extra_triggers]:
            self.add(node, _KG.trigger, self.mention(span))
        for key in m.participants:
            if key in self.entity_iris:
                self.add(node, _KG.participant, self.entity_iris[key])
        if m.host in self.entity_iris:
            self.add(node, _KG.host, self.entity_iris[m.host])
            self.add(node, _KG.participant, self.entity_iris[m.host])
        if m.location in self.entity_iris:
            self.add(node, _KG.location, self.entity_iris[m.location])
        self.add(node, _KG.status, ox_iri(STATUS[m.status]))
        for kind in m.kinds:
            self.add(node, _KG.kind, ox_iri(MEETING_KIND[kind]))
        self.dated(node, m.date, m.time)
        if m.sentence is not None:
            self.add(node, _KG.sentence, self.mention(m.sentence))


def _first(s: Statement) -> Span:
    return min(s.content) if s.content else (s.cue[0] if s.cue else Span(0, 0, ""))


def _unique_iris(pairs) -> dict[str, ox.NamedNode]:
    """IRIs by key; a second node on the same span gets '-2', a third '-3' (in extraction order)."""
    out, used = {}, {}
    for key, iri in pairs:
        n = used[iri] = used.get(iri, 0) + 1
        out[key] = ox.NamedNode(iri if n == 1 else f"{iri}-{n}")
    return out


def article_quads(extraction: Extraction, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """One article's quads, all in its named graph (``article_graph_iri``), in the order made."""
    return _ArticleGraph(extraction, base).build()


def to_graph(extraction: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """One article's graph as rdflib, named by ``article_graph_iri``."""
    return rdflib_graph(article_quads(extraction, base), article_graph_iri(extraction.article.id, base))

