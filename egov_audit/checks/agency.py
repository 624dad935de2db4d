"""Checking one agency declaration: the schema, then the rules a schema cannot express.

A pure function of the file's bytes, the id its name promises and the collection's
context, so that files can be checked in any order, in parallel, and cached.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from egov_audit.checks import schema
from egov_audit.checks.collector import Collector, load_document, schema_findings
from egov_audit.checks.context import Context
from egov_audit.checks.convert import to_declaration
from egov_audit.checks.exchange import duplicate_id, exchange_service_checks
from egov_audit.checks.history import check_history
from egov_audit.model import (
    PLACEHOLDER_SERVICE_ID,
    PLACEHOLDER_SERVICE_NAME,
    DependencyRef,
    FileResult,
    latest_transaction_year,
)
from egov_audit.model.benchmarks import known_codes, suggestions
from egov_audit.model.calendars import Calendar, Day, parse_date, parse_month
from egov_audit.model.errors import YamlLoadError
from egov_audit.model.limits import MAX_COUNT


def check_agency(
    data: bytes | YamlLoadError, display: str, expected_id: str, context: Context
) -> FileResult:
    """Check one agency declaration's bytes (or the error met reading them).

    ``display`` is the name findings carry; ``expected_id`` the agency id the file's
    name promises (``abfa`` for ``agencies/abfa.yaml``). The result holds the converted
    declaration when the file has no error.
    """
    doc, collector = load_document(data, display, context.severities)
    if doc is None:
        return FileResult(display, tuple(collector.findings))
    tree = doc.data
    schema_findings(collector, "agency", tree)
    if not isinstance(tree, dict):
        return FileResult(display, tuple(collector.findings))

    agency_id = _agency_checks(collector, tree, expected_id, context)
    declared_on = _date(collector, context, tree.get("declared_on"), ["declared_on"])
    if declared_on is not None and context.today is not None and declared_on > context.today:
        collector.add(
            "declared-in-future",
            f"declared_on {tree['declared_on']} is after today "
            f"({_day_text(context.today)} in the {_calendar_name(context)} calendar)"
            + _other_calendar_hint(declared_on, context),
            at=["declared_on"],
        )
    services = tree.get("services")
    service_ids: set[str] = set()
    dependencies: list[DependencyRef] = []
    first_at: dict[str, list[str | int]] = {}
    if isinstance(services, list):
        for index, service in enumerate(services):
            if not isinstance(service, dict):
                continue
            at: list[str | int] = ["services", index]
            service_id = service.get("id")
            if isinstance(service_id, str):
                if service_id in first_at:
                    duplicate_id(collector, service_id, first_at[service_id], [*at, "id"])
                else:
                    first_at[service_id] = [*at, "id"]
                    service_ids.add(service_id)
            _placeholder_check(collector, service, at)
            launched = _date(collector, context, service.get("launched_on"), [*at, "launched_on"])
            if launched and declared_on and launched > declared_on:
                collector.add(
                    "launched-after-declaration",
                    f"launched_on {service['launched_on']} is after declared_on "
                    f"{tree['declared_on']}",
                    at=[*at, "launched_on"],
                )
            _transaction_checks(
                collector,
                service.get("transactions"),
                [*at, "transactions"],
                declared_on,
                tree.get("declared_on"),
                launched,
            )
            _split_checks(collector, service, [*at, "transactions"])
            check_history(collector, context, service, at, declared_on, launched)
            _benchmark_checks(collector, service.get("benchmarks"), [*at, "benchmarks"])
            dependencies.extend(
                _dependency_refs(
                    collector, service.get("depends_on"), [*at, "depends_on"], agency_id
                )
            )
    service_ids |= exchange_service_checks(
        collector,
        tree.get("exchange_services"),
        context,
        declared_on,
        tree.get("declared_on"),
        first_at,
    )
    declaration = None
    if not collector.excludes and context.calendar is not None:
        declaration = to_declaration(tree, display, context.calendar)
    services_seen, transactions_seen = _seen(services)
    not_after = context.today[:2] if context.today is not None else None
    return FileResult(
        display,
        tuple(collector.findings),
        declaration=declaration,
        agency_id=agency_id,
        service_ids=frozenset(service_ids),
        dependencies=tuple(dependencies),
        latest_year=latest_transaction_year(declaration, not_after) if declaration else None,
        services_seen=services_seen,
        transactions_seen=transactions_seen,
    )


def _agency_checks(
    collector: Collector, data: dict[str, Any], expected_id: str, context: Context
) -> str | None:
    agency = data.get("agency")
    if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
        return None
    agency_id: str = agency["id"]
    if agency_id != expected_id:
        collector.add(
            "agency-id-mismatch",
            f"agency id '{agency_id}' differs from the file name '{expected_id}'",
            at=["agency", "id"],
            hint=f"rename the file to {agency_id}.yaml, or write id: {expected_id}",
        )
    if context.registry is not None:
        registered = context.registry.get(agency_id)
        if registered is None:
            collector.add(
                "agency-not-registered",
                f"agency '{agency_id}' is not in the registry of collection.yaml",
                at=["agency", "id"],
                hint="Add it to 'agencies:' in collection.yaml, or fix the id.",
            )
        elif isinstance(agency.get("name"), str) and agency["name"] != registered.name:
            collector.add(
                "agency-name-mismatch",
                f"agency name '{agency['name']}' differs from the registry's '{registered.name}'",
                at=["agency", "name"],
            )
    return agency_id


def _date(collector: Collector, context: Context, value: Any, at: list[str | int]) -> Day | None:
    if not isinstance(value, str):
        return None
    if context.calendar is None:
        # Without a collection the calendar is unknown: only report a date that exists in
        # neither calendar (day 32, month 13).
        if schema.DATE_FORM.match(value) and all(parse_date(c, value) is None for c in Calendar):
            collector.add("date-invalid", f"{at[-1]} {value} is not a date of any calendar", at=at)
        return None
    day = parse_date(context.calendar, value)
    if day is None and schema.DATE_FORM.match(value):
        collector.add(
            "date-invalid",
            f"{at[-1]} {value} is not a date of the {context.calendar.value} calendar",
            at=at,
        )
    return day


def _transaction_checks(
    collector: Collector,
    transactions: Any,
    at: list[str | int],
    declared_on: Day | None,
    declared_text: Any,
    launched: Day | None,
) -> None:
    if not isinstance(transactions, dict):
        return
    for key in transactions:
        month = parse_month(key)
        if month is None:
            if schema.MONTH_FORM.match(key):
                collector.add(
                    "month-invalid", f"month {key} does not exist", at=[*at, key], on_key=True
                )
            continue
        if declared_on is not None and month > declared_on[:2]:
            collector.add(
                "transactions-after-declaration",
                f"transactions counted for {key}, after declared_on {declared_text}",
                at=[*at, key],
                on_key=True,
            )
        if launched is not None and month < launched[:2]:
            collector.add(
                "transactions-before-launch",
                f"transactions counted for {key}, before the service's launch month "
                f"{_day_text(launched)[:7]}; the count is still counted in {key}",
                at=[*at, key],
                on_key=True,
            )


def _benchmark_checks(collector: Collector, codes: Any, at: list[str | int]) -> None:
    if not isinstance(codes, list):
        return
    known = known_codes()
    for index, code in enumerate(codes):
        if isinstance(code, str) and schema.BENCHMARK_FORM.match(code) and code not in known:
            close = suggestions(code)
            collector.add(
                "benchmark-unknown",
                f"no benchmark item '{code}'",
                at=[*at, index],
                hint=f"Did you mean {' or '.join(close)}? `egov-audit benchmarks` lists the codes."
                if close
                else None,
            )


def _dependency_refs(
    collector: Collector, depends_on: Any, at: list[str | int], agency_id: str | None
) -> Iterable[DependencyRef]:
    if not isinstance(depends_on, list):
        return
    for index, target in enumerate(depends_on):
        if not isinstance(target, str) or not schema.GLOBAL_ID_FORM.match(target):
            continue
        where = [*at, index]
        if agency_id is not None and target.split("/", 1)[0] == agency_id:
            collector.add(
                "depends-on-own-agency",
                f"depends_on '{target}' is a service of this agency",
                at=where,
            )
            continue
        yield DependencyRef(target, tuple(where))


def _placeholder_check(collector: Collector, service: dict[str, Any], at: list[str | int]) -> None:
    if (
        service.get("id") == PLACEHOLDER_SERVICE_ID
        or service.get("name") == PLACEHOLDER_SERVICE_NAME
    ):
        collector.add(
            "placeholder-service",
            f"service '{service.get('id')}' is the example of 'egov-audit init', not a real "
            "service; the file is not counted until it is replaced",
            at=[*at, "id"] if "id" in service else at,
        )


def _split_checks(collector: Collector, service: dict[str, Any], at: list[str | int]) -> None:
    """A month split by channel names only channels the service declares (or in_person)."""
    transactions = service.get("transactions")
    channels = service.get("channels")
    if not isinstance(transactions, dict):
        return
    listed = [str(c) for c in channels] if isinstance(channels, list) else []
    declared = set(listed)
    for key, count in transactions.items():
        if not isinstance(count, dict):
            continue
        for channel in count:
            if channel in ("portal", "kiosk", "mobile") and channel not in declared:
                collector.add(
                    "split-channel-undeclared",
                    f"{key} counts {channel} transactions, but the service's channels are "
                    + (", ".join(listed) if listed else "none")
                    + f" ({service.get('status')})",
                    at=[*at, key, channel],
                    on_key=True,
                )


def _seen(services: Any) -> tuple[int, int]:
    """Services and transactions a file lists, as far as its tree can be read."""
    if not isinstance(services, list):
        return 0, 0
    total = 0
    for service in services:
        transactions = service.get("transactions") if isinstance(service, dict) else None
        if not isinstance(transactions, dict):
            continue
        for count in transactions.values():
            parts = count.values() if isinstance(count, dict) else (count,)
            # Only counts the schema accepts: a huge one (2^63, 10^38) is an error of its
            # file, and summed here it would overflow the report's number formatting.
            total += sum(
                n
                for n in parts
                if isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_COUNT
            )
    return len(services), total


def _day_text(day: Day) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _calendar_name(context: Context) -> str:
    return context.calendar.value if context.calendar is not None else "collection's"


def _other_calendar_hint(day: Day, context: Context) -> str:
    """A hint when a date looks written in the other calendar (a Gregorian year in a
    Solar Hijri collection, or the reverse)."""
    if context.calendar is Calendar.JALALI and day[0] >= 1700:
        return "; it looks like a Gregorian date, and this collection uses the jalali calendar"
    if context.calendar is Calendar.GREGORIAN and day[0] < 1700:
        return "; it looks like a Solar Hijri date, and this collection uses the gregorian calendar"
    return ""
