"""Findings as JSON (findings_version 1): every finding with file, line, column, JSON path,
rule id, severity, message and hint, and a summary."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from egov_audit._version import __version__
from egov_audit.model import Severity, ValidationResult

FINDINGS_VERSION = 1


def to_dict(result: ValidationResult) -> dict[str, Any]:
    """The findings as plain data (the documented JSON structure)."""
    findings = result.findings
    files = result.checked
    failing = {f.file for f in findings if f.severity is Severity.ERROR}
    return {
        "findings_version": FINDINGS_VERSION,
        "tool": {"name": "egov-audit", "version": __version__},
        "summary": {
            "files": len(files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
        },
        "files": [{"file": path, "ok": path not in failing} for path in files],
        "findings": [{**asdict(f), "severity": f.severity.value} for f in findings],
    }


def render(result: ValidationResult) -> str:
    """The findings as indented JSON text."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
