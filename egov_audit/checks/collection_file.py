"""Checking ``collection.yaml``: the registry of agencies, the calendar and rule settings."""

from __future__ import annotations

import difflib
from typing import Any

from egov_audit.checks.collector import Collector, load_document, schema_findings
from egov_audit.checks.context import NO_COLLECTION, Context
from egov_audit.checks.exchange import exchange_of
from egov_audit.checks.rules import RULES, can_lower
from egov_audit.io.yamlload import load_bytes
from egov_audit.model import AgencyRef, Collection, Finding, Severity
from egov_audit.model.calendars import Calendar, today
from egov_audit.model.errors import Position, YamlLoadError


def check_collection(
    data: bytes | YamlLoadError, display: str
) -> tuple[Collection | None, Context, list[Finding]]:
    """Check a ``collection.yaml``'s bytes (or the error reading them).

    Returns the collection (None when it has errors), the context its agency files are
    checked in, and the findings.
    """
    doc, collector = load_document(data, display)
    if doc is None:
        return None, NO_COLLECTION, collector.findings
    data_ = doc.data
    schema_findings(collector, "collection", data_)
    calendar: Calendar | None = None
    registry: dict[str, AgencyRef] | None = None
    if isinstance(data_, dict):
        if data_.get("calendar") in ("jalali", "gregorian"):
            calendar = Calendar(data_["calendar"])
        entries = data_.get("agencies")
        if isinstance(entries, list):
            registry = _registry(collector, entries)
    exchange = exchange_of(collector, data_, registry) if isinstance(data_, dict) else None
    severities = _rule_settings(collector, data_)
    context = Context(
        calendar,
        registry,
        severities,
        today(calendar) if calendar else None,
        frozenset(c.id for c in exchange.consumers) if exchange else frozenset(),
    )
    if collector.has_errors or calendar is None or registry is None:
        return None, context, collector.findings
    assert isinstance(data_, dict)
    collection = Collection(
        id=data_["id"],
        name=data_["name"],
        calendar=calendar,
        agencies=tuple(registry.values()),
        name_local=data_.get("name_local"),
        language=data_.get("language"),
        exchange=exchange,
    )
    return collection, context, collector.findings


def _registry(collector: Collector, entries: list[Any]) -> dict[str, AgencyRef]:
    assert collector.doc is not None
    registry: dict[str, AgencyRef] = {}
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        agency_id = entry["id"]
        if agency_id in registry:
            first = collector.doc.position(["agencies", first_index[agency_id], "id"])
            collector.add(
                "registry-duplicate-agency",
                f"agency '{agency_id}' is registered twice (first on line {first.line})",
                at=["agencies", index, "id"],
            )
            continue
        first_index[agency_id] = index
        name = entry.get("name")
        local = entry.get("name_local")
        registry[agency_id] = AgencyRef(
            agency_id,
            name if isinstance(name, str) else agency_id,
            local if isinstance(local, str) else None,
        )
    return registry


def _rule_settings(collector: Collector, data: Any) -> dict[str, Severity | None]:
    """The ``rules:`` of collection.yaml as severities; reports unknown and locked rules."""
    settings = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(settings, dict):
        return {}
    severities: dict[str, Severity | None] = {}
    for rule_id, value in settings.items():
        if value not in ("error", "warning", "off"):
            continue  # the schema reports it
        at: list[str | int] = ["rules", rule_id]
        if rule_id not in RULES:
            close = difflib.get_close_matches(rule_id, list(RULES), n=3)
            collector.add(
                "rules-unknown",
                f"no rule '{rule_id}'",
                at=at,
                on_key=True,
                hint=f"Did you mean {' or '.join(close)}?" if close else None,
            )
            continue
        if value != "error" and not can_lower(rule_id):
            collector.add(
                "rules-locked", f"rule '{rule_id}' cannot be set to {value}", at=at, on_key=True
            )
            continue
        severities[rule_id] = None if value == "off" else Severity(value)
    return severities


def registry_positions(data: bytes | YamlLoadError) -> dict[str, Position]:
    """Where each registry entry's id is written (for the not-declared warning)."""
    if isinstance(data, YamlLoadError):
        return {}
    try:
        doc = load_bytes(data)
    except YamlLoadError:
        return {}
    positions: dict[str, Position] = {}
    entries = doc.data.get("agencies") if isinstance(doc.data, dict) else None
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                positions.setdefault(entry["id"], doc.position(["agencies", index, "id"]))
    return positions
