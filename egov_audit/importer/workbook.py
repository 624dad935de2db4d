"""The sheets of an import workbook: which holds what, and the months and history sheets'
rows added to the services of the services sheet."""

from __future__ import annotations

from pathlib import Path

from egov_audit.importer.common import ascii_digits
from egov_audit.importer.history import History
from egov_audit.importer.layout import Layout, Problem, Row, _key, cell_text
from egov_audit.importer.months import Months
from egov_audit.importer.text import order
from egov_audit.importer.words import SHEETS
from egov_audit.io.sheets import SheetRows
from egov_audit.model.display import shown
from egov_audit.model.errors import UsageError

_SHEET_KINDS = {_key(name): kind for kind, names in SHEETS.items() for name in names}


def pick_sheets(path: Path, sheets: list[SheetRows]) -> tuple[dict[str, SheetRows], list[str]]:
    """The sheets by kind (``services``, ``months``, ``history``) and the names of the
    sheets that are not part of the layout."""
    chosen: dict[str, SheetRows] = {}
    others: list[SheetRows] = []
    for sheet in sheets:
        kind = "services" if sheet.name is None else _SHEET_KINDS.get(_key(sheet.name))
        if kind is None:
            others.append(sheet)
        elif kind in chosen and kind != "instructions":
            raise UsageError(
                f'{path}: two {kind} sheets, "{shown(chosen[kind].name or "")}" and '
                f'"{shown(sheet.name or "")}"; keep one'
            )
        else:
            chosen.setdefault(kind, sheet)
    if "services" not in chosen:
        if not others:
            raise UsageError(
                f"{path}: no sheet of services; name the sheet that lists the services "
                f'"services" (or {", ".join(SHEETS["services"][1:])})'
            )
        chosen["services"] = others.pop(0)  # a workbook of one unnamed sheet, as before
    return chosen, [shown(s.name or "") for s in others]


def merge_history(history: History, rows: list[Row], known: set[str], sheet: str) -> list[Problem]:
    """Add the history sheet's states to the services; the problems of its rows."""
    problems = list(history.problems)
    by_id = {row.service["id"]: row for row in rows}
    id_column = history.layout.fields["id"]
    on_column = history.layout.fields["on"]
    for state in history.states:
        row = by_id.get(state.service)
        if row is None:
            if state.service not in known:
                message = f"no service {state.service!r} on the services sheet"
                problems.append(
                    Problem(state.row, id_column.label, message, id_column.index, sheet)
                )
            continue
        entries = row.service.setdefault("history", [])
        place = Problem(state.row, on_column.label, "", on_column.index, sheet)
        row.places[f"history:{len(entries)}"] = place
        entries.append(state.entry)
        row.service = order(row.service)
    return problems


def merge_months(
    months: Months, rows: list[Row], known: set[str], sheets: tuple[str | None, str]
) -> list[Problem]:
    """Add the months sheet's counts to the services; the problems of its rows."""
    problems = list(months.problems)
    by_id = {row.service["id"]: row for row in rows}
    id_column = months.layout.fields["id"]
    for entry in months.counts:
        row = by_id.get(entry.service)
        if row is None:
            if entry.service not in known:
                problems.append(
                    Problem(
                        entry.row,
                        id_column.label,
                        f'no service {entry.service!r} on sheet "{shown(sheets[0] or "")}"',
                        id_column.index,
                        sheets[1],
                    )
                )
            continue  # the service's own row has problems
        transactions = row.service.setdefault("transactions", {})
        label = months.layout.fields["month"].label
        if entry.month in transactions:
            problems.append(
                Problem(
                    entry.row,
                    label,
                    f"month {entry.month} of {entry.service!r} is also in a column of sheet "
                    f'"{shown(sheets[0] or "")}", row {row.number}',
                    months.layout.fields["month"].index,
                    sheets[1],
                )
            )
            continue
        transactions[entry.month] = entry.count
        count_label = next(c.label for c in months.layout.fields.values() if c.index == entry.index)
        place = Problem(entry.row, count_label, "", entry.index, sheets[1])
        row.places[f"transactions:{entry.month}"] = place
    for row in rows:
        if "transactions" in row.service:
            row.service["transactions"] = dict(sorted(row.service["transactions"].items()))
            row.service = order(row.service)
    return problems


def known_ids(sheet: SheetRows, layout: Layout) -> set[str]:
    column = layout.fields["id"].index
    found = set()
    for _number, cells in sheet.rows[1:]:
        text = cell_text(cells[column]) if column < len(cells) else None
        if text is not None:
            found.add(ascii_digits(text).lower())
    return found
