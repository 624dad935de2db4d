"""What writing a declaration from outside input needs: the registry, the agency, dates."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from egov_audit.io.layout import COLLECTION_FILE
from egov_audit.model import AgencyRef, Collection, Severity
from egov_audit.model.calendars import Calendar, parse_date, today
from egov_audit.model.errors import Remedy, UsageError
from egov_audit.runner import read_collection_file

#: Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

_LOOSE_DATE = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\Z")


def ascii_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits written as ASCII digits."""
    return text.translate(DIGITS)


def normalise_date(text: str) -> str:
    """Write ``۱۳۹۹/۷/۱۲`` or ``1399.07.12`` as ``1399-07-12`` (other text is left as is)."""
    cleaned = ascii_digits(text.strip())
    match = _LOOSE_DATE.match(cleaned)
    if match is None:
        return cleaned
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def load_registry(collection: Path) -> Collection:
    """Read ``<collection>/collection.yaml``; raise UsageError unless it is valid."""
    path = collection / COLLECTION_FILE
    if not path.is_file():
        raise UsageError(f"{collection}: no {COLLECTION_FILE} here", remedy=Remedy.COLLECTION)
    found, _context, findings = read_collection_file(collection)
    if found is None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = f": {errors[0].location}: {errors[0].message}" if errors else ""
        raise UsageError(
            f"{path} has errors{first}", remedy=Remedy.VALIDATE, target=str(collection)
        )
    return found


def find_agency(collection: Collection, agency_id: str) -> AgencyRef:
    """The registry entry of ``agency_id``, or a UsageError naming the closest ids."""
    for agency in collection.agencies:
        if agency.id == agency_id:
            return agency
    ids = [a.id for a in collection.agencies]
    close = difflib.get_close_matches(agency_id, ids, n=3, cutoff=0.6)
    close += [i for i in ids if agency_id and agency_id in i and i not in close][: 3 - len(close)]
    suggestion = f" Did you mean {' or '.join(repr(i) for i in close)}?" if close else ""
    listed = ", ".join(ids[:10]) + (f" ... ({len(ids)} in all)" if len(ids) > 10 else "")
    raise UsageError(
        f"agency {agency_id!r} is not registered in collection.yaml.{suggestion} "
        f"Registered: {listed}. To add an agency, add it to 'agencies:' in collection.yaml."
    )


def parse_declared_on(calendar: Calendar, text: str | None) -> str:
    """``declared_on`` as ``YYYY-MM-DD`` (today when ``text`` is None); UsageError if invalid."""
    if text is None:
        year, month, day = today(calendar)
        return f"{year:04d}-{month:02d}-{day:02d}"
    value = normalise_date(text)
    if parse_date(calendar, value) is None:
        raise UsageError(
            f"--declared-on {text!r} is not a date of the {calendar.value} calendar; "
            "write YYYY-MM-DD, e.g. "
            + ("1399-07-12" if calendar is Calendar.JALALI else "2020-10-03")
        )
    return value
