"""The report as Markdown, to paste into a document or a wiki (pipe tables via tabulate)."""

from __future__ import annotations

import re

from tabulate import tabulate

from egov_audit.render.labels import coverage, number, title
from egov_audit.render.sections import agencies_line, notes, tables
from egov_audit.report import ReadinessReport

_FIGURE = re.compile(r"[0-9][0-9,.]*%?\Z")


def _alignment(rows: list[list[str]]) -> list[str]:
    """Right-align the columns that hold only figures."""
    return [
        "right" if all(_FIGURE.match(row[i]) for row in rows) else "left"
        for i in range(len(rows[0]))
    ]


def render(report: ReadinessReport) -> str:
    """The whole report as a Markdown document."""
    parts = [
        f"# {title(report)}",
        "",
        f"- **Agencies:** {agencies_line(report)}",
        f"- **Services:** {number(report.services_total)}",
        f"- **Transactions:** {number(report.transactions_total)} ({coverage(report)})",
    ]
    for table in tables(report):
        parts += ["", f"## {table.title}", "", table.note, ""]
        if table.rows:
            parts.append(
                tabulate(
                    table.rows,
                    headers=table.headers,
                    tablefmt="pipe",
                    disable_numparse=True,
                    colalign=_alignment(table.rows),
                )
            )
        else:
            parts.append("_None._")
    extra = notes(report)
    if extra:
        parts += ["", "## Notes", ""] + [f"- {line}" for line in extra]
    return "\n".join(parts) + "\n"
