"""Progress over time: what changed in a period, and the fully electronic share over time.

Every figure uses each service's state on a date (:func:`~egov_audit.model.state_on`): its
history entry in effect then, or its declared state from ``declared_on`` on. Services
without a history keep their declared state for every date; they, and services whose
history starts later, are counted as *undated* for a date before their first dated state.

- :class:`ProgressTally` compares each service's state at the start of the period (the
  end of the month before it) with its state at the report's date: the services that
  became fully electronic (and from which status, or ``new`` for a service launched in the
  period), those that regressed (full > partial > in_person; ``unknown`` is outside the
  order) and the channels opened on services that existed at the start.
- :class:`Timeline` keeps, for every distinct state over time, how many services have
  it, and gives the series of the fully electronic share at the end of each quarter (or
  year, when the history spans more than three years) up to the period's end.

See docs/report-method.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from egov_audit.model import Channel, Service, State, Status
from egov_audit.model.calendars import Calendar, Day, Month, month_end

#: The order of the electronic statuses; ``unknown`` is outside it.
STATUS_RANK: dict[Status, int] = {Status.FULL: 3, Status.PARTIAL: 2, Status.IN_PERSON: 1}

NEW = "new"
"""The origin of a service that became fully electronic by being launched in the period."""
ORIGINS = (Status.PARTIAL.value, Status.IN_PERSON.value, Status.UNKNOWN.value, NEW)
"""Where services that became fully electronic came from, in the order reports show them."""

MAX_QUARTERS = 12
"""A series of more quarters than this is given by year."""


@dataclass(frozen=True, slots=True)
class Regression:
    """A service whose status went down the order full > partial > in_person."""

    service: str
    """Global id, ``<agency-id>/<service-id>``."""
    before: Status
    after: Status


@dataclass(frozen=True, slots=True)
class Progress:
    """What changed between the start of the period and the report's date."""

    since: Day
    """The start: the last day of the month before the period."""
    became_full: dict[str, int]
    """Services fully electronic at the report's date and not at the start, by the status
    they had then (``new``: launched in the period)."""
    became_full_services: tuple[str, ...]
    regressed: tuple[Regression, ...]
    channels_opened: dict[Channel, int]
    """Channels a service that existed at the start offers now and did not then."""
    undated_at_start: int = 0
    """Services of the start with no dated state then (their earliest state was used)."""

    @property
    def became_full_total(self) -> int:
        """All services that became fully electronic in the period."""
        return sum(self.became_full.values())

    @property
    def channels_opened_total(self) -> int:
        """All channels opened in the period."""
        return sum(self.channels_opened.values())


NO_PROGRESS = Progress((0, 0, 0), dict.fromkeys(ORIGINS, 0), (), (), dict.fromkeys(Channel, 0))


class ProgressTally:
    """The running counts of :class:`Progress`, one service at a time."""

    def __init__(self, since: Day) -> None:
        self.since = since
        self.became_full: Counter[str] = Counter()
        self.full_services: list[str] = []
        self.regressed: list[Regression] = []
        self.opened: Counter[Channel] = Counter()
        self.undated = 0

    def add(self, global_id: str, before: State | None, after: State, dated_before: bool) -> None:
        """One service: its state at the start (None: launched in the period) and now."""
        if before is None:
            if after.status is Status.FULL:
                self.became_full[NEW] += 1
                self.full_services.append(global_id)
            return
        self.undated += not dated_before
        if after.status is Status.FULL and before.status is not Status.FULL:
            self.became_full[before.status.value] += 1
            self.full_services.append(global_id)
        old, new = STATUS_RANK.get(before.status), STATUS_RANK.get(after.status)
        if old is not None and new is not None and new < old:
            self.regressed.append(Regression(global_id, before.status, after.status))
        if after.channels != before.channels:
            self.opened.update(c for c in after.channels if c not in before.channels)

    def result(self) -> Progress:
        """The figures, services in order of global id."""
        return Progress(
            self.since,
            {origin: self.became_full[origin] for origin in ORIGINS},
            tuple(sorted(self.full_services)),
            tuple(sorted(self.regressed, key=lambda r: r.service)),
            {channel: self.opened[channel] for channel in Channel},
            self.undated,
        )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """The services at the end of a quarter or a year (or of the period, if earlier)."""

    label: str
    """``1399-Q2`` or ``1399``."""
    start: Month
    end: Month
    as_of: Day
    by_status: dict[Status, int]
    undated: int
    """Services with no dated state at ``as_of`` (their earliest state is used)."""

    @property
    def services(self) -> int:
        """All services that existed at ``as_of``."""
        return sum(self.by_status.values())

    @property
    def full(self) -> int:
        """Fully electronic services at ``as_of``."""
        return self.by_status[Status.FULL]


_Changes = tuple[tuple[Month, Status], ...]
_Signature = tuple[Month | None, Month, _Changes, Status]


class Timeline:
    """How many services have each state over time, month by month.

    A service's state at the end of a month depends only on its launch month, its
    declaration's month, the months and statuses of its history and its declared status:
    services alike in these are counted once, so a series costs little whatever its
    length."""

    def __init__(self) -> None:
        self.signatures: Counter[_Signature] = Counter()
        self.first_change: Month | None = None

    def add(self, service: Service, declared_on: Day) -> None:
        """One service of a counted declaration."""
        launched = service.launched_on[:2] if service.launched_on is not None else None
        changes = tuple((entry.on[:2], entry.status) for entry in service.history)
        if changes and (self.first_change is None or changes[0][0] < self.first_change):
            self.first_change = changes[0][0]
        self.signatures[(launched, declared_on[:2], changes, service.status)] += 1

    def series(self, calendar: Calendar, end: Month) -> tuple[SeriesPoint, ...]:
        """The points from the first dated change up to ``end`` (none without a history)."""
        if self.first_change is None or self.first_change > end:
            return ()
        first_year, last_year = self.first_change[0], end[0]
        quarters = [
            (year, quarter)
            for year in range(first_year, last_year + 1)
            for quarter in range(1, 5)
            if (year, 3 * quarter) >= self.first_change and (year, 3 * quarter - 2) <= end
        ]
        if len(quarters) <= MAX_QUARTERS:
            spans = [
                (f"{year}-Q{quarter}", (year, 3 * quarter - 2), (year, 3 * quarter))
                for year, quarter in quarters
            ]
        else:
            spans = [
                (str(year), (year, 1), (year, 12)) for year in range(first_year, last_year + 1)
            ]
        return tuple(
            self._point(label, start, min(stop, end), calendar) for label, start, stop in spans
        )

    def _point(self, label: str, start: Month, month: Month, calendar: Calendar) -> SeriesPoint:
        counts: Counter[Status] = Counter()
        undated = 0
        for (launched, declared, changes, status), count in self.signatures.items():
            if launched is not None and launched > month:
                continue
            found, dated = _status_at(changes, declared, status, month)
            counts[found] += count
            undated += 0 if dated else count
        return SeriesPoint(
            label,
            start,
            month,
            month_end(calendar, month),
            {status: counts[status] for status in Status},
            undated,
        )


def _status_at(
    changes: _Changes, declared: Month, status: Status, month: Month
) -> tuple[Status, bool]:
    """The status at the end of ``month``, as :func:`~egov_audit.model.state_on` gives it."""
    if month >= declared:
        return status, True
    found: Status | None = None
    for changed, entry in changes:
        if changed > month:
            break
        found = entry
    if found is not None:
        return found, True
    return (changes[0][1] if changes else status), False
