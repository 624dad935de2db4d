"""A diff as JSON for tools (``diff_version: 1``; keys are only ever added)."""

from __future__ import annotations

import json
from typing import Any

from egov_audit.aggregate.diff import (
    DIFF_VERSION,
    Comparison,
    ExchangeRef,
    MembershipChange,
    ServiceRef,
    StatusChangeKind,
    TransactionTotals,
)
from egov_audit.model import HistoryEntry
from egov_audit.model.calendars import format_day, format_month


def history_entry_json(entry: HistoryEntry) -> dict[str, Any]:
    """A history entry as the JSON of ``diff`` and ``history`` write it."""
    return {
        "on": format_day(entry.on),
        "status": entry.status.value,
        "channels": [channel.value for channel in entry.channels],
        "in_person_steps": entry.in_person_steps,
    }


def _service_json(ref: ServiceRef) -> dict[str, Any]:
    service = ref.service
    return {
        "id": ref.global_id,
        "agency": ref.agency,
        "name": service.name,
        "status": service.status.value,
        "type": service.type.value,
        "audience": [a.value for a in service.audience],
        "channels": [c.value for c in service.channels],
        "transactions": sum(count for _month, count in service.transactions),
    }


def _exchange_json(ref: ExchangeRef) -> dict[str, Any]:
    return {
        "id": ref.global_id,
        "agency": ref.agency,
        "name": ref.service.name,
        "inquiries": ref.inquiries,
        "consumers": list(ref.consumers),
    }


def _totals_json(totals: TransactionTotals) -> dict[str, Any]:
    return {
        "old": totals.old,
        "new": totals.new,
        "delta": totals.delta,
        "months_added": [format_month(m) for m in totals.months_added],
        "months_removed": [format_month(m) for m in totals.months_removed],
    }


def _membership_json(change: MembershipChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "name": change.name,
        "added": list(change.added),
        "removed": list(change.removed),
    }


def diff_json(comparison: Comparison) -> dict[str, Any]:
    """The diff as a JSON-ready dictionary (``diff_version: 1``; see the module docstring)."""
    diff = comparison.diff
    return {
        "diff_version": DIFF_VERSION,
        "compared": comparison.compared,
        "old": comparison.old,
        "new": comparison.new,
        "has_changes": diff.has_changes,
        "summary": {
            "services_added": len(diff.added),
            "services_removed": len(diff.removed),
            "status_changes": len(diff.status_changes),
            "regressions": diff.count(StatusChangeKind.REGRESSION),
            "became_unverified": diff.count(StatusChangeKind.BECAME_UNVERIFIED),
            "improvements": diff.count(StatusChangeKind.IMPROVEMENT),
            "newly_assessed": diff.count(StatusChangeKind.NEWLY_ASSESSED),
            "channel_changes": len(diff.channel_changes),
            "audience_changes": len(diff.audience_changes),
            "type_changes": len(diff.type_changes),
            "agency_changes": len(diff.agency_changes),
            "exchange_services_added": len(diff.exchange_added),
            "exchange_services_removed": len(diff.exchange_removed),
            "exchange_name_changes": len(diff.exchange_name_changes),
            "exchange_consumer_changes": len(diff.exchange_consumer_changes),
            "exchange_inquiry_changes": len(diff.exchange_inquiry_changes),
        },
        "agencies": {"added": list(diff.agencies_added), "removed": list(diff.agencies_removed)},
        "services": {
            "added": [_service_json(r) for r in diff.added],
            "removed": [_service_json(r) for r in diff.removed],
        },
        "status_changes": [
            {
                "id": c.id,
                "name": c.name,
                "old": c.old.value,
                "new": c.new.value,
                "change": c.kind.value,
            }
            for c in diff.status_changes
        ],
        "channel_changes": [_membership_json(c) for c in diff.channel_changes],
        "audience_changes": [_membership_json(c) for c in diff.audience_changes],
        "type_changes": [
            {"id": c.id, "name": c.name, "old": c.old.value, "new": c.new.value}
            for c in diff.type_changes
        ],
        "agency_changes": [
            {"agency": c.agency, "field": c.field, "old": c.old, "new": c.new}
            for c in diff.agency_changes
        ],
        "history": [
            {
                "id": f"{agency}/{p.service}",
                **history_entry_json(p.entry),
                "conflict": p.conflict is not None,
            }
            for agency, p in diff.history
        ],
        "transactions": {
            "total": _totals_json(diff.transactions),
            "by_agency": [
                {"agency": d.agency, **_totals_json(d.transactions)} for d in diff.declarations
            ],
        },
        "exchange_services": {
            "added": [_exchange_json(r) for r in diff.exchange_added],
            "removed": [_exchange_json(r) for r in diff.exchange_removed],
        },
        "exchange_name_changes": [
            {"id": c.id, "old": c.old, "new": c.new} for c in diff.exchange_name_changes
        ],
        "exchange_consumer_changes": [_membership_json(c) for c in diff.exchange_consumer_changes],
        "exchange_inquiry_changes": [
            {
                "id": c.id,
                "name": c.name,
                "old": c.old,
                "new": c.new,
                "delta": c.delta,
                "months_added": [format_month(m) for m in c.months_added],
                "months_removed": [format_month(m) for m in c.months_removed],
                "months_changed": [format_month(m) for m in c.months_changed],
            }
            for c in diff.exchange_inquiry_changes
        ],
        "inquiries": _totals_json(diff.inquiries),
    }


def render(comparison: Comparison) -> str:
    """The diff as indented JSON."""
    return json.dumps(diff_json(comparison), indent=2, ensure_ascii=False) + "\n"
