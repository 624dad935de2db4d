"""The exchange section of the JSON report (``exchange``: only for a collection with an
exchange), described by ``schemas/output/report.schema.json``."""

from __future__ import annotations

from typing import Any

from egov_audit.aggregate.compare import Change
from egov_audit.aggregate.exchange import ExchangeMonth, exchange_changes
from egov_audit.aggregate.figures import share_or_none
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import AgencyRef
from egov_audit.model.calendars import format_month

EXCHANGE_DEFINITION = (
    "Inquiries served over the exchange in the period's months. Services and providers: "
    "those that served at least one inquiry in the period. Consumers: those with "
    "inquiries in the months split by consumer (split_inquiries says how many inquiries "
    "that covers); null when no inquiry of the period is split. Waiting: providers not "
    "connected by the end of the period (no service of theirs declares inquiries up to "
    "then) and the transactions of the services that depend on them, as shares of the "
    "transactions of all services that depend on another agency; a service waiting on "
    "several providers counts once in the total."
)


def _share(count: int, total: int) -> dict[str, Any]:
    value = share_or_none(count, total)
    return {"count": count, "total": total, "share": None if value is None else round(value, 6)}


def _ref(ref: AgencyRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "name_local": ref.name_local}


def _month(month: ExchangeMonth) -> dict[str, Any]:
    return {
        "month": format_month(month.month),
        "inquiries": month.inquiries,
        "services": month.services,
        "providers": month.providers,
        "consumers": month.consumers,
    }


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def exchange_dict(
    report: ReadinessReport, previous: ReadinessReport | None = None
) -> dict[str, Any] | None:
    """The exchange's figures as plain data; None for a collection without an exchange."""
    found = report.exchange
    if found is None:
        return None
    exchange = found.exchange
    busiest, quietest = found.busiest, found.quietest
    data: dict[str, Any] = {
        "name": exchange.name if exchange else None,
        "name_local": exchange.name_local if exchange else None,
        "definition": EXCHANGE_DEFINITION,
        "inquiries": found.inquiries,
        "services": found.services,
        "services_declared": found.services_declared,
        "providers": [
            {
                **_ref(row.agency),
                "services": row.services,
                "inquiries": _share(row.inquiries, found.inquiries),
            }
            for row in found.providers
        ],
        "consumers": len(found.consumers) if found.consumers_known else None,
        "split_inquiries": _share(found.split_inquiries, found.inquiries),
        "by_consumer": [
            {
                **_ref(row.consumer),
                "registered": row.registered,
                "services": row.services,
                "inquiries": _share(row.inquiries, found.split_inquiries),
            }
            for row in found.consumers
        ],
        "by_month": [_month(month) for month in found.by_month],
        "busiest_month": [_month(m) for m in busiest] if busiest else None,
        "quietest_month": [_month(m) for m in quietest] if quietest else None,
        "transactions": found.transactions,
        "transactions_and_inquiries": found.transactions_and_inquiries,
        "waiting": {
            "dependent_transactions": found.dependent_transactions,
            "services": found.waiting_services,
            "transactions": _share(found.waiting_transactions, found.dependent_transactions),
            "providers": [
                {
                    **_ref(row.provider),
                    "declared": row.declared,
                    "services": row.services,
                    "transactions": _share(row.transactions, found.dependent_transactions),
                }
                for row in found.waiting
            ],
        },
    }
    if previous is not None and previous.exchange is not None:
        changes = [Change(*item) for item in exchange_changes(found, previous.exchange)]
        data["compare"] = {
            "period": previous.period.label,
            "figures": [
                {
                    "key": change.key,
                    "current": change.current,
                    "previous": change.previous,
                    "ratio": _fraction(change.ratio),
                    "percent": _fraction(change.percent),
                }
                for change in changes
            ],
        }
    return data
