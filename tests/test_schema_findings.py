"""Schema findings: one finding per problem, however the schema's keywords cascade."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from egov_audit.cli.app import app

_PERMIT = """  - id: permit
    name: Permit application
    status: full
    type: transactional
    audience: [businesses]
"""


def _findings(tmp_path: Path, mini: Path, *edits: tuple[str, str]) -> list[tuple[object, ...]]:
    """Validate mini's alpha.yaml with ``edits`` (old, new) made; its findings, in order."""
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    alpha = target / "agencies" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    alpha.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(alpha), "-f", "json"])
    assert result.exit_code == 1, result.output
    return [
        (f["line"], f["column"], f["rule"], f["message"], f["json_path"])
        for f in json.loads(result.stdout)["findings"]
    ]


_FOUR_MISSING = [
    (19, 5, "schema/required", f"'{name}' is required in this item", "$.services[1]")
    for name in ("name", "status", "type", "audience")
]


def test_a_service_missing_four_fields_gets_four_findings(tmp_path: Path, mini: Path) -> None:
    assert _findings(tmp_path, mini, (_PERMIT, "  - id: permit\n")) == _FOUR_MISSING


def test_the_same_findings_when_the_whole_document_is_explained(tmp_path: Path, mini: Path) -> None:
    """With an error outside the services, the whole document goes through the explainer."""
    found = _findings(
        tmp_path, mini, (_PERMIT, "  - id: permit\n"), ("verified: true", "verified: 7")
    )
    assert found == [
        (6, 11, "schema/type", "verified must be true or false, not 7", "$.verified"),
        *_FOUR_MISSING,
    ]


def test_a_conditional_requirement_is_reported_once(tmp_path: Path, mini: Path) -> None:
    new = _PERMIT.replace("status: full", "status: partial").replace(
        "    audience: [businesses]\n", ""
    )
    assert _findings(tmp_path, mini, (_PERMIT, new)) == [
        (19, 5, "schema/required", "'audience' is required in this item", "$.services[1]"),
        (
            19,
            5,
            "schema/required",
            "'in_person_steps' is required in this item when status is partial",
            "$.services[1]",
        ),
    ]


def test_the_findings_of_one_file_are_bounded(tmp_path: Path) -> None:
    """A file of 5,000 wrong items gets the first 1,000 explained and one finding saying so
    (500,000 took 35 s and 1.2 GB to explain)."""
    path = tmp_path / "many.yaml"
    path.write_text(
        'schema_version: 1\nagency: {id: many, name: Many}\ndeclared_on: "1399-07-10"\n'
        "services:\n" + "- x\n" * 5000,
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(path), "-f", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["findings"]
    schema = [f for f in found if f["rule"].startswith("schema/")]
    assert len(schema) == 1001
    [last] = [f for f in schema if f["rule"] == "schema/other"]
    assert last["message"].startswith("more than 1,000 problems against the schema")
    assert (last["line"], last["column"]) == (1, 1)
