"""What changed between two versions of a declaration or of a collection.

The comparison is a pure function of the model records (``diff_declarations`` and
``diff_collections`` build a ``CollectionDiff``); loading is in
:mod:`egov_audit.aggregate.diff_load`, the renderers in :mod:`egov_audit.render.diff`.

Services are matched by global id (``<agency-id>/<service-id>``). Status changes are
classified against the order full > partial > in_person, with ``unknown`` apart:

- ``regression``: to a lower status (full -> partial, partial -> in_person, ...);
- ``became_unverified``: from any status to ``unknown``;
- ``improvement``: to a higher status (partial -> full, ...);
- ``newly_assessed``: from ``unknown`` to any other status.

They are listed in that order (regressions first), then by global id.

The JSON output (``diff_version: 1``) has these keys: ``diff_version``; ``compared``
(``"declarations"`` or ``"collections"``); ``old`` and ``new`` (the paths as given);
``has_changes``; ``summary`` (counts: ``services_added``, ``services_removed``,
``status_changes``, ``regressions``, ``became_unverified``, ``improvements``,
``newly_assessed``, ``channel_changes``, ``audience_changes``, ``type_changes``,
``agency_changes``); ``agencies`` (``added`` and ``removed``: agency ids declared on one
side only); ``services`` (``added`` and ``removed``: objects with ``id``, ``agency``,
``name``, ``status``, ``type``, ``audience``, ``channels``, ``transactions``);
``status_changes`` (``id``, ``name``, ``old``, ``new``, ``change``); ``channel_changes``
and ``audience_changes`` (``id``, ``name``, ``added``, ``removed``); ``type_changes``
(``id``, ``name``, ``old``, ``new``); ``agency_changes`` (``agency``, ``field``: ``verified``
or ``declared_on``, ``old``, ``new``); ``transactions`` (``total`` and ``by_agency``, one per
agency declared on either side, each with ``old``, ``new``, ``delta``, ``months_added`` and
``months_removed``; totals are sums over every month declared).

Exchange services (``exchange_services`` of a declaration) are matched by global id too,
and compared apart from the services: ``exchange_services`` (``added`` and ``removed``:
objects with ``id``, ``agency``, ``name``, ``inquiries`` and ``consumers``, the consumer ids
its months are split by); ``exchange_name_changes`` (``id``, ``old``, ``new``);
``exchange_consumer_changes`` (``id``, ``name``, ``added``, ``removed``: consumers named in
the splits of one side only); ``exchange_inquiry_changes`` (``id``, ``name``, ``old``,
``new``, ``delta``, ``months_added``, ``months_removed`` and ``months_changed``, the months
declared on both sides whose count or split by consumer differs); ``inquiries`` (the
inquiries of every exchange service, summed as ``transactions.total`` is); and in
``summary``, ``exchange_services_added``, ``exchange_services_removed``,
``exchange_name_changes``, ``exchange_consumer_changes`` and ``exchange_inquiry_changes``.
Keys are only ever added within a ``diff_version``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from egov_audit.aggregate.history import Proposal, Version, propose
from egov_audit.model import Declaration, ExchangeService, Service, ServiceType, Status
from egov_audit.model.calendars import Day, Month

DIFF_VERSION = 1

#: The order of the electronic statuses; ``unknown`` is outside it.
STATUS_RANK: dict[Status, int] = {Status.FULL: 3, Status.PARTIAL: 2, Status.IN_PERSON: 1}


class StatusChangeKind(StrEnum):
    """How a status changed, in the order the changes are listed."""

    REGRESSION = "regression"
    BECAME_UNVERIFIED = "became_unverified"
    IMPROVEMENT = "improvement"
    NEWLY_ASSESSED = "newly_assessed"

    @property
    def label(self) -> str:
        """The words shown to people."""
        return self.value.replace("_", " ")


_KIND_ORDER = {kind: index for index, kind in enumerate(StatusChangeKind)}


def status_change_kind(old: Status, new: Status) -> StatusChangeKind:
    """Classify a change of status (``old`` and ``new`` must differ)."""
    if new is Status.UNKNOWN:
        return StatusChangeKind.BECAME_UNVERIFIED
    if old is Status.UNKNOWN:
        return StatusChangeKind.NEWLY_ASSESSED
    if STATUS_RANK[new] < STATUS_RANK[old]:
        return StatusChangeKind.REGRESSION
    return StatusChangeKind.IMPROVEMENT


@dataclass(frozen=True, slots=True)
class ServiceRef:
    """A service with the agency that declares it."""

    agency: str
    service: Service

    @property
    def global_id(self) -> str:
        """``<agency-id>/<service-id>``."""
        return f"{self.agency}/{self.service.id}"


@dataclass(frozen=True, slots=True)
class ExchangeRef:
    """An exchange service with the agency that offers it."""

    agency: str
    service: ExchangeService

    @property
    def global_id(self) -> str:
        """``<agency-id>/<service-id>``."""
        return f"{self.agency}/{self.service.id}"

    @property
    def inquiries(self) -> int:
        """Inquiries summed over every declared month."""
        return sum(count for _month, count in self.service.inquiries)

    @property
    def consumers(self) -> tuple[str, ...]:
        """The consumers its months are split by, sorted."""
        return consumers_of(self.service)


def consumers_of(service: ExchangeService) -> tuple[str, ...]:
    """The consumer ids an exchange service's months are split by, sorted."""
    return tuple(sorted({c for _month, split in service.consumer_splits for c, _count in split}))


@dataclass(frozen=True, slots=True)
class NameChange:
    """An exchange service whose name changed."""

    id: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class InquiryChange:
    """An exchange service whose inquiries changed: totals over every declared month, the
    months declared on one side only, and the months on both whose count or split differs."""

    id: str
    name: str
    old: int
    new: int
    months_added: tuple[Month, ...]
    months_removed: tuple[Month, ...]
    months_changed: tuple[Month, ...]

    @property
    def delta(self) -> int:
        """``new - old``."""
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A service whose status changed."""

    id: str
    name: str
    old: Status
    new: Status

    @property
    def kind(self) -> StatusChangeKind:
        """Regression, became unverified, improvement or newly assessed."""
        return status_change_kind(self.old, self.new)


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A service whose channels (or audiences) changed: the codes added and removed."""

    id: str
    name: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TypeChange:
    """A service whose type changed."""

    id: str
    name: str
    old: ServiceType
    new: ServiceType


@dataclass(frozen=True, slots=True)
class AgencyChange:
    """A change of a declaration's own fields (``verified`` or ``declared_on``)."""

    agency: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class TransactionTotals:
    """Transactions summed over every declared month, old and new, for an agency or all."""

    scope: str
    old: int
    new: int
    months_added: tuple[Month, ...] = ()
    months_removed: tuple[Month, ...] = ()

    @property
    def delta(self) -> int:
        """``new - old``."""
        return self.new - self.old

    @property
    def changed(self) -> bool:
        """True when the total or the months with data differ."""
        return bool(self.delta or self.months_added or self.months_removed)


@dataclass(frozen=True, slots=True)
class DeclarationDiff:
    """The differences between two versions of one agency's declaration.

    ``old`` or ``new`` is absent when the agency declared on one side only; then every
    service is added (or removed).
    """

    agency: str
    added: tuple[ServiceRef, ...]
    removed: tuple[ServiceRef, ...]
    status_changes: tuple[StatusChange, ...]
    channel_changes: tuple[MembershipChange, ...]
    audience_changes: tuple[MembershipChange, ...]
    type_changes: tuple[TypeChange, ...]
    agency_changes: tuple[AgencyChange, ...]
    transactions: TransactionTotals
    months_old: frozenset[Month] = frozenset()
    months_new: frozenset[Month] = frozenset()
    history: tuple[Proposal, ...] = ()
    """The history entries the new version should carry for what the old one declared
    (conflicts with its own entries included), as ``egov-audit history`` proposes them."""
    exchange_added: tuple[ExchangeRef, ...] = ()
    exchange_removed: tuple[ExchangeRef, ...] = ()
    exchange_name_changes: tuple[NameChange, ...] = ()
    exchange_consumer_changes: tuple[MembershipChange, ...] = ()
    exchange_inquiry_changes: tuple[InquiryChange, ...] = ()
    inquiries: TransactionTotals | None = None
    """Inquiries of every exchange service, old and new (None: none on either side)."""
    inquiry_months_old: frozenset[Month] = frozenset()
    inquiry_months_new: frozenset[Month] = frozenset()

    @property
    def has_changes(self) -> bool:
        """True when anything differs."""
        return bool(
            self.added
            or self.removed
            or self.status_changes
            or self.channel_changes
            or self.audience_changes
            or self.type_changes
            or self.agency_changes
            or self.transactions.changed
            or self.exchange_added
            or self.exchange_removed
            or self.exchange_name_changes
            or self.exchange_consumer_changes
            or self.exchange_inquiry_changes
        )


def _total(declaration: Declaration | None) -> int:
    if declaration is None:
        return 0
    return sum(count for s in declaration.services for _month, count in s.transactions)


def _months(declaration: Declaration | None) -> frozenset[Month]:
    if declaration is None:
        return frozenset()
    return frozenset(month for s in declaration.services for month, _count in s.transactions)


def _day(day: Day) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _membership(
    global_id: str, name: str, old: Iterable[str], new: Iterable[str]
) -> MembershipChange | None:
    old_set, new_set = set(old), set(new)
    if old_set == new_set:
        return None
    return MembershipChange(
        global_id, name, tuple(sorted(new_set - old_set)), tuple(sorted(old_set - new_set))
    )


def _exchange_services(declaration: Declaration | None) -> dict[str, ExchangeService]:
    return {e.id: e for e in declaration.exchange_services} if declaration else {}


def _inquiry_change(
    global_id: str, before: ExchangeService, after: ExchangeService
) -> InquiryChange | None:
    old_counts, new_counts = dict(before.inquiries), dict(after.inquiries)
    old_splits, new_splits = dict(before.consumer_splits), dict(after.consumer_splits)
    changed = tuple(
        month
        for month in sorted(old_counts.keys() & new_counts.keys())
        if old_counts[month] != new_counts[month]
        or dict(old_splits.get(month, ())) != dict(new_splits.get(month, ()))
    )
    added = tuple(sorted(new_counts.keys() - old_counts.keys()))
    removed = tuple(sorted(old_counts.keys() - new_counts.keys()))
    if not (changed or added or removed):
        return None
    return InquiryChange(
        global_id,
        after.name,
        sum(old_counts.values()),
        sum(new_counts.values()),
        added,
        removed,
        changed,
    )


def _inquiry_months(declaration: Declaration | None) -> frozenset[Month]:
    if declaration is None:
        return frozenset()
    return frozenset(m for e in declaration.exchange_services for m, _count in e.inquiries)


def _inquiry_totals(
    agency: str, old: Declaration | None, new: Declaration | None
) -> TransactionTotals | None:
    before, after = _exchange_services(old).values(), _exchange_services(new).values()
    if not before and not after:
        return None
    months_old, months_new = _inquiry_months(old), _inquiry_months(new)
    return TransactionTotals(
        agency,
        sum(count for e in before for _month, count in e.inquiries),
        sum(count for e in after for _month, count in e.inquiries),
        tuple(sorted(months_new - months_old)),
        tuple(sorted(months_old - months_new)),
    )


def diff_declarations(old: Declaration | None, new: Declaration | None) -> DeclarationDiff:
    """Compare two versions of one agency's declaration (either may be absent)."""
    present = new or old
    if present is None:
        raise ValueError("diff_declarations needs at least one declaration")
    agency = present.agency.id
    if old is not None and new is not None and old.agency.id != new.agency.id:
        raise ValueError(f"declarations of different agencies: {old.agency.id}, {new.agency.id}")
    old_services = {s.id: s for s in old.services} if old else {}
    new_services = {s.id: s for s in new.services} if new else {}
    added = tuple(
        ServiceRef(agency, new_services[i]) for i in sorted(new_services.keys() - old_services)
    )
    removed = tuple(
        ServiceRef(agency, old_services[i]) for i in sorted(old_services.keys() - new_services)
    )
    status: list[StatusChange] = []
    channels: list[MembershipChange] = []
    audiences: list[MembershipChange] = []
    types: list[TypeChange] = []
    for service_id in sorted(old_services.keys() & new_services.keys()):
        before, after = old_services[service_id], new_services[service_id]
        global_id = f"{agency}/{service_id}"
        if before.status is not after.status:
            status.append(StatusChange(global_id, after.name, before.status, after.status))
        channel = _membership(global_id, after.name, before.channels, after.channels)
        if channel is not None:
            channels.append(channel)
        audience = _membership(global_id, after.name, before.audience, after.audience)
        if audience is not None:
            audiences.append(audience)
        if before.type is not after.type:
            types.append(TypeChange(global_id, after.name, before.type, after.type))
    agency_changes: list[AgencyChange] = []
    if old is not None and new is not None:
        if old.verified != new.verified:
            agency_changes.append(
                AgencyChange(
                    agency, "verified", str(old.verified).lower(), str(new.verified).lower()
                )
            )
        if old.declared_on != new.declared_on:
            agency_changes.append(
                AgencyChange(agency, "declared_on", _day(old.declared_on), _day(new.declared_on))
            )
    old_exchange, new_exchange = _exchange_services(old), _exchange_services(new)
    names: list[NameChange] = []
    consumers: list[MembershipChange] = []
    inquiries: list[InquiryChange] = []
    for service_id in sorted(old_exchange.keys() & new_exchange.keys()):
        was, now = old_exchange[service_id], new_exchange[service_id]
        global_id = f"{agency}/{service_id}"
        if was.name != now.name:
            names.append(NameChange(global_id, was.name, now.name))
        consumer = _membership(global_id, now.name, consumers_of(was), consumers_of(now))
        if consumer is not None:
            consumers.append(consumer)
        inquiry = _inquiry_change(global_id, was, now)
        if inquiry is not None:
            inquiries.append(inquiry)
    months_old, months_new = _months(old), _months(new)
    return DeclarationDiff(
        agency=agency,
        added=added,
        removed=removed,
        status_changes=tuple(sorted(status, key=lambda c: (_KIND_ORDER[c.kind], c.id))),
        channel_changes=tuple(channels),
        audience_changes=tuple(audiences),
        type_changes=tuple(types),
        agency_changes=tuple(agency_changes),
        transactions=TransactionTotals(
            agency,
            _total(old),
            _total(new),
            tuple(sorted(months_new - months_old)),
            tuple(sorted(months_old - months_new)),
        ),
        months_old=months_old,
        months_new=months_new,
        history=tuple(propose(new, [Version("OLD", old)])) if old and new else (),
        exchange_added=tuple(
            ExchangeRef(agency, new_exchange[i]) for i in sorted(new_exchange.keys() - old_exchange)
        ),
        exchange_removed=tuple(
            ExchangeRef(agency, old_exchange[i]) for i in sorted(old_exchange.keys() - new_exchange)
        ),
        exchange_name_changes=tuple(names),
        exchange_consumer_changes=tuple(consumers),
        exchange_inquiry_changes=tuple(inquiries),
        inquiries=_inquiry_totals(agency, old, new),
        inquiry_months_old=_inquiry_months(old),
        inquiry_months_new=_inquiry_months(new),
    )


@dataclass(frozen=True, slots=True)
class CollectionDiff:
    """The differences between two sets of declarations, one ``DeclarationDiff`` per agency.

    A comparison of two declaration files is a ``CollectionDiff`` of one agency.
    """

    declarations: tuple[DeclarationDiff, ...]
    agencies_added: tuple[str, ...] = ()
    agencies_removed: tuple[str, ...] = ()

    @property
    def added(self) -> list[ServiceRef]:
        """Services only in the new version, by global id."""
        return sorted((r for d in self.declarations for r in d.added), key=lambda r: r.global_id)

    @property
    def removed(self) -> list[ServiceRef]:
        """Services only in the old version, by global id."""
        return sorted((r for d in self.declarations for r in d.removed), key=lambda r: r.global_id)

    @property
    def status_changes(self) -> list[StatusChange]:
        """Status changes, regressions first, then by global id."""
        return sorted(
            (c for d in self.declarations for c in d.status_changes),
            key=lambda c: (_KIND_ORDER[c.kind], c.id),
        )

    @property
    def channel_changes(self) -> list[MembershipChange]:
        """Services whose channels changed."""
        return [c for d in self.declarations for c in d.channel_changes]

    @property
    def audience_changes(self) -> list[MembershipChange]:
        """Services whose audiences changed."""
        return [c for d in self.declarations for c in d.audience_changes]

    @property
    def type_changes(self) -> list[TypeChange]:
        """Services whose type changed."""
        return [c for d in self.declarations for c in d.type_changes]

    @property
    def agency_changes(self) -> list[AgencyChange]:
        """Changes of ``verified`` and ``declared_on``."""
        return [c for d in self.declarations for c in d.agency_changes]

    @property
    def transactions(self) -> TransactionTotals:
        """Transactions over every agency, with the months that have data on one side only."""
        old_months = frozenset().union(*(d.months_old for d in self.declarations))
        new_months = frozenset().union(*(d.months_new for d in self.declarations))
        return TransactionTotals(
            "total",
            sum(d.transactions.old for d in self.declarations),
            sum(d.transactions.new for d in self.declarations),
            tuple(sorted(new_months - old_months)),
            tuple(sorted(old_months - new_months)),
        )

    @property
    def exchange_added(self) -> list[ExchangeRef]:
        """Exchange services only in the new version, by global id."""
        return sorted(
            (r for d in self.declarations for r in d.exchange_added), key=lambda r: r.global_id
        )

    @property
    def exchange_removed(self) -> list[ExchangeRef]:
        """Exchange services only in the old version, by global id."""
        return sorted(
            (r for d in self.declarations for r in d.exchange_removed), key=lambda r: r.global_id
        )

    @property
    def exchange_name_changes(self) -> list[NameChange]:
        """Exchange services whose name changed."""
        return [c for d in self.declarations for c in d.exchange_name_changes]

    @property
    def exchange_consumer_changes(self) -> list[MembershipChange]:
        """Exchange services whose consumers (in their splits by consumer) changed."""
        return [c for d in self.declarations for c in d.exchange_consumer_changes]

    @property
    def exchange_inquiry_changes(self) -> list[InquiryChange]:
        """Exchange services whose inquiries changed."""
        return [c for d in self.declarations for c in d.exchange_inquiry_changes]

    @property
    def has_exchange(self) -> bool:
        """True when either side declares an exchange service."""
        return any(d.inquiries is not None for d in self.declarations)

    @property
    def exchange_changed(self) -> int:
        """How many exchange services on both sides changed name, consumers or inquiries."""
        return len(
            {c.id for c in self.exchange_name_changes}
            | {c.id for c in self.exchange_consumer_changes}
            | {c.id for c in self.exchange_inquiry_changes}
        )

    @property
    def inquiries(self) -> TransactionTotals:
        """Inquiries of every exchange service, with the months that have inquiries on one
        side only."""
        totals = [d.inquiries for d in self.declarations if d.inquiries is not None]
        old_months = frozenset().union(*(d.inquiry_months_old for d in self.declarations))
        new_months = frozenset().union(*(d.inquiry_months_new for d in self.declarations))
        return TransactionTotals(
            "total",
            sum(t.old for t in totals),
            sum(t.new for t in totals),
            tuple(sorted(new_months - old_months)),
            tuple(sorted(old_months - new_months)),
        )

    @property
    def has_changes(self) -> bool:
        """True when anything differs."""
        return bool(
            self.agencies_added
            or self.agencies_removed
            or any(d.has_changes for d in self.declarations)
        )

    @property
    def history(self) -> list[tuple[str, Proposal]]:
        """The history entries the new versions should carry, with their agency ids."""
        return [(d.agency, p) for d in self.declarations for p in d.history]

    def count(self, kind: StatusChangeKind) -> int:
        """How many status changes are of this kind."""
        return sum(1 for c in self.status_changes if c.kind is kind)


def diff_collections(old: Iterable[Declaration], new: Iterable[Declaration]) -> CollectionDiff:
    """Compare two sets of declarations, pairing them by agency id."""
    old_by_id = {d.agency.id: d for d in old}
    new_by_id = {d.agency.id: d for d in new}
    agencies = sorted(old_by_id.keys() | new_by_id.keys())
    return CollectionDiff(
        tuple(diff_declarations(old_by_id.get(a), new_by_id.get(a)) for a in agencies),
        tuple(sorted(new_by_id.keys() - old_by_id.keys())),
        tuple(sorted(old_by_id.keys() - new_by_id.keys())),
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    """A computed diff with what was compared (the paths as given)."""

    compared: str
    """``declarations`` or ``collections``."""
    old: str
    new: str
    diff: CollectionDiff
