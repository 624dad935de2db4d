"""Golden outputs: every command's output on the samples, in every format and language.

The files under ``tests/golden/`` were written by this test (``EGOV_AUDIT_UPDATE_GOLDEN=1``)
and are compared byte for byte. They pin what a user sees while code moves between
modules: a refactoring that changes any of them changes behaviour, and has to say why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("EGOV_AUDIT_UPDATE_GOLDEN") == "1"

SAMPLES = {"qom": "inventories/qom", "greece": "inventories/greece"}
REPORT_FORMATS = {"terminal": "txt", "markdown": "md", "json": "json", "html": "html", "csv": "csv"}
LANGUAGES = ("en", "fa", "el", "vi")
FINDINGS_FORMATS = ("text", "json", "github", "sarif", "junit")
VALIDATED = {
    "qom": "inventories/qom",
    "greece": "inventories/greece",
    "mini": "tests/data/collections/mini",
    "tiny": "tests/data/collections/tiny",
    **{
        f"invalid-{case.name}": f"tests/data/invalid/{case.name}"
        for case in sorted((ROOT / "tests" / "data" / "invalid").iterdir())
        if case.is_dir()
    },
    "hostile-file": "tests/data/hostile/duplicate-key.yaml",
}
EXCHANGE = "tests/data/collections/exchange"
ARTICLES = {
    # the samples of the other source articles (docs/samples.md), and a government exchange
    # in every format and language
    "report-greece-national-el.md": [
        *("report", "inventories/greece-national", "-p", "2020", "-c", "2019", "-f", "markdown"),
    ],
    "report-vietnam-vi.txt": ["report", "inventories/vietnam"],
    "report-nix-fa.txt": ["report", "inventories/nix", "-p", "1399", "-c", "1396"],
    "report-nix-en.json": ["report", "inventories/nix", "-p", "1399", "-c", "1396", "-f", "json"],
    "report-pgsb-en.md": [
        *("report", "inventories/pgsb", "-p", "1401", "-c", "1399", "-f", "markdown"),
        *("--lang", "en"),
    ],
    "report-pgsb-fa.html": ["report", "inventories/pgsb", "-p", "1401", "-f", "html"],
    "report-exchange-en.txt": ["report", EXCHANGE, "-p", "1399-Q1", "-c", "1398", "--lang", "en"],
    "report-exchange-el.html": [
        *("report", EXCHANGE, "-p", "1399-Q1", "-c", "1398", "-f", "html", "--lang", "el"),
    ],
    "report-exchange-vi.md": [
        *("report", EXCHANGE, "-p", "1399-Q1", "-c", "1398", "-f", "markdown", "--lang", "vi"),
    ],
    "validate-nix.text": ["validate", "inventories/nix"],
}
DIFF_PAIRS = {
    "folders": ("tests/data/collections/mini", "tests/data/collections/mini-edited"),
    "files": (
        "tests/data/collections/mini/agencies/alpha.yaml",
        "tests/data/collections/mini-edited/agencies/alpha.yaml",
    ),
    "exchange": (EXCHANGE, "tests/data/collections/exchange-edited"),
}


def _cases() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for sample, path in SAMPLES.items():
        for output, suffix in REPORT_FORMATS.items():
            for lang in LANGUAGES:
                cases[f"report-{sample}-{lang}.{suffix}"] = [
                    "report",
                    path,
                    "--format",
                    output,
                    "--lang",
                    lang,
                ]
    for output in ("terminal", "markdown", "json", "html"):
        suffix = REPORT_FORMATS[output]
        cases[f"report-qom-compare.{suffix}"] = [
            "report",
            "inventories/qom",
            "-p",
            "1399-H1",
            "--compare",
            "1398-H1",
            "-f",
            output,
            "--lang",
            "en",
        ]
    cases["report-mini.md"] = ["report", "tests/data/collections/mini", "-f", "markdown"]
    cases.update(ARTICLES)
    for name, path in VALIDATED.items():
        for output in FINDINGS_FORMATS:
            cases[f"validate-{name}.{output}"] = ["validate", path, "--format", output]
    for name, (old, new) in DIFF_PAIRS.items():
        for output in ("text", "markdown", "json"):
            cases[f"diff-{name}.{output}"] = ["diff", old, new, "--format", output]
    cases["schema-agency.json"] = ["schema", "agency"]
    cases["schema-collection.json"] = ["schema", "collection"]
    cases["benchmarks.txt"] = ["benchmarks"]
    return cases


CASES = _cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = CliRunner().invoke(app, CASES[name])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    produced = f"exit {result.exit_code}\n{result.stdout}"
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")
