"""The CLI through its real entry point (a subprocess) and through typer's CliRunner."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "expected"
HOSTILE = Path(__file__).parent / "data" / "hostile"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``egov-audit`` script (falling back to ``python -m egov_audit``)."""
    exe = shutil.which("egov-audit")
    command = [exe] if exe else [sys.executable, "-m", "egov_audit"]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout == "egov-audit 0.1.0\n"
    top = run("--help")
    assert top.returncode == 0
    for command in ("validate", "report", "schema"):
        assert command in top.stdout


def _commands() -> list[str]:
    """Every command of the application, sub-commands as "group sub"."""
    import typer.main

    group = typer.main.get_command(app)
    found = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None)
        found += [f"{name} {sub}" for sub in sorted(subs)] if subs else [name]
    return found


@pytest.mark.parametrize("command", _commands())
def test_every_command_runs_through_the_entry_point_with_help_and_examples(command: str) -> None:
    """The real entry point (the installed script, else python -m egov_audit), per command."""
    result = run(*command.split(), "--help")
    assert result.returncode == 0, result.stderr
    assert "Examples:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_commands_are_the_documented_ones() -> None:
    assert {c.split()[0] for c in _commands()} >= {
        "validate",
        "report",
        "schema",
        "benchmarks",
        "init",
        "import",
        "diff",
        "rules",
        "rule",
    }


def test_validate_the_mini_collection_passes_with_a_warning(mini: Path) -> None:
    result = run("validate", str(mini))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning [agency-not-declared]" in result.stdout
    assert result.stdout.endswith("4 files checked: 0 errors, 1 warning\n")
    strict = run("validate", str(mini), "--strict")
    assert strict.returncode == 1


def test_validate_json_output(mini: Path) -> None:
    result = run("validate", str(mini / "agencies" / "alpha.yaml"), "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["findings_version"] == 1
    assert data["summary"] == {"files": 1, "errors": 0, "warnings": 0}


def test_validate_errors_exit_1_with_file_line_col() -> None:
    case = Path(__file__).parent / "data" / "invalid" / "dates"
    result = run("validate", str(case))
    assert result.returncode == 1
    assert f"{case}/agencies/alpha.yaml:13:18: error [date-invalid]" in result.stdout
    assert "hint:" in result.stdout
    assert result.stderr == ""


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    missing = run("validate", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad_period = run(
        "report", str(ROOT / "tests" / "data" / "collections" / "mini"), "--period", "1399-H3"
    )
    assert bad_period.returncode == 2
    assert "invalid period '1399-H3'" in bad_period.stderr
    not_collection = run("report", str(tmp_path))
    assert not_collection.returncode == 2
    assert "no collection.yaml" in not_collection.stderr
    bad_option = run("report", "--format", "pdf", str(tmp_path))
    assert bad_option.returncode == 2


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.yaml")))
def test_hostile_files_exit_1_with_a_located_message(name: str, tmp_path: Path) -> None:
    result = run("validate", str(HOSTILE / name))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{HOSTILE / name}:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""


def test_report_markdown_matches_the_expected_document(mini: Path) -> None:
    result = run(
        "report",
        str(mini),
        "--period",
        "1399-H1",
        "--format",
        "markdown",
        "--min-services",
        "1",
        "--top",
        "2",
        cwd=mini,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (EXPECTED / "mini-1399-H1.md").read_text(encoding="utf-8")


def test_report_json_matches_the_expected_document(mini: Path) -> None:
    result = run("report", ".", "--period", "1399-H1", "--format", "json", cwd=mini)
    assert result.returncode == 0, result.stderr
    produced = json.loads(result.stdout)
    expected = json.loads((EXPECTED / "mini-1399-H1.json").read_text(encoding="utf-8"))
    produced["tool"]["version"] = expected["tool"]["version"]
    assert produced == expected


def test_report_output_file_is_never_overwritten_without_force(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    first = run("report", str(mini), "--format", "markdown", "--output", str(target))
    assert first.returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Mini Province")
    target.write_text("keep me", encoding="utf-8")
    second = run("report", str(mini), "--format", "markdown", "--output", str(target))
    assert second.returncode == 2
    assert "--force" in second.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    third = run("report", str(mini), "--format", "markdown", "--output", str(target), "--force")
    assert third.returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Mini Province")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temp files left


def test_report_leaves_out_files_with_errors_and_says_so(mini: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    (copy / "agencies" / "gamma.yaml").write_text("services: [", encoding="utf-8")
    result = run("report", str(copy), "--format", "json")
    assert result.returncode == 0
    assert "1 file with errors is not counted" in result.stderr
    data = json.loads(result.stdout)
    assert data["agencies"]["declared"] == 2
    assert data["agencies"]["excluded_files"] == [str(copy / "agencies" / "gamma.yaml")]


def test_schema_command_prints_the_published_schema() -> None:
    for name in ("agency", "collection"):
        result = run("schema", name)
        assert result.returncode == 0
        assert result.stdout == (ROOT / "schemas" / f"{name}.schema.json").read_text(
            encoding="utf-8"
        )
    assert run("schema", "nope").returncode == 2
