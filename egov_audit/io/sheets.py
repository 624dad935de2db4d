"""Reading spreadsheets: the rows of a .csv file or of a workbook's first sheet."""

from __future__ import annotations

import csv
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from egov_audit.model.errors import UsageError


def read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number, cell values) of the first sheet of ``path``, header included."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if not path.is_file():
        raise UsageError(f"{path}: not a file; give the .xlsx or .csv file")
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
    else:
        raise UsageError(
            f"{path}: cannot read {suffix or 'files without an extension'}; "
            "save the sheet as .xlsx or as .csv (UTF-8)"
        )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' (or as .xlsx)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    try:
        reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            yield number, list(cells)
    except csv.Error as error:
        raise UsageError(f"{path}: not a readable CSV file: {error}") from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # imported here: only the importer needs it, and it is slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise UsageError(f"{path}: not a readable .xlsx workbook ({error})") from None
    except Exception as error:  # openpyxl's own InvalidFileException and friends
        raise UsageError(f"{path}: not a readable .xlsx workbook ({error})") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UsageError(f"{path}: the workbook has no sheet")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
    finally:
        workbook.close()
