"""The Qom sample's monthly transactions for 1398 and 1399-01..06, and their split by channel.

Volumes follow each agency's size, the kind of service and the months of the year, and are
scaled so that the first half of 1399 adds up to exactly the published total.
"""

from __future__ import annotations

import random
import re

from tools.qom_assembly import Service, Services
from tools.qom_figures import TRANSACTIONS_H1

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

# How much a service of this kind is used compared with its agency's average.
USAGE = [
    (r"bill payment|bill inquiry", 12.0),
    (r"tracking|inquiry|prescription|results|grades|slip|self-reading|self-declaration", 3.0),
    (r"payment|booking|appointment|outage|emergency", 2.0),
    (r"licence|permit|establishment|accreditation|registration of|qualification", 0.25),
]
# Agencies that report 1399 counts by channel, which lets the report measure take-up.
SPLITTING = {
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


def usage(service: Service) -> float:
    name = service.name.lower()
    return next((factor for pattern, factor in USAGE if re.search(pattern, name)), 1.0)


def _months() -> list[tuple[int, int]]:
    return [(1398, m) for m in range(1, 13)] + [(1399, m) for m in range(1, 7)]


def set_transactions(services: Services, rng: random.Random) -> None:
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


def split_by_channel(services: Services, rng: random.Random) -> None:
    """Split the 1399 counts of the agencies in ``SPLITTING`` by channel."""
    for agency_id, items in services.items():
        if agency_id not in SPLITTING:
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
