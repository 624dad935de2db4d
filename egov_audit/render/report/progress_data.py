"""The progress figures as plain data: the JSON report's ``statuses``, ``progress`` and
``series`` objects and the rows of ``--csv-table series``. docs/report-method.md defines
every figure."""

from __future__ import annotations

from typing import Any

from egov_audit.aggregate.figures import ReadinessReport, share_or_none
from egov_audit.aggregate.progress import SeriesPoint
from egov_audit.model import Status
from egov_audit.model.calendars import Day, format_day, format_month

STATUSES_RULE = (
    "Every figure takes each service's state (status, channels, in-person steps) on as_of: "
    "the latest entry of its history on or before that date, or its declared state from "
    "declared_on on. A service without a history reaching back to as_of keeps its earliest "
    "known state (for a service without history, the declared one); such services are "
    "counted in undated."
)


def day_text(day: Day | None) -> str | None:
    """``YYYY-MM-DD``, or None."""
    return None if day is None else format_day(day)


def statuses(report: ReadinessReport) -> dict[str, Any]:
    """Which date the statuses are taken at, and how many services it could not date."""
    return {
        "as_of": day_text(report.as_of),
        "rule": STATUSES_RULE,
        "services_with_history": report.services_with_history,
        "undated": report.undated_services,
    }


def progress(report: ReadinessReport) -> dict[str, Any]:
    """What changed between the start of the period and ``as_of``."""
    found = report.progress
    return {
        "since": day_text(found.since),
        "as_of": day_text(report.as_of),
        "became_full": {
            "total": found.became_full_total,
            "from": dict(found.became_full),
            "services": list(found.became_full_services),
        },
        "regressed": [
            {"service": r.service, "from": r.before.value, "to": r.after.value}
            for r in found.regressed
        ],
        "channels_opened": {
            "total": found.channels_opened_total,
            "by_channel": {c.value: n for c, n in found.channels_opened.items()},
        },
        "undated_at_start": found.undated_at_start,
    }


def series_unit(report: ReadinessReport) -> str | None:
    """``quarter`` or ``year``: what the series' points are (None without a series)."""
    if not report.series:
        return None
    return "quarter" if "-Q" in report.series[0].label else "year"


def point(item: SeriesPoint) -> dict[str, Any]:
    """One point of the series."""
    return {
        "label": item.label,
        "start": format_month(item.start),
        "end": format_month(item.end),
        "as_of": format_day(item.as_of),
        "services": item.services,
        "by_status": {s.value: n for s, n in item.by_status.items()},
        "full_share": _fraction(share_or_none(item.full, item.services)),
        "undated": item.undated,
    }


def series(report: ReadinessReport) -> dict[str, Any]:
    """The fully electronic share at the end of each quarter or year."""
    return {"unit": series_unit(report), "points": [point(p) for p in report.series]}


SERIES_HEADERS = (
    "label",
    "start",
    "end",
    "as_of",
    "services",
    "full",
    "partial",
    "in_person",
    "unknown",
    "full_share",
    "undated",
)


def series_rows(report: ReadinessReport) -> list[list[str]]:
    """The series as CSV rows, the header first; shares as fractions with six decimals."""
    rows = [list(SERIES_HEADERS)]
    for item in report.series:
        rows.append(
            [
                item.label,
                format_month(item.start),
                format_month(item.end),
                format_day(item.as_of),
                str(item.services),
                *(str(item.by_status[s]) for s in Status),
                "" if not item.services else f"{item.full / item.services:.6f}",
                str(item.undated),
            ]
        )
    return rows


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
