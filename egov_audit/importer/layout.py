"""The column layout of an import sheet and the conversion of its rows into services.

See :mod:`egov_audit.importer.sheet` for the layout as users read it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import jdatetime

from egov_audit.importer.common import ascii_digits, normalise_date
from egov_audit.importer.words import HEADERS as HEADERS
from egov_audit.importer.words import LISTS as LISTS
from egov_audit.importer.words import REQUIRED as REQUIRED
from egov_audit.importer.words import VALUES as VALUES
from egov_audit.io.sheets import MAX_CELL_CHARS, UnreadableCell
from egov_audit.model.calendars import Calendar, parse_date, parse_month
from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError
from egov_audit.model.limits import MAX_COUNT

_SPLIT = re.compile(r"[,;،؛]")
_MONTH_HEADER = re.compile(r"^([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\Z")
_MONTH_LIKE = re.compile(r"^[0-9]{2,4}\s*[-/.]\s*[0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
_COUNT = re.compile(r"^[0-9]+\Z")
_GROUPED_COUNT = re.compile(r"^[0-9]{1,3}([,٬'][0-9]{3})+\Z")


def _key(text: str) -> str:
    """Normalise a header or value for comparison (case, Arabic letters, ZWNJ, separators)."""
    text = ascii_digits(text).replace("ي", "ی").replace("ك", "ک").replace("ـ", "")
    text = re.sub(r"[\u200c\u200f\u200e_\-]", " ", text.casefold())
    return " ".join(text.split())


_HEADER_INDEX = {_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}
_VALUE_INDEX = {
    name: {_key(alias): value for value, aliases in table.items() for alias in aliases}
    for name, table in VALUES.items()
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row cannot be imported: its row number, the column (if one) and the reason,
    with the sheet and the 0-based column index that name its cell."""

    row: int
    column: str | None
    message: str
    index: int | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def in_sheet(self, sheet: str | None) -> Problem:
        """The problem placed on ``sheet``."""
        return Problem(self.row, self.column, self.message, self.index, sheet)

    @property
    def cell(self) -> str | None:
        """The cell's reference (``D3``), when the problem is in one column."""
        return None if self.index is None else f"{column_letter(self.index)}{self.row}"

    @property
    def where(self) -> str:
        """``sheet "Services", cell D3`` (a CSV file has no sheet; a row problem no cell)."""
        place = f"cell {self.cell}" if self.cell else f"row {self.row}"
        return f'sheet "{shown(self.sheet)}", {place}' if self.sheet else place


@dataclass(frozen=True, slots=True)
class Column:
    """A recognised column: its 0-based index, its field (or month) and how to name it."""

    index: int
    field: str
    label: str


@dataclass
class Layout:
    """Which column holds what, read from the header row."""

    fields: dict[str, Column] = field(default_factory=dict)
    months: list[Column] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


@dataclass
class Row:
    """A converted row: its number and its service, ready to write."""

    number: int
    service: dict[str, Any]
    places: dict[str, Problem] = field(default_factory=dict)
    """Where parts given on other sheets are (``transactions:1399-05`` on the months sheet,
    ``history:0`` on the history sheet): a problem there with no message yet."""
    bad: bool = False
    """Whether the service failed validation."""


def cell_text(value: Any) -> str | None:
    """A cell as stripped text (None when empty)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_layout(header: Sequence[Any], calendar: Calendar, sheet: str | None = None) -> Layout:
    """Recognise the header row; raise UsageError for missing, doubled or bad columns.

    ``sheet`` names the sheet in the error (a CSV file has none)."""
    layout = Layout()
    seen_months: dict[str, str] = {}
    problems: list[str] = []
    for index, raw in enumerate(header):
        if isinstance(raw, datetime.datetime | datetime.date):
            raw = _month_of_date_header(raw, calendar)
        text = cell_text(raw)
        if text is None:
            continue
        label = f'{column_letter(index)} "{shown(text)}"'
        digits = ascii_digits(text)
        month_match = _MONTH_HEADER.match(digits)
        if month_match:
            month = f"{month_match.group(1)}-{int(month_match.group(2)):02d}"
            if parse_month(month) is None:
                problems.append(f"column {label}: {text!r} is not a month (YYYY-MM)")
            elif month in seen_months:
                problems.append(
                    f"column {label}: month {month} also in column {seen_months[month]}"
                )
            else:
                seen_months[month] = label
                layout.months.append(Column(index, month, label))
            continue
        if _MONTH_LIKE.match(digits):
            problems.append(f"column {label}: {text!r} is not a month; write it as YYYY-MM")
            continue
        name = _HEADER_INDEX.get(_key(text))
        if name is None:
            layout.ignored.append(label)
        elif name in layout.fields:
            problems.append(f"column {label}: {name} is also in column {layout.fields[name].label}")
        else:
            layout.fields[name] = Column(index, name, label)
    missing = [name for name in REQUIRED if name not in layout.fields]
    if missing:
        problems.append(
            "missing column(s): "
            + "; ".join(f"{name} (or {', '.join(HEADERS[name][1:])})" for name in missing)
        )
    if problems:
        raise UsageError(
            (f'sheet "{shown(sheet)}": ' if sheet else "")
            + "the header row (row 1) cannot be used:\n  "
            + "\n  ".join(problems)
            + "\nSee 'egov-audit import --help' for the column layout."
        )
    return layout


def _month_of_date_header(value: datetime.date, calendar: Calendar) -> str:
    """A header a spreadsheet turned into a date (``2020-01`` became 2020-01-01)."""
    if calendar is Calendar.GREGORIAN:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()  # left as is: it is reported as not a month


# ---------------------------------------------------------------------------
# Converting


def convert_row(
    number: int, cells: Sequence[Any], layout: Layout, calendar: Calendar
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Convert one row into a service mapping, or say why it cannot be."""
    problems = _unreadable_cells(number, cells, layout)
    if problems:
        return None, problems
    service: dict[str, Any] = {}

    def cell(name: str) -> Any:
        column = layout.fields.get(name)
        if column is None or column.index >= len(cells):
            return None
        return cells[column.index]

    def problem(name: str, message: str) -> None:
        column = layout.fields.get(name)
        if column is None:
            problems.append(Problem(number, name, message))
        else:
            problems.append(Problem(number, column.label, message, column.index))

    for name in ("id", "name", "name_local", "status", "in_person_steps", "type"):
        value = cell(name)
        if isinstance(value, datetime.date):
            problem(name, f"a date where {name} was expected")
            continue
        text = cell_text(value)
        if text is None:
            if name in REQUIRED:
                problem(name, f"{name} is empty; it is required")
            continue
        if name == "id":
            text = ascii_digits(text).lower()
            if not _SLUG.match(text):
                problem(
                    name,
                    f"id {text!r} is not lower-case letters, digits and single hyphens "
                    "(e.g. bill-inquiry)",
                )
                continue
        elif name in VALUES:
            found = _VALUE_INDEX[name].get(_key(text))
            if found is None:
                problem(name, f"unknown {name} {text!r}; use {_choices(name)}")
                continue
            text = found
        service[name] = text

    for name in LISTS:
        text = cell_text(cell(name))
        if text is None:
            if name in REQUIRED:
                problem(name, f"{name} is empty; it is required")
            continue
        items: list[str] = []
        for part in _SPLIT.split(text):
            item = part.strip()
            if not item:
                continue
            if name in VALUES:
                found = _VALUE_INDEX[name].get(_key(item))
                if found is None:
                    problem(name, f"unknown {name} value {item!r}; use {_choices(name)}")
                    continue
                item = found
            else:
                item = ascii_digits(item).lower()
            if item not in items:
                items.append(item)
        if items:
            service[name] = items
        elif name in REQUIRED:
            problem(name, f"{name} is empty; it is required")

    launched = cell("launched_on")
    if isinstance(launched, datetime.date):
        service["launched_on"] = _from_gregorian(launched, calendar)
    elif (text := cell_text(launched)) is not None:
        date = normalise_date(text)
        if parse_date(calendar, date) is None:
            problem(
                "launched_on",
                f"{text!r} is not a date of the {calendar.value} calendar (YYYY-MM-DD)",
            )
        else:
            service["launched_on"] = date

    transactions: dict[str, int] = {}
    for column in layout.months:
        raw = cells[column.index] if column.index < len(cells) else None
        count = _count(raw)
        if isinstance(count, str):
            problems.append(Problem(number, column.label, count, column.index))
        elif count is not None:
            transactions[column.field] = count
    if transactions:
        service["transactions"] = dict(sorted(transactions.items()))
    return (None if problems else service), problems


# Characters a declaration cannot hold as text, or that no name should: C0 controls but
# tab and line ends, DEL, C1 controls (NEL too), the Unicode line and paragraph separators,
# lone surrogates and the non-characters U+FFFE and U+FFFF.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _unreadable_cells(number: int, cells: Sequence[Any], layout: Layout) -> list[Problem]:
    """The problems of the row's cells that cannot be read at all: a formula without a
    stored value, a text longer than a cell holds, or characters no text may hold."""
    problems: list[Problem] = []
    for column in sorted([*layout.fields.values(), *layout.months], key=lambda c: c.index):
        value = cells[column.index] if column.index < len(cells) else None
        message = None
        if isinstance(value, UnreadableCell):
            message = (
                f"cell {value.where} holds the formula {shown(value.formula)} but no stored "
                "value (the file was written by a program that does not calculate); open and "
                "save it in a spreadsheet program, or type the value"
            )
        elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            message = (
                f"the text is {len(value):,} characters long; a cell holds at most "
                f"{MAX_CELL_CHARS:,}"
            )
        elif isinstance(value, str) and (found := _NOT_TEXT.search(value)):
            char = found.group()
            name = unicodedata.name(char, "a control character")
            message = (
                f"the text holds the character U+{ord(char):04X} ({name}) at position "
                f"{found.start() + 1}; remove it (it is often pasted from another program)"
            )
        if message is not None:
            problems.append(Problem(number, column.label, message, column.index))
    return problems


def _choices(name: str) -> str:
    table = VALUES[name]
    english = ", ".join(table)
    local = ", ".join(aliases[1] for aliases in table.values() if len(aliases) > 1)
    return f"{english} (or {local})"


def _count(value: Any) -> int | str | None:
    """A transaction count, None for an empty cell, or the reason it is not a count."""
    if value is None or isinstance(value, bool):
        return None if value is None else f"{value!r} is not a count"
    if isinstance(value, int):
        if value < 0:
            return f"{shown(value)} is negative; a count is a whole number >= 0"
        return value if value <= MAX_COUNT else _too_large(shown(value))
    if isinstance(value, float):
        if value.is_integer() and value >= 0:
            return int(value) if value <= MAX_COUNT else _too_large(shown(f"{value:.0f}"))
        return f"{value:g} is not a whole number >= 0"
    if isinstance(value, datetime.date):
        return "a date where a count was expected"
    text = ascii_digits(str(value)).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if _GROUPED_COUNT.match(text):
        text = re.sub(r"[,٬']", "", text)
    if text.endswith(".0") and _COUNT.match(text[:-2]):
        text = text[:-2]
    if not _COUNT.match(text):
        return f"{shown(repr(str(value).strip()))} is not a whole number >= 0"
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        return _too_large(shown(digits))
    return int(digits)


def _too_large(text: str) -> str:
    return f"{text} is larger than the largest count accepted ({MAX_COUNT:,})"


def _from_gregorian(value: datetime.date, calendar: Calendar) -> str:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if calendar is Calendar.JALALI:
        converted = jdatetime.date.fromgregorian(date=day)
        return f"{converted.year:04d}-{converted.month:02d}-{converted.day:02d}"
    return day.isoformat()
