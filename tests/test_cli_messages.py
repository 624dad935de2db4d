"""Messages of the command line: user text (paths, ids, headers) shown literally and short.

Errors are ``error: ...`` with exit 2, never a traceback (exit 3), whatever the path or id
holds: rich markup, control characters, a NUL byte or hundreds of characters.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from egov_audit.cli.app import app


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize("command", ["report", "validate"])
def test_an_error_naming_a_path_with_markup_and_escapes(tmp_path: Path, command: str) -> None:
    path = tmp_path / "water [/x] [red]co[/red]\x1b[2J.yaml"
    result = invoke(command, str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "water [/x] [red]co[/red]\\x1b[2J.yaml" in result.output
    assert "\x1b" not in result.output


def _old_copy(tmp_path: Path, mini: Path, agency_id: str) -> Path:
    old = tmp_path / "old-alpha.yaml"
    text = (mini / "agencies" / "alpha.yaml").read_text(encoding="utf-8")
    old.write_text(text.replace("  id: alpha", f"  id: {json.dumps(agency_id)}"), "utf-8")
    return old


@pytest.mark.parametrize(
    "agency_id", ["al\x00pha", "a" * 300, "a" * 300 + "\x00", "\x1b[31mred", "[/x]"]
)
def test_diff_of_an_old_copy_with_an_odd_agency_id_is_a_clear_error(
    tmp_path: Path, mini: Path, agency_id: str
) -> None:
    old = _old_copy(tmp_path, mini, agency_id)
    for args in ([str(old), str(mini / "agencies" / "alpha.yaml")], [str(old), str(old)]):
        result = invoke("diff", *args, "--calendar", "jalali")
        if args[1] == args[0] and agency_id == "a" * 300:  # a valid id: no differences
            assert result.exit_code == 0, result.output
            continue
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ")
        assert "Traceback" not in result.output
        assert "\x00" not in result.output and "\x1b" not in result.output
        assert "a" * 100 not in result.output  # the id is shortened
        assert len(result.output) < 1200


def test_import_messages_show_odd_headers_escaped(tmp_path: Path, mini: Path) -> None:
    collection = tmp_path / "mini"
    shutil.copytree(mini, collection)
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        'id,name,status,type,audience,channels,"bad\x1b[31m\nheader [/x]"\n'
        "one,One,full,interactive,citizens,portal,x\n",
        encoding="utf-8",
    )
    result = invoke(
        "import", str(sheet), "-a", "delta", "-c", str(collection), "--declared-on", "1399-07-01"
    )
    assert result.exit_code == 0, result.output
    assert 'column G "bad\\x1b[31m\\nheader [/x]" is not part of the layout' in result.output
    assert "\x1b" not in result.output


def test_report_messages_naming_a_path_with_a_closing_tag(tmp_path: Path, mini: Path) -> None:
    """A path holding '[/b]' (the folders 'a[' and 'b]'): no MarkupError, exit 0."""
    collection = tmp_path / "a[" / "b]"
    shutil.copytree(mini, collection)
    alpha = collection / "agencies" / "alpha.yaml"
    alpha.write_text(alpha.read_text("utf-8").replace("1399-02: 100", "1399-02: -1"), "utf-8")
    result = invoke("report", str(collection))
    assert result.exit_code == 0, result.output
    assert str(collection) in result.output
    written = invoke("report", str(mini), "-f", "markdown", "-o", str(collection) + ".md")
    assert written.exit_code == 0, written.output
    assert f"wrote {collection}.md" in written.output
