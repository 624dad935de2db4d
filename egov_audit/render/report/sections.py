"""The report's sections as rows of text cells, shared by the human-readable renderers.

Every function takes the :class:`~egov_audit.render.i18n.Translator` of the report's language
(English by default); the cells are already translated and formatted for it.
"""

from __future__ import annotations

from collections.abc import Callable

from egov_audit.aggregate.figures import TakeUpRow, cut
from egov_audit.aggregate.report import AgencyRow, ReadinessReport
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
    ranking_rule,
    ref_name,
)
from egov_audit.render.report.links import benchmark_tables, interoperability_tables
from egov_audit.render.report.progress import progress_tables
from egov_audit.render.report.table import (
    Table,
    aligned,
    no_data,
    with_cut,
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
        with_cut(ranking_rule(report.ranking_rule, tr), report.leaders_cut, tr),
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
        with_cut(
            tr.gettext(
                "The lowest-ranked agencies by the same rule, lowest first; with few agencies "
                "ranked they may also be among the leading ones."
            ),
            report.follow_up_cut,
            tr,
        ),
        agency_headers(tr),
        _agency_rows(rows, report, tr),
        [(r.full, r.services) for r in rows],
        (0, 1),
    )


def _by_take_up(row: TakeUpRow) -> tuple[float, int, str]:
    return (
        -(row.digital / row.total) if row.total else 0.0,
        -row.total,
        row.agency.id if row.agency else "",
    )


def take_up_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Digital take-up of the months split by channel, overall and by agency."""
    title = tr.gettext("Digital take-up")
    overall = report.take_up
    if not overall.total:
        return no_data(
            title, tr.gettext("No data: no transactions of the period are split by channel.")
        )
    note = tr.gettext(
        "Digital take-up (as the GOV.UK service manual defines it): digital transactions "
        "(agency portals and mobile apps) over all transactions, counted only in the months "
        "whose transactions are split by channel; kiosk / counter offices are assisted "
        "digital, not digital. {digital} of {total} transactions were digital ({share})."
    ).format(
        digital=tr.number(overall.digital),
        total=tr.number(overall.total),
        share=tr.percent(overall.digital, overall.total),
    )
    split, every = report.take_up_coverage
    if split != every:
        note += " " + tr.gettext(
            "The figure covers {share} of the period's transactions ({split} of {every}): "
            "only those split by channel."
        ).format(share=tr.percent(split, every), split=tr.number(split), every=tr.number(every))
    # sorted by what the bar shows, the take-up share; the most digital first
    ranked = sorted(report.take_up_by_agency, key=_by_take_up)
    top = report.ranking_rule.top
    note = with_cut(note, cut(len(ranked), top), tr)
    rows = [overall, *ranked[:top]]
    return aligned(
        title,
        note,
        [
            tr.gettext("Agency"),
            tr.gettext("Digital"),
            tr.gettext("Assisted digital"),
            tr.gettext("In person"),
            tr.gettext("Total"),
            tr.gettext("Take-up"),
        ],
        [
            [
                ref_name(row.agency, report, tr) if row.agency else tr.gettext("All agencies"),
                tr.number(row.digital),
                tr.number(row.assisted),
                tr.number(row.in_person),
                tr.number(row.total),
                tr.percent(row.digital, row.total),
            ]
            for row in rows
        ],
        [(row.digital, row.total) for row in rows],
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


def open_services_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The agencies with the most services not fully electronic."""
    title = tr.gettext("Services not yet fully electronic, by agency")
    rows = list(report.open_services[: report.ranking_rule.top])
    found = cut(len(report.open_services), report.ranking_rule.top)
    if not rows:
        return no_data(
            title, tr.gettext("No data: every service of the period is fully electronic.")
        )
    most = rows[0].open
    return aligned(
        title,
        with_cut(
            tr.gettext(
                "Agencies with the most services not fully electronic, most first (top {top})."
            ).format(top=tr.integer(report.ranking_rule.top)),
            found,
            tr,
        ),
        [
            tr.gettext("Agency"),
            tr.gettext(STATUS_LABELS[Status.PARTIAL]),
            tr.gettext(STATUS_LABELS[Status.IN_PERSON]),
            tr.gettext("Unverified"),
            tr.gettext("Not fully electronic"),
        ],
        [
            [
                ref_name(row.agency, report, tr),
                tr.number(row.partial),
                tr.number(row.in_person),
                tr.number(row.unknown),
                tr.number(row.open),
            ]
            for row in rows
        ],
        [(row.open, most) for row in rows],
    )


def in_person_steps_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The in-person steps cited most often."""
    title = tr.gettext("In-person steps cited most often")
    steps = list(report.in_person_steps[: report.ranking_rule.top])
    found = cut(len(report.in_person_steps), report.ranking_rule.top)
    if not steps:
        return no_data(
            title,
            tr.gettext(
                "No data: no service that is not fully electronic names its in-person steps."
            ),
        )
    most = steps[0][1]
    return aligned(
        title,
        with_cut(
            tr.gettext(
                "Steps that services not fully electronic still take in person, as declared; "
                "spelling variants (case, spaces, a final full stop) count as one step. Most "
                "cited first; steps cited equally often in the order of their text."
            ),
            found,
            tr,
        ),
        [tr.gettext("Step"), tr.gettext("Services")],
        [[step, tr.number(count)] for step, count in steps],
        [(count, most) for _step, count in steps],
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
