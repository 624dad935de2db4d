"""Findings as GitHub Actions workflow commands, and a Markdown step summary.

GitHub shows only a limited number of annotations per step, so the summary (appended to
``$GITHUB_STEP_SUMMARY`` by the CLI) lists every finding.
"""

from __future__ import annotations

from egov_audit.model import Severity, ValidationResult
from egov_audit.model.display import printable
from egov_audit.render.escape import code_span, markdown_text
from egov_audit.render.findings.text import summary_line
from egov_audit.render.i18n import translator


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
        text = printable(f"{finding.message} (hint: {finding.hint})")
        lines.append(
            f"::{command} file={escape_property(printable(finding.file))},line={finding.line},"
            f"col={finding.column},title={escape_property(finding.rule)}::{escape_data(text)}"
        )
    lines.append(_count(result))
    return "\n".join(lines) + "\n"


def _count(result: ValidationResult) -> str:
    return summary_line(result, translator("en"))


def summary(result: ValidationResult) -> str:
    """A Markdown summary listing every finding, for ``$GITHUB_STEP_SUMMARY``."""
    errors = result.count(Severity.ERROR)
    head = (
        "✅ egov-audit: no errors"
        if not errors
        else f"❌ egov-audit: {errors} error" + ("" if errors == 1 else "s")
    )
    lines = [f"### {head}", "", _count(result) + ".", ""]
    if result.findings:
        lines += [
            "| location | severity | rule | message | hint |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {code_span(f.location, in_table=True)} | {f.severity.value} | `{f.rule}` | "
            f"{markdown_text(f.message)} | {markdown_text(f.hint)} |"
            for f in result.findings
        ]
    return "\n".join(lines) + "\n"
