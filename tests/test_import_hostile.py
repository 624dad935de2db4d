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


@pytest.mark.parametrize("char", ["\u2028", "\u0085", "\x0b", "\x0c", "\u2029", "\x7f"])
def test_odd_characters_in_csv_cells_are_row_problems_at_the_right_row(
    collection: Path, tmp_path: Path, char: str
) -> None:
    rows = [_row("one"), _row("two"), _row("three"), _row("four")]
    rows[1][1] = f"Service{char}two"
    sheet = write_csv(tmp_path / "s.csv", rows)
    result = run(sheet, collection)
    assert result.exit_code == 1, result.output
    assert f'row 3, column B "name": the text holds the character U+{ord(char):04X}' in (
        result.output
    )
    assert "row 4" not in result.output and "row 5" not in result.output
    skipped = run(sheet, collection, "--skip-bad-rows")
    assert skipped.exit_code == 0, skipped.output
    assert [s["id"] for s in written(collection)] == ["one", "three", "four"]


def test_a_del_anywhere_is_a_row_problem(collection: Path, tmp_path: Path) -> None:
    rows = [_row("one"), _row("two"), _row("three")]
    rows[1][4] = "citizens\x7f"
    rows[2][7] = "1\x7f"
    sheet = write_csv(tmp_path / "s.csv", rows, newline="\r\n")
    result = run(sheet, collection, "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    assert 'skipped row 3, column E "audience"' in result.output
    assert 'skipped row 4, column H "1399-02"' in result.output
    assert [s["id"] for s in written(collection)] == ["one"]


def test_a_formula_without_a_stored_value_is_a_row_problem(
    collection: Path, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Services"
    sheet.append(HEADER)
    sheet.append(_row("one"))
    sheet.append([*_row("two")[:6], "=5+5", 20])
    sheet.append([*_row("three")[:6], 7, "=SUM(G2:G3)"])
    path = tmp_path / "s.xlsx"
    workbook.save(path)  # openpyxl stores formulas without their values, as scripts do
    result = run(path, collection)
    assert result.exit_code == 1, result.output
    assert (
        'row 3, column G "1399-01": cell Services!G3 holds the formula =5+5 but no stored value'
    ) in result.output
    assert 'row 4, column H "1399-02": cell Services!H4 holds the formula =SUM(G2:G3)' in (
        result.output
    )
    skipped = run(path, collection, "--skip-bad-rows")
    assert skipped.exit_code == 0, skipped.output
    assert [s["id"] for s in written(collection)] == ["one"]


def _bomb(path: Path, member: str, size: int) -> Path:
    """A workbook whose ``member`` inflates to ``size`` bytes of one repeated character."""
    import zipfile

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name != member:
                target.writestr(name, data)
        with target.open(member, "w") as handle:
            handle.write(parts[member])
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return path


@pytest.mark.parametrize(
    ("member", "size", "reason"),
    [
        ("xl/worksheets/sheet1.xml", 60 * 1024 * 1024, "inflate to 62,9"),
        ("xl/styles.xml", 2 * 1024 * 1024, "compressed more than 100 times"),
    ],
)
def test_zip_bombs_are_refused_before_reading(
    collection: Path, tmp_path: Path, member: str, size: int, reason: str
) -> None:
    import time

    path = _bomb(tmp_path / "bomb.xlsx", member, size)
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = run(path, collection)
    assert result.exit_code == 2, result.output
    assert time.monotonic() - started < 5
    assert reason in result.output
    assert member in result.output


def test_a_huge_csv_is_refused_while_reading(collection: Path, tmp_path: Path) -> None:
    import time

    sheet = tmp_path / "huge.csv"
    row = "x" + "," * (len(HEADER) - 1) + "\n"  # under the size limit: the rows stop it
    sheet.write_text(",".join(HEADER) + "\n" + row * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    result = run(sheet, collection)
    assert result.exit_code == 2, result.output
    assert "more than 20,000 rows" in result.output
    assert time.monotonic() - started < 10


def test_an_oversized_csv_is_refused_before_reading(collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    with open(sheet, "wb") as handle:
        handle.write((",".join(HEADER) + "\n").encode())
        handle.truncate(40 * 1024 * 1024)
    result = run(sheet, collection)
    assert result.exit_code == 2, result.output
    assert "larger than the limit of 16,777,216 bytes" in result.output


def test_a_cell_longer_than_a_spreadsheet_cell_is_a_row_problem(
    collection: Path, tmp_path: Path
) -> None:
    rows = [_row("one"), _row("two")]
    rows[1][1] = "x" * 40_000
    sheet = write_csv(tmp_path / "s.csv", rows)
    result = run(sheet, collection, "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    assert 'skipped row 3, column B "name": the text is 40,000 characters long' in result.output
    assert "x" * 100 not in result.output


def test_a_sheet_claiming_a_huge_dimension_is_read_by_its_cells(
    collection: Path, tmp_path: Path
) -> None:
    import zipfile

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(_row("one"))
    path = tmp_path / "s.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index('<dimension ref="') + len('<dimension ref="')
    end = sheet.index('"', start)
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + "A1:XFD1048576" + sheet[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = run(path, collection)
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in written(collection)] == ["one"]
