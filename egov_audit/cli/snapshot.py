"""``report --as-of DATE`` and ``report --csv-table series``: the report as of a date, and
the fully electronic share over time as a CSV table."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.cli.common import write_output
from egov_audit.model.calendars import Calendar, Day, format_month, parse_date
from egov_audit.model.errors import UsageError
from egov_audit.model.period import Period, parse_period
from egov_audit.runner import LoadedCollection

AS_OF_HELP = (
    "Take every service's state (status, channels, in-person steps) on this date, "
    "YYYY-MM-DD in the collection's calendar, instead of on the period's last day; a "
    "service counts if it was launched by then. Without --period, the period is the "
    "date's year up to its month."
)
CSV_TABLE_HELP = (
    "With --format csv: agencies (one row per agency) or series (the fully electronic "
    "share at the end of each quarter or year, from the services' history)."
)


class CsvTable(StrEnum):
    """Which table ``--format csv`` writes."""

    AGENCIES = "agencies"
    SERIES = "series"


def parse_as_of(text: str, calendar: Calendar) -> Day:
    """The ``--as-of`` date, or a usage error naming the calendar."""
    day = parse_date(calendar, text.strip())
    if day is None:
        raise UsageError(
            f"--as-of {text}: not a date of the {calendar.value} calendar; write YYYY-MM-DD "
            "in the collection's calendar"
        )
    return day


def snapshot_period(
    period: str | None, as_of: str | None, loaded: LoadedCollection
) -> tuple[Period, Day | None]:
    """The period to report on and the date of the statuses (None: the period's end).

    ``--period`` as given; else, with ``--as-of``, its year up to its month; else the
    default period. A date before the period starts is a usage error."""
    snapshot = parse_as_of(as_of, loaded.collection.calendar) if as_of else None
    if period:
        chosen = parse_period(period)
    elif snapshot is not None:
        year, month = snapshot[:2]
        chosen = Period(f"{year:04d}-01..{year:04d}-{month:02d}", (year, 1), (year, month))
    else:
        chosen = loaded.default_period()
    if snapshot is not None and snapshot[:2] < chosen.start:
        raise UsageError(
            f"--as-of {as_of} is before the period {chosen.label} starts; give a date in "
            "the period or after it"
        )
    return chosen, snapshot


def write_series(
    report: ReadinessReport, output_format: str, output: Path | None, force: bool
) -> None:
    """Write ``--csv-table series`` (only with ``--format csv``)."""
    if output_format != "csv":
        raise UsageError(
            f"--csv-table series is a CSV table; --format {output_format} has the "
            "series among its figures"
        )
    from egov_audit.render.report import csv

    write_output(csv.render_series(report), output, force=force)


def require_data(asked: Period, option: str, loaded: LoadedCollection) -> None:
    """A period with no transaction data is a usage error naming the calendar and the
    months that have data (a year of the other calendar, a typo, a year not declared)."""
    months = loaded.months_with_data()
    if not months or any(asked.contains(month) for month in months):
        return
    calendar = loaded.collection.calendar.value
    first, last = format_month(months[0]), format_month(months[-1])
    raise UsageError(
        f"{option} {asked.label}: no transactions are declared for any month of it; this "
        f"collection uses the {calendar} calendar and has data for {first}..{last} "
        f"(for example {option} {months[-1][0]})"
    )
