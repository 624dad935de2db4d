"""Findings as text: one ``file:line:col: severity [rule] message`` line and a hint each.

File names, messages and hints are shown with control characters escaped (``\\x1b``,
``\\n``): a name can neither drive the terminal nor add a line."""

from __future__ import annotations

from egov_audit.model import Severity, ValidationResult
from egov_audit.model.display import printable


def render(result: ValidationResult) -> str:
    """Every finding, a result line per file, and a closing count."""
    lines: list[str] = []
    by_file: dict[str, list[str]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(
            f"{printable(finding.location)}: {finding.severity.value} [{finding.rule}] "
            f"{printable(finding.message)}\n    hint: {printable(finding.hint)}"
        )
    checked = result.checked
    for path in checked:
        entries = by_file.get(path, [])
        if entries:
            lines.extend(entries)
        else:
            lines.append(f"{printable(path)}: ok")
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    files = len(checked)
    lines.append(f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
