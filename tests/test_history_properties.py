"""Properties of reports over services with and without history, on generated collections.

* Without any history, every figure is what a report over the declared states gives: the
  status, channels and in-person steps as declared, for every period.
* With history, the state on ``declared_on`` is the declared (top-level) state.
* The series of the fully electronic share agrees with a report as of each of its points.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model import Status, state_on
from egov_audit.model.calendars import Calendar, month_end
from egov_audit.model.period import Period, parse_period
from egov_audit.runner import load_collection

EXAMPLES = int(os.environ.get("EGOV_AUDIT_PROPERTY_EXAMPLES", "25"))
STATUSES = ("full", "partial", "in_person", "unknown")
CHANNELS = ("portal", "kiosk", "mobile")
YEARS = {"gregorian": (2019, 2020), "jalali": (1398, 1399)}
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def states(draw: st.DrawFn) -> dict[str, Any]:
    """A valid state: a status, channels where it needs them, steps where it needs them."""
    status = draw(st.sampled_from(STATUSES))
    channels = draw(st.lists(st.sampled_from(CHANNELS), unique=True, max_size=3))
    if status in ("full", "partial") and not channels:
        channels = ["portal"]
    state: dict[str, Any] = {"status": status}
    if channels:
        state["channels"] = channels
    if status in ("partial", "in_person"):
        state["in_person_steps"] = draw(st.sampled_from(["Sign", "Pay at the office"]))
    return state


@st.composite
def collections(draw: st.DrawFn, history: bool) -> dict[str, Any]:
    calendar = draw(st.sampled_from(sorted(YEARS)))
    first, last = YEARS[calendar]
    day = st.tuples(st.integers(first, last), st.integers(1, 12), st.integers(1, 28))
    agencies: dict[str, list[dict[str, Any]]] = {}
    for index in range(draw(st.integers(1, 3))):
        services = []
        for number in range(draw(st.integers(1, 4))):
            service = {
                "id": f"s{number}",
                "name": f"Service {number}",
                **draw(states()),
                "type": "transactional",
                "audience": ["citizens"],
            }
            if draw(st.booleans()):
                year, month, date = draw(day)
                service["launched_on"] = f"{year:04d}-{month:02d}-{date:02d}"
            if history:
                days = sorted(set(draw(st.lists(day, max_size=3))))
                days = [d for d in days if d < (last, 12, 20)]
                if days:
                    service["history"] = [
                        {"on": f"{y:04d}-{m:02d}-{d:02d}", **draw(states())} for y, m, d in days
                    ]
            services.append(service)
        agencies[f"agency-{index}"] = services
    return {"calendar": calendar, "agencies": agencies}


def write(data: dict[str, Any], root: Path) -> None:
    (root / "agencies").mkdir(parents=True)
    last = YEARS[data["calendar"]][1]
    registry = {
        "schema_version": 1,
        "id": "generated",
        "name": "Generated",
        "calendar": data["calendar"],
        "agencies": [{"id": a, "name": a.title()} for a in data["agencies"]],
    }
    (root / "collection.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    for agency, services in data["agencies"].items():
        declaration = {
            "schema_version": 1,
            "agency": {"id": agency, "name": agency.title()},
            "declared_on": f"{last}-12-20",
            "services": services,
        }
        text = yaml.safe_dump(declaration, allow_unicode=True, sort_keys=False)
        (root / "agencies" / f"{agency}.yaml").write_text(text, encoding="utf-8")


def _declared(
    data: dict[str, Any], end: tuple[int, int], day: tuple[int, int, int] | None = None
) -> dict[str, Any]:
    """The figures of the declared states over the services launched by ``end`` (or, if
    given, by ``day``)."""
    status: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    steps: Counter[str] = Counter()
    for services in data["agencies"].values():
        for service in services:
            launched = service.get("launched_on")
            month = (int(launched[:4]), int(launched[5:7])) if launched else None
            if month is not None and month > end:
                continue
            if launched and day is not None and tuple(map(int, launched.split("-"))) > day:
                continue
            status[service["status"]] += 1
            channels.update(service.get("channels", []))
            if service["status"] != "full" and service.get("in_person_steps"):
                steps[service["in_person_steps"]] += 1
    return {"status": +status, "channels": +channels, "steps": +steps}


def _figures(report: ReadinessReport) -> dict[str, Any]:
    return {
        "status": +Counter({s.value: n for s, n in report.by_status.items()}),
        "channels": +Counter({c.value: n for c, n in report.channel_offerings.items()}),
        "steps": +Counter(dict(report.in_person_steps)),
    }


def _reports(root: Path, periods: list[str]) -> list[ReadinessReport]:
    loaded = load_collection(root)
    assert not loaded.excluded, [r.findings for r in loaded.excluded]
    return [build_report(loaded.collection, loaded.declarations, parse_period(p)) for p in periods]


@SETTINGS
@given(collections(history=False))
def test_without_history_every_figure_is_the_declared_one(data: dict[str, Any]) -> None:
    first, last = YEARS[data["calendar"]]
    periods = [str(first), f"{last}-H1", str(last), f"{first}-05..{last}-02"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        for period, report in zip(periods, _reports(root, periods), strict=True):
            end = parse_period(period).end
            assert _figures(report) == _declared(data, end), period
            # nothing is dated before declared_on, nothing changes, no series
            before = end < (last, 12)
            assert report.undated_services == (report.services_total if before else 0)
            assert report.services_with_history == 0
            assert report.progress.regressed == ()
            assert report.progress.channels_opened_total == 0
            assert set(report.progress.became_full) == {"partial", "in_person", "unknown", "new"}
            assert report.progress.became_full_total == report.progress.became_full["new"]
            assert report.series == ()


@SETTINGS
@given(collections(history=True))
def test_the_state_on_declared_on_is_the_declared_one(data: dict[str, Any]) -> None:
    last = YEARS[data["calendar"]][1]
    declared_on = (last, 12, 20)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        loaded = load_collection(root)
        assert not loaded.excluded, [r.findings for r in loaded.excluded]
        declarations = list(loaded.declarations)
        for declaration in declarations:
            for service in declaration.services:
                assert state_on(service, declared_on, declared_on) == (service, True)
        report = build_report(
            loaded.collection, declarations, parse_period(str(last)), as_of=declared_on
        )
        assert _figures(report) == _declared(data, (last, 12), declared_on)
        assert report.undated_services == 0


@SETTINGS
@given(collections(history=True))
def test_the_series_agrees_with_a_report_as_of_each_point(data: dict[str, Any]) -> None:
    last = YEARS[data["calendar"]][1]
    calendar = Calendar(data["calendar"])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        loaded = load_collection(root)
        declarations = list(loaded.declarations)
        report = build_report(loaded.collection, declarations, parse_period(str(last)))
        for point in report.series:
            at = build_report(loaded.collection, declarations, Period("p", point.start, point.end))
            assert point.as_of == month_end(calendar, point.end) == at.as_of
            assert point.by_status == at.by_status, point.label
            assert point.undated == at.undated_services, point.label
        if report.series:
            assert report.series[-1].by_status == report.by_status
            assert sum(report.by_status.values()) == report.services_total
            assert report.by_status[Status.FULL] == report.series[-1].full
