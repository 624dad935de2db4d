"""The report for the terminal: rich tables with bar charts."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from egov_audit.render.labels import bar, coverage, number, title
from egov_audit.render.sections import Table, agencies_line, notes, tables
from egov_audit.report import ReadinessReport


def _rich_table(table: Table) -> RichTable:
    out = RichTable(
        title=table.title,
        caption=table.note,
        title_justify="left",
        caption_justify="left",
        expand=False,
    )
    for index, header in enumerate(table.headers):
        out.add_column(header, justify="left" if index == 0 or header == "Agency" else "right")
    out.add_column("", justify="left", style="cyan", no_wrap=True)
    for row, (count, total) in zip(table.rows, table.shares, strict=True):
        out.add_row(*row, bar(count, total, 24))
    return out


def write(report: ReadinessReport, console: Console) -> None:
    """Print the report on ``console``."""
    console.print(Text(title(report), style="bold"))
    console.print(f"Agencies      {agencies_line(report)}")
    console.print(f"Services      {number(report.services_total)}")
    console.print(
        f"Transactions  {number(report.transactions_total)} ({coverage(report)})", highlight=False
    )
    for table in tables(report):
        console.print()
        console.print(_rich_table(table))
    extra = notes(report)
    if extra:
        console.print()
        for line in extra:
            console.print(f"• {line}", highlight=False)


def render(report: ReadinessReport, *, width: int = 100, color: bool = False) -> str:
    """The report as terminal text (ANSI colours only when ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
    )
    write(report, console)
    return buffer.getvalue()
