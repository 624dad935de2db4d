"""The inventory as a table for open-data portals: one row per service and per exchange
service, as CSV or .xlsx.

Columns (the headers are these keys in every language):
``agency, agency_name, agency_name_local, declared_on, verified, id, name, name_local,
status, type, audience, channels, in_person_steps, launched_on, depends_on, benchmarks,
kind, inquiries, transactions``, then one column per month of the period (``YYYY-MM`` in
the collection's calendar).

``kind`` is ``service`` for a service (``services``) and ``exchange_service`` for a service
the agency offers other bodies over the collection's exchange (``exchange_services``); an
agency's services come first, then its exchange services. An exchange service has an id,
a name and inquiries, and nothing else a service has: its other service fields are empty.

``transactions`` (of a service) and ``inquiries`` (of an exchange service) are the sum of
the counts the row declares for the months of the period, empty when it declares none of
them (and always empty for the other kind); a month column holds that month's count,
transactions or inquiries as ``kind`` says (a month split by channel or by consumer counts
the sum), empty when the month is not declared: an empty cell is "no figure", never zero.
Lists (``audience``, ``channels``, ``depends_on``, ``benchmarks``) are separated by ``, ``
as ``import`` reads them. Dates and months are in the collection's calendar, as the
declarations write them.

The CSV starts with a UTF-8 byte order mark and prefixes a cell that a spreadsheet would
read as a formula with an apostrophe, as the report's CSV does; the workbook stores such
a cell as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from egov_audit.io.workbook import Sheet, workbook_bytes
from egov_audit.model import Declaration
from egov_audit.model.calendars import format_month
from egov_audit.model.period import Period
from egov_audit.render.report.csv import BOM, safe_cell

HEADERS = (
    "agency",
    "agency_name",
    "agency_name_local",
    "declared_on",
    "verified",
    "id",
    "name",
    "name_local",
    "status",
    "type",
    "audience",
    "channels",
    "in_person_steps",
    "launched_on",
    "depends_on",
    "benchmarks",
    "kind",
    "inquiries",
    "transactions",
)
_WIDTHS = (18, 36, 36, 12, 9, 30, 40, 40, 10, 14, 30, 22, 40, 12, 36, 30, 16, 14, 14)
SERVICE, EXCHANGE_SERVICE = "service", "exchange_service"
"""The values of the ``kind`` column."""


def _day(day: tuple[int, int, int] | None) -> str:
    return "" if day is None else f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def service_rows(declarations: Iterable[Declaration], period: Period) -> list[list[Any]]:
    """The header and one row per service and per exchange service, counts as integers and
    other cells as text."""
    months = period.months
    header: list[Any] = [*HEADERS, *(format_month(month) for month in months)]
    found: list[list[Any]] = [header]
    for declaration in sorted(declarations, key=lambda d: d.agency.id):
        agency = declaration.agency
        for service in declaration.services:
            counts = {month: count for month, count in service.transactions}
            in_period = [counts[month] for month in months if month in counts]
            found.append(
                [
                    agency.id,
                    agency.name,
                    agency.name_local or "",
                    _day(declaration.declared_on),
                    "true" if declaration.verified else "false",
                    service.id,
                    service.name,
                    service.name_local or "",
                    service.status.value,
                    service.type.value,
                    ", ".join(service.audience),
                    ", ".join(service.channels),
                    service.in_person_steps or "",
                    _day(service.launched_on),
                    ", ".join(service.depends_on),
                    ", ".join(service.benchmarks),
                    SERVICE,
                    None,
                    sum(in_period) if in_period else None,
                    *(counts.get(month) for month in months),
                ]
            )
        for offer in declaration.exchange_services:
            counts = {month: count for month, count in offer.inquiries}
            in_period = [counts[month] for month in months if month in counts]
            found.append(
                [
                    agency.id,
                    agency.name,
                    agency.name_local or "",
                    _day(declaration.declared_on),
                    "true" if declaration.verified else "false",
                    offer.id,
                    offer.name,
                    offer.name_local or "",
                    *("" for _field in HEADERS[8:16]),
                    EXCHANGE_SERVICE,
                    sum(in_period) if in_period else None,
                    None,
                    *(counts.get(month) for month in months),
                ]
            )
    return found


def render_csv(declarations: Iterable[Declaration], period: Period) -> str:
    """The table as CSV text, starting with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in service_rows(declarations, period):
        writer.writerow([safe_cell("" if cell is None else str(cell)) for cell in row])
    return BOM + buffer.getvalue()


def render_xlsx(declarations: Iterable[Declaration], period: Period) -> bytes:
    """The table as a workbook of one sheet, ``services`` (exchange services included)."""
    rows = service_rows(declarations, period)
    widths = [*_WIDTHS, *(10 for _ in period.months)]
    return workbook_bytes([Sheet("services", rows, widths=widths)])
