"""The Qom sample's agencies and services: which ones, with which status, launch date,
audience, channels, ``depends_on`` inquiries and benchmarks.

Each step makes its random choices from the one seeded generator it is given and steers the
totals to the published figures (``tools/qom_figures.py``); ``tools/generate_qom.py`` runs
the steps in a fixed order, so the same seed gives the same sample.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import jdatetime

from tools.catalogue import Entry, qom_catalogue
from tools.qom_figures import (
    CITIZENS,
    FULL,
    KIOSK,
    LEADERS,
    MOBILE,
    NEW_INFORMATIONAL,
    NEW_SERVICES,
    PORTAL,
    TOTAL_SERVICES,
    UNKNOWN,
)
from tools.yamltext import slug

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
ONLINE_FIRST = r"payment|inquiry|tracking|schedule|booking|report|survey|self-declaration|slip"

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


Services = dict[str, list[Service]]
"""Each declared agency's services, by agency id, in catalogue order."""


def _service(agency: str, entry: Entry, common: bool) -> Service:
    return Service(
        agency,
        slug(entry.name),
        entry.name,
        entry.name_local,
        entry.type,
        set(entry.audience),
        common,
    )


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


def assemble(rng: random.Random) -> Services:
    """Each declared agency's own catalogue services and some of the common ones."""
    catalogue = qom_catalogue()
    declared = [a for a in catalogue.agencies if a.declared]
    own = {a.id: a.services for a in declared}
    commons = catalogue.common
    others = [a.id for a in declared if a.id not in LEADERS]

    # How many common services each agency adds to its own catalogue.
    extra = {a: LEADERS[a] - len(own[a]) for a in LEADERS}
    rest = TOTAL_SERVICES - sum(LEADERS.values()) - sum(len(own[a]) for a in others)
    counts = {a: 0 for a in others}
    for a in others:
        counts[a] = rng.randint(2, 9)
    adjust(counts, rest, dict.fromkeys(others, 1), dict.fromkeys(others, len(commons)), rng)
    extra.update(counts)

    services: Services = {}
    for agency in declared:
        # Complaints handling is the one common service nearly everyone has.
        chosen = [commons[0], *rng.sample(commons[1:], extra[agency.id] - 1)]
        services[agency.id] = [_service(agency.id, entry, False) for entry in own[agency.id]] + [
            _service(agency.id, entry, True) for entry in chosen
        ]
    return services


def set_statuses(services: Services, rng: random.Random) -> None:
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


def set_launches(services: Services, rng: random.Random) -> None:
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


def set_audiences(services: Services, rng: random.Random) -> None:
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


def set_channels(services: Services, rng: random.Random) -> None:
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


def set_dependencies(services: Services, rng: random.Random) -> None:
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


def set_benchmarks(services: Services) -> None:
    for items in services.values():
        for service in items:
            service.benchmarks = BENCHMARKS.get(f"{service.agency}/{service.id}", [])
    missing = set(BENCHMARKS) - {f"{s.agency}/{s.id}" for v in services.values() for s in v}
    if missing:
        raise SystemExit(f"benchmark services not in the catalogue: {sorted(missing)}")
