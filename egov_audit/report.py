"""The readiness report: what a provincial ICT office counts over its agencies' declarations.

Every figure is computed here, once, into a :class:`ReadinessReport`; renderers only lay
it out. A service counts in a period if it has no ``launched_on`` or was launched on or
before the period's last month. Transactions are summed over the period's months only,
never annualised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from egov_audit.calendars import Month
from egov_audit.model import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Service,
    ServiceType,
    Status,
)
from egov_audit.period import Period, year_period

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


def default_period(declarations: Sequence[Declaration]) -> Period:
    """The latest year with transaction data (else the latest declaration's year)."""
    years = [month[0] for d in declarations for s in d.services for month, _ in s.transactions]
    if not years:
        years = [d.declared_on[0] for d in declarations]
    if not years:
        raise ValueError("no declarations to choose a period from")
    return year_period(max(years))


def build_report(
    collection: Collection,
    declarations: Sequence[Declaration],
    period: Period,
    *,
    rule: RankingRule | None = None,
    excluded_files: Sequence[str] = (),
) -> ReadinessReport:
    """Compute the readiness report of ``declarations`` for ``period``."""
    rule = rule or RankingRule()
    registry_ids = {agency.id for agency in collection.agencies}
    declared_ids = {d.agency.id for d in declarations}
    by_status: Counter[Status] = Counter()
    audiences: Counter[Audience] = Counter()
    channels: Counter[Channel] = Counter()
    new_by_type: Counter[ServiceType] = Counter()
    monthly: Counter[Month] = Counter()
    rows: list[AgencyRow] = []
    for declaration in sorted(declarations, key=lambda d: d.agency.id):
        agency_status: Counter[Status] = Counter()
        agency_channels: Counter[Channel] = Counter()
        agency_transactions = 0
        for service in declaration.services:
            if not counts_in(service, period):
                continue
            agency_status[service.status] += 1
            audiences.update(service.audience)
            agency_channels.update(service.channels)
            if service.launched_on is not None and service.launched_on[0] == period.year:
                new_by_type[service.type] += 1
            for month, count in service.transactions:
                if period.contains(month):
                    monthly[month] += count
                    agency_transactions += count
        by_status.update(agency_status)
        channels.update(agency_channels)
        rows.append(
            AgencyRow(
                agency=declaration.agency,
                verified=declaration.verified,
                services=sum(agency_status.values()),
                by_status={status: agency_status[status] for status in Status},
                channels={channel: agency_channels[channel] for channel in Channel},
                transactions=agency_transactions,
                rank=None,
            )
        )
    rows = _rank(rows, rule)
    return ReadinessReport(
        collection=collection,
        period=period,
        ranking_rule=rule,
        agencies_expected=len(collection.agencies),
        agencies_declared=len(declarations),
        agencies_verified=sum(1 for d in declarations if d.verified),
        missing_agencies=tuple(a for a in collection.agencies if a.id not in declared_ids),
        unregistered_agencies=tuple(
            d.agency for d in declarations if d.agency.id not in registry_ids
        ),
        excluded_files=tuple(excluded_files),
        services_total=sum(by_status.values()),
        by_status={status: by_status[status] for status in Status},
        transactions_total=sum(monthly.values()),
        transactions_by_month=tuple(sorted(monthly.items())),
        new_services_total=sum(new_by_type.values()),
        new_services_by_type={kind: new_by_type[kind] for kind in ServiceType},
        audiences={audience: audiences[audience] for audience in Audience},
        channel_offerings={channel: channels[channel] for channel in Channel},
        agencies=tuple(rows),
    )


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
