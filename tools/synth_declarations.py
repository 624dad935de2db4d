"""The text of a synthetic collection: ``collection.yaml`` and each agency's declaration.

Service names combine the catalogue's service names (mostly the agency's own, some common,
some borrowed) with qualifiers; statuses, channels, audiences, launch dates, transactions and
``depends_on`` follow the distributions described in ``tools/synth.py``. Every agency file
depends only on the seed and the agency's index, and one file may carry one injected mistake.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

from tools.catalogue import AUDIENCES, qom_catalogue
from tools.synth_agencies import PROVIDER_WEIGHT, PROVIDERS, agency_at, allocate, templates
from tools.yamltext import scalar, slug

QUALIFIERS: list[tuple[str, str]] = [  # (English suffix, Persian suffix)
    ("for rural areas", "ویژه مناطق روستایی"),
    ("for industrial units", "ویژه واحدهای صنعتی"),
    ("for foreign nationals", "ویژه اتباع خارجی"),
    ("for legal entities", "ویژه اشخاص حقوقی"),
    ("for veterans' families", "ویژه خانواده‌های ایثارگران"),
    ("renewal", "تمدید"),
    ("amendment", "اصلاحیه"),
    ("cancellation", "ابطال"),
    ("follow-up", "پیگیری"),
    ("(urgent)", "(فوری)"),
    ("through service offices", "از طریق دفاتر پیشخوان"),
    ("in free trade zones", "در مناطق آزاد"),
]

STATUSES = ["full", "partial", "unknown", "in_person"]
STATUS_WEIGHTS = list(accumulate([0.49, 0.32, 0.16, 0.03]))
IN_PERSON_STEPS = [
    "The applicant's original documents are checked at the counter.",
    "An inspector visits the premises before the request is approved.",
    "The final document is signed in person at the office.",
    "A technician visits the site to install or check the equipment.",
    "The applicant comes to an office for fingerprints and a photograph.",
    "The parties are invited to a hearing at the office before a decision is issued.",
    "Paper forms are still signed and stamped at the office.",
]
# Relative activity of months 01..12 (Nowruz holidays in month 1 of the Solar Hijri year).
SEASON_JALALI = [0.72, 0.94, 1.0, 1.02, 0.98, 1.03, 1.05, 1.04, 1.06, 1.03, 1.08, 1.12]
SEASON_GREGORIAN = [1.0, 0.97, 1.06, 1.0, 1.02, 0.98, 0.9, 0.85, 1.03, 1.06, 1.05, 1.1]

# The mistakes of --invalid-share, in the order they are handed out, with the rule each causes.
INVALID_KINDS: dict[str, str] = {
    "unknown-status": "schema/enum",
    "bad-date": "date-invalid",
    "duplicate-key": "yaml-duplicate-key",
    "missing-dependency": "depends-on-unresolved",
    "persian-digits": "count-non-ascii-digits",
}
BAD_STATUS = "online"
DEPENDENCY_SHARE = {"transactional": 0.55, "interactive": 0.2}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(slots=True)
class Calendar:
    """Enough of a calendar to write plausible dates: declaration in month 7 of ``year``."""

    name: str
    year: int
    season: list[float]

    def month_length(self, year: int, month: int) -> int:
        if self.name == "jalali":
            return 31 if month <= 6 else 30 if month <= 11 else 29
        if month == 2:
            return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
        return 30 if month in (4, 6, 9, 11) else 31


def calendar_named(name: str) -> Calendar:
    if name == "jalali":
        return Calendar("jalali", 1399, SEASON_JALALI)
    return Calendar("gregorian", 2020, SEASON_GREGORIAN)


@dataclass
class Stats:
    files: int = 0
    services: int = 0
    bytes: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    transactions: int = 0
    dependencies: int = 0
    invalid: list[dict[str, object]] = field(default_factory=list)


class Generator:
    """Writes one collection; every agency file depends only on the seed and its index."""

    def __init__(
        self, agencies: int, services: int, seed: int, calendar: str, invalid_share: float
    ) -> None:
        self.seed = seed
        self.agencies = agencies
        self.total = services
        self.calendar = calendar_named(calendar)
        self.invalid_share = invalid_share
        self.counts = allocate(services, agencies, random.Random(f"{seed}:counts"))
        # Provider services and their cumulative weights (earlier provinces weigh more).
        self.providers: list[str] = []
        self.provider_agency: list[int] = []
        weights: list[float] = []
        for index in range(agencies):
            agency = agency_at(index)
            if agency.base in PROVIDERS:
                rank = index // len(qom_catalogue().agencies)
                self.providers.append(f"{agency.id}/{slug(PROVIDERS[agency.base])}")
                self.provider_agency.append(index)
                weights.append(PROVIDER_WEIGHT[agency.base] / (rank + 1) ** 1.1)
        self.provider_cumulative = list(accumulate(weights))
        self.invalid = self._invalid_files()

    def _invalid_files(self) -> dict[int, str]:
        if self.invalid_share <= 0:
            return {}
        wanted = max(1, round(self.invalid_share * self.agencies))
        candidates = [i for i in range(self.agencies) if agency_at(i).base not in PROVIDERS]
        if self.agencies < 2:
            return {}
        chosen = sorted(random.Random(f"{self.seed}:invalid").sample(candidates, wanted))
        kinds = list(INVALID_KINDS)
        return {index: kinds[n % len(kinds)] for n, index in enumerate(chosen)}

    # ------------------------------------------------------------------ rendering

    def collection_text(self) -> str:
        lines = [
            "# A synthetic national collection generated by tools/synth.py "
            f"(seed {self.seed}, {self.agencies} agencies, {self.total} services).",
            "schema_version: 1",
            "id: synthetic",
            f"name: Synthetic national collection, {self.total} services",
            "name_local: مجموعه ملی آزمایشی",
            f"calendar: {self.calendar.name}",
            "language: fa",
            "agencies:",
        ]
        for index in range(self.agencies):
            agency = agency_at(index)
            lines += [
                f"  - id: {agency.id}",
                f"    name: {scalar(agency.name)}",
                f"    name_local: {scalar(agency.name_local)}",
            ]
        return "\n".join(lines) + "\n"

    def _date(self, rng: random.Random, first_year: int, last: tuple[int, int]) -> str:
        """A real date from ``first_year`` up to the month ``last`` (year, month), recent-heavy."""
        span = last[0] - first_year
        year = last[0] - min(span, int(rng.expovariate(0.35)))
        month = rng.randint(1, last[1] if year == last[0] else 12)
        day = rng.randint(1, self.calendar.month_length(year, month))
        return f"{year}-{month:02d}-{day:02d}"

    def agency_text(self, index: int) -> tuple[str, dict[str, object] | None, Stats]:
        """The YAML of agency ``index``, the mistake injected into it (if any), its stats."""
        agency = agency_at(index)
        rng = random.Random(f"{self.seed}:agency:{index}")
        cal = self.calendar
        year = cal.year
        stats = Stats(files=1)
        mistake = self.invalid.get(index)
        injected: dict[str, object] | None = None
        declared_on = f"{year}-07-{rng.randint(1, 20):02d}"
        last_month = (year, 6)
        span = rng.randint(12, 18)
        months = [
            (year - 1 + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(19 - span, 19)
        ]  # the `span` months up to (year, 6)
        month_keys = [f'"{y}-{m:02d}"' for y, m in months]
        growth = rng.uniform(1.0, 1.6)  # this year's volume relative to last year's
        catalogue = templates()
        own = catalogue.own.get(agency.base, catalogue.common)
        provider_name = PROVIDERS.get(agency.base)

        lines = [
            f"# Service inventory of the {agency.name}. Synthetic: generated by tools/synth.py.",
            "schema_version: 1",
            "agency:",
            f"  id: {agency.id}",
            f"  name: {scalar(agency.name)}",
            f"  name_local: {scalar(agency.name_local)}",
            f'declared_on: "{declared_on}"',
            f"verified: {'true' if rng.random() < 0.85 else 'false'}",
            "services:",
        ]
        used: dict[str, int] = {}
        count = self.counts[index]
        # Where the mistake goes: a service in the first half of the file.
        target = rng.randrange(max(1, count // 2)) if mistake else -1
        for number in range(count):
            if number == 0 and provider_name is not None:
                template = next(t for t in own if t.name == provider_name)
                qualifier = None
            else:
                pick = rng.random()
                pool = own if pick < 0.6 else catalogue.common if pick < 0.75 else catalogue.all
                template = pool[rng.randrange(len(pool))]
                qualifier = (
                    QUALIFIERS[rng.randrange(len(QUALIFIERS))] if rng.random() < 0.4 else None
                )
            name, name_local = template.name, template.name_local
            if qualifier is not None:
                name, name_local = f"{name} {qualifier[0]}", f"{name_local} {qualifier[1]}"
            base_id = slug(name)
            seen = used.get(base_id, 0) + 1
            used[base_id] = seen
            service_id = base_id if seen == 1 else f"{base_id}-{seen}"
            if seen > 1:  # in the unlikely case "x-2" is also a plain slug
                while service_id in used:
                    seen += 1
                    service_id = f"{base_id}-{seen}"
                used[service_id] = 1
            status = STATUSES[bisect_left(STATUS_WEIGHTS, rng.random() * STATUS_WEIGHTS[-1])]
            inject = mistake if number == target else None
            stats.services += 1

            lines.append(f"  - id: {service_id}")
            lines.append(f"    name: {scalar(name)}")
            if inject == "duplicate-key":
                injected = {"line": len(lines) + 1, "service": service_id}
                lines.append(f"    name: {scalar(name + ' (duplicate)')}")
            lines.append(f"    name_local: {scalar(name_local)}")
            if inject == "unknown-status":
                injected = {"line": len(lines) + 1, "service": service_id}
                lines.append(f"    status: {BAD_STATUS}")
            else:
                lines.append(f"    status: {status}")
                stats.by_status[status] += 1
            if status in ("partial", "in_person"):
                step = IN_PERSON_STEPS[rng.randrange(len(IN_PERSON_STEPS))]
                lines.append(f"    in_person_steps: {scalar(step)}")
            lines.append(f"    type: {template.type}")
            audience = list(template.audience)
            if rng.random() < 0.1 and "businesses" not in audience:
                audience.append("businesses")
                audience.sort(key=AUDIENCES.index)
            lines.append(f"    audience: [{', '.join(audience)}]")
            if status != "in_person":
                channels = ["portal"] if rng.random() < 0.88 else ["kiosk"]
                if status == "partial" and channels == ["portal"] and rng.random() < 0.35:
                    channels.append("kiosk")
                if status == "full" and "citizens" in audience and rng.random() < 0.25:
                    channels.append("mobile")
                if status != "unknown" or rng.random() < 0.7:
                    lines.append(f"    channels: [{', '.join(channels)}]")
            launched: tuple[int, int] | None = None
            if inject == "bad-date":
                injected = {"line": len(lines) + 1, "service": service_id}
                lines.append(f'    launched_on: "{year}-13-01"')
            elif rng.random() < 0.7:
                date = self._date(rng, year - 11, last_month)
                launched = (int(date[:4]), int(date[5:7]))
                lines.append(f'    launched_on: "{date}"')
            depends: list[str] = []
            if self.providers and (
                inject == "missing-dependency"
                or rng.random() < DEPENDENCY_SHARE.get(template.type, 0.0)
            ):
                for _ in range(1 + int(rng.random() < 0.35) + int(rng.random() < 0.1)):
                    chosen = bisect_left(
                        self.provider_cumulative,
                        rng.random() * self.provider_cumulative[-1],
                    )
                    chosen = min(chosen, len(self.providers) - 1)
                    ref = self.providers[chosen]
                    if self.provider_agency[chosen] != index and ref not in depends:
                        depends.append(ref)
                if inject == "missing-dependency":
                    others = [
                        p
                        for p, a in zip(self.providers, self.provider_agency, strict=True)
                        if a != index
                    ]
                    provider = others[rng.randrange(len(others))] if others else None
                    if provider is None:
                        other_id = agency_at((index + 1) % self.agencies).id
                        provider = f"{other_id}/identity-inquiry"
                    depends.append(f"{provider}-old-system")
                    injected = {"line": len(lines) + 1, "service": service_id}
            elif inject == "missing-dependency":
                # No provider in a tiny collection: name another agency's made-up service.
                other = next(
                    i for i in range(self.agencies) if i != index and i not in self.invalid
                )
                depends.append(f"{agency_at(other).id}/identity-inquiry-old-system")
                injected = {"line": len(lines) + 1, "service": service_id}
            if depends:
                stats.dependencies += len(depends)
                lines.append(f"    depends_on: [{', '.join(depends)}]")
            counted = status in ("full", "partial") and template.type != "informational"
            if counted or inject == "persian-digits":
                level = rng.lognormvariate(4.5, 1.7)
                entries: list[tuple[str, int | str]] = []
                for key, (y, m) in zip(month_keys, months, strict=True):
                    if launched is not None and launched > (y, m):
                        continue
                    volume = level * cal.season[m - 1] * rng.uniform(0.85, 1.15)
                    if y < year:
                        volume /= growth
                    entries.append((key, int(volume)))
                if inject == "persian-digits":
                    # The last month, typed on a Persian keyboard (a plausible count).
                    key = entries[-1][0] if entries else month_keys[-1]
                    typed = str(rng.randint(120, 9000)).translate(PERSIAN_DIGITS)
                    entries[-1:] = [(key, typed)]
                if entries:
                    lines.append("    transactions:")
                    for key, count_value in entries:
                        lines.append(f"      {key}: {count_value}")
                        if isinstance(count_value, int):
                            stats.transactions += count_value
                    if inject == "persian-digits":
                        injected = {"line": len(lines), "service": service_id}
        text = "\n".join(lines) + "\n"
        if mistake is not None and injected is not None:
            injected = {
                "file": f"agencies/{agency.id}.yaml",
                "kind": mistake,
                "rule": INVALID_KINDS[mistake],
                **injected,
            }
        return text, injected, stats
