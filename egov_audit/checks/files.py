"""Rules about the files of ``agencies/`` as a whole: one agency, one declaration."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import PurePath

from egov_audit.checks.rules import rule
from egov_audit.model import FileResult, Finding

DUPLICATE = "agency-file-duplicate"


def duplicate_declarations(results: Sequence[FileResult]) -> list[FileResult]:
    """Each result, with an error when another file names the same agency (``abfa.yaml``
    and ``abfa.yml``): which one holds the agency's figures cannot be told, so neither
    is counted (the error drops the declaration)."""
    by_agency: dict[str, list[str]] = {}
    for result in results:
        by_agency.setdefault(PurePath(result.path).stem, []).append(result.path)
    found = rule(DUPLICATE)
    updated = []
    for result in results:
        agency = PurePath(result.path).stem
        others = [p for p in by_agency[agency] if p != result.path]
        if others:
            names = " and ".join(PurePath(p).name for p in sorted(by_agency[agency]))
            finding = Finding(
                result.path,
                1,
                1,
                found.id,
                found.severity,
                f"{names} both declare agency '{agency}'; neither is counted",
                found.fix,
            )
            result = dataclasses.replace(
                result, findings=(finding, *result.findings), declaration=None
            )
        updated.append(result)
    return updated
