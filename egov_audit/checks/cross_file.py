"""Rules across files: ``depends_on`` targets and registered agencies with no file.

They run after every agency file has been checked on its own, over the compact records
each check left (agency id, service ids, dependencies with their paths in the document).

A broken reference's line and column are worked out only when its finding is made: the
file is read and loaded again, as its check read it, and the entry's path looked up. If
the file can no longer be read or loaded, or the path no longer holds the same
``depends_on`` value (the file changed since it was checked), the finding points at
line 1, column 1 of the file rather than at a place that may hold something else.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from egov_audit.checks import schema
from egov_audit.checks.context import Context
from egov_audit.checks.rules import rule
from egov_audit.io.layout import AGENCIES_DIR
from egov_audit.io.yamlload import Document, load_bytes, read_file
from egov_audit.model import DependencyRef, FileResult, Finding
from egov_audit.model.errors import Position, YamlLoadError

Source = Path | bytes
"""Where a checked file's bytes come from again: its path, or the bytes themselves (a
text checked before it is written)."""


def dependency_findings(
    results: Sequence[FileResult], context: Context, sources: Sequence[Source]
) -> list[FileResult]:
    """Each result with the findings of its ``depends_on`` entries added, every other
    field kept as it was. A broken reference never takes a file out of the figures: its
    rules can be lowered, so they leave the file's own figures intact (Rule.excludes).

    ``sources`` are the files' paths (or bytes), in the order of ``results``: a file is
    read again only when one of its references makes a finding, for its positions."""
    declared = {r.agency_id: r.service_ids for r in results if r.agency_id is not None}
    updated: list[FileResult] = []
    for result, source in zip(results, sources, strict=True):
        if not result.dependencies:
            updated.append(result)
            continue
        locate = _Locator(source)
        extra = [
            finding
            for ref in result.dependencies
            if (finding := _dependency_finding(result.path, ref, declared, context, locate))
            is not None
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
    locate: Callable[[DependencyRef], Position],
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
    position = locate(ref)
    return Finding(
        path,
        position.line,
        position.column,
        rule_id,
        severity,
        message,
        hint,
        schema.json_path(list(ref.at)),
    )


class _Locator:
    """The positions of one file's references, the file loaded again on the first one."""

    def __init__(self, source: Source) -> None:
        self._source = source
        self._doc: Document | None = None
        self._loaded = False

    def __call__(self, ref: DependencyRef) -> Position:
        if not self._loaded:
            self._loaded = True
            self._doc = _reload(self._source)
        if self._doc is None or _value_at(self._doc.data, ref.at) != ref.target:
            return Position(1, 1)
        return self._doc.position(list(ref.at))


def _reload(source: Source) -> Document | None:
    """The document of a file, read and loaded as its check did (None if it cannot be)."""
    try:
        return load_bytes(source if isinstance(source, bytes) else read_file(source))
    except YamlLoadError:
        return None


def _value_at(data: Any, at: Sequence[str | int]) -> Any:
    """The value at a path of loaded data, None where the path leads nowhere."""
    for step in at:
        in_list = isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data)
        if not (in_list or (isinstance(step, str) and isinstance(data, dict) and step in data)):
            return None
        data = data[step]
    return data


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
