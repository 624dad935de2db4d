"""The readiness report: what a provincial ICT office counts over its agencies' declarations.

Every figure is computed here, once, into a :class:`ReadinessReport`; renderers only lay
it out. A service counts in a period if it has no ``launched_on`` or was launched on or
before the period's last month. Transactions are summed over the period's months only,
never annualised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from egov_audit.model import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Service,
    ServiceType,
    Status,
    latest_transaction_year,
)
from egov_audit.model.benchmarks import BenchmarkItem, Catalogue, catalogues
from egov_audit.model.calendars import Month
from egov_audit.model.period import Period, year_period

DEFAULT_TOP = 10
DEFAULT_MIN_SERVICES = 3


@dataclass(frozen=True, slots=True)
class RankingRule:
    """How agencies are ranked; stated in every report so readers can check it."""

    min_services: int = DEFAULT_MIN_SERVICES
    top: int = DEFAULT_TOP

    def describe(self) -> str:
        """The rule in one sentence."""
        return (
            f"Agencies with at least {self.min_services} "
            f"service{'' if self.min_services == 1 else 's'} in the period are ranked by "
            "share of fully electronic services; ties are broken by the number of fully "
            "electronic services, then by transactions in the period."
        )


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """One agency's figures for the period."""

    agency: AgencyRef
    verified: bool
    services: int
    by_status: dict[Status, int]
    channels: dict[Channel, int]
    transactions: int
    rank: int | None

    @property
    def full(self) -> int:
        """Number of fully electronic services."""
        return self.by_status[Status.FULL]

    @property
    def full_share(self) -> float:
        """Share of the agency's services that are fully electronic (0 when it has none)."""
        return self.full / self.services if self.services else 0.0


@dataclass(frozen=True, slots=True)
class TakeUpRow:
    """Transactions of the months declared split by channel, for one agency or overall.

    Digital take-up follows the GOV.UK service manual: completed digital transactions
    (portal and mobile app) over all completed transactions. Kiosk and counter offices
    are assisted digital and counted apart from paper at the agency's own office.
    """

    agency: AgencyRef | None
    digital: int
    assisted: int
    in_person: int

    @property
    def total(self) -> int:
        """All transactions of the split months."""
        return self.digital + self.assisted + self.in_person

    @property
    def take_up(self) -> float:
        """Digital share of completed transactions."""
        return share(self.digital, self.total)


@dataclass(frozen=True, slots=True)
class ProviderRow:
    """An agency whose services other agencies' services depend on."""

    agency: AgencyRef
    dependent_services: int
    dependent_transactions: int
    share: float
    """Of the transactions of all services that depend on another agency."""


@dataclass(frozen=True, slots=True)
class ConsumerRow:
    """An agency whose services depend on other agencies' services."""

    agency: AgencyRef
    services: int
    dependencies: int


@dataclass(frozen=True, slots=True)
class Blocker:
    """A service that is not fully electronic, held back by a dependency that is not either."""

    service: str
    status: Status
    provider_service: str
    provider_status: Status


@dataclass(frozen=True, slots=True)
class BlockerGroup:
    """The blocked services, grouped by the agency providing what blocks them."""

    provider: AgencyRef
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True, slots=True)
class Interoperability:
    """Who depends on whom, from ``depends_on``."""

    providers: tuple[ProviderRow, ...]
    consumers: tuple[ConsumerRow, ...]
    blocked: tuple[BlockerGroup, ...]
    dependent_transactions: int


@dataclass(frozen=True, slots=True)
class BenchmarkCoverage:
    """How much of one benchmark list the collection's services cover."""

    catalogue: Catalogue
    covered: tuple[str, ...]
    fully_electronic: tuple[str, ...]
    missing: tuple[BenchmarkItem, ...]


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """An agency with services still to make fully electronic or to verify."""

    agency: AgencyRef
    partial: int
    in_person: int
    unknown: int

    @property
    def open(self) -> int:
        """Services not fully electronic."""
        return self.partial + self.in_person + self.unknown


@dataclass(frozen=True)
class ReadinessReport:
    """Every figure of the readiness report for one collection and one period."""

    collection: Collection
    period: Period
    ranking_rule: RankingRule
    agencies_expected: int
    agencies_declared: int
    agencies_verified: int
    missing_agencies: tuple[AgencyRef, ...]
    unregistered_agencies: tuple[AgencyRef, ...]
    excluded_files: tuple[str, ...]
    services_total: int
    by_status: dict[Status, int]
    transactions_total: int
    transactions_by_month: tuple[tuple[Month, int], ...]
    new_services_total: int
    new_services_by_type: dict[ServiceType, int]
    audiences: dict[Audience, int]
    channel_offerings: dict[Channel, int]
    agencies: tuple[AgencyRow, ...]
    take_up: TakeUpRow = TakeUpRow(None, 0, 0, 0)
    take_up_by_agency: tuple[TakeUpRow, ...] = ()
    interoperability: Interoperability = Interoperability((), (), (), 0)
    benchmarks: tuple[BenchmarkCoverage, ...] = ()
    open_services: tuple[FollowUpRow, ...] = ()
    """Agencies by number of services not fully electronic, most first."""
    in_person_steps: tuple[tuple[str, int], ...] = ()
    """The in-person steps cited most often, with how many services cite them."""

    @property
    def busiest_month(self) -> tuple[Month, int] | None:
        """The month of the period with the most transactions (if two or more have data)."""
        if len(self.transactions_by_month) < 2:
            return None
        return max(self.transactions_by_month, key=lambda item: (item[1], item[0]))

    @property
    def quietest_month(self) -> tuple[Month, int] | None:
        """The month of the period with the fewest transactions (if two or more have data)."""
        if len(self.transactions_by_month) < 2:
            return None
        return min(self.transactions_by_month, key=lambda item: (item[1], item[0]))

    @property
    def months_with_data(self) -> list[Month]:
        """The months of the period for which at least one count was declared."""
        return [month for month, _count in self.transactions_by_month]

    @property
    def offerings_total(self) -> int:
        """All service-channel offerings (a service on two channels counts twice)."""
        return sum(self.channel_offerings.values())

    @property
    def new_transactional_or_interactive(self) -> int:
        """New services of the year that are transactional or interactive."""
        return (
            self.new_services_by_type[ServiceType.TRANSACTIONAL]
            + self.new_services_by_type[ServiceType.INTERACTIVE]
        )

    @property
    def ranked(self) -> list[AgencyRow]:
        """Ranked agencies, best first."""
        return sorted(
            (row for row in self.agencies if row.rank is not None), key=lambda row: row.rank or 0
        )

    @property
    def leaders(self) -> list[AgencyRow]:
        """The top agencies of the ranking."""
        return self.ranked[: self.ranking_rule.top]

    @property
    def follow_up(self) -> list[AgencyRow]:
        """The lowest-ranked agencies, worst first, never repeating a leader."""
        ranked = self.ranked
        leaders = {row.agency.id for row in ranked[: self.ranking_rule.top]}
        bottom = [row for row in reversed(ranked) if row.agency.id not in leaders]
        return bottom[: self.ranking_rule.top]

    @property
    def unranked(self) -> list[AgencyRow]:
        """Agencies with too few services to be ranked."""
        return [row for row in self.agencies if row.rank is None]


def counts_in(service: Service, period: Period) -> bool:
    """Whether a service exists in the period (launched no later than its last month)."""
    return service.launched_on is None or service.launched_on[:2] <= period.end


def default_period(declarations: Iterable[Declaration]) -> Period:
    """The latest year with transaction data (else the latest declaration's year)."""
    latest: int | None = None
    declared: int | None = None
    for declaration in declarations:
        declared = max(declared or 0, declaration.declared_on[0])
        year = latest_transaction_year(declaration)
        if year is not None:
            latest = year if latest is None else max(latest, year)
    if latest is None and declared is None:
        raise ValueError("no declarations to choose a period from")
    return year_period(latest if latest is not None else declared or 0)


def build_report(
    collection: Collection,
    declarations: Iterable[Declaration],
    period: Period,
    *,
    rule: RankingRule | None = None,
    excluded_files: Sequence[str] = (),
) -> ReadinessReport:
    """Compute the readiness report of ``declarations`` for ``period``.

    One pass over the declarations, which may be a generator: a national collection's
    services are read one declaration at a time and only counts are kept (plus each
    service's status, for the dependencies, and the services that depend on others).
    """
    tally = _Tally(period)
    for declaration in declarations:
        tally.add(declaration)
    return tally.report(collection, rule or RankingRule(), excluded_files)


class _Tally:
    """The running counts of :func:`build_report`."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.agencies: dict[str, AgencyRef] = {}
        self.verified = 0
        self.by_status: Counter[Status] = Counter()
        self.audiences: Counter[Audience] = Counter()
        self.channels: Counter[Channel] = Counter()
        self.new_by_type: Counter[ServiceType] = Counter()
        self.monthly: Counter[Month] = Counter()
        self.rows: list[AgencyRow] = []
        self.take_up: list[TakeUpRow] = []
        self.status_of: dict[str, Status] = {}
        # (agency id, service id, status, depends_on, transactions in the period)
        self.dependents: list[tuple[str, str, Status, tuple[str, ...], int]] = []
        self.covered: set[str] = set()
        self.covered_full: set[str] = set()
        self.steps: Counter[str] = Counter()
        self.step_text: dict[str, tuple[str, int, str]] = {}

    def add(self, declaration: Declaration) -> None:
        period = self.period
        agency = declaration.agency
        self.agencies[agency.id] = agency
        self.verified += declaration.verified
        status_counts: Counter[Status] = Counter()
        channel_counts: Counter[Channel] = Counter()
        split_counts: Counter[str] = Counter()
        agency_transactions = 0
        for index, service in enumerate(declaration.services):
            if not counts_in(service, period):
                continue
            status_counts[service.status] += 1
            self.audiences.update(service.audience)
            channel_counts.update(service.channels)
            if service.launched_on is not None and service.launched_on[0] == period.year:
                self.new_by_type[service.type] += 1
            transactions = 0
            for month, count in service.transactions:
                if period.contains(month):
                    self.monthly[month] += count
                    transactions += count
            agency_transactions += transactions
            for month, split in service.channel_splits:
                if period.contains(month):
                    split_counts.update(dict(split))
            global_id = f"{agency.id}/{service.id}"
            self.status_of[global_id] = service.status
            if service.depends_on:
                self.dependents.append(
                    (agency.id, service.id, service.status, service.depends_on, transactions)
                )
            self.covered.update(service.benchmarks)
            if service.status is Status.FULL:
                self.covered_full.update(service.benchmarks)
            elif service.in_person_steps:
                key = " ".join(service.in_person_steps.casefold().split()).rstrip(".")
                self.steps[key] += 1
                first = (agency.id, index, service.in_person_steps.strip())
                if key not in self.step_text or first < self.step_text[key]:
                    self.step_text[key] = first
        self.by_status.update(status_counts)
        self.channels.update(channel_counts)
        self.rows.append(
            AgencyRow(
                agency=agency,
                verified=declaration.verified,
                services=sum(status_counts.values()),
                by_status={status: status_counts[status] for status in Status},
                channels={channel: channel_counts[channel] for channel in Channel},
                transactions=agency_transactions,
                rank=None,
            )
        )
        if split_counts:
            self.take_up.append(
                TakeUpRow(
                    agency,
                    split_counts["portal"] + split_counts["mobile"],
                    split_counts["kiosk"],
                    split_counts["in_person"],
                )
            )

    def report(
        self, collection: Collection, rule: RankingRule, excluded_files: Sequence[str]
    ) -> ReadinessReport:
        registry_ids = {agency.id for agency in collection.agencies}
        rows = _rank(sorted(self.rows, key=lambda r: r.agency.id), rule)
        take_up_rows = sorted(self.take_up, key=lambda r: r.agency.id if r.agency else "")
        monthly = self.monthly
        return ReadinessReport(
            collection=collection,
            period=self.period,
            ranking_rule=rule,
            agencies_expected=len(collection.agencies),
            agencies_declared=len(self.rows),
            agencies_verified=self.verified,
            missing_agencies=tuple(a for a in collection.agencies if a.id not in self.agencies),
            unregistered_agencies=tuple(
                row.agency for row in rows if row.agency.id not in registry_ids
            ),
            excluded_files=tuple(excluded_files),
            services_total=sum(self.by_status.values()),
            by_status={status: self.by_status[status] for status in Status},
            transactions_total=sum(monthly.values()),
            transactions_by_month=tuple(sorted(monthly.items())),
            new_services_total=sum(self.new_by_type.values()),
            new_services_by_type={kind: self.new_by_type[kind] for kind in ServiceType},
            audiences={audience: self.audiences[audience] for audience in Audience},
            channel_offerings={channel: self.channels[channel] for channel in Channel},
            agencies=tuple(rows),
            take_up=TakeUpRow(
                None,
                sum(r.digital for r in take_up_rows),
                sum(r.assisted for r in take_up_rows),
                sum(r.in_person for r in take_up_rows),
            ),
            take_up_by_agency=tuple(take_up_rows),
            interoperability=self._interoperability(),
            benchmarks=self._benchmarks(),
            open_services=_open_services(rows),
            in_person_steps=self._in_person_steps(),
        )

    def _interoperability(self) -> Interoperability:
        status_of = self.status_of
        provider_services: Counter[str] = Counter()
        provider_transactions: Counter[str] = Counter()
        consuming: Counter[str] = Counter()
        edges: Counter[str] = Counter()
        blocked: dict[str, list[Blocker]] = {}
        dependent_total = 0
        for agency_id, service_id, status, depends_on, transactions in self.dependents:
            targets = [t for t in depends_on if t in status_of]
            if not targets:
                continue
            consuming[agency_id] += 1
            edges[agency_id] += len(targets)
            dependent_total += transactions
            for provider in sorted({t.split("/", 1)[0] for t in targets}):
                provider_services[provider] += 1
                provider_transactions[provider] += transactions
            if status is Status.FULL:
                continue
            for target in targets:
                if status_of[target] is not Status.FULL:
                    blocked.setdefault(target.split("/", 1)[0], []).append(
                        Blocker(f"{agency_id}/{service_id}", status, target, status_of[target])
                    )
        agencies = self.agencies
        providers = sorted(
            (
                ProviderRow(
                    agencies[p],
                    provider_services[p],
                    provider_transactions[p],
                    share(provider_transactions[p], dependent_total),
                )
                for p in provider_services
            ),
            key=lambda r: (-r.dependent_services, -r.dependent_transactions, r.agency.id),
        )
        consumers = sorted(
            (ConsumerRow(agencies[a], consuming[a], edges[a]) for a in consuming),
            key=lambda r: (-r.services, -r.dependencies, r.agency.id),
        )
        groups = sorted(
            (
                BlockerGroup(agencies[p], tuple(sorted(items, key=lambda b: b.service)))
                for p, items in blocked.items()
            ),
            key=lambda g: (-len(g.blockers), g.provider.id),
        )
        return Interoperability(tuple(providers), tuple(consumers), tuple(groups), dependent_total)

    def _benchmarks(self) -> tuple[BenchmarkCoverage, ...]:
        found = []
        for catalogue in catalogues().values():
            codes = [item.code for item in catalogue.items]
            found.append(
                BenchmarkCoverage(
                    catalogue,
                    tuple(c for c in codes if c in self.covered),
                    tuple(c for c in codes if c in self.covered_full),
                    tuple(item for item in catalogue.items if item.code not in self.covered),
                )
            )
        return tuple(found)

    def _in_person_steps(self, top: int = 10) -> tuple[tuple[str, int], ...]:
        """The steps cited most often; spelling variants (case, spaces, final stop) are one."""
        ranked = sorted(self.steps.items(), key=lambda item: (-item[1], item[0]))[:top]
        return tuple((self.step_text[key][2], count) for key, count in ranked)


def _open_services(rows: list[AgencyRow]) -> tuple[FollowUpRow, ...]:
    found = [
        FollowUpRow(
            row.agency,
            row.by_status[Status.PARTIAL],
            row.by_status[Status.IN_PERSON],
            row.by_status[Status.UNKNOWN],
        )
        for row in rows
    ]
    found = [row for row in found if row.open]
    found.sort(key=lambda r: (-r.open, -r.unknown, r.agency.id))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Change:
    """One figure in two periods."""

    key: str
    current: float
    previous: float

    @property
    def ratio(self) -> float | None:
        """current / previous ("x times"), or None when previous is 0."""
        return self.current / self.previous if self.previous else None

    @property
    def percent(self) -> float | None:
        """The change in percent of previous, or None when previous is 0."""
        return (self.current - self.previous) * 100 / self.previous if self.previous else None


def compare(current: ReadinessReport, previous: ReadinessReport) -> list[Change]:
    """The headline figures of two reports side by side."""

    def figures(report: ReadinessReport) -> dict[str, float]:
        values: dict[str, float] = {
            "agencies_declared": report.agencies_declared,
            "services": report.services_total,
        }
        for status in Status:
            values[f"status.{status.value}"] = report.by_status[status]
        values["transactions"] = report.transactions_total
        values["new_services"] = report.new_services_total
        for channel in Channel:
            values[f"channel.{channel.value}"] = report.channel_offerings[channel]
        values["digital_take_up"] = report.take_up.take_up
        return values

    now, before = figures(current), figures(previous)
    return [Change(key, now[key], before[key]) for key in now]


def _rank(rows: list[AgencyRow], rule: RankingRule) -> list[AgencyRow]:
    eligible = [row for row in rows if row.services >= rule.min_services]
    eligible.sort(key=lambda r: (-r.full_share, -r.full, -r.transactions, r.agency.id))
    ranks = {row.agency.id: index for index, row in enumerate(eligible, start=1)}
    return [
        AgencyRow(
            row.agency,
            row.verified,
            row.services,
            row.by_status,
            row.channels,
            row.transactions,
            ranks.get(row.agency.id),
        )
        for row in rows
    ]


def share(count: int, total: int) -> float:
    """``count / total``, or 0 when there is nothing to divide."""
    return count / total if total else 0.0
