"""The report as JSON for other tools: ``report_version: 2``, described by the published
schema ``schemas/output/report.schema.json`` (``egov-audit schema report-output``).

Shares are fractions between 0 and 1 with their count and total beside them, so a
consumer never has to reverse a rounded percentage; a share without a denominator (no
data) is ``null``, never 0. Version 2 (from version 1): ``exclusions`` says what was
left out of the figures and why; ``agencies.excluded`` lists registered agencies that
declared but whose files are left out (they are no longer in ``agencies.missing``);
ranks are shared by tied agencies; the busiest and quietest months list every tied
month; ``services.full_share_of_known``, ``take_up.coverage`` and ``new_services.in_period``
make hidden denominators explicit; ``compare`` gives shares' changes in percentage
points and each period's months with data; providers and blocked services mark
agencies that have not declared. docs/report-method.md defines every figure.
"""

from __future__ import annotations

import json
from typing import Any

from egov_audit._version import __version__
from egov_audit.aggregate.compare import Change, coverage_differs
from egov_audit.aggregate.figures import share_or_none
from egov_audit.aggregate.report import (
    AgencyRow,
    ReadinessReport,
    TakeUpRow,
    compare,
)
from egov_audit.model import AgencyRef, Status
from egov_audit.model.calendars import Month, format_month
from egov_audit.render.report.exchange_json import exchange_dict
from egov_audit.render.report.progress_data import day_text, progress, series, statuses

REPORT_VERSION = 2


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _share(count: int, total: int) -> dict[str, Any]:
    return {"count": count, "total": total, "share": _fraction(share_or_none(count, total))}


def _agency(ref: AgencyRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "name_local": ref.name_local}


def _row(row: AgencyRow) -> dict[str, Any]:
    return {
        **_agency(row.agency),
        "rank": row.rank,
        "verified": row.verified,
        "services": row.services,
        "by_status": {status.value: count for status, count in row.by_status.items()},
        "full_share": _fraction(share_or_none(row.full, row.services)),
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
    "Each period takes every service's state at its own end (statuses.as_of and "
    "compare.period.as_of), from the services' history; a service without a history "
    "reaching back that far keeps its declared state (compare.period.undated counts them), "
    "and a service counts in a period if it was launched by its end. Counts change as a "
    "ratio and in percent of the earlier figure; shares change in percentage points."
)


def _months(found: tuple[tuple[Month, ...], int] | None) -> dict[str, Any] | None:
    if found is None:
        return None
    months, count = found
    return {"months": [format_month(m) for m in months], "count": count}


def _take_up(row: TakeUpRow) -> dict[str, Any]:
    return {
        "digital": row.digital,
        "assisted": row.assisted,
        "in_person": row.in_person,
        "total": row.total,
        "share": _fraction(share_or_none(row.digital, row.total)),
    }


def _insights(report: ReadinessReport) -> dict[str, Any]:
    interop = report.interoperability
    return {
        "take_up": {
            **_take_up(report.take_up),
            "definition": TAKE_UP_DEFINITION,
            "coverage": _share(*report.take_up_coverage),
            "by_month": [
                {"month": format_month(month), **split, "total": sum(split.values())}
                for month, split in report.take_up_by_month
            ],
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
                    "share": _fraction(
                        share_or_none(row.dependent_transactions, interop.dependent_transactions)
                    ),
                    "declared": row.declared,
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
                            "provider_declared": b.provider_declared,
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
    def value(change: Change, number: float | None) -> float | int | None:
        if number is None:
            return None
        return round(number, 6) if change.is_share else round(number)

    figures = [
        {
            "key": change.key,
            "unit": "share" if change.is_share else "count",
            "current": value(change, change.current),
            "previous": value(change, change.previous),
            "ratio": _fraction(change.ratio),
            "percent": _fraction(change.percent),
            "points": _fraction(change.points),
        }
        for change in compare(report, previous)
    ]
    period = previous.period
    return {
        "period": {
            "label": period.label,
            "start": format_month(period.start),
            "end": format_month(period.end),
            "months_with_data": [format_month(m) for m in previous.months_with_data],
            "as_of": day_text(previous.as_of),
            "undated": previous.undated_services,
        },
        "coverage_differs": coverage_differs(report, previous),
        "note": COMPARE_NOTE,
        "figures": figures,
    }


def _exclusions(report: ReadinessReport) -> dict[str, Any]:
    return {
        "files": len(report.excluded),
        "services": report.excluded_services,
        "transactions": report.excluded_transactions,
        "items": [
            {
                "file": item.path,
                "agency": item.agency_id,
                "errors": item.errors,
                "rules": list(item.rules),
                "services": item.services,
                "transactions": item.transactions,
            }
            for item in report.excluded
        ],
        "broken_references": [
            {
                "file": ref.file,
                "line": ref.line,
                "column": ref.column,
                "target": ref.target,
                "rule": ref.rule,
            }
            for ref in report.broken_references
        ],
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
        "statuses": statuses(report),
        "exclusions": _exclusions(report),
        "agencies": {
            "expected": report.agencies_expected,
            "declared": report.agencies_declared,
            "verified": report.agencies_verified,
            "missing": [_agency(a) for a in report.missing_agencies],
            "excluded": list(report.agencies_excluded),
            "unregistered": [_agency(a) for a in report.unregistered_agencies],
            "excluded_files": list(report.excluded_files),
        },
        "services": {
            "total": total,
            "by_status": {s.value: _share(n, total) for s, n in report.by_status.items()},
            "full_share_of_known": _share(report.by_status[Status.FULL], report.known_status_total),
        },
        "transactions": {
            "total": report.transactions_total,
            "annualised": False,
            "by_month": {format_month(m): n for m, n in report.transactions_by_month},
            "busiest_month": _months(report.busiest_months),
            "quietest_month": _months(report.quietest_months),
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
            "definition": (
                "total and by_type: services launched in the year the period ends in, up to "
                "the period's end; in_period: services launched within the period's months."
            ),
            "in_period": {
                "total": report.new_in_period_total,
                "by_type": {t.value: n for t, n in (report.new_in_period_by_type or {}).items()},
            },
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
        "progress": progress(report),
        "series": series(report),
        **({"compare": _comparison(report, previous)} if previous is not None else {}),
        **({"exchange": exchange} if (exchange := exchange_dict(report, previous)) else {}),
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
