"""Findings as GitHub Actions workflow commands, and a Markdown step summary.

GitHub shows only a limited number of annotations per step, so the summary (appended to
``$GITHUB_STEP_SUMMARY`` by the CLI) lists every finding.
"""

from __future__ import annotations

from egov_audit.model import Severity, ValidationResult


def escape_data(text: str) -> str:
    """Escape a workflow command's message as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (file, title) as the runner expects."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ValidationResult) -> str:
    """One ``::error``/``::warning`` line per finding, then the closing count."""
    lines = []
    for finding in result.findings:
        command = "error" if finding.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{command} file={escape_property(finding.file)},line={finding.line},"
            f"col={finding.column},title={escape_property(finding.rule)}::"
            f"{escape_data(finding.message + ' (hint: ' + finding.hint + ')')}"
        )
    lines.append(_count(result))
    return "\n".join(lines) + "\n"


def _count(result: ValidationResult) -> str:
    files = len(result.checked)
    return (
        f"{files} file(s) checked: {result.count(Severity.ERROR)} error(s), "
        f"{result.count(Severity.WARNING)} warning(s)"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(result: ValidationResult) -> str:
    """A Markdown summary listing every finding, for ``$GITHUB_STEP_SUMMARY``."""
    errors = result.count(Severity.ERROR)
    head = "✅ egov-audit: no errors" if not errors else f"❌ egov-audit: {errors} error(s)"
    lines = [f"### {head}", "", _count(result) + ".", ""]
    if result.findings:
        lines += [
            "| location | severity | rule | message | hint |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| `{_cell(f.location)}` | {f.severity.value} | `{f.rule}` | {_cell(f.message)} | "
            f"{_cell(f.hint)} |"
            for f in result.findings
        ]
    return "\n".join(lines) + "\n"
