"""``egov-audit import`` of sheets nobody checked: odd characters, huge numbers, formulas
without values, zip bombs and oversized files are row problems or clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from egov_audit.cli.app import app
from egov_audit.io.yamlload import load_file

HEADER = ["id", "name", "status", "type", "audience", "channels", "1399-01", "1399-02"]


@pytest.fixture
def collection(tmp_path: Path, mini: Path) -> Path:
    """A copy of the mini collection, where 'delta' is registered but has not declared."""
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    return target


def _row(service_id: str, first: str = "10", second: str = "20") -> list[str]:
    name = f"Service {service_id}"
    return [service_id, name, "full", "interactive", "citizens", "portal", first, second]


def write_csv(path: Path, rows: list[list[str]], *, newline: str = "\n") -> Path:
    text = newline.join(",".join(row) for row in [HEADER, *rows]) + newline
    path.write_bytes(text.encode("utf-8"))
    return path


def run(sheet: Path, collection: Path, *extra: str) -> Result:
    args = ["import", str(sheet), "--agency", "delta", "-c", str(collection)]
    return CliRunner().invoke(app, [*args, "--declared-on", "1399-07-01", *extra])


def written(collection: Path) -> list[dict[str, object]]:
    services: list[dict[str, object]] = load_file(collection / "agencies" / "delta.yaml").data[
        "services"
    ]
    return services


@pytest.mark.parametrize(
    "count",
    ["9223372036854775808", "1000000000001", "9" * 5000, "1,000,000,000,001"],
)
def test_huge_counts_in_csv_cells_are_row_problems(
    collection: Path, tmp_path: Path, count: str
) -> None:
    sheet = write_csv(tmp_path / "s.csv", [_row("one"), _row("two", count), _row("three")])
    if "," in count:
        sheet.write_text(sheet.read_text(encoding="utf-8").replace(count, f'"{count}"'))
    result = run(sheet, collection)
    assert result.exit_code == 1, result.output
    assert 'row 3, column G "1399-01"' in result.output
    assert "larger than the largest count accepted (1,000,000,000,000)" in result.output
    assert "9" * 100 not in result.output
    skipped = run(sheet, collection, "--skip-bad-rows")
    assert skipped.exit_code == 0, skipped.output
    assert [s["id"] for s in written(collection)] == ["one", "three"]


def test_huge_counts_in_xlsx_cells_are_row_problems(collection: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(_row("one"))
    sheet.append([*_row("two")[:6], 2**63, 1e20])
    path = tmp_path / "s.xlsx"
    workbook.save(path)
    result = run(path, collection)
    assert result.exit_code == 1, result.output
    assert 'row 3, column G "1399-01": 9223372036854775808 is larger than' in result.output
    assert 'row 3, column H "1399-02": 100000000000000000000 is larger than' in result.output
