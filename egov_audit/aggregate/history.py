"""The history entries that earlier versions of a declaration imply.

A version of an agency's declaration says each service's state (status, channels and, for
a service not fully electronic, its in-person steps) on its ``declared_on``. Given the
earlier versions of a declaration, :func:`propose` lists, for every service of the current
one, an entry for the oldest version that has the service and one for every later version
whose state differs from the version before it, each dated by that version's
``declared_on``. Versions dated on or after the current ``declared_on`` are left out (the
current top-level state holds from then on); of several versions with one date, the latest
counts.

The service's own history is never overwritten: a proposal on a date that already has an
entry is kept out (a *conflict* when the states differ), and so is one that the history,
with the proposals before it, already implies for its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from egov_audit.model import Declaration, HistoryEntry, Service, Status, state_on
from egov_audit.model.calendars import Day


@dataclass(frozen=True, slots=True)
class Version:
    """One earlier version of a declaration: where it comes from, and what it says."""

    source: str
    """A commit id, a file name: whatever names the version for people."""
    declaration: Declaration


@dataclass(frozen=True, slots=True)
class Proposal:
    """An entry a service's history should carry, or one its own history keeps out."""

    service: str
    """The service's id in its declaration."""
    entry: HistoryEntry
    source: str
    """The version the entry comes from."""
    conflict: HistoryEntry | None = None
    """The service's own entry on that date, when it says otherwise (kept; not added)."""

    @property
    def added(self) -> bool:
        """Whether the entry is to be added (not a conflict)."""
        return self.conflict is None


def _entry(service: Service, day: Day) -> HistoryEntry:
    steps = service.in_person_steps if service.status is not Status.FULL else None
    return HistoryEntry(day, service.status, service.channels, steps)


def same_state(one: HistoryEntry, other: HistoryEntry) -> bool:
    """Whether two entries say the same state (channels in any order)."""
    steps = one.status is Status.FULL or one.in_person_steps == other.in_person_steps
    return one.status is other.status and set(one.channels) == set(other.channels) and steps


def _implied(
    service: Service, history: Sequence[HistoryEntry], declared_on: Day, day: Day
) -> HistoryEntry | None:
    """The dated state the history gives on ``day`` (None when it has none then)."""
    state, dated = state_on(_with_history(service, history), declared_on, day)
    if not dated:
        return None
    return HistoryEntry(day, state.status, state.channels, state.in_person_steps)


def _with_history(service: Service, history: Sequence[HistoryEntry]) -> Service:
    return replace(service, history=tuple(history))


def propose(current: Declaration, versions: Sequence[Version]) -> list[Proposal]:
    """The entries the earlier ``versions`` imply for ``current``, by service, oldest first.

    Conflicts are listed too (``conflict`` set); entries already recorded are not."""
    latest: dict[Day, Version] = {}
    for version in versions:  # newest first, as git lists them: the first of a date wins
        day = version.declaration.declared_on
        if day < current.declared_on and day not in latest:
            latest[day] = version
    ordered = [latest[day] for day in sorted(latest)]
    found: list[Proposal] = []
    for service in current.services:
        wanted: list[tuple[HistoryEntry, str]] = []
        previous: HistoryEntry | None = None
        for version in ordered:
            earlier = next((s for s in version.declaration.services if s.id == service.id), None)
            if earlier is None:
                continue
            entry = _entry(earlier, version.declaration.declared_on)
            if previous is None or not same_state(entry, previous):
                wanted.append((entry, version.source))
            previous = entry
        history = list(service.history)
        for entry, source in wanted:
            own = next((e for e in history if e.on == entry.on), None)
            if own is not None:
                if not same_state(own, entry):
                    found.append(Proposal(service.id, entry, source, conflict=own))
                continue
            implied = _implied(service, history, current.declared_on, entry.on)
            if implied is not None and same_state(implied, entry):
                continue
            history = sorted([*history, entry], key=lambda e: e.on)
            found.append(Proposal(service.id, entry, source))
    return found
