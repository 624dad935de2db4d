"""The government exchange: inquiries, providers, consumers and services of a period, the
busiest and quietest month, and the demand that waits on providers not connected.

Counted over the counted declarations' ``exchange_services`` in the same pass as the rest
of the report (:class:`ExchangeTally`); docs/report-method.md defines every figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from egov_audit.aggregate.targets import Dependent, counted_targets, provider_of
from egov_audit.model import AgencyRef, Declaration, Exchange
from egov_audit.model.calendars import Month
from egov_audit.model.period import Period

"""A service that depends on others: agency id, service id, status, depends_on and its
transactions in the period."""


@dataclass(frozen=True, slots=True)
class ExchangeProvider:
    """An agency that served inquiries over the exchange in the period."""

    agency: AgencyRef
    services: int
    """Its services that served at least one inquiry in the period."""
    inquiries: int


@dataclass(frozen=True, slots=True)
class ExchangeConsumer:
    """A consumer with inquiries in the months split by consumer."""

    consumer: AgencyRef
    registered: bool
    """A registered agency (else a consumer named under ``exchange:``)."""
    inquiries: int
    services: int
    """The services it called."""


@dataclass(frozen=True, slots=True)
class ExchangeMonth:
    """One month with inquiries declared, and what was active in it."""

    month: Month
    inquiries: int
    services: int
    providers: int
    consumers: int | None
    """Consumers with inquiries in the month; None when none of its inquiries is split by
    consumer."""


@dataclass(frozen=True, slots=True)
class Waiting:
    """A provider not connected to the exchange by the end of the period (none of its
    services declares inquiries for a month up to then), and the demand that waits on it."""

    provider: AgencyRef
    declared: bool
    services: int
    """Services that depend on at least one of its services."""
    transactions: int
    """Those services' transactions in the period."""


@dataclass(frozen=True, slots=True)
class ExchangeFigures:
    """The exchange section of the report, for one period."""

    exchange: Exchange | None
    inquiries: int
    services: int
    """Exchange services that served at least one inquiry in the period."""
    services_declared: int
    providers: tuple[ExchangeProvider, ...]
    """By inquiries, then services (both most first), then id."""
    consumers: tuple[ExchangeConsumer, ...]
    """By inquiries (most first), then id."""
    split_inquiries: int
    """Inquiries of the months split by consumer: the consumer figures' coverage."""
    by_month: tuple[ExchangeMonth, ...]
    transactions: int
    """The period's transactions of the services (the report's headline figure)."""
    dependent_transactions: int
    """Transactions of every service with a counted dependency: the demand's denominator."""
    waiting: tuple[Waiting, ...]
    waiting_services: int
    waiting_transactions: int
    """Services (each once) that depend on at least one provider not connected, and their
    transactions."""

    @property
    def transactions_and_inquiries(self) -> int:
        """The services' transactions and the exchange's inquiries together."""
        return self.transactions + self.inquiries

    @property
    def consumers_known(self) -> bool:
        """Whether any inquiry of the period is split by consumer."""
        return any(month.consumers is not None for month in self.by_month)

    def _peak(self, pick: int) -> tuple[ExchangeMonth, ...] | None:
        if len(self.by_month) < 2:
            return None
        return tuple(m for m in self.by_month if m.inquiries == pick)

    @property
    def busiest(self) -> tuple[ExchangeMonth, ...] | None:
        """The months with the most inquiries (all of them when tied), with two months of
        data or more."""
        return self._peak(max((m.inquiries for m in self.by_month), default=0))

    @property
    def quietest(self) -> tuple[ExchangeMonth, ...] | None:
        """The months with the fewest inquiries (all of them when tied)."""
        return self._peak(min((m.inquiries for m in self.by_month), default=0))


class ExchangeTally:
    """The running counts of the exchange figures, one declaration at a time."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.declared_services = 0
        self.monthly: Counter[Month] = Counter()
        self.months_seen: set[Month] = set()
        self.providers: dict[str, tuple[AgencyRef, int, int]] = {}
        self.month_services: Counter[Month] = Counter()
        self.month_providers: Counter[Month] = Counter()
        self.month_consumers: dict[Month, set[str]] = {}
        self.consumer_inquiries: Counter[str] = Counter()
        self.consumer_services: Counter[str] = Counter()
        self.split_inquiries = 0
        self.connected: set[str] = set()

    def add(self, declaration: Declaration) -> None:
        """Count one declaration's exchange services."""
        period = self.period
        active = 0
        inquiries = 0
        agency_months: set[Month] = set()
        for service in declaration.exchange_services:
            self.declared_services += 1
            if service.inquiries and service.inquiries[0][0] <= period.end:
                self.connected.add(declaration.agency.id)
            served = 0
            for month, count in service.inquiries:
                if not period.contains(month):
                    continue
                self.months_seen.add(month)
                self.monthly[month] += count
                served += count
                if count:
                    self.month_services[month] += 1
                    agency_months.add(month)
            used: set[str] = set()
            for month, split in service.consumer_splits:
                if not period.contains(month):
                    continue
                consumers = self.month_consumers.setdefault(month, set())
                for consumer, count in split:
                    self.split_inquiries += count
                    if count:
                        consumers.add(consumer)
                        self.consumer_inquiries[consumer] += count
                        used.add(consumer)
            self.consumer_services.update(used)
            if served:
                active += 1
                inquiries += served
        self.month_providers.update(agency_months)
        if active:
            self.providers[declaration.agency.id] = (declaration.agency, active, inquiries)

    def figures(
        self,
        exchange: Exchange | None,
        registry: Iterable[AgencyRef],
        dependents: Iterable[Dependent],
        counted: Collection[str],
        declared: Mapping[str, AgencyRef],
        transactions: int,
        counted_agencies: Collection[str] | None = None,
    ) -> ExchangeFigures | None:
        """The figures, or None for a collection without an exchange (no ``exchange:`` and
        no exchange service declared)."""
        if exchange is None and not self.declared_services:
            return None
        registered = {agency.id: agency for agency in registry}
        providers = sorted(
            (ExchangeProvider(ref, active, n) for ref, active, n in self.providers.values()),
            key=lambda p: (-p.inquiries, -p.services, p.agency.id),
        )
        named = {c.id: c for c in exchange.consumers} if exchange else {}
        names = {**named, **registered, **declared}
        consumers = sorted(
            (
                ExchangeConsumer(
                    names.get(c, AgencyRef(c, c)),
                    c in registered,
                    n,
                    self.consumer_services[c],
                )
                for c, n in self.consumer_inquiries.items()
            ),
            key=lambda c: (-c.inquiries, c.consumer.id),
        )
        by_month = tuple(
            ExchangeMonth(
                month,
                self.monthly[month],
                self.month_services[month],
                self.month_providers[month],
                len(self.month_consumers[month]) if month in self.month_consumers else None,
            )
            for month in sorted(self.months_seen)
        )
        if counted_agencies is None:
            counted_agencies = {provider_of(target) for target in counted}
        waiting = _waiting(
            dependents, counted, registered, declared, self.connected, counted_agencies
        )
        return ExchangeFigures(
            exchange=exchange,
            inquiries=sum(self.monthly.values()),
            services=sum(active for _ref, active, _n in self.providers.values()),
            services_declared=self.declared_services,
            providers=tuple(providers),
            consumers=tuple(consumers),
            split_inquiries=self.split_inquiries,
            by_month=by_month,
            transactions=transactions,
            dependent_transactions=waiting[0],
            waiting=waiting[1],
            waiting_services=waiting[2],
            waiting_transactions=waiting[3],
        )


def _waiting(
    dependents: Iterable[Dependent],
    counted: Collection[str],
    registered: Mapping[str, AgencyRef],
    declared: Mapping[str, AgencyRef],
    connected: set[str],
    declared_agencies: Collection[str],
) -> tuple[int, tuple[Waiting, ...], int, int]:
    """The demand's denominator, the providers not connected with the demand waiting on
    each, and the services (each once) and transactions waiting on any of them."""
    total = 0
    services: Counter[str] = Counter()
    transactions: Counter[str] = Counter()
    union_services = union_transactions = 0
    for agency_id, _service, _status, depends_on, count, weight in dependents:
        targets = counted_targets(agency_id, depends_on, counted, registered, declared_agencies)
        if not targets:
            continue
        total += count
        waiting = {provider_of(t) for t in targets} - connected
        for provider in waiting:
            services[provider] += weight
            transactions[provider] += count
        if waiting:
            union_services += weight
            union_transactions += count
    names = {**registered, **declared}
    rows = sorted(
        (Waiting(names[p], p in declared_agencies, services[p], transactions[p]) for p in services),
        key=lambda w: (-w.transactions, -w.services, w.provider.id),
    )
    return total, tuple(rows), union_services, union_transactions


def exchange_changes(
    current: ExchangeFigures, previous: ExchangeFigures
) -> list[tuple[str, int | None, int | None]]:
    """The exchange's figures of two periods side by side, as ``(key, current, previous)``
    (consumers are None for a period without inquiries split by consumer)."""

    def consumers(figures: ExchangeFigures) -> int | None:
        return len(figures.consumers) if figures.consumers_known else None

    return [
        ("exchange.inquiries", current.inquiries, previous.inquiries),
        ("exchange.services", current.services, previous.services),
        ("exchange.providers", len(current.providers), len(previous.providers)),
        ("exchange.consumers", consumers(current), consumers(previous)),
        (
            "exchange.transactions_and_inquiries",
            current.transactions_and_inquiries,
            previous.transactions_and_inquiries,
        ),
    ]
