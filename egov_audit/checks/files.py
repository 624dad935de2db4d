"""Rules about the files of ``agencies/`` as a whole: one agency, one declaration."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence

from egov_audit.checks.rules import rule
from egov_audit.model import FileResult, Finding

DUPLICATE = "agency-file-duplicate"


def duplicate_declarations(results: Sequence[FileResult]) -> list[FileResult]:
    """Each result, with an error when another file names the same agency (``abfa.yaml``
    and ``abfa.yml``): which one holds the agency's figures cannot be told, so neither
    is counted (the error drops the declaration)."""
    by_agency: dict[str, list[str]] = {}
    agencies = [_stem(r.path) for r in results]
    for result, agency in zip(results, agencies, strict=True):
        by_agency.setdefault(agency, []).append(result.path)
    found = rule(DUPLICATE)
    updated = []
    for result, agency in zip(results, agencies, strict=True):
        if len(by_agency[agency]) > 1:
            names = " and ".join(os.path.basename(p) for p in sorted(by_agency[agency]))
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


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]
