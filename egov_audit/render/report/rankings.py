"""The ranked tables of the report, each cut at ``--top``: the leading agencies and those
needing follow-up, digital take-up by agency, the agencies with the most services not
yet fully electronic, and the in-person steps cited most often."""

from __future__ import annotations

from egov_audit.aggregate.figures import TakeUpRow, cut
from egov_audit.aggregate.report import AgencyRow, ReadinessReport
from egov_audit.model import Status
from egov_audit.render.i18n import Translator
from egov_audit.render.report.labels import (
    ENGLISH,
    STATUS_LABELS,
    agency_name,
    ranking_rule,
    ref_name,
)
from egov_audit.render.report.table import Table, aligned, no_data, with_cut

__all__ = [
    "AGENCY_HEADERS",
    "agency_headers",
    "follow_up_table",
    "in_person_steps_table",
    "leaders_table",
    "open_services_table",
    "take_up_table",
]


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
