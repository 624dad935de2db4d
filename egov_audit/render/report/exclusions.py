"""What was left out of the figures, said first: excluded files and broken references."""

from __future__ import annotations

from egov_audit.aggregate.figures import cut
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.render.i18n import Translator
from egov_audit.render.report.labels import ENGLISH
from egov_audit.render.report.table import Table, aligned, with_cut


def exclusion_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """The files left out of every figure and the broken references, when there are any."""
    found: list[Table] = []
    if report.excluded:
        count = len(report.excluded)
        note = tr.ngettext(
            "{count} file has errors that make its figures unreadable; it is left out of "
            "every figure below: {services} services and {transactions} transactions (all "
            "months), as far as it can be read. egov-audit validate lists every error.",
            "{count} files have errors that make their figures unreadable; they are left out "
            "of every figure below: {services} services and {transactions} transactions (all "
            "months), as far as they can be read. egov-audit validate lists every error.",
            count,
        ).format(
            count=tr.integer(count),
            services=tr.number(report.excluded_services),
            transactions=tr.number(report.excluded_transactions),
        )
        found.append(
            aligned(
                tr.gettext("Left out of the figures"),
                note,
                [
                    tr.gettext("File"),
                    tr.gettext("Agency"),
                    tr.gettext("Errors"),
                    tr.gettext("Why"),
                    tr.gettext("Services"),
                    tr.gettext("Transactions"),
                ],
                [
                    [
                        item.path,
                        item.agency_id or "-",
                        tr.number(item.errors),
                        tr.join(list(item.rules)),
                        tr.number(item.services),
                        tr.number(item.transactions),
                    ]
                    for item in report.excluded
                ],
                [(0, 0) for _item in report.excluded],
                (0, 1, 3),
            )
        )
    if report.broken_references:
        shown = list(report.broken_references[: report.ranking_rule.top])
        found.append(
            aligned(
                tr.gettext("Broken references"),
                with_cut(
                    tr.gettext(
                        "These depends_on entries name no declared service. The files that "
                        "hold them are counted; the dependencies are left out of the "
                        "interoperability figures."
                    ),
                    cut(len(report.broken_references), report.ranking_rule.top),
                    tr,
                ),
                [
                    tr.gettext("File"),
                    tr.gettext("Line"),
                    tr.gettext("Depends on"),
                    tr.gettext("Rule"),
                ],
                [[ref.file, tr.integer(ref.line), ref.target, ref.rule] for ref in shown],
                [(0, 0) for _ref in shown],
                (0, 2, 3),
            )
        )
    return found
