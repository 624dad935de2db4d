"""The report as Markdown, to paste into a document or a wiki (pipe tables via tabulate).

Every text (names, steps, notes, the title) goes through
:func:`~egov_audit.render.escape.markdown_text`: a name cannot add a row, a heading, a
link or an image.
"""

from __future__ import annotations

import re

from tabulate import tabulate

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.render.escape import markdown_text as md
from egov_audit.render.i18n import translator
from egov_audit.render.report.labels import coverage, title
from egov_audit.render.report.sections import (
    agencies_line,
    notes,
    services_line,
    summary_tables,
    tables,
)

#: A figure in any of the report languages: digits of any script, group and decimal
#: separators (``,`` ``.`` Persian ``٬`` ``٫``, no-break spaces) and a percent sign.
_FIGURE = re.compile(r"\d[\d,.\u066b\u066c\u00a0\u202f]*[%\u066a]?\Z")


def _alignment(rows: list[list[str]]) -> list[str]:
    """Right-align the columns that hold only figures."""
    return [
        "right" if all(_FIGURE.match(row[i]) for row in rows) else "left"
        for i in range(len(rows[0]))
    ]


def render(
    report: ReadinessReport,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
    summary: bool = False,
) -> str:
    """The whole report as a Markdown document in language ``lang``.

    With ``previous`` (the same declarations for another period), the headline figures of
    both periods are compared in a section after the headline. With ``summary``, only
    the headline figures, services by status, the leading agencies and those needing
    follow-up.
    """
    tr = translator(lang)
    agencies, services = tr.gettext("Agencies"), tr.gettext("Services")
    transactions, none = tr.gettext("Transactions"), tr.gettext("None.")
    parts = [
        f"# {md(title(report, tr))}",
        "",
        f"- **{agencies}:** {md(agencies_line(report, tr))}",
        f"- **{services}:** "
        + (services_line(report, tr) if summary else tr.number(report.services_total)),
        f"- **{transactions}:** {tr.number(report.transactions_total)} "
        f"({md(coverage(report, tr))})",
    ]
    found = summary_tables(report, tr, previous) if summary else tables(report, tr, previous)
    for table in found:
        parts += ["", f"## {md(table.title)}", "", md(table.note)]
        if table.no_data:
            continue
        parts.append("")
        if table.rows:
            parts.append(
                tabulate(
                    [[md(cell) for cell in row] for row in table.rows],
                    headers=[md(header) for header in table.headers],
                    tablefmt="pipe",
                    disable_numparse=True,
                    colalign=(
                        [
                            "left" if i in table.text_columns else "right"
                            for i in range(len(table.headers))
                        ]
                        if table.align_by_columns
                        else _alignment(table.rows)
                    ),
                )
            )
        else:
            parts.append(f"_{none}_")
    extra = notes(report, tr)
    if extra:
        heading = tr.gettext("Notes")
        parts += ["", f"## {heading}", ""] + [f"- {md(line)}" for line in extra]
    return "\n".join(parts) + "\n"
