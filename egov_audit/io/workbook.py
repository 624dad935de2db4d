"""Writing .xlsx workbooks: sheets described as plain data, written by openpyxl.

A :class:`Sheet` holds its rows of values and how to present them (column widths,
frozen header rows, drop-down lists, right-to-left); :func:`workbook_bytes` writes the
sheets as the bytes of one workbook, to be written with the atomic writer.

Values are written as what they are, never as formulas: a text starting with ``=``,
``+``, ``-`` or ``@`` (a name an agency typed) is stored as a text cell with the "quote
prefix" style, which a spreadsheet program shows as typed and never runs, not even after
the cell is edited. Text that a workbook cannot hold (a
control character) is a :class:`~egov_audit.model.errors.UsageError` naming the cell.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a text starts that a spreadsheet program would read as a formula if typed."""


@dataclass(frozen=True, slots=True)
class DropDown:
    """A drop-down list (data validation) over a column of a sheet.

    ``source`` is a range of another sheet holding the choices (``'Lists'!$A$2:$A$5``).
    ``strict`` refuses any other value; otherwise other values are accepted with a
    warning (for cells that may hold several choices, ``citizens, businesses``)."""

    column: int
    """0-based column index."""
    first_row: int
    last_row: int
    source: str
    strict: bool = True
    prompt: str | None = None


@dataclass
class Sheet:
    """One sheet: its rows (the first ``header_rows`` in bold) and how it is shown."""

    title: str
    rows: list[list[Any]]
    widths: Sequence[float] = ()
    """The least width of each column, in characters (see :func:`_widths`)."""
    header_rows: int = 1
    freeze_header: bool = True
    right_to_left: bool = False
    drop_downs: list[DropDown] = field(default_factory=list)
    wrap_columns: frozenset[int] = frozenset()
    """0-based columns whose text wraps (long sentences)."""
    hidden: bool = False


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _put(cell: Any, value: Any, sheet: str) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell.value = value
    except IllegalCharacterError:
        raise UsageError(
            f"cannot write the workbook: the text of {shown(sheet)}!{cell.coordinate} "
            f"({shown(str(value), 80)}) holds a control character that a workbook cannot hold"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"  # a text, even when it starts with '=': never a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # and it stays a text when someone edits the cell


MAX_WIDTH = 60
"""Widest column, in characters; longer texts wrap or are cut off on screen."""


def _widths(spec: Sheet) -> list[float]:
    """Each column as wide as its longest value (at least its ``widths`` entry, at most
    :data:`MAX_WIDTH`); a wrapping column keeps its given width."""
    count = max([len(spec.widths), *(len(row) for row in spec.rows)], default=0)
    widths = []
    for index in range(count):
        given = spec.widths[index] if index < len(spec.widths) else 8.0
        if index in spec.wrap_columns:
            widths.append(given)
            continue
        longest = max(
            (len(str(row[index])) for row in spec.rows if index < len(row) and row[index]),
            default=0,
        )
        widths.append(max(given, min(MAX_WIDTH, longest * 1.1 + 2)))
    return widths


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an .xlsx workbook."""
    import openpyxl  # imported here: only workbook outputs need it, and it is slow to import
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        sheet.sheet_view.rightToLeft = spec.right_to_left
        if spec.hidden:
            sheet.sheet_state = "hidden"
        for row_number, row in enumerate(spec.rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=row_number, column=column)
                _put(cell, value, spec.title)
                if row_number <= spec.header_rows:
                    cell.font = bold
                elif column - 1 in spec.wrap_columns:
                    cell.alignment = wrap
        widths = _widths(spec)
        for index, width in enumerate(widths):
            sheet.column_dimensions[_letter(index)].width = width
        for row_number, row in enumerate(spec.rows, start=1):
            lines = max(
                (
                    math.ceil(len(str(row[i])) / max(widths[i] - 2, 1))
                    for i in spec.wrap_columns
                    if i < len(row) and row[i] and row_number > spec.header_rows
                ),
                default=1,
            )
            if lines > 1:  # programs do not grow a row for wrapped text they did not write
                sheet.row_dimensions[row_number].height = 15 * lines
        # Printed (or saved as PDF) in landscape, every column on the page's width.
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if spec.freeze_header and spec.header_rows:
            sheet.freeze_panes = f"A{spec.header_rows + 1}"
        for drop_down in spec.drop_downs:
            validation = DataValidation(
                type="list",
                formula1=drop_down.source,
                allow_blank=True,
                showDropDown=False,  # False shows the arrow (the attribute's name is inverted)
                showErrorMessage=True,
                errorStyle="stop" if drop_down.strict else "warning",
                error="Choose a value from the list.",
                errorTitle="Not in the list",
            )
            if drop_down.prompt:
                validation.prompt = drop_down.prompt
                validation.showInputMessage = True
            letter = _letter(drop_down.column)
            validation.add(f"{letter}{drop_down.first_row}:{letter}{drop_down.last_row}")
            sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook.save(buffer)
    return buffer.getvalue()
