"""Generate ``inventories/greece/``: a Gregorian-calendar sample of Greek central government.

Six bodies behind gov.gr, the services each one runs, and monthly transactions for 2019
and 2020: the year the pandemic moved Greek public services online (the Ministry of
Digital Governance reported over 90 million electronic transactions in 2020, almost
three times 2019). Counts are drawn from one seeded generator around each service's
level; the sample is small on purpose, to show the tool is not tied to one calendar.

Usage::

    python -m tools.generate_greece [--output inventories/greece] [--force]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from tools.staging import staged_folder

SEED = 2020

AGENCIES = [
    ("digital-governance", "Ministry of Digital Governance", "Υπουργείο Ψηφιακής Διακυβέρνησης"),
    ("aade", "Independent Authority for Public Revenue", "Ανεξάρτητη Αρχή Δημοσίων Εσόδων"),
    (
        "efka",
        "e-EFKA Unified Social Security Fund",
        "e-ΕΦΚΑ Ηλεκτρονικός Εθνικός Φορέας Κοινωνικής Ασφάλισης",
    ),
    ("interior", "Ministry of the Interior", "Υπουργείο Εσωτερικών"),
    ("justice", "Ministry of Justice", "Υπουργείο Δικαιοσύνης"),
    ("transport", "Ministry of Infrastructure and Transport", "Υπουργείο Υποδομών και Μεταφορών"),
    ("cadastre", "Hellenic Cadastre", "Ελληνικό Κτηματολόγιο"),
]
DECLARED = ["digital-governance", "aade", "efka", "interior", "justice", "transport"]

# agency, id, English, Greek, status, type, audience, channels, launched, monthly level
# (2020), growth 2019->2020, depends_on, benchmarks, in-person step
SERVICES = [
    (
        "digital-governance",
        "solemn-declaration",
        "Solemn declaration and authorisation",
        "Υπεύθυνη δήλωση και εξουσιοδότηση",
        "full",
        "transactional",
        "citizens,businesses",
        "portal,mobile",
        "2020-03-23",
        900_000,
        0,
        ["interior/civil-registry-extract"],
        [],
        "",
    ),
    (
        "digital-governance",
        "gov-gr-wallet",
        "Identity and driving licence in the Gov.gr Wallet",
        "Ταυτότητα και δίπλωμα στο Gov.gr Wallet",
        "full",
        "interactive",
        "citizens",
        "mobile",
        "2020-12-01",
        0,
        0,
        [],
        [],
        "",
    ),
    (
        "digital-governance",
        "document-certification",
        "Certification of copies of documents",
        "Επικύρωση αντιγράφων εγγράφων",
        "full",
        "transactional",
        "citizens",
        "portal",
        "2020-04-10",
        120_000,
        0,
        [],
        [],
        "",
    ),
    (
        "digital-governance",
        "telemedicine-prescription",
        "Electronic prescription by text message",
        "Άυλη συνταγογράφηση",
        "full",
        "transactional",
        "citizens",
        "portal,mobile",
        "2020-03-30",
        600_000,
        0,
        ["efka/insurance-record"],
        [],
        "",
    ),
    (
        "aade",
        "income-tax-return",
        "Income tax return (E1)",
        "Δήλωση φορολογίας εισοδήματος (Ε1)",
        "full",
        "transactional",
        "citizens",
        "portal",
        "2001-05-01",
        550_000,
        1.1,
        [],
        ["sdg:income-tax-declaration"],
        "",
    ),
    (
        "aade",
        "tax-clearance",
        "Tax clearance certificate",
        "Αποδεικτικό φορολογικής ενημερότητας",
        "full",
        "transactional",
        "citizens,businesses",
        "portal",
        "2012-01-01",
        380_000,
        1.4,
        [],
        [],
        "",
    ),
    (
        "aade",
        "vat-return",
        "VAT return",
        "Δήλωση ΦΠΑ",
        "full",
        "transactional",
        "businesses",
        "portal",
        "2001-01-01",
        260_000,
        1.05,
        [],
        ["un:corporate-tax"],
        "",
    ),
    (
        "aade",
        "tax-number",
        "Tax number (AFM) issue",
        "Απόδοση ΑΦΜ",
        "partial",
        "transactional",
        "citizens",
        "portal,kiosk",
        "2014-06-01",
        18_000,
        1.6,
        ["interior/civil-registry-extract"],
        [],
        "First-time applicants show their identity card at a tax office.",
    ),
    (
        "aade",
        "business-start",
        "Notifying the start of a business activity",
        "Δήλωση έναρξης εργασιών",
        "partial",
        "transactional",
        "businesses",
        "portal,kiosk",
        "2015-01-01",
        9_000,
        1.3,
        ["justice/company-registry-filing"],
        ["sdg:business-activity", "un:business-registration"],
        "Legal entities file founding documents at a tax office.",
    ),
    (
        "efka",
        "insurance-record",
        "Insurance record",
        "Ασφαλιστικό βιογραφικό",
        "full",
        "interactive",
        "citizens,government",
        "portal",
        "2016-01-01",
        420_000,
        2.2,
        [],
        ["sdg:pension-data"],
        "",
    ),
    (
        "efka",
        "pension-claim",
        "Pension claim",
        "Αίτηση συνταξιοδότησης",
        "partial",
        "transactional",
        "citizens",
        "portal,kiosk",
        "2019-06-01",
        14_000,
        2.8,
        ["aade/tax-clearance", "interior/civil-registry-extract"],
        ["sdg:pension-claim"],
        "Supporting documents are checked at a branch before the award.",
    ),
    (
        "efka",
        "employer-contributions",
        "Employer contribution statement (APD)",
        "Αναλυτική Περιοδική Δήλωση (ΑΠΔ)",
        "full",
        "transactional",
        "businesses",
        "portal",
        "2014-01-01",
        310_000,
        1.05,
        [],
        ["sdg:social-contributions"],
        "",
    ),
    (
        "efka",
        "ehic",
        "European Health Insurance Card",
        "Ευρωπαϊκή Κάρτα Ασφάλισης Ασθένειας",
        "partial",
        "transactional",
        "citizens",
        "portal,kiosk",
        "2018-01-01",
        6_000,
        0.6,
        [],
        ["sdg:health-insurance-card"],
        "The card is collected at a branch.",
    ),
    (
        "interior",
        "civil-registry-extract",
        "Civil registry extract",
        "Πιστοποιητικό οικογενειακής κατάστασης",
        "full",
        "transactional",
        "citizens,government",
        "portal",
        "2018-03-01",
        480_000,
        3.1,
        [],
        ["sdg:birth-registration-proof", "un:birth-certificate"],
        "",
    ),
    (
        "interior",
        "birth-registration",
        "Birth registration",
        "Δήλωση γέννησης",
        "partial",
        "transactional",
        "citizens",
        "portal,kiosk",
        "2019-02-01",
        7_000,
        2.0,
        [],
        [],
        "The hospital's birth certificate is handed in at the registry office.",
    ),
    (
        "interior",
        "marriage-certificate",
        "Marriage certificate",
        "Ληξιαρχική πράξη γάμου",
        "full",
        "transactional",
        "citizens",
        "portal",
        "2020-05-15",
        15_000,
        0,
        [],
        ["un:marriage-certificate"],
        "",
    ),
    (
        "interior",
        "voter-registration",
        "Voter registration status",
        "Εκλογικός κατάλογος",
        "full",
        "informational",
        "citizens",
        "portal",
        "2012-01-01",
        0,
        0,
        [],
        [],
        "",
    ),
    (
        "justice",
        "criminal-record",
        "Criminal record certificate",
        "Αντίγραφο ποινικού μητρώου",
        "full",
        "transactional",
        "citizens",
        "portal",
        "2020-06-01",
        75_000,
        0,
        ["interior/civil-registry-extract"],
        [],
        "",
    ),
    (
        "justice",
        "court-case-tracking",
        "Court case tracking",
        "Παρακολούθηση πορείας υπόθεσης",
        "full",
        "interactive",
        "citizens,businesses",
        "portal",
        "2017-01-01",
        160_000,
        1.5,
        [],
        [],
        "",
    ),
    (
        "justice",
        "company-registry-filing",
        "Filing at the general commercial registry",
        "Καταχώριση στο ΓΕΜΗ",
        "partial",
        "transactional",
        "businesses",
        "portal,kiosk",
        "2016-01-01",
        40_000,
        1.2,
        ["aade/tax-clearance"],
        ["sdg:business-activity"],
        "Notarised founding deeds are lodged at a one-stop shop.",
    ),
    (
        "transport",
        "vehicle-registration",
        "Registering a motor vehicle",
        "Ταξινόμηση οχήματος",
        "partial",
        "transactional",
        "citizens,businesses",
        "portal,kiosk",
        "2017-01-01",
        22_000,
        0.9,
        ["aade/tax-clearance"],
        ["sdg:vehicle-registration"],
        "Number plates are collected at the transport directorate.",
    ),
    (
        "transport",
        "driving-licence-renewal",
        "Driving licence renewal",
        "Ανανέωση άδειας οδήγησης",
        "partial",
        "transactional",
        "citizens",
        "portal,kiosk",
        "2019-09-01",
        19_000,
        1.7,
        ["interior/civil-registry-extract"],
        ["un:driver-licence"],
        "A medical certificate is presented at the transport directorate.",
    ),
    (
        "transport",
        "road-tax-sticker",
        "Road tax (circulation fee) payment",
        "Τέλη κυκλοφορίας",
        "full",
        "transactional",
        "citizens,businesses",
        "portal",
        "2011-01-01",
        420_000,
        1.0,
        [],
        ["sdg:road-use-sticker"],
        "",
    ),
    (
        "transport",
        "vehicle-inspection-booking",
        "Vehicle inspection booking",
        "Ραντεβού για ΚΤΕΟ",
        "unknown",
        "interactive",
        "citizens",
        "portal",
        "2019-04-01",
        0,
        0,
        [],
        [],
        "",
    ),
]
# 2020: lockdowns in spring (March-May) and again from November moved services online.
SHAPE_2020 = [0.8, 0.8, 0.95, 1.15, 1.15, 1.0, 0.95, 0.75, 1.0, 1.05, 1.2, 1.25]
SHAPE_2019 = [0.95, 1.0, 1.05, 1.0, 1.05, 1.0, 0.95, 0.7, 1.0, 1.05, 1.05, 1.1]


def _months(service: tuple, rng: random.Random) -> dict[str, int]:  # type: ignore[type-arg]
    launched, level, growth = service[8], service[9], service[10]
    counts: dict[str, int] = {}
    if not level:
        return counts
    start = (int(launched[:4]), int(launched[5:7]))
    for year, shape, scale in (
        (2019, SHAPE_2019, 1 / growth if growth else 0),
        (2020, SHAPE_2020, 1),
    ):
        for month in range(1, 13):
            if (year, month) < start or not scale:
                continue
            counts[f"{year}-{month:02d}"] = int(
                level * scale * shape[month - 1] * rng.uniform(0.93, 1.07)
            )
    return counts


def _scalar(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ":#'\"[]{},") else text


def render_agency(agency: tuple[str, str, str], rng: random.Random) -> str:
    agency_id, name, local = agency
    lines = [
        f"# Services of the {name}, as declared for the 2020 review of gov.gr.",
        "schema_version: 1",
        "agency:",
        f"  id: {agency_id}",
        f"  name: {_scalar(name)}",
        f"  name_local: {_scalar(local)}",
        'declared_on: "2021-01-15"',
        "verified: true",
        "services:",
    ]
    for service in SERVICES:
        if service[0] != agency_id:
            continue
        (
            _,
            sid,
            english,
            greek,
            status,
            kind,
            audience,
            channels,
            launched,
            _level,
            _growth,
            depends,
            benchmarks,
            step,
        ) = service
        lines += [
            f"  - id: {sid}",
            f"    name: {_scalar(english)}",
            f"    name_local: {_scalar(greek)}",
            f"    status: {status}",
        ]
        if step:
            lines.append(f"    in_person_steps: {_scalar(step)}")
        lines += [
            f"    type: {kind}",
            f"    audience: [{audience.replace(',', ', ')}]",
            f"    channels: [{channels.replace(',', ', ')}]",
            f'    launched_on: "{launched}"',
        ]
        if depends:
            lines.append(f"    depends_on: [{', '.join(depends)}]")
        if benchmarks:
            lines.append(f"    benchmarks: [{', '.join(benchmarks)}]")
        counts = _months(service, rng)
        if counts:
            lines.append("    transactions:")
            lines += [f'      "{month}": {count}' for month, count in counts.items()]
    return "\n".join(lines) + "\n"


def render_collection() -> str:
    lines = [
        "# Greek central government bodies behind gov.gr (a sample in the Gregorian calendar).",
        "# Generated by tools/generate_greece.py.",
        "schema_version: 1",
        "id: greece",
        "name: Greece, central government",
        "name_local: Ελλάδα, κεντρική διοίκηση",
        "calendar: gregorian",
        "language: el",
        "agencies:",
    ]
    for agency_id, name, local in AGENCIES:
        lines += [
            f"  - id: {agency_id}",
            f"    name: {_scalar(name)}",
            f"    name_local: {_scalar(local)}",
        ]
    return "\n".join(lines) + "\n"


def write(output: Path, force: bool) -> None:
    rng = random.Random(SEED)
    with staged_folder(output, force=force) as staging:
        (staging / "collection.yaml").write_text(render_collection(), encoding="utf-8")
        for agency in AGENCIES:
            if agency[0] in DECLARED:
                (staging / "agencies" / f"{agency[0]}.yaml").write_text(
                    render_agency(agency, rng), encoding="utf-8"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/greece"))
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write(args.output, args.force)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
