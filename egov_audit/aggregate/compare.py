"""Two periods side by side: the headline figures of two reports of the same declarations.

Counts change in times ("2.7x") and in percent of the earlier figure; shares (the fully
electronic share, digital take-up) change in percentage points, never in percent of a
percentage. A figure a period has no data for is None, and so is every change of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.aggregate.figures import ReadinessReport, share_or_none
from egov_audit.model import Channel, Status
from egov_audit.model.calendars import Month

SHARES = ("full_share", "digital_take_up")
"""The figures that are shares (fractions between 0 and 1)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One figure in two periods."""

    key: str
    current: float | None
    previous: float | None

    @property
    def is_share(self) -> bool:
        """Whether the figure is a share (it changes in percentage points)."""
        return self.key in SHARES

    @property
    def ratio(self) -> float | None:
        """current / previous ("x times") of a count; None for a share, without data, or
        when previous is 0."""
        if self.is_share or self.current is None or not self.previous:
            return None
        return self.current / self.previous

    @property
    def percent(self) -> float | None:
        """The change of a count in percent of previous; None as for :attr:`ratio`."""
        if self.is_share or self.current is None or not self.previous:
            return None
        return (self.current - self.previous) * 100 / self.previous

    @property
    def points(self) -> float | None:
        """The change of a share in percentage points; None for a count or without data."""
        if not self.is_share or self.current is None or self.previous is None:
            return None
        return (self.current - self.previous) * 100


def compare(current: ReadinessReport, previous: ReadinessReport) -> list[Change]:
    """The headline figures of two reports side by side."""

    def figures(report: ReadinessReport) -> dict[str, float | None]:
        values: dict[str, float | None] = {
            "agencies_declared": report.agencies_declared,
            "services": report.services_total,
        }
        for status in Status:
            values[f"status.{status.value}"] = report.by_status[status]
        values["full_share"] = share_or_none(report.by_status[Status.FULL], report.services_total)
        values["transactions"] = report.transactions_total
        values["new_services"] = report.new_services_total
        for channel in Channel:
            values[f"channel.{channel.value}"] = report.channel_offerings[channel]
        values["digital_take_up"] = share_or_none(report.take_up.digital, report.take_up.total)
        return values

    now, before = figures(current), figures(previous)
    return [Change(key, now[key], before[key]) for key in now]


def coverage_differs(current: ReadinessReport, previous: ReadinessReport) -> bool:
    """Whether the two periods have transaction data for different numbers of months."""
    return len(current.months_with_data) != len(previous.months_with_data)


def months_with_data(report: ReadinessReport) -> list[Month]:
    """The months of a report's period with transaction data."""
    return report.months_with_data
