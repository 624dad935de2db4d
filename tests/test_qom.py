"""The bundled Qom sample reproduces every figure of the provincial ICT office's report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from egov_audit.aggregate.report import build_report
from egov_audit.model import Audience, Channel, ServiceType, Severity, Status
from egov_audit.model.period import parse_period
from egov_audit.runner.collection import load_collection, validate_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_LEADERS = [
    "abfa",
    "mpo",
    "economic-affairs",
    "tax-affairs",
    "post",
    "cooperatives-labour-welfare",
]


def test_qom_validates_with_only_the_missing_agencies_as_warnings(qom: Path) -> None:
    result = validate_paths([qom])
    assert result.count(Severity.ERROR) == 0
    assert sorted(f.message.split("'")[1] for f in result.findings) == [
        "hajj-pilgrimage",
        "irib",
        "land-affairs",
        "salafchegan-zone",
    ]
    assert {f.rule for f in result.findings} == {"agency-not-declared"}


def test_qom_first_half_of_1399_matches_the_article(qom: Path) -> None:
    loaded = load_collection(qom)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    assert report.agencies_declared == 54
    assert report.agencies_expected == 58
    assert report.services_total == 651
    assert report.by_status == {
        Status.FULL: 318,
        Status.PARTIAL: 218,
        Status.IN_PERSON: 0,
        Status.UNKNOWN: 115,
    }
    assert report.new_services_total == 145
    assert (
        report.new_services_by_type[ServiceType.TRANSACTIONAL]
        + report.new_services_by_type[ServiceType.INTERACTIVE]
        == 128
    )
    assert report.audiences[Audience.CITIZENS] == 345
    offerings = report.channel_offerings
    total = sum(offerings.values())
    assert [round(100 * offerings[c] / total, 1) for c in Channel] == [73.0, 17.0, 10.0]
    assert report.transactions_total == 23_000_000
    assert report.months_with_data == [(1399, m) for m in range(1, 7)]
    assert [row.agency.id for row in report.leaders[:6]] == ARTICLE_LEADERS


def test_qom_report_through_the_installed_command_from_another_folder(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    command = [
        sys.executable,
        "-m",
        "egov_audit",
        "report",
        str(ROOT / "inventories" / "qom"),
        "--period",
        "1399-H1",
        "--format",
        "json",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, env=env, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["agencies"]["declared"] == 54
    assert data["services"]["total"] == 651
    assert data["services"]["by_status"]["full"]["count"] == 318
    assert data["services"]["by_status"]["partial"]["count"] == 218
    assert data["services"]["by_status"]["unknown"]["count"] == 115
    assert data["new_services"]["total"] == 145
    assert data["new_services"]["transactional_or_interactive"]["count"] == 128
    assert data["audiences"]["citizens"]["count"] == 345
    assert data["transactions"]["total"] == 23_000_000
    assert data["ranking"]["leaders"][:6] == ARTICLE_LEADERS
    text = subprocess.run(
        [*command[:-2], "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=120,
    ).stdout
    for figure in (
        "651",
        "318",
        "48.8%",
        "218",
        "115",
        "145",
        "128",
        "345",
        "53.0%",
        "73.0%",
        "17.0%",
        "10.0%",
        "23,000,000",
        "Farvardin to Shahrivar 1399",
        "not annualised",
    ):
        assert figure in text, figure
    # By default the Persian collection is reported in Persian, with the locale's digits.
    persian = subprocess.run(
        command[:-2],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=120,
    ).stdout
    # the Persian percent sign (CLDR's, for Persian digits)
    for figure in ("۶۵۱", "۳۱۸", "۴۸٫۸٪", "۲۳٬۰۰۰٬۰۰۰", "شرکت آب و فاضلاب استان قم"):
        assert figure in persian, figure


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_generator_reproduces_the_committed_sample(tmp_path: Path) -> None:
    out = tmp_path / "qom"
    result = subprocess.run(
        [sys.executable, "-m", "tools.generate_qom", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # Like `diff -r`: the same files, byte for byte, and nothing else.
    committed, generated = _files(ROOT / "inventories" / "qom"), _files(out)
    assert sorted(generated) == sorted(committed)
    assert [name for name in committed if generated[name] != committed[name]] == []
    again = subprocess.run(
        [sys.executable, "-m", "tools.generate_qom", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert again.returncode != 0 and "--force" in again.stderr
