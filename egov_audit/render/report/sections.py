"""The report's sections as rows of text cells, shared by the human-readable renderers.

Every function takes the :class:`~egov_audit.render.i18n.Translator` of the report's language
(English by default); the cells are already translated and formatted for it.
"""

from __future__ import annotations

from collections.abc import Callable

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Status
from egov_audit.render.i18n import Translator
from egov_audit.render.report.channels import monthly_channel_table
from egov_audit.render.report.comparison import comparison_table
from egov_audit.render.report.exchange import exchange_tables
from egov_audit.render.report.exclusions import exclusion_tables
from egov_audit.render.report.labels import (
    AUDIENCE_LABELS,
    CHANNEL_LABELS,
    ENGLISH,
    STATUS_LABELS,
    TYPE_LABELS,
    agency_name,
    month_row_label,
    ref_name,
)
from egov_audit.render.report.links import benchmark_tables, interoperability_tables
from egov_audit.render.report.progress import progress_tables
from egov_audit.render.report.rankings import (
    AGENCY_HEADERS,
    agency_headers,
    follow_up_table,
    in_person_steps_table,
    leaders_table,
    open_services_table,
    take_up_table,
)
from egov_audit.render.report.table import (
    Table,
    aligned,
    no_data,
    with_rounding_note,
)

__all__ = [
    "AGENCY_HEADERS",
    "Table",
    "agencies_line",
    "agency_headers",
    "audience_table",
    "benchmark_tables",
    "channel_table",
    "comparison_table",
    "exclusion_tables",
    "follow_up_table",
    "in_person_steps_table",
    "interoperability_tables",
    "leaders_table",
    "monthly_channel_table",
    "monthly_table",
    "new_services_table",
    "notes",
    "open_services_table",
    "peak_months_table",
    "services_line",
    "status_table",
    "summary_tables",
    "tables",
    "take_up_table",
]


def status_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Services by status."""
    total = report.services_total
    known = report.known_status_total
    full = report.by_status[Status.FULL]
    note = tr.ngettext(
        "{count} services in the period.", "{count} services in the period.", total
    ).format(count=tr.number(total))
    if known != total:
        note += " " + tr.gettext(
            "Shares are of all services; of the {known} whose status is known (not "
            "unverified), {full} are fully electronic ({share})."
        ).format(known=tr.number(known), full=tr.number(full), share=tr.percent(full, known))
    table = Table(
        tr.gettext("Services by status"),
        note,
        [tr.gettext("Status"), tr.gettext("Services"), tr.gettext("Share")],
        [
            [tr.gettext(STATUS_LABELS[s]), tr.number(n), tr.percent(n, total)]
            for s, n in report.by_status.items()
        ],
        [(n, total) for n in report.by_status.values()],
    )
    return with_rounding_note(table, list(report.by_status.values()), total, tr)


def new_services_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """New services of the period's year, by type."""
    total = report.new_services_total
    both = report.new_transactional_or_interactive
    year = tr.integer(report.period.year)
    table = Table(
        tr.gettext("New services in {year}").format(year=year),
        tr.ngettext(
            "{count} services launched in {year} (up to the end of the period); "
            "{both} ({share}) transactional or interactive.",
            "{count} services launched in {year} (up to the end of the period); "
            "{both} ({share}) transactional or interactive.",
            total,
        ).format(
            count=tr.number(total), year=year, both=tr.number(both), share=tr.percent(both, total)
        )
        + " "
        + tr.ngettext(
            "New in the period (launched within its months): {count}.",
            "New in the period (launched within its months): {count}.",
            report.new_in_period_total,
        ).format(count=tr.number(report.new_in_period_total)),
        [tr.gettext("Type"), tr.gettext("Services"), tr.gettext("Share")],
        [
            [tr.gettext(TYPE_LABELS[t]), tr.number(n), tr.percent(n, total)]
            for t, n in report.new_services_by_type.items()
        ],
        [(n, total) for n in report.new_services_by_type.values()],
    )
    return with_rounding_note(table, list(report.new_services_by_type.values()), total, tr)


def audience_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Share of services serving each audience."""
    total = report.services_total
    return Table(
        tr.gettext("Audiences"),
        tr.gettext("Share of services serving each audience; a service may serve several."),
        [tr.gettext("Audience"), tr.gettext("Services"), tr.gettext("Share")],
        [
            [tr.gettext(AUDIENCE_LABELS[a]), tr.number(n), tr.percent(n, total)]
            for a, n in report.audiences.items()
        ],
        [(n, total) for n in report.audiences.values()],
    )


def channel_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Share of all service-channel offerings."""
    total = report.offerings_total
    table = Table(
        tr.gettext("Delivery channels"),
        tr.ngettext(
            "Share of all {count} service-channel offerings (a service on two channels "
            "counts once on each).",
            "Share of all {count} service-channel offerings (a service on two channels "
            "counts once on each).",
            total,
        ).format(count=tr.number(total)),
        [tr.gettext("Channel"), tr.gettext("Offerings"), tr.gettext("Share")],
        [
            [tr.gettext(CHANNEL_LABELS[c]), tr.number(n), tr.percent(n, total)]
            for c, n in report.channel_offerings.items()
        ],
        [(n, total) for n in report.channel_offerings.values()],
    )
    return with_rounding_note(table, list(report.channel_offerings.values()), total, tr)


def monthly_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Transactions per month of the period."""
    calendar = report.collection.calendar
    series = report.transactions_by_month
    peak = max((n for _m, n in series), default=0)
    total = report.transactions_total
    return Table(
        tr.gettext("Transactions by month"),
        tr.ngettext(
            "{count} transactions in the period.", "{count} transactions in the period.", total
        ).format(count=tr.number(total)),
        [tr.gettext("Month"), tr.gettext("Transactions")],
        [[month_row_label(calendar, m, tr), tr.number(n)] for m, n in series],
        [(n, peak) for _m, n in series],
    )


def peak_months_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The busiest and the quietest month of the period."""
    title = tr.gettext("Busiest and quietest months")
    busiest, quietest = report.busiest_months, report.quietest_months
    if busiest is None or quietest is None:
        return no_data(
            title,
            tr.gettext("No data: fewer than two months of the period have transactions declared."),
        )
    calendar = report.collection.calendar
    found = [(tr.gettext("Busiest month"), busiest), (tr.gettext("Quietest month"), quietest)]
    return aligned(
        title,
        tr.gettext(
            "Among the months with transactions declared; months without data are left out. "
            "Months tied on the count are all named."
        ),
        [tr.gettext("Figure"), tr.gettext("Month"), tr.gettext("Transactions")],
        [
            [label, tr.join([month_row_label(calendar, m, tr) for m in months]), tr.number(n)]
            for label, (months, n) in found
        ],
        [(n, busiest[1]) for _label, (_m, n) in found],
        (0, 1),
    )


def tables(
    report: ReadinessReport,
    tr: Translator = ENGLISH,
    previous: ReadinessReport | None = None,
) -> list[Table]:
    """Every table of the report, in reading order (the comparison only with ``previous``)."""
    return [
        *exclusion_tables(report, tr),
        *([comparison_table(report, previous, tr)] if previous is not None else []),
        status_table(report, tr),
        *progress_tables(report, tr),
        new_services_table(report, tr),
        audience_table(report, tr),
        channel_table(report, tr),
        take_up_table(report, tr),
        monthly_table(report, tr),
        monthly_channel_table(report, tr),
        peak_months_table(report, tr),
        leaders_table(report, tr),
        follow_up_table(report, tr),
        open_services_table(report, tr),
        in_person_steps_table(report, tr),
        *interoperability_tables(report, tr),
        *exchange_tables(report, tr, previous),
        *benchmark_tables(report, tr),
    ]


def summary_tables(
    report: ReadinessReport,
    tr: Translator = ENGLISH,
    previous: ReadinessReport | None = None,
) -> list[Table]:
    """The tables of ``report --summary``: what was left out, the comparison, the leading
    agencies and those needing follow-up (the headline says how many services are fully
    electronic: :func:`services_line`)."""
    return [
        *exclusion_tables(report, tr),
        *([comparison_table(report, previous, tr)] if previous is not None else []),
        leaders_table(report, tr),
        follow_up_table(report, tr),
    ]


def services_line(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """Services in the period and how many are fully electronic, for the summary."""
    total = report.services_total
    full = report.by_status[Status.FULL]
    return tr.gettext("{total}, of which {full} ({share}) fully electronic").format(
        total=tr.number(total), full=tr.number(full), share=tr.percent(full, total)
    )


def agencies_line(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """Agencies declared of those expected, and verified."""
    return tr.gettext(
        "{declared} of {expected} registered agencies declared their services; "
        "{verified} of {declared} declarations verified by the ICT office."
    ).format(
        declared=tr.integer(report.agencies_declared),
        expected=tr.integer(report.agencies_expected),
        verified=tr.integer(report.agencies_verified),
    ) + (
        " "
        + tr.ngettext(
            "{count} more declared, but their files have errors and are left out.",
            "{count} more declared, but their files have errors and are left out.",
            len(report.agencies_excluded),
        ).format(count=tr.integer(len(report.agencies_excluded)))
        if report.agencies_excluded
        else ""
    )


def notes(
    report: ReadinessReport, tr: Translator = ENGLISH, isolate: Callable[[str], str] = str
) -> list[str]:
    """Missing, unregistered and unranked agencies, as sentences (what was left out of the
    figures is said at the top, by :func:`exclusion_tables`). ``isolate`` wraps each name
    (the HTML page isolates them, so that a name keeps its own direction)."""
    lines: list[str] = []
    if report.missing_agencies:
        names = tr.join([isolate(ref_name(a, report, tr)) for a in report.missing_agencies])
        lines.append(
            tr.gettext("Not declared ({count}): {names}.").format(
                count=tr.integer(len(report.missing_agencies)), names=names
            )
        )
    if report.unregistered_agencies:
        names = tr.join([isolate(a.id) for a in report.unregistered_agencies])
        lines.append(tr.gettext("Declared but not in the registry: {names}.").format(names=names))
    if report.unranked:
        names = tr.join([isolate(agency_name(r, report, tr)) for r in report.unranked])
        lines.append(
            tr.gettext("Not ranked (fewer than {count} services): {names}.").format(
                count=tr.integer(report.ranking_rule.min_services), names=names
            )
        )
    return lines
