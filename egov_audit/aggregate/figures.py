"""The figures of the readiness report as records: what :func:`build_report` computes and
every renderer lays out. See docs/report-method.md for each figure's definition."""

from __future__ import annotations

from dataclasses import dataclass

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
from egov_audit.model.calendars import Month
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


def share(count: int, total: int) -> float:
    """``count / total``, or 0 when there is nothing to divide."""
    return count / total if total else 0.0
