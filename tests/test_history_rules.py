"""The history-* rules: each problem of a service's history is found at its line and column,
and a declaration with history goes through the result cache unchanged."""

from __future__ import annotations

from pathlib import Path

from egov_audit.model import Severity
from egov_audit.runner import check_declaration, collection_context, validate_paths
from egov_audit.runner.codec import dumps, loads

COLLECTION = """\
schema_version: 1
id: hc
name: HC
calendar: gregorian
agencies:
  - {id: tax, name: Tax Office}
"""
DECLARATION = """\
schema_version: 1
agency: {id: tax, name: Tax Office}
declared_on: "2020-03-01"
services:
  - id: a
    name: A
    status: full
    type: transactional
    audience: [citizens]
    channels: [portal, mobile]
    launched_on: "2019-02-01"
    history:
      - {on: "2019-01-01", status: partial, channels: [portal], in_person_steps: Sign}
      - {on: "2019-06-01", status: partial, channels: [portal]}
      - {on: "2019-05-01", status: full, channels: [portal]}
      - {on: "2019-02-30", status: full, channels: [portal]}
      - {on: "2020-03-01", status: full, channels: [portal]}
      - {on: "2020-04-01", status: full}
"""


def test_every_problem_of_a_history_at_its_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "agencies").mkdir()
    (tmp_path / "collection.yaml").write_text(COLLECTION, encoding="utf-8")
    (tmp_path / "agencies" / "tax.yaml").write_text(DECLARATION, encoding="utf-8")
    found = sorted(
        (f.line, f.column, f.rule, f.severity)
        for f in validate_paths([tmp_path]).findings
        if f.file.endswith("tax.yaml")
    )
    assert found == [
        (13, 14, "history-before-launch", Severity.WARNING),
        (14, 9, "schema/required", Severity.ERROR),  # partial without in_person_steps
        (15, 14, "history-out-of-order", Severity.ERROR),
        (16, 14, "date-invalid", Severity.ERROR),
        (17, 9, "history-contradicts-declaration", Severity.ERROR),
        (18, 9, "schema/required", Severity.ERROR),  # full without channels
        (18, 14, "history-after-declaration", Severity.ERROR),
    ]


def test_a_history_survives_the_cache(tmp_path: Path) -> None:
    (tmp_path / "agencies").mkdir()
    (tmp_path / "collection.yaml").write_text(COLLECTION, encoding="utf-8")
    lines = DECLARATION.splitlines(keepends=True)
    text = "".join(lines[:13]) + '      - {on: "2019-06-01", status: full, channels: [portal]}\n'
    text += "  - {id: b, name: B, status: unknown, type: interactive, audience: [citizens]}\n"
    result = check_declaration(
        text.encode("utf-8"), "tax.yaml", collection_context(tmp_path), "tax"
    )
    declaration = result.declaration
    assert declaration is not None, result.findings
    assert [len(s.history) for s in declaration.services] == [2, 0]
    assert loads("declaration", dumps("declaration", declaration)) == declaration


def test_the_example_history_of_init_validates_once_uncommented(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from egov_audit.cli import app

    (tmp_path / "agencies").mkdir()
    (tmp_path / "collection.yaml").write_text(COLLECTION, encoding="utf-8")
    runner = CliRunner()
    made = runner.invoke(
        app, ["init", "tax", "--collection", str(tmp_path), "--declared-on", "2020-05-01"]
    )
    assert made.exit_code == 0, made.output
    path = tmp_path / "agencies" / "tax.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    # history:\n" in text
    text = text.replace("    # history:\n", "    history:\n").replace(
        "    #   - {on:", "      - {on:"
    )
    text = text.replace("example-service", "tax-return").replace(
        "Example service (replace with a real one)", "Tax return"
    )
    path.write_text(text, encoding="utf-8")
    findings = validate_paths([tmp_path]).findings
    assert [(f.rule, f.severity) for f in findings] == [
        ("history-before-launch", Severity.WARNING)
    ], findings
    result = check_declaration(
        text.encode("utf-8"), "tax.yaml", collection_context(tmp_path), "tax"
    )
    assert result.declaration is not None
    assert [e.on for e in result.declaration.services[0].history] == [(2019, 1, 1)]
