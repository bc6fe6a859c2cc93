"""Every namespace, prefix and ontology IRI kg uses, and kg's own terms as a closed namespace.

A misspelt ``KG.term`` is an AttributeError, not a silent new IRI.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDFS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"  # also the IRI of the store's ontology graph
KG_NS = ONTOLOGY_IRI + "#"
# Skolem IRIs (RDF 1.1, section 3.5) for the ontology's blank nodes (its lists and restrictions),
# so that loading it twice, or by two loaders at once, can never leave two copies of one.
ONTOLOGY_GENID = "https://w3id.org/.well-known/genid/newskg-ontology-"


class KG(DefinedNamespace):
    _NS = Namespace(KG_NS)
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
    # the store's name index (kg/store/names.py)
    canonical: URIRef
    canonicalName: URIRef
    nameKey: URIRef
    namePrefix: URIRef
    nameToken: URIRef
    knownTitle: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("http://schema.org/")

# The prefixes kg writes in Turtle/TriG, shortens IRIs with in tables and predeclares in queries.
PREFIXES = {
    "kg": KG_NS, "nif": str(NIF), "schema": str(SCHEMA), "owl": str(OWL), "xsd": str(XSD),
    "rdfs": str(RDFS), "dcterms": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#", "time": "http://www.w3.org/2006/time#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
}
