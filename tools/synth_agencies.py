"""The agencies of a synthetic collection and how many services each declares.

The agencies are the Qom catalogue's agencies (``tools/data/qom-catalogue.yaml``) repeated
for every province of Iran (``gas-tehran``, ``civil-registration-fars``, ...), with a
numeric suffix once the provinces run out. Services per agency are log-normal: a few large
agencies, many small ones.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

from tools.catalogue import Entry, qom_catalogue

MAX_SERVICES_PER_AGENCY = 5000
"""Keeps every file far below egov-audit's 8 MiB limit (a service is ~0.5-0.8 KB)."""

PROVINCES: list[tuple[str, str, str]] = [  # (slug, English, Persian)
    ("qom", "Qom", "قم"),
    ("tehran", "Tehran", "تهران"),
    ("razavi-khorasan", "Razavi Khorasan", "خراسان رضوی"),
    ("isfahan", "Isfahan", "اصفهان"),
    ("fars", "Fars", "فارس"),
    ("khuzestan", "Khuzestan", "خوزستان"),
    ("east-azerbaijan", "East Azerbaijan", "آذربایجان شرقی"),
    ("mazandaran", "Mazandaran", "مازندران"),
    ("west-azerbaijan", "West Azerbaijan", "آذربایجان غربی"),
    ("kerman", "Kerman", "کرمان"),
    ("sistan-baluchestan", "Sistan and Baluchestan", "سیستان و بلوچستان"),
    ("alborz", "Alborz", "البرز"),
    ("gilan", "Gilan", "گیلان"),
    ("kermanshah", "Kermanshah", "کرمانشاه"),
    ("golestan", "Golestan", "گلستان"),
    ("hormozgan", "Hormozgan", "هرمزگان"),
    ("lorestan", "Lorestan", "لرستان"),
    ("hamadan", "Hamadan", "همدان"),
    ("kurdistan", "Kurdistan", "کردستان"),
    ("markazi", "Markazi", "مرکزی"),
    ("qazvin", "Qazvin", "قزوین"),
    ("ardabil", "Ardabil", "اردبیل"),
    ("bushehr", "Bushehr", "بوشهر"),
    ("yazd", "Yazd", "یزد"),
    ("zanjan", "Zanjan", "زنجان"),
    ("chaharmahal-bakhtiari", "Chaharmahal and Bakhtiari", "چهارمحال و بختیاری"),
    ("north-khorasan", "North Khorasan", "خراسان شمالی"),
    ("south-khorasan", "South Khorasan", "خراسان جنوبی"),
    ("kohgiluyeh-boyer-ahmad", "Kohgiluyeh and Boyer-Ahmad", "کهگیلویه و بویراحمد"),
    ("semnan", "Semnan", "سمنان"),
    ("ilam", "Ilam", "ایلام"),
]

# Inquiry services other agencies depend on: base agency id -> (service slug, catalogue name).
PROVIDERS: dict[str, str] = {
    "civil-registration": "Identity inquiry",
    "post": "Postal code inquiry",
    "tax-affairs": "Tax clearance certificate",
    "deeds-registration": "Property ownership inquiry",
    "social-security": "Insurance record inquiry",
    "relief-committee": "Client status inquiry",
    "welfare": "Disability status inquiry",
    "martyrs-foundation": "Veteran status inquiry",
    "education": "Academic record inquiry",
}
# How much more each provider is used than the least used one.
PROVIDER_WEIGHT = {
    "civil-registration": 10.0,
    "post": 5.0,
    "tax-affairs": 3.0,
    "deeds-registration": 2.0,
    "social-security": 2.0,
    "relief-committee": 1.0,
    "welfare": 0.7,
    "martyrs-foundation": 0.5,
    "education": 0.5,
}


@dataclass(frozen=True, slots=True)
class Templates:
    """The catalogue's services that synthetic services are named after."""

    own: dict[str, tuple[Entry, ...]]
    """Each declared catalogue agency's own services, by agency id."""
    common: tuple[Entry, ...]
    all: tuple[Entry, ...]
    """Every agency's own services, then the common ones."""


@cache
def templates() -> Templates:
    catalogue = qom_catalogue()
    own = {a.id: a.services for a in catalogue.agencies if a.declared}
    every = tuple(t for items in own.values() for t in items) + catalogue.common
    return Templates(own, catalogue.common, every)


@dataclass(frozen=True, slots=True)
class Agency:
    index: int
    base: str
    id: str
    name: str
    name_local: str


def agency_at(index: int) -> Agency:
    """The ``index``-th synthetic agency: catalogue agency x province (x district)."""
    catalogue = qom_catalogue().agencies
    base = catalogue[index % len(catalogue)]
    base_id, name, name_local = base.id, base.name, base.name_local
    round_ = index // len(catalogue)
    province_slug, province, province_local = PROVINCES[round_ % len(PROVINCES)]
    district = round_ // len(PROVINCES)
    agency_id = f"{base_id}-{province_slug}" + (f"-{district + 1}" if district else "")
    name = name.replace("Qom", province) if "Qom" in name else f"{name}, {province} Province"
    if re.search(r"(^| )قم( |$)", name_local):
        name_local = re.sub(r"(^| )قم( |$)", rf"\g<1>{province_local}\g<2>", name_local)
    else:
        name_local = f"{name_local} استان {province_local}"
    if district:
        name += f", district {district + 1}"
        name_local += f"، ناحیه {district + 1}"
    return Agency(index, base_id, agency_id, name, name_local)


def allocate(total: int, count: int, rng: random.Random) -> list[int]:
    """Split ``total`` services over ``count`` agencies, log-normally, each in [1, cap]."""
    cap = MAX_SERVICES_PER_AGENCY
    if count < 1 or total < count:
        raise SystemExit("need at least one agency, and at least one service per agency")
    if total > cap * count:
        raise SystemExit(f"at most {cap} services per agency: add agencies")
    weights = [rng.lognormvariate(0.0, 1.0) for _ in range(count)]
    spare = total - count
    scale = spare / sum(weights)
    counts = [min(cap, 1 + int(w * scale)) for w in weights]
    short = total - sum(counts)
    order = sorted(range(count), key=lambda i: (-weights[i], i))
    while short > 0:  # the rounding remainder, and what capped agencies could not take
        for i in order:
            if short == 0:
                break
            take = min(cap - counts[i], max(1, short // count))
            counts[i] += take
            short -= take
    return counts
