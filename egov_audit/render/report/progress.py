"""The progress sections of the human-readable reports: the date the statuses are taken at,
what changed in the period, and the fully electronic share over time.

docs/report-method.md defines every figure; :mod:`egov_audit.aggregate.progress` computes
them.
"""

from __future__ import annotations

from egov_audit.aggregate.figures import cut
from egov_audit.aggregate.progress import NEW
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Status
from egov_audit.model.calendars import Day, format_day
from egov_audit.model.period import Period
from egov_audit.render.i18n import N_, Translator
from egov_audit.render.report.labels import CHANNEL_LABELS, ENGLISH, STATUS_LABELS, period_label
from egov_audit.render.report.table import Table, aligned, no_data, with_cut

ORIGIN_LABELS: dict[str, str] = {
    Status.PARTIAL.value: N_("from partly electronic"),
    Status.IN_PERSON.value: N_("from in person only"),
    Status.UNKNOWN.value: N_("from unverified"),
    NEW: N_("new, launched in the period"),
}


def day_label(day: Day | None, tr: Translator = ENGLISH) -> str:
    """A date as ``YYYY-MM-DD`` in the language's digits."""
    return "-" if day is None else tr.digits(format_day(day))


def statuses_note(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """The date the statuses are taken at, and how many services it could not date."""
    note = tr.gettext(
        "Statuses as of {date}: each service's status and channels on that date, from its history."
    ).format(date=day_label(report.as_of, tr))
    if report.undated_services:
        note += " " + tr.ngettext(
            "{count} of the {total} services has no history reaching back to that date: "
            "its declared status is used.",
            "{count} of the {total} services have no history reaching back to that date: "
            "their declared status is used.",
            report.undated_services,
        ).format(count=tr.number(report.undated_services), total=tr.number(report.services_total))
    return note


def progress_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """What changed between the start of the period and the date of the statuses."""
    found = report.progress
    note = (
        statuses_note(report, tr)
        + " "
        + tr.gettext(
            "Changes are counted from {since}, the end of the month before the period; "
            "regressions go down the order fully electronic, partly electronic, in person only."
        ).format(since=day_label(found.since, tr))
    )
    rows = [[tr.gettext("Became fully electronic"), tr.number(found.became_full_total)]]
    rows += [
        ["  " + tr.gettext(label), tr.number(found.became_full[origin])]
        for origin, label in ORIGIN_LABELS.items()
    ]
    rows.append([tr.gettext("Regressed"), tr.number(len(found.regressed))])
    rows.append([tr.gettext("Channels opened"), tr.number(found.channels_opened_total)])
    rows += [
        ["  " + tr.gettext(label), tr.number(found.channels_opened[channel])]
        for channel, label in CHANNEL_LABELS.items()
    ]
    return aligned(
        tr.gettext("Progress in the period"),
        note,
        [tr.gettext("Figure"), tr.gettext("Services")],
        rows,
        [(0, 0) for _row in rows],
    )


def regressions_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table | None:
    """The services that regressed in the period (None when none did)."""
    regressed = report.progress.regressed
    if not regressed:
        return None
    top = report.ranking_rule.top
    return aligned(
        tr.gettext("Services that regressed"),
        with_cut(
            tr.gettext("Services whose status went down in the period, by id."),
            cut(len(regressed), top),
            tr,
        ),
        [tr.gettext("Service"), tr.gettext("Before"), tr.gettext("Now")],
        [
            [
                item.service,
                tr.gettext(STATUS_LABELS[item.before]),
                tr.gettext(STATUS_LABELS[item.after]),
            ]
            for item in regressed[:top]
        ],
        [(0, 0) for _item in regressed[:top]],
        (0, 1, 2),
    )


def series_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The fully electronic share at the end of each quarter or year."""
    title = tr.gettext("Fully electronic share over time")
    if not report.series:
        return no_data(
            title,
            tr.gettext(
                "No data: no service declares a history, so every date has the declared statuses."
            ),
        )
    rows = [
        [
            period_label(Period(point.label, point.start, point.end), tr),
            day_label(point.as_of, tr),
            tr.number(point.services),
            tr.number(point.full),
            tr.percent(point.full, point.services),
            tr.number(point.undated),
        ]
        for point in report.series
    ]
    return aligned(
        title,
        tr.gettext(
            "Each service's state at the end of each quarter (or year, over more than three "
            "years), from the first date of any history to the end of the period; services "
            "launched by then. Undated: services with no history reaching back to that date, "
            "counted with their declared status."
        ),
        [
            tr.gettext("Period"),
            tr.gettext("As of"),
            tr.gettext("Services"),
            tr.gettext("Fully electronic"),
            tr.gettext("Share"),
            tr.gettext("Undated"),
        ],
        rows,
        [(point.full, point.services) for point in report.series],
        (0, 1),
    )


def progress_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """The progress sections in reading order."""
    regressions = regressions_table(report, tr)
    return [
        progress_table(report, tr),
        *([regressions] if regressions is not None else []),
        series_table(report, tr),
    ]
