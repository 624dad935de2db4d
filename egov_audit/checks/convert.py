"""Converting a checked, error-free YAML tree into the compact inventory records."""

from __future__ import annotations

import sys
from typing import Any, TypeVar

from egov_audit.checks.exchange import to_exchange_services
from egov_audit.model import (
    SPLIT_CHANNELS,
    AgencyRef,
    Audience,
    Channel,
    Declaration,
    HistoryEntry,
    MonthlyCounts,
    Service,
    ServiceType,
    Status,
)
from egov_audit.model.calendars import Calendar, Month, parse_date, parse_month

_T = TypeVar("_T", bound=tuple[Any, ...])


class _Shared:
    """One object for equal small tuples (audiences, channels, dependencies) in one file."""

    def __init__(self) -> None:
        self.seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def __call__(self, value: _T) -> _T:
        return self.seen.setdefault(value, value)  # type: ignore[return-value]


def to_declaration(data: dict[str, Any], display: str, calendar: Calendar) -> Declaration:
    """The declaration of a document that passed every check (asserts what they ensured)."""
    shared = _Shared()
    agency = data["agency"]
    services = []
    for raw in data["services"]:
        launched = raw.get("launched_on")
        months: list[tuple[Month, int]] = []
        splits: list[tuple[Month, tuple[tuple[str, int], ...]]] = []
        for key, count in (raw.get("transactions") or {}).items():
            month = parse_month(key)
            assert month is not None
            if isinstance(count, dict):
                split = tuple((c, count[c]) for c in SPLIT_CHANNELS if c in count)
                splits.append((month, split))
                count = sum(n for _, n in split)
            months.append((month, count))
        services.append(
            Service(
                id=raw["id"],
                name=raw["name"],
                name_local=raw.get("name_local"),
                status=Status(raw["status"]),
                type=ServiceType(raw["type"]),
                audience=shared(tuple(Audience(a) for a in raw["audience"])),
                channels=shared(tuple(Channel(c) for c in raw.get("channels") or ())),
                in_person_steps=raw.get("in_person_steps"),
                launched_on=parse_date(calendar, launched) if launched else None,
                transactions=MonthlyCounts(months),
                depends_on=shared(tuple(sys.intern(t) for t in raw.get("depends_on") or ())),
                benchmarks=shared(tuple(raw.get("benchmarks") or ())),
                channel_splits=tuple(sorted(splits)),
                history=_history(raw.get("history"), calendar, shared),
            )
        )
    declared_on = parse_date(calendar, data["declared_on"])
    assert declared_on is not None
    return Declaration(
        agency=AgencyRef(agency["id"], agency["name"], agency.get("name_local")),
        declared_on=declared_on,
        verified=bool(data.get("verified", False)),
        services=tuple(services),
        source=display,
        exchange_services=to_exchange_services(data.get("exchange_services")),
    )


def _history(entries: Any, calendar: Calendar, shared: _Shared) -> tuple[HistoryEntry, ...]:
    if not entries:
        return ()
    found = []
    for entry in entries:
        day = parse_date(calendar, entry["on"])
        assert day is not None
        status = Status(entry["status"])
        steps = entry.get("in_person_steps")
        found.append(
            HistoryEntry(
                on=day,
                status=status,
                channels=shared(tuple(Channel(c) for c in entry.get("channels") or ())),
                in_person_steps=sys.intern(steps) if steps else None,
            )
        )
    return tuple(found)
