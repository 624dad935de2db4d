"""The report's sections as rows of text cells, shared by the human-readable renderers.

Every function takes the :class:`~egov_audit.render.i18n.Translator` of the report's language
(English by default); the cells are already translated and formatted for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.aggregate.report import (
    AgencyRow,
    BenchmarkCoverage,
    Change,
    ReadinessReport,
    compare,
)
from egov_audit.model import Status
from egov_audit.render.i18n import Translator
from egov_audit.render.report.labels import (
    AUDIENCE_LABELS,
    CATALOGUE_LABELS,
    CHANGE_LABELS,
    CHANNEL_LABELS,
    ENGLISH,
    STATUS_LABELS,
    TYPE_LABELS,
    agency_name,
    fraction,
    month_row_label,
    period_label,
    ranking_rule,
    ratio,
    ref_name,
    signed_percent,
)


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
    no_data: bool = False
    """The section has nothing to show: its note says so, and no table follows."""
    align_by_columns: bool = False
    """Align by ``text_columns`` alone (figures right even beside ``-`` or ``+1.0%``)."""


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


def _aligned(
    title: str,
    note: str,
    headers: list[str],
    rows: list[list[str]],
    shares: list[tuple[int, int]],
    text_columns: tuple[int, ...] = (0,),
) -> Table:
    return Table(title, note, headers, rows, shares, text_columns, align_by_columns=True)


def _no_data(title: str, note: str) -> Table:
    return Table(title, note, [], [], [], no_data=True)


def take_up_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """Digital take-up of the months split by channel, overall and by agency."""
    title = tr.gettext("Digital take-up")
    overall = report.take_up
    if not overall.total:
        return _no_data(
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
    rows = [overall, *report.take_up_by_agency]
    return _aligned(
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
    busiest, quietest = report.busiest_month, report.quietest_month
    if busiest is None or quietest is None:
        return _no_data(
            title,
            tr.gettext("No data: fewer than two months of the period have transactions declared."),
        )
    calendar = report.collection.calendar
    found = [(tr.gettext("Busiest month"), busiest), (tr.gettext("Quietest month"), quietest)]
    return _aligned(
        title,
        tr.gettext(
            "Among the months with transactions declared; months without data are left out."
        ),
        [tr.gettext("Figure"), tr.gettext("Month"), tr.gettext("Transactions")],
        [[label, month_row_label(calendar, m, tr), tr.number(n)] for label, (m, n) in found],
        [(n, busiest[1]) for _label, (_m, n) in found],
        (0, 1),
    )


def open_services_table(report: ReadinessReport, tr: Translator = ENGLISH) -> Table:
    """The agencies with the most services not fully electronic."""
    title = tr.gettext("Services not yet fully electronic, by agency")
    rows = list(report.open_services[: report.ranking_rule.top])
    if not rows:
        return _no_data(
            title, tr.gettext("No data: every service of the period is fully electronic.")
        )
    most = rows[0].open
    return _aligned(
        title,
        tr.gettext(
            "Agencies with the most services not fully electronic, most first (top {top})."
        ).format(top=tr.integer(report.ranking_rule.top)),
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
    steps = report.in_person_steps
    if not steps:
        return _no_data(
            title,
            tr.gettext(
                "No data: no service that is not fully electronic names its in-person steps."
            ),
        )
    most = steps[0][1]
    return _aligned(
        title,
        tr.gettext(
            "Steps that services not fully electronic still take in person, as declared; "
            "spelling variants (case, spaces, a final full stop) count as one step."
        ),
        [tr.gettext("Step"), tr.gettext("Services")],
        [[step, tr.number(count)] for step, count in steps],
        [(count, most) for _step, count in steps],
    )


def interoperability_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """Providers, consumers and blocked services, from ``depends_on``."""
    interop = report.interoperability
    if not interop.providers:
        return [
            _no_data(
                tr.gettext("Interoperability"),
                tr.gettext(
                    "No data: no service declares a dependency (depends_on) on a service "
                    "of the collection."
                ),
            )
        ]
    total = interop.dependent_transactions
    providers = _aligned(
        tr.gettext("Interoperability: provider agencies"),
        tr.gettext(
            "Agencies whose services other services depend on (depends_on). Share: of the "
            "{total} transactions of all services that depend on another agency; the shares "
            "can sum past 100% when a service depends on several providers."
        ).format(total=tr.number(total)),
        [
            tr.gettext("Agency"),
            tr.gettext("Dependent services"),
            tr.gettext("Transactions"),
            tr.gettext("Share"),
        ],
        [
            [
                ref_name(row.agency, report, tr),
                tr.number(row.dependent_services),
                tr.number(row.dependent_transactions),
                tr.percent(row.dependent_transactions, total),
            ]
            for row in interop.providers
        ],
        [(row.dependent_transactions, total) for row in interop.providers],
    )
    most = max(row.services for row in interop.consumers)
    consumers = _aligned(
        tr.gettext("Interoperability: consumer agencies"),
        tr.gettext(
            "Agencies whose services depend on other services: the services with at least "
            "one dependency, and their dependencies in all."
        ),
        [
            tr.gettext("Agency"),
            tr.gettext("Services with dependencies"),
            tr.gettext("Dependencies"),
        ],
        [
            [ref_name(row.agency, report, tr), tr.number(row.services), tr.number(row.dependencies)]
            for row in interop.consumers
        ],
        [(row.services, most) for row in interop.consumers],
    )
    title = tr.gettext("Interoperability: blocked services")
    definition = tr.gettext(
        "Blockers: services not fully electronic that depend on a service that is not fully "
        "electronic either, grouped by the agency providing that service."
    )
    rows = [
        [
            ref_name(group.provider, report, tr),
            blocker.service,
            tr.gettext(STATUS_LABELS[blocker.status]),
            blocker.provider_service,
            tr.gettext(STATUS_LABELS[blocker.provider_status]),
        ]
        for group in interop.blocked
        for blocker in group.blockers
    ]
    if not rows:
        blocked = _no_data(title, tr.gettext("None in the period.") + " " + definition)
    else:
        blocked = _aligned(
            title,
            definition,
            [
                tr.gettext("Provider"),
                tr.gettext("Blocked service"),
                tr.gettext("Status"),
                tr.gettext("Depends on"),
                tr.gettext("Its status"),
            ],
            rows,
            [(0, 0) for _row in rows],
            (0, 1, 2, 3, 4),
        )
    return [providers, consumers, blocked]


def catalogue_name(coverage: BenchmarkCoverage, tr: Translator = ENGLISH) -> str:
    """The benchmark list's title in the language."""
    label = CATALOGUE_LABELS.get(coverage.catalogue.id)
    return tr.gettext(label) if label else coverage.catalogue.title


def benchmark_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """Coverage of each benchmark list, and the items no service covers."""
    title = tr.gettext("Benchmark coverage")
    found = report.benchmarks
    if not any(item.covered for item in found):
        return [
            _no_data(
                title,
                tr.gettext(
                    "No data: no service carries a benchmark code "
                    "(egov-audit benchmarks lists them)."
                ),
            )
        ]
    coverage = _aligned(
        title,
        tr.gettext(
            "Items of each benchmark list that at least one service of the period covers "
            "(benchmarks:), and that at least one fully electronic service covers; share: "
            "the items a fully electronic service covers, of all items."
        ),
        [
            tr.gettext("Benchmark list"),
            tr.gettext("Items"),
            tr.gettext("Covered"),
            tr.gettext("Fully electronic"),
            tr.gettext("Share"),
        ],
        [
            [
                catalogue_name(item, tr),
                tr.number(len(item.catalogue.items)),
                tr.number(len(item.covered)),
                tr.number(len(item.fully_electronic)),
                tr.percent(len(item.fully_electronic), len(item.catalogue.items)),
            ]
            for item in found
        ],
        [(len(item.fully_electronic), len(item.catalogue.items)) for item in found],
    )
    missing = [(entry.code, entry.title) for item in found for entry in item.missing]
    not_covered = _aligned(
        tr.gettext("Benchmark items not covered"),
        tr.gettext("Items no service of the period covers, as the benchmark lists name them."),
        [tr.gettext("Code"), tr.gettext("Item")],
        [[code, name] for code, name in missing],
        [(0, 0) for _entry in missing],
        (0, 1),
    )
    return [coverage, not_covered]


def _change_value(key: str, value: float, report: ReadinessReport, tr: Translator) -> str:
    if key == "digital_take_up":
        return fraction(value, tr) if report.take_up.total else "-"
    return tr.number(round(value))


def comparable(change: Change, current: ReadinessReport, previous: ReadinessReport) -> bool:
    """Whether a change can be stated (take-up needs split months in both periods)."""
    if change.key == "digital_take_up":
        return bool(current.take_up.total and previous.take_up.total)
    return True


def comparison_table(
    report: ReadinessReport, previous: ReadinessReport, tr: Translator = ENGLISH
) -> Table:
    """Each headline figure beside the same figure for the other period."""
    other = period_label(previous.period, tr)
    changes = compare(report, previous)
    rows = []
    for change in changes:
        known = comparable(change, report, previous)
        rows.append(
            [
                tr.gettext(CHANGE_LABELS[change.key]),
                _change_value(change.key, change.current, report, tr),
                _change_value(change.key, change.previous, previous, tr),
                ratio(change.ratio if known else None, tr),
                signed_percent(change.percent if known else None, tr),
            ]
        )
    return _aligned(
        tr.gettext("Compared with {period}").format(period=other),
        tr.gettext(
            "Statuses are as declared now: a declaration holds one status per service, so "
            "both periods use today's statuses, and a service counts in an earlier period "
            "if it was launched by then. Change: this period's figure in times the other's, "
            "and in percent of it."
        ),
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


def tables(
    report: ReadinessReport,
    tr: Translator = ENGLISH,
    previous: ReadinessReport | None = None,
) -> list[Table]:
    """Every table of the report, in reading order (the comparison only with ``previous``)."""
    return [
        *([comparison_table(report, previous, tr)] if previous is not None else []),
        status_table(report, tr),
        new_services_table(report, tr),
        audience_table(report, tr),
        channel_table(report, tr),
        take_up_table(report, tr),
        monthly_table(report, tr),
        peak_months_table(report, tr),
        leaders_table(report, tr),
        follow_up_table(report, tr),
        open_services_table(report, tr),
        in_person_steps_table(report, tr),
        *interoperability_tables(report, tr),
        *benchmark_tables(report, tr),
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
