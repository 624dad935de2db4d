"""The report's sections as rows of text cells, shared by the human-readable renderers.

Every function takes the :class:`~egov_audit.i18n.Translator` of the report's language
(English by default); the cells are already translated and formatted for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.i18n import Translator
from egov_audit.render.labels import (
    AUDIENCE_LABELS,
    CHANNEL_LABELS,
    ENGLISH,
    STATUS_LABELS,
    TYPE_LABELS,
    agency_name,
    month_row_label,
    ranking_rule,
    ref_name,
)
from egov_audit.report import AgencyRow, ReadinessReport


@dataclass(frozen=True)
class Table:
    """A titled table: a note under the title, headers, rows, and the share of each row.

    ``text_columns`` are the columns holding words (left-aligned, or right-aligned in a
    right-to-left language); the others hold figures.
    """

    title: str
    note: str
    headers: list[str]
    rows: list[list[str]]
    shares: list[tuple[int, int]]
    text_columns: tuple[int, ...] = (0,)


def status_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Services by status."""
    total = report.services_total
    return Table(
        tr.gettext("Services by status"),
        tr.ngettext(
            "{count} services in the period.", "{count} services in the period.", total
        ).format(count=tr.number(total)),
        [tr.gettext("Status"), tr.gettext("Services"), tr.gettext("Share")],
        [
            [tr.gettext(STATUS_LABELS[s]), tr.number(n), tr.percent(n, total)]
            for s, n in report.by_status.items()
        ],
        [(n, total) for n in report.by_status.values()],
    )


def new_services_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """New services of the period's year, by type."""
    total = report.new_services_total
    both = report.new_transactional_or_interactive
    year = tr.integer(report.period.year)
    return Table(
        tr.gettext("New services in {year}").format(year=year),
        tr.ngettext(
            "{count} services launched in {year} (up to the end of the period); "
            "{both} ({share}) transactional or interactive.",
            "{count} services launched in {year} (up to the end of the period); "
            "{both} ({share}) transactional or interactive.",
            total,
        ).format(
            count=tr.number(total), year=year, both=tr.number(both), share=tr.percent(both, total)
        ),
        [tr.gettext("Type"), tr.gettext("Services"), tr.gettext("Share")],
        [
            [tr.gettext(TYPE_LABELS[t]), tr.number(n), tr.percent(n, total)]
            for t, n in report.new_services_by_type.items()
        ],
        [(n, total) for n in report.new_services_by_type.values()],
    )


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
    return Table(
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


def agency_headers(tr: Translator = ENGLISH) -> list[str]:
    """The headers of the agency tables."""
    return [
        tr.gettext("Rank"),
        tr.gettext("Agency"),
        tr.gettext("Services"),
        tr.gettext("Fully electronic"),
        tr.gettext("Share"),
        tr.gettext("Transactions"),
    ]


AGENCY_HEADERS = agency_headers()


def _agency_rows(rows: list[AgencyRow], report: ReadinessReport, tr: Translator) -> list[list[str]]:
    return [
        [
            tr.integer(row.rank) if row.rank is not None else "-",
            agency_name(row, report, tr),
            tr.number(row.services),
            tr.number(row.full),
            tr.percent(row.full, row.services),
            tr.number(row.transactions),
        ]
        for row in rows
    ]


def leaders_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The leading agencies."""
    rows = report.leaders
    return Table(
        tr.gettext("Leading agencies (top {top})").format(top=tr.integer(report.ranking_rule.top)),
        ranking_rule(report.ranking_rule, tr),
        agency_headers(tr),
        _agency_rows(rows, report, tr),
        [(r.full, r.services) for r in rows],
        (0, 1),
    )


def follow_up_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The agencies needing follow-up, worst first."""
    rows = report.follow_up
    return Table(
        tr.gettext("Needing follow-up"),
        tr.gettext("The lowest-ranked agencies, lowest first."),
        agency_headers(tr),
        _agency_rows(rows, report, tr),
        [(r.full, r.services) for r in rows],
        (0, 1),
    )


def tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """Every table of the report, in reading order."""
    return [
        status_table(report, tr),
        new_services_table(report, tr),
        audience_table(report, tr),
        channel_table(report, tr),
        monthly_table(report, tr),
        leaders_table(report, tr),
        follow_up_table(report, tr),
    ]


def agencies_line(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """Agencies declared of those expected, and verified."""
    return tr.gettext(
        "{declared} of {expected} registered agencies declared their services; "
        "{verified} of {declared} declarations verified by the ICT office."
    ).format(
        declared=tr.integer(report.agencies_declared),
        expected=tr.integer(report.agencies_expected),
        verified=tr.integer(report.agencies_verified),
    )


def notes(report: ReadinessReport, tr: Translator = ENGLISH) -> list[str]:
    """Missing, unregistered, unranked and excluded agencies, as sentences."""
    lines: list[str] = []
    if report.missing_agencies:
        names = tr.join([ref_name(a, report, tr) for a in report.missing_agencies])
        lines.append(
            tr.gettext("Not declared ({count}): {names}.").format(
                count=tr.integer(len(report.missing_agencies)), names=names
            )
        )
    if report.unregistered_agencies:
        names = tr.join([a.id for a in report.unregistered_agencies])
        lines.append(tr.gettext("Declared but not in the registry: {names}.").format(names=names))
    if report.unranked:
        names = tr.join([agency_name(r, report, tr) for r in report.unranked])
        lines.append(
            tr.gettext("Not ranked (fewer than {count} services): {names}.").format(
                count=tr.integer(report.ranking_rule.min_services), names=names
            )
        )
    if report.excluded_files:
        lines.append(
            tr.gettext(
                "Not counted because of validation errors ({count} files): {files}. "
                "Run egov-audit validate to see them."
            ).format(
                count=tr.integer(len(report.excluded_files)),
                files=tr.join(list(report.excluded_files)),
            )
        )
    return lines
