"""The controlled vocabularies of the CPSV-AP export: EU concepts where one exists, the
export's own SKOS concept schemes otherwise.

Every concept a service points to is written into the export, typed ``skos:Concept``
with its labels and its scheme, so that the shapes' ``sh:class skos:Concept`` constraints
hold without fetching anything:

* a channel ``portal`` is the concept *Web* of the EU's communication channel list
  (Europass, ``http://data.europa.eu/snb/com-channel/b37115f83e``, the concept the
  CPSV-AP 3.2.0 example uses for an online channel);
* the kiosk and counter offices, a mobile app, the agency's own office and a government
  exchange (the channel of an exchange service) have no concept in an EU list (the EU
  list's *Mobile phone* is a phone number, not an app), so they are concepts of the scheme
  ``urn:egov-audit:vocabulary:channel``;
* audiences, statuses, service types, the in-person step requirement and the benchmark
  codes are concepts of the export's own schemes ``urn:egov-audit:vocabulary:<name>``.

Labels are in English and, where the reports already translate the word, in the
collection's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from egov_audit.model import Audience, Channel, ServiceType, Status
from egov_audit.model.benchmarks import catalogues
from egov_audit.render.i18n import translator
from egov_audit.render.report.labels import (
    AUDIENCE_LABELS,
    CHANNEL_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
)

CV = Namespace("http://data.europa.eu/m8g/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
ADMS = Namespace("http://www.w3.org/ns/adms#")

VOCABULARY = "urn:egov-audit:vocabulary:"
EU_CHANNELS = URIRef("http://data.europa.eu/snb/com-channel/25831c2")
EU_WEB = URIRef("http://data.europa.eu/snb/com-channel/b37115f83e")
IN_PERSON = "in_person"
"""The channel key of a visit to the agency's own office (as in split months)."""
EXCHANGE = "exchange"
"""The channel key of a government exchange, the channel of every exchange service."""


@dataclass(frozen=True, slots=True)
class Scheme:
    """One of the export's own concept schemes."""

    name: str
    title: str

    @property
    def iri(self) -> URIRef:
        """The scheme's IRI."""
        return URIRef(f"{VOCABULARY}{self.name}")

    def concept(self, key: str) -> URIRef:
        """The IRI of the concept ``key`` of the scheme."""
        return URIRef(f"{VOCABULARY}{self.name}:{key}")


CHANNELS = Scheme("channel", "Channels of delivery (egov-audit)")
AUDIENCES = Scheme("audience", "Audiences of public services (egov-audit)")
STATUSES = Scheme("status", "How electronic a public service is (egov-audit)")
TYPES = Scheme("service-type", "Kinds of public service (egov-audit)")
REQUIREMENTS = Scheme("requirement", "Kinds of requirement (egov-audit)")
BENCHMARKS = Scheme("benchmark", "Benchmark lists of public services (egov-audit)")
SCHEMES = (CHANNELS, AUDIENCES, STATUSES, TYPES, REQUIREMENTS, BENCHMARKS)

IN_PERSON_STEP = REQUIREMENTS.concept("in-person-step")

_CHANNEL_WORDS: dict[str, str] = {
    Channel.KIOSK: "Kiosk or counter office (assisted digital)",
    Channel.MOBILE: "Mobile app",
    IN_PERSON: "In person at the agency's office",
    EXCHANGE: "Government exchange: inquiries between information systems",
}
_STATUS_WORDS: dict[Status, str] = {
    Status.FULL: "Fully electronic: every step is online",
    Status.PARTIAL: "Partly electronic: a step needs an in-person visit",
    Status.IN_PERSON: "In person only: no electronic step",
    Status.UNKNOWN: "Not yet verified",
}


def channel_concept(channel: str) -> URIRef:
    """The concept typing a channel: the EU's *Web* for the portal, else the export's own."""
    return EU_WEB if channel == Channel.PORTAL else CHANNELS.concept(channel)


def _labels(graph: Graph, node: URIRef, english: str, local: str | None, lang: str) -> None:
    graph.add((node, SKOS.prefLabel, Literal(english, lang="en")))
    if local is not None and lang != "en" and local != english:
        graph.add((node, SKOS.prefLabel, Literal(local, lang=lang)))


def _concept(
    graph: Graph, node: URIRef, scheme: URIRef, english: str, local: str | None, lang: str
) -> None:
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    _labels(graph, node, english, local, lang)


def add_vocabularies(graph: Graph, lang: str | None, benchmark_codes: set[str]) -> None:
    """Write every scheme and concept the export may point to into ``graph``.

    ``lang`` is the collection's language (None: English only); ``benchmark_codes`` the
    benchmark codes the services carry (only those are written)."""
    language = lang or "en"
    tr = translator(language) if language != "en" else None

    def local(msgid: str) -> str | None:
        return tr.gettext(msgid) if tr is not None else None

    for scheme in SCHEMES:
        graph.add((scheme.iri, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme.iri, SKOS.prefLabel, Literal(scheme.title, lang="en")))
    graph.add((EU_CHANNELS, RDF.type, SKOS.ConceptScheme))
    graph.add((EU_CHANNELS, SKOS.prefLabel, Literal("Communication channel (Europass)", lang="en")))
    _concept(graph, EU_WEB, EU_CHANNELS, "Web", None, language)
    for channel in (Channel.KIOSK, Channel.MOBILE):
        words = _CHANNEL_WORDS[channel]
        node = CHANNELS.concept(channel)
        _concept(graph, node, CHANNELS.iri, words, local(CHANNEL_LABELS[channel]), language)
    graph.add((CHANNELS.concept(Channel.PORTAL), SKOS.exactMatch, EU_WEB))
    _concept(graph, CHANNELS.concept(Channel.PORTAL), CHANNELS.iri, "Agency portal", None, language)
    for key in (IN_PERSON, EXCHANGE):
        _concept(graph, CHANNELS.concept(key), CHANNELS.iri, _CHANNEL_WORDS[key], None, language)
    for audience in Audience:
        english = AUDIENCE_LABELS[audience]
        node = AUDIENCES.concept(audience)
        _concept(graph, node, AUDIENCES.iri, english, local(english), language)
    for status in Status:
        node = STATUSES.concept(status)
        _concept(
            graph, node, STATUSES.iri, _STATUS_WORDS[status], local(STATUS_LABELS[status]), language
        )
        graph.add((node, SKOS.notation, Literal(status.value)))
    for kind in ServiceType:
        english = TYPE_LABELS[kind]
        node = TYPES.concept(kind)
        _concept(graph, node, TYPES.iri, english, local(english), language)
        graph.add((node, SKOS.notation, Literal(kind.value)))
    _concept(
        graph, IN_PERSON_STEP, REQUIREMENTS.iri, "A step needs an in-person visit", None, language
    )
    for catalogue in catalogues().values():
        for item in catalogue.items:
            if item.code not in benchmark_codes:
                continue
            node = BENCHMARKS.concept(item.code)
            _concept(graph, node, BENCHMARKS.iri, item.title, None, language)
            graph.add((node, SKOS.notation, Literal(item.code)))
            graph.add((node, DCTERMS.source, Literal(catalogue.title)))
