"""Validation rules, data-driven: each folder under data/invalid/ is a collection with the
findings it must produce written out in expected.txt (``file:line:col severity rule``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from egov_audit.checks.rules import RULES
from egov_audit.model import Severity
from egov_audit.runner import load_collection, validate_paths

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def _findings(case: Path) -> list[str]:
    result = validate_paths([case])
    return [
        f"{Path(f.file).relative_to(case).as_posix()}:{f.line}:{f.column} "
        f"{f.severity.value} {f.rule}"
        for f in result.findings
    ]


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_reports_exactly_the_expected_findings(case: str) -> None:
    folder = INVALID / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").split("\n")
    assert sorted(_findings(folder)) == sorted(line for line in expected if line)


def test_every_finding_names_a_known_rule_and_has_a_hint() -> None:
    for case in CASES:
        for finding in validate_paths([INVALID / case]).findings:
            assert finding.rule in RULES, finding
            assert finding.hint, finding
            assert finding.message, finding


def test_the_mini_collection_is_valid_except_one_undeclared_agency(mini: Path) -> None:
    result = validate_paths([mini])
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("agency-not-declared", Severity.WARNING)
    ]
    assert [r.ok for r in result.files] == [True, True, True]
    assert len(load_collection(mini).declarations) == 3


def test_an_agency_file_alone_is_checked_against_its_whole_collection(tmp_path: Path) -> None:
    case = INVALID / "services" / "agencies" / "alpha.yaml"
    result = validate_paths([case])
    assert {f.file for f in result.findings} == {str(case)}
    # depends_on still resolves against beta's file, which was not named
    assert sum(f.rule == "depends-on-unresolved" for f in result.findings) == 2


def test_a_loose_agency_file_gets_no_registry_or_calendar_checks(tmp_path: Path) -> None:
    loose = tmp_path / "alpha.yaml"
    loose.write_text(
        (INVALID / "dates" / "agencies" / "alpha.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = validate_paths([loose])
    # launched_on 1398-12-30 is only invalid in the Jalali calendar, which is unknown here;
    # month 13 is invalid in every calendar.
    assert [f.rule for f in result.findings] == ["collection-missing", "month-invalid"]


def test_an_unreadable_file_does_not_stop_the_others(tmp_path: Path, mini: Path) -> None:
    import shutil

    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    (copy / "agencies" / "alpha.yaml").write_bytes(b"\xff\xfe\x00\x00garbage")
    result = validate_paths([copy])
    rules = {(Path(f.file).name, f.rule) for f in result.findings}
    assert ("alpha.yaml", "yaml-encoding") in rules
    assert len(load_collection(copy).declarations) == 2  # beta and gamma still converted
