"""Transactions by month and channel: the digital take-up figures month by month."""

from __future__ import annotations

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Channel
from egov_audit.render.i18n import N_, Translator
from egov_audit.render.report.labels import (
    CHANNEL_LABELS,
    ENGLISH,
    month_row_label,
)
from egov_audit.render.report.table import Table, aligned, no_data

#: The split keys in the order the monthly channel table shows them, with their labels.
SPLIT_LABELS: dict[str, str] = {
    "portal": CHANNEL_LABELS[Channel.PORTAL],
    "mobile": CHANNEL_LABELS[Channel.MOBILE],
    "kiosk": CHANNEL_LABELS[Channel.KIOSK],
    "in_person": N_("In person"),
}


def monthly_channel_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Transactions split by channel, month by month: digital take-up over time."""
    title = tr.gettext("Transactions by month and channel")
    series = report.take_up_by_month
    if not series:
        return no_data(
            title, tr.gettext("No data: no transactions of the period are split by channel.")
        )
    calendar = report.collection.calendar
    totals = [sum(split.values()) for _month, split in series]
    peak = max(totals)
    return aligned(
        title,
        tr.gettext(
            "The months whose transactions are split by channel, with each channel's count: "
            "digital take-up month by month."
        ),
        [
            tr.gettext("Month"),
            *(tr.gettext(label) for label in SPLIT_LABELS.values()),
            tr.gettext("Total"),
        ],
        [
            [
                month_row_label(calendar, month, tr),
                *(tr.number(split[key]) for key in SPLIT_LABELS),
                tr.number(total),
            ]
            for (month, split), total in zip(series, totals, strict=True)
        ],
        [(total, peak) for total in totals],
    )
