"""Checking a service's ``history``: real dates of the collection's calendar, oldest first,
none after ``declared_on``, and an entry on ``declared_on`` only if it is the declared state.

Each entry's own fields (a status, channels where the status needs them, in-person steps
where it is partial or in person) are checked by the schema, with the service's rules.
"""

from __future__ import annotations

from typing import Any

from egov_audit.checks import schema
from egov_audit.checks.collector import Collector
from egov_audit.checks.context import Context
from egov_audit.model.calendars import Calendar, Day, format_day, parse_date


def check_history(
    collector: Collector,
    context: Context,
    service: dict[str, Any],
    at: list[str | int],
    declared_on: Day | None,
    launched: Day | None,
) -> None:
    """Add the findings of one service's history (``at`` is the service's path)."""
    history = service.get("history")
    if not isinstance(history, list):
        return
    previous: tuple[Day, list[str | int]] | None = None
    for index, entry in enumerate(history):
        if not isinstance(entry, dict):
            continue
        where: list[str | int] = [*at, "history", index, "on"]
        day = _day(collector, context, entry.get("on"), where)
        if day is None:
            continue
        if previous is not None and day <= previous[0]:
            collector.add(
                "history-out-of-order",
                f"history entry on {format_day(day)} is not later than the entry before it "
                f"({format_day(previous[0])}, line {_line(collector, previous[1])})",
                at=where,
            )
        if declared_on is not None and day > declared_on:
            collector.add(
                "history-after-declaration",
                f"history entry on {format_day(day)} is after declared_on "
                f"{format_day(declared_on)}" + _other_calendar(day, context),
                at=where,
            )
        elif day == declared_on and _differs(entry, service):
            collector.add(
                "history-contradicts-declaration",
                f"history entry on declared_on {format_day(day)} says {entry.get('status')} "
                f"{_channels(entry)}, the service's own fields say {service.get('status')} "
                f"{_channels(service)}",
                at=[*at, "history", index],
            )
        if launched is not None and day < launched:
            collector.add(
                "history-before-launch",
                f"history entry on {format_day(day)} is before the service's launch on "
                f"{format_day(launched)}",
                at=where,
            )
        previous = (day, where)


def _line(collector: Collector, at: list[str | int]) -> int:
    """The line of ``at``, asked for only when a finding names it."""
    assert collector.doc is not None
    return collector.doc.position(at).line


def _day(collector: Collector, context: Context, value: Any, at: list[str | int]) -> Day | None:
    if not isinstance(value, str) or not schema.DATE_FORM.match(value):
        return None  # the schema reports a missing or malformed date
    if context.calendar is None:
        if all(parse_date(c, value) is None for c in Calendar):
            collector.add("date-invalid", f"on {value} is not a date of any calendar", at=at)
        return None
    day = parse_date(context.calendar, value)
    if day is None:
        collector.add(
            "date-invalid",
            f"on {value} is not a date of the {context.calendar.value} calendar",
            at=at,
        )
    return day


def _state(item: dict[str, Any]) -> tuple[Any, Any, Any]:
    channels = item.get("channels") or []
    steps = item.get("in_person_steps") if item.get("status") in ("partial", "in_person") else None
    return (
        item.get("status"),
        sorted(map(str, channels)) if isinstance(channels, list) else channels,
        steps,
    )


def _differs(entry: dict[str, Any], service: dict[str, Any]) -> bool:
    return _state(entry) != _state(service)


def _channels(item: dict[str, Any]) -> str:
    channels = item.get("channels") or []
    listed = ", ".join(map(str, channels)) if isinstance(channels, list) else str(channels)
    return f"[{listed}]"


def _other_calendar(day: Day, context: Context) -> str:
    if context.calendar is Calendar.JALALI and day[0] >= 1700:
        return "; it looks like a Gregorian date, and this collection uses the jalali calendar"
    if context.calendar is Calendar.GREGORIAN and day[0] < 1700:
        return "; it looks like a Solar Hijri date, and this collection uses the gregorian calendar"
    return ""
