"""The plain data the report page's templates receive: sections, tables, cells, the
headline and what the margins of a printed page say. No markup is built here."""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.render.i18n import Translator
from egov_audit.render.report.charts import Chart
from egov_audit.render.report.table import Table


@dataclass(frozen=True, slots=True)
class PageMargins:
    """What the bottom margin of every printed page says (the PDF), as CSS ``content``
    values already escaped for a style sheet (see :func:`egov_audit.render.report.pdf`)."""

    start: str
    """At the start of the line: the collection, the period, the date it was made."""
    end: str
    """At the end of the line: the page number."""


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    numeric: bool
    """A figure (aligned to the end), not words."""


@dataclass(frozen=True, slots=True)
class TableView:
    headers: list[Cell]
    rows: list[list[Cell]]
    empty: str
    """What the page says instead of a table without rows."""


@dataclass(frozen=True, slots=True)
class Section:
    ident: str
    title: str
    note: str
    no_data: bool
    chart: Chart | None
    table: TableView
    rule: str | None = None
    """The label of a ranking rule: the note is that rule, shown after this label."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of the title: the message's own words, or a name isolated in ``<bdi>``."""

    text: str
    isolated: bool


@dataclass(frozen=True, slots=True)
class Headline:
    region: str
    share: str
    caption: str
    figures: list[tuple[str, str]]
    agencies: str
    transactions_label: str
    transactions: str
    coverage: str


def table_view(table: Table, tr: Translator) -> TableView:
    def cells(texts: list[str]) -> list[Cell]:
        return [Cell(text, i not in table.text_columns) for i, text in enumerate(texts)]

    return TableView(cells(table.headers), [cells(row) for row in table.rows], tr.gettext("None."))


def section(ident: str, table: Table, tr: Translator, chart: Chart | None = None) -> Section:
    return Section(ident, table.title, table.note, table.no_data, chart, table_view(table, tr))
