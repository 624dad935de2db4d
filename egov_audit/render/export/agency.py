"""An agency's declaration as a workbook in exactly the layout ``import`` reads.

Four sheets, named and headed in the chosen language (the collection's by default):

* services: a row per service with ``id``, ``name``, ``name_local``, ``status``,
  ``in_person_steps``, ``type``, ``audience``, ``channels``, ``launched_on``,
  ``depends_on`` and ``benchmarks``; status and type are drop-down lists that refuse other
  values, audience and channels drop-down lists of every combination that warn on
  others (several values are separated by commas);
* months: a row per service and month with the month's count in ``transactions``, or,
  for a month the declaration splits by channel, in the ``portal``, ``kiosk``, ``mobile``
  and ``in_person`` columns; the service's name is there for reading and is not imported;
* history: a row per earlier state of a service (the format's ``history``): the date
  from which it held, the status, channels and in-person steps then;
* instructions: how to fill the workbook in and import it, and the lists of choices the
  drop-down lists take their values from.

Header rows are bold and frozen; columns are as wide as their contents need; a Persian
workbook is right-to-left. ``egov-audit init AGENCY --format xlsx`` writes the same
workbook with no services.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from egov_audit.importer.words import (
    list_separator,
    written_exchange_header,
    written_header,
    written_history_header,
    written_month_header,
    written_sheet,
    written_value,
)
from egov_audit.io.workbook import DropDown, Sheet, workbook_bytes
from egov_audit.model import SPLIT_CHANNELS, AgencyRef, Audience, Channel, Collection, Service
from egov_audit.model.calendars import format_day, format_month
from egov_audit.model.inventory import ExchangeService, ServiceType, Status

FIELDS = (
    "id",
    "name",
    "name_local",
    "status",
    "in_person_steps",
    "type",
    "audience",
    "channels",
    "launched_on",
    "depends_on",
    "benchmarks",
)
_WIDTHS = (12, 20, 20, 14, 46, 12, 16, 14, 14, 46, 16)
MONTH_FIELDS = ("id", "name", "month", "transactions", *SPLIT_CHANNELS)
HISTORY_FIELDS = ("id", "name", "on", "status", "channels", "in_person_steps")
EXCHANGE_FIELDS = ("id", "name", "name_local", "month", "consumer", "inquiries")
_EXCHANGE_WIDTHS = (12, 20, 20, 10, 14, 12)
_HISTORY_WIDTHS = (12, 20, 12, 14, 14, 46)
_MONTH_WIDTHS = (12, 20, 10, 12, 10, 10, 10, 10)
ROWS_WITH_LISTS = 2000
"""The drop-down lists cover the services sheet down to this row."""

_MEANINGS = {
    "id": "lower-case letters, digits and hyphens, unique in the sheet (e.g. bill-payment)",
    "name": "the service's name in English",
    "name_local": "the service's name in the local language (optional)",
    "status": "how electronic it is: fully, partly (a step needs a visit), in person only, "
    "or not yet verified",
    "in_person_steps": "for partly electronic and in-person services: which step needs a "
    "visit, and why",
    "type": "informational, interactive (forms, inquiries) or transactional (an "
    "application decided and delivered)",
    "audience": "citizens, businesses, government bodies: one or more",
    "channels": "portal, kiosk or counter offices, mobile app: any (at least one for fully "
    "and partly electronic services)",
    "launched_on": "the launch date, YYYY-MM-DD in the collection's calendar (optional)",
    "depends_on": "other agencies' services this one needs, as agency-id/service-id (optional)",
    "benchmarks": "benchmark codes such as sdg:income-tax-declaration ('egov-audit "
    "benchmarks' lists them; optional)",
}


def _choices(lang: str) -> dict[str, list[str]]:
    """The drop-down lists: statuses, types, and every combination of audiences and of
    channels, in the language."""
    separator = list_separator(lang)

    def combos(values: Sequence[str]) -> list[str]:
        return [
            separator.join(written_value(v, lang) for v in combo)
            for size in range(1, len(values) + 1)
            for combo in combinations(values, size)
        ]

    return {
        "status": [written_value(s.value, lang) for s in Status],
        "type": [written_value(t.value, lang) for t in ServiceType],
        "audience": combos([a.value for a in Audience]),
        "channels": combos([c.value for c in Channel]),
    }


def _service_row(service: Service, lang: str) -> list[Any]:
    separator = list_separator(lang)
    return [
        service.id,
        service.name,
        service.name_local,
        written_value(service.status.value, lang),
        service.in_person_steps,
        written_value(service.type.value, lang),
        separator.join(written_value(a.value, lang) for a in service.audience),
        separator.join(written_value(c.value, lang) for c in service.channels) or None,
        format_day(service.launched_on) if service.launched_on else None,
        ", ".join(service.depends_on) or None,
        ", ".join(service.benchmarks) or None,
    ]


def _month_rows(service: Service, local: bool) -> list[list[Any]]:
    splits = {month: dict(pairs) for month, pairs in service.channel_splits}
    name = service.name_local if local and service.name_local else service.name
    rows: list[list[Any]] = []
    for month, count in service.transactions:
        split = splits.get(month)
        if split is None:
            rows.append([service.id, name, format_month(month), count])
        else:
            rows.append(
                [service.id, name, format_month(month), None]
                + [split.get(channel) for channel in SPLIT_CHANNELS]
            )
    return rows


def _history_rows(service: Service, local: bool, lang: str) -> list[list[Any]]:
    name = service.name_local if local and service.name_local else service.name
    separator = list_separator(lang)
    return [
        [
            service.id,
            name,
            format_day(entry.on),
            written_value(entry.status.value, lang),
            separator.join(written_value(c.value, lang) for c in entry.channels) or None,
            entry.in_person_steps,
        ]
        for entry in service.history
    ]


def _exchange_rows(service: ExchangeService) -> list[list[Any]]:
    names = [service.id, service.name, service.name_local]
    if not service.inquiries:
        return [names]
    splits = dict(service.consumer_splits)
    rows: list[list[Any]] = []
    for month, count in service.inquiries:
        if month in splits:
            rows += [[*names, format_month(month), c, n] for c, n in splits[month]]
        else:
            rows.append([*names, format_month(month), None, count])
    return rows


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _instructions(
    collection: Collection, agency: AgencyRef, declared_on: str | None, lang: str
) -> list[list[Any]]:
    services, months = written_sheet("services", lang), written_sheet("months", lang)
    calendar = collection.calendar.value
    lines = [
        "How to fill in this workbook",
        f"Agency: {agency.name} ({agency.id}). Collection: {collection.name} "
        f"({collection.id}). Dates and months are in the {calendar} calendar.",
        f"Exported from the declaration of {declared_on}."
        if declared_on
        else "A new declaration: add one row per public service the agency delivers.",
        "",
        f"Sheet {services}: one row per public service. Keep row 1 as it is. The columns:",
        *(f"  {written_header(f, lang)}: {_MEANINGS[f]}" for f in FIELDS),
        "Pick status, type, audience and channels from the drop-down lists (their choices "
        "are listed on this sheet, to the side). Several values in one cell are separated "
        "by commas.",
        "",
        f"Sheet {months}: one row per service and month: the service's id, the month "
        "(YYYY-MM) and the number of transactions completed that month; for a month counted "
        "by channel, the numbers in the channel columns instead, with the transactions cell "
        "left empty. An empty cell means 'no figure', not zero. The service name column is "
        "for reading only.",
        "",
        f"Sheet {written_sheet('history', lang)} (optional): the services' earlier states, "
        "oldest first, one row each: the service's id, the date from which it had the state "
        "(YYYY-MM-DD), and its status, channels and in-person steps then. The services "
        f"sheet holds the state on the declaration's date.",
        "",
        f"Sheet {written_sheet('exchange', lang)} (if the collection has a government "
        "exchange): the services the agency offers other bodies over it, one row per "
        "service and month: its id, names, the month and the inquiries served; a month "
        "split by consumer takes one row per consumer, with the consumer's id.",
        "",
        "Type values, not formulas. When done, import the workbook:",
        f"  egov-audit import <this file>.xlsx --agency {agency.id} --collection "
        "<collection folder>",
        "Every problem is named by its sheet and cell, and nothing is written until every "
        "row imports.",
    ]
    rows: list[list[Any]] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        wrapped = textwrap.wrap(line, 96, subsequent_indent=indent + "  ") or [""]
        rows += [[part] for part in wrapped]
    return rows


def agency_sheets(
    collection: Collection,
    agency: AgencyRef,
    services: Sequence[Service],
    lang: str,
    declared_on: str | None = None,
    exchange: Sequence[ExchangeService] = (),
) -> list[Sheet]:
    """The sheets of the workbook of ``services`` (none for an empty template); an exchange
    sheet too when the collection has a government exchange or ``exchange`` services."""
    rtl = lang == "fa"
    local = lang != "en" and lang == (collection.language or "en")
    service_rows: list[list[Any]] = [[written_header(f, lang) for f in FIELDS]]
    service_rows += [_service_row(service, lang) for service in services]
    month_rows: list[list[Any]] = [[written_month_header(f, lang) for f in MONTH_FIELDS]]
    history_rows: list[list[Any]] = [[written_history_header(f, lang) for f in HISTORY_FIELDS]]
    for service in services:
        month_rows += _month_rows(service, local)
        history_rows += _history_rows(service, local, lang)

    instructions_name = written_sheet("instructions", lang)
    instructions = _instructions(collection, agency, declared_on, lang)
    choices = _choices(lang)
    drop_downs, history_drop_downs = [], []
    last = max(ROWS_WITH_LISTS, len(service_rows) + 100, len(history_rows) + 100)
    for offset, (field, values) in enumerate(choices.items()):
        column = 2 + offset  # C, D, E, F of the instructions sheet
        while len(instructions) < len(values) + 1:
            instructions.append([None])
        for row_index, value in enumerate([written_header(field, lang), *values]):
            row = instructions[row_index]
            row.extend([None] * (column + 1 - len(row)))
            row[column] = value
        letter = "CDEF"[offset]
        source = f"{_quoted(instructions_name)}!${letter}$2:${letter}${len(values) + 1}"
        strict = field in ("status", "type")
        drop_downs.append(DropDown(FIELDS.index(field), 2, last, source, strict))
        if field in HISTORY_FIELDS:
            history_drop_downs.append(
                DropDown(HISTORY_FIELDS.index(field), 2, last, source, strict)
            )
    sheets = [
        Sheet(
            written_sheet("services", lang),
            service_rows,
            widths=_WIDTHS,
            right_to_left=rtl,
            drop_downs=drop_downs,
            wrap_columns=frozenset({FIELDS.index("in_person_steps"), FIELDS.index("depends_on")}),
        ),
        Sheet(written_sheet("months", lang), month_rows, widths=_MONTH_WIDTHS, right_to_left=rtl),
        Sheet(
            written_sheet("history", lang),
            history_rows,
            widths=_HISTORY_WIDTHS,
            right_to_left=rtl,
            drop_downs=history_drop_downs,
            wrap_columns=frozenset({HISTORY_FIELDS.index("in_person_steps")}),
        ),
        Sheet(
            instructions_name,
            instructions,
            widths=(100, 2, 14, 14, 14, 14),
            freeze_header=False,
            right_to_left=rtl,
        ),
    ]
    if collection.exchange is not None or exchange:
        exchange_rows: list[list[Any]] = [
            [written_exchange_header(f, lang) for f in EXCHANGE_FIELDS]
        ]
        for offered in exchange:
            exchange_rows += _exchange_rows(offered)
        sheet = Sheet(
            written_sheet("exchange", lang),
            exchange_rows,
            widths=_EXCHANGE_WIDTHS,
            right_to_left=rtl,
        )
        sheets.insert(3, sheet)
    return sheets


def agency_workbook(
    collection: Collection,
    agency: AgencyRef,
    services: Sequence[Service],
    lang: str,
    declared_on: str | None = None,
    exchange: Sequence[ExchangeService] = (),
) -> bytes:
    """The workbook of ``services`` (and ``exchange`` services) as .xlsx bytes."""
    sheets = agency_sheets(collection, agency, services, lang, declared_on, exchange)
    return workbook_bytes(sheets)
