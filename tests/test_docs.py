"""The project checks itself: README commands, rules table, schemas, samples."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from egov_audit.model import Severity
from egov_audit.runner.collection import validate_paths
from tools.rules_table import table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    blocks = README.split("```sh\n")
    assert "egov-audit report inventories/qom" in blocks[1].split("```")[0]
    assert "python -m pytest" in blocks[2].split("```")[0]


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci
    assert "python -m pytest -q" in README


def test_readme_lists_every_rule() -> None:
    assert table() in README


def test_schemas_are_valid_draft_2020_12_with_descriptions_everywhere() -> None:
    for path in (ROOT / "schemas").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        missing: list[str] = []

        def visit(node: object, where: str, missing: list[str] = missing) -> None:
            if isinstance(node, dict):
                for name, sub in node.get("properties", {}).items():
                    if "description" not in sub:
                        missing.append(f"{where}.{name}")
                    if "examples" not in sub:
                        missing.append(f"{where}.{name} (examples)")
                for key, sub in node.items():
                    if key not in ("if", "then", "else", "not"):  # conditions, not new properties
                        visit(sub, f"{where}/{key}")
            elif isinstance(node, list):
                for sub in node:
                    visit(sub, where)

        visit(schema, path.name)
        assert missing == []


def test_every_bundled_inventory_validates_without_errors() -> None:
    folders = sorted(p for p in (ROOT / "inventories").iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        result = validate_paths([folder])
        assert [f for f in result.findings if f.severity is Severity.ERROR] == []
