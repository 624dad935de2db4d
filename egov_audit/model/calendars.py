"""Dates and months in a collection's calendar (Solar Hijri or Gregorian).

Inventories write dates as ``YYYY-MM-DD`` strings and months as ``YYYY-MM`` in the
collection's own calendar. Validity comes from ``jdatetime`` (Solar Hijri) and
``datetime`` (Gregorian) rather than hand-written month tables: 1399-12-30 exists,
1398-12-30 does not, and every month of the first half of the Solar Hijri year has 31 days.
"""

from __future__ import annotations

import datetime
import re
from enum import StrEnum
from functools import lru_cache

import jdatetime

_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_MONTH_RE = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")

#: A month as (year, month), comparable and sortable within one calendar.
Month = tuple[int, int]
#: A date as (year, month, day), comparable and sortable within one calendar.
Day = tuple[int, int, int]


class Calendar(StrEnum):
    """The calendar every date and month of a collection is written in."""

    JALALI = "jalali"
    GREGORIAN = "gregorian"


@lru_cache(maxsize=65536)
def parse_date(calendar: Calendar, text: str) -> Day | None:
    """Return (year, month, day) if ``text`` is a real ``YYYY-MM-DD`` date of the calendar."""
    match = _DATE_RE.match(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        if calendar is Calendar.JALALI:
            jdatetime.date(year, month, day)
        else:
            datetime.date(year, month, day)
    except ValueError:
        return None
    return (year, month, day)


@lru_cache(maxsize=65536)
def parse_month(text: str) -> Month | None:
    """Return (year, month) if ``text`` is a ``YYYY-MM`` month (both calendars have 12)."""
    match = _MONTH_RE.match(text)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1:
        return None
    return (year, month)


def format_month(month: Month) -> str:
    """Write a month as ``YYYY-MM``."""
    return f"{month[0]:04d}-{month[1]:02d}"


def next_month(month: Month) -> Month:
    """The month after ``month``."""
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


def months_between(start: Month, end: Month) -> list[Month]:
    """Every month from ``start`` to ``end``, both included."""
    months: list[Month] = []
    current = start
    while current <= end:
        months.append(current)
        current = next_month(current)
    return months


def month_name(calendar: Calendar, number: int) -> str:
    """The English name of a month of the calendar (Farvardin ... Esfand, January ... December)."""
    if calendar is Calendar.JALALI:
        names: list[str] = jdatetime.date.j_months_en
        return names[number - 1]
    return datetime.date(2000, number, 1).strftime("%B")


def today(calendar: Calendar) -> Day:
    """Today's date in the calendar."""
    if calendar is Calendar.JALALI:
        now = jdatetime.date.today()
        return (now.year, now.month, now.day)
    now_g = datetime.date.today()
    return (now_g.year, now_g.month, now_g.day)


def month_end(calendar: Calendar, month: Month) -> Day:
    """The last day of ``month`` in the calendar (1399-12-30, 1398-12-29, 2020-02-29)."""
    year, number = month
    if calendar is Calendar.JALALI:
        if number <= 6:
            return (year, number, 31)
        if number <= 11:
            return (year, number, 30)
        return (year, 12, 30 if jdatetime.date(year, 1, 1).isleap() else 29)
    following = (
        datetime.date(year + 1, 1, 1) if number == 12 else datetime.date(year, number + 1, 1)
    )
    return (year, number, (following - datetime.timedelta(days=1)).day)


def format_day(day: Day) -> str:
    """Write a date as ``YYYY-MM-DD``."""
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def to_gregorian(calendar: Calendar, day: Day) -> datetime.date:
    """The Gregorian date of a date of the calendar (for outputs that need ISO dates)."""
    if calendar is Calendar.JALALI:
        converted: datetime.date = jdatetime.date(*day).togregorian()
        return converted
    return datetime.date(*day)
