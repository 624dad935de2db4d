"""``egov-audit import``: spreadsheets (CSV and XLSX, English or Persian) to declarations."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner, Result

from egov_audit.cli import app as egov_audit_app
from egov_audit.importer import layout as importer
from egov_audit.io.yamlload import load_file
from egov_audit.model import Severity
from egov_audit.model.calendars import Calendar
from egov_audit.runner.collection import validate_paths

SHEETS = Path(__file__).parent / "data" / "sheets"
HEADER = [
    "id",
    "name",
    "name_local",
    "status",
    "type",
    "audience",
    "channels",
    "in_person_steps",
    "launched_on",
    "depends_on",
    "1399-01",
    "1399-02",
]


@pytest.fixture
def app() -> typer.Typer:
    return egov_audit_app


@pytest.fixture
def collection(tmp_path: Path, mini: Path) -> Path:
    """A copy of the mini collection, where 'delta' is registered but has not declared."""
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    return target


def run(app: typer.Typer, sheet: Path, collection: Path, *extra: str) -> Result:
    args = ["import", str(sheet), "--agency", "delta", "-c", str(collection)]
    return CliRunner().invoke(app, [*args, "--declared-on", "1399-07-01", *extra])


def errors(path: Path) -> list[str]:
    result = validate_paths([path])
    return [f"{f.location} {f.rule}" for f in result.findings if f.severity is Severity.ERROR]


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False) -> Path:
    text = "\n".join(",".join(row) for row in [HEADER, *rows]) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_persian_sample_sheet_imports_and_validates(app: typer.Typer, collection: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "import",
            str(SHEETS / "delta-fa.csv"),
            "--agency",
            "delta",
            "--collection",
            str(collection),
            "--declared-on",
            "1399-07-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 service(s) from 3 row(s)" in result.output
    written = collection / "agencies" / "delta.yaml"
    data = load_file(written).data
    assert data["agency"] == {"id": "delta", "name": "Delta Agency"}
    first, second, third = data["services"]
    assert first == {
        "id": "water-bill",
        "name": "Water bill payment",
        "name_local": "پرداخت قبض آب",
        "status": "full",
        "type": "transactional",
        "audience": ["citizens", "businesses"],
        "channels": ["portal", "mobile"],
        "launched_on": "1398-05-01",
        "transactions": {"1399-01": 1520, "1399-02": 1610},
        "depends_on": ["beta/identity-inquiry"],
    }
    assert second["status"] == "partial"
    assert second["in_person_steps"] == "بازدید کارشناس از محل"
    assert second["transactions"] == {"1399-01": 120, "1399-02": 130, "1399-03": 140}
    assert third["status"] == "unknown"
    assert "channels" not in third
    assert errors(collection) == []


def test_csv_with_and_without_bom(app: typer.Typer, collection: Path, tmp_path: Path) -> None:
    row = ["bill", "Bill inquiry", "", "full", "interactive", "citizens;businesses", "portal"]
    row += ["", "1399-02-31", "", "10", "۲۰"]
    for bom in (False, True):
        sheet = write_csv(tmp_path / f"s{bom}.csv", [row], bom=bom)
        result = run(app, sheet, collection, "--force")
        assert result.exit_code == 0, result.output
        service = load_file(collection / "agencies" / "delta.yaml").data["services"][0]
        assert service["id"] == "bill"
        assert service["audience"] == ["citizens", "businesses"]
        assert service["transactions"] == {"1399-01": 10, "1399-02": 20}
        assert errors(collection) == []


def test_xlsx_imports_and_validates(app: typer.Typer, collection: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["شناسه", "نام", "وضعیت", "نوع", "مخاطب", "کانال", "تاریخ راه‌اندازی"])
    sheet.cell(row=1, column=8, value="۱۳۹۹-۰۳")
    sheet.append(["permit", "Permit", "تمام‌الکترونیک", "تراکنشی", "کسب و کارها", "پرتال"])
    sheet.cell(row=2, column=7, value="1399/3/5")
    sheet.cell(row=2, column=8, value=1234)
    sheet.append(["visit", "Visit", "حضوری", "اطلاع‌رسانی", "دولت"])
    sheet.append([])  # empty rows are skipped
    sheet.append(["dated", "Dated", "نامشخص", "تعاملی", "شهروندان", None, None, 7.0])
    sheet.cell(row=5, column=7, value=datetime.datetime(2020, 3, 20))  # Gregorian date cell
    path = tmp_path / "services.xlsx"
    workbook.save(path)

    result = run(app, path, collection)
    # 'visit' is in_person without in_person_steps: the project's validation rejects it
    assert result.exit_code == 1
    assert "row 3" in result.output and "in_person_steps" in result.output
    assert not (collection / "agencies" / "delta.yaml").exists()

    result = run(app, path, collection, "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    services = load_file(collection / "agencies" / "delta.yaml").data["services"]
    assert [s["id"] for s in services] == ["permit", "dated"]
    assert services[0]["status"] == "full"
    assert services[0]["launched_on"] == "1399-03-05"
    assert services[0]["transactions"] == {"1399-03": 1234}
    assert services[1]["launched_on"] == "1399-01-01"  # 2020-03-20 is Nowruz 1399
    assert services[1]["transactions"] == {"1399-03": 7}
    assert errors(collection) == []


def test_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    app: typer.Typer, collection: Path, tmp_path: Path
) -> None:
    good = ["good", "Good", "", "full", "interactive", "citizens", "portal", "", "", "", "1", ""]
    bad_status = ["odd", "Odd", "", "maybe", "interactive", "citizens", "portal", "", "", ""]
    bad_count = ["count", "Count", "", "full", "interactive", "citizens", "portal", "", "", ""]
    bad_count += ["", "-3"]
    bad_dep = ["dep", "Dep", "", "full", "interactive", "citizens", "portal", "", "", "beta/none"]
    sheet = write_csv(tmp_path / "bad.csv", [good, bad_status, bad_count, bad_dep])
    result = run(app, sheet, collection)
    assert result.exit_code == 1
    assert "row 3, column D \"status\": unknown status 'maybe'" in result.output
    assert 'row 4, column L "1399-02"' in result.output
    assert "row 5, column J \"depends_on\": depends_on 'beta/none'" in result.output
    assert "nothing written: 3 of 4 row(s)" in result.output
    assert not (collection / "agencies" / "delta.yaml").exists()
    assert list((collection / "agencies").glob(".*")) == []


def test_skip_bad_rows_writes_the_rest(app: typer.Typer, collection: Path, tmp_path: Path) -> None:
    good = ["good", "Good", "", "full", "interactive", "citizens", "portal", "", "", "", "1", ""]
    again = ["good", "Twice", "", "full", "interactive", "citizens", "portal", "", "", ""]
    late = ["late", "Late", "", "full", "interactive", "citizens", "portal", "", "1399-08-01", ""]
    other = ["other", "Other", "", "unknown", "informational", "government", "", "", "", ""]
    sheet = write_csv(tmp_path / "mixed.csv", [good, again, late, other])
    result = run(app, sheet, collection, "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    assert "skipped row 3" in result.output and "already used in row 2" in result.output
    assert "skipped row 4" in result.output and "after declared_on" in result.output
    assert "2 service(s) from 4 row(s); skipped 2 row(s): 3, 4" in result.output
    services = load_file(collection / "agencies" / "delta.yaml").data["services"]
    assert [s["id"] for s in services] == ["good", "other"]
    assert errors(collection) == []


def test_never_overwrites_without_force(app: typer.Typer, collection: Path) -> None:
    existing = collection / "agencies" / "alpha.yaml"
    before = existing.read_bytes()
    args = ["import", str(SHEETS / "delta-fa.csv"), "-a", "alpha", "-c", str(collection)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "exists; pass --force" in result.stderr
    assert existing.read_bytes() == before


def test_unknown_agency_suggests(app: typer.Typer, collection: Path) -> None:
    args = ["import", str(SHEETS / "delta-fa.csv"), "-a", "detla", "-c", str(collection)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "'detla' is not registered" in result.stderr
    assert "Did you mean 'delta'" in result.stderr


def test_missing_required_column_is_a_usage_error(
    app: typer.Typer, collection: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,name,type,audience,1399-13\nx,X,interactive,citizens,1\n", "utf-8")
    result = run(app, sheet, collection)
    assert result.exit_code == 2
    message = result.stderr
    assert "missing column(s): status (or وضعیت" in message
    assert "'1399-13' is not a month" in message


def test_unreadable_inputs_are_usage_errors(
    app: typer.Typer, collection: Path, tmp_path: Path
) -> None:
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("شناسه".encode("cp1256"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    odd = tmp_path / "sheet.ods"
    odd.write_bytes(b"")
    for path, words in ((legacy, "not UTF-8"), (broken, "not a readable .xlsx"), (odd, ".ods")):
        result = run(app, path, collection)
        assert result.exit_code == 2, result.output
        assert words in result.stderr


def test_help_has_examples_and_layout(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "--skip-bad-rows" in result.output


def test_value_table_and_counts() -> None:
    assert importer.VALUES["status"]["full"][1] == "تمام الکترونیک"
    layout = importer.read_layout(["ID", "Name", "وضعيت", "Type", "Audience"], Calendar.JALALI)
    assert set(layout.fields) == {"id", "name", "status", "type", "audience"}
    cells = ["a", "A", "نيمه‌الکترونيک", "interactive", "citizens"]
    service, problems = importer.convert_row(2, cells, layout, Calendar.JALALI)
    assert problems == []
    assert service is not None and service["status"] == "partial"
    assert importer._count("۱٬۲۳۴") == 1234
    assert importer._count("1,234") == 1234
    assert importer._count("") is None
    assert isinstance(importer._count("12a"), str)
    assert importer.column_letter(0) == "A" and importer.column_letter(27) == "AB"
