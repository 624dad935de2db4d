"""The report's sections as rows of text cells, shared by the Markdown and terminal renderers."""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.calendars import month_name
from egov_audit.render.labels import (
    AUDIENCE_LABELS,
    CHANNEL_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    agency_name,
    number,
    percent,
)
from egov_audit.report import AgencyRow, ReadinessReport


@dataclass(frozen=True)
class Table:
    """A titled table: a note under the title, headers, rows, and the share of each row."""

    title: str
    note: str
    headers: list[str]
    rows: list[list[str]]
    shares: list[tuple[int, int]]


def status_table(report: ReadinessReport) -> Table:
    """Services by status."""
    total = report.services_total
    return Table(
        "Services by status",
        f"{number(total)} services in the period.",
        ["Status", "Services", "Share"],
        [[STATUS_LABELS[s], number(n), percent(n, total)] for s, n in report.by_status.items()],
        [(n, total) for n in report.by_status.values()],
    )


def new_services_table(report: ReadinessReport) -> Table:
    """New services of the period's year, by type."""
    total = report.new_services_total
    both = report.new_transactional_or_interactive
    return Table(
        f"New services in {report.period.year}",
        f"{number(total)} services launched in {report.period.year} (up to the end of the period); "
        f"{number(both)} ({percent(both, total)}) transactional or interactive.",
        ["Type", "Services", "Share"],
        [
            [TYPE_LABELS[t], number(n), percent(n, total)]
            for t, n in report.new_services_by_type.items()
        ],
        [(n, total) for n in report.new_services_by_type.values()],
    )


def audience_table(report: ReadinessReport) -> Table:
    """Share of services serving each audience."""
    total = report.services_total
    return Table(
        "Audiences",
        "Share of services serving each audience; a service may serve several.",
        ["Audience", "Services", "Share"],
        [[AUDIENCE_LABELS[a], number(n), percent(n, total)] for a, n in report.audiences.items()],
        [(n, total) for n in report.audiences.values()],
    )


def channel_table(report: ReadinessReport) -> Table:
    """Share of all service-channel offerings."""
    total = report.offerings_total
    return Table(
        "Delivery channels",
        f"Share of all {number(total)} service-channel offerings (a service on two channels "
        "counts once on each).",
        ["Channel", "Offerings", "Share"],
        [
            [CHANNEL_LABELS[c], number(n), percent(n, total)]
            for c, n in report.channel_offerings.items()
        ],
        [(n, total) for n in report.channel_offerings.values()],
    )


def monthly_table(report: ReadinessReport) -> Table:
    """Transactions per month of the period."""
    calendar = report.collection.calendar
    series = report.transactions_by_month
    peak = max((n for _m, n in series), default=0)
    return Table(
        "Transactions by month",
        f"{number(report.transactions_total)} transactions in the period.",
        ["Month", "Transactions"],
        [[f"{m[0]:04d}-{m[1]:02d} {month_name(calendar, m[1])}", number(n)] for m, n in series],
        [(n, peak) for _m, n in series],
    )


def _agency_rows(rows: list[AgencyRow]) -> list[list[str]]:
    return [
        [
            str(row.rank) if row.rank is not None else "-",
            agency_name(row),
            number(row.services),
            number(row.full),
            percent(row.full, row.services),
            number(row.transactions),
        ]
        for row in rows
    ]


AGENCY_HEADERS = ["Rank", "Agency", "Services", "Fully electronic", "Share", "Transactions"]


def leaders_table(report: ReadinessReport) -> Table:
    """The leading agencies."""
    rows = report.leaders
    return Table(
        f"Leading agencies (top {report.ranking_rule.top})",
        report.ranking_rule.describe(),
        AGENCY_HEADERS,
        _agency_rows(rows),
        [(r.full, r.services) for r in rows],
    )


def follow_up_table(report: ReadinessReport) -> Table:
    """The agencies needing follow-up, worst first."""
    rows = report.follow_up
    return Table(
        "Needing follow-up",
        "The lowest-ranked agencies, lowest first.",
        AGENCY_HEADERS,
        _agency_rows(rows),
        [(r.full, r.services) for r in rows],
    )


def tables(report: ReadinessReport) -> list[Table]:
    """Every table of the report, in reading order."""
    return [
        status_table(report),
        new_services_table(report),
        audience_table(report),
        channel_table(report),
        monthly_table(report),
        leaders_table(report),
        follow_up_table(report),
    ]


def agencies_line(report: ReadinessReport) -> str:
    """Agencies declared of those expected, and verified."""
    return (
        f"{report.agencies_declared} of {report.agencies_expected} registered agencies declared "
        f"their services; {report.agencies_verified} of {report.agencies_declared} declarations "
        "verified by the ICT office."
    )


def notes(report: ReadinessReport) -> list[str]:
    """Missing, unregistered, unranked and excluded agencies, as sentences."""
    lines: list[str] = []
    if report.missing_agencies:
        names = ", ".join(a.name for a in report.missing_agencies)
        lines.append(f"Not declared ({len(report.missing_agencies)}): {names}.")
    if report.unregistered_agencies:
        names = ", ".join(a.id for a in report.unregistered_agencies)
        lines.append(f"Declared but not in the registry: {names}.")
    if report.unranked:
        names = ", ".join(r.agency.name for r in report.unranked)
        lines.append(
            f"Not ranked (fewer than {report.ranking_rule.min_services} services): {names}."
        )
    if report.excluded_files:
        lines.append(
            f"Not counted because of validation errors ({len(report.excluded_files)} files): "
            + ", ".join(report.excluded_files)
            + ". Run egov-audit validate to see them."
        )
    return lines
