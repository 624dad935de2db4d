"""Huge numbers: a finding at the number's line and column, never a crash (exit 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.io.schemas import schema_text
from egov_audit.model.limits import MAX_COUNT

_MONTH = "      1399-02: 100\n"


def _collection(tmp_path: Path, mini: Path, replacement: str) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    alpha = target / "agencies" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    assert _MONTH in text
    alpha.write_text(text.replace(_MONTH, replacement), encoding="utf-8")
    return target


def _findings(collection: Path) -> tuple[int, list[tuple[str, int, int, str]]]:
    result = CliRunner().invoke(app, ["validate", str(collection), "-f", "json"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [(f["rule"], f["line"], f["column"], f["message"]) for f in found]


@pytest.mark.parametrize(
    ("replacement", "column"),
    [
        ("      1399-02: 9223372036854775808\n", 16),  # 2^63
        ("      1399-02: 1000000000001\n", 16),
        ("      1399-02: 99999999999999999999999999999999999999\n", 16),
        ("      1399-02: {portal: 9223372036854775807, kiosk: 5}\n", 25),
        ("      1399-02: {portal: 1, in_person: 18446744073709551616}\n", 39),
    ],
)
def test_counts_above_the_maximum_are_findings(
    tmp_path: Path, mini: Path, replacement: str, column: int
) -> None:
    collection = _collection(tmp_path, mini, replacement)
    code, found = _findings(collection)
    assert code == 1
    maximum = [f for f in found if f[0] == "schema/maximum"]
    assert [(line, col) for _rule, line, col, _message in maximum] == [(16, column)]
    assert "1,000,000,000,000" in maximum[0][3]
    assert len(maximum[0][3]) < 160  # the number is shortened, not echoed in full
    report = CliRunner().invoke(app, ["report", str(collection)])
    assert report.exit_code == 0, report.output
    assert "Traceback" not in report.output


def test_an_integer_beyond_pythons_digit_limit_is_a_finding(tmp_path: Path, mini: Path) -> None:
    collection = _collection(tmp_path, mini, "      1399-02: " + "9" * 5000 + "\n")
    code, found = _findings(collection)
    assert code == 1
    [(rule, line, column, message)] = [f for f in found if f[0].startswith("yaml-")]
    assert (rule, line, column) == ("yaml-too-large", 16, 16)
    assert "5,000 digits" in message and "9999999999" not in message
    for command in (["report", str(collection)], ["validate", str(collection)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output


def test_a_count_at_the_maximum_is_accepted(tmp_path: Path, mini: Path) -> None:
    collection = _collection(tmp_path, mini, f"      1399-02: {MAX_COUNT}\n")
    code, found = _findings(collection)
    assert code == 0, found
    report = CliRunner().invoke(app, ["report", str(collection), "-f", "json", "-p", "1399"])
    assert report.exit_code == 0, report.output


def test_the_schema_states_the_maximum_and_why() -> None:
    schema = json.loads(schema_text("agency"))
    transactions = schema["$defs"]["service"]["properties"]["transactions"]
    count, split = transactions["additionalProperties"]["anyOf"]
    assert count["maximum"] == MAX_COUNT
    for channel in split["properties"].values():
        assert channel["maximum"] == MAX_COUNT
    assert "1,000,000,000,000" in transactions["description"]
