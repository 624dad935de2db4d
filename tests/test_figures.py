"""Figures an office can sign: each case below was found to mislead, and is worked out by hand.

Every collection here is written out in full in the test that uses it (Gregorian, agencies
``a``, ``b``, ``c``, ``d``), so that each expected figure can be checked by reading it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from egov_audit.aggregate.report import RankingRule, ReadinessReport, build_report
from egov_audit.cli import app
from egov_audit.model import Status
from egov_audit.model.period import parse_period
from egov_audit.render.report import markdown as report_markdown
from egov_audit.runner import load_collection, validate_paths

REGISTRY = """\
schema_version: 1
id: figures
name: Figures Test
calendar: gregorian
agencies:
  - {id: a, name: Agency A}
  - {id: b, name: Agency B}
  - {id: c, name: Agency C}
  - {id: d, name: Agency D}
"""


def service(
    sid: str,
    status: str = "full",
    *,
    launched: str | None = None,
    months: dict[str, Any] | None = None,
    depends: list[str] | None = None,
    channels: str = "[portal]",
    steps: str | None = None,
    kind: str = "transactional",
) -> str:
    lines = [
        f"  - id: {sid}",
        f"    name: Service {sid}",
        f"    status: {status}",
        f"    type: {kind}",
        "    audience: [citizens]",
    ]
    if status in ("partial", "in_person"):
        lines.append(f"    in_person_steps: {steps or 'Signed at the office'}")
    if status != "in_person":
        lines.append(f"    channels: {channels}")
    if launched:
        lines.append(f'    launched_on: "{launched}"')
    if depends:
        lines.append(f"    depends_on: [{', '.join(depends)}]")
    if months:
        lines.append("    transactions:")
        for month, count in months.items():
            lines.append(f"      {json.dumps(month)}: {json.dumps(count)}")
    return "\n".join(lines) + "\n"


def declaration(agency: str, *services: str, declared_on: str = "2021-03-01") -> str:
    head = (
        f"schema_version: 1\nagency:\n  id: {agency}\n  name: Agency {agency.upper()}\n"
        f'declared_on: "{declared_on}"\nverified: true\nservices:\n'
    )
    return head + "".join(services)


def collection(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "figures"
    (root / "agencies").mkdir(parents=True)
    (root / "collection.yaml").write_text(REGISTRY, encoding="utf-8")
    for agency, text in files.items():
        (root / "agencies" / f"{agency}.yaml").write_text(text, encoding="utf-8")
    return root


def report(root: Path, period: str, **options: Any) -> ReadinessReport:
    loaded = load_collection(root)
    return build_report(
        loaded.collection,
        loaded.declarations,
        parse_period(period),
        excluded=loaded.exclusions,
        broken_references=loaded.broken_references,
        **options,
    )


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


# 1. A count declared before the service's launch counts in its month, in every period.
def test_a_month_before_launch_counts_in_every_period_containing_it(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service("late", launched="2020-10-05", months={"2020-08": 70, "2020-11": 30}),
            service("early", months={"2020-08": 1}),
        ),
    )
    q3, q4, h2 = (report(root, p) for p in ("2020-Q3", "2020-Q4", "2020-H2"))
    assert (q3.transactions_total, q4.transactions_total, h2.transactions_total) == (71, 30, 101)
    # the service exists from its launch: not among Q3's services, among Q4's and H2's
    assert (q3.services_total, q4.services_total, h2.services_total) == (1, 2, 2)
    findings = validate_paths([root]).findings
    late = [f for f in findings if f.rule == "transactions-before-launch"]
    assert [(f.line, f.column, f.severity.value) for f in late] == [(16, 7, "warning")]


# 2 and 3. A broken reference fails validation, but the file's figures still count; an
# agency whose file is left out is "declared, excluded", never "not declared".
def test_a_broken_reference_never_takes_a_file_out_of_the_figures(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration("a", service("x", months={"2020-01": 10}, depends=["b/renamed"])),
        b=declaration("b", service("y", months={"2020-01": 20})),
        c=declaration("c", service("z", status="fast", months={"2020-01": 40})),
    )
    result = cli("validate", str(root))
    assert result.exit_code == 1
    assert "depends-on-unresolved" in result.stdout
    found = report(root, "2020")
    assert found.transactions_total == 30  # a and b; c is left out
    assert [row.agency.id for row in found.agencies] == ["a", "b"]
    assert [(r.file.endswith("a.yaml"), r.target, r.rule) for r in found.broken_references] == [
        (True, "b/renamed", "depends-on-unresolved")
    ]
    assert [
        (e.agency_id, e.errors, e.rules, e.services, e.transactions) for e in found.excluded
    ] == [("c", 1, ("schema/enum",), 1, 40)]
    assert found.agencies_excluded == ("c",)
    assert [a.id for a in found.missing_agencies] == ["d"]


# 4. What is left out is said at the top, in every format; --strict fails on it.
def test_exclusions_come_first_in_every_format_and_strict_fails(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration("a", service("x", months={"2020-01": 10})),
        c=declaration("c", service("z", status="fast", months={"2020-01": 40})),
    )
    markdown = cli("report", str(root), "-f", "markdown")
    assert markdown.exit_code == 0
    sections = [line for line in markdown.stdout.splitlines() if line.startswith("## ")]
    assert sections[0] == "## Left out of the figures"
    assert "1 file has errors that make its figures unreadable" in markdown.stdout
    terminal = cli("report", str(root))
    assert terminal.stdout.index("Left out of the figures") < terminal.stdout.index(
        "Services by status"
    )
    html = cli("report", str(root), "-f", "html").stdout
    assert html.index("Left out of the figures") < html.index("Services by status")
    data = json.loads(cli("report", str(root), "-f", "json").stdout)
    assert list(data)[:3] == ["report_version", "tool", "collection"]
    assert data["exclusions"]["files"] == 1
    assert data["exclusions"]["transactions"] == 40
    assert data["agencies"]["excluded"] == ["c"]
    assert [a["id"] for a in data["agencies"]["missing"]] == ["b", "d"]
    strict = cli("report", str(root), "--strict", "-f", "json")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["exclusions"]["files"] == 1  # still written


# 5. A period with no data, or in the other calendar, is a usage error.
@pytest.mark.parametrize(
    ("collection_path", "period", "words"),
    [
        ("inventories/qom", "2020", "jalali calendar and has data for 1398-01..1399-06"),
        ("inventories/greece", "1399", "gregorian calendar and has data for 2019-01..2020-12"),
    ],
)
def test_a_period_without_data_is_a_usage_error(
    collection_path: str, period: str, words: str
) -> None:
    root = Path(__file__).resolve().parent.parent / collection_path
    result = cli("report", str(root), "-p", period)
    assert result.exit_code == 2
    assert words in result.stderr
    compared = cli("report", str(root), "--compare", period)
    assert compared.exit_code == 2


def test_a_partly_covered_period_says_which_months_it_covers(tmp_path: Path) -> None:
    root = collection(tmp_path, a=declaration("a", service("x", months={"2020-02": 5})))
    text = cli("report", str(root), "-p", "2020-Q1", "-f", "markdown").stdout
    assert "counts declared for 1 month: February 2020" in text
    assert "2 months of the period have no data" in text


# 6. Implausible dates get a rule; an outlier never moves the default period.
def test_a_declaration_dated_in_the_future_or_another_calendar(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration("a", service("x", months={"2020-01": 10})),
        b=declaration("b", service("y", months={"2099-01": 10}), declared_on="2099-02-01"),
    )
    findings = [f for f in validate_paths([root]).findings if f.rule == "declared-in-future"]
    assert [(Path(f.file).name, f.line, f.column) for f in findings] == [("b.yaml", 5, 14)]
    loaded = load_collection(root)
    assert loaded.default_period() == parse_period("2020")
    qom = collection(
        tmp_path / "jalali",
        a=declaration("a", service("x")),
    )
    text = (qom / "collection.yaml").read_text(encoding="utf-8")
    (qom / "collection.yaml").write_text(text.replace("gregorian", "jalali"), encoding="utf-8")
    (qom / "agencies" / "a.yaml").write_text(
        declaration("a", service("x"), declared_on="2020-10-03"), encoding="utf-8"
    )
    message = next(
        f.message for f in validate_paths([qom]).findings if f.rule == "declared-in-future"
    )
    assert "looks like a Gregorian date" in message


def test_a_mistyped_month_after_declared_on_does_not_move_the_default_period(
    tmp_path: Path,
) -> None:
    root = collection(
        tmp_path,
        a=declaration("a", service("x", months={"2020-01": 10, "2029-01": 1})),
    )
    assert "transactions-after-declaration" in [f.rule for f in validate_paths([root]).findings]
    assert load_collection(root).default_period() == parse_period("2020")


# 9. Ties share a rank; tied months are all named; cut lists say how many more.
def test_ties_share_a_rank_and_tied_months_are_all_named(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration("a", service("x", months={"2020-01": 5, "2020-02": 5})),
        b=declaration("b", service("y", months={"2020-01": 5, "2020-02": 5})),
        c=declaration("c", service("z", months={"2020-01": 1, "2020-02": 1})),
        d=declaration("d", service("w", status="partial", months={"2020-03": 2})),
    )
    found = report(root, "2020-Q1", rule=RankingRule(min_services=1, top=2))
    assert [(r.agency.id, r.rank) for r in found.ranked] == [
        ("a", 1),
        ("b", 1),
        ("c", 3),
        ("d", 4),
    ]
    assert found.busiest_months == (((2020, 1), (2020, 2)), 11)
    assert found.quietest_months == (((2020, 3),), 2)
    assert [r.agency.id for r in found.leaders] == ["a", "b"]
    assert found.leaders_cut.more == 2
    assert [r.agency.id for r in found.follow_up] == ["d", "c"]
    text = report_markdown.render(found)
    busiest = next(line for line in text.splitlines() if line.startswith("| Busiest month"))
    assert [cell.strip() for cell in busiest.strip("|").split("|")] == [
        "Busiest month",
        "2020-01 January, 2020-02 February",
        "11",
    ]
    assert "Showing 2 of 4; 2 more not shown" in text


# 8. Follow-up lists the lowest N even when they also lead (Greece: one ministry at 25%).
def test_follow_up_is_never_empty_when_agencies_are_ranked() -> None:
    greece = Path(__file__).resolve().parent.parent / "inventories" / "greece"
    found = report(greece, "2020")
    assert len(found.ranked) <= found.ranking_rule.top
    assert found.follow_up[0].full_share == 0.25
    assert len(found.follow_up) == len(found.ranked)


# 10. Comparisons of unequal coverage say so; shares change in percentage points.
def test_a_comparison_of_unequal_coverage_says_so(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service("x", months={f"2019-{m:02d}": 10 for m in range(1, 13)}),
            service("y", status="partial", launched="2020-01-01", months={"2020-01": 10}),
        ),
    )
    data = json.loads(cli("report", str(root), "-p", "2020-H1", "-c", "2019", "-f", "json").stdout)
    compared = data["compare"]
    assert compared["coverage_differs"] is True
    assert len(compared["period"]["months_with_data"]) == 12
    figures = {f["key"]: f for f in compared["figures"]}
    assert figures["full_share"]["current"] == 0.5 and figures["full_share"]["previous"] == 1.0
    assert figures["full_share"]["points"] == -50.0
    assert figures["full_share"]["ratio"] is None and figures["full_share"]["percent"] is None
    text = cli("report", str(root), "-p", "2020-H1", "-c", "2019", "-f", "markdown").stdout
    assert "The periods are not covered alike" in text
    assert "-50.0 pp" in text


# 11. Interoperability counts other agencies only; an undeclared provider appears as such.
def test_interoperability_rules(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service("x", status="partial", months={"2020-01": 10}, depends=["d/registry"]),
            service("y", months={"2020-01": 20}, depends=["b/base"]),
        ),
        b=declaration(
            "b",
            service("base", months={"2020-01": 1}),
            service("own", months={"2020-01": 2}, depends=["b/base"]),
        ),
    )
    interop = report(root, "2020").interoperability
    assert [(p.agency.id, p.dependent_services, p.declared) for p in interop.providers] == [
        ("b", 1, True),
        ("d", 1, False),
    ]
    assert interop.dependent_transactions == 30  # b's own dependency is not counted
    assert [(c.agency.id, c.services) for c in interop.consumers] == [("a", 2)]
    (group,) = interop.blocked
    assert group.provider.id == "d"
    assert [(b.service, b.provider_declared) for b in group.blockers] == [("a/x", False)]


# 12. New services: both figures, each labelled.
def test_new_services_in_the_period_and_in_the_year(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service("old", launched="2019-12-15"),
            service("new", launched="2020-01-15"),
            service("newer", launched="2020-02-15"),
        ),
    )
    found = report(root, "2019-11..2020-01")
    assert found.new_in_period_total == 2  # launched in 2019-12 and 2020-01
    assert found.new_services_total == 1  # launched in 2020 up to 2020-01
    assert found.services_total == 2


# 13. Hidden denominators: the full share of known statuses; take-up's coverage.
def test_denominators_are_shown(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service(
                "x", months={"2020-01": {"portal": 30, "kiosk": 10}}, channels="[portal, kiosk]"
            ),
            service("y", months={"2020-01": 60}),
            service("u", status="unknown"),
        ),
    )
    found = report(root, "2020")
    assert (found.by_status[Status.FULL], found.known_status_total, found.services_total) == (
        2,
        2,
        3,
    )
    assert found.take_up_coverage == (40, 100)
    text = report_markdown.render(found)
    assert (
        "of the 2 whose status is known (not unverified), 2 are fully electronic (100.0%)" in text
    )
    assert "The figure covers 40.0% of the period's transactions (40 of 100)" in text


# 14. One rounding rule, half up; no data is null.
def test_rounding_is_half_up_and_no_data_is_null(tmp_path: Path) -> None:
    from egov_audit.render.i18n import translator

    assert translator("en").percent(12_900, 1_600) == "806.3%"  # 806.25
    assert translator("en").percent(1, 8) == "12.5%"
    assert translator("en").percent(1, 16) == "6.3%"  # 6.25
    root = collection(tmp_path, a=declaration("a", service("x", months={"2020-01": 1})))
    data = json.loads(cli("report", str(root), "-f", "json").stdout)
    assert data["take_up"]["share"] is None
    assert data["new_services"]["by_type"]["transactional"]["share"] is None


# 15. Validation gaps the figures depend on.
def test_a_key_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    root = collection(
        tmp_path, a=declaration("a", service("x", months={"2020-01": 10, "2020-01\n": 5}))
    )
    findings = validate_paths([root]).findings
    assert [(f.rule, f.line) for f in findings if f.file.endswith("a.yaml")] == [
        ("schema/propertyNames", 16)
    ]


def test_a_split_by_an_undeclared_channel_is_an_error(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a",
            service("x", months={"2020-01": {"portal": 5, "mobile": 3}}),
            service("y", status="in_person", months={"2020-01": {"portal": 1, "in_person": 2}}),
        ),
    )
    found = [
        (f.rule, f.line, f.column)
        for f in validate_paths([root]).findings
        if f.file.endswith("a.yaml")
    ]
    # line 15: "2020-01": {"portal": 5, "mobile": 3} (mobile at column 32); line 23: the
    # in-person service's month, portal at column 19
    assert found == [("split-channel-undeclared", 15, 32), ("split-channel-undeclared", 23, 19)]


def test_shares_that_should_add_up_to_100_say_when_rounding_does_not(tmp_path: Path) -> None:
    root = collection(
        tmp_path,
        a=declaration(
            "a", service("x"), service("y", status="partial"), service("z", status="in_person")
        ),
    )
    text = report_markdown.render(report(root, "2021"))
    status = text.split("## Services by status")[1].split("##")[0]
    assert "Each share is rounded on its own, so here they add up to 99.9%, not 100%." in status
    channels = text.split("## Delivery channels")[1].split("##")[0]
    assert "rounded on its own" not in channels  # 2 portal offerings: 100.0%
