"""The Qom sample's service histories: how each service's status and channels got to what
the office published for the first half of 1399.

The article gives only the state of 1399-H1; what came before is drawn here, plausibly and
from the one seeded generator, after every other random choice (so adding histories changed
nothing else in the sample):

* every service has a history that starts on its launch date, or, without one, on the
  agency's inventory of 1397 (a date in 1397-07), so that every report from then on has a
  dated state for every service;
* about 45% of the fully electronic services that existed before 1399 were partly
  electronic until a date in 1398 or 1399-H1, and a fifth of the new services of 1399 were
  launched partly electronic and became fully electronic within 1399-H1;
* about 10% of the partly electronic services were in person only until such a date, and
  three partly electronic services regressed from fully electronic in 1399-H1;
* about 40% of the services with a mobile app opened it in 1398 or 1399-H1, never after
  a month whose transactions already count mobile ones.

Every change is dated no later than 1399-06-31, so the state at the end of 1399-H1 is the
declared one and the article's figures still hold.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import jdatetime

from tools.qom_assembly import Service, Services

Day = tuple[int, int, int]

LAST = (1399, 6, 31)
"""No change after the end of the period the article reports on."""
WINDOW = ((1398, 1, 1), LAST)
"""Changes happen during 1398 and the first half of 1399."""
FULL_SHARE_CHANGED = 0.45
NEW_FULL_CHANGED = 0.2
PARTIAL_FROM_IN_PERSON = 0.1
REGRESSIONS = 3
MOBILE_OPENED = 0.4


@dataclass(frozen=True, slots=True)
class State:
    on: Day
    status: str
    channels: tuple[str, ...]


def _ordinal(day: Day) -> int:
    return int(jdatetime.date(*day).togregorian().toordinal())


def _day(ordinal: int) -> Day:
    import datetime

    found = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(ordinal))
    return (found.year, found.month, found.day)


def _between(rng: random.Random, first: Day, last: Day) -> Day | None:
    low, high = _ordinal(first), _ordinal(last)
    return _day(rng.randint(low, high)) if low <= high else None


def _later(day: Day, days: int) -> Day:
    return _day(_ordinal(day) + days)


def _first_mobile_month(service: Service) -> Day | None:
    months = [m for m, split in service.splits.items() if split.get("mobile")]
    return (*min(months), 1) if months else None


def set_histories(services: Services, rng: random.Random) -> dict[tuple[str, str], list[State]]:
    """Each service's history, by (agency id, service id), oldest first."""
    baseline = {agency: (1397, 7, rng.randint(1, 20)) for agency in services}
    every = [s for items in services.values() for s in items]
    start = {id(s): s.launched or baseline[s.agency] for s in every}
    old = [s for s in every if start[id(s)][0] < 1399]
    new = [s for s in every if start[id(s)][0] == 1399]

    changes: dict[int, list[tuple[Day, str, object]]] = {id(s): [] for s in every}

    def change(service: Service, what: str, value: object, first: Day = WINDOW[0]) -> bool:
        earliest = max(first, _later(start[id(service)], 30))
        day = _between(rng, earliest, LAST)
        if day is None:
            return False
        changes[id(service)].append((day, what, value))
        return True

    full = [s for s in old if s.status == "full"]
    for service in rng.sample(full, round(FULL_SHARE_CHANGED * len(full))):
        change(service, "status", "partial")
    young = [s for s in new if s.status == "full" and s.launched and s.launched <= (1399, 5, 1)]
    for service in rng.sample(young, round(NEW_FULL_CHANGED * len(young))):
        change(service, "status", "partial", start[id(service)])
    partial = [s for s in old if s.status == "partial"]
    chosen = rng.sample(partial, round(PARTIAL_FROM_IN_PERSON * len(partial)) + REGRESSIONS)
    for service in chosen[:REGRESSIONS]:
        change(service, "status", "full", (1399, 1, 1))
    for service in chosen[REGRESSIONS:]:
        change(service, "status", "in_person")
    mobile = [s for s in every if "mobile" in s.channels]
    for service in rng.sample(mobile, round(MOBILE_OPENED * len(mobile))):
        first_split = _first_mobile_month(service)
        if first_split is not None and first_split < (1399, 1, 1):
            continue
        limit = min(LAST, first_split) if first_split else LAST
        day = _between(rng, max(WINDOW[0], _later(start[id(service)], 30)), limit)
        if day is not None:
            changes[id(service)].append((day, "mobile", None))

    histories: dict[tuple[str, str], list[State]] = {}
    for service in every:
        found = sorted(changes[id(service)], key=lambda item: item[0])
        # The state before each change: undo the changes, latest first.
        status, channels = service.status, tuple(service.channels)
        states = [State(LAST, status, channels)]
        for day, what, value in reversed(found):
            if what == "status":
                status = str(value)
                channels = () if status == "in_person" else channels
            else:
                channels = tuple(c for c in channels if c != "mobile")
            states.append(State(day, status, channels))
        states.reverse()
        # states[0] holds from the start; states[i] from the date of change i - 1.
        entries = [State(start[id(service)], states[0].status, states[0].channels)]
        for (day, _what, _value), state in zip(found, states[1:], strict=True):
            after = State(day, state.status, state.channels)
            before = entries[-1]
            if day <= before.on:
                entries[-1] = State(before.on, after.status, after.channels)
            elif (after.status, after.channels) != (before.status, before.channels):
                entries.append(after)
        histories[(service.agency, service.id)] = entries
    return histories
