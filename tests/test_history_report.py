"""Reports as of a date, worked out by hand on two small collections with history, one in
each calendar: every figure that depends on a service's state, for three dates each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from egov_audit.aggregate.report import build_report
from egov_audit.cli import app
from egov_audit.model.period import parse_period
from egov_audit.render.report.json import to_dict
from egov_audit.runner import load_collection

GREGORIAN = {
    "collection.yaml": """\
schema_version: 1
id: east
name: East
calendar: gregorian
agencies:
  - {id: tax, name: Tax Office}
  - {id: civil, name: Civil Registry}
""",
    "agencies/tax.yaml": """\
schema_version: 1
agency: {id: tax, name: Tax Office}
declared_on: "2020-03-01"
services:
  - id: income
    name: Income tax return
    status: full
    type: transactional
    audience: [citizens]
    channels: [portal, mobile]
    launched_on: "2018-05-10"
    history:
      - {on: "2018-05-10", status: partial, channels: [portal], in_person_steps: Sign the return}
      - {on: "2019-04-15", status: full, channels: [portal]}
  - id: clearance
    name: Tax clearance
    status: partial
    in_person_steps: Collect the certificate at the counter
    type: transactional
    audience: [businesses]
    channels: [portal, kiosk]
    history:
      - {on: "2019-01-01", status: full, channels: [portal]}
  - id: vat
    name: VAT registration
    status: in_person
    in_person_steps: Paper forms only
    type: transactional
    audience: [businesses]
    launched_on: "2019-09-01"
""",
    "agencies/civil.yaml": """\
schema_version: 1
agency: {id: civil, name: Civil Registry}
declared_on: "2019-11-20"
services:
  - id: birth
    name: Birth registration
    status: full
    type: transactional
    audience: [citizens]
    channels: [portal]
    launched_on: "2017-01-01"
    history:
      - {on: "2017-01-01", status: in_person, in_person_steps: Register at the office}
      - {on: "2019-07-01", status: full, channels: [portal]}
  - id: id-card
    name: Identity card
    status: unknown
    type: transactional
    audience: [citizens]
""",
}

JALALI = {
    "collection.yaml": """\
schema_version: 1
id: west
name: West
calendar: jalali
agencies:
  - {id: abfa, name: Water Company}
""",
    "agencies/abfa.yaml": """\
schema_version: 1
agency: {id: abfa, name: Water Company}
declared_on: "1399-07-12"
services:
  - id: connection
    name: New connection
    status: full
    type: transactional
    audience: [citizens]
    channels: [portal]
    launched_on: "1398-02-10"
    history:
      - {on: "1398-02-10", status: partial, channels: [kiosk], in_person_steps: Meter visit}
      - {on: "1398-12-29", status: full, channels: [portal]}
  - id: transfer
    name: Ownership transfer
    status: partial
    in_person_steps: Sign
    type: transactional
    audience: [citizens]
    channels: [portal]
    history:
      - {on: "1397-06-31", status: in_person, in_person_steps: Paper}
""",
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _counts(
    full: int = 0, partial: int = 0, in_person: int = 0, unknown: int = 0
) -> dict[str, int]:
    return {"full": full, "partial": partial, "in_person": in_person, "unknown": unknown}


def _point(
    label: str, start: str, end: str, as_of: str, counts: dict[str, int], undated: int
) -> dict[str, Any]:
    services = sum(counts.values())
    return {
        "label": label,
        "start": start,
        "end": end,
        "as_of": as_of,
        "services": services,
        "by_status": counts,
        "full_share": round(counts["full"] / services, 6) if services else None,
        "undated": undated,
    }


def _progress(
    since: str,
    as_of: str,
    became: dict[str, int],
    services: list[str],
    regressed: list[dict[str, str]],
    opened: dict[str, int],
    undated_at_start: int,
) -> dict[str, Any]:
    return {
        "since": since,
        "as_of": as_of,
        "became_full": {
            "total": sum(became.values()),
            "from": {"partial": 0, "in_person": 0, "unknown": 0, "new": 0, **became},
            "services": services,
        },
        "regressed": regressed,
        "channels_opened": {
            "total": sum(opened.values()),
            "by_channel": {"portal": 0, "kiosk": 0, "mobile": 0, **opened},
        },
        "undated_at_start": undated_at_start,
    }


def _figures(root: Path, period: str, as_of: tuple[int, int, int] | None = None) -> dict[str, Any]:
    loaded = load_collection(root)
    assert not loaded.excluded
    report = build_report(loaded.collection, loaded.declarations, parse_period(period), as_of=as_of)
    data = to_dict(report)
    return {
        "as_of": data["statuses"]["as_of"],
        "with_history": data["statuses"]["services_with_history"],
        "undated": data["statuses"]["undated"],
        "services": data["services"]["total"],
        "by_status": {k: v["count"] for k, v in data["services"]["by_status"].items()},
        "offerings": {k: v["count"] for k, v in data["channels"]["by_channel"].items()},
        "steps": data["follow_up"]["in_person_steps"],
        "progress": data["progress"],
        "series": data["series"],
    }


# 2018: income is partly electronic since its launch; clearance has no state before its
# first entry (2019-01-01), so its earliest, full, is used and it is undated, like id-card
# (civil declared in 2019-11); vat is not launched yet; birth is in person.
EAST_2018 = {
    "as_of": "2018-12-31",
    "with_history": 3,
    "undated": 2,
    "services": 4,
    "by_status": _counts(full=1, partial=1, in_person=1, unknown=1),
    "offerings": {"portal": 2, "kiosk": 0, "mobile": 0},
    "steps": [
        {"step": "Register at the office", "services": 1},
        {"step": "Sign the return", "services": 1},
    ],
    "progress": _progress("2017-12-31", "2018-12-31", {}, [], [], {}, 2),
    "series": {
        "unit": "quarter",
        "points": [
            *(
                _point(f"2017-Q{q}", f"2017-{3 * q - 2:02d}", f"2017-{3 * q:02d}", day, three, 2)
                for q, day, three in (
                    (1, "2017-03-31", _counts(full=1, in_person=1, unknown=1)),
                    (2, "2017-06-30", _counts(full=1, in_person=1, unknown=1)),
                    (3, "2017-09-30", _counts(full=1, in_person=1, unknown=1)),
                    (4, "2017-12-31", _counts(full=1, in_person=1, unknown=1)),
                )
            ),
            _point("2018-Q1", "2018-01", "2018-03", "2018-03-31", _counts(1, 0, 1, 1), 2),
            _point("2018-Q2", "2018-04", "2018-06", "2018-06-30", _counts(1, 1, 1, 1), 2),
            _point("2018-Q3", "2018-07", "2018-09", "2018-09-30", _counts(1, 1, 1, 1), 2),
            _point("2018-Q4", "2018-10", "2018-12", "2018-12-31", _counts(1, 1, 1, 1), 2),
        ],
    },
}

# 2019-H1: income became fully electronic on 2019-04-15 (from partial); clearance is dated
# from 2019-01-01; birth is still in person (until 2019-07-01).
EAST_2019_H1 = {
    "as_of": "2019-06-30",
    "with_history": 3,
    "undated": 1,
    "services": 4,
    "by_status": _counts(full=2, in_person=1, unknown=1),
    "offerings": {"portal": 2, "kiosk": 0, "mobile": 0},
    "steps": [{"step": "Register at the office", "services": 1}],
    "progress": _progress("2018-12-31", "2019-06-30", {"partial": 1}, ["tax/income"], [], {}, 2),
    "series": {
        "unit": "quarter",
        "points": [
            *EAST_2018["series"]["points"],  # type: ignore[index]
            _point("2019-Q1", "2019-01", "2019-03", "2019-03-31", _counts(1, 1, 1, 1), 1),
            _point("2019-Q2", "2019-04", "2019-06", "2019-06-30", _counts(2, 0, 1, 1), 1),
        ],
    },
}

# 2020-Q1: both declarations hold (tax from 2020-03-01): income opened its mobile app,
# clearance regressed to partial and opened kiosks, vat (launched 2019-09) is in person and
# was undated at the start. 13 quarters since 2017-Q1: the series is by year.
EAST_2020_Q1 = {
    "as_of": "2020-03-31",
    "with_history": 3,
    "undated": 0,
    "services": 5,
    "by_status": _counts(full=2, partial=1, in_person=1, unknown=1),
    "offerings": {"portal": 3, "kiosk": 1, "mobile": 1},
    "steps": [
        {"step": "Collect the certificate at the counter", "services": 1},
        {"step": "Paper forms only", "services": 1},
    ],
    "progress": _progress(
        "2019-12-31",
        "2020-03-31",
        {},
        [],
        [{"service": "tax/clearance", "from": "full", "to": "partial"}],
        {"kiosk": 1, "mobile": 1},
        1,
    ),
    "series": {
        "unit": "year",
        "points": [
            _point("2017", "2017-01", "2017-12", "2017-12-31", _counts(1, 0, 1, 1), 2),
            _point("2018", "2018-01", "2018-12", "2018-12-31", _counts(1, 1, 1, 1), 2),
            _point("2019", "2019-01", "2019-12", "2019-12-31", _counts(3, 0, 1, 1), 1),
            _point("2020", "2020-01", "2020-03", "2020-03-31", _counts(2, 1, 1, 1), 0),
        ],
    },
}


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2018", EAST_2018), ("2019-H1", EAST_2019_H1), ("2020-Q1", EAST_2020_Q1)],
)
def test_gregorian_collection_as_of_three_dates(
    tmp_path: Path, period: str, expected: dict[str, Any]
) -> None:
    assert _figures(_write(tmp_path, GREGORIAN), period) == expected


_JALALI_SERIES = [
    _point("1397-Q2", "1397-04", "1397-06", "1397-06-31", _counts(in_person=1), 0),
    _point("1397-Q3", "1397-07", "1397-09", "1397-09-30", _counts(in_person=1), 0),
    _point("1397-Q4", "1397-10", "1397-12", "1397-12-29", _counts(in_person=1), 0),
    _point("1398-Q1", "1398-01", "1398-03", "1398-03-31", _counts(partial=1, in_person=1), 0),
    _point("1398-Q2", "1398-04", "1398-06", "1398-06-31", _counts(partial=1, in_person=1), 0),
    _point("1398-Q3", "1398-07", "1398-09", "1398-09-30", _counts(partial=1, in_person=1), 0),
    _point("1398-Q4", "1398-10", "1398-12", "1398-12-29", _counts(full=1, in_person=1), 0),
    _point("1399-Q1", "1399-01", "1399-03", "1399-03-31", _counts(full=1, in_person=1), 0),
    _point("1399-Q2", "1399-04", "1399-06", "1399-06-31", _counts(full=1, in_person=1), 0),
]

# 1398-H1: the connection, launched 1398-02-10, is partly electronic at kiosks; the
# transfer is in person since 1397-06-31 (the last day of Shahrivar).
WEST_1398_H1 = {
    "as_of": "1398-06-31",
    "with_history": 2,
    "undated": 0,
    "services": 2,
    "by_status": _counts(partial=1, in_person=1),
    "offerings": {"portal": 0, "kiosk": 1, "mobile": 0},
    "steps": [{"step": "Meter visit", "services": 1}, {"step": "Paper", "services": 1}],
    "progress": _progress("1397-12-29", "1398-06-31", {}, [], [], {}, 0),
    "series": {"unit": "quarter", "points": _JALALI_SERIES[:5]},
}
# 1398: the connection became fully electronic on the year's last day, 1398-12-29 (1398
# is not a leap year), counted as a new service of the year.
WEST_1398 = {
    "as_of": "1398-12-29",
    "with_history": 2,
    "undated": 0,
    "services": 2,
    "by_status": _counts(full=1, in_person=1),
    "offerings": {"portal": 1, "kiosk": 0, "mobile": 0},
    "steps": [{"step": "Paper", "services": 1}],
    "progress": _progress("1397-12-29", "1398-12-29", {"new": 1}, ["abfa/connection"], [], {}, 0),
    "series": {"unit": "quarter", "points": _JALALI_SERIES[:7]},
}
# 1399-H1: no change in the period; the transfer's declared state (partial) only holds
# from declared_on, 1399-07-12.
WEST_1399_H1 = {
    "as_of": "1399-06-31",
    "with_history": 2,
    "undated": 0,
    "services": 2,
    "by_status": _counts(full=1, in_person=1),
    "offerings": {"portal": 1, "kiosk": 0, "mobile": 0},
    "steps": [{"step": "Paper", "services": 1}],
    "progress": _progress("1398-12-29", "1399-06-31", {}, [], [], {}, 0),
    "series": {"unit": "quarter", "points": _JALALI_SERIES},
}


@pytest.mark.parametrize(
    ("period", "expected"),
    [("1398-H1", WEST_1398_H1), ("1398", WEST_1398), ("1399-H1", WEST_1399_H1)],
)
def test_jalali_collection_as_of_three_dates(
    tmp_path: Path, period: str, expected: dict[str, Any]
) -> None:
    assert _figures(_write(tmp_path, JALALI), period) == expected


def test_as_of_the_declaration_date_takes_the_declared_state(tmp_path: Path) -> None:
    found = _figures(_write(tmp_path, JALALI), "1399", as_of=(1399, 7, 12))
    assert found["as_of"] == "1399-07-12"
    assert found["by_status"] == _counts(full=1, partial=1)
    # the transfer, in person at the start, now offers its portal
    assert found["progress"]["channels_opened"]["by_channel"] == {
        "portal": 1,
        "kiosk": 0,
        "mobile": 0,
    }


def test_report_as_of_through_the_command_line(tmp_path: Path) -> None:
    root = _write(tmp_path / "west", JALALI)
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(root), "--as-of", "1399-07-12", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"as_of": "1399-07-12"' in result.output
    assert '"label": "1399-01..1399-07"' in result.output
    series = runner.invoke(
        app, ["report", str(root), "-p", "1398", "--format", "csv", "--csv-table", "series"]
    )
    assert series.exit_code == 0, series.output
    lines = series.output.lstrip("\ufeff").splitlines()
    assert (
        lines[0]
        == "label,start,end,as_of,services,full,partial,in_person,unknown,full_share,undated"
    )
    assert lines[-1] == "1398-Q4,1398-10,1398-12,1398-12-29,2,1,0,1,0,0.500000,0"
    for bad, message in (
        ("1398-12-30", "not a date of the jalali calendar"),
        ("1397-05-01", "before the period"),
    ):
        result = runner.invoke(app, ["report", str(root), "-p", "1398", "--as-of", bad])
        assert result.exit_code == 2 and message in result.output, result.output
    wrong = runner.invoke(app, ["report", str(root), "--csv-table", "series"])
    assert wrong.exit_code == 2 and "CSV table" in wrong.output
