"""``egov-audit import``: turn an agency's spreadsheet into its declaration.

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
with the project's own validation (``validate_paths``, on a temporary copy of the
collection so that ``depends_on`` resolves) before anything is written. Every row that
cannot be converted, or whose service does not validate, is reported with its row number,
its column and the reason; then nothing is written and the exit status is 1, unless
``--skip-bad-rows``, which writes the other rows and lists the skipped ones. The file is
written atomically and an existing file is only replaced with ``--force``.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import jdatetime
import typer

from egov_audit.importer.template import (
    CollectionOption,
    DeclaredOnOption,
    ForceOption,
    OutputOption,
    ascii_digits,
    declaration_header,
    find_agency,
    load_registry,
    normalise_date,
    parse_declared_on,
    yaml_str,
)
from egov_audit.io.files import write_new_file
from egov_audit.model.calendars import Calendar, parse_date, parse_month
from egov_audit.model.errors import UsageError
from egov_audit.model.inventory import AgencyRef, Collection, Severity
from egov_audit.runner.collection import (
    AGENCIES_DIR,
    COLLECTION_FILE,
    YAML_SUFFIXES,
    validate_paths,
)

EXIT_BAD_ROWS = 1

#: Accepted headers of each column (besides the field name itself), compared after
#: :func:`_key` normalisation.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "service id", "شناسه", "شناسه خدمت", "کد خدمت"),
    "name": ("name", "نام", "نام خدمت", "عنوان", "عنوان خدمت", "نام انگلیسی"),
    "name_local": ("name_local", "local name", "نام محلی", "نام فارسی", "عنوان فارسی"),
    "status": ("status", "وضعیت", "وضعیت الکترونیکی"),
    "type": ("type", "نوع", "نوع خدمت"),
    "audience": ("audience", "audiences", "مخاطب", "مخاطبان", "گیرنده خدمت"),
    "channels": ("channels", "channel", "کانال", "کانال‌ها", "مجرا", "مجاری ارائه"),
    "in_person_steps": ("in_person_steps", "مراحل حضوری", "مرحله حضوری"),
    "launched_on": ("launched_on", "تاریخ راه‌اندازی", "تاریخ راه اندازی", "تاریخ شروع"),
    "depends_on": ("depends_on", "وابستگی", "وابستگی‌ها", "وابسته به"),
}
REQUIRED = ("id", "name", "status", "type", "audience")
LISTS = ("audience", "channels", "depends_on")

#: The one table of accepted values: field -> format value -> the spellings that mean it.
#: Spellings are compared after :func:`_key` normalisation (case, ZWNJ, ``_``, ``-``).
VALUES: dict[str, dict[str, tuple[str, ...]]] = {
    "status": {
        "full": ("full", "تمام الکترونیک", "تمام الکترونیکی", "کاملا الکترونیک", "الکترونیک"),
        "partial": ("partial", "نیمه الکترونیک", "نیمه الکترونیکی", "بخشی الکترونیک"),
        "in_person": ("in_person", "حضوری", "غیر الکترونیک", "in person"),
        "unknown": ("unknown", "نامشخص", "نیاز به اطلاعات بیشتر", "نیازمند اطلاعات بیشتر"),
    },
    "type": {
        "informational": ("informational", "اطلاع رسانی", "اطلاعاتی"),
        "interactive": ("interactive", "تعاملی"),
        "transactional": ("transactional", "تراکنشی", "تبادلی"),
    },
    "audience": {
        "citizens": ("citizens", "شهروندان", "شهروند", "مردم", "citizen"),
        "businesses": ("businesses", "کسب و کارها", "کسب و کار", "بنگاه ها", "business"),
        "government": ("government", "دولت", "دستگاه های دولتی", "دستگاه های اجرایی"),
    },
    "channels": {
        "portal": ("portal", "پرتال", "درگاه", "وب", "وبگاه", "web"),
        "kiosk": ("kiosk", "کیوسک", "پیشخوان", "دفاتر پیشخوان"),
        "mobile": ("mobile", "موبایل", "تلفن همراه", "اپلیکیشن", "برنامک", "app"),
    },
}

_SPLIT = re.compile(r"[,;،؛]")
_MONTH_HEADER = re.compile(r"^([0-9]{4})\s*[-/.]\s*([0-9]{1,2})$")
_MONTH_LIKE = re.compile(r"^[0-9]{2,4}\s*[-/.]\s*[0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_COUNT = re.compile(r"^[0-9]+$")
_GROUPED_COUNT = re.compile(r"^[0-9]{1,3}([,٬'][0-9]{3})+$")
_SERVICE_PATH = re.compile(r"^\$\.services\[([0-9]+)\](?:\.([A-Za-z_]+)|\[.*?\])?(.*)$")
_MONTH_IN_PATH = re.compile(r'^\["([0-9]{4}-[0-9]{2})"\]')


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
    """Why a row cannot be imported: its row number, the column (if one) and the reason."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


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


# ---------------------------------------------------------------------------
# Reading


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


def _text(value: Any) -> str | None:
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


def read_layout(header: Sequence[Any], calendar: Calendar) -> Layout:
    """Recognise the header row; raise UsageError for missing, doubled or bad columns."""
    layout = Layout()
    seen_months: dict[str, str] = {}
    problems: list[str] = []
    for index, raw in enumerate(header):
        if isinstance(raw, datetime.datetime | datetime.date):
            raw = _month_of_date_header(raw, calendar)
        text = _text(raw)
        if text is None:
            continue
        label = f'{column_letter(index)} "{text}"'
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
            "the header row (row 1) cannot be used:\n  "
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
    problems: list[Problem] = []
    service: dict[str, Any] = {}

    def cell(name: str) -> Any:
        column = layout.fields.get(name)
        if column is None or column.index >= len(cells):
            return None
        return cells[column.index]

    def problem(name: str, message: str) -> None:
        column = layout.fields.get(name)
        problems.append(Problem(number, column.label if column else name, message))

    for name in ("id", "name", "name_local", "status", "in_person_steps", "type"):
        value = cell(name)
        if isinstance(value, datetime.date):
            problem(name, f"a date where {name} was expected")
            continue
        text = _text(value)
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
        text = _text(cell(name))
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
    elif (text := _text(launched)) is not None:
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
            problems.append(Problem(number, column.label, count))
        elif count is not None:
            transactions[column.field] = count
    if transactions:
        service["transactions"] = dict(sorted(transactions.items()))
    return (None if problems else service), problems


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
        return value if value >= 0 else f"{value} is negative; a count is a whole number >= 0"
    if isinstance(value, float):
        if value.is_integer() and value >= 0:
            return int(value)
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
        return f"{str(value).strip()!r} is not a whole number >= 0"
    return int(text)


def _from_gregorian(value: datetime.date, calendar: Calendar) -> str:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if calendar is Calendar.JALALI:
        converted = jdatetime.date.fromgregorian(date=day)
        return f"{converted.year:04d}-{converted.month:02d}-{converted.day:02d}"
    return day.isoformat()


# ---------------------------------------------------------------------------
# Writing and validating


def _flow(items: Sequence[str]) -> str:
    parts = [
        item if re.fullmatch(r"[a-z0-9][a-z0-9/_-]*", item) else yaml_str_quoted(item)
        for item in items
    ]
    return "[" + ", ".join(parts) + "]"


def yaml_str_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


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
                text = _flow(value)
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


def validate_text(collection_dir: Path, agency_id: str, text: str) -> list[tuple[str, Any]]:
    """Validate a declaration with the project's checks, on a temporary copy of the collection.

    Returns (json_path, finding) for every finding. The other agencies' files are copied
    too, so that ``depends_on`` resolves as it will once the file is in place.
    """
    with tempfile.TemporaryDirectory(prefix="egov-audit-import-") as scratch:
        root = Path(scratch)
        shutil.copyfile(collection_dir / COLLECTION_FILE, root / COLLECTION_FILE)
        agencies = root / AGENCIES_DIR
        agencies.mkdir()
        source = collection_dir / AGENCIES_DIR
        if source.is_dir():
            for other in source.iterdir():
                if other.suffix in YAML_SUFFIXES and other.stem != agency_id and other.is_file():
                    shutil.copyfile(other, agencies / other.name)
        target = agencies / f"{agency_id}.yaml"
        target.write_text(text, encoding="utf-8")
        result = validate_paths([target])
        return [(finding.json_path, finding) for finding in result.findings]


def _attribute(
    findings: list[tuple[str, Any]], rows: Sequence[Row], layout: Layout
) -> tuple[list[Problem], list[str], list[str]]:
    """Split findings into row problems (errors), row warnings and document-level errors."""
    problems: list[Problem] = []
    warnings_out: list[str] = []
    document: list[str] = []
    months = {column.field: column.label for column in layout.months}
    for path, finding in findings:
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


# ---------------------------------------------------------------------------
# The command


def import_sheet(
    sheet: Annotated[
        Path, typer.Argument(metavar="SHEET", help="The .xlsx or .csv file, one service per row.")
    ],
    agency: Annotated[
        str,
        typer.Option("--agency", "-a", help="Id of the agency, as registered in collection.yaml."),
    ],
    collection: CollectionOption = Path("."),
    output: OutputOption = None,
    declared_on: DeclaredOnOption = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Write the rows that convert and validate; list the others.",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Write an agency's declaration from a spreadsheet (.xlsx or .csv).

    Row 1 names the columns, each later row is a service: id, name, name_local, status,
    type, audience, channels, in_person_steps, launched_on, depends_on, and one column
    per month (e.g. 1399-01) with its transaction count. Persian headers and values
    (وضعیت, تمام الکترونیک ...) and Persian digits are accepted. Rows that cannot be
    imported are listed with row, column and reason; then nothing is written (exit 1)
    unless --skip-bad-rows. An existing file is kept unless --force.

    Examples:

      egov-audit import services.xlsx --agency abfa --collection inventories/qom

      egov-audit import services.csv -a abfa -c inventories/qom --declared-on 1399-07-12

      egov-audit import services.csv -a abfa --skip-bad-rows --force
    """
    registry = load_registry(collection)
    found = find_agency(registry, agency.strip())
    declared = parse_declared_on(registry.calendar, declared_on)
    target = output if output is not None else collection / AGENCIES_DIR / f"{found.id}.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target} exists; pass --force to overwrite it")
    if output is None and not target.parent.exists() and (collection / COLLECTION_FILE).is_file():
        target.parent.mkdir()

    rows_iter = iter(list(read_rows(sheet)))  # read all at once: the workbook is closed
    header = next(rows_iter, None)
    if header is None or all(_text(value) is None for value in header[1]):
        raise UsageError(f"{sheet}: the first row must name the columns; it is empty")
    layout = read_layout(header[1], registry.calendar)
    for label in layout.ignored:
        typer.echo(f"warning: column {label} is not part of the layout; ignored", err=True)

    rows: list[Row] = []
    problems: list[Problem] = []
    first_rows: dict[str, int] = {}
    total = 0
    for number, cells in rows_iter:
        if all(_text(value) is None for value in cells):
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

    source = sheet.name
    row_warnings: list[str] = []
    while True:
        text = render(target, registry, found, declared, [r.service for r in rows], source)
        findings = validate_text(collection, found.id, text)
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

    bad_rows = sorted({problem.row for problem in problems})
    problems.sort(key=lambda p: p.row)
    if problems and not skip_bad_rows:
        for problem in problems:
            typer.echo(f"{sheet}: {problem}", err=True)
        typer.echo(
            f"nothing written: {len(bad_rows)} of {total} row(s) cannot be imported; fix "
            "them, or pass --skip-bad-rows to import the others",
            err=True,
        )
        raise typer.Exit(EXIT_BAD_ROWS)
    if not rows:
        for problem in problems:
            typer.echo(f"{sheet}: {problem}", err=True)
        typer.echo(f"nothing written: none of the {total} row(s) can be imported", err=True)
        raise typer.Exit(EXIT_BAD_ROWS)
    for line in row_warnings:
        typer.echo(f"{sheet}: {line}", err=True)
    for problem in problems:
        typer.echo(f"{sheet}: skipped {problem}", err=True)
    write_new_file(target, text, force=force)
    skipped = (
        f"; skipped {len(bad_rows)} row(s): {', '.join(map(str, bad_rows))}" if bad_rows else ""
    )
    typer.echo(f"wrote {target}: {len(rows)} service(s) from {total} row(s){skipped}", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``import`` command to ``app``."""
    app.command("import")(import_sheet)
