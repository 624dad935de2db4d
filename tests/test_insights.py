"""Take-up, trends, interoperability, benchmarks and follow-up, worked out by hand.

The collection is tests/data/collections/tiny (Gregorian calendar), period 2020-01..2020-02.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from egov_audit.aggregate.report import Blocker, ReadinessReport, build_report, compare
from egov_audit.model import Status
from egov_audit.model.period import parse_period
from egov_audit.runner.collection import load_collection, validate_paths

TINY = Path(__file__).parent / "data" / "collections" / "tiny"


def _report(period: str) -> ReadinessReport:
    loaded = load_collection(TINY)
    return build_report(loaded.collection, loaded.declarations, parse_period(period))


@pytest.fixture
def report() -> ReadinessReport:
    return _report("2020-01..2020-02")


def test_totals_and_busiest_month(report: ReadinessReport) -> None:
    # civil 400 + (50 split + 50); tax (100 split + 100) + 2000; land 40 + 5
    assert report.transactions_total == 2745
    assert report.transactions_by_month == (((2020, 1), 1255), ((2020, 2), 1490))
    assert report.busiest_month == ((2020, 2), 1490)
    assert report.quietest_month == ((2020, 1), 1255)
    assert report.by_status == {
        Status.FULL: 2,
        Status.PARTIAL: 2,
        Status.IN_PERSON: 1,
        Status.UNKNOWN: 1,
    }


def test_digital_take_up(report: ReadinessReport) -> None:
    # Split months only: civil 2020-01 portal 30, kiosk 10, in person 10;
    # tax 2020-01 portal 60, mobile 20, kiosk 20.
    assert (report.take_up.digital, report.take_up.assisted, report.take_up.in_person) == (
        110,
        30,
        10,
    )
    assert report.take_up.take_up == pytest.approx(110 / 150)
    assert [(r.agency and r.agency.id, r.digital, r.total) for r in report.take_up_by_agency] == [
        ("civil", 30, 50),
        ("tax", 80, 100),
    ]


def test_providers_consumers_and_blockers(report: ReadinessReport) -> None:
    interop = report.interoperability
    # Services with a dependency: tax-clearance 200, income-tax-return 2000, title-transfer 5.
    assert interop.dependent_transactions == 2205
    assert [
        (p.agency.id, p.dependent_services, p.dependent_transactions) for p in interop.providers
    ] == [("civil", 3, 2205), ("land", 1, 200), ("tax", 1, 5)]
    assert interop.providers[1].share == pytest.approx(200 / 2205)
    assert [(c.agency.id, c.services, c.dependencies) for c in interop.consumers] == [
        ("tax", 2, 3),
        ("land", 1, 2),
    ]
    assert [(g.provider.id, g.blockers) for g in interop.blocked] == [
        (
            "land",
            (
                Blocker(
                    "tax/tax-clearance", Status.PARTIAL, "land/ownership-inquiry", Status.UNKNOWN
                ),
            ),
        ),
        (
            "tax",
            (
                Blocker(
                    "land/title-transfer", Status.IN_PERSON, "tax/tax-clearance", Status.PARTIAL
                ),
            ),
        ),
    ]


def test_benchmark_coverage(report: ReadinessReport) -> None:
    sdg, un = report.benchmarks
    assert sdg.catalogue.id == "sdg" and len(sdg.catalogue.items) == 21
    assert sdg.covered == ("sdg:birth-registration-proof", "sdg:income-tax-declaration")
    assert sdg.fully_electronic == ("sdg:income-tax-declaration",)
    assert len(sdg.missing) == 19
    assert un.covered == ("un:corporate-tax", "un:birth-certificate")
    assert un.fully_electronic == ("un:corporate-tax",)


def test_follow_up_lists(report: ReadinessReport) -> None:
    assert [(r.agency.id, r.open) for r in report.open_services] == [
        ("land", 2),
        ("civil", 1),
        ("tax", 1),
    ]
    # Case, spacing and the final full stop do not make a different step.
    assert report.in_person_steps == (
        ("Collect the certificate at the counter.", 2),
        ("Both parties sign at the registry.", 1),
    )


def test_compare_with_the_year_before(report: ReadinessReport) -> None:
    previous = _report("2019-01..2019-02")
    assert previous.transactions_total == 1000
    changes = {c.key: c for c in compare(report, previous)}
    assert changes["transactions"].ratio == pytest.approx(2.745)
    assert changes["transactions"].percent == pytest.approx(174.5)
    assert changes["services"].ratio == 1.0
    assert changes["digital_take_up"].ratio is None  # no split months in 2019


def test_unknown_benchmark_code_is_reported(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "tiny"
    shutil.copytree(TINY, copy)
    path = copy / "agencies" / "tax.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "sdg:income-tax-declaration]", "sdg:income-tax-declarations]", 1
        ),
        encoding="utf-8",
    )
    findings = validate_paths([copy]).findings
    assert [(f.rule, f.line, f.column) for f in findings] == [("benchmark-unknown", 16, 18)]
    assert "sdg:income-tax-declaration" in findings[0].hint


def test_a_split_month_must_name_known_channels(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "tiny"
    shutil.copytree(TINY, copy)
    path = copy / "agencies" / "tax.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("mobile: 20", "fax: 20"), encoding="utf-8"
    )
    findings = validate_paths([copy]).findings
    assert [(f.rule, f.line) for f in findings] == [("schema/additionalProperties", 18)]
