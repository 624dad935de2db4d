"""The comparison with another period (``--compare``)."""

from __future__ import annotations

from egov_audit.aggregate.compare import SHARES, Change, compare, coverage_differs
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.render.i18n import Translator
from egov_audit.render.report.labels import (
    CHANGE_LABELS,
    ENGLISH,
    fraction,
    period_label,
    points,
    ratio,
    signed_percent,
)
from egov_audit.render.report.table import Table, aligned


def _change_value(key: str, value: float | None, tr: Translator) -> str:
    if value is None:
        return "-"
    if key in SHARES:
        return fraction(value, tr)
    return tr.number(round(value))


def _change(change: Change, tr: Translator) -> tuple[str, str]:
    """The change column and the percent column of one figure."""
    if change.is_share:
        return points(change.points, tr), "-"
    return ratio(change.ratio, tr), signed_percent(change.percent, tr)


def comparison_table(
    report: ReadinessReport, previous: ReadinessReport, tr: Translator = ENGLISH
) -> Table:
    """Each headline figure beside the same figure for the other period."""
    other = period_label(previous.period, tr)
    rows = []
    for change in compare(report, previous):
        changed, percent = _change(change, tr)
        rows.append(
            [
                tr.gettext(CHANGE_LABELS[change.key]),
                _change_value(change.key, change.current, tr),
                _change_value(change.key, change.previous, tr),
                changed,
                percent,
            ]
        )
    note = tr.gettext(
        "Each period takes every service's state at its own end, from the services' "
        "history, and counts the services launched by then. Change: this period's figure "
        "in times the other's, and in percent of it; shares change in percentage points."
    )
    if previous.undated_services:
        note += " " + tr.ngettext(
            "{count} service of {other} has no history reaching back to its end: its "
            "declared status is used.",
            "{count} services of {other} have no history reaching back to its end: their "
            "declared status is used.",
            previous.undated_services,
        ).format(count=tr.number(previous.undated_services), other=other)
    if coverage_differs(report, previous):
        note += " " + tr.gettext(
            "The periods are not covered alike: transactions are declared for {current} "
            "month(s) of {period} and {previous} month(s) of {other}, so their counts are "
            "not like for like."
        ).format(
            current=tr.integer(len(report.months_with_data)),
            period=period_label(report.period, tr),
            previous=tr.integer(len(previous.months_with_data)),
            other=other,
        )
    return aligned(
        tr.gettext("Compared with {period}").format(period=other),
        note,
        [
            tr.gettext("Figure"),
            period_label(report.period, tr),
            other,
            tr.gettext("Change"),
            tr.gettext("Change (%)"),
        ],
        rows,
        [(0, 0) for _row in rows],
    )
