"""Report figures on the hand-made ``mini`` collection, each worked out by hand below."""

from __future__ import annotations

import shutil
from pathlib import Path

from egov_audit.aggregate.report import RankingRule, build_report, default_period
from egov_audit.model import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Service,
    ServiceType,
    Status,
)
from egov_audit.model.calendars import Calendar
from egov_audit.model.period import parse_period
from egov_audit.runner import load_collection, validate_paths


def test_mini_report_for_the_first_half(mini: Path) -> None:
    loaded = load_collection(mini)
    assert loaded.excluded == []
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    # alpha: 4 services; beta: 2 (renewal launched in 1399-07 is outside H1); gamma: 1
    assert report.services_total == 7
    assert report.by_status == {
        Status.FULL: 4,
        Status.PARTIAL: 1,
        Status.IN_PERSON: 1,
        Status.UNKNOWN: 1,
    }
    assert (report.agencies_expected, report.agencies_declared, report.agencies_verified) == (
        4,
        3,
        1,
    )
    assert [a.id for a in report.missing_agencies] == ["delta"]
    # bill-inquiry 100+200 (its 1399-07 count is outside H1), permit 10, identity-inquiry 1000
    assert report.transactions_total == 1310
    assert report.transactions_by_month == (((1399, 1), 1010), ((1399, 2), 100), ((1399, 3), 200))
    # launched in 1399 up to 1399-06: bill-inquiry (interactive), news and guide (informational)
    assert report.new_services_total == 3
    assert report.new_services_by_type == {
        ServiceType.INFORMATIONAL: 2,
        ServiceType.INTERACTIVE: 1,
        ServiceType.TRANSACTIONAL: 0,
    }
    assert report.new_transactional_or_interactive == 1
    assert report.audiences == {
        Audience.CITIZENS: 5,
        Audience.BUSINESSES: 2,
        Audience.GOVERNMENT: 2,
    }
    assert report.channel_offerings == {Channel.PORTAL: 5, Channel.KIOSK: 2, Channel.MOBILE: 2}
    # only alpha has at least 3 services in H1
    assert [row.agency.id for row in report.leaders] == ["alpha"]
    assert sorted(row.agency.id for row in report.unranked) == ["beta", "gamma"]


def test_ranking_breaks_ties_by_full_services_then_transactions(mini: Path) -> None:
    loaded = load_collection(mini)
    report = build_report(
        loaded.collection,
        loaded.declarations,
        parse_period("1399-H1"),
        rule=RankingRule(min_services=1, top=2),
    )
    # gamma 1/1; alpha 2/4 and beta 1/2 tie on share, alpha has more full services
    assert [(row.agency.id, row.rank) for row in report.ranked] == [
        ("gamma", 1),
        ("alpha", 2),
        ("beta", 3),
    ]
    assert [row.agency.id for row in report.leaders] == ["gamma", "alpha"]
    # the lowest two by the same rule, even where they are also leaders
    assert [row.agency.id for row in report.follow_up] == ["beta", "alpha"]
    assert report.leaders_cut.more == 1 and report.follow_up_cut.more == 1


def test_default_period_is_the_latest_year_with_data(mini: Path) -> None:
    loaded = load_collection(mini)
    period = default_period(loaded.declarations)
    assert period.label == "1399"
    report = build_report(loaded.collection, loaded.declarations, period)
    assert report.services_total == 8  # beta's renewal counts in the whole year
    assert report.transactions_total == 1360  # bill-inquiry's 1399-07 count too


def _service(sid: str, status: Status, transactions: int) -> Service:
    return Service(
        sid,
        sid,
        status,
        ServiceType.TRANSACTIONAL,
        (Audience.CITIZENS,),
        (Channel.PORTAL,),
        transactions=(((1400, 1), transactions),),
    )


def test_transactions_break_ties_when_shares_and_full_counts_are_equal() -> None:
    collection = Collection(
        "c", "C", Calendar.GREGORIAN, (AgencyRef("a", "A"), AgencyRef("b", "B"))
    )
    declarations = [
        Declaration(
            AgencyRef("a", "A"),
            (1400, 2, 1),
            True,
            (_service("x", Status.FULL, 5), _service("y", Status.PARTIAL, 5)),
            "a.yaml",
        ),
        Declaration(
            AgencyRef("b", "B"),
            (1400, 2, 1),
            True,
            (_service("x", Status.FULL, 50), _service("y", Status.UNKNOWN, 0)),
            "b.yaml",
        ),
    ]
    report = build_report(
        collection, declarations, parse_period("1400"), rule=RankingRule(min_services=2, top=1)
    )
    assert [row.agency.id for row in report.ranked] == ["b", "a"]
    assert [row.agency.id for row in report.follow_up] == ["a"]


def test_a_warning_across_files_does_not_move_the_default_period(
    mini: Path, tmp_path: Path
) -> None:
    """The latest year a file declares survives the cross-file rules: one
    ``depends-on-undeclared`` warning on it used to drop it, moving the default period."""
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    beta = copy / "agencies" / "beta.yaml"
    text = beta.read_text(encoding="utf-8").replace(
        'declared_on: "1399-07-20"', 'declared_on: "1400-02-20"'
    )
    beta.write_text(
        text + "  - id: late\n    name: Late service\n    status: full\n    type: interactive\n"
        "    audience: [citizens]\n    channels: [portal]\n    depends_on: [delta/anything]\n"
        "    transactions:\n      1400-01: 5\n",
        encoding="utf-8",
    )
    rules = [f.rule for f in validate_paths([copy]).findings]
    assert "depends-on-undeclared" in rules
    loaded = load_collection(copy)
    assert loaded.default_period() == parse_period("1400")
    assert default_period(loaded.declarations) == parse_period("1400")
