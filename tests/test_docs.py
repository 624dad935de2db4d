"""The project checks itself: README commands, generated pages, docs in step with the code,
schemas, samples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import egov_audit
from egov_audit.checks.rules import FAMILIES
from egov_audit.importer.layout import HEADERS, VALUES
from egov_audit.model import Severity
from egov_audit.runner.collection import validate_paths
from tools import docs

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


@pytest.mark.parametrize("name", sorted(docs.PAGES))
def test_generated_pages_are_what_the_generator_writes(name: str) -> None:
    """docs/cli.md and docs/rules.md are up to date: run ``python -m tools.docs``."""
    assert (ROOT / name).read_text(encoding="utf-8") == docs.PAGES[name](), (
        f"{name} is out of date: run python -m tools.docs"
    )


def test_the_generator_check_names_the_stale_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert docs.main(["--check"], root=tmp_path) == 1
    assert "docs/cli.md" in capsys.readouterr().err
    assert docs.main([], root=tmp_path) == 0
    assert docs.main(["--check"], root=tmp_path) == 0
    page = tmp_path / "docs" / "rules.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    capsys.readouterr()
    assert docs.main(["--check"], root=tmp_path) == 1
    assert capsys.readouterr().err == "docs/rules.md is out of date: run python -m tools.docs\n"


def test_the_rules_page_lists_every_rule_with_its_severity_and_family() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for family, members in FAMILIES.items():
        section = page.split(f"\n## {family}\n", 1)[1].split("\n## ", 1)[0]
        for found in members:
            lowerable = "yes" if found.lowerable else "no"
            assert f"| `{found.id}` | {found.severity.value} | {lowerable} |" in section


def test_the_cli_page_has_the_help_of_every_command() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in docs.commands():
        assert f"\n## egov-audit {command}\n" in page
        assert f"Usage: egov-audit {command} " in page


def _schema_properties(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(node.get("properties", {}))
        for sub in node.values():
            found |= _schema_properties(sub)
    elif isinstance(node, list):
        for sub in node:
            found |= _schema_properties(sub)
    return found


def test_the_format_page_describes_every_field_of_the_schemas() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        for name in _schema_properties(json.loads(path.read_text(encoding="utf-8"))):
            assert f"| `{name}` |" in page, f"{path.name}: field {name} is not in docs/format.md"


def test_the_import_page_lists_every_accepted_header_and_value() -> None:
    page = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    for column, aliases in HEADERS.items():
        assert f"| `{column}` |" in page
        for alias in aliases:
            assert alias in page, f"header {alias!r} of {column} is not in docs/import.md"
    for field, table in VALUES.items():
        for value, spellings in table.items():
            for spelling in spellings:
                assert spelling in page, f"{field} {value}: {spelling!r} not in docs/import.md"


def test_the_api_page_names_every_public_name() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in egov_audit.__all__:
        assert f"`{name}" in page, f"egov_audit.{name} is not in docs/api.md"


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings."""
    found = set()
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def test_links_between_the_pages_resolve() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            name, _, anchor = target.partition("#")
            linked = (page.parent / name).resolve() if name else page
            assert linked.exists(), f"{page.name}: {target} does not exist"
            if anchor:
                assert anchor in _anchors(linked), f"{page.name}: no heading for {target}"


def test_the_readme_has_a_line_for_every_command() -> None:
    for command in docs.commands():
        assert f"| `egov-audit {command}" in README, f"README.md: no line for {command}"
