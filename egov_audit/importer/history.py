"""The history sheet of a workbook: a service's earlier states, a row per state.

Row 1 names the columns (:data:`~egov_audit.importer.words.HISTORY_HEADERS`): the
service's ``id``, ``on`` (the date from which it had the state, ``YYYY-MM-DD`` in the
collection's calendar), its ``status``, ``channels`` and ``in_person_steps`` then, as the
format's ``history`` holds them; a service name column is for people and is not read. A
service's rows are its history in the order of the sheet, oldest first.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egov_audit.importer.common import ascii_digits, normalise_date
from egov_audit.importer.layout import (
    _SPLIT,
    _VALUE_INDEX,
    Layout,
    Problem,
    _choices,
    _from_gregorian,
    _key,
    _unreadable_cells,
    cell_text,
)
from egov_audit.importer.months import read_header
from egov_audit.importer.words import HISTORY_HEADERS
from egov_audit.model.calendars import Calendar, parse_date
from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class State:
    """One row of the history sheet: a service's state from a date on."""

    service: str
    entry: dict[str, Any]
    row: int


@dataclass
class History:
    """What the history sheet holds: the states, and the rows that cannot be read."""

    states: list[State] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)


def read_history(rows: Sequence[tuple[int, list[Any]]], sheet: str, calendar: Calendar) -> History:
    """The states of the history sheet's rows (header first), and the rows' problems."""
    if not rows or all(cell_text(value) is None for value in rows[0][1]):
        raise UsageError(f'sheet "{shown(sheet)}": the first row must name the columns')
    found = History(layout=read_header(rows[0][1], HISTORY_HEADERS, ("id", "on", "status"), sheet))
    for number, cells in rows[1:]:
        if all(cell_text(value) is None for value in cells):
            continue
        problems = _unreadable_cells(number, cells, found.layout)
        state = None if problems else _state(number, cells, found.layout, calendar, problems)
        found.problems.extend(p.in_sheet(sheet) for p in problems)
        if state is not None:
            found.states.append(state)
    return found


def _state(
    number: int, cells: Sequence[Any], layout: Layout, calendar: Calendar, problems: list[Problem]
) -> State | None:
    fields = layout.fields

    def cell(name: str) -> Any:
        column = fields.get(name)
        return None if column is None or column.index >= len(cells) else cells[column.index]

    def problem(name: str, message: str) -> None:
        problems.append(Problem(number, fields[name].label, message, fields[name].index))

    service = cell_text(cell("id"))
    if service is None or not _SLUG.match(ascii_digits(service).lower()):
        problem("id", f"{service!r} is not a service id (lower-case letters, digits, hyphens)")
    entry: dict[str, Any] = {}
    raw_on = cell("on")
    if isinstance(raw_on, datetime.date):
        entry["on"] = _from_gregorian(raw_on, calendar)
    else:
        text = cell_text(raw_on)
        on = normalise_date(text) if text else ""
        if parse_date(calendar, on) is None:
            problem("on", f"{text!r} is not a date of the {calendar.value} calendar (YYYY-MM-DD)")
        entry["on"] = on
    status = _VALUE_INDEX["status"].get(_key(cell_text(cell("status")) or ""))
    if status is None:
        problem("status", f"unknown status {cell_text(cell('status'))!r}; use {_choices('status')}")
    entry["status"] = status
    channels: list[str] = []
    for part in _SPLIT.split(cell_text(cell("channels")) or ""):
        if not part.strip():
            continue
        found = _VALUE_INDEX["channels"].get(_key(part))
        if found is None:
            problem("channels", f"unknown channel {part.strip()!r}; use {_choices('channels')}")
        elif found not in channels:
            channels.append(found)
    if channels:
        entry["channels"] = channels
    steps = cell_text(cell("in_person_steps"))
    if steps is not None:
        entry["in_person_steps"] = steps
    if problems or service is None:
        return None
    return State(ascii_digits(service).lower(), entry, number)
