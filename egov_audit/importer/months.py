"""The months sheet of a workbook: the transactions of the services, a row per service
and month.

Row 1 names the columns (any order; :data:`~egov_audit.importer.words.MONTH_HEADERS`):
the service's ``id`` and the ``month`` (``YYYY-MM`` in the collection's calendar), then
the month's count, either in ``transactions`` or split by channel in ``portal``,
``kiosk``, ``mobile`` and ``in_person`` (as a declaration splits a month); a service
``name`` column is for people and is not read. A row with channel cells is a split month
(an empty channel cell is a channel not given); a ``transactions`` cell beside them must be
their sum. A row with no count is no figure, and is skipped.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egov_audit.importer.common import ascii_digits
from egov_audit.importer.layout import (
    Column,
    Layout,
    Problem,
    _count,
    _key,
    _unreadable_cells,
    cell_text,
    column_letter,
)
from egov_audit.importer.words import MONTH_HEADERS
from egov_audit.model.calendars import parse_month
from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError
from egov_audit.model.inventory import SPLIT_CHANNELS

_INDEX = {_key(alias): name for name, aliases in MONTH_HEADERS.items() for alias in aliases}
_LOOSE_MONTH = re.compile(r"^([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\Z")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class MonthCount:
    """One month of one service, as the months sheet gives it."""

    service: str
    month: str
    count: int | dict[str, int]
    row: int
    index: int
    """0-based column of the count (``transactions``, else the first channel given)."""


@dataclass
class Months:
    """What the months sheet holds: the counts, and the rows that cannot be read."""

    counts: list[MonthCount] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)


def read_header(
    header: Sequence[Any],
    table: dict[str, tuple[str, ...]],
    required: Sequence[str],
    sheet: str,
    more: Sequence[str] = (),
    unread: Sequence[str] = ("name",),
) -> Layout:
    """Recognise the header row of a sheet of ``table``'s columns; UsageError if it cannot
    be used (``more``: further problems already found)."""
    index_of = {_key(alias): name for name, aliases in table.items() for alias in aliases}
    layout = Layout()
    problems: list[str] = []
    for index, raw in enumerate(header):
        text = cell_text(raw)
        if text is None:
            continue
        label = f'{column_letter(index)} "{shown(text)}"'
        name = index_of.get(_key(text))
        if name is None:
            layout.ignored.append(label)
        elif name in layout.fields:
            problems.append(f"column {label}: {name} is also in column {layout.fields[name].label}")
        else:
            layout.fields[name] = Column(index, name, label)
    missing = [name for name in required if name not in layout.fields]
    if missing:
        problems.append(
            "missing column(s): "
            + "; ".join(f"{name} (or {', '.join(table[name][1:])})" for name in missing)
        )
    problems += [p for p in more if p]
    if problems:
        raise UsageError(
            f'sheet "{shown(sheet)}": the header row (row 1) cannot be used:\n  '
            + "\n  ".join(problems)
            + "\nSee 'egov-audit import --help' for the layout of the workbook."
        )
    for name in unread:
        layout.fields.pop(name, None)  # for people reading the sheet; not imported
    return layout


def read_month_layout(header: Sequence[Any], sheet: str) -> Layout:
    """Recognise the months sheet's header row; UsageError if it cannot be used."""
    names = {_INDEX.get(_key(cell_text(raw) or "")) for raw in header}
    counts = (
        ""
        if {"transactions", *SPLIT_CHANNELS} & names
        else (
            "no column of counts: transactions, or portal, kiosk, mobile and in_person "
            "for a month split by channel"
        )
    )
    return read_header(header, MONTH_HEADERS, ("id", "month"), sheet, [counts])


def read_months(rows: Sequence[tuple[int, list[Any]]], sheet: str) -> Months:
    """The counts of the months sheet's rows (header first), and the rows' problems."""
    if not rows or all(cell_text(value) is None for value in rows[0][1]):
        raise UsageError(f'sheet "{shown(sheet)}": the first row must name the columns')
    found = Months(layout=read_month_layout(rows[0][1], sheet))
    layout = found.layout
    seen: dict[tuple[str, str], int] = {}
    for number, cells in rows[1:]:
        if all(cell_text(value) is None for value in cells):
            continue
        unreadable = _unreadable_cells(number, cells, layout)
        if unreadable:
            found.problems.extend(_in(sheet, unreadable))
            continue
        entry, problems = _month_row(number, cells, layout)
        found.problems.extend(_in(sheet, problems))
        if entry is None:
            continue
        key = (entry.service, entry.month)
        if key in seen:
            column = layout.fields["month"]
            found.problems.append(
                Problem(
                    number,
                    column.label,
                    f"month {entry.month} of {entry.service!r} is also in row {seen[key]}",
                    column.index,
                    sheet,
                )
            )
            continue
        seen[key] = number
        found.counts.append(entry)
    return found


def _in(sheet: str, problems: list[Problem]) -> list[Problem]:
    return [
        Problem(p.row, p.column, p.message, p.index, sheet) if p.sheet is None else p
        for p in problems
    ]


def _cell(cells: Sequence[Any], column: Column | None) -> Any:
    if column is None or column.index >= len(cells):
        return None
    return cells[column.index]


def _month_row(
    number: int, cells: Sequence[Any], layout: Layout
) -> tuple[MonthCount | None, list[Problem]]:
    fields = layout.fields
    problems: list[Problem] = []

    def problem(name: str, message: str) -> None:
        problems.append(Problem(number, fields[name].label, message, fields[name].index))

    service = cell_text(_cell(cells, fields["id"]))
    if service is None:
        problem("id", "the service's id is empty")
    else:
        service = ascii_digits(service).lower()
        if not _SLUG.match(service):
            problem("id", f"id {service!r} is not lower-case letters, digits and single hyphens")
    month = _month(_cell(cells, fields["month"]))
    if month is None:
        raw = cell_text(_cell(cells, fields["month"]))
        problem("month", f"{shown(raw or '')!r} is not a month; write it as YYYY-MM")
    counts: dict[str, int] = {}
    for name in ("transactions", *SPLIT_CHANNELS):
        if name not in fields:
            continue
        value = _count(_cell(cells, fields[name]))
        if isinstance(value, str):
            problem(name, value)
        elif value is not None:
            counts[name] = value
    if problems or service is None or month is None:
        return None, problems
    split = {name: count for name, count in counts.items() if name != "transactions"}
    if not counts:
        return None, []  # no figure for the month
    first = "transactions" if "transactions" in counts else next(iter(split))
    index = fields[first].index
    if not split:
        return MonthCount(service, month, counts["transactions"], number, index), []
    if "transactions" in counts and counts["transactions"] != sum(split.values()):
        problem(
            "transactions",
            f"{counts['transactions']:,} is not the sum of the channels "
            f"({sum(split.values()):,}); leave it empty, or give the month unsplit",
        )
        return None, problems
    ordered = {name: split[name] for name in SPLIT_CHANNELS if name in split}
    return MonthCount(service, month, ordered, number, index), []


def _month(value: Any) -> str | None:
    """A month cell as ``YYYY-MM``: text, or a date a spreadsheet made of what was typed."""
    if isinstance(value, datetime.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = cell_text(value)
    if text is None:
        return None
    match = _LOOSE_MONTH.match(ascii_digits(text))
    if match is None:
        return None
    month = f"{match.group(1)}-{int(match.group(2)):02d}"
    return month if parse_month(month) is not None else None
