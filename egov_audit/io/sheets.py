"""Reading spreadsheets: the rows of a .csv file or of a workbook's first sheet.

Sheets come from outside, so every size is bounded before or while it is read, and a row
beyond a limit stops the reading with a :class:`~egov_audit.model.errors.UsageError`
(SECURITY.md lists the limits):

* a file on disk larger than :data:`MAX_SHEET_BYTES` is refused before it is opened;
* a workbook (a zip archive) is refused before openpyxl reads it when a part would inflate
  beyond :data:`MAX_PART_BYTES`, all of them beyond :data:`MAX_WORKBOOK_BYTES`, or a part
  over 1 MiB is compressed more than :data:`MAX_RATIO` times (a zip bomb);
* more than :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns stop the reading;
* cells longer than :data:`MAX_CELL_CHARS` (a spreadsheet program's own limit) are left to
  the importer, which makes them row problems.

A CSV row ends only at ``\\n``, ``\\r\\n`` or ``\\r``; other line separators (U+2028,
U+0085, VT, FF) are cell content, so they cannot shift the row numbers. A workbook's
formula cell without a stored value (a file written by a script, never opened in a
spreadsheet program) is read as an :class:`UnreadableCell`, never as an empty cell.
"""

from __future__ import annotations

import csv
import itertools
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError

MAX_SHEET_BYTES = 16 * 1024 * 1024
"""Largest .csv or .xlsx file read (an agency's services sheet is well under 1 MiB)."""
MAX_PART_BYTES = 50_000_000
"""Largest uncompressed part (a sheet, the shared strings) of a workbook."""
MAX_WORKBOOK_BYTES = 200_000_000
"""Largest uncompressed size of all the parts of a workbook."""
MAX_RATIO = 100
"""Highest compression ratio accepted for a workbook part of more than 1 MiB."""
MAX_ROWS = 20_000
"""Most rows read, the header included (the largest declaration has 5,000 services)."""
MAX_COLUMNS = 1_000
"""Most columns read (ten fields and a column per month: 80 years of months)."""
MAX_SHEETS = 50
"""Most sheets a workbook may have (an agency's workbook has three)."""
MAX_CELL_CHARS = 32_767
"""Longest text a cell may hold, as in spreadsheet programs."""

_RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True, slots=True)
class UnreadableCell:
    """A workbook cell whose value cannot be read: a formula with no stored result."""

    sheet: str
    coordinate: str
    formula: str

    @property
    def where(self) -> str:
        """``Sheet!G5``, quoted as spreadsheets quote sheet names that need it."""
        name = self.sheet if re.fullmatch(r"\w+", self.sheet) else f"'{self.sheet}'"
        return f"{shown(name)}!{self.coordinate}"

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True, slots=True)
class SheetRows:
    """The rows of one sheet, header included: (row number, cell values)."""

    name: str | None
    """The sheet's name; None for a .csv file, which has no sheets."""
    rows: list[tuple[int, list[Any]]]


def read_sheets(path: Path) -> list[SheetRows]:
    """Every sheet of a workbook, in order (at most :data:`MAX_SHEETS`), or the one table of
    a .csv file; read in full, with the limits of :func:`read_rows` on each sheet."""
    if _checked_suffix(path) == ".csv":
        return [SheetRows(None, list(_csv_rows(path)))]
    check_workbook_archive(path)
    values = _open_workbook(path, data_only=True)
    try:
        formulas = _open_workbook(path, data_only=False)
        try:
            count = len(values.worksheets)
            if count > MAX_SHEETS:
                raise UsageError(
                    f"{path}: the workbook has {count:,} sheets, more than the limit of "
                    f"{MAX_SHEETS}; an agency's workbook has three"
                )
            return [
                SheetRows(
                    str(values.worksheets[index].title),
                    list(_sheet_rows(path, values, formulas, index)),
                )
                for index in range(count)
            ]
        finally:
            formulas.close()
    finally:
        values.close()


def read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number, cell values) of the first sheet of ``path``, header included."""
    if _checked_suffix(path) == ".csv":
        yield from _csv_rows(path)
    else:
        yield from _xlsx_rows(path)


def _checked_suffix(path: Path) -> str:
    """The suffix of a sheet file that exists and is not too large; else a UsageError."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if not path.is_file():
        raise UsageError(f"{path}: not a file; give the .xlsx or .csv file")
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise UsageError(
            f"{path}: cannot read {suffix or 'files without an extension'}; "
            "save the sheet as .xlsx or as .csv (UTF-8)"
        )
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    if size > MAX_SHEET_BYTES:
        raise UsageError(
            f"{path}: the file is {size:,} bytes, larger than the limit of "
            f"{MAX_SHEET_BYTES:,} bytes; an agency's services sheet is far smaller"
        )
    return suffix


def _too_many_rows(path: Path) -> UsageError:
    return UsageError(
        f"{path}: more than {MAX_ROWS:,} rows; an agency's services sheet is far smaller "
        "(check that the sheet holds one service per row, and no data below it)"
    )


def _too_many_columns(path: Path, number: int, count: int) -> UsageError:
    return UsageError(
        f"{path}: row {number} has {count:,} columns, more than the limit of "
        f"{MAX_COLUMNS:,}; check that nothing is written far to the right of the table"
    )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    try:
        # newline="": rows end at \n, \r\n or \r only, as in spreadsheet programs.
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            delimiter = max(",;\t", key=first.count) if first else ","
            for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                if number > MAX_ROWS:
                    raise _too_many_rows(path)
                if len(cells) > MAX_COLUMNS:
                    raise _too_many_columns(path, number, len(cells))
                yield number, cells
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' (or as .xlsx)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    except csv.Error as error:
        raise UsageError(
            f"{path}: not a readable CSV file (row {number + 1}): {shown(str(error))}"
        ) from None


def check_workbook_archive(path: Path) -> None:
    """Refuse a workbook whose parts would inflate too far, before anything inflates."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UsageError(f"{path}: not a readable .xlsx workbook ({shown(str(error))})") from None
    if len(parts) > 10_000:
        raise UsageError(f"{path}: the workbook has {len(parts):,} parts; not a services sheet")
    total = 0
    for part in parts:
        name = shown(part.filename)
        if part.file_size > MAX_PART_BYTES:
            raise UsageError(
                f"{path}: the workbook's part {name} would inflate to {part.file_size:,} "
                f"bytes, more than the limit of {MAX_PART_BYTES:,}; an agency's services "
                "sheet is far smaller (is it the right file?)"
            )
        if part.file_size > _RATIO_FLOOR and part.file_size > MAX_RATIO * part.compress_size:
            ratio = part.file_size / max(part.compress_size, 1)
            raise UsageError(
                f"{path}: the workbook's part {name} is compressed more than {MAX_RATIO} "
                f"times ({ratio:,.0f} times), as only a zip bomb is; not read"
            )
        total += part.file_size
    if total > MAX_WORKBOOK_BYTES:
        raise UsageError(
            f"{path}: the workbook would inflate to {total:,} bytes, more than the limit of "
            f"{MAX_WORKBOOK_BYTES:,}"
        )


def _open_workbook(path: Path, *, data_only: bool) -> Any:
    import openpyxl  # imported here: only the importer needs it, and it is slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as error:  # zipfile's, openpyxl's own InvalidFileException and friends
        raise UsageError(f"{path}: not a readable .xlsx workbook ({shown(str(error))})") from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    check_workbook_archive(path)
    # Read twice, in step: the stored values, and the formulas (to tell a formula with no
    # stored value from an empty cell: with the values alone both are None).
    values = _open_workbook(path, data_only=True)
    try:
        formulas = _open_workbook(path, data_only=False)
        try:
            yield from _sheet_rows(path, values, formulas)
        finally:
            formulas.close()
    finally:
        values.close()


def _sheet_rows(
    path: Path, values: Any, formulas: Any, index: int = 0
) -> Iterator[tuple[int, list[Any]]]:
    if not values.worksheets:
        raise UsageError(f"{path}: the workbook has no sheet")
    sheet, formula_sheet = values.worksheets[index], formulas.worksheets[index]
    # The sheet's declared size can lie (A1:XFD1048576 in a tiny file): read its cells.
    sheet.reset_dimensions()
    formula_sheet.reset_dimensions()
    number = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = zip(sheet.iter_rows(), formula_sheet.iter_rows(), strict=False)
            for number, (row, formula_row) in enumerate(rows, start=1):
                if number > MAX_ROWS:
                    raise _too_many_rows(path)
                if len(row) > MAX_COLUMNS:
                    raise _too_many_columns(path, number, len(row))
                yield (
                    number,
                    [
                        _cell_value(cell, formula, sheet.title)
                        for cell, formula in itertools.zip_longest(row, formula_row)
                    ],
                )
    except UsageError:
        raise
    except Exception as error:  # a cell openpyxl cannot convert (an integer of 5,000 digits)
        raise UsageError(
            f'{path}: sheet "{shown(sheet.title)}", row {number + 1} cannot be read '
            f"({shown(str(error))})"
        ) from None


def _cell_value(cell: Any, formula: Any, sheet: str) -> Any:
    value = getattr(cell, "value", None)
    if value is None and getattr(formula, "data_type", None) == "f":
        return UnreadableCell(sheet, str(formula.coordinate), str(formula.value))
    return value
