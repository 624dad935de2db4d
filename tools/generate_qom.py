"""Generate the Qom province sample collection, ``inventories/qom/``.

The provincial ICT office of Qom published its e-government readiness figures for the first
half of 1399 (Solar Hijri) but not the declarations behind them. This script writes
declarations that a real office could have received: the province's real executive
agencies (``tools/qom_catalogue.py``) with the services each one runs, statuses, channels,
audiences, launch dates, monthly transactions for 1398 and 1399-01..06, and ``depends_on``
inquiries between agencies. Random choices come from one seeded generator, so the output is
the same on every run; the totals are then steered to the published figures:

* 54 of 58 registered agencies declared; 651 services: 318 full, 218 partial, 115 unknown;
* 145 services launched in 1399, 128 of them transactional or interactive;
* 345 services serve citizens; channel offerings 73% portal, 17% kiosk, 10% mobile;
* 23,000,000 transactions in 1399-01..1399-06;
* the six leading agencies the article names are the six best by the ranking rule.

After writing, the script validates the collection and recomputes the report with
egov-audit itself, and fails if any figure differs.

Usage::

    python -m tools.generate_qom [--output inventories/qom] [--seed 1399] [--force]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jdatetime

from tools.qom_catalogue import AGENCIES, COMMON, SERVICES
from tools.staging import staged_folder

SEED = 1399
LEADERS = {  # the article's leading agencies, all services fully electronic, in its order
    "abfa": 18,
    "mpo": 15,
    "economic-affairs": 14,
    "tax-affairs": 13,
    "post": 12,
    "cooperatives-labour-welfare": 11,
}
TOTAL_SERVICES = 651
FULL, PARTIAL, UNKNOWN = 318, 218, 115
NEW_SERVICES, NEW_INFORMATIONAL = 145, 17
CITIZENS = 345
PORTAL, KIOSK, MOBILE = 584, 136, 80  # 73.0%, 17.0%, 10.0% of 800 offerings
TRANSACTIONS_H1 = 23_000_000
UNVERIFIED = {"governorate", "customs", "foreign-nationals", "islamic-propagation", "statistics"}
NO_ACCESS = {  # agencies that did not grant the office access to their transaction data
    "medical-sciences",
    "telecommunication",
    "customs",
    "education",
    "governorate",
    "endowment",
    "foreign-nationals",
    "penalties-organization",
    "oil-products",
    "islamic-propagation",
    "statistics",
    "crisis-management",
    "red-crescent",
}
VOLUME = {  # relative monthly transaction volume of an agency's services
    "abfa": 10,
    "power-distribution": 12,
    "gas": 9,
    "post": 9,
    "telecommunication": 5,
    "tax-affairs": 5,
    "civil-registration": 5,
    "social-security": 7,
    "health-insurance": 8,
    "medical-sciences": 6,
    "education": 5,
    "deeds-registration": 3,
    "economic-affairs": 2,
    "cooperatives-labour-welfare": 3,
    "mpo": 0.6,
    "industry-mine-trade": 2,
    "oil-products": 3,
    "road-maintenance": 2,
    "relief-committee": 1.5,
    "welfare": 1,
    "pension-fund": 1.2,
}
# Relative activity of the months 01..12: Nowruz holidays in Farvardin; 1399 also had the
# first COVID-19 closures in Farvardin and Ordibehesht.
MONTH_SHAPE_1398 = [0.70, 0.95, 1.0, 1.0, 0.97, 1.02, 1.05, 1.04, 1.06, 1.03, 1.08, 1.10]
MONTH_SHAPE_1399 = [0.78, 0.92, 1.05, 1.08, 1.10, 1.12]
GROWTH_1398 = 0.68  # 1398 volumes relative to 1399: the year e-services took off

ONLINE_FIRST = r"payment|inquiry|tracking|schedule|booking|report|survey|self-declaration|slip"
# How much a service of this kind is used compared with its agency's average.
USAGE = [
    (r"bill payment|bill inquiry", 12.0),
    (r"tracking|inquiry|prescription|results|grades|slip|self-reading|self-declaration", 3.0),
    (r"payment|booking|appointment|outage|emergency", 2.0),
    (r"licence|permit|establishment|accreditation|registration of|qualification", 0.25),
]

TYPE_NAMES = {"i": "informational", "t": "transactional", "x": "interactive"}
AUDIENCE_NAMES = {"c": "citizens", "b": "businesses", "g": "government"}
AUDIENCE_ORDER = list(AUDIENCE_NAMES.values())

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

DEPENDENCY_RULES = [
    (
        r"connection|subscriber|meter relocation",
        [
            "civil-registration/identity-inquiry",
            "post/postal-code-inquiry",
            "deeds-registration/property-ownership-inquiry",
        ],
    ),
    (
        r"licence|permit|establishment|commercial card|economic code",
        [
            "civil-registration/identity-inquiry",
            "tax-affairs/tax-clearance-certificate",
            "post/postal-code-inquiry",
        ],
    ),
    (
        r"pension|retirement|unemployment|insurance enrolment|self-employed",
        ["civil-registration/identity-inquiry", "social-security/insurance-record-inquiry"],
    ),
    (
        r"official document|title deed|property transfer|mortgage",
        [
            "civil-registration/identity-inquiry",
            "tax-affairs/tax-clearance-certificate",
            "abfa/debt-clearance-inquiry-for-property-transactions",
            "power-distribution/electricity-debt-inquiry-for-property-transfer",
        ],
    ),
    (r"disabilit|disabled", ["welfare/disability-status-inquiry"]),
    (r"veteran", ["martyrs-foundation/veteran-status-inquiry"]),
    (
        r"student|school|enrolment|course registration",
        ["civil-registration/identity-inquiry", "education/academic-record-inquiry"],
    ),
    (
        r"company registration|cooperative registration|business licence",
        ["civil-registration/identity-inquiry", "post/postal-code-inquiry"],
    ),
    (
        r"loan|livelihood|admission|dowry|housing",
        ["civil-registration/identity-inquiry", "relief-committee/client-status-inquiry"],
    ),
]


@dataclass
class Service:
    agency: str
    id: str
    name: str
    name_local: str
    type: str
    audience: set[str]
    common: bool
    status: str = "unknown"
    channels: list[str] = field(default_factory=list)
    launched: tuple[int, int, int] | None = None
    depends_on: list[str] = field(default_factory=list)
    transactions: dict[tuple[int, int], int] = field(default_factory=dict)
    splits: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    benchmarks: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_lines(block: str, agency: str, common: bool) -> list[Service]:
    services = []
    for line in block.strip().splitlines():
        kind, audience, names = line.split(" ", 2)
        english, persian = (part.strip() for part in names.split("|"))
        services.append(
            Service(
                agency,
                slug(english),
                english,
                persian,
                TYPE_NAMES[kind],
                {AUDIENCE_NAMES[a] for a in audience},
                common,
            )
        )
    return services


def adjust(
    values: dict[str, int],
    target: int,
    low: dict[str, int],
    high: dict[str, int],
    rng: random.Random,
) -> None:
    """Move ``values`` one unit at a time, within bounds, until they sum to ``target``."""
    keys = sorted(values)
    while (total := sum(values.values())) != target:
        step = 1 if total < target else -1
        movable = [k for k in keys if low[k] <= values[k] + step <= high[k]]
        if not movable:
            raise SystemExit(f"cannot reach {target}: bounds too tight")
        values[rng.choice(movable)] += step


def build(rng: random.Random) -> tuple[dict[str, list[Service]], dict[str, tuple[int, int, int]]]:
    declared = [a for a in AGENCIES if a[3]]
    commons = parse_lines(COMMON, "", True)
    others = [a[0] for a in declared if a[0] not in LEADERS]

    # How many common services each agency adds to its own catalogue.
    extra = {a: LEADERS[a] - len(SERVICES[a].strip().splitlines()) for a in LEADERS}
    rest = (
        TOTAL_SERVICES
        - sum(LEADERS.values())
        - sum(len(SERVICES[a].strip().splitlines()) for a in others)
    )
    counts = {a: 0 for a in others}
    for a in others:
        counts[a] = rng.randint(2, 9)
    adjust(counts, rest, dict.fromkeys(others, 1), dict.fromkeys(others, len(commons)), rng)
    extra.update(counts)

    services: dict[str, list[Service]] = {}
    for agency_id, *_ in declared:
        own = parse_lines(SERVICES[agency_id], agency_id, False)
        # Complaints handling is the one common service nearly everyone has.
        chosen = [commons[0], *rng.sample(commons[1:], extra[agency_id] - 1)]
        for template in chosen:
            own.append(
                Service(
                    agency_id,
                    template.id,
                    template.name,
                    template.name_local,
                    template.type,
                    set(template.audience),
                    True,
                )
            )
        services[agency_id] = own

    _statuses(services, rng)
    _launches(services, rng)
    _audiences(services, rng)
    _channels(services, rng)
    _dependencies(services, rng)
    _transactions(services, rng)
    declared_on = {a: (1399, 7, rng.randint(1, 20)) for a in services}
    _channel_splits(services, rng)
    _benchmarks(services)
    return services, declared_on


# Services that answer to the shipped benchmark lists (egov_audit/catalogues).
BENCHMARKS = {
    "civil-registration/birth-registration": [
        "sdg:birth-registration-proof",
        "un:birth-certificate",
    ],
    "civil-registration/death-registration": ["un:death-certificate"],
    "civil-registration/marriage-and-divorce-registration": ["un:marriage-certificate"],
    "civil-registration/smart-national-card-application": ["un:id-card"],
    "deeds-registration/company-registration": [
        "un:business-registration",
        "sdg:business-activity",
    ],
    "deeds-registration/single-page-title-deed-issue": ["un:land-registration"],
    "industry-mine-trade/business-licence-guild": ["un:business-licence", "sdg:business-activity"],
    "industrial-estates/construction-permit-in-industrial-estates": ["un:building-permit"],
    "environment/environmental-permit-for-industries": ["un:environmental-permit"],
    "tax-affairs/income-tax-return": ["sdg:income-tax-declaration"],
    "tax-affairs/value-added-tax-return": ["un:corporate-tax", "sdg:corporate-tax-declaration"],
    "social-security/pension-claim": ["sdg:pension-claim"],
    "social-security/insurance-record-inquiry": ["sdg:pension-data"],
    "social-security/employer-monthly-contributions-list": ["sdg:social-contributions"],
    "social-security/workshop-code-registration": ["sdg:employer-registration"],
    "pension-fund/retirement-claim": ["sdg:pension-claim"],
    "qom-university/student-registration": ["sdg:tertiary-admission"],
    "qom-university/student-loan": ["sdg:study-financing"],
    "qom-university/degree-verification": ["sdg:diploma-recognition"],
    "cooperatives-labour-welfare/livelihood-support-registration": ["un:social-protection"],
    "cooperatives-labour-welfare/unemployment-insurance-claim": ["un:social-protection"],
    "post/postal-code-certificate": ["sdg:residence-proof"],
}


def _benchmarks(services: dict[str, list[Service]]) -> None:
    for items in services.values():
        for service in items:
            service.benchmarks = BENCHMARKS.get(f"{service.agency}/{service.id}", [])
    missing = set(BENCHMARKS) - {f"{s.agency}/{s.id}" for v in services.values() for s in v}
    if missing:
        raise SystemExit(f"benchmark services not in the catalogue: {sorted(missing)}")


def _channel_splits(services: dict[str, list[Service]], rng: random.Random) -> None:
    """Some agencies report 1399 counts by channel, which lets the report measure take-up."""
    splitting = {
        "abfa",
        "power-distribution",
        "gas",
        "post",
        "tax-affairs",
        "social-security",
        "civil-registration",
        "deeds-registration",
        "industry-mine-trade",
    }
    for agency_id, items in services.items():
        if agency_id not in splitting:
            continue
        for service in items:
            offline = service.status == "partial"
            if len(service.channels) < 2 and not offline:
                continue
            weights = {
                "portal": rng.uniform(0.5, 0.8) if "portal" in service.channels else 0,
                "kiosk": rng.uniform(0.1, 0.4) if "kiosk" in service.channels else 0,
                "mobile": rng.uniform(0.1, 0.3) if "mobile" in service.channels else 0,
                "in_person": rng.uniform(0.05, 0.2) if offline else 0,
            }
            names = [k for k, v in weights.items() if v]
            for month, total in service.transactions.items():
                if month[0] != 1399:
                    continue
                parts = {k: int(total * weights[k] / sum(weights.values())) for k in names}
                parts[names[0]] += total - sum(parts.values())
                service.splits[month] = parts


def _statuses(services: dict[str, list[Service]], rng: random.Random) -> None:
    others = sorted(a for a in services if a not in LEADERS)
    size = {a: len(services[a]) for a in others}
    unknown = {}
    for a in others:
        share = rng.uniform(0.45, 0.9) if a in NO_ACCESS else rng.choice([0, 0, 0, 0.1, 0.2])
        unknown[a] = round(size[a] * share)
    adjust(
        unknown,
        UNKNOWN,
        dict.fromkeys(others, 0),
        {a: size[a] - 1 if a in NO_ACCESS else 2 for a in others},
        rng,
    )
    full = {}
    for a in others:
        maturity = rng.uniform(0.15, 0.4) if a in NO_ACCESS else rng.uniform(0.3, 0.85)
        full[a] = min(round((size[a] - unknown[a]) * maturity), size[a] - unknown[a])
    # Nobody but the six leaders is fully electronic: at least one service per agency is not.
    adjust(
        full,
        FULL - sum(LEADERS.values()),
        dict.fromkeys(others, 0),
        {a: min(size[a] - unknown[a], size[a] - 1) for a in others},
        rng,
    )
    for agency_id, items in services.items():
        if agency_id in LEADERS:
            for service in items:
                service.status = "full"
            continue
        # Informational and interactive services go electronic first; licences last.
        # Payments and inquiries need no visit at all and went electronic first.
        order = sorted(
            items,
            key=lambda s: (
                {"informational": 0, "interactive": 1, "transactional": 2}[s.type]
                - 2 * bool(re.search(ONLINE_FIRST, s.name.lower()))
                + rng.random() * 1.6
            ),
        )
        for index, service in enumerate(order):
            if index < full[agency_id]:
                service.status = "full"
            elif index < len(order) - unknown[agency_id]:
                service.status = "partial"
            else:
                service.status = "unknown"


def _launches(services: dict[str, list[Service]], rng: random.Random) -> None:
    every = [s for items in services.values() for s in items]
    informational = [s for s in every if s.type == "informational"]
    active = [s for s in every if s.type != "informational"]
    new = rng.sample(informational, NEW_INFORMATIONAL) + rng.sample(
        active, NEW_SERVICES - NEW_INFORMATIONAL
    )
    for service in new:
        service.launched = _random_date(rng, 1399, 1399, last_month=6)
    fresh = {id(s) for s in new}
    for service in every:
        if id(service) not in fresh and rng.random() < 0.7:
            service.launched = _random_date(rng, 1388, 1398)


def _random_date(
    rng: random.Random, first: int, last: int, last_month: int = 12
) -> tuple[int, int, int]:
    year, month = rng.randint(first, last), rng.randint(1, last_month)
    while True:
        day = rng.randint(1, 31)
        try:
            jdatetime.date(year, month, day)
        except ValueError:
            continue
        return year, month, day


def _audiences(services: dict[str, list[Service]], rng: random.Random) -> None:
    every = [s for items in services.values() for s in items]
    count = sum("citizens" in s.audience for s in every)
    while count > CITIZENS:  # services for several audiences lose "citizens"
        shared = [s for s in every if "citizens" in s.audience and len(s.audience) > 1]
        rng.choice(shared).audience.discard("citizens")
        count -= 1
    while count < CITIZENS:  # business services that citizens also use
        business = [s for s in every if s.audience == {"businesses"}]
        rng.choice(business).audience.add("citizens")
        count += 1


def _channels(services: dict[str, list[Service]], rng: random.Random) -> None:
    every = [s for items in services.values() for s in items]
    counter_only = [
        s
        for s in every
        if s.status in ("partial", "unknown") and s.type == "transactional" and not s.common
    ]
    kiosk_only = rng.sample(counter_only, TOTAL_SERVICES - PORTAL)
    for service in every:
        service.channels = ["kiosk"] if service in kiosk_only else ["portal"]
    portal = [s for s in every if s.channels == ["portal"]]
    kiosk_first = [s for s in portal if s.status == "partial" and s.type == "transactional"]
    kiosk_more = rng.sample(kiosk_first, min(len(kiosk_first), KIOSK - len(kiosk_only)))
    if len(kiosk_more) < KIOSK - len(kiosk_only):
        rest = [s for s in portal if s not in kiosk_more]
        kiosk_more += rng.sample(rest, KIOSK - len(kiosk_only) - len(kiosk_more))
    for service in kiosk_more:
        service.channels.append("kiosk")
    apps = [
        s
        for s in portal
        if s.status == "full" and s.type != "informational" and "citizens" in s.audience
    ]
    for service in rng.sample(apps, MOBILE):
        service.channels.append("mobile")


def _dependencies(services: dict[str, list[Service]], rng: random.Random) -> None:
    existing = {f"{s.agency}/{s.id}" for items in services.values() for s in items}
    for items in services.values():
        for service in items:
            if service.type != "transactional" or service.common:
                continue
            for pattern, targets in DEPENDENCY_RULES:
                if re.search(pattern, service.name.lower()):
                    candidates = [
                        t
                        for t in targets
                        if t in existing and not t.startswith(service.agency + "/")
                    ]
                    wanted = rng.randint(1, min(3, len(candidates))) if candidates else 0
                    service.depends_on = sorted(rng.sample(candidates, wanted))
                    break
            else:
                if (
                    "citizens" in service.audience
                    and rng.random() < 0.3
                    and service.agency != "civil-registration"
                ):
                    service.depends_on = ["civil-registration/identity-inquiry"]


def usage(service: Service) -> float:
    name = service.name.lower()
    return next((factor for pattern, factor in USAGE if re.search(pattern, name)), 1.0)


def _months() -> list[tuple[int, int]]:
    return [(1398, m) for m in range(1, 13)] + [(1399, m) for m in range(1, 7)]


def _transactions(services: dict[str, list[Service]], rng: random.Random) -> None:
    counted = [
        s
        for items in services.values()
        for s in items
        if s.status in ("full", "partial") and s.type != "informational"
    ]
    level = {
        id(s): VOLUME.get(s.agency, 0.5) * usage(s) * rng.lognormvariate(0, 0.8) for s in counted
    }
    raw: dict[tuple[int, tuple[int, int]], float] = {}
    for service in counted:
        for month in _months():
            if service.launched and service.launched[:2] > month:
                continue
            shape = (
                MONTH_SHAPE_1399[month[1] - 1]
                if month[0] == 1399
                else MONTH_SHAPE_1398[month[1] - 1] * GROWTH_1398
            )
            raw[(id(service), month)] = level[id(service)] * shape * rng.uniform(0.9, 1.1)
    half = {key: value for key, value in raw.items() if key[1][0] == 1399}
    scale = TRANSACTIONS_H1 / sum(half.values())
    exact = {key: value * scale for key, value in raw.items()}
    counts = {key: int(value) for key, value in exact.items()}
    # Largest remainders make the first half of 1399 add up exactly.
    short = TRANSACTIONS_H1 - sum(counts[k] for k in half)
    for key in sorted(half, key=lambda k: exact[k] - counts[k], reverse=True)[:short]:
        counts[key] += 1
    by_id = {id(s): s for s in counted}
    for (service_id, month), value in counts.items():
        by_id[service_id].transactions[month] = value


# ---------------------------------------------------------------- writing

_PLAIN = re.compile(r"[A-Za-z\u0600-\u06FF][^:#\[\]{},&*!|>'\"%@`]*\Z")


def scalar(text: str) -> str:
    if (
        _PLAIN.match(text)
        and not text.endswith(" ")
        and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _count(service: Service, month: tuple[int, int], total: int) -> str:
    split = service.splits.get(month)
    if not split:
        return str(total)
    return "{" + ", ".join(f"{k}: {v}" for k, v in split.items()) + "}"


def in_person_step(service: Service) -> str:
    name = service.name.lower()
    for pattern, text in IN_PERSON_STEPS:
        if re.search(pattern, name):
            return text
    return DEFAULT_IN_PERSON[sum(map(ord, service.agency + service.id)) % len(DEFAULT_IN_PERSON)]


def render_agency(
    agency: tuple[str, str, str, bool], items: list[Service], declared_on: tuple[int, int, int]
) -> str:
    agency_id, name, name_local, _ = agency
    lines = [
        f"# Service inventory of the {name}, declared to the Qom provincial ICT office.",
        "schema_version: 1",
        "agency:",
        f"  id: {agency_id}",
        f"  name: {scalar(name)}",
        f"  name_local: {scalar(name_local)}",
        f'declared_on: "{declared_on[0]}-{declared_on[1]:02d}-{declared_on[2]:02d}"',
        f"verified: {'false' if agency_id in UNVERIFIED else 'true'}",
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
            f"    audience: [{', '.join(sorted(service.audience, key=AUDIENCE_ORDER.index))}]",
            f"    channels: [{', '.join(service.channels)}]",
        ]
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
    for agency_id, name, name_local, _ in AGENCIES:
        lines += [
            f"  - id: {agency_id}",
            f"    name: {scalar(name)}",
            f"    name_local: {scalar(name_local)}",
        ]
    return "\n".join(lines) + "\n"


def write(output: Path, force: bool, seed: int) -> None:
    rng = random.Random(seed)
    services, declared_on = build(rng)
    with staged_folder(output, force=force) as staging:
        (staging / "collection.yaml").write_text(render_collection(), encoding="utf-8")
        for agency in AGENCIES:
            if agency[0] in services:
                text = render_agency(agency, services[agency[0]], declared_on[agency[0]])
                (staging / "agencies" / f"{agency[0]}.yaml").write_text(text, encoding="utf-8")
        self_check(staging)


def self_check(root: Path) -> None:
    """Recompute the report with egov-audit and compare it with the published figures."""
    from egov_audit.aggregate.report import build_report
    from egov_audit.model import Audience, Channel, ServiceType, Status
    from egov_audit.model.period import parse_period
    from egov_audit.runner.collection import load_collection, validate_paths

    result = validate_paths([root])
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        raise SystemExit(
            "generated files do not validate:\n"
            + "\n".join(f"{f.location}: {f.message}" for f in errors[:20])
        )
    loaded = load_collection(root)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    got = {
        "declared": len(report.agencies),
        "services": report.services_total,
        "full": report.by_status[Status.FULL],
        "partial": report.by_status[Status.PARTIAL],
        "unknown": report.by_status[Status.UNKNOWN],
        "new": report.new_services_total,
        "new active": report.new_services_by_type[ServiceType.TRANSACTIONAL]
        + report.new_services_by_type[ServiceType.INTERACTIVE],
        "citizens": report.audiences[Audience.CITIZENS],
        "portal": report.channel_offerings[Channel.PORTAL],
        "kiosk": report.channel_offerings[Channel.KIOSK],
        "mobile": report.channel_offerings[Channel.MOBILE],
        "transactions": report.transactions_total,
        "leaders": [row.agency.id for row in report.leaders[:6]],
    }
    want = {
        "declared": 54,
        "services": TOTAL_SERVICES,
        "full": FULL,
        "partial": PARTIAL,
        "unknown": UNKNOWN,
        "new": NEW_SERVICES,
        "new active": NEW_SERVICES - NEW_INFORMATIONAL,
        "citizens": CITIZENS,
        "portal": PORTAL,
        "kiosk": KIOSK,
        "mobile": MOBILE,
        "transactions": TRANSACTIONS_H1,
        "leaders": list(LEADERS),
    }
    wrong = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    if wrong:
        raise SystemExit(f"generated figures differ (got, wanted): {wrong}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/qom"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write(args.output, args.force, args.seed)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
