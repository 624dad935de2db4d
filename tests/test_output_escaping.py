"""User text in every output: printed literally, never as markup, escapes, rows or links.

Names, keys and file names come from outside. The terminal report prints them literally
(no rich markup, colour or links); text outputs show control characters as escapes; JUnit
XML stays well-formed; SARIF URIs are percent-encoded; Markdown tables gain no rows,
headings or images; messages show at most the start of a long value.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from egov_audit.cli.app import app

MARKUP_NAMES = {
    "Alpha Agency": "Water [/x] Company",
    "Beta Agency": "[red]Red[/red] Beta [bold]",
    "Gamma Agency": "[link=https://evil.example]Gamma[/link]",
}
MARKDOWN_NAME = "Delta | x\n# Heading\r![img](https://evil.example/x.png) `tick`"
LOOSE = "loose folder/gam ma%20\x1b[2Jx\ny.yaml"
STEP = "Visit | the office\n## Not a heading\n![pixel](https://evil.example/p.png)"


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"}
    return CliRunner().invoke(app, list(args), env={**base, **(env or {})})


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path, mini: Path) -> Path:
    """The mini collection, its agencies named with rich markup and Markdown."""
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    for old, new in MARKUP_NAMES.items():
        quoted = json.dumps(new)
        _replace(target / "collection.yaml", f"name: {old}", f"name: {quoted}")
        stem = old.split()[0].lower()
        _replace(target / "agencies" / f"{stem}.yaml", f"name: {old}", f"name: {quoted}")
    _replace(target / "collection.yaml", "name: Delta Agency", f"name: {json.dumps(MARKDOWN_NAME)}")
    _replace(
        target / "agencies" / "beta.yaml",
        "in_person_steps: Fingerprints are taken at the office",
        f"in_person_steps: {json.dumps(STEP)}",
    )
    assert invoke("validate", str(target)).exit_code == 0
    return target


def test_the_terminal_report_prints_markup_in_names_literally(hostile: Path) -> None:
    result = invoke("report", str(hostile), "--min-services", "1")
    assert result.exit_code == 0, result.output
    for name in MARKUP_NAMES.values():
        assert name in result.stdout
    assert "Delta | x\\n# Heading\\r![img]" in result.stdout  # escaped, on one line


def test_the_coloured_terminal_report_has_no_links_or_injected_colour(hostile: Path) -> None:
    colour = {"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"}
    result = invoke("report", str(hostile), "--min-services", "1", env=colour)
    assert result.exit_code == 0, result.output
    assert "\x1b[1m" in result.stdout  # the title is bold: colour is on
    assert "\x1b]8;" not in result.stdout  # no OSC 8 hyperlink
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "[link=https://evil" in plain
    assert "[red]Red[/red] Beta [bold]" in plain


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_the_markdown_report_keeps_names_in_their_cells(hostile: Path) -> None:
    result = invoke("report", str(hostile), "-f", "markdown", "--min-services", "1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(not line.startswith(("# Heading", "## Not a heading")) for line in headings)
    assert "![" not in text
    assert "\r" not in text
    steps = text.split("In-person steps cited most often")[1]
    rows = _table_rows(steps.split("\n## ")[0])
    assert len(rows) == 2 + 3  # header, rule, and the three steps
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows)  # two cells each
    assert "Visit \\| the office" in rows[4]


def _validate(*args: str, env: dict[str, str] | None = None) -> Result:
    return invoke("validate", *args, env=env)


@pytest.fixture
def odd_files(tmp_path: Path, mini: Path) -> Path:
    """A collection whose alpha.yaml has an unknown key full of control characters and
    Markdown, and a loose declaration whose file name holds a space, %20, ESC and a newline."""
    target = tmp_path / "odd"
    shutil.copytree(mini, target)
    key = json.dumps("bad\x1b[31mkey | `x` \n# h ![i](u)\x01\x7f" + "y" * 500)
    _replace(target / "agencies" / "alpha.yaml", "verified: true", f"verified: true\n{key}: 1")
    (tmp_path / LOOSE).parent.mkdir()
    shutil.copy(mini / "agencies" / "gamma.yaml", tmp_path / LOOSE)
    return tmp_path


def test_text_output_shows_control_characters_as_escapes(odd_files: Path) -> None:
    result = _validate(str(odd_files / "odd"), str(odd_files / LOOSE))
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b" not in out and "\x01" not in out and "\x7f" not in out
    assert "bad\\x1b[31mkey" in out
    assert "gam ma%20\\x1b[2Jx\\ny.yaml" in out
    for line in out.splitlines():  # every line is a finding, its hint, a file or the count
        assert re.match(r"(\S.*:\d+:\d+: (error|warning) \[|    hint: |\S.*: ok$|\d+ file)", line)
    unknown = [line for line in out.splitlines() if "unknown field" in line]
    assert len(unknown) == 1 and len(unknown[0]) < 250  # the key is shortened


def test_junit_is_well_formed_with_control_characters(odd_files: Path) -> None:
    result = _validate(str(odd_files / "odd"), str(odd_files / LOOSE), "-f", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    names = [case.get("name") or "" for case in root.iter("testcase")]
    assert any("\\x1b[2Jx\\ny.yaml" in name for name in names)
    failures = "".join(f.text or "" for f in root.iter("failure"))
    assert "bad\\x1b[31mkey" in failures


def test_sarif_uris_are_percent_encoded_relative_references(
    odd_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(odd_files)
    result = _validate("odd", LOOSE, "-f", "sarif")
    assert result.exit_code == 1
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for found in json.loads(result.stdout)["runs"][0]["results"]
        for location in found["locations"]
    }
    assert "loose%20folder/gam%20ma%2520%1B%5B2Jx%0Ay.yaml" in uris
    for uri in uris:
        assert re.fullmatch(r"([A-Za-z0-9._~!$&'()*+,;=@/-]|%[0-9A-F]{2})+", uri), uri
        assert urllib.parse.urlsplit(uri).scheme == ""
        assert not uri.startswith("/")
    assert "odd/agencies/alpha.yaml" in uris


def test_the_github_summary_gains_no_rows_headings_or_images(
    odd_files: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = _validate(
        str(odd_files / "odd"),
        str(odd_files / LOOSE),
        "-f",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"},
    )
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert "\x1b" not in result.stdout
    text = summary.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(annotations)
    assert not any(line.startswith("# ") for line in text.splitlines())
    assert "![" not in text and "\r" not in text
    for row in rows:  # five cells: the pipes in values are escaped
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_the_markdown_diff_keeps_names_in_their_cells(tmp_path: Path, mini: Path) -> None:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(mini, old)
    shutil.copytree(mini, new)
    _replace(
        new / "agencies" / "gamma.yaml",
        "name: Citizen guide",
        f"name: {json.dumps('Guide | x ' + chr(10) + '# H ![i](https://evil.example/i.png)')}",
    )
    _replace(
        new / "agencies" / "gamma.yaml", "status: full", "status: partial\n    in_person_steps: x"
    )
    text = invoke("diff", str(old), str(new), "-f", "text")
    assert text.exit_code == 0, text.output
    assert "Guide | x \\n# H" in text.stdout  # shown escaped, on the row's own line
    markdown = invoke("diff", str(old), str(new), "-f", "markdown").stdout
    assert "![" not in markdown
    assert not any(line.startswith("# H") for line in markdown.splitlines())
    rows = _table_rows(markdown)
    assert len(rows) == 3  # the status change: header, rule, one row
    assert "Guide \\| x" in rows[2]


def test_markdown_text_escapes_emphasis_strike_through_and_entities() -> None:
    from egov_audit.render.escape import markdown_text

    assert markdown_text("**b** _i_ ~~s~~ &lt;b&gt; a|b [x](y) <i>") == (
        r"\*\*b\*\* \_i\_ \~\~s\~\~ \&lt;b\&gt; a\|b \[x\](y) \<i\>"
    )
