"""The exchange sheet of a workbook: the services an agency offers other bodies over the
collection's government exchange (the format's ``exchange_services``).

Row 1 names the columns (:data:`~egov_audit.importer.words.EXCHANGE_HEADERS`): the
service's ``id``, ``name`` and ``name_local``, then a ``month`` (``YYYY-MM``), a
``consumer`` and the month's ``inquiries``. A row without a consumer is the month's
count; rows with consumers split the month by consumer, in the order of the sheet. A
service's rows may repeat its names or leave them empty after the first; a row with only
the id and names declares a service with no counts yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egov_audit.importer.common import ascii_digits
from egov_audit.importer.layout import Layout, Problem, _count, _unreadable_cells, cell_text
from egov_audit.importer.months import _month, read_header
from egov_audit.importer.words import EXCHANGE_HEADERS
from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass
class Exchange:
    """The exchange services of the sheet (as the format writes them), the first row of
    each, and the rows that cannot be read."""

    services: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)


def read_exchange(rows: Sequence[tuple[int, list[Any]]], sheet: str) -> Exchange:
    """The exchange services of the sheet's rows (header first), and the rows' problems."""
    if not rows or all(cell_text(value) is None for value in rows[0][1]):
        raise UsageError(f'sheet "{shown(sheet)}": the first row must name the columns')
    layout = read_header(rows[0][1], EXCHANGE_HEADERS, ("id", "name"), sheet, unread=())
    found = Exchange(layout=layout)
    by_id: dict[str, dict[str, Any]] = {}
    for number, cells in rows[1:]:
        if all(cell_text(value) is None for value in cells):
            continue
        problems = _unreadable_cells(number, cells, layout) or _row(number, cells, layout, by_id)
        if not problems and len(by_id) > len(found.services):
            found.services.append(list(by_id.values())[-1])
            found.rows.append(number)
        found.problems += [p.in_sheet(sheet) for p in problems]
    return found


def _row(
    number: int, cells: Sequence[Any], layout: Layout, by_id: dict[str, dict[str, Any]]
) -> list[Problem]:
    fields = layout.fields
    problems: list[Problem] = []

    def cell(name: str) -> Any:
        column = fields.get(name)
        return None if column is None or column.index >= len(cells) else cells[column.index]

    def problem(name: str, message: str) -> None:
        problems.append(Problem(number, fields[name].label, message, fields[name].index))

    service_id = ascii_digits(cell_text(cell("id")) or "").lower()
    if not _SLUG.match(service_id):
        problem("id", f"{service_id!r} is not a service id (lower-case letters, digits, hyphens)")
        return problems
    service = by_id.get(service_id)
    names = {name: cell_text(cell(name)) for name in ("name", "name_local")}
    if service is None:
        if names["name"] is None:
            problem("name", f"the first row of {service_id!r} must give its name")
            return problems
        service = {"id": service_id, **{k: v for k, v in names.items() if v is not None}}
    for name, value in names.items():
        if value is not None and service.get(name, value) != value:
            problem(name, f"{service_id!r} is named {service.get(name)!r} on an earlier row")
    month_text = cell_text(cell("month"))
    count = _count(cell("inquiries"))
    if isinstance(count, str):
        problem("inquiries", count)
    month = _month(cell("month")) if month_text is not None else None
    if month_text is not None and month is None:
        problem("month", f"{shown(month_text)!r} is not a month; write it as YYYY-MM")
    consumer = cell_text(cell("consumer"))
    if consumer is not None:
        consumer = ascii_digits(consumer).lower()
        if not _SLUG.match(consumer):
            problem("consumer", f"{consumer!r} is not an agency or consumer id")
    if problems:
        return problems
    if month is not None and count is not None:
        inquiries = service.setdefault("inquiries", {})
        given = inquiries.get(month)
        if consumer is None:
            if given is not None:
                problem("month", f"month {month} of {service_id!r} is given on an earlier row")
                return problems
            inquiries[month] = count
        elif isinstance(given, int) or (isinstance(given, dict) and consumer in given):
            problem("consumer", f"month {month} of {service_id!r} is given on an earlier row")
            return problems
        else:
            inquiries.setdefault(month, {})[consumer] = count
    by_id.setdefault(service_id, service)
    return problems
