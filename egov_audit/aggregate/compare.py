"""Two periods side by side: the headline figures of two reports of the same declarations."""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.aggregate.figures import ReadinessReport
from egov_audit.model import Channel, Status


@dataclass(frozen=True, slots=True)
class Change:
    """One figure in two periods."""

    key: str
    current: float
    previous: float

    @property
    def ratio(self) -> float | None:
        """current / previous ("x times"), or None when previous is 0."""
        return self.current / self.previous if self.previous else None

    @property
    def percent(self) -> float | None:
        """The change in percent of previous, or None when previous is 0."""
        return (self.current - self.previous) * 100 / self.previous if self.previous else None


def compare(current: ReadinessReport, previous: ReadinessReport) -> list[Change]:
    """The headline figures of two reports side by side."""

    def figures(report: ReadinessReport) -> dict[str, float]:
        values: dict[str, float] = {
            "agencies_declared": report.agencies_declared,
            "services": report.services_total,
        }
        for status in Status:
            values[f"status.{status.value}"] = report.by_status[status]
        values["transactions"] = report.transactions_total
        values["new_services"] = report.new_services_total
        for channel in Channel:
            values[f"channel.{channel.value}"] = report.channel_offerings[channel]
        values["digital_take_up"] = report.take_up.take_up
        return values

    now, before = figures(current), figures(previous)
    return [Change(key, now[key], before[key]) for key in now]
