"""``egov-audit diff``: the pure comparison, its three renderings and its usage errors."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from egov_audit.aggregate.diff import (
    StatusChangeKind,
    diff_collections,
    diff_declarations,
    status_change_kind,
)
from egov_audit.cli import app as egov_audit_app
from egov_audit.model import (
    AgencyRef,
    Audience,
    Channel,
    Declaration,
    ExchangeService,
    Service,
    ServiceType,
)
from egov_audit.model import Status as S

COLLECTIONS = Path(__file__).parent / "data" / "collections"
MINI = COLLECTIONS / "mini"

NEW_SERVICE = """\
  - id: water-meter
    name: Water meter reading
    status: full
    type: interactive
    audience: [citizens]
    channels: [mobile]
    transactions:
      1399-06: 5
"""

DELTA = """\
schema_version: 1
agency:
  id: delta
  name: Delta Agency
declared_on: "1399-08-01"
services:
  - id: tax-return
    name: Tax return
    status: in_person
    in_person_steps: Signed at the office
    type: transactional
    audience: [businesses]
    transactions:
      1399-07: 3
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edit_alpha(path: Path) -> None:
    """Exactly: bill-inquiry full -> partial, permit +kiosk and 1399-01 10 -> 40,
    news removed, water-meter added (with 5 transactions in the new month 1399-06)."""
    _replace(
        path,
        "    status: full\n    type: interactive\n",
        "    status: partial\n    in_person_steps: Meter check at the office\n"
        "    type: interactive\n",
    )
    _replace(path, "    channels: [portal]\n", "    channels: [portal, kiosk]\n")
    _replace(path, "      1399-01: 10\n", "      1399-01: 40\n")
    text = path.read_text(encoding="utf-8")
    head, _news = text.split("  - id: news\n")
    path.write_text(head + NEW_SERVICE, encoding="utf-8")


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``old/`` is the mini collection, ``new/`` the same with agencies/alpha.yaml edited."""
    shutil.copytree(MINI, tmp_path / "old")
    shutil.copytree(MINI, tmp_path / "new")
    _edit_alpha(tmp_path / "new" / "agencies" / "alpha.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _app() -> typer.Typer:
    return egov_audit_app


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_app(), ["diff", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


EXPECTED_MARKDOWN = """\
## egov-audit diff

Comparing `old/agencies/alpha.yaml` (old) with `new/agencies/alpha.yaml` (new), declarations.

- **Services added:** 1
- **Services removed:** 1
- **Status changes:** 1 (1 regression)
- **Channel changes:** 1
- **Audience changes:** 0
- **Type changes:** 0
- **Transactions:** 367 → 402 (+35)

### Status changes (regressions first)

| Service            | Name         | Old   | New     | Change     |
|:-------------------|:-------------|:------|:--------|:-----------|
| alpha/bill-inquiry | Bill inquiry | full  | partial | regression |

### Services added

| Service           | Name                | Status   | Type        | Channels   |
|:------------------|:--------------------|:---------|:------------|:-----------|
| alpha/water-meter | Water meter reading | full     | interactive | mobile     |

### Services removed

| Service    | Name   | Status   | Type          | Channels   |
|:-----------|:-------|:---------|:--------------|:-----------|
| alpha/news | News   | unknown  | informational | -          |

### Channel changes

| Service      | Name               | Added   | Removed   |
|:-------------|:-------------------|:--------|:----------|
| alpha/permit | Permit application | kiosk   | -         |

### Transactions (all declared months)

| Agency   |   Old |   New |   Change | Months added   | Months removed   |
|:---------|------:|------:|---------:|:---------------|:-----------------|
| alpha    |   367 |   402 |      +35 | 1399-06        | -                |
"""


def test_file_diff_markdown_lists_exactly_the_changes(versions: Path) -> None:
    code, out, err = invoke(
        "old/agencies/alpha.yaml", "new/agencies/alpha.yaml", "--format", "markdown"
    )
    assert (code, err) == (0, "")
    assert out == EXPECTED_MARKDOWN


def test_file_diff_json(versions: Path) -> None:
    code, out, _err = invoke("old/agencies/alpha.yaml", "new/agencies/alpha.yaml", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["diff_version"] == 1
    assert data["compared"] == "declarations"
    assert data["has_changes"] is True
    assert [s["id"] for s in data["services"]["added"]] == ["alpha/water-meter"]
    assert [s["id"] for s in data["services"]["removed"]] == ["alpha/news"]
    assert data["status_changes"] == [
        {
            "id": "alpha/bill-inquiry",
            "name": "Bill inquiry",
            "old": "full",
            "new": "partial",
            "change": "regression",
        }
    ]
    assert data["channel_changes"] == [
        {"id": "alpha/permit", "name": "Permit application", "added": ["kiosk"], "removed": []}
    ]
    assert data["audience_changes"] == data["type_changes"] == data["agency_changes"] == []
    total = {"old": 367, "new": 402, "delta": 35, "months_added": ["1399-06"], "months_removed": []}
    assert data["transactions"] == {"total": total, "by_agency": [{"agency": "alpha", **total}]}
    assert data["summary"]["regressions"] == 1


def test_file_diff_text_and_an_old_copy_outside_the_collection(versions: Path) -> None:
    # An old copy from git, named anything, borrows the calendar of NEW's collection.
    shutil.copy(versions / "old" / "agencies" / "alpha.yaml", versions / "alpha-HEAD~1.yaml")
    code, out, err = invoke("alpha-HEAD~1.yaml", "new/agencies/alpha.yaml")
    assert (code, err) == (0, "")
    assert out.startswith(
        "egov-audit diff: alpha-HEAD~1.yaml -> new/agencies/alpha.yaml (declarations)\n"
    )
    assert "  Status changes:   1 (1 regression)\n" in out
    assert "  Transactions:     367 -> 402 (+35)\n" in out
    assert "alpha/bill-inquiry  Bill inquiry  full   partial  regression" in out


def test_no_differences_exits_0(versions: Path) -> None:
    code, out, _err = invoke("old", "old")
    assert code == 0
    assert out == "egov-audit diff: old -> old (collections)\nNo differences.\n"


def test_folder_diff(versions: Path) -> None:
    (versions / "new" / "agencies" / "gamma.yaml").unlink()
    (versions / "new" / "agencies" / "delta.yaml").write_text(DELTA, encoding="utf-8")
    code, out, _err = invoke("old", "new", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["compared"] == "collections"
    assert data["agencies"] == {"added": ["delta"], "removed": ["gamma"]}
    assert [s["id"] for s in data["services"]["added"]] == [
        "alpha/water-meter",
        "delta/tax-return",
    ]
    assert [s["id"] for s in data["services"]["removed"]] == ["alpha/news", "gamma/guide"]
    assert [c["id"] for c in data["status_changes"]] == ["alpha/bill-inquiry"]
    assert data["transactions"]["total"] == {
        "old": 1367,
        "new": 1405,
        "delta": 38,
        "months_added": ["1399-06"],
        "months_removed": [],
    }
    by_agency = {row["agency"]: row["delta"] for row in data["transactions"]["by_agency"]}
    assert by_agency == {"alpha": 35, "beta": 0, "delta": 3, "gamma": 0}
    code, markdown, _err = invoke("old", "new", "--format", "markdown")
    assert code == 0
    assert "### Agencies declared\n" in markdown
    assert "| delta    | newly declared     |" in markdown
    assert "| gamma    | no longer declared |" in markdown
    assert "| total    | 1,367 | 1,405 |      +38 | 1399-06        | -                |" in (
        markdown
    )


EXPECTED_EXCHANGE_TEXT = """\
egov-audit diff: exchange -> exchange-edited (collections)
  Services added:            0
  Services removed:          0
  Status changes:            0
  Channel changes:           0
  Audience changes:          0
  Type changes:              0
  Transactions:              500 -> 500 (0)
  Exchange services added:   1
  Exchange services removed: 1
  Exchange services changed: 2 (1 renamed, 2 with consumers changed, 2 with inquiries changed)
  Inquiries:                 315 -> 280 (-35)

Exchange services added:
  Service                 Name                Inquiries  Consumers
  ----------------------  ----------------  -----------  -----------
  civil/marriage-inquiry  Marriage inquiry           15  tax

Exchange services removed:
  Service              Name                         Inquiries  Consumers
  -------------------  -------------------------  -----------  -----------
  civil/birth-inquiry  Birth certificate inquiry           60  -

Exchange services renamed:
  Service                 Old name          New name
  ----------------------  ----------------  ----------------------------
  civil/identity-inquiry  Identity inquiry  Identity and address inquiry

Exchange consumer changes (consumers the months are split by):
  Service                 Name                          Added    Removed
  ----------------------  ----------------------------  -------  ----------
  civil/identity-inquiry  Identity and address inquiry  post     -
  post/postcode-inquiry   Postcode inquiry              -        snapp, tax

Exchange inquiries (all declared months):
  Service                   Old    New    Change  Months added    Months removed    Months changed
  ----------------------  -----  -----  --------  --------------  ----------------  ----------------
  civil/identity-inquiry    180    190       +10  -               -                 1399-02
  post/postcode-inquiry      75     75         0  -               -                 1399-03
"""


def test_exchange_services_added_removed_renamed_and_their_inquiries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """exchange-edited: civil/identity-inquiry renamed, its 1399-02 split 80 -> 90 with the
    consumer post added; civil/birth-inquiry removed, civil/marriage-inquiry added;
    post/postcode-inquiry's 1399-03 no longer split by consumer (the same 15)."""
    monkeypatch.chdir(COLLECTIONS)
    code, out, err = invoke("exchange", "exchange-edited")
    assert (code, err) == (0, "")
    assert out == EXPECTED_EXCHANGE_TEXT


def test_exchange_services_in_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(COLLECTIONS)
    code, out, _err = invoke(
        "exchange/agencies/civil.yaml", "exchange-edited/agencies/civil.yaml", "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["has_changes"] is True
    assert data["services"] == {"added": [], "removed": []}
    assert data["exchange_services"] == {
        "added": [
            {
                "id": "civil/marriage-inquiry",
                "agency": "civil",
                "name": "Marriage inquiry",
                "inquiries": 15,
                "consumers": ["tax"],
            }
        ],
        "removed": [
            {
                "id": "civil/birth-inquiry",
                "agency": "civil",
                "name": "Birth certificate inquiry",
                "inquiries": 60,
                "consumers": [],
            }
        ],
    }
    assert data["exchange_name_changes"] == [
        {
            "id": "civil/identity-inquiry",
            "old": "Identity inquiry",
            "new": "Identity and address inquiry",
        }
    ]
    assert data["exchange_consumer_changes"] == [
        {
            "id": "civil/identity-inquiry",
            "name": "Identity and address inquiry",
            "added": ["post"],
            "removed": [],
        }
    ]
    assert data["exchange_inquiry_changes"] == [
        {
            "id": "civil/identity-inquiry",
            "name": "Identity and address inquiry",
            "old": 180,
            "new": 190,
            "delta": 10,
            "months_added": [],
            "months_removed": [],
            "months_changed": ["1399-02"],
        }
    ]
    assert data["inquiries"] == {
        "old": 240,
        "new": 205,
        "delta": -35,
        "months_added": [],
        "months_removed": ["1398-12"],
    }
    assert {k: v for k, v in data["summary"].items() if k.startswith("exchange")} == {
        "exchange_services_added": 1,
        "exchange_services_removed": 1,
        "exchange_name_changes": 1,
        "exchange_consumer_changes": 1,
        "exchange_inquiry_changes": 1,
    }


def test_a_collection_without_exchange_services_shows_no_exchange_lines(versions: Path) -> None:
    code, out, _err = invoke("old", "new")
    assert code == 0
    assert "xchange" not in out and "Inquiries" not in out


def test_a_file_with_a_yaml_error_is_a_usage_error(versions: Path) -> None:
    broken = versions / "new" / "agencies" / "alpha.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "  - [unclosed\n", encoding="utf-8")
    code, out, err = invoke("old/agencies/alpha.yaml", "new/agencies/alpha.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("error: NEW new/agencies/alpha.yaml has errors")
    assert "new/agencies/alpha.yaml:" in err and "[yaml-syntax]" in err
    # The same file in a collection folder: the folder diff refuses it too.
    code, out, err = invoke("old", "new")
    assert (code, out) == (2, "")
    assert "new/agencies/alpha.yaml has errors" in err


def test_a_file_whose_figures_count_but_has_errors_is_not_compared(versions: Path) -> None:
    """A duplicate service id leaves the figures readable (the report counts the file) but
    would make the diff match the wrong service: diff refuses the file, alone or in its
    folder, naming the error."""
    path = versions / "new" / "agencies" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n      1399-06: 5\n")  # the services are last
    duplicate = (
        "  - id: permit\n    name: Permit again\n    status: unknown\n"
        "    type: informational\n    audience: [citizens]\n"
    )
    path.write_text(text + duplicate, encoding="utf-8")
    for old, new in (("old/agencies/alpha.yaml", "new/agencies/alpha.yaml"), ("old", "new")):
        code, out, err = invoke(old, new)
        assert (code, out) == (2, ""), err
        assert err.startswith("error: NEW new/agencies/alpha.yaml has errors")
        assert "[service-id-duplicate]" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing", "new"], "error: OLD missing: no such file or folder"),
        (["old", "new/agencies/alpha.yaml"], "not one of each"),
        (["old/agencies/alpha.yaml", "new/agencies/beta.yaml"], "agency 'alpha' and"),
    ],
)
def test_usage_errors(versions: Path, args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert (code, out) == (2, "")
    assert message in err


def test_loose_files_need_a_calendar(versions: Path) -> None:
    shutil.copy(versions / "old" / "agencies" / "alpha.yaml", versions / "a.yaml")
    shutil.copy(versions / "new" / "agencies" / "alpha.yaml", versions / "b.yaml")
    code, _out, err = invoke("a.yaml", "b.yaml")
    assert code == 2
    assert "--calendar" in err
    code, out, _err = invoke("a.yaml", "b.yaml", "--calendar", "jalali")
    assert code == 0
    assert "(1 regression)" in out


def test_help_has_examples() -> None:
    result = CliRunner().invoke(_app(), ["diff", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output


# ---------------------------------------------------------------------------
# The pure comparison


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (S.FULL, S.PARTIAL, StatusChangeKind.REGRESSION),
        (S.PARTIAL, S.IN_PERSON, StatusChangeKind.REGRESSION),
        (S.FULL, S.IN_PERSON, StatusChangeKind.REGRESSION),
        (S.PARTIAL, S.FULL, StatusChangeKind.IMPROVEMENT),
        (S.IN_PERSON, S.PARTIAL, StatusChangeKind.IMPROVEMENT),
        (S.FULL, S.UNKNOWN, StatusChangeKind.BECAME_UNVERIFIED),
        (S.IN_PERSON, S.UNKNOWN, StatusChangeKind.BECAME_UNVERIFIED),
        (S.UNKNOWN, S.FULL, StatusChangeKind.NEWLY_ASSESSED),
    ],
)
def test_status_change_kind(old: S, new: S, kind: StatusChangeKind) -> None:
    assert status_change_kind(old, new) is kind


def _service(service_id: str, status: S, **changes: Any) -> Service:
    base = Service(
        id=service_id,
        name=service_id.title(),
        status=status,
        type=ServiceType.TRANSACTIONAL,
        audience=(Audience.CITIZENS,),
        channels=(Channel.PORTAL,),
    )
    return replace(base, **changes)


def _declaration(*services: Service, verified: bool = False) -> Declaration:
    return Declaration(AgencyRef("a", "A"), (1399, 7, 1), verified, services, "a.yaml")


def test_regressions_come_first_then_unverified_improvements_and_assessed() -> None:
    old = _declaration(
        _service("s1", S.PARTIAL),
        _service("s2", S.FULL),
        _service("s3", S.UNKNOWN),
        _service("s4", S.FULL),
        _service("s5", S.PARTIAL),
    )
    new = _declaration(
        _service("s1", S.FULL),
        _service("s2", S.UNKNOWN),
        _service("s3", S.PARTIAL),
        _service("s4", S.IN_PERSON),
        _service("s5", S.IN_PERSON),
    )
    changes = diff_declarations(old, new).status_changes
    assert [(c.id, c.kind.value) for c in changes] == [
        ("a/s4", "regression"),
        ("a/s5", "regression"),
        ("a/s2", "became_unverified"),
        ("a/s1", "improvement"),
        ("a/s3", "newly_assessed"),
    ]


def test_audience_type_verified_and_months_removed() -> None:
    old = _declaration(
        _service("s", S.FULL, transactions=(((1399, 1), 4), ((1399, 2), 6))), verified=True
    )
    new = _declaration(
        _service(
            "s",
            S.FULL,
            type=ServiceType.INTERACTIVE,
            audience=(Audience.BUSINESSES, Audience.CITIZENS),
            channels=(),
            transactions=(((1399, 2), 6),),
        )
    )
    diff = diff_declarations(old, new)
    assert [(c.added, c.removed) for c in diff.audience_changes] == [(("businesses",), ())]
    assert [(c.added, c.removed) for c in diff.channel_changes] == [((), ("portal",))]
    assert [(c.old, c.new) for c in diff.type_changes] == [
        (ServiceType.TRANSACTIONAL, ServiceType.INTERACTIVE)
    ]
    assert [(c.field, c.old, c.new) for c in diff.agency_changes] == [("verified", "true", "false")]
    totals = diff.transactions
    assert (totals.old, totals.new, totals.delta) == (10, 6, -4)
    assert (totals.months_added, totals.months_removed) == ((), ((1399, 1),))
    assert not diff_collections([old], [old]).has_changes


def _exchange(service_id: str, **changes: Any) -> ExchangeService:
    return replace(ExchangeService(id=service_id, name=service_id.title()), **changes)


def _provider(*services: ExchangeService) -> Declaration:
    return Declaration(AgencyRef("a", "A"), (1399, 7, 1), True, (), "a.yaml", services)


def test_an_exchange_split_that_moves_between_consumers_is_a_change() -> None:
    """The same month's count, split otherwise: the month changed, the consumers did not."""
    month = (1399, 2)
    before = _exchange(
        "e", inquiries=((month, 10),), consumer_splits=((month, (("x", 4), ("y", 6))),)
    )
    after = _exchange(
        "e", inquiries=((month, 10),), consumer_splits=((month, (("y", 4), ("x", 6))),)
    )
    diff = diff_declarations(_provider(before), _provider(after))
    assert diff.has_changes
    assert diff.exchange_consumer_changes == ()
    assert [(c.id, c.delta, c.months_changed) for c in diff.exchange_inquiry_changes] == [
        ("a/e", 0, (month,))
    ]
    # Written in the other order, the split is the same.
    same = _exchange(
        "e", inquiries=((month, 10),), consumer_splits=((month, (("y", 6), ("x", 4))),)
    )
    assert not diff_declarations(_provider(before), _provider(same)).has_changes


def test_exchange_months_added_and_removed_and_an_agency_that_stops_providing() -> None:
    old = _provider(_exchange("e", inquiries=(((1399, 1), 5), ((1399, 2), 7))))
    new = _provider(_exchange("e", inquiries=(((1399, 2), 7), ((1399, 3), 9))))
    (change,) = diff_declarations(old, new).exchange_inquiry_changes
    assert (change.old, change.new, change.delta) == (12, 16, 4)
    assert (change.months_added, change.months_removed, change.months_changed) == (
        ((1399, 3),),
        ((1399, 1),),
        (),
    )
    gone = diff_collections([old], [])
    assert [r.global_id for r in gone.exchange_removed] == ["a/e"]
    assert (gone.inquiries.old, gone.inquiries.new) == (12, 0)
    assert gone.inquiries.months_removed == ((1399, 1), (1399, 2))
    assert not diff_collections([_declaration()], [_declaration()]).has_exchange
