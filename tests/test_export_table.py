"""The table of services (``export --format csv`` and ``xlsx``) for open-data portals."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inventories"
TINY = Path(__file__).parent / "data" / "collections" / "tiny"
EXCHANGE = Path(__file__).parent / "data" / "collections" / "exchange"


def export(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_one_row_per_service_with_the_periods_transactions() -> None:
    code, text = export(str(SAMPLES / "qom"), "-f", "csv", "--period", "1399-H1")
    assert code == 0, text
    rows = read_csv(text)
    header = rows[0]
    assert header[:6] == [
        "agency",
        "agency_name",
        "agency_name_local",
        "declared_on",
        "verified",
        "id",
    ]
    assert header[-7:] == ["transactions", *(f"1399-0{m}" for m in range(1, 7))]
    assert len(rows) == 1 + 651
    # The README's figure: 23,000,000 transactions in months 1399-01..1399-06.
    total = header.index("transactions")
    assert sum(int(row[total]) for row in rows[1:] if row[total]) == 23_000_000
    months = [sum(int(row[i]) for row in rows[1:] if row[i]) for i in range(total + 1, total + 7)]
    assert sum(months) == 23_000_000


def test_empty_cells_are_no_figure_and_lists_read_as_import_reads_them() -> None:
    code, text = export(str(TINY), "-f", "csv", "--period", "2020-01..2020-03")
    assert code == 0, text
    rows = {(row[0], row[5]): row for row in read_csv(text)[1:]}
    header = read_csv(text)[0]
    birth = dict(zip(header, rows[("civil", "birth-certificate")], strict=True))
    assert birth["transactions"] == "100"  # 50 split (30 + 10 + 10) + 50
    assert (birth["2020-01"], birth["2020-02"], birth["2020-03"]) == ("50", "50", "")
    assert birth["channels"] == "portal, kiosk"
    assert birth["benchmarks"] == "sdg:birth-registration-proof, un:birth-certificate"
    assert birth["in_person_steps"] == "Collect the certificate at the counter."
    transfer = dict(zip(header, rows[("land", "title-transfer")], strict=True))
    assert transfer["depends_on"] == "tax/tax-clearance, civil/identity-inquiry"
    assert transfer["verified"] == "false"


def test_cells_that_would_run_as_formulas_are_text(tmp_path: Path) -> None:
    collection = tmp_path / "tiny"
    shutil.copytree(TINY, collection)
    declaration = collection / "agencies" / "civil.yaml"
    text = declaration.read_text(encoding="utf-8")
    declaration.write_text(
        text.replace("name: Identity inquiry", 'name: \'=HYPERLINK("http://x","y")\''),
        encoding="utf-8",
    )
    code, csv_text = export(str(collection), "-f", "csv", "-p", "2020")
    assert code == 0, csv_text
    assert "'=HYPERLINK" in csv_text
    target = tmp_path / "out.xlsx"
    code, output = export(str(collection), "-f", "xlsx", "-p", "2020", "-o", str(target))
    assert code == 0, output
    sheet = openpyxl.load_workbook(target)["services"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert len(cells) == 1
    assert cells[0].data_type == "s" and cells[0].quotePrefix  # stored as text, never run
    assert cells[0].value == '=HYPERLINK("http://x","y")'  # and kept exactly


def test_the_workbook_holds_the_csv_rows_with_numbers_as_numbers(tmp_path: Path) -> None:
    code, text = export(str(SAMPLES / "greece"), "-f", "csv", "-p", "2020")
    assert code == 0
    target = tmp_path / "greece.xlsx"
    code, output = export(str(SAMPLES / "greece"), "-f", "xlsx", "-p", "2020", "-o", str(target))
    assert code == 0, output
    sheet = openpyxl.load_workbook(target)["services"]
    assert sheet.freeze_panes == "A2"
    values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert [[str(v) for v in row] for row in values] == read_csv(text)
    total = values[0].index("transactions")
    assert all(isinstance(row[total], int) for row in values[1:] if row[total] != "")


def test_a_period_without_data_is_a_usage_error() -> None:
    code, output = export(str(SAMPLES / "qom"), "-f", "csv", "--period", "2020")
    assert code == 2
    assert "no transactions are declared" in output and "jalali" in output


def test_options_of_the_other_kind_of_export_are_refused() -> None:
    code, output = export(str(SAMPLES / "greece"), "-f", "xlsx", "--lang", "fa")
    assert code == 2 and "--lang is for a declaration's workbook" in output
    code, output = export(str(SAMPLES / "greece"), "-f", "csv", "--base-uri", "urn:x:")
    assert code == 2 and "--base-uri is for --format cpsv-ap and turtle" in output
    declaration = str(SAMPLES / "greece" / "agencies" / "aade.yaml")
    code, output = export(declaration, "-f", "turtle")
    assert code == 2 and "give the collection folder" in output
    code, output = export(declaration, "--period", "2020")
    assert code == 2 and "--period is for a collection's export" in output


EXCHANGE_CSV = """\
\ufeffagency,agency_name,agency_name_local,declared_on,verified,id,name,name_local,status,type,\
audience,channels,in_person_steps,launched_on,depends_on,benchmarks,kind,inquiries,transactions,\
1399-01,1399-02,1399-03
civil,Civil Registration,,1399-04-10,true,identity-inquiry,Identity inquiry,استعلام هویت,,,,,,,,,\
exchange_service,180,,100,80,0
civil,Civil Registration,,1399-04-10,true,birth-inquiry,Birth certificate inquiry,,,,,,,,,,\
exchange_service,20,,,20,
police,Police,,1399-04-10,false,clearance,Police clearance certificate,,in_person,transactional,\
"citizens, businesses",,The applicant collects the certificate at a police office,,,,service,,,,,
post,Post Company,,1399-04-10,false,postcode-inquiry,Postcode inquiry,,,,,,,,,,\
exchange_service,75,,60,,15
tax,Tax Office,,1399-04-10,false,clearance,Tax clearance,,full,transactional,\
"citizens, businesses",portal,,,"civil/identity-inquiry, judiciary/criminal-record",,\
service,,300,200,100,
tax,Tax Office,,1399-04-10,false,registration,Taxpayer registration,,partial,transactional,\
businesses,portal,The police clearance is brought to the office,,police/clearance,,\
service,,50,,50,
tax,Tax Office,,1399-04-10,false,refund,Tax refund,,full,transactional,citizens,portal,,,\
post/postcode-inquiry,,service,,150,,,150
"""


def test_exchange_services_are_rows_of_their_kind_with_their_inquiries(tmp_path: Path) -> None:
    """An agency's services, then its exchange services (kind exchange_service): inquiries
    in their own column and in the month columns, the service fields empty."""
    code, text = export(str(EXCHANGE), "-f", "csv", "--period", "1399-Q1")
    assert code == 0, text
    assert text == EXCHANGE_CSV
    target = tmp_path / "exchange.xlsx"
    code, _out = export(str(EXCHANGE), "-f", "xlsx", "--period", "1399-Q1", "-o", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    expected = read_csv(EXCHANGE_CSV)
    assert [[str(c) for c in row] for row in cells] == expected
    # The inquiries are integers in the workbook, as the transactions are.
    assert cells[1][17:] == [180, "", 100, 80, 0]
