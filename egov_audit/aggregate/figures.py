"""The figures of the readiness report as records: what :func:`build_report` computes and
every renderer lays out. See docs/report-method.md for each figure's definition."""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.aggregate.exchange import ExchangeFigures
from egov_audit.aggregate.progress import NO_PROGRESS, Progress, SeriesPoint
from egov_audit.model import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Service,
    ServiceType,
    Status,
)
from egov_audit.model.benchmarks import BenchmarkItem, Catalogue
from egov_audit.model.calendars import Day, Month
from egov_audit.model.findings import BrokenReference, ExcludedFile
from egov_audit.model.period import Period

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
    declared: bool = True
    """False for a registered agency that has not declared (or whose file is excluded)."""


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
    """``unknown`` when the provider has not declared."""
    provider_declared: bool = True


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


SPLIT_KEYS = ("portal", "mobile", "kiosk", "in_person")
"""The keys of a month's count split by channel: digital (portal, mobile), assisted digital
(kiosk), in person."""


@dataclass(frozen=True, slots=True)
class Cut:
    """How a list was cut: ``shown`` items of ``total``; the rest are "K more"."""

    shown: int
    total: int

    @property
    def more(self) -> int:
        """Items not shown."""
        return self.total - self.shown


def cut(total: int, top: int) -> Cut:
    """The cut of a list of ``total`` items shown up to ``top``."""
    return Cut(min(total, top), total)


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
    """Registered agencies with no declaration file (a file with errors is not missing: it
    is in ``excluded``)."""
    unregistered_agencies: tuple[AgencyRef, ...]
    excluded: tuple[ExcludedFile, ...]
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
    """The in-person steps cited, most often first (ties by text), with how many services
    cite them; renderers show ``ranking_rule.top`` of them."""
    new_in_period_total: int = 0
    """Services launched within the period's months."""
    new_in_period_by_type: dict[ServiceType, int] | None = None
    broken_references: tuple[BrokenReference, ...] = ()
    take_up_by_month: tuple[tuple[Month, dict[str, int]], ...] = ()
    """The months of the period with counts split by channel, each with its transactions
    by split key (:data:`SPLIT_KEYS`): the take-up figures month by month."""
    transactions_of_new_services: int = 0
    as_of: Day | None = None
    """The date every service's state (status, channels, in-person steps) is taken at: the
    period's last day unless asked otherwise."""
    undated_services: int = 0
    """Services in the period with no dated state on ``as_of``: no history reaching back
    to it, so their earliest known state (for most, the declared one) is used."""
    services_with_history: int = 0
    """Services in the period whose declarations give them a history."""
    progress: Progress = NO_PROGRESS
    series: tuple[SeriesPoint, ...] = ()
    """The fully electronic share at the end of each quarter or year (empty without any
    history)."""
    exchange: ExchangeFigures | None = None
    """The government exchange's figures; None for a collection without an exchange."""

    @property
    def excluded_files(self) -> tuple[str, ...]:
        """The paths of the files left out."""
        return tuple(item.path for item in self.excluded)

    @property
    def agencies_excluded(self) -> tuple[str, ...]:
        """Registered agencies that declared, but whose every file was left out."""
        counted = {row.agency.id for row in self.agencies}
        registered = {agency.id for agency in self.collection.agencies}
        return tuple(
            sorted(
                {
                    item.agency_id
                    for item in self.excluded
                    if item.agency_id in registered and item.agency_id not in counted
                }
            )
        )

    @property
    def excluded_services(self) -> int:
        """Services listed in the files left out (as far as they can be read)."""
        return sum(item.services for item in self.excluded)

    @property
    def excluded_transactions(self) -> int:
        """Transactions counted in the files left out, all months (as far as readable)."""
        return sum(item.transactions for item in self.excluded)

    @property
    def known_status_total(self) -> int:
        """Services whose status is known (not ``unknown``)."""
        return self.services_total - self.by_status[Status.UNKNOWN]

    @property
    def take_up_coverage(self) -> tuple[int, int]:
        """Transactions of the period split by channel, of all its transactions."""
        return self.take_up.total, self.transactions_total

    @property
    def busiest_months(self) -> tuple[tuple[Month, ...], int] | None:
        """The months of the period with the most transactions, all of them when tied (if
        two or more months have data)."""
        if len(self.transactions_by_month) < 2:
            return None
        top = max(count for _month, count in self.transactions_by_month)
        return tuple(m for m, n in self.transactions_by_month if n == top), top

    @property
    def quietest_months(self) -> tuple[tuple[Month, ...], int] | None:
        """The months of the period with the fewest transactions, all of them when tied."""
        if len(self.transactions_by_month) < 2:
            return None
        low = min(count for _month, count in self.transactions_by_month)
        return tuple(m for m, n in self.transactions_by_month if n == low), low

    @property
    def busiest_month(self) -> tuple[Month, int] | None:
        """The earliest of the busiest months, with its count."""
        found = self.busiest_months
        return (found[0][0], found[1]) if found else None

    @property
    def quietest_month(self) -> tuple[Month, int] | None:
        """The earliest of the quietest months, with its count."""
        found = self.quietest_months
        return (found[0][0], found[1]) if found else None

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
        """Ranked agencies, best first (tied agencies share a rank; then by id)."""
        return sorted(
            (row for row in self.agencies if row.rank is not None),
            key=lambda row: (row.rank or 0, row.agency.id),
        )

    @property
    def leaders(self) -> list[AgencyRow]:
        """The top ``ranking_rule.top`` agencies of the ranking."""
        return self.ranked[: self.ranking_rule.top]

    @property
    def leaders_cut(self) -> Cut:
        """How the leaders list was cut."""
        return cut(len(self.ranked), self.ranking_rule.top)

    @property
    def follow_up(self) -> list[AgencyRow]:
        """The lowest ``ranking_rule.top`` agencies of the ranking, worst first (tied
        agencies by id). They may also be leaders when few agencies are ranked."""
        ranked = sorted(self.ranked, key=lambda row: (-(row.rank or 0), row.agency.id))
        return ranked[: self.ranking_rule.top]

    @property
    def follow_up_cut(self) -> Cut:
        """How the follow-up list was cut."""
        return cut(len(self.ranked), self.ranking_rule.top)

    @property
    def unranked(self) -> list[AgencyRow]:
        """Agencies with too few services to be ranked."""
        return [row for row in self.agencies if row.rank is None]


def counts_in(service: Service, period: Period, as_of: Day | None = None) -> bool:
    """Whether a service exists in the period: launched no later than its last month (or,
    for a report as of another date, on or before that date)."""
    if service.launched_on is None:
        return True
    if as_of is not None:
        return service.launched_on <= as_of
    return service.launched_on[:2] <= period.end


def share(count: int, total: int) -> float:
    """``count / total``, or 0 when there is nothing to divide."""
    return count / total if total else 0.0


def share_or_none(count: int, total: int) -> float | None:
    """``count / total``, or None when there is nothing to divide (no data)."""
    return count / total if total else None
