"""The report as JSON: stable keys (report_version 1), for other tools to consume.

Shares are fractions between 0 and 1 with their count and total beside them, so a
consumer never has to reverse a rounded percentage.

Keys added within version 1 (a consumer of the earlier keys is unaffected):

``take_up``
    ``{digital, assisted, in_person, total, share, definition, by_agency: [{id, name,
    name_local, digital, assisted, in_person, total, share}]}``: transactions of the
    months split by channel; digital = portal + mobile, assisted = kiosk / counter
    offices; ``share`` = digital / total (0 when there is no split month).
``transactions.busiest_month`` / ``transactions.quietest_month``
    ``{month, count}`` among the months with data, or ``null`` with fewer than two.
``interoperability``
    ``{definition, dependent_transactions, providers: [{id, name, name_local,
    dependent_services, dependent_transactions, share}], consumers: [{id, name,
    name_local, services, dependencies}], blocked: [{provider: {id, name, name_local},
    blockers: [{service, status, provider_service, provider_status}]}]}``. A provider's
    share is of the transactions of all services that depend on another agency; shares
    can sum past 1 when a service depends on several providers.
``benchmarks``
    ``[{catalogue, title, items, covered: [code], fully_electronic: [code],
    missing: [{code, group, title}]}]``, one per benchmark list.
``follow_up``
    ``{open_services: [{id, name, name_local, partial, in_person, unknown, open}],
    in_person_steps: [{step, services}]}``, most first.
``compare`` (only with ``--compare``)
    ``{period: {label, start, end}, note, figures: [{key, current, previous, ratio,
    percent}]}``: ``ratio`` = current / previous and ``percent`` = the change in percent
    of previous, both ``null`` when previous is 0; ``digital_take_up`` values are
    fractions, ``null`` for a period without split months.
"""

from __future__ import annotations

import json
from typing import Any

from egov_audit._version import __version__
from egov_audit.aggregate.report import (
    AgencyRow,
    ReadinessReport,
    TakeUpRow,
    compare,
    share,
)
from egov_audit.model import AgencyRef
from egov_audit.model.calendars import Month, format_month

REPORT_VERSION = 1


def _share(count: int, total: int) -> dict[str, Any]:
    return {"count": count, "total": total, "share": round(share(count, total), 6)}


def _agency(ref: AgencyRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "name_local": ref.name_local}


def _row(row: AgencyRow) -> dict[str, Any]:
    return {
        **_agency(row.agency),
        "rank": row.rank,
        "verified": row.verified,
        "services": row.services,
        "by_status": {status.value: count for status, count in row.by_status.items()},
        "full_share": round(row.full_share, 6),
        "channels": {channel.value: count for channel, count in row.channels.items()},
        "transactions": row.transactions,
    }


TAKE_UP_DEFINITION = (
    "Digital take-up (GOV.UK service manual): digital transactions (agency portals and "
    "mobile apps) over all transactions, in the months whose transactions are split by "
    "channel; kiosk / counter offices are assisted digital."
)
INTEROPERABILITY_DEFINITION = (
    "A provider's share is of the transactions of all services that depend on another "
    "agency; shares can sum past 1 when a service depends on several providers. Blockers: "
    "services not fully electronic that depend on a service that is not fully electronic "
    "either, grouped by the agency providing that service."
)
COMPARE_NOTE = (
    "Statuses are as declared now: a declaration holds one status per service, so both "
    "periods use today's statuses, and a service counts in an earlier period if it was "
    "launched by then."
)


def _month(found: tuple[Month, int] | None) -> dict[str, Any] | None:
    return None if found is None else {"month": format_month(found[0]), "count": found[1]}


def _take_up(row: TakeUpRow) -> dict[str, Any]:
    return {
        "digital": row.digital,
        "assisted": row.assisted,
        "in_person": row.in_person,
        "total": row.total,
        "share": round(row.take_up, 6),
    }


def _insights(report: ReadinessReport) -> dict[str, Any]:
    interop = report.interoperability
    return {
        "take_up": {
            **_take_up(report.take_up),
            "definition": TAKE_UP_DEFINITION,
            "by_agency": [
                {**_agency(row.agency), **_take_up(row)}
                for row in report.take_up_by_agency
                if row.agency is not None
            ],
        },
        "interoperability": {
            "definition": INTEROPERABILITY_DEFINITION,
            "dependent_transactions": interop.dependent_transactions,
            "providers": [
                {
                    **_agency(row.agency),
                    "dependent_services": row.dependent_services,
                    "dependent_transactions": row.dependent_transactions,
                    "share": round(row.share, 6),
                }
                for row in interop.providers
            ],
            "consumers": [
                {
                    **_agency(row.agency),
                    "services": row.services,
                    "dependencies": row.dependencies,
                }
                for row in interop.consumers
            ],
            "blocked": [
                {
                    "provider": _agency(group.provider),
                    "blockers": [
                        {
                            "service": b.service,
                            "status": b.status.value,
                            "provider_service": b.provider_service,
                            "provider_status": b.provider_status.value,
                        }
                        for b in group.blockers
                    ],
                }
                for group in interop.blocked
            ],
        },
        "benchmarks": [
            {
                "catalogue": item.catalogue.id,
                "title": item.catalogue.title,
                "items": len(item.catalogue.items),
                "covered": list(item.covered),
                "fully_electronic": list(item.fully_electronic),
                "missing": [
                    {"code": m.code, "group": m.group, "title": m.title} for m in item.missing
                ],
            }
            for item in report.benchmarks
        ],
        "follow_up": {
            "open_services": [
                {
                    **_agency(row.agency),
                    "partial": row.partial,
                    "in_person": row.in_person,
                    "unknown": row.unknown,
                    "open": row.open,
                }
                for row in report.open_services
            ],
            "in_person_steps": [
                {"step": step, "services": count} for step, count in report.in_person_steps
            ],
        },
    }


def _comparison(report: ReadinessReport, previous: ReadinessReport) -> dict[str, Any]:
    def value(key: str, number: float, which: ReadinessReport) -> float | int | None:
        if key == "digital_take_up":
            return round(number, 6) if which.take_up.total else None
        return round(number)

    figures = []
    for change in compare(report, previous):
        known = change.key != "digital_take_up" or bool(
            report.take_up.total and previous.take_up.total
        )
        figures.append(
            {
                "key": change.key,
                "current": value(change.key, change.current, report),
                "previous": value(change.key, change.previous, previous),
                "ratio": round(change.ratio, 6) if known and change.ratio is not None else None,
                "percent": (
                    round(change.percent, 6) if known and change.percent is not None else None
                ),
            }
        )
    period = previous.period
    return {
        "period": {
            "label": period.label,
            "start": format_month(period.start),
            "end": format_month(period.end),
        },
        "note": COMPARE_NOTE,
        "figures": figures,
    }


def to_dict(report: ReadinessReport, previous: ReadinessReport | None = None) -> dict[str, Any]:
    """The report as plain data (the documented JSON structure); ``compare`` with ``previous``."""
    total = report.services_total
    period = report.period
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "egov-audit", "version": __version__},
        "collection": {
            "id": report.collection.id,
            "name": report.collection.name,
            "name_local": report.collection.name_local,
            "calendar": report.collection.calendar.value,
        },
        "period": {
            "label": period.label,
            "start": format_month(period.start),
            "end": format_month(period.end),
            "months": [format_month(m) for m in period.months],
            "months_with_data": [format_month(m) for m in report.months_with_data],
        },
        "agencies": {
            "expected": report.agencies_expected,
            "declared": report.agencies_declared,
            "verified": report.agencies_verified,
            "missing": [_agency(a) for a in report.missing_agencies],
            "unregistered": [_agency(a) for a in report.unregistered_agencies],
            "excluded_files": list(report.excluded_files),
        },
        "services": {
            "total": total,
            "by_status": {s.value: _share(n, total) for s, n in report.by_status.items()},
        },
        "transactions": {
            "total": report.transactions_total,
            "annualised": False,
            "by_month": {format_month(m): n for m, n in report.transactions_by_month},
            "busiest_month": _month(report.busiest_month),
            "quietest_month": _month(report.quietest_month),
        },
        "new_services": {
            "year": period.year,
            "total": report.new_services_total,
            "by_type": {
                t.value: _share(n, report.new_services_total)
                for t, n in report.new_services_by_type.items()
            },
            "transactional_or_interactive": _share(
                report.new_transactional_or_interactive, report.new_services_total
            ),
        },
        "audiences": {a.value: _share(n, total) for a, n in report.audiences.items()},
        "channels": {
            "offerings": report.offerings_total,
            "by_channel": {
                c.value: _share(n, report.offerings_total)
                for c, n in report.channel_offerings.items()
            },
        },
        "ranking": {
            "rule": report.ranking_rule.describe(),
            "min_services": report.ranking_rule.min_services,
            "top": report.ranking_rule.top,
            "leaders": [row.agency.id for row in report.leaders],
            "follow_up": [row.agency.id for row in report.follow_up],
            "unranked": [row.agency.id for row in report.unranked],
        },
        "agency_table": [_row(row) for row in report.agencies],
        **_insights(report),
        **({"compare": _comparison(report, previous)} if previous is not None else {}),
    }


def render(
    report: ReadinessReport, lang: str = "en", *, previous: ReadinessReport | None = None
) -> str:
    """The report as indented JSON text (UTF-8, names unescaped).

    JSON is for tools: its keys and values are the same in every language, so ``lang``
    is accepted (like every report renderer) and ignored.
    """
    del lang
    return json.dumps(to_dict(report, previous), ensure_ascii=False, indent=2) + "\n"
