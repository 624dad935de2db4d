"""The per-agency table as CSV, for spreadsheets.

One row per declared agency: ``id, name, rank, verified, services, full, partial,
in_person, unknown, full_share, portal, kiosk, mobile, transactions, take_up``. The
headers are these keys in every language; ``name`` is the agency's local name when the
report is in the collection's language (as in the other formats), else its English name.

The text starts with a UTF-8 byte order mark: without it Excel reads UTF-8 as the
system's legacy code page and garbles Persian or Greek names; LibreOffice and Python's
``utf-8-sig`` codec skip it. Lines end in ``\\n`` (the platform's text mode turns it into
``\\r\\n`` on Windows); spreadsheets read both.

Shares (``full_share``, ``take_up``) are fractions with six decimals; ``take_up`` and
``rank`` are empty when the agency has no month split by channel or is not ranked.

Agency names come from the agencies' own files, so any cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe: a spreadsheet then
shows it as text instead of running it as a formula (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Channel, Status
from egov_audit.render.i18n import translator
from egov_audit.render.report.labels import ref_name
from egov_audit.render.report.progress_data import series_rows

BOM = "\ufeff"
HEADERS = (
    "id",
    "name",
    "rank",
    "verified",
    "services",
    "full",
    "partial",
    "in_person",
    "unknown",
    "full_share",
    "portal",
    "kiosk",
    "mobile",
    "transactions",
    "take_up",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def rows(report: ReadinessReport, lang: str = "en") -> list[list[str]]:
    """The header and one row per agency, as the CSV file holds them (before escaping)."""
    tr = translator(lang)
    take_up = {row.agency.id: row for row in report.take_up_by_agency if row.agency is not None}
    found = [list(HEADERS)]
    for row in report.agencies:
        split = take_up.get(row.agency.id)
        found.append(
            [
                row.agency.id,
                ref_name(row.agency, report, tr),
                "" if row.rank is None else str(row.rank),
                "true" if row.verified else "false",
                str(row.services),
                str(row.by_status[Status.FULL]),
                str(row.by_status[Status.PARTIAL]),
                str(row.by_status[Status.IN_PERSON]),
                str(row.by_status[Status.UNKNOWN]),
                f"{row.full_share:.6f}",
                str(row.channels[Channel.PORTAL]),
                str(row.channels[Channel.KIOSK]),
                str(row.channels[Channel.MOBILE]),
                str(row.transactions),
                "" if split is None or not split.total else f"{split.take_up:.6f}",
            ]
        )
    return found


def render(
    report: ReadinessReport, lang: str = "en", *, previous: ReadinessReport | None = None
) -> str:
    """The per-agency table as CSV text, starting with a byte order mark.

    ``previous`` is accepted like every report renderer and ignored: the table is one
    period's.
    """
    del previous
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows(report, lang))
    return BOM + buffer.getvalue()


def render_series(report: ReadinessReport) -> str:
    """The fully electronic share at the end of each quarter or year, as CSV text with a
    byte order mark: ``label, start, end, as_of, services, full, partial, in_person,
    unknown, full_share, undated`` (a header alone when no service has a history)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(series_rows(report))
    return BOM + buffer.getvalue()
