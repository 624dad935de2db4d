"""Properties of the report over generated collections, and a second, naive computation.

The naive computation below reads the YAML files with PyYAML into plain dicts and counts
the headline figures in a few lines each, sharing no code with egov_audit; the real report
must agree with it on every generated collection, in both calendars.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model import Status
from egov_audit.model.period import parse_period
from egov_audit.render import ReportFormat, report_renderer
from egov_audit.runner import load_collection

EXAMPLES = int(os.environ.get("EGOV_AUDIT_PROPERTY_EXAMPLES", "25"))
STATUSES = ("full", "partial", "in_person", "unknown")
CHANNELS = ("portal", "kiosk", "mobile")
AUDIENCES = ("citizens", "businesses", "government")
TYPES = ("informational", "interactive", "transactional")
YEARS = {"gregorian": (2019, 2020), "jalali": (1398, 1399)}


@st.composite
def collections(draw: st.DrawFn) -> dict[str, Any]:
    """A valid collection as plain data: calendar, agencies, each agency's services."""
    calendar = draw(st.sampled_from(sorted(YEARS)))
    first, last = YEARS[calendar]
    month = st.tuples(st.integers(first, last), st.integers(1, 12))
    agencies: dict[str, list[dict[str, Any]]] = {}
    for index in range(draw(st.integers(1, 4))):
        services = []
        for number in range(draw(st.integers(1, 5))):
            status = draw(st.sampled_from(STATUSES))
            channels = draw(st.lists(st.sampled_from(CHANNELS), unique=True, max_size=3))
            if status in ("full", "partial") and not channels:
                channels = ["portal"]
            service: dict[str, Any] = {
                "id": f"s{number}",
                "name": f"Service {number}",
                "status": status,
                "type": draw(st.sampled_from(TYPES)),
                "audience": draw(st.lists(st.sampled_from(AUDIENCES), unique=True, min_size=1)),
            }
            if channels:
                service["channels"] = channels
            if status in ("partial", "in_person"):
                service["in_person_steps"] = draw(st.sampled_from(["Sign", "sign.", "Pay"]))
            if draw(st.booleans()):
                year, mon = draw(month)
                service["launched_on"] = f"{year:04d}-{mon:02d}-{draw(st.integers(1, 28)):02d}"
            months = draw(st.lists(month, unique=True, max_size=6))
            if months:
                counts: dict[str, Any] = {}
                for year, mon in sorted(months):
                    key = f"{year:04d}-{mon:02d}"
                    split_month: bool = draw(st.booleans())
                    if channels and split_month:
                        split = {c: draw(st.integers(0, 500)) for c in channels}
                        split["in_person"] = draw(st.integers(0, 50))
                        counts[key] = split
                    else:
                        counts[key] = draw(st.integers(0, 1000))
                service["transactions"] = counts
            services.append(service)
        agencies[f"agency-{index}"] = services
    # dependencies on other agencies' services (never broken)
    ids = [(agency, s["id"]) for agency, items in agencies.items() for s in items]
    for agency, items in agencies.items():
        for service in items:
            others = [f"{a}/{s}" for a, s in ids if a != agency]
            depends: bool = draw(st.booleans())
            if others and depends:
                service["depends_on"] = draw(
                    st.lists(st.sampled_from(others), unique=True, min_size=1, max_size=2)
                )
    return {"calendar": calendar, "agencies": agencies}


def write(data: dict[str, Any], root: Path) -> None:
    """Write the collection as YAML files."""
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


def real(root: Path, period: str) -> ReadinessReport:
    loaded = load_collection(root)
    assert not loaded.excluded, [r.findings for r in loaded.excluded]
    return build_report(loaded.collection, loaded.declarations, parse_period(period))


def naive(root: Path, start: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    """The headline figures, straight from the YAML dicts."""

    def month(text: str) -> tuple[int, int]:
        year, mon = str(text).split("-")[:2]
        return int(year), int(mon)

    figures: dict[str, Any] = {
        "services": 0,
        "status": Counter(),
        "transactions": 0,
        "by_month": Counter(),
        "new_in_year": 0,
        "audiences": Counter(),
        "channels": Counter(),
        "digital": 0,
        "split_total": 0,
        "per_agency": {},
    }
    for path in sorted((root / "agencies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        agency_services = 0
        agency_transactions = 0
        for service in data["services"]:
            for key, count in (service.get("transactions") or {}).items():
                if start <= month(key) <= end:
                    total = sum(count.values()) if isinstance(count, dict) else count
                    figures["transactions"] += total
                    figures["by_month"][month(key)] += total
                    agency_transactions += total
                    if isinstance(count, dict):
                        figures["digital"] += count.get("portal", 0) + count.get("mobile", 0)
                        figures["split_total"] += total
            launched = service.get("launched_on")
            if launched is not None and month(launched) > end:
                continue
            agency_services += 1
            figures["services"] += 1
            figures["status"][service["status"]] += 1
            figures["audiences"].update(service["audience"])
            figures["channels"].update(service.get("channels", []))
            if launched is not None and int(str(launched)[:4]) == end[0]:
                figures["new_in_year"] += 1
        figures["per_agency"][data["agency"]["id"]] = (agency_services, agency_transactions)
    return figures


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(collections())
def test_the_report_agrees_with_a_naive_count(data: dict[str, Any]) -> None:
    first, last = YEARS[data["calendar"]]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        for period, start, end in (
            (str(last), (last, 1), (last, 12)),
            (f"{first}-07..{last}-03", (first, 7), (last, 3)),
            (f"{last}-Q2", (last, 4), (last, 6)),
        ):
            found = real(root, period)
            expected = naive(root, start, end)
            assert found.services_total == expected["services"]
            assert {s.value: n for s, n in found.by_status.items() if n} == dict(
                +expected["status"]
            )
            assert found.transactions_total == expected["transactions"]
            assert dict(found.transactions_by_month) == {
                m: n for m, n in expected["by_month"].items()
            }
            assert found.new_services_total == expected["new_in_year"]
            assert {a.value: n for a, n in found.audiences.items() if n} == dict(
                +expected["audiences"]
            )
            assert {c.value: n for c, n in found.channel_offerings.items() if n} == dict(
                +expected["channels"]
            )
            assert (found.take_up.digital, found.take_up.total) == (
                expected["digital"],
                expected["split_total"],
            )
            assert {r.agency.id: (r.services, r.transactions) for r in found.agencies} == (
                expected["per_agency"]
            )


@SETTINGS
@given(collections())
def test_invariants_of_every_report(data: dict[str, Any]) -> None:
    first, last = YEARS[data["calendar"]]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        year = real(root, str(last))
        halves = [real(root, f"{last}-H1"), real(root, f"{last}-H2")]
        quarters = [real(root, f"{last}-Q{q}") for q in (1, 2, 3, 4)]
        # disjoint periods add up to their union: totals, months and every agency
        assert sum(r.transactions_total for r in halves) == year.transactions_total
        assert sum(r.transactions_total for r in quarters) == year.transactions_total
        merged: Counter[tuple[int, int]] = Counter()
        for part in halves:
            merged.update(dict(part.transactions_by_month))
        assert +merged == Counter(dict(year.transactions_by_month))
        both = real(root, f"{first}-01..{last}-12")
        years = [real(root, str(first)), year]
        assert sum(r.transactions_total for r in years) == both.transactions_total
        for found in (year, *halves, *quarters, both):
            # rows add up to the totals; statuses to the services
            assert sum(r.services for r in found.agencies) == found.services_total
            assert sum(r.transactions for r in found.agencies) == found.transactions_total
            assert sum(found.by_status.values()) == found.services_total
            for status in Status:
                assert sum(r.by_status[status] for r in found.agencies) == found.by_status[status]
            assert sum(found.channel_offerings.values()) == found.offerings_total
            assert 0 <= found.take_up.digital <= found.take_up.total <= found.transactions_total
            assert found.known_status_total <= found.services_total
            for row in found.agencies:
                assert 0 <= row.full_share <= 1
            # ranks: competition ranking, 1 first, ties share
            ranks = [r.rank or 0 for r in found.ranked]
            assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
            # every renderer runs, and JSON is JSON
            for output in ReportFormat:
                text = report_renderer(output)(found, "fa" if output is ReportFormat.HTML else "en")
                assert text
            json.loads(report_renderer(ReportFormat.JSON)(found))


@SETTINGS
@given(collections(), st.randoms(use_true_random=False))
def test_order_and_names_change_no_figure(data: dict[str, Any], random: Any) -> None:
    """Reordering files and services, or renaming ids consistently, changes no figure."""
    last = YEARS[data["calendar"]][1]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "a"
        write(data, root)
        before = real(root, str(last))
        renamed: dict[str, Any] = {"calendar": data["calendar"], "agencies": {}}
        names = {a: f"z{i}-{a}" for i, a in enumerate(reversed(list(data["agencies"])))}
        for agency, services in data["agencies"].items():
            moved = [dict(s) for s in services]
            random.shuffle(moved)
            for service in moved:
                service["id"] = "x" + service["id"]
                if "depends_on" in service:
                    service["depends_on"] = [
                        f"{names[t.split('/')[0]]}/x{t.split('/')[1]}"
                        for t in service["depends_on"]
                    ]
            renamed["agencies"][names[agency]] = moved
        other = Path(folder) / "b"
        write(renamed, other)
        after = real(other, str(last))
        for name in (
            "services_total",
            "by_status",
            "transactions_total",
            "transactions_by_month",
            "new_services_total",
            "audiences",
            "channel_offerings",
            "take_up",
        ):
            left, right = getattr(before, name), getattr(after, name)
            if name == "take_up":
                left = (left.digital, left.assisted, left.in_person)
                right = (right.digital, right.assisted, right.in_person)
            assert left == right, name
        assert sorted((r.services, r.transactions) for r in before.agencies) == sorted(
            (r.services, r.transactions) for r in after.agencies
        )
        assert before.interoperability.dependent_transactions == (
            after.interoperability.dependent_transactions
        )


def naive_interoperability(root: Path, end: tuple[int, int], start: tuple[int, int]) -> Any:
    """Providers, consumers and blocked services straight from the YAML dicts: every
    counted service with a counted target of another agency, one at a time."""

    def month(text: str) -> tuple[int, int]:
        year, mon = str(text).split("-")[:2]
        return int(year), int(mon)

    services: dict[str, tuple[str, bool, int, list[str]]] = {}
    for path in sorted((root / "agencies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for service in data["services"]:
            launched = service.get("launched_on")
            counted = launched is None or month(launched) <= end
            transactions = sum(
                sum(count.values()) if isinstance(count, dict) else count
                for key, count in (service.get("transactions") or {}).items()
                if start <= month(key) <= end
            )
            services[f"{data['agency']['id']}/{service['id']}"] = (
                service["status"],
                counted,
                transactions,
                service.get("depends_on", []),
            )
    consumers: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    providers: Counter[str] = Counter()
    provider_transactions: Counter[str] = Counter()
    blocked: set[tuple[str, str]] = set()
    total = 0
    for global_id, (status, counted, transactions, depends_on) in services.items():
        agency = global_id.split("/")[0]
        targets = [t for t in depends_on if t.split("/")[0] != agency and services[t][1]]
        if not counted or not targets:
            continue
        consumers[agency] += 1
        edges[agency] += len(targets)
        total += transactions
        for provider in {t.split("/")[0] for t in targets}:
            providers[provider] += 1
            provider_transactions[provider] += transactions
        if status != "full":
            blocked.update((global_id, t) for t in targets if services[t][0] != "full")
    return (
        {a: (consumers[a], edges[a]) for a in consumers},
        {p: (providers[p], provider_transactions[p]) for p in providers},
        blocked,
        total,
    )


@SETTINGS
@given(collections())
def test_interoperability_agrees_with_a_naive_count_with_or_without_targets(
    data: dict[str, Any],
) -> None:
    """The dependency figures, whether the report keeps every service's status or only
    those of the services some depends_on names (as the report command does)."""
    _check_interoperability(data)


def _service(number: int, status: str, depends_on: list[str], count: int) -> dict[str, Any]:
    service: dict[str, Any] = {
        "id": f"s{number}",
        "name": f"Service {number}",
        "status": status,
        "type": "transactional",
        "audience": ["citizens"],
        "channels": ["portal"],
        "transactions": {"1399-02": count},
    }
    if status == "partial":
        service["in_person_steps"] = "Sign"
    if depends_on:
        service["depends_on"] = depends_on
    return service


def test_fully_electronic_dependents_counted_together_count_each_service() -> None:
    """Fully electronic services of one agency with the same depends_on are kept as one
    row with a count: each still counts once as a dependent service, with its transactions."""
    data = {
        "calendar": "jalali",
        "agencies": {
            "agency-0": [_service(0, "full", [], 1), _service(1, "partial", [], 2)],
            "agency-1": [
                _service(0, "full", ["agency-0/s0", "agency-0/s1"], 10),
                _service(1, "full", ["agency-0/s0", "agency-0/s1"], 20),
                _service(2, "partial", ["agency-0/s1"], 40),
            ],
        },
    }
    found = _check_interoperability(data)
    assert {c.agency.id: (c.services, c.dependencies) for c in found.consumers} == {
        "agency-1": (3, 5)
    }
    assert {
        p.agency.id: (p.dependent_services, p.dependent_transactions) for p in found.providers
    } == {"agency-0": (3, 70)}
    assert [(b.service, b.provider_service) for g in found.blocked for b in g.blockers] == [
        ("agency-1/s2", "agency-0/s1")
    ]


def _check_interoperability(data: dict[str, Any]) -> Any:
    """Both reports of ``data`` agree, and agree with the naive count; the year's figures."""
    first, last = YEARS[data["calendar"]]
    year: Any = None
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        write(data, root)
        loaded = load_collection(root)
        assert loaded.dependency_targets is not None
        assert set(loaded.dependency_targets) == {
            target
            for services in data["agencies"].values()
            for service in services
            for target in service.get("depends_on", [])
        }
        for period, start, end in (
            (str(last), (last, 1), (last, 12)),
            (f"{first}-Q3", (first, 7), (first, 9)),
        ):
            every = build_report(loaded.collection, loaded.declarations, parse_period(period))
            some = build_report(
                loaded.collection,
                loaded.declarations,
                parse_period(period),
                targets=loaded.dependency_targets,
            )
            assert some == every
            found = every.interoperability
            consumers, providers, blocked, total = naive_interoperability(root, end, start)
            assert {c.agency.id: (c.services, c.dependencies) for c in found.consumers} == (
                consumers
            )
            assert {
                p.agency.id: (p.dependent_services, p.dependent_transactions)
                for p in found.providers
            } == providers
            assert {
                (b.service, b.provider_service) for g in found.blocked for b in g.blockers
            } == blocked
            assert found.dependent_transactions == total
            year = year or found
    return year
