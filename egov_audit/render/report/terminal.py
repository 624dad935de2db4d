"""The report for the terminal: tables with bar charts, in the report's language.

At any width no figure is cut: :mod:`~egov_audit.render.report.layout` gives each column of
figures its widest cell and lets names wrap, drops the bars when they leave names too
little room, and stacks a table's rows when even that does not fit. Titles and notes are
printed at the full width, apart from their table.

Every piece of text reaches rich as a :class:`~rich.text.Text`, never as markup, and with
control characters escaped: a name such as ``Water [/x] Company`` or ``[link=...]`` is
printed as written, and cannot colour the terminal, open a link or move the cursor.

Persian is printed in logical order, as every terminal program does: a terminal with
bidirectional support (VTE-based ones such as GNOME Terminal, Konsole, mlterm) shows each
line right to left; others show the letters unjoined, left to right, and the report is
then better read with ``--lang en`` or as HTML or PDF (docs/report-method.md).
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table as RichTable
from rich.text import Text

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model.display import printable
from egov_audit.render.i18n import Translator, translator
from egov_audit.render.report.labels import bar, coverage, title
from egov_audit.render.report.layout import Layout, layout
from egov_audit.render.report.sections import (
    Table,
    agencies_line,
    notes,
    services_line,
    summary_tables,
    tables,
)


def _text(text: str, style: str = "") -> Text:
    """User text for rich: literal, never markup, on one line."""
    return Text(printable(text), style=style)


def _has_bars(table: Table) -> bool:
    # the tables of lists without a scale (blocked services, items) have no bars
    return not table.align_by_columns or any(total for _count, total in table.shares)


def _grid(table: Table, tr: Translator, placed: Layout) -> RichTable:
    out = RichTable(expand=False)
    words: JustifyMethod = "right" if tr.direction == "rtl" else "left"
    for index, header in enumerate(table.headers):
        numeric = index not in table.text_columns
        out.add_column(
            _text(header),
            justify="right" if numeric else words,
            width=placed.widths[index],
            overflow="fold",
        )
    if placed.bar:
        out.add_column("", justify="left", style="cyan", no_wrap=True, width=placed.bar)
    for row, (count, total) in zip(table.rows, table.shares, strict=True):
        cells = [_text(cell) for cell in row]
        if placed.bar:
            cells.append(Text(bar(count, total, placed.bar)))
        out.add_row(*cells)
    return out


def _stacked(table: Table, console: Console) -> None:
    """Each row as its first cell, then ``header: value`` for the others, indented."""
    for row in table.rows:
        console.print(_text(row[0], style="bold"), overflow="fold")
        pairs = [
            f"{header}: {cell}"
            for header, cell in zip(table.headers[1:], row[1:], strict=True)
            if cell
        ]
        for line in _text(" · ".join(pairs)).wrap(console, max(1, console.width - 2)):
            console.print(Text("  ") + line, overflow="fold")


def _table(table: Table, tr: Translator, console: Console) -> None:
    console.print(_text(table.title, style="bold"), overflow="fold")
    if table.no_data or not table.rows:
        console.print(_text(table.note))
        return
    placed = layout(table, console.width, bars=_has_bars(table))
    if placed.stacked:
        _stacked(table, console)
    else:
        console.print(_grid(table, tr, placed))
    if table.note:
        console.print(_text(table.note))


def write(
    report: ReadinessReport,
    console: Console,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
    summary: bool = False,
) -> None:
    """Print the report on ``console`` in language ``lang`` (compared with ``previous``;
    only the headline figures, leaders and follow-up with ``summary``)."""
    tr = translator(lang)
    labels = [tr.gettext("Agencies"), tr.gettext("Services"), tr.gettext("Transactions")]
    width = max(cell_len(label) for label in labels) + 2

    def head(label: str) -> str:
        return label + " " * (width - cell_len(label))

    console.print(_text(title(report, tr), style="bold"))
    console.print(_text(f"{head(labels[0])}{agencies_line(report, tr)}"))
    services = services_line(report, tr) if summary else tr.number(report.services_total)
    console.print(_text(f"{head(labels[1])}{services}"))
    console.print(
        _text(f"{head(labels[2])}{tr.number(report.transactions_total)} ({coverage(report, tr)})")
    )
    found = summary_tables(report, tr, previous) if summary else tables(report, tr, previous)
    for table in found:
        console.print()
        _table(table, tr, console)
    extra = notes(report, tr)
    if extra:
        console.print()
        for line in extra:
            console.print(_text(f"• {line}"))


def render(
    report: ReadinessReport,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
    width: int = 100,
    color: bool = False,
    summary: bool = False,
) -> str:
    """The report as terminal text in language ``lang`` (ANSI colours only when ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
    )
    write(report, console, lang, previous=previous, summary=summary)
    return buffer.getvalue()
