"""The CPSV-AP export: it conforms to the official SHACL shapes offline, and reads back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.render.export.cpsv import build_graph, render_jsonld, render_turtle, text_language
from egov_audit.render.export.vocabulary import CPSV, CV
from egov_audit.runner import LoadedCollection, load_collection

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inventories"
STANDARD = resources.files("egov_audit").joinpath("standards", "cpsv-ap-3.2.0")
SHARED = ROOT.parent / "shared" / "schemas" / "cpsv-ap-3.2.0"
EXCHANGE = ROOT / "tests" / "data" / "collections" / "exchange"
EXCHANGE_CHANNEL = URIRef("urn:egov-audit:vocabulary:channel:exchange")


@cache
def shapes() -> Graph:
    return Graph().parse(data=STANDARD.joinpath("cpsv-ap-SHACL.ttl").read_text("utf-8"))


@cache
def loaded(name: str) -> LoadedCollection:
    return load_collection(EXCHANGE if name == "exchange" else SAMPLES / name)


def conforms(data: Graph) -> tuple[bool, str]:
    result = pyshacl.validate(data, shacl_graph=shapes(), inference="none")
    return bool(result[0]), str(result[2])


def service_ids(name: str) -> set[str]:
    return {f"{d.agency.id}/{s.id}" for d in loaded(name).declarations for s in d.services}


def exchange_service_ids(name: str) -> set[str]:
    declarations = loaded(name).declarations
    return {f"{d.agency.id}/{e.id}" for d in declarations for e in d.exchange_services}


@pytest.mark.parametrize(
    ("name", "render", "rdf_format"),
    [
        ("qom", render_jsonld, "json-ld"),
        ("greece", render_jsonld, "json-ld"),
        ("greece", render_turtle, "turtle"),
        ("nix", render_jsonld, "json-ld"),
        ("pgsb", render_turtle, "turtle"),
        ("greece-national", render_jsonld, "json-ld"),
    ],
)
def test_the_export_conforms_to_the_cpsv_ap_shapes_and_reads_back(
    name: str, render: object, rdf_format: str
) -> None:
    collection = loaded(name)
    text = render(build_graph(collection.collection, collection.declarations))  # type: ignore[operator]
    graph = Graph().parse(data=text, format=rdf_format)
    ok, report = conforms(graph)
    assert ok, report
    # Every declared service and exchange service is there, a cpsv:PublicService with its
    # global id; the exchange services are those whose channel is the exchange.
    found = {
        str(graph.value(node, DCTERMS.identifier))
        for node in graph.subjects(RDF.type, CPSV.PublicService)
    }
    assert found == service_ids(name) | exchange_service_ids(name)
    offered = {
        str(graph.value(node, DCTERMS.identifier))
        for node in graph.subjects(RDF.type, CPSV.PublicService)
        if EXCHANGE_CHANNEL
        in {graph.value(c, DCTERMS.type) for c in graph.objects(node, CV.hasChannel)}
    }
    assert offered == exchange_service_ids(name)
    counts = {
        "qom": (651, 0),
        "greece": (24, 0),
        "nix": (13, 961),
        "pgsb": (0, 352),
        "greece-national": (1120, 5),
    }
    assert (len(service_ids(name)), len(offered)) == counts[name]


def test_each_service_carries_its_fields() -> None:
    collection = loaded("qom")
    graph = build_graph(collection.collection, collection.declarations).graph
    base = "urn:egov-audit:qom/"
    service = URIRef(f"{base}service/abfa/new-water-and-sewer-connection")
    titles = set(graph.objects(service, DCTERMS.title))
    assert Literal("New water and sewer connection", lang="en") in titles
    assert Literal("درخواست انشعاب آب و فاضلاب", lang="fa") in titles
    authority = graph.value(service, CV.hasCompetentAuthority)
    assert authority == URIRef(f"{base}agency/abfa")
    assert (authority, RDF.type, CV.PublicOrganisation) in graph
    assert Literal("شرکت آب و فاضلاب استان قم", lang="fa") in set(
        graph.objects(authority, SKOS.prefLabel)
    )
    channel_types = {graph.value(c, DCTERMS.type) for c in graph.objects(service, CV.hasChannel)}
    assert channel_types == {
        URIRef("http://data.europa.eu/snb/com-channel/b37115f83e"),  # the EU's "Web"
        URIRef("urn:egov-audit:vocabulary:channel:mobile"),
    }
    audiences = set(graph.objects(service, DCTERMS.audience))
    assert audiences == {
        URIRef("urn:egov-audit:vocabulary:audience:citizens"),
        URIRef("urn:egov-audit:vocabulary:audience:businesses"),
    }
    # depends_on [post/postal-code-inquiry], launched 1399-05-11 = 2020-08-01.
    assert graph.value(service, DCTERMS.requires) == URIRef(
        f"{base}service/post/postal-code-inquiry"
    )
    assert str(graph.value(service, DCTERMS.issued)) == "2020-08-01"
    assert (URIRef(f"{base}catalogue"), DCTERMS.hasPart, service) in graph


def test_in_person_steps_are_a_requirement_and_an_in_person_channel() -> None:
    collection = loaded("greece")
    graph = build_graph(collection.collection, collection.declarations).graph
    service = URIRef("urn:egov-audit:greece/service/aade/tax-number")
    requirement = graph.value(service, CV.holdsRequirement)
    steps = "First-time applicants show their identity card at a tax office."
    assert graph.value(requirement, DCTERMS.title) == Literal(steps, lang="en")
    in_person = URIRef("urn:egov-audit:greece/channel/aade/tax-number/in_person")
    assert (service, CV.hasChannel, in_person) in graph
    assert graph.value(in_person, DCTERMS.description) == Literal(steps, lang="en")


def test_untyped_concepts_fail_the_shapes_as_the_official_example_does() -> None:
    """Offline, sh:class needs the concepts typed in the export itself: without their
    rdf:type skos:Concept, the shapes report the channel types, audiences and the rest."""
    collection = loaded("greece")
    graph = build_graph(collection.collection, collection.declarations).graph
    graph.remove((None, RDF.type, SKOS.Concept))
    ok, report = conforms(graph)
    assert not ok
    assert "Value does not have class skos:Concept" in report
    assert "dc1:type" in report or "dct:type" in report or "terms/type" in report


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared schemas are not beside the clone")
def test_the_shipped_shapes_and_context_are_the_published_ones() -> None:
    for name in ("cpsv-ap-SHACL.ttl", "cpsv-ap.jsonld"):
        assert STANDARD.joinpath(name).read_bytes() == (SHARED / name).read_bytes()
    example = Graph().parse(SHARED / "example-rdf_public_service.ttl")
    ok, report = conforms(example)
    assert not ok and "Results (6)" in report  # the official example, offline


def test_the_export_uses_the_profiles_terms() -> None:
    """Every property and class of the export is a term of the CPSV-AP 3.2.0 context,
    but for a few SKOS and DCAT terms that describe the concept schemes themselves."""
    context = json.loads(STANDARD.joinpath("cpsv-ap.jsonld").read_text("utf-8"))["@context"]
    terms = {v if isinstance(v, str) else v.get("@id") for v in context.values()}
    collection = loaded("qom")
    graph = build_graph(collection.collection, collection.declarations).graph
    used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    extra = {
        str(RDF.type),
        str(SKOS.ConceptScheme),
        str(SKOS.inScheme),
        str(SKOS.notation),
        str(SKOS.exactMatch),
        str(DCTERMS.source),
        str(DCTERMS.issued),
        "http://www.w3.org/ns/dcat#Catalog",
        "http://www.w3.org/ns/dcat#themeTaxonomy",
    }
    assert used - terms <= extra, used - terms - extra


def test_free_text_is_tagged_by_its_script() -> None:
    assert text_language("بازدید کارشناس", "fa") == "fa"
    assert text_language("An inspector visits", "fa") == "en"
    assert text_language("Υπογραφή στο γραφείο", "el") == "el"
    assert text_language("Ký hợp đồng tại quầy", "vi") == "vi"
    assert text_language("Anything", None) == "en"


def test_the_command_writes_the_same_text_in_every_run(tmp_path: Path) -> None:
    """Two processes (different hash seeds) write byte-identical JSON-LD and Turtle."""
    texts = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "EGOV_AUDIT_CACHE": str(tmp_path / "c")}
        out = tmp_path / f"greece-{seed}"
        for fmt in ("cpsv-ap", "turtle"):
            command = ["export", str(SAMPLES / "greece"), "-f", fmt, "-o", f"{out}.{fmt}"]
            subprocess.run(
                [sys.executable, "-m", "egov_audit", *command],
                check=True,
                env=env,
                capture_output=True,
            )
        texts.append((Path(f"{out}.cpsv-ap").read_text(), Path(f"{out}.turtle").read_text()))
    assert texts[0] == texts[1]
    assert texts[0][0].startswith('{\n "@context": {')


BASE = "https://data.example.org/greece/"


def test_base_uri() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["export", str(SAMPLES / "greece"), "-f", "turtle", "--base-uri", BASE],
    )
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    service = URIRef("https://data.example.org/greece/service/aade/tax-number")
    assert (service, RDF.type, CPSV.PublicService) in graph
    for bad in ("data.example.org/", "https://data.example.org/x y/", "https://example.org/x"):
        result = runner.invoke(app, ["export", str(SAMPLES / "greece"), "--base-uri", bad])
        assert result.exit_code == 2
        assert "error: --base-uri" in result.output


def test_an_exchange_service_is_a_public_service_of_its_provider_over_the_exchange() -> None:
    collection = loaded("exchange")
    export = build_graph(collection.collection, collection.declarations)
    graph, base = export.graph, "urn:egov-audit:exchange/"
    ok, report = conforms(graph)
    assert ok, report
    assert (export.services, export.exchange_services) == (4, 3)
    service = URIRef(f"{base}service/civil/identity-inquiry")
    assert (service, RDF.type, CPSV.PublicService) in graph
    assert graph.value(service, DCTERMS.identifier) == Literal("civil/identity-inquiry")
    assert set(graph.objects(service, DCTERMS.title)) == {
        Literal("Identity inquiry", lang="en"),
        Literal("استعلام هویت", lang="fa"),
    }
    assert graph.value(service, CV.hasCompetentAuthority) == URIRef(f"{base}agency/civil")
    assert graph.value(service, DCTERMS.description) == Literal(
        "A service of Civil Registration offered to other bodies over Provincial "
        "Information Exchange: an inquiry.",
        lang="en",
    )
    # snapp, a consumer outside the registry, made inquiries: businesses too.
    assert set(graph.objects(service, DCTERMS.audience)) == {
        URIRef("urn:egov-audit:vocabulary:audience:government"),
        URIRef("urn:egov-audit:vocabulary:audience:businesses"),
    }
    birth = URIRef(f"{base}service/civil/birth-inquiry")  # no month split by consumer
    assert set(graph.objects(birth, DCTERMS.audience)) == {
        URIRef("urn:egov-audit:vocabulary:audience:government")
    }
    channel = URIRef(f"{base}channel/civil/identity-inquiry/exchange")
    assert list(graph.objects(service, CV.hasChannel)) == [channel]
    assert (channel, RDF.type, CV.Channel) in graph
    assert graph.value(channel, DCTERMS.type) == EXCHANGE_CHANNEL
    assert graph.value(channel, DCTERMS.identifier) == Literal("civil/identity-inquiry/exchange")
    assert set(graph.objects(channel, DCTERMS.description)) == {
        Literal("Provincial Information Exchange", lang="en"),
        Literal("مرکز تبادل اطلاعات استان", lang="fa"),
    }
    assert (EXCHANGE_CHANNEL, RDF.type, SKOS.Concept) in graph
    assert (URIRef(f"{base}catalogue"), DCTERMS.hasPart, service) in graph
    # A service that depends on an exchange service requires it; the judiciary's
    # criminal-record is not in the export.
    requires = set(graph.objects(URIRef(f"{base}service/tax/clearance"), DCTERMS.requires))
    assert requires == {service}
    assert export.left_out == ["tax/clearance -> judiciary/criminal-record"]
