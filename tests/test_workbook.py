"""The agency workbook: its sheets, drop-down lists and look; ``init --format xlsx``; and
problems that name their sheet and cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.importer import words
from egov_audit.importer.common import load_registry

ROOT = Path(__file__).resolve().parent.parent
QOM = ROOT / "inventories" / "qom"
TINY = Path(__file__).parent / "data" / "collections" / "tiny"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def abfa(tmp_path: Path) -> Path:
    target = tmp_path / "abfa.xlsx"
    code, output = run("export", str(QOM / "agencies" / "abfa.yaml"), "-o", str(target))
    assert code == 0, output
    assert "next: fill it in" in output
    return target


def test_the_workbook_has_the_layout_import_reads(abfa: Path) -> None:
    book = openpyxl.load_workbook(abfa)
    assert book.sheetnames[:3] == ["خدمات", "ماه‌ها", "سابقه"]
    assert book.sheetnames[-1] == "راهنما"
    services = book["خدمات"]
    header = [c.value for c in services[1]]
    assert header == [
        "شناسه خدمت", "نام انگلیسی", "نام فارسی", "وضعیت الکترونیکی", "مراحل حضوری",
        "نوع خدمت", "مخاطبان", "مجاری ارائه", "تاریخ راه‌اندازی", "وابسته به", "شاخص‌های مقایسه",
    ]  # fmt: skip
    assert all(cell.font.bold for cell in services[1])
    assert services.freeze_panes == "A2" and book["ماه‌ها"].freeze_panes == "A2"
    assert services.sheet_view.rightToLeft
    assert services["A2"].value == "new-water-and-sewer-connection"
    assert services["D2"].value == "تمام الکترونیک"
    assert services["G2"].value == "شهروندان، کسب و کارها"
    # Columns fit their contents: the id column is as wide as the longest id.
    longest = max(len(str(c.value)) for c in services["A"])
    assert services.column_dimensions["A"].width >= longest
    months = book["ماه‌ها"]
    assert [c.value for c in months[1]] == [
        "شناسه خدمت", "نام خدمت", "ماه", "تعداد تراکنش", "پرتال", "پیشخوان", "موبایل", "حضوری",
    ]  # fmt: skip
    # A month split by channel fills the channel columns, not the total.
    assert [c.value for c in months[2]] == [
        "new-water-and-sewer-connection", "درخواست انشعاب آب و فاضلاب", "1399-05", None,
        8762, None, 3214, None,
    ]  # fmt: skip
    assert [c.value for c in months[4]][2:4] == ["1398-01", 49062]
    history = book["سابقه"]
    assert [c.value for c in history[2]][2:5] == ["1399-05-11", "تمام الکترونیک", "پرتال، موبایل"]


def test_status_type_audience_and_channels_are_drop_down_lists(abfa: Path) -> None:
    book = openpyxl.load_workbook(abfa)
    validations = {
        str(v.sqref): (v.formula1, v.errorStyle)
        for v in book["خدمات"].data_validations.dataValidation
    }
    assert validations == {
        "D2:D2000": ("'راهنما'!$C$2:$C$5", "stop"),
        "F2:F2000": ("'راهنما'!$D$2:$D$4", "stop"),
        "G2:G2000": ("'راهنما'!$E$2:$E$8", "warning"),
        "H2:H2000": ("'راهنما'!$F$2:$F$8", "warning"),
    }
    lists = book["راهنما"]
    assert [lists[f"C{r}"].value for r in range(1, 6)] == [
        "وضعیت الکترونیکی", "تمام الکترونیک", "نیمه الکترونیک", "حضوری", "نیاز به اطلاعات بیشتر",
    ]  # fmt: skip
    assert lists["F8"].value == "پرتال، پیشخوان، موبایل"  # every combination of channels
    text = "\n".join(str(lists[f"A{r}"].value or "") for r in range(1, lists.max_row + 1))
    assert "Qom Province Water and Wastewater Company (abfa)" in text
    assert "egov-audit import <this file>.xlsx --agency abfa" in text
    history = {str(v.sqref) for v in book["سابقه"].data_validations.dataValidation}
    assert history == {"D2:D2000", "E2:E2000"}


def test_every_written_word_is_one_import_accepts() -> None:
    from egov_audit.importer.layout import _key

    for lang in words.LANGUAGES:
        for field, aliases in words.HEADERS.items():
            assert _key(words.written_header(field, lang)) in {_key(a) for a in aliases}
        for field, aliases in words.MONTH_HEADERS.items():
            assert _key(words.written_month_header(field, lang)) in {_key(a) for a in aliases}
        for table in words.VALUES.values():
            for value, spellings in table.items():
                assert _key(words.written_value(value, lang)) in {_key(s) for s in spellings}
    # No spelling means two things.
    for table in [words.HEADERS, words.MONTH_HEADERS, *words.VALUES.values(), words.SHEETS]:
        meanings: dict[str, set[str]] = {}
        for name, aliases in table.items():
            for alias in aliases:
                meanings.setdefault(_key(alias), set()).add(name)
        assert all(len(names) == 1 for names in meanings.values()), table


def test_init_writes_the_empty_workbook_with_the_registry_name(tmp_path: Path) -> None:
    target = tmp_path / "irib.xlsx"
    code, output = run("init", "irib", "-c", str(QOM), "--format", "xlsx", "-o", str(target))
    assert code == 0, output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["خدمات", "ماه‌ها", "سابقه"]
    assert book["خدمات"].max_row == 1 and book["ماه‌ها"].max_row == 1
    guide = book["راهنما"]
    irib = next(a for a in load_registry(QOM).agencies if a.id == "irib")
    assert f"Agency: {irib.name} (irib)." in str(guide["A2"].value)
    # Filled in by a person, it imports.
    book["خدمات"].append(
        ["news", "News", "اخبار", "تمام الکترونیک", None, "اطلاع رسانی", "شهروندان", "پرتال"]
    )
    book["ماه‌ها"].append(["news", None, "1399-06", 10])
    book.save(target)
    code, output = run(
        "import", str(target), "-a", "irib", "-c", str(QOM), "--declared-on", "1399-07-12",
        "-o", str(tmp_path / "irib.yaml"),
    )  # fmt: skip
    assert code == 0, output
    text = (tmp_path / "irib.yaml").read_text(encoding="utf-8")
    assert "1399-06: 10" in text and "status: full" in text
    code, output = run("init", "irib", "-c", str(QOM), "--format", "xlsx", "-o", str(target))
    assert code == 2 and "--force" in output


def _workbook(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tiny collection and the workbook of its civil registry."""
    collection = tmp_path / "tiny"
    shutil.copytree(TINY, collection)
    target = tmp_path / "civil.xlsx"
    code, output = run("export", str(collection / "agencies" / "civil.yaml"), "-o", str(target))
    assert code == 0, output
    return collection, target


def _import(collection: Path, sheet: Path, *more: str) -> tuple[int, str]:
    return run(
        "import", str(sheet), "-a", "civil", "-c", str(collection), "--declared-on",
        "2020-03-01", "-o", str(sheet.with_suffix(".yaml")), "--force", *more,
    )  # fmt: skip


def test_problems_name_the_sheet_and_the_cell(tmp_path: Path) -> None:
    collection, target = _workbook(tmp_path)
    book = openpyxl.load_workbook(target)
    book["services"]["D3"] = "maybe"
    months = book["months"]
    months.append(["identity-inquiry", None, "2020-13", 5])
    months.append(["no-such-service", None, "2020-02", 5])
    months.append(["identity-inquiry", None, "2020-02", "many"])
    book["history"].append(["birth-certificate", None, "2020-02-30", "full"])
    book.save(target)
    code, output = _import(collection, target)
    assert code == 1
    assert (
        f'{target}: sheet "services", cell D3: row 3, column D "status": unknown status' in output
    )
    assert 'sheet "months", cell C6: row 6, column C "month": ' in output
    assert "'2020-13' is not a month" in output
    assert 'sheet "months", cell A7: row 7, column A "id": no service \'no-such-service\'' in output
    assert 'sheet "months", cell D8: row 8, column D "transactions": ' in output
    assert (
        'sheet "history", cell C' in output and "is not a date of the gregorian calendar" in output
    )
    assert "nothing written" in output


def test_a_validation_finding_about_a_month_names_the_months_sheet(tmp_path: Path) -> None:
    collection, target = _workbook(tmp_path)
    book = openpyxl.load_workbook(target)
    book["months"].append(["identity-inquiry", None, "2020-05", 7])  # after declared_on
    book.save(target)
    code, output = _import(collection, target)
    assert code == 1
    assert 'sheet "months", cell D' in output and "after" in output
    code, output = _import(collection, target, "--skip-bad-rows")
    assert code == 0, output
    assert "skipped 1 row(s): 2" in output  # the service of the month is left out


def test_a_split_month_whose_total_disagrees_is_a_problem(tmp_path: Path) -> None:
    collection, target = _workbook(tmp_path)
    book = openpyxl.load_workbook(target)
    months = book["months"]
    row = next(r for r in range(2, months.max_row + 1) if months[f"E{r}"].value is not None)
    months[f"D{row}"] = 999
    book.save(target)
    code, output = _import(collection, target)
    assert code == 1
    assert f'sheet "months", cell D{row}' in output and "is not the sum of the channels" in output


@pytest.mark.parametrize(
    ("change", "words_expected"),
    [
        ("drop-services", "no sheet of services"),
        ("two-months", "two months sheets"),
        ("bad-months-header", 'sheet "months": the header row (row 1) cannot be used'),
        ("extra-sheet", 'warning: sheet "Notes" is not part of the layout; ignored'),
        ("corrupt", "not a readable .xlsx workbook"),
    ],
)
def test_a_wrong_workbook_is_a_clear_error(
    tmp_path: Path, change: str, words_expected: str
) -> None:
    collection, target = _workbook(tmp_path)
    book = openpyxl.load_workbook(target)
    if change == "drop-services":
        del book["services"]
        book["months"].title = "months"
        other = book.create_sheet("history2")
        del book[other.title]
    elif change == "two-months":
        book.create_sheet("Transactions")
    elif change == "bad-months-header":
        book["months"]["C1"] = "when"
    elif change == "extra-sheet":
        book.create_sheet("Notes")
    book.save(target)
    if change == "corrupt":
        target.write_bytes(target.read_bytes()[:500])
    code, output = _import(collection, target)
    assert words_expected in output
    assert "Traceback" not in output
    assert code == (0 if change == "extra-sheet" else 2)


def test_the_exchange_sheet_holds_the_services_offered_over_the_exchange(tmp_path: Path) -> None:
    collection = tmp_path / "exchange"
    shutil.copytree(Path(__file__).parent / "data" / "collections" / "exchange", collection)
    target = tmp_path / "civil.xlsx"
    code, output = run("export", str(collection / "agencies" / "civil.yaml"), "-o", str(target))
    assert code == 0, output
    book = openpyxl.load_workbook(target)
    sheet = book["تبادل"]
    assert [c.value for c in sheet[1]] == [
        "شناسه خدمت", "نام انگلیسی", "نام فارسی", "ماه", "مصرف کننده", "تعداد استعلام",
    ]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["identity-inquiry", "Identity inquiry", "استعلام هویت", "1399-02", "snapp", 50] in rows
    sheet.append(["identity-inquiry", None, None, "1399-13", None, 5])
    book.save(target)
    code, output = run(
        "import", str(target), "-a", "civil", "-c", str(collection), "--declared-on",
        "1399-04-10", "-o", str(tmp_path / "civil.yaml"),
    )  # fmt: skip
    assert code == 1
    row = sheet.max_row
    assert f'sheet "تبادل", cell D{row}: row {row}, column D "ماه": ' in output
