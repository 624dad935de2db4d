"""Importing a spreadsheet: turn an agency's spreadsheet into its declaration.

``egov-audit import SHEET --agency ID`` reads a ``.xlsx`` workbook or a ``.csv`` file
(UTF-8, with or without a byte-order mark; comma, semicolon or tab separated) and writes
``<collection>/agencies/<agency-id>.yaml``.

Sheets
------

A workbook's services are on the sheet named ``services`` (or one of the names in
:data:`~egov_audit.importer.words.SHEETS`), else on its first sheet; its transactions may
also be on a sheet named ``months``, a row per service and month, split by channel where
needed (:mod:`egov_audit.importer.months`); an ``instructions`` sheet is not read, and
other sheets are ignored with a warning. ``egov-audit export agencies/<id>.yaml --format
xlsx`` and ``egov-audit init <id> --format xlsx`` write workbooks in this layout. Every
problem names its sheet and cell.

Column layout
-------------

Row 1 is the header; every later row is one service (empty rows are skipped). Columns may
come in any order; headers are matched without regard to case, spaces, ``_``, ``-`` or
the zero-width non-joiner, and Arabic ``ي``/``ك`` match Persian ``ی``/``ک``.

=================  ========  =============================================================
column             required  Persian headers accepted (Greek and Vietnamese too: :data:`HEADERS`)
=================  ========  =============================================================
id                 yes       شناسه, شناسه خدمت, کد خدمت
name               yes       نام, نام خدمت, عنوان, نام انگلیسی
name_local                   نام محلی, نام فارسی, عنوان فارسی
status             yes       وضعیت, وضعیت الکترونیکی
type               yes       نوع, نوع خدمت
audience           yes       مخاطب, مخاطبان, گیرنده خدمت
channels                     کانال, کانال‌ها, مجرا, مجاری ارائه
in_person_steps              مراحل حضوری, مرحله حضوری
launched_on                  تاریخ راه‌اندازی, تاریخ راه اندازی, تاریخ شروع
depends_on                   وابستگی, وابستگی‌ها, وابسته به
benchmarks                   شاخص‌های مقایسه, شاخص مقایسه
YYYY-MM                      one column per month (e.g. ``1399-01`` or ``۱۳۹۹/۰۱``)
=================  ========  =============================================================

* ``audience``, ``channels``, ``depends_on`` and ``benchmarks`` hold several values
  separated by commas or semicolons (``,`` ``;`` ``،`` ``؛``).
* ``status``, ``type``, ``audience`` and ``channels`` take the format's values or their
  Persian names, all in one table, :data:`VALUES`: ``تمام الکترونیک`` is ``full``,
  ``نیمه الکترونیک`` ``partial``, ``حضوری`` ``in_person``, ``نامشخص`` ``unknown``, and so on.
* Dates are ``YYYY-MM-DD`` in the collection's calendar; ``/`` or ``.`` separators and
  one-digit months and days are accepted (``1399/3/5`` is ``1399-03-05``). A date cell
  of a workbook (a real spreadsheet date, always Gregorian) is converted to the
  collection's calendar.
* A month column holds the count of completed transactions in that month: a whole
  number >= 0; ``1,520`` thousands separators are accepted; an empty cell means "no
  figure" (nothing is written for that month), not zero.
* Persian and Arabic-Indic digits (``۱۲۳``, ``١٢٣``) are converted to ASCII everywhere.
* Columns with other headers are ignored with a warning; a header that looks like a month
  but is not one is an error.

The declaration gets the agency as registered in ``collection.yaml`` and ``declared_on``
(``--declared-on``, default today in the collection's calendar). The result is checked
with the project's own validation (``check_text``, with the collection's other
files, so that ``depends_on`` resolves) before anything is written. Every row that
cannot be converted, or whose service does not validate, is reported with its row number,
its column and the reason; then nothing is written and the exit status is 1, unless
``--skip-bad-rows``, which writes the other rows and lists the skipped ones. The file is
written atomically and an existing file is only replaced with ``--force``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from egov_audit.importer.common import find_agency, load_registry, parse_declared_on
from egov_audit.importer.exchange import Exchange, read_exchange
from egov_audit.importer.history import read_history
from egov_audit.importer.layout import (
    Layout,
    Problem,
    Row,
    _key,
    cell_text,
    convert_row,
    read_layout,
)
from egov_audit.importer.months import read_months
from egov_audit.importer.text import order, render
from egov_audit.importer.words import SHEETS
from egov_audit.importer.workbook import known_ids, merge_history, merge_months, pick_sheets
from egov_audit.io.layout import AGENCIES_DIR
from egov_audit.io.sheets import read_sheets
from egov_audit.model import Finding, Severity
from egov_audit.model.display import shown
from egov_audit.model.errors import OutputExistsError, UsageError
from egov_audit.runner import check_text

_SERVICE_PATH = re.compile(r"^\$\.services\[([0-9]+)\](?:\.([A-Za-z_]+)|\[.*?\])?(.*)\Z")
_MONTH_IN_PATH = re.compile(r'^\["([0-9]{4}-[0-9]{2})"\]')
_ENTRY_IN_PATH = re.compile(r"^\[([0-9]+)\]")
_EXCHANGE_PATH = re.compile(r"^\$\.exchange_services\[([0-9]+)\]")
_SHEET_KINDS = {_key(name): kind for kind, names in SHEETS.items() for name in names}


def _attribute(
    findings: Sequence[Finding],
    rows: Sequence[Row],
    layout: Layout,
    sheets: tuple[str | None, str],
    places: Sequence[Problem] = (),
) -> tuple[list[Problem], list[str], list[str]]:
    """Split findings into row problems (errors), row warnings and document-level errors.

    ``sheets`` names the services sheet and the months sheet, where a finding about a month
    given on the months sheet is placed."""
    problems: list[Problem] = []
    warnings_out: list[str] = []
    document: list[str] = []
    months = {column.field: column for column in layout.months}
    for finding in findings:
        path = finding.json_path
        exchange = _EXCHANGE_PATH.match(path or "")
        if exchange is not None and int(exchange.group(1)) < len(places):
            spot = replace(places[int(exchange.group(1))], message=finding.message)
            if finding.severity is Severity.ERROR:
                problems.append(spot)
            else:
                warnings_out.append(f"warning: {spot.where}: {spot}")
            continue
        match = _SERVICE_PATH.match(path or "")
        if match is None or int(match.group(1)) >= len(rows):
            if finding.severity is Severity.ERROR:
                document.append(f"{path or '$'}: {finding.message}")
            continue
        row = rows[int(match.group(1))]
        name = match.group(2)
        problem = Problem(row.number, name, finding.message, None, sheets[0])
        column = layout.fields.get(name or "")
        if name == "transactions":
            month = _MONTH_IN_PATH.match(match.group(3))
            key = month.group(1) if month else ""
            place = row.places.get(f"transactions:{key}")
            if place is not None:
                problem = replace(place, message=finding.message)
            elif key in months:
                column = months[key]
        elif name == "history":
            entry = _ENTRY_IN_PATH.match(match.group(3))
            place = row.places.get(f"history:{entry.group(1) if entry else ''}")
            if place is not None:
                problem = replace(place, message=finding.message)
        if column is not None and problem.sheet == sheets[0] and problem.row == row.number:
            problem = Problem(row.number, column.label, finding.message, column.index, sheets[0])
        if finding.severity is Severity.ERROR:
            problems.append(problem)
            row.bad = True
        else:
            warnings_out.append(f"warning: {problem.where}: {problem}")
    return problems, warnings_out, document


@dataclass
class ImportResult:
    """What importing a sheet gave: the declaration's text, or why there is none."""

    target: Path
    """Where the declaration belongs."""
    text: str | None
    """The declaration of the rows that convert and validate; None when nothing is to be
    written (rows have problems and skipping them was not allowed, or none is left)."""
    total: int
    """Service rows in the sheet (empty rows not counted)."""
    services: int
    """Services in ``text``."""
    problems: list[Problem] = field(default_factory=list)
    """Rows that cannot be imported, by sheet and row."""
    warnings: list[str] = field(default_factory=list)
    """Findings that are only warnings, attributed to rows."""
    ignored_columns: list[str] = field(default_factory=list)
    """Headers that are not part of the layout (``Months: D "x"`` on the months sheet)."""
    ignored_sheets: list[str] = field(default_factory=list)
    """Sheets that are not part of the layout."""
    skipped: list[int] = field(default_factory=list)
    """The services sheet's rows whose service is not imported."""
    skipped_elsewhere: list[tuple[str, int]] = field(default_factory=list)
    """The rows of the months and history sheets that are not imported: (sheet, row)."""

    @property
    def bad_rows(self) -> list[int]:
        """The numbers of the services sheet's rows with problems."""
        return self.skipped


def import_sheet(
    sheet: Path,
    collection: Path,
    agency_id: str,
    *,
    output: Path | None = None,
    declared_on: str | None = None,
    skip_bad_rows: bool = False,
    overwrite: bool = False,
) -> ImportResult:
    """Convert a spreadsheet into an agency's declaration, checked before anything is written.

    Raises :class:`~egov_audit.model.errors.UsageError` for a sheet that cannot be read or
    whose header is wrong, an unknown agency, and (unless ``overwrite``) an existing target.
    """
    registry = load_registry(collection)
    found = find_agency(registry, agency_id.strip())
    declared = parse_declared_on(registry.calendar, declared_on)
    target = output if output is not None else collection / AGENCIES_DIR / f"{found.id}.yaml"
    if target.exists() and not overwrite:
        raise OutputExistsError(str(target))

    chosen, ignored_sheets = pick_sheets(sheet, read_sheets(sheet))
    services_sheet, months_sheet = chosen["services"], chosen.get("months")
    name = services_sheet.name
    header = services_sheet.rows[0] if services_sheet.rows else None
    if header is None or all(cell_text(value) is None for value in header[1]):
        where = f'sheet "{shown(name)}": ' if name else ""
        raise UsageError(f"{sheet}: {where}the first row must name the columns; it is empty")
    layout = read_layout(header[1], registry.calendar, name)

    rows: list[Row] = []
    problems: list[Problem] = []
    first_rows: dict[str, int] = {}
    total = 0
    for number, cells in services_sheet.rows[1:]:
        if all(cell_text(value) is None for value in cells):
            continue
        total += 1
        service, row_problems = convert_row(number, cells, layout, registry.calendar)
        problems.extend(p.in_sheet(name) for p in row_problems)
        if service is None:
            continue
        first = first_rows.setdefault(service["id"], number)
        if first != number:
            column = layout.fields["id"]
            message = f"id {service['id']!r} is already used in row {first}"
            problems.append(Problem(number, column.label, message, column.index, name))
            continue
        rows.append(Row(number, order(service)))
    exchange, exchange_sheet = Exchange(), None
    exchange_places: list[Problem] = []
    if "exchange" in chosen:
        exchange_sheet = chosen["exchange"].name or ""
        exchange = read_exchange(chosen["exchange"].rows, exchange_sheet)
        exchange_places = [
            Problem(number, exchange.layout.fields["id"].label, "", 0, exchange_sheet)
            for number in exchange.rows
        ]
    if total == 0 and not exchange.services:
        raise UsageError(f"{sheet}: no service rows below the header")
    sheets = (name, months_sheet.name or "" if months_sheet else "")
    month_problems: list[Problem] = []
    ignored_columns = list(layout.ignored)
    if months_sheet is not None:
        months = read_months(months_sheet.rows, sheets[1])
        month_problems = merge_months(months, rows, known_ids(services_sheet, layout), sheets)
        ignored_columns += [f'"{sheets[1]}" {label}' for label in months.layout.ignored]
    if "history" in chosen:
        history_sheet = chosen["history"].name or ""
        history = read_history(chosen["history"].rows, history_sheet, registry.calendar)
        known = known_ids(services_sheet, layout)
        month_problems += merge_history(history, rows, known, history_sheet)
        ignored_columns += [f'"{history_sheet}" {label}' for label in history.layout.ignored]

    if exchange_sheet is not None:
        month_problems += exchange.problems
        ignored_columns += [f'"{exchange_sheet}" {label}' for label in exchange.layout.ignored]
    row_warnings: list[str] = []
    excluded: set[int] = set()
    while True:
        services = [r.service for r in rows]
        text = render(target, registry, found, declared, services, sheet.name, exchange.services)
        findings = check_text(collection, found.id, text)
        invalid, row_warnings, document = _attribute(
            findings, rows, layout, sheets, exchange_places
        )
        if document:
            raise UsageError(
                "the converted declaration does not validate:\n  " + "\n  ".join(document)
            )
        if not invalid:
            break
        problems.extend(invalid)
        if exchange_sheet is not None and any(p.sheet == exchange_sheet for p in invalid):
            break  # an exchange service that does not validate: nothing is written
        excluded |= {row.number for row in rows if row.bad}
        rows = [row for row in rows if not row.bad]
        if not skip_bad_rows:
            break
    services_rows = {p.row for p in problems if p.sheet == name} | excluded
    all_problems = sorted(
        [*problems, *month_problems], key=lambda p: (p.sheet != name, p.row, p.index or 0)
    )
    exchange_invalid = exchange_sheet is not None and any(
        p.sheet == exchange_sheet for p in all_problems
    )
    writable = (
        (rows or exchange.services) and not exchange_invalid and (skip_bad_rows or not all_problems)
    )
    return ImportResult(
        target=target,
        text=text if writable else None,
        total=total,
        services=len(rows),
        problems=all_problems,
        warnings=row_warnings,
        ignored_columns=ignored_columns,
        ignored_sheets=ignored_sheets,
        skipped=sorted(services_rows),
        skipped_elsewhere=sorted({(p.sheet or "", p.row) for p in month_problems}),
    )
