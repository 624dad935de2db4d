"""Findings as text: one ``file:line:col: severity [rule] message`` line and a hint each."""

from __future__ import annotations

from egov_audit.model import Severity, ValidationResult


def render(result: ValidationResult) -> str:
    """Every finding, a result line per file, and a closing count."""
    lines: list[str] = []
    by_file: dict[str, list[str]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(
            f"{finding.location}: {finding.severity.value} [{finding.rule}] {finding.message}\n"
            f"    hint: {finding.hint}"
        )
    checked = result.checked
    for path in checked:
        entries = by_file.get(path, [])
        if entries:
            lines.extend(entries)
        else:
            lines.append(f"{path}: ok")
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    files = len(checked)
    lines.append(f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
