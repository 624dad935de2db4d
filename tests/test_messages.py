"""What people read on the command line: validate in four languages, --quiet and colour,
hints that work as printed, help placeholders, the format chosen by the file name."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli import validate as validate_cli
from egov_audit.cli.app import app
from egov_audit.render.findings import text as findings_text
from egov_audit.render.findings.messages import HINTS, MESSAGES, template_of
from egov_audit.render.i18n import translator
from egov_audit.runner.collection import validate_paths

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = [
    DATA / "collections" / "mini",
    DATA / "collections" / "tiny",
    *sorted((DATA / "invalid").iterdir()),
    *sorted((DATA / "hostile").iterdir()),
]


def _invoke(args: list[str], monkeypatch: pytest.MonkeyPatch, cwd: Path = ROOT) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


def test_every_message_and_hint_of_the_test_data_has_a_translated_form() -> None:
    seen = 0
    for path in CORPUS:
        for finding in validate_paths([path]).findings:
            seen += 1
            assert template_of(finding.message, MESSAGES), (finding.rule, finding.message)
            assert template_of(finding.hint, HINTS), (finding.rule, finding.hint)
    assert seen > 40


def test_a_message_is_translated_with_its_values_kept() -> None:
    result = validate_paths([DATA / "invalid" / "services"])
    text = findings_text.render(result, "fa")
    assert "[depends-on-unresolved] depends_on 'gamma/x': دستگاه 'gamma' در این مجموعه نیست" in text
    assert "راهنما:" in text and "hint:" not in text
    english = findings_text.render(result)
    assert "no agency 'gamma' in the collection" in english


@pytest.mark.parametrize(
    ("lang", "closing"),
    [
        ("en", "4 files checked: 0 errors, 1 warning"),
        ("el", "4 αρχεία ελέγχθηκαν: 0 σφάλματα, 1 προειδοποίηση"),
        ("vi", "Đã kiểm tra 4 tệp: 0 lỗi, 1 cảnh báo"),
        ("fa", "۴ پرونده بررسی شد: ۰ خطا، ۱ هشدار"),
    ],
)
def test_the_closing_count_has_real_plurals(
    lang: str, closing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _invoke(["validate", "tests/data/collections/mini", "--lang", lang], monkeypatch)
    assert code == 0
    assert output.splitlines()[-1] == closing
    assert "(s)" not in output


def test_one_file_is_singular() -> None:
    result = validate_paths([DATA / "collections" / "mini" / "agencies" / "alpha.yaml"])
    assert findings_text.summary_line(result, translator("en")) == (
        "1 file checked: 0 errors, 0 warnings"
    )


def test_quiet_shows_only_findings_and_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    code, loud = _invoke(["validate", "inventories/qom"], monkeypatch)
    code, quiet = _invoke(["validate", "inventories/qom", "--quiet"], monkeypatch)
    assert code == 0
    assert sum(line.endswith(": ok") for line in loud.splitlines()) == 54
    assert not any(line.endswith(": ok") for line in quiet.splitlines())
    assert len(quiet.splitlines()) == 4 * 2 + 1  # four warnings with their hints, the count


def test_colour_only_at_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = validate_paths([DATA / "invalid" / "services"])
    assert "\x1b[1;31merror\x1b[0m" in findings_text.render(result, color=True)
    assert "\x1b" not in findings_text.render(result)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert validate_cli._colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not validate_cli._colour()


def test_the_agency_not_declared_hint_works_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA / "collections" / "mini", tmp_path / "my collection")
    _code, output = _invoke(["validate", "my collection"], monkeypatch, cwd=tmp_path)
    command = re.search(r"Ask the agency to declare: (egov-audit .*)", output)
    assert command, output
    args = shlex.split(command.group(1))[1:]
    assert args == ["init", "delta", "--collection", "my collection"]
    code, output = _invoke(args, monkeypatch, cwd=tmp_path)
    assert code == 0, output
    assert (tmp_path / "my collection" / "agencies" / "delta.yaml").is_file()


@pytest.mark.parametrize(
    "command", ["validate", "report", "init", "import", "diff", "schema", "rule", "benchmarks"]
)
def test_help_uses_plain_placeholders(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _invoke([command, "--help"], monkeypatch)
    assert code == 0
    for framework in ("<list[", "<int range>", "<str>", "<path>", "{paths}", "x>=1"):
        assert framework not in output, (command, framework)
    assert "Examples:" in output


def test_the_internal_error_says_where_debug_goes() -> None:
    source = (ROOT / "egov_audit" / "cli" / "app.py").read_text(encoding="utf-8")
    assert "egov-audit --debug COMMAND" in source
    assert "Run again with --debug" not in source


def test_bad_values_are_worded_for_people(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _invoke(["report", "inventories/qom", "--top", "0"], monkeypatch)
    assert code == 2 and "give a number of at least 1" in output
    code, output = _invoke(["report", "inventories/qom", "--format", "docx"], monkeypatch)
    assert code == 2 and "Value error" not in output and "'docx' is not one of" in output


def test_numbers_and_periods_typed_in_persian_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    persian = ["report", "inventories/qom", "-p", "۱۳۹۹-H1", "--top", "۲", "-f", "json"]
    code, typed = _invoke(persian, monkeypatch)
    assert code == 0, typed
    ascii_args = ["report", "inventories/qom", "-p", "1399-H1", "--top", "2", "-f", "json"]
    assert typed == _invoke(ascii_args, monkeypatch)[1]
    assert '"top": 2' in typed


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# Qom Province"),
        ("r.json", "{"),
        ("r.csv", "\ufeffid,name"),
        ("r.txt", "Qom Province"),
    ],
)
def test_the_output_file_name_chooses_the_format(
    name: str, start: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / name
    code, output = _invoke(
        ["report", "inventories/qom", "-p", "1399-H1", "-l", "en", "-o", str(target)], monkeypatch
    )
    assert code == 0, output
    assert target.read_text(encoding="utf-8").startswith(start)


def test_a_format_the_file_name_contradicts_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.html"
    code, output = _invoke(
        ["report", "inventories/qom", "-f", "markdown", "-o", str(target)], monkeypatch
    )
    assert code == 2
    assert "asks for --format html" in output
    assert not target.exists()


def test_summary_is_refused_where_it_has_no_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _invoke(["report", "inventories/qom", "--summary", "-f", "json"], monkeypatch)
    assert code == 2 and "--summary" in output
