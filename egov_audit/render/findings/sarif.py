"""Findings as SARIF 2.1.0, for code-scanning tools that show them on a pull request's diff."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from egov_audit._version import __version__
from egov_audit.checks.rules import RULES
from egov_audit.model import Severity, ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """The artifact's URI: a percent-encoded relative reference (``file:`` if absolute).

    Every byte of the name other than unreserved characters and ``/`` is encoded, so a
    space, a ``%``, a ``:`` in the first segment or a control character cannot change what
    the reference means; undecodable bytes of the name are encoded as they are on disk.
    """
    location = Path(path)
    if location.is_absolute():
        return "file://" + quote(os.fsencode(location.as_posix()), safe="/")
    return quote(os.fsencode(location.as_posix()), safe="/")


def to_dict(result: ValidationResult) -> dict[str, Any]:
    """The findings as a SARIF log with one run."""
    rule_ids = list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [
        {
            "id": found.id,
            "name": found.id.replace("/", "-"),
            "shortDescription": {"text": found.summary},
            "help": {"text": found.fix},
            "defaultConfiguration": {"level": found.severity.value},
        }
        for found in RULES.values()
    ]
    results = [
        {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": "error" if finding.severity is Severity.ERROR else "warning",
            "message": {"text": f"{finding.message}. Hint: {finding.hint}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.file)},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": finding.json_path}],
                }
            ],
        }
        for finding in result.findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "egov-audit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def render(result: ValidationResult) -> str:
    """The SARIF log as indented JSON text."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
