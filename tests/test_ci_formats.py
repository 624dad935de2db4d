"""CI output formats of ``validate``: GitHub annotations and summary, SARIF, JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.render import FindingsFormat, findings_renderer
from egov_audit.render.findings.github import escape_data, escape_property
from egov_audit.render.findings.sarif import to_dict as sarif
from egov_audit.runner.collection import validate_paths

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "invalid" / "dates"


def test_github_escaping() -> None:
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_annotations_point_at_the_broken_value(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(app, ["validate", str(BROKEN)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    file_property = escape_property(str(BROKEN / "agencies" / "alpha.yaml"))
    assert (
        f"::error file={file_property},line=13,col=18,title=date-invalid::launched_on 1398-12-30 "
        "is not a date of the jalali calendar (hint: Write an existing YYYY-MM-DD date in the "
        "collection's calendar.)"
    ) in lines
    assert lines[-1] == "3 files checked: 4 errors, 0 warnings"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### ❌ egov-audit: 4 errors\n")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == 4  # every finding listed


def test_sarif_validates_against_the_sarif_2_1_0_schema() -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    for case in sorted((DATA / "invalid").iterdir()):
        log = sarif(validate_paths([case]))
        jsonschema.validate(log, schema)
        results = log["runs"][0]["results"]
        assert len(results) == len(validate_paths([case]).findings)
    first = sarif(validate_paths([BROKEN]))["runs"][0]["results"][0]
    assert first["ruleId"] == "date-invalid"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 13,
        "startColumn": 18,
    }


def test_junit_parses_with_a_failing_case_per_broken_file() -> None:
    xml = findings_renderer(FindingsFormat.JUNIT)(validate_paths([BROKEN]))
    root = ET.fromstring(xml)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "3"
    assert suite.get("failures") == "1"
    failed = [
        case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == [str(BROKEN / "agencies" / "alpha.yaml")]


def test_exit_codes_are_the_same_in_every_format() -> None:
    for output in FindingsFormat:
        assert CliRunner().invoke(app, ["validate", str(BROKEN), "-f", output.value]).exit_code == 1
        ok = CliRunner().invoke(
            app, ["validate", str(DATA / "collections" / "mini"), "-f", output.value]
        )
        assert ok.exit_code == 0
