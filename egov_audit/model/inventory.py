"""The inventory as frozen dataclasses: what the checks produce and the report consumes.

Records are compact on purpose: a report over a national collection holds one small
``Service`` per service, never the YAML trees it came from.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, overload

from egov_audit.model.calendars import Calendar, Day, Month


class Status(StrEnum):
    """How electronic a service is."""

    FULL = "full"
    PARTIAL = "partial"
    IN_PERSON = "in_person"
    UNKNOWN = "unknown"


class ServiceType(StrEnum):
    """What kind of service it is."""

    INFORMATIONAL = "informational"
    INTERACTIVE = "interactive"
    TRANSACTIONAL = "transactional"


class Audience(StrEnum):
    """Who a service is for (a service may serve several)."""

    CITIZENS = "citizens"
    BUSINESSES = "businesses"
    GOVERNMENT = "government"


class Channel(StrEnum):
    """Through what a service is delivered."""

    PORTAL = "portal"
    KIOSK = "kiosk"
    MOBILE = "mobile"


class MonthlyCounts(Sequence[tuple[Month, int]]):
    """A service's monthly counts, ``((year, month), count)`` pairs in month order.

    Held as one array of machine integers: a national collection has millions of these
    pairs, and as tuples of tuples they were most of a report's memory.
    """

    __slots__ = ("_data",)

    def __init__(self, pairs: Iterable[tuple[Month, int]] = ()) -> None:
        data = array("q")
        for (year, month), count in sorted(pairs):
            data.append(year * 100 + month)
            data.append(count)
        self._data = data

    def __len__(self) -> int:
        return len(self._data) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[Month, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Month, int]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        key = self._data[2 * index]
        return ((key // 100, key % 100), self._data[2 * index + 1])

    def __iter__(self) -> Iterator[tuple[Month, int]]:
        data = self._data
        for i in range(0, len(data), 2):
            key = data[i]
            yield ((key // 100, key % 100), data[i + 1])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MonthlyCounts):
            return self._data == other._data
        if isinstance(other, (tuple, list)):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"MonthlyCounts({list(self)!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_monthly_counts_from_array, (self._data,))


def _monthly_counts_from_array(data: array[int]) -> MonthlyCounts:
    counts = object.__new__(MonthlyCounts)
    counts._data = data
    return counts


class Record:
    """Pickles a slots dataclass as its constructor arguments.

    Cached results hold every service of a collection; the generic pickling of frozen
    slots dataclasses (a state dict set field by field) takes three times as long.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        names: tuple[str, ...] = self.__slots__  # the dataclass's fields, in order
        return (type(self), tuple(getattr(self, name) for name in names))


@dataclass(frozen=True, slots=True)
class AgencyRef(Record):
    """An agency as named in the collection's registry."""

    id: str
    name: str
    name_local: str | None = None


@dataclass(frozen=True, slots=True)
class Collection:
    """A collection's ``collection.yaml``."""

    id: str
    name: str
    calendar: Calendar
    agencies: tuple[AgencyRef, ...]
    name_local: str | None = None
    language: str | None = None
    exchange: Exchange | None = None
    """The government exchange its agencies offer services over, if it names one."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """A government exchange (``exchange:`` of collection.yaml): its name, and the
    consumers outside the registry (businesses, other bodies) that call its services."""

    name: str
    name_local: str | None = None
    consumers: tuple[AgencyRef, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEntry(Record):
    """A service's state from a date on, as its ``history`` declares it.

    The state lasts until the next entry, or until ``declared_on``, from which the
    service's top-level ``status``, ``channels`` and ``in_person_steps`` hold."""

    on: Day
    status: Status
    channels: tuple[Channel, ...] = ()
    in_person_steps: str | None = None


@dataclass(frozen=True, slots=True)
class Service(Record):
    """One declared service, reduced to what checks across files and reports need."""

    id: str
    name: str
    status: Status
    type: ServiceType
    audience: tuple[Audience, ...]
    channels: tuple[Channel, ...]
    name_local: str | None = None
    in_person_steps: str | None = None
    launched_on: Day | None = None
    transactions: Sequence[tuple[Month, int]] = ()
    """Completed transactions per month, in month order (a split month counts its channels'
    sum); a :class:`MonthlyCounts` when read from a file."""
    depends_on: tuple[str, ...] = ()
    benchmarks: tuple[str, ...] = ()
    channel_splits: tuple[tuple[Month, tuple[tuple[str, int], ...]], ...] = ()
    """For months declared split by channel: ``(month, ((channel, count), ...))``."""
    history: tuple[HistoryEntry, ...] = ()
    """Earlier states, in date order, all before the declaration's ``declared_on``."""


@dataclass(frozen=True, slots=True)
class Declaration(Record):
    """One agency's declaration file, checked and converted."""

    agency: AgencyRef
    declared_on: Day
    verified: bool
    services: tuple[Service, ...]
    source: str
    exchange_services: tuple[ExchangeService, ...] = ()
    """The services it offers other bodies over the collection's exchange."""


@dataclass(frozen=True, slots=True)
class ExchangeService(Record):
    """A service an agency offers other bodies over a government exchange (an inquiry),
    with the inquiries it served per month and, where known, who made them."""

    id: str
    name: str
    name_local: str | None = None
    inquiries: Sequence[tuple[Month, int]] = ()
    """Inquiries served per month, in month order (a month split by consumer counts the
    sum of its consumers); a :class:`MonthlyCounts` when read from a file."""
    consumer_splits: tuple[tuple[Month, tuple[tuple[str, int], ...]], ...] = ()
    """For months split by consumer: ``(month, ((consumer id, count), ...))``, consumers
    in the order written."""


State = Service | HistoryEntry
"""A service's state: its own top-level fields or a history entry's (``status``,
``channels``, ``in_person_steps``)."""


def state_on(service: Service, declared_on: Day, day: Day) -> tuple[State, bool]:
    """The service's state on ``day``, and whether a dated state covers that day.

    From ``declared_on`` on, the top-level fields hold; before it, the latest history
    entry on or before ``day``. A day before every dated state (no history, or a history
    that starts later) takes the earliest state known, and is reported as not dated."""
    if day >= declared_on:
        return service, True
    history = service.history
    if not history:
        return service, False
    found: HistoryEntry | None = None
    for entry in history:
        if entry.on > day:
            break
        found = entry
    if found is None:
        return history[0], False
    return found, True


PLACEHOLDER_SERVICE_ID = "example-service"
PLACEHOLDER_SERVICE_NAME = "Example service (replace with a real one)"
"""The example service a new declaration starts with (``egov-audit init``); a declaration
still holding it is refused, so that it never counts as a real service."""

SPLIT_CHANNELS = ("portal", "kiosk", "mobile", "in_person")
"""The channels a month's count can be split by, in the order reports show them."""


def latest_transaction_year(declaration: Declaration, not_after: Month | None = None) -> int | None:
    """The latest year for which the declaration counts transactions (or exchange
    inquiries), if any.

    Months after ``declared_on`` (and after ``not_after``, today's month) are not taken:
    a mistyped month in one file must not move a collection's default period."""
    limit = declaration.declared_on[:2]
    if not_after is not None:
        limit = min(limit, not_after)
    years = [
        month[0] for s in declaration.services for month, _count in s.transactions if month <= limit
    ]
    years += [
        month[0]
        for e in declaration.exchange_services
        for month, _count in e.inquiries
        if month <= limit
    ]
    return max(years) if years else None
