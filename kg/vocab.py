"""The kg vocabulary as a closed namespace: a misspelt term is an AttributeError, not a silent new IRI."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"


class KG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes
    Article: URIRef
    Mention: URIRef
    Entity: URIRef
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Place: URIRef
    Role: URIRef
    Statement: URIRef
    Meeting: URIRef
    TimeExpression: URIRef
    MentionType: URIRef
    SpeechMode: URIRef
    MeetingStatus: URIRef
    MeetingKind: URIRef
    # individuals
    Name: URIRef
    Nominal: URIRef
    Pronoun: URIRef
    Direct: URIRef
    Indirect: URIRef
    Mixed: URIRef
    Occurred: URIRef
    Planned: URIRef
    Cancelled: URIRef
    Visit: URIRef
    Summit: URIRef
    PhoneCall: URIRef
    VideoCall: URIRef
    InPerson: URIRef
    Bilateral: URIRef
    Multilateral: URIRef
    # properties
    articleId: URIRef
    mention: URIRef
    mentionType: URIRef
    sentence: URIRef
    country: URIRef
    role: URIRef
    roleTitle: URIRef
    roleOf: URIRef
    former: URIRef
    asOf: URIRef
    speaker: URIRef
    speakerMention: URIRef
    unattributed: URIRef
    cue: URIRef
    content: URIRef
    quote: URIRef
    mode: URIRef
    addressee: URIRef
    addresseeText: URIRef
    reportedBy: URIRef
    atMeeting: URIRef
    participant: URIRef
    host: URIRef
    location: URIRef
    trigger: URIRef
    status: URIRef
    kind: URIRef
    article: URIRef
    date: URIRef
    timeExpression: URIRef
    value: URIRef
    timexType: URIRef
    anchor: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
