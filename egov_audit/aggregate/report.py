"""The readiness report: what a provincial ICT office counts over its agencies' declarations.

Every figure is computed here, once, into a :class:`ReadinessReport`; renderers only lay
it out. A service counts in a period if it has no ``launched_on`` or was launched on or
before the period's last month. Transactions are summed over the period's months only,
never annualised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection as AbstractCollection
from collections.abc import Iterable, Sequence
from fractions import Fraction

from egov_audit.aggregate.compare import Change, compare
from egov_audit.aggregate.exchange import ExchangeTally
from egov_audit.aggregate.figures import (
    DEFAULT_MIN_SERVICES,
    DEFAULT_TOP,
    SPLIT_KEYS,
    AgencyRow,
    BenchmarkCoverage,
    Blocker,
    BlockerGroup,
    ConsumerRow,
    FollowUpRow,
    Interoperability,
    ProviderRow,
    RankingRule,
    ReadinessReport,
    TakeUpRow,
    counts_in,
    share,
)
from egov_audit.aggregate.interop import interoperability
from egov_audit.aggregate.progress import ProgressTally, Timeline
from egov_audit.aggregate.targets import Dependents
from egov_audit.model import (
    AgencyRef,
    Audience,
    BrokenReference,
    Channel,
    Collection,
    Declaration,
    ExcludedFile,
    ServiceType,
    Status,
    latest_transaction_year,
    state_on,
)
from egov_audit.model.benchmarks import catalogues
from egov_audit.model.calendars import Calendar, Day, Month, month_end
from egov_audit.model.period import Period, year_period

__all__ = [
    "DEFAULT_MIN_SERVICES",
    "DEFAULT_TOP",
    "SPLIT_KEYS",
    "AgencyRow",
    "BenchmarkCoverage",
    "Blocker",
    "BlockerGroup",
    "BrokenReference",
    "Change",
    "ConsumerRow",
    "ExcludedFile",
    "FollowUpRow",
    "Interoperability",
    "ProviderRow",
    "RankingRule",
    "ReadinessReport",
    "TakeUpRow",
    "build_report",
    "compare",
    "counts_in",
    "default_period",
    "share",
]


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
    excluded: Sequence[ExcludedFile] = (),
    broken_references: Sequence[BrokenReference] = (),
    as_of: Day | None = None,
    targets: AbstractCollection[str] | None = None,
) -> ReadinessReport:
    """Compute the readiness report of ``declarations`` for ``period``.

    Every figure takes each service's state on ``as_of`` (by default the last day of the
    period), from its history; a service counts if it was launched by then. One pass over
    the declarations, which may be a generator: a national collection's services are read
    one declaration at a time and only counts are kept (plus each service's status, for
    the dependencies, and the services that depend on others).

    ``targets``, when given, are every global id that a ``depends_on`` of the declarations
    names (the cross-file records list them): only those services' statuses are kept,
    which is what the dependency figures need; the figures are the same either way.
    """
    tally = _Tally(period, collection.calendar, as_of, targets)
    for declaration in declarations:
        tally.add(declaration)
    return tally.report(collection, rule or RankingRule(), excluded, broken_references)


class _Tally:
    """The running counts of :func:`build_report`."""

    def __init__(
        self,
        period: Period,
        calendar: Calendar,
        as_of: Day | None,
        targets: AbstractCollection[str] | None = None,
    ) -> None:
        self.period = period
        self.targets = targets
        self.calendar = calendar
        self.as_of = as_of or month_end(calendar, period.end)
        start = period.start
        self.progress = ProgressTally(
            month_end(calendar, (start[0] - 1, 12) if start[1] == 1 else (start[0], start[1] - 1))
        )
        self.timeline = Timeline()
        self.undated = 0
        self.with_history = 0
        self.agencies: dict[str, AgencyRef] = {}
        self.verified = 0
        self.by_status: Counter[Status] = Counter()
        self.audiences: Counter[Audience] = Counter()
        self.channels: Counter[Channel] = Counter()
        self.new_by_type: Counter[ServiceType] = Counter()
        self.new_in_period: Counter[ServiceType] = Counter()
        self.new_transactions = 0
        self.monthly: Counter[Month] = Counter()
        self.monthly_split: dict[Month, Counter[str]] = {}
        self.rows: list[AgencyRow] = []
        self.take_up: list[TakeUpRow] = []
        # The status of each counted service a depends_on may name (every counted service
        # unless the targets are known).
        self.status_of: dict[str, Status] = {}
        self.dependents = Dependents()
        self.covered: set[str] = set()
        self.covered_full: set[str] = set()
        self.steps: Counter[str] = Counter()
        self.step_text: dict[str, tuple[str, int, str]] = {}
        self.exchange = ExchangeTally(period)

    def add(self, declaration: Declaration) -> None:
        period = self.period
        agency = declaration.agency
        self.agencies[agency.id] = agency
        self.verified += declaration.verified
        status_counts: Counter[Status] = Counter()
        channel_counts: Counter[Channel] = Counter()
        split_counts: Counter[str] = Counter()
        agency_transactions = 0
        as_of, since, declared_on = self.as_of, self.progress.since, declaration.declared_on
        targets = self.targets
        for index, service in enumerate(declaration.services):
            self.timeline.add(service, declared_on)
            # A month's declared count is a fact: it counts in its month whether or not the
            # service was launched by then (validate warns: transactions-before-launch).
            transactions = 0
            for month, count in service.transactions:
                if period.contains(month):
                    self.monthly[month] += count
                    transactions += count
            agency_transactions += transactions
            for month, split in service.channel_splits:
                if period.contains(month):
                    split_counts.update(dict(split))
                    self.monthly_split.setdefault(month, Counter()).update(dict(split))
            if not counts_in(service, period, as_of):
                continue
            launched = service.launched_on
            state, dated = state_on(service, declared_on, as_of)
            self.undated += not dated
            self.with_history += bool(service.history)
            status = state.status
            global_id = f"{agency.id}/{service.id}"
            if launched is None or launched <= since:
                before, dated_before = state_on(service, declared_on, since)
                self.progress.add(global_id, before, state, dated_before)
            else:
                self.progress.add(global_id, None, state, True)
            status_counts[status] += 1
            self.audiences.update(service.audience)
            channel_counts.update(state.channels)
            if launched is not None and launched[0] == period.year and launched[:2] <= period.end:
                self.new_by_type[service.type] += 1
            if launched is not None and period.contains(launched[:2]):
                self.new_in_period[service.type] += 1
                self.new_transactions += transactions
            if targets is None or global_id in targets:
                self.status_of[global_id] = status
            if service.depends_on:
                self.dependents.add(agency.id, service.id, status, service.depends_on, transactions)
            self.covered.update(service.benchmarks)
            steps = state.in_person_steps
            if status is Status.FULL:
                self.covered_full.update(service.benchmarks)
            elif steps:
                key = " ".join(steps.casefold().split()).rstrip(".")
                self.steps[key] += 1
                first = (agency.id, index, steps.strip())
                if key not in self.step_text or first < self.step_text[key]:
                    self.step_text[key] = first
        self.by_status.update(status_counts)
        self.channels.update(channel_counts)
        self.exchange.add(declaration)
        for offered in declaration.exchange_services:
            # a service offered over the exchange is electronic: depending on it blocks none
            offered_id = f"{agency.id}/{offered.id}"
            if targets is None or offered_id in targets:
                self.status_of[offered_id] = Status.FULL
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
        self,
        collection: Collection,
        rule: RankingRule,
        excluded: Sequence[ExcludedFile],
        broken_references: Sequence[BrokenReference],
    ) -> ReadinessReport:
        registry_ids = {agency.id for agency in collection.agencies}
        left_out = {item.agency_id for item in excluded}
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
            missing_agencies=tuple(
                a for a in collection.agencies if a.id not in self.agencies and a.id not in left_out
            ),
            unregistered_agencies=tuple(
                row.agency for row in rows if row.agency.id not in registry_ids
            ),
            excluded=tuple(sorted(excluded, key=lambda item: item.path)),
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
            take_up_by_month=tuple(
                (month, {key: split[key] for key in SPLIT_KEYS})
                for month, split in sorted(self.monthly_split.items())
            ),
            interoperability=interoperability(
                self.dependents,
                self.status_of,
                self.agencies,
                collection.agencies,
                self.agencies,
            ),
            benchmarks=self._benchmarks(),
            open_services=_open_services(rows),
            in_person_steps=self._in_person_steps(),
            new_in_period_total=sum(self.new_in_period.values()),
            new_in_period_by_type={kind: self.new_in_period[kind] for kind in ServiceType},
            broken_references=tuple(broken_references),
            transactions_of_new_services=self.new_transactions,
            as_of=self.as_of,
            undated_services=self.undated,
            services_with_history=self.with_history,
            progress=self.progress.result(),
            series=self.timeline.series(self.calendar, self.period.end),
            exchange=self.exchange.figures(
                collection.exchange,
                collection.agencies,
                self.dependents,
                self.status_of,
                self.agencies,
                sum(monthly.values()),
                self.agencies,
            ),
        )

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

    def _in_person_steps(self) -> tuple[tuple[str, int], ...]:
        """The steps cited, most often first; spelling variants (case, spaces, final stop)
        are one. Ties by the normalised text."""
        ranked = sorted(self.steps.items(), key=lambda item: (-item[1], item[0]))
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


def _rank(rows: list[AgencyRow], rule: RankingRule) -> list[AgencyRow]:
    eligible = [row for row in rows if row.services >= rule.min_services]

    def merit(row: AgencyRow) -> tuple[Fraction, int, int]:
        return (-Fraction(row.full, row.services), -row.full, -row.transactions)

    eligible.sort(key=lambda r: (merit(r), r.agency.id))
    # Standard competition ranking: agencies equal on every criterion share a rank
    # (1, 2, 2, 4); they are listed by id.
    ranks: dict[str, int] = {}
    for index, row in enumerate(eligible, start=1):
        previous = eligible[index - 2] if index > 1 else None
        same = previous is not None and merit(previous) == merit(row)
        ranks[row.agency.id] = ranks[previous.agency.id] if same and previous else index
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
