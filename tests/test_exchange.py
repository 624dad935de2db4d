"""The government exchange: its format, its checks and its figures, on a hand-worked
collection (tests/data/collections/exchange)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from egov_audit.aggregate.exchange import exchange_changes
from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model import Severity
from egov_audit.model.period import parse_period
from egov_audit.runner.collection import load_collection, validate_paths

EXCHANGE = Path(__file__).parent / "data" / "collections" / "exchange"


def _report(period: str, root: Path = EXCHANGE) -> ReadinessReport:
    loaded = load_collection(root)
    return build_report(loaded.collection, loaded.declarations, parse_period(period))


def _findings(root: Path) -> list[tuple[str, int, int, str]]:
    result = validate_paths([root])
    return [
        (Path(f.file).name, f.line, f.column, f.rule)
        for f in result.findings
        if f.severity is Severity.ERROR
    ]


def test_the_collection_validates_with_only_the_judiciary_missing() -> None:
    result = validate_paths([EXCHANGE])
    assert result.count(Severity.ERROR) == 0
    assert sorted(f.rule for f in result.findings) == [
        "agency-not-declared",
        "depends-on-undeclared",
    ]


def test_the_hand_worked_figures_of_a_quarter() -> None:
    found = _report("1399-Q1").exchange
    assert found is not None and found.exchange is not None
    assert found.exchange.name == "Provincial Information Exchange"
    # identity 100 + 30 + 50 + 0, birth 20, postcode 60 + 10 + 5
    assert (found.inquiries, found.services, found.services_declared) == (275, 3, 3)
    assert [(p.agency.id, p.services, p.inquiries) for p in found.providers] == [
        ("civil", 2, 200),
        ("post", 1, 75),
    ]
    assert [(c.consumer.id, c.registered, c.inquiries, c.services) for c in found.consumers] == [
        ("snapp", False, 60, 2),
        ("tax", True, 35, 2),
    ]
    assert found.split_inquiries == 95
    months = [(m.month, m.inquiries, m.services, m.providers, m.consumers) for m in found.by_month]
    assert months == [
        ((1399, 1), 160, 2, 2, None),  # no month of January is split by consumer
        ((1399, 2), 100, 2, 1, 2),
        ((1399, 3), 15, 1, 1, 2),  # identity-inquiry served 0: not active
    ]
    assert found.busiest is not None and [m.month for m in found.busiest] == [(1399, 1)]
    assert found.quietest is not None and [m.month for m in found.quietest] == [(1399, 3)]
    assert (found.transactions, found.transactions_and_inquiries) == (500, 775)


def test_demand_waits_on_the_providers_not_connected() -> None:
    found = _report("1399-Q1").exchange
    assert found is not None
    # clearance (300) needs the judiciary, registration (50) the police; refund (150) needs
    # only the post office, which is connected
    assert found.dependent_transactions == 500
    assert [(w.provider.id, w.declared, w.services, w.transactions) for w in found.waiting] == [
        ("judiciary", False, 1, 300),
        ("police", True, 1, 50),
    ]
    assert (found.waiting_services, found.waiting_transactions) == (2, 350)


def test_a_provider_is_connected_once_it_declares_inquiries() -> None:
    found = _report("1399-03").exchange
    assert found is not None
    # the civil registry served no inquiry in 1399-03, but it has been connected since
    # 1398-12: it is not a provider of the month, and no demand waits on it
    assert [p.agency.id for p in found.providers] == ["post"]
    assert found.dependent_transactions == 150
    assert [(w.provider.id, w.services, w.transactions) for w in found.waiting] == [
        ("judiciary", 1, 0),
        ("police", 1, 0),
    ]
    assert found.busiest is None and found.quietest is None  # one month of data
    before = _report("1398-11").exchange
    assert before is not None  # not yet connected: its first inquiries are of 1398-12
    assert [w.provider.id for w in before.waiting] == ["civil", "judiciary", "police", "post"]


def test_growth_against_another_period() -> None:
    now, before = _report("1399-Q1").exchange, _report("1398").exchange
    assert now is not None and before is not None
    assert (before.inquiries, before.services, len(before.providers)) == (40, 1, 1)
    assert exchange_changes(now, before) == [
        ("exchange.inquiries", 275, 40),
        ("exchange.services", 3, 1),
        ("exchange.providers", 2, 1),
        ("exchange.consumers", 2, None),
        ("exchange.transactions_and_inquiries", 775, 40),
    ]


def test_a_collection_without_an_exchange_has_no_exchange_figures(mini: Path) -> None:
    loaded = load_collection(mini)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    assert report.exchange is None


def test_the_default_period_follows_the_inquiries_too(tmp_path: Path) -> None:
    copy = tmp_path / "exchange"
    shutil.copytree(EXCHANGE, copy)
    for name in ("tax.yaml", "police.yaml"):
        (copy / "agencies" / name).unlink()
    loaded = load_collection(copy)
    from egov_audit.aggregate.report import default_period

    assert default_period(loaded.declarations).label == "1399"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "civil.yaml",
            '"1399-02": {tax: 30, snapp: 50}',
            '"1399-02": {tax: 30, tapsi: 50}',
            [("civil.yaml", 14, 28, "exchange-consumer-unknown")],
        ),
        (
            "civil.yaml",
            "  - id: birth-inquiry",
            "  - id: identity-inquiry",
            [("civil.yaml", 16, 9, "service-id-duplicate")],
        ),
        (
            "civil.yaml",
            '"1399-03": 0',
            '"1399-05": 0',
            [("civil.yaml", 15, 7, "transactions-after-declaration")],
        ),
        (
            "post.yaml",
            '"1399-01": 60',
            '"1399-13": 60',
            [("post.yaml", 11, 7, "month-invalid")],
        ),
        (
            "post.yaml",
            '"1399-01": 60',
            '"1399-01": {}',
            [("post.yaml", 11, 18, "schema/minProperties")],
        ),
        (
            "post.yaml",
            '"1399-01": 60',
            '"1399-01": {Snapp: 60}',
            [("post.yaml", 11, 19, "schema/propertyNames")],
        ),
        (
            "collection.yaml",
            "      name_local: اسنپ\n",
            "      name_local: اسنپ\n    - id: tax\n      name: Tax again\n",
            [("collection.yaml", 15, 11, "exchange-consumer-duplicate")],
        ),
        (
            "collection.yaml",
            "      name_local: اسنپ\n",
            "      name_local: اسنپ\n    - id: snapp\n      name: Snapp again\n",
            [("collection.yaml", 15, 11, "exchange-consumer-duplicate")],
        ),
    ],
)
def test_each_problem_is_reported_where_it_is_written(
    tmp_path: Path, file: str, old: str, new: str, expected: list[tuple[str, int, int, str]]
) -> None:
    copy = tmp_path / "exchange"
    shutil.copytree(EXCHANGE, copy)
    path = copy / file if file == "collection.yaml" else copy / "agencies" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert _findings(copy) == expected


def test_an_exchange_service_can_be_named_by_depends_on(tmp_path: Path) -> None:
    copy = tmp_path / "exchange"
    shutil.copytree(EXCHANGE, copy)
    path = copy / "agencies" / "tax.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("civil/identity-inquiry", "civil/no-such-inquiry"), "utf-8")
    assert _findings(copy) == [("tax.yaml", 13, 18, "depends-on-unresolved")]


def test_exchange_records_round_trip_through_the_cache_codec() -> None:
    from egov_audit.model import Declaration
    from egov_audit.runner.records import scalar

    encode, decode = scalar(Declaration)
    loaded = load_collection(Path(__file__).resolve().parent.parent / "inventories" / "pgsb")
    declarations = list(loaded.declarations)
    assert sum(len(d.exchange_services) for d in declarations) == 352
    assert any(s.consumer_splits for d in declarations for s in d.exchange_services)
    for declaration in declarations:
        assert decode(json.loads(json.dumps(encode(declaration)))) == declaration
