"""The report for the terminal: rich tables with bar charts, in the report's language.

Every piece of text reaches rich as a :class:`~rich.text.Text`, never as markup, and with
control characters escaped: a name such as ``Water [/x] Company`` or ``[link=...]`` is
printed as written, and cannot colour the terminal, open a link or move the cursor.
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
from egov_audit.render.report.sections import Table, agencies_line, notes, tables


def _text(text: str, style: str = "") -> Text:
    """User text for rich: literal, never markup, on one line."""
    return Text(printable(text), style=style)


def _rich_table(table: Table, tr: Translator) -> RichTable:
    out = RichTable(
        title=_text(table.title),
        caption=_text(table.note),
        title_justify="left",
        caption_justify="left",
        expand=False,
    )
    text: JustifyMethod = "right" if tr.direction == "rtl" else "left"
    for index, header in enumerate(table.headers):
        out.add_column(_text(header), justify=text if index in table.text_columns else "right")
    # the tables added with the insights leave the bar column out when they have no bars
    bars = not table.align_by_columns or any(total for _count, total in table.shares)
    if bars:
        out.add_column("", justify="left", style="cyan", no_wrap=True)
    for row, (count, total) in zip(table.rows, table.shares, strict=True):
        out.add_row(*map(_text, row), *([bar(count, total, 24)] if bars else []))
    return out


def write(
    report: ReadinessReport,
    console: Console,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
) -> None:
    """Print the report on ``console`` in language ``lang`` (compared with ``previous``)."""
    tr = translator(lang)
    labels = [tr.gettext("Agencies"), tr.gettext("Services"), tr.gettext("Transactions")]
    width = max(cell_len(label) for label in labels) + 2

    def head(label: str) -> str:
        return label + " " * (width - cell_len(label))

    console.print(_text(title(report, tr), style="bold"))
    console.print(_text(f"{head(labels[0])}{agencies_line(report, tr)}"))
    console.print(_text(f"{head(labels[1])}{tr.number(report.services_total)}"))
    console.print(
        _text(f"{head(labels[2])}{tr.number(report.transactions_total)} ({coverage(report, tr)})")
    )
    for table in tables(report, tr, previous):
        console.print()
        if table.no_data:
            console.print(_text(table.title, style="italic"))
            console.print(_text(table.note))
            continue
        console.print(_rich_table(table, tr))
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
    write(report, console, lang, previous=previous)
    return buffer.getvalue()
