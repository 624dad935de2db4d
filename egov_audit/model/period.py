"""Report periods: a year, a half, a quarter, a month, or a range of months."""

from __future__ import annotations

import re
from dataclasses import dataclass

from egov_audit.model.calendars import Month, format_month, months_between
from egov_audit.model.errors import UsageError

_YEAR = re.compile(r"^([0-9]{4})\Z")
_HALF = re.compile(r"^([0-9]{4})-H([12])\Z", re.IGNORECASE)
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])\Z", re.IGNORECASE)
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")
_RANGE = re.compile(r"^([0-9]{4})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})\Z")

PERIOD_HELP = (
    "1399 (a year), 1399-H1 (a half), 1399-Q2 (a quarter), 1399-05 (a month), "
    "1399-01..1399-06 (a range)"
)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of whole months, in the collection's calendar, that a report covers."""

    label: str
    start: Month
    end: Month

    @property
    def months(self) -> list[Month]:
        """Every month of the period, in order."""
        return months_between(self.start, self.end)

    @property
    def year(self) -> int:
        """The year the period ends in: "new services of the year" are counted in it."""
        return self.end[0]

    def contains(self, month: Month) -> bool:
        """Whether ``month`` falls inside the period."""
        return self.start <= month <= self.end

    def describe(self) -> str:
        """``1399-01..1399-06`` style description of the months covered."""
        if self.start == self.end:
            return format_month(self.start)
        return f"{format_month(self.start)}..{format_month(self.end)}"


#: Persian (extended Arabic-Indic) and Arabic-Indic digits, as a person may type them.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def ascii_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits written as ASCII digits (``۱۳۹۹``
    is ``1399``); every other character unchanged."""
    return text.translate(_DIGITS)


def _month(year: str, month: str, spec: str) -> Month:
    number = int(month)
    if not 1 <= number <= 12:
        raise UsageError(f"invalid period {spec!r}: month {month} is not between 01 and 12")
    return (int(year), number)


def parse_period(spec: str) -> Period:
    """Parse a ``--period`` value; raise :class:`UsageError` with the accepted forms if invalid.

    Persian and Arabic-Indic digits are read as the same numbers (``۱۳۹۹-H1``)."""
    text = ascii_digits(spec.strip())
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(text, (year, 1), (year, 12))
    if match := _HALF.match(text):
        year, half = int(match.group(1)), int(match.group(2))
        return Period(f"{year}-H{half}", (year, 6 * half - 5), (year, 6 * half))
    if match := _QUARTER.match(text):
        year, quarter = int(match.group(1)), int(match.group(2))
        return Period(f"{year}-Q{quarter}", (year, 3 * quarter - 2), (year, 3 * quarter))
    if match := _MONTH.match(text):
        month = _month(match.group(1), match.group(2), spec)
        return Period(text, month, month)
    if match := _RANGE.match(text):
        start = _month(match.group(1), match.group(2), spec)
        end = _month(match.group(3), match.group(4), spec)
        if end < start:
            raise UsageError(f"invalid period {spec!r}: the range ends before it starts")
        return Period(text, start, end)
    raise UsageError(f"invalid period {spec!r}; use one of: {PERIOD_HELP}")


def year_period(year: int) -> Period:
    """The whole year ``year``."""
    return Period(str(year), (year, 1), (year, 12))
