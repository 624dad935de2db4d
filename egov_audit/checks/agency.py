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
from egov_audit.model import DependencyRef, FileResult, latest_transaction_year
from egov_audit.model.benchmarks import known_codes, suggestions
from egov_audit.model.calendars import Calendar, Day, parse_date, parse_month
from egov_audit.model.errors import YamlLoadError


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
    services = tree.get("services")
    service_ids: set[str] = set()
    dependencies: list[DependencyRef] = []
    if isinstance(services, list):
        first_line: dict[str, int] = {}
        for index, service in enumerate(services):
            if not isinstance(service, dict):
                continue
            at: list[str | int] = ["services", index]
            service_id = service.get("id")
            if isinstance(service_id, str):
                line = doc.position([*at, "id"]).line
                if service_id in first_line:
                    collector.add(
                        "service-id-duplicate",
                        f"service id '{service_id}' is used twice: line "
                        f"{first_line[service_id]} and line {line}",
                        at=[*at, "id"],
                    )
                else:
                    first_line[service_id] = line
                    service_ids.add(service_id)
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
            )
            _benchmark_checks(collector, service.get("benchmarks"), [*at, "benchmarks"])
            dependencies.extend(
                _dependency_refs(
                    collector, service.get("depends_on"), [*at, "depends_on"], agency_id
                )
            )
    declaration = None
    if not collector.has_errors and context.calendar is not None:
        declaration = to_declaration(tree, display, context.calendar)
    return FileResult(
        display,
        tuple(collector.findings),
        declaration=declaration,
        agency_id=agency_id,
        service_ids=frozenset(service_ids),
        dependencies=tuple(dependencies),
        latest_year=latest_transaction_year(declaration) if declaration else None,
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
    assert collector.doc is not None
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
        position = collector.doc.position(where)
        yield DependencyRef(target, position.line, position.column, schema.json_path(where))
