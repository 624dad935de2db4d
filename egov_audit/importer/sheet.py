"""Importing a spreadsheet: turn an agency's spreadsheet into its declaration.

``egov-audit import SHEET --agency ID`` reads a ``.xlsx`` workbook (its first sheet) or a
``.csv`` file (UTF-8, with or without a byte-order mark; comma, semicolon or tab
separated) and writes ``<collection>/agencies/<agency-id>.yaml``.

Column layout
-------------

Row 1 is the header; every later row is one service (empty rows are skipped). Columns may
come in any order; headers are matched without regard to case, spaces, ``_``, ``-`` or
the zero-width non-joiner, and Arabic ``ي``/``ك`` match Persian ``ی``/``ک``.

=================  ========  =============================================================
column             required  Persian headers accepted (see :data:`HEADERS`)
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
YYYY-MM                      one column per month (e.g. ``1399-01`` or ``۱۳۹۹/۰۱``)
=================  ========  =============================================================

* ``audience``, ``channels`` and ``depends_on`` hold several values separated by commas
  or semicolons (``,`` ``;`` ``،`` ``؛``).
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from egov_audit.importer.common import find_agency, load_registry, parse_declared_on
from egov_audit.importer.layout import (
    LISTS,
    Layout,
    Problem,
    Row,
    cell_text,
    convert_row,
    read_layout,
)
from egov_audit.importer.template import declaration_header
from egov_audit.io.layout import AGENCIES_DIR
from egov_audit.io.sheets import read_rows
from egov_audit.io.yamlwrite import yaml_flow, yaml_str, yaml_str_quoted
from egov_audit.model import AgencyRef, Collection, Finding, Severity
from egov_audit.model.errors import OutputExistsError, UsageError
from egov_audit.runner import check_text

_SERVICE_PATH = re.compile(r"^\$\.services\[([0-9]+)\](?:\.([A-Za-z_]+)|\[.*?\])?(.*)\Z")
_MONTH_IN_PATH = re.compile(r'^\["([0-9]{4}-[0-9]{2})"\]')


def render(
    output: Path,
    collection: Collection,
    agency: AgencyRef,
    declared_on: str,
    services: Sequence[dict[str, Any]],
    source: str,
) -> str:
    """The text of the declaration holding ``services``."""
    lines = [
        declaration_header(output, collection).rstrip("\n"),
        f"# Imported from {source} by 'egov-audit import'.",
        "schema_version: 1",
        "agency:",
        f"  id: {agency.id}",
        f"  name: {yaml_str(agency.name)}",
    ]
    if agency.name_local:
        lines.append(f"  name_local: {yaml_str(agency.name_local)}")
    lines.append(f'declared_on: "{declared_on}"')
    lines.append("services:" if services else "services: []")
    for service in services:
        prefix = "  - "
        for key, value in service.items():
            if key in LISTS:
                text = yaml_flow(value)
            elif key == "transactions":
                text = ""
            elif key == "launched_on":
                text = yaml_str_quoted(value)
            else:
                text = yaml_str(value)
            lines.append(f"{prefix}{key}: {text}".rstrip())
            prefix = "    "
            if key == "transactions":
                lines.extend(f"      {month}: {count}" for month, count in value.items())
    return "\n".join(lines) + "\n"


def _order(service: dict[str, Any]) -> dict[str, Any]:
    order = [
        "id",
        "name",
        "name_local",
        "status",
        "in_person_steps",
        "type",
        "audience",
        "channels",
        "launched_on",
        "transactions",
        "depends_on",
    ]
    return {key: service[key] for key in order if key in service}


def _attribute(
    findings: Sequence[Finding], rows: Sequence[Row], layout: Layout
) -> tuple[list[Problem], list[str], list[str]]:
    """Split findings into row problems (errors), row warnings and document-level errors."""
    problems: list[Problem] = []
    warnings_out: list[str] = []
    document: list[str] = []
    months = {column.field: column.label for column in layout.months}
    for finding in findings:
        path = finding.json_path
        match = _SERVICE_PATH.match(path or "")
        if match is None or int(match.group(1)) >= len(rows):
            if finding.severity is Severity.ERROR:
                document.append(f"{path or '$'}: {finding.message}")
            continue
        row = rows[int(match.group(1))]
        name = match.group(2)
        label: str | None = None
        if name == "transactions":
            month = _MONTH_IN_PATH.match(match.group(3))
            label = months.get(month.group(1)) if month else None
        elif name is not None:
            column = layout.fields.get(name)
            label = column.label if column else name
        problem = Problem(row.number, label, finding.message)
        if finding.severity is Severity.ERROR:
            problems.append(problem)
        else:
            warnings_out.append(f"warning: {problem}")
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
    """Rows that cannot be imported, in row order."""
    warnings: list[str] = field(default_factory=list)
    """Findings that are only warnings, attributed to rows."""
    ignored_columns: list[str] = field(default_factory=list)
    """Headers that are not part of the layout."""

    @property
    def bad_rows(self) -> list[int]:
        """The numbers of the rows with problems."""
        return sorted({problem.row for problem in self.problems})


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

    rows_iter = iter(list(read_rows(sheet)))  # read all at once: the workbook is closed
    header = next(rows_iter, None)
    if header is None or all(cell_text(value) is None for value in header[1]):
        raise UsageError(f"{sheet}: the first row must name the columns; it is empty")
    layout = read_layout(header[1], registry.calendar)

    rows: list[Row] = []
    problems: list[Problem] = []
    first_rows: dict[str, int] = {}
    total = 0
    for number, cells in rows_iter:
        if all(cell_text(value) is None for value in cells):
            continue
        total += 1
        service, row_problems = convert_row(number, cells, layout, registry.calendar)
        problems.extend(row_problems)
        if service is None:
            continue
        first = first_rows.setdefault(service["id"], number)
        if first != number:
            label = layout.fields["id"].label
            problems.append(
                Problem(number, label, f"id {service['id']!r} is already used in row {first}")
            )
            continue
        rows.append(Row(number, _order(service)))
    if total == 0:
        raise UsageError(f"{sheet}: no service rows below the header")

    row_warnings: list[str] = []
    while True:
        text = render(target, registry, found, declared, [r.service for r in rows], sheet.name)
        findings = check_text(collection, found.id, text)
        invalid, row_warnings, document = _attribute(findings, rows, layout)
        if document:
            raise UsageError(
                "the converted declaration does not validate:\n  " + "\n  ".join(document)
            )
        if not invalid:
            break
        problems.extend(invalid)
        bad = {problem.row for problem in invalid}
        rows = [row for row in rows if row.number not in bad]
        if not skip_bad_rows:
            break
    problems.sort(key=lambda p: p.row)
    writable = rows and (skip_bad_rows or not problems)
    return ImportResult(
        target=target,
        text=text if writable else None,
        total=total,
        services=len(rows),
        problems=problems,
        warnings=row_warnings,
        ignored_columns=list(layout.ignored),
    )
