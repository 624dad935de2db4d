"""Findings as JUnit XML: a test case per file, failing with its errors, for CI dashboards.

Control characters (which XML 1.0 cannot hold at all) in file names and messages are
written as escapes, so the document is always well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from egov_audit.model import Severity, ValidationResult
from egov_audit.render.escape import xml_text


def render(result: ValidationResult) -> str:
    """One ``<testsuite>`` with a ``<testcase>`` per file checked."""
    by_file: dict[str, list[str]] = {}
    failing: dict[str, list[str]] = {}
    for path in result.checked:
        by_file[path] = []
        failing[path] = []
    for finding in result.findings:
        line = xml_text(
            f"{finding.location}: {finding.severity.value} [{finding.rule}] {finding.message} "
            f"(hint: {finding.hint})"
        )
        by_file[finding.file].append(line)
        if finding.severity is Severity.ERROR:
            failing[finding.file].append(line)
    suites = ET.Element("testsuites", name="egov-audit")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="egov-audit validate",
        tests=str(len(by_file)),
        failures=str(sum(1 for lines in failing.values() if lines)),
        errors="0",
        skipped="0",
    )
    for path, lines in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="egov-audit", name=xml_text(path))
        if failing[path]:
            failure = ET.SubElement(
                case, "failure", message=f"{len(failing[path])} error(s)", type="validation"
            )
            failure.text = "\n".join(lines)
        elif lines:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(lines)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
