"""The rule registry is the source of truth: every id a check can emit is registered, and
every findings format renders every finding."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.checks.collector import schema_rule_id
from egov_audit.checks.rules import RULES, UnknownRuleError, can_lower, rule
from egov_audit.cli import app
from egov_audit.render import FindingsFormat, findings_renderer
from egov_audit.runner import validate_paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "egov_audit"
DATA = Path(__file__).parent / "data"

# Keywords that only combine or name subschemas: failures are reported by the keyword
# inside them (or, for anyOf, by anyOf itself, which is registered).
_STRUCTURAL = {
    "$defs",
    "$id",
    "$ref",
    "$schema",
    "allOf",
    "if",
    "then",
    "else",
    "items",
    "properties",
    "patternProperties",
    "description",
    "examples",
    "title",
    "default",
}


def _schema_keywords() -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.add(key)
                if key in ("properties", "$defs", "patternProperties"):
                    for sub in value.values():
                        walk(sub)
                elif key not in ("examples", "default", "const", "enum", "required"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (ROOT / "schemas").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found - _STRUCTURAL


def test_every_schema_keyword_has_its_own_rule() -> None:
    keywords = _schema_keywords()
    assert {"pattern", "minProperties", "anyOf", "required"} <= keywords
    for keyword in keywords:
        assert f"schema/{keyword}" in RULES, keyword
        assert schema_rule_id(keyword) == f"schema/{keyword}"


def _emitted_ids() -> set[str]:
    """Every rule id written as a literal where a finding is made, and every id the
    loader's errors carry."""
    ids: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "rules" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            receiver = getattr(getattr(node.func, "value", None), "id", "")
            if name == "add" and "collector" not in receiver:
                continue  # set.add, a signature's add: not a finding
            arguments = [*node.args[:1], *node.args[3:4]] if name == "Finding" else node.args[:1]
            if name in ("add", "YamlLoadError", "Finding", "rule"):
                for argument in arguments:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        ids.add(argument.value)
            if name == "_dependency_finding":
                continue
        for match in re.finditer(r'rule_id = "([a-z/-]+)"', path.read_text(encoding="utf-8")):
            ids.add(match.group(1))
    return {i for i in ids if re.fullmatch(r"[a-z]+(-[a-z]+)*|schema/[A-Za-z]+", i)}


def test_every_id_a_check_can_emit_is_registered() -> None:
    emitted = _emitted_ids()
    assert {"yaml-alias", "depends-on-unresolved", "agency-not-declared", "date-invalid"} <= emitted
    assert emitted - set(RULES) == set()


def test_every_expected_rule_of_the_test_cases_is_registered() -> None:
    for expected in [*DATA.glob("invalid/*/expected.txt"), DATA / "hostile" / "expected.txt"]:
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert line.split()[-1] in RULES, (expected, line)


def test_an_unknown_rule_id_raises() -> None:
    with pytest.raises(UnknownRuleError):
        rule("schema/notAKeyword")
    with pytest.raises(UnknownRuleError):
        can_lower("no-such-rule")
    assert rule("date-invalid").id == "date-invalid"


def _cases() -> list[Path]:
    return sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("output", list(FindingsFormat))
def test_every_findings_format_renders_every_invalid_case(output: FindingsFormat) -> None:
    render = findings_renderer(output)
    for case in _cases():
        result = validate_paths([case])
        text = render(result)
        assert text.strip(), case
        for finding in result.findings:
            if output is not FindingsFormat.JUNIT:  # JUnit names files, not rules, per case
                assert finding.rule in text, (case, finding.rule)


SPLIT_MONTH_EMPTY = """\
    transactions:
      1399-02: {}
"""


def test_an_empty_split_month_is_reported_in_every_format(tmp_path: Path, mini: Path) -> None:
    """A split month written ``{}`` fails ``minProperties``; SARIF used to crash on it."""
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    path = copy / "agencies" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    transactions:\n      1399-02: 100\n", SPLIT_MONTH_EMPTY, 1)
    assert SPLIT_MONTH_EMPTY in text
    path.write_text(text, encoding="utf-8")
    for output in FindingsFormat:
        result = CliRunner().invoke(app, ["validate", str(copy), "-f", output.value])
        assert result.exit_code == 1, (output, result.output)
        assert "minProperties" in result.stdout, output
    sarif = json.loads(CliRunner().invoke(app, ["validate", str(copy), "-f", "sarif"]).stdout)
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert [ids[r["ruleIndex"]] for r in run["results"]] == [r["ruleId"] for r in run["results"]]
    assert "schema/minProperties" in [r["ruleId"] for r in run["results"]]
