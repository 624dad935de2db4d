"""The inventory as CPSV-AP 3.2.0 linked data: JSON-LD or Turtle, through rdflib.

What each part of the inventory becomes (``{base}`` is ``--base-uri``, by default
``urn:egov-audit:<collection-id>/``):

* the collection: ``{base}catalogue``, a ``dcat:Catalog`` (and so a ``dcat:Dataset``)
  with its names, a generated description, its publisher (``{base}publisher``, a
  ``foaf:Agent`` named after the collection), its area (``{base}area``, a
  ``dct:Location``) and every service as ``dct:hasPart``;
* each declaring agency: ``{base}agency/<agency-id>``, a ``cv:PublicOrganisation`` with
  ``dct:identifier``, ``skos:prefLabel`` in English and in the collection's language, and
  the collection's area as ``dct:spatial``;
* each service: ``{base}service/<agency-id>/<service-id>``, a ``cpsv:PublicService`` with
  ``dct:identifier`` (the global id), ``dct:title`` (``name`` in English, ``name_local``
  in the collection's language), a generated English ``dct:description``,
  ``cv:hasCompetentAuthority`` (its agency), ``dct:audience``, ``cv:isClassifiedBy`` (its
  status, its type and its benchmark codes), ``dct:issued`` (``launched_on`` as a
  Gregorian ``xsd:date``), ``dct:isPartOf`` the catalogue, and ``dct:requires`` each
  ``depends_on`` service that is in the export;
* each channel of a service: ``{base}channel/<agency-id>/<service-id>/<channel>``, a
  ``cv:Channel`` with ``dct:identifier`` and ``dct:type`` (see
  :mod:`~egov_audit.render.export.vocabulary`); a partly electronic or in-person service
  also has the channel ``in_person``, described by its ``in_person_steps``;
* ``in_person_steps``: a ``cv:Requirement`` (``cv:holdsRequirement``) of the type
  *a step needs an in-person visit*, titled with the steps;
* each exchange service (``exchange_services``, offered to other bodies over the
  collection's government exchange): ``{base}service/<agency-id>/<service-id>`` (exchange
  services share the agency's ids with its services), a ``cpsv:PublicService`` with
  ``dct:identifier``, ``dct:title``, a generated English ``dct:description``,
  ``cv:hasCompetentAuthority`` (the providing agency), ``dct:isPartOf`` the catalogue,
  ``dct:spatial``, ``dct:audience`` *government*, and *businesses* too when a consumer
  outside the registry (``exchange: consumers:``, businesses and bodies outside the
  registry) made inquiries, and one channel, ``{base}channel/<agency-id>/<service-id>/exchange``,
  a ``cv:Channel`` of the type *government exchange* described by the exchange's name. A
  service that ``depends_on`` an exchange service ``dct:requires`` it.

Transaction and inquiry counts have no place in CPSV-AP; the CSV and workbook exports
carry them.
Free text whose language is not stated (``in_person_steps``) is tagged with the
collection's language when it is written in that language's script, else English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from egov_audit.model import (
    AgencyRef,
    Audience,
    Collection,
    Declaration,
    ExchangeService,
    Service,
    Status,
)
from egov_audit.model.calendars import to_gregorian
from egov_audit.render.export.vocabulary import (
    ADMS,
    AUDIENCES,
    BENCHMARKS,
    CPSV,
    CV,
    EXCHANGE,
    IN_PERSON,
    IN_PERSON_STEP,
    SCHEMES,
    STATUSES,
    TYPES,
    add_vocabularies,
    channel_concept,
)
from egov_audit.render.report.labels import AUDIENCE_LABELS, STATUS_LABELS, TYPE_LABELS

PREFIXES: dict[str, str] = {
    "cpsv": str(CPSV),
    "cv": str(CV),
    "dct": str(DCTERMS),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "adms": str(ADMS),
    "xsd": str(XSD),
}
_SCRIPTS = {
    "fa": re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "el": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "vi": re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]"),
}
_IRI_UNSAFE = re.compile(r'[\s<>"{}|\\^`]')


def default_base(collection: Collection) -> str:
    """The base of the export's IRIs when none is given."""
    return f"urn:egov-audit:{collection.id}/"


def base_problem(base: str) -> str | None:
    """Why ``base`` cannot be the base of the export's IRIs, or None."""
    if _IRI_UNSAFE.search(base) or not re.match(r"^(https?://[^/]+/|urn:[a-z0-9-]+:)", base):
        return "it must be an absolute http(s) or urn IRI without spaces"
    if not base.endswith(("/", "#", ":")):
        return "it must end with '/', '#' or ':'"
    return None


def text_language(text: str, lang: str | None) -> str:
    """The language tag of free text: the collection's when written in its script."""
    script = _SCRIPTS.get(lang or "")
    return lang if lang and script is not None and script.search(text) else "en"


@dataclass
class CpsvExport:
    """The export's graph and what could not be expressed."""

    graph: Graph
    services: int
    left_out: list[str] = field(default_factory=list)
    """``depends_on`` references to services that are not in the export."""
    exchange_services: int = 0
    """How many exchange services the export describes (besides ``services``)."""


def build_graph(
    collection: Collection, declarations: Iterable[Declaration], base: str | None = None
) -> CpsvExport:
    """The CPSV-AP graph of the declarations of a collection."""
    base = base or default_base(collection)
    lang = _local_language(collection)
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    declared = sorted(declarations, key=lambda d: d.agency.id)
    known = {f"{d.agency.id}/{s.id}" for d in declared for s in d.services}
    known |= {f"{d.agency.id}/{e.id}" for d in declared for e in d.exchange_services}

    catalogue = URIRef(f"{base}catalogue")
    publisher = URIRef(f"{base}publisher")
    area = URIRef(f"{base}area")
    _names(graph, catalogue, DCTERMS.title, collection.name, collection.name_local, lang)
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, RDF.type, DCAT.Dataset))
    graph.add((catalogue, DCTERMS.identifier, Literal(collection.id)))
    count = sum(len(d.services) for d in declared)
    offered = sum(len(d.exchange_services) for d in declared)
    over = f" and {offered} offered to other bodies over {_exchange_name(collection)}"
    description = (
        f"The public services declared by {len(declared)} agencies of {collection.name}: "
        f"{count} services{over if offered else ''}, as their service inventories describe "
        "them."
    )
    graph.add((catalogue, DCTERMS.description, Literal(description, lang="en")))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.spatial, area))
    for scheme in SCHEMES:
        graph.add((catalogue, DCAT.themeTaxonomy, scheme.iri))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, DCTERMS.identifier, Literal(collection.id)))
    _names(graph, publisher, DCTERMS.title, collection.name, collection.name_local, lang)
    graph.add((area, RDF.type, DCTERMS.Location))
    _names(graph, area, SKOS.prefLabel, collection.name, collection.name_local, lang)

    export = CpsvExport(graph, count, exchange_services=offered)
    outside = {c.id for c in collection.exchange.consumers} if collection.exchange else set()
    benchmarks: set[str] = set()
    for declaration in declared:
        agency = declaration.agency
        organisation = URIRef(f"{base}agency/{agency.id}")
        graph.add((organisation, RDF.type, CV.PublicOrganisation))
        graph.add((organisation, DCTERMS.identifier, Literal(agency.id)))
        graph.add((organisation, DCTERMS.spatial, area))
        _names(graph, organisation, SKOS.prefLabel, agency.name, agency.name_local, lang)
        for service in declaration.services:
            node = _service(graph, base, agency, service, collection)
            graph.add((node, CV.hasCompetentAuthority, organisation))
            graph.add((node, DCTERMS.isPartOf, catalogue))
            graph.add((node, DCTERMS.spatial, area))
            graph.add((catalogue, DCTERMS.hasPart, node))
            benchmarks.update(service.benchmarks)
            for target in service.depends_on:
                if target in known:
                    graph.add((node, DCTERMS.requires, URIRef(f"{base}service/{target}")))
                else:
                    export.left_out.append(f"{agency.id}/{service.id} -> {target}")
        for offer in declaration.exchange_services:
            node = _exchange_service(graph, base, agency, offer, collection, outside)
            graph.add((node, CV.hasCompetentAuthority, organisation))
            graph.add((node, DCTERMS.isPartOf, catalogue))
            graph.add((node, DCTERMS.spatial, area))
            graph.add((catalogue, DCTERMS.hasPart, node))
    add_vocabularies(graph, lang, benchmarks)
    return export


def _local_language(collection: Collection) -> str | None:
    return collection.language if collection.language != "en" else None


def _names(
    graph: Graph, node: URIRef, predicate: URIRef, name: str, local: str | None, lang: str | None
) -> None:
    graph.add((node, predicate, Literal(name, lang="en")))
    if local:
        graph.add((node, predicate, Literal(local, lang=lang or "und")))


def _service(
    graph: Graph, base: str, agency: AgencyRef, service: Service, collection: Collection
) -> URIRef:
    agency_id, calendar = agency.id, collection.calendar
    lang = _local_language(collection)
    global_id = f"{agency_id}/{service.id}"
    node = URIRef(f"{base}service/{global_id}")
    graph.add((node, RDF.type, CPSV.PublicService))
    graph.add((node, DCTERMS.identifier, Literal(global_id)))
    _names(graph, node, DCTERMS.title, service.name, service.name_local, lang)
    graph.add((node, DCTERMS.description, Literal(describe(service, agency.name), lang="en")))
    graph.add((node, CV.isClassifiedBy, STATUSES.concept(service.status)))
    graph.add((node, CV.isClassifiedBy, TYPES.concept(service.type)))
    for code in service.benchmarks:
        graph.add((node, CV.isClassifiedBy, BENCHMARKS.concept(code)))
    for audience in service.audience:
        graph.add((node, DCTERMS.audience, AUDIENCES.concept(audience)))
    if service.launched_on is not None:
        launched = to_gregorian(calendar, service.launched_on).isoformat()
        graph.add((node, DCTERMS.issued, Literal(launched, datatype=XSD.date)))
    channels: list[str] = [str(channel) for channel in service.channels]
    if service.status in (Status.PARTIAL, Status.IN_PERSON):
        channels.append(IN_PERSON)
    for channel in channels:
        channel_node = URIRef(f"{base}channel/{global_id}/{channel}")
        graph.add((node, CV.hasChannel, channel_node))
        graph.add((channel_node, RDF.type, CV.Channel))
        graph.add((channel_node, DCTERMS.identifier, Literal(f"{global_id}/{channel}")))
        graph.add((channel_node, DCTERMS.type, channel_concept(channel)))
        if channel == IN_PERSON and service.in_person_steps:
            steps = service.in_person_steps
            graph.add(
                (channel_node, DCTERMS.description, Literal(steps, lang=text_language(steps, lang)))
            )
    if service.in_person_steps:
        steps = service.in_person_steps
        requirement = URIRef(f"{base}requirement/{global_id}/in-person")
        graph.add((node, CV.holdsRequirement, requirement))
        graph.add((requirement, RDF.type, CV.Requirement))
        graph.add((requirement, DCTERMS.identifier, Literal(f"{global_id}/in-person")))
        graph.add((requirement, DCTERMS.title, Literal(steps, lang=text_language(steps, lang))))
        graph.add((requirement, DCTERMS.type, IN_PERSON_STEP))
    return node


def _exchange_name(collection: Collection) -> str:
    return collection.exchange.name if collection.exchange else "a government exchange"


def _exchange_service(
    graph: Graph,
    base: str,
    agency: AgencyRef,
    offer: ExchangeService,
    collection: Collection,
    outside: set[str],
) -> URIRef:
    """An exchange service: a public service for government (and businesses, when a
    consumer outside the registry calls it), with the exchange as its one channel."""
    lang = _local_language(collection)
    global_id = f"{agency.id}/{offer.id}"
    node = URIRef(f"{base}service/{global_id}")
    graph.add((node, RDF.type, CPSV.PublicService))
    graph.add((node, DCTERMS.identifier, Literal(global_id)))
    _names(graph, node, DCTERMS.title, offer.name, offer.name_local, lang)
    consumers = {c for _month, split in offer.consumer_splits for c, _count in split}
    audiences = [Audience.GOVERNMENT]
    if consumers & outside:
        audiences.append(Audience.BUSINESSES)
    for audience in audiences:
        graph.add((node, DCTERMS.audience, AUDIENCES.concept(audience)))
    exchange = _exchange_name(collection)
    text = f"A service of {agency.name} offered to other bodies over {exchange}: an inquiry."
    graph.add((node, DCTERMS.description, Literal(text, lang="en")))
    channel = URIRef(f"{base}channel/{global_id}/{EXCHANGE}")
    graph.add((node, CV.hasChannel, channel))
    graph.add((channel, RDF.type, CV.Channel))
    graph.add((channel, DCTERMS.identifier, Literal(f"{global_id}/{EXCHANGE}")))
    graph.add((channel, DCTERMS.type, channel_concept(EXCHANGE)))
    if collection.exchange is not None:
        names = collection.exchange
        _names(graph, channel, DCTERMS.description, names.name, names.name_local, lang)
    return node


def describe(service: Service, agency_name: str) -> str:
    """The English description of a service, made of its fields."""
    audience = " and ".join(AUDIENCE_LABELS[a].lower() for a in service.audience)
    kind = TYPE_LABELS[service.type].lower()
    status = STATUS_LABELS[service.status].lower()
    text = f"A {kind} service of {agency_name} for {audience}; {status}."
    if service.in_person_steps:
        text += f" In person: {service.in_person_steps}"
    return text


def render_turtle(export: CpsvExport) -> str:
    """The graph as Turtle."""
    return str(export.graph.serialize(format="turtle"))


def render_jsonld(export: CpsvExport) -> str:
    """The graph as JSON-LD, with a context of prefixes only, so that it reads without a
    network; nodes in IRI order and values sorted, so that the same inventory always gives
    the same text."""
    text = export.graph.serialize(format="json-ld", context=dict(PREFIXES))
    document = json.loads(text)
    nodes = document.get("@graph", [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
    document["@graph"] = sorted(nodes, key=lambda node: str(node.get("@id", "")))
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
