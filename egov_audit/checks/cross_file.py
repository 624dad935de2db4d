"""Rules across files: ``depends_on`` targets and registered agencies with no file.

They run after every agency file has been checked on its own, over the compact records
each check left (agency id, service ids, dependencies with their positions).
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from egov_audit.checks.context import Context
from egov_audit.checks.rules import rule
from egov_audit.io.layout import AGENCIES_DIR
from egov_audit.model import DependencyRef, FileResult, Finding
from egov_audit.model.errors import Position


def dependency_findings(results: Sequence[FileResult], context: Context) -> list[FileResult]:
    """Each result with the findings of its ``depends_on`` entries added, every other
    field kept as it was. A broken reference never takes a file out of the figures: its
    rules can be lowered, so they leave the file's own figures intact (Rule.excludes)."""
    declared = {r.agency_id: r.service_ids for r in results if r.agency_id is not None}
    updated: list[FileResult] = []
    for result in results:
        extra = [
            finding
            for ref in result.dependencies
            if (finding := _dependency_finding(result.path, ref, declared, context)) is not None
        ]
        if extra:
            result = dataclasses.replace(result, findings=(*result.findings, *extra))
        updated.append(result)
    return updated


def _dependency_finding(
    path: str,
    ref: DependencyRef,
    declared: Mapping[str, frozenset[str]],
    context: Context,
) -> Finding | None:
    target_agency, target_service = ref.target.split("/", 1)
    if target_agency in declared:
        services = declared[target_agency]
        if target_service in services:
            return None
        rule_id = "depends-on-unresolved"
        message = (
            f"depends_on '{ref.target}': agency '{target_agency}' declares no "
            f"service '{target_service}'"
        )
        hint = (
            "Use the id of one of its services: "
            + ", ".join(sorted(services)[:8])
            + (" ..." if len(services) > 8 else "")
        )
    elif context.registry is not None and target_agency in context.registry:
        rule_id = "depends-on-undeclared"
        message = (
            f"depends_on '{ref.target}': agency '{target_agency}' has not declared its services yet"
        )
        hint = rule(rule_id).fix
    else:
        rule_id = "depends-on-unresolved"
        message = f"depends_on '{ref.target}': no agency '{target_agency}' in the collection"
        hint = rule(rule_id).fix
    severity = context.severity(rule_id)
    if severity is None:
        return None
    return Finding(path, ref.line, ref.column, rule_id, severity, message, hint, ref.json_path)


def missing_agencies(
    results: Sequence[FileResult],
    context: Context,
    collection_display: str,
    positions: Mapping[str, Position],
) -> list[Finding]:
    """A finding for every registered agency that has no declaration file."""
    severity = context.severity("agency-not-declared")
    if context.registry is None or severity is None:
        return []
    declared = {r.agency_id for r in results}
    folder = str(PurePath(collection_display).parent)
    findings = []
    for agency_id in context.registry:
        if agency_id not in declared:
            position = positions.get(agency_id, Position(1, 1))
            findings.append(
                Finding(
                    collection_display,
                    position.line,
                    position.column,
                    "agency-not-declared",
                    severity,
                    f"registered agency '{agency_id}' has no file {AGENCIES_DIR}/{agency_id}.yaml",
                    "Ask the agency to declare: egov-audit init "
                    f"{shlex.quote(agency_id)} --collection {shlex.quote(folder)}",
                )
            )
    return findings
