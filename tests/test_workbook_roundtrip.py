"""The agency round trip: a declaration exported as a workbook imports back to the same
declaration, and a workbook edited by a person imports to exactly the edits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.importer.common import load_registry
from egov_audit.importer.sheet import import_sheet
from egov_audit.io.layout import agency_files
from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, Status
from egov_audit.model.calendars import format_day
from egov_audit.render.export.agency import agency_workbook
from egov_audit.runner import check_declaration, collection_context

ROOT = Path(__file__).resolve().parent.parent
TEST_COLLECTIONS = sorted((Path(__file__).parent / "data" / "collections").iterdir())
COLLECTIONS = [ROOT / "inventories" / "qom", ROOT / "inventories" / "greece", *TEST_COLLECTIONS]


def declarations(root: Path) -> list[Declaration]:
    context = collection_context(root)
    found = []
    for path in agency_files(root):
        result = check_declaration(read_file(path), str(path), context, path.stem)
        if result.declaration is not None:
            found.append(result.declaration)
    return found


@pytest.mark.parametrize("root", COLLECTIONS, ids=lambda p: p.name)
def test_every_declaration_comes_back_from_its_workbook(root: Path, tmp_path: Path) -> None:
    """Export, then import (into a copy of the registry alone: the conversion is under test,
    the cross-file rules only warn there), then compare the records field by field."""
    registry = load_registry(root)
    (tmp_path / "agencies").mkdir()
    shutil.copy(root / "collection.yaml", tmp_path / "collection.yaml")
    context = collection_context(tmp_path)
    lang = registry.language or "en"
    compared = 0
    for original in declarations(root):
        agency = original.agency
        sheet = tmp_path / f"{agency.id}.xlsx"
        sheet.write_bytes(
            agency_workbook(
                registry, agency, original.services, lang, "exported", original.exchange_services
            )
        )
        output = tmp_path / "agencies" / f"{agency.id}.yaml"
        result = import_sheet(
            sheet,
            tmp_path,
            agency.id,
            output=output,
            declared_on=format_day(original.declared_on),
            overwrite=True,
        )
        assert result.text is not None, [str(p) for p in result.problems]
        back = check_declaration(result.text.encode(), str(output), context, agency.id)
        assert back.declaration is not None, back.findings
        imported = back.declaration
        assert imported.services == original.services, agency.id
        assert imported.exchange_services == original.exchange_services, agency.id
        assert imported.declared_on == original.declared_on
        assert imported.agency == next(a for a in registry.agencies if a.id == agency.id)
        assert imported.verified is False  # the office verifies figures again after an import
        compared += 1
    assert compared == {"qom": 54, "greece": 6}.get(root.name, compared)
    assert compared >= 2
    if root.name == "qom":  # Persian headers and values, the Solar Hijri calendar
        assert registry.calendar.value == "jalali" and lang == "fa"


def test_every_kind_of_content_is_covered() -> None:
    """The declarations of the round trip hold split months, benchmarks, dependencies,
    in-person steps, every status and both calendars."""
    services = [s for root in COLLECTIONS[:3] for d in declarations(root) for s in d.services]
    assert any(s.channel_splits for s in services)
    assert any(s.benchmarks for s in services)
    assert any(s.depends_on for s in services)
    assert any(s.in_person_steps for s in services)
    assert {s.status for s in services} == set(Status)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_an_edited_workbook_imports_to_exactly_the_edits(tmp_path: Path) -> None:
    qom = tmp_path / "qom"
    shutil.copytree(ROOT / "inventories" / "qom", qom)
    original = qom / "agencies" / "customs.yaml"  # verified: false
    workbook = tmp_path / "customs.xlsx"
    code, output = run("export", str(original), "-o", str(workbook))
    assert code == 0, output
    book = openpyxl.load_workbook(workbook)
    services, months = book["خدمات"], book["ماه‌ها"]
    assert services["D1"].value == "وضعیت الکترونیکی"
    # A person changes a status, adds a service and fills a month.
    full = next(
        r for r in range(2, services.max_row + 1) if services[f"D{r}"].value == "تمام الکترونیک"
    )
    changed = services[f"A{full}"].value
    services[f"D{full}"] = "نیاز به اطلاعات بیشتر"
    new_row = services.max_row + 1
    for column, value in zip(
        "ABCDFGH",
        [
            "customs-appointment",
            "Customs appointment booking",
            "نوبت‌دهی گمرک",
            "تمام الکترونیک",
            "تعاملی",
            "شهروندان، کسب و کارها",
            "پرتال",
        ],
        strict=True,
    ):
        services[f"{column}{new_row}"] = value
    declared = {
        (months[f"A{r}"].value, months[f"C{r}"].value) for r in range(2, months.max_row + 1)
    }
    filled = next(
        (row_id, f"1399-0{m}")
        for row_id in (services[f"A{r}"].value for r in range(2, new_row))
        for m in range(1, 7)
        if (row_id, f"1399-0{m}") not in declared
    )
    months.append([filled[0], None, filled[1], 1234])
    book.save(workbook)

    new = tmp_path / "customs-new.yaml"
    code, output = run(
        "import", str(workbook), "--agency", "customs", "--collection", str(qom),
        "--declared-on", "1399-07-01", "-o", str(new),
    )  # fmt: skip
    assert code == 0, output
    code, output = run("diff", str(original), str(new), "--format", "json")
    assert code == 0, output
    diff = json.loads(output)
    summary = {k: v for k, v in diff["summary"].items() if v}
    assert summary == {"services_added": 1, "status_changes": 1, "became_unverified": 1}
    assert [s["id"] for s in diff["services"]["added"]] == ["customs/customs-appointment"]
    assert [(s["id"], s["old"], s["new"]) for s in diff["status_changes"]] == [
        (f"customs/{changed}", "full", "unknown")
    ]
    (by_agency,) = diff["transactions"]["by_agency"]
    assert by_agency["delta"] == 1234 and by_agency["months_removed"] == []
    context = collection_context(qom)
    for path, months_of in ((original, set()), (new, {filled[1]})):
        result = check_declaration(read_file(path), str(path), context, "customs")
        assert result.declaration is not None
        service = next(s for s in result.declaration.services if s.id == filled[0])
        declared_months = {f"{y}-{m:02d}" for (y, m), _count in service.transactions}
        assert filled[1] in declared_months if months_of else filled[1] not in declared_months
