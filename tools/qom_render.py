"""The Qom sample's files as YAML text: ``collection.yaml`` and one file per agency."""

from __future__ import annotations

import json
import re

from tools.catalogue import AUDIENCES, CatalogueAgency, qom_catalogue
from tools.qom_assembly import Service
from tools.qom_history import State
from tools.yamltext import scalar

UNVERIFIED = {"governorate", "customs", "foreign-nationals", "islamic-propagation", "statistics"}

# What still needs a visit, for a partly electronic service: the first pattern that matches
# its English name, else one of the defaults.
IN_PERSON_STEPS = [
    (
        r"emergency|rescue|incident|leak|outage|fault|fire|pollution|disease|illegal",
        "A field crew is sent to the site; the report is closed on paper after the visit.",
    ),
    (
        r"complaint|grievance|dispute|objection|appeal|petition|gouging",
        "The parties are invited to a hearing at the office before a decision is issued.",
    ),
    (
        r"change of|name change|transfer",
        "The new holder's original ownership documents are checked at the counter.",
    ),
    (r"meeting", "The meeting itself takes place at the agency."),
    (r"installment|debt|fine", "The instalment agreement and cheques are signed at the office."),
    (
        r"connection|capacity|meter|installation|relocation|transfer of line|line transfer",
        "A technician visits the premises to install or check the meter.",
    ),
    (
        r"card|fingerprint|national card|certificate of origin",
        "The applicant comes to an office for fingerprints and a photograph, and to collect "
        "the card.",
    ),
    (
        r"birth|death|marriage|divorce|name change|record correction|replacement",
        "Original documents are checked and signed at a registry office.",
    ),
    (
        r"licence|permit|establishment|accreditation|mark|lodge|station",
        "An inspector visits the premises before the licence is issued.",
    ),
    (
        r"deed|document|mortgage|enforcement|title",
        "The parties sign the final document in person at a notary office.",
    ),
    (
        r"loan|grant|support|assistance|allowance|pension|retirement|claim|compensation",
        "The applicant signs the contract and guarantees at a branch.",
    ),
    (
        r"assessment|inspection|test|diagnosis|vaccination|appointment|hospital",
        "The examination itself takes place at a centre.",
    ),
    (
        r"registration|enrolment|admission|membership",
        "Original documents are verified at the counter to complete the registration.",
    ),
    (
        r"declaration|clearance|return",
        "Supporting documents are handed in at the office for the final approval.",
    ),
]
DEFAULT_IN_PERSON = [
    "The final approval is handed out at the agency's service counter.",
    "The signed original is collected at the agency's office.",
    "Paper forms are still signed and stamped at the office.",
    "An officer interviews the applicant before the request is approved.",
]


def in_person_step(service: Service) -> str:
    name = service.name.lower()
    for pattern, text in IN_PERSON_STEPS:
        if re.search(pattern, name):
            return text
    return DEFAULT_IN_PERSON[sum(map(ord, service.agency + service.id)) % len(DEFAULT_IN_PERSON)]


def _count(service: Service, month: tuple[int, int], total: int) -> str:
    split = service.splits.get(month)
    if not split:
        return str(total)
    return "{" + ", ".join(f"{k}: {v}" for k, v in split.items()) + "}"


def _entry(service: Service, state: State) -> str:
    y, m, d = state.on
    parts = [f'on: "{y}-{m:02d}-{d:02d}"', f"status: {state.status}"]
    if state.channels:
        parts.append(f"channels: [{', '.join(state.channels)}]")
    if state.status in ("partial", "in_person"):
        parts.append(f"in_person_steps: {json.dumps(in_person_step(service), ensure_ascii=False)}")
    return "      - {" + ", ".join(parts) + "}"


def render_agency(
    agency: CatalogueAgency,
    items: list[Service],
    declared_on: tuple[int, int, int],
    histories: dict[tuple[str, str], list[State]],
) -> str:
    lines = [
        f"# Service inventory of the {agency.name}, declared to the Qom provincial ICT office.",
        "schema_version: 1",
        "agency:",
        f"  id: {agency.id}",
        f"  name: {scalar(agency.name)}",
        f"  name_local: {scalar(agency.name_local)}",
        f'declared_on: "{declared_on[0]}-{declared_on[1]:02d}-{declared_on[2]:02d}"',
        f"verified: {'false' if agency.id in UNVERIFIED else 'true'}",
        "services:",
    ]
    for service in items:
        lines += [
            f"  - id: {service.id}",
            f"    name: {scalar(service.name)}",
            f"    name_local: {scalar(service.name_local)}",
            f"    status: {service.status}",
        ]
        if service.status == "partial":
            lines.append(f"    in_person_steps: {scalar(in_person_step(service))}")
        lines += [
            f"    type: {service.type}",
            f"    audience: [{', '.join(sorted(service.audience, key=AUDIENCES.index))}]",
            f"    channels: [{', '.join(service.channels)}]",
        ]
        history = histories.get((service.agency, service.id), [])
        if history:
            lines.append("    history:")
            lines += [_entry(service, state) for state in history]
        if service.launched:
            y, m, d = service.launched
            lines.append(f'    launched_on: "{y}-{m:02d}-{d:02d}"')
        if service.depends_on:
            lines.append(f"    depends_on: [{', '.join(service.depends_on)}]")
        if service.benchmarks:
            lines.append(f"    benchmarks: [{', '.join(service.benchmarks)}]")
        if service.transactions:
            lines.append("    transactions:")
            lines += [
                f'      "{y}-{m:02d}": {_count(service, (y, m), n)}'
                for (y, m), n in sorted(service.transactions.items())
            ]
    return "\n".join(lines) + "\n"


def render_collection() -> str:
    lines = [
        "# The Qom province collection: every executive agency the provincial ICT office",
        "# expects a service inventory from. Generated by tools/generate_qom.py.",
        "schema_version: 1",
        "id: qom",
        "name: Qom Province",
        "name_local: استان قم",
        "calendar: jalali",
        "language: fa",
        "agencies:",
    ]
    for agency in qom_catalogue().agencies:
        lines += [
            f"  - id: {agency.id}",
            f"    name: {scalar(agency.name)}",
            f"    name_local: {scalar(agency.name_local)}",
        ]
    return "\n".join(lines) + "\n"
