"""The report as JSON: stable keys (report_version 1), for other tools to consume.

Shares are fractions between 0 and 1 with their count and total beside them, so a
consumer never has to reverse a rounded percentage.
"""

from __future__ import annotations

import json
from typing import Any

from egov_audit import __version__
from egov_audit.calendars import format_month
from egov_audit.model import AgencyRef
from egov_audit.report import AgencyRow, ReadinessReport, share

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


def to_dict(report: ReadinessReport) -> dict[str, Any]:
    """The report as plain data (the documented JSON structure)."""
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
    }


def render(report: ReadinessReport, lang: str = "en") -> str:
    """The report as indented JSON text (UTF-8, names unescaped).

    JSON is for tools: its keys and values are the same in every language, so ``lang``
    is accepted (like every report renderer) and ignored.
    """
    del lang
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
