"""Checking the files of a collection's ``agencies/`` folder, each named once.

Declarations are read through the runner (workers, the cache); entries named like
declarations that are not read (a link out of the collection, a FIFO, a folder, a name
that is not UTF-8 or ends in ``.YAML``) become their finding without being opened; two
files of one agency (``abfa.yaml`` and ``abfa.yml``) are both refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from egov_audit.checks.agency import check_agency
from egov_audit.checks.context import Context
from egov_audit.checks.cross_file import dependency_findings
from egov_audit.checks.files import DUPLICATE, duplicate_declarations
from egov_audit.io.layout import agency_entries, display_path, entry_keys
from egov_audit.model import FileResult
from egov_audit.model.errors import YamlLoadError
from egov_audit.runner.options import RunOptions
from egov_audit.runner.parallel import check_files
from egov_audit.runner.store import DeclarationStore


def check_agency_path(context: Context, path: Path, data: bytes | YamlLoadError) -> FileResult:
    """The runner's check: a file in ``agencies/`` promises the agency id of its name."""
    return check_agency(data, display_path(path), path.stem, context)


def context_key(context: Context) -> str:
    """A stable hash of what a collection tells the check of one file (for the cache)."""
    registry = sorted(context.registry.items()) if context.registry is not None else None
    severities = sorted((k, v.value if v else "off") for k, v in context.severities.items())
    consumers = sorted(context.consumers)
    text = repr((context.calendar, registry, severities, context.today, consumers))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class CheckedAgencies:
    """Each entry's result (with its :func:`~egov_audit.io.layout.entry_key`), in name
    order, and the declarations the figures can count."""

    results: list[tuple[str, FileResult]]
    store: DeclarationStore
    not_read: set[str]
    """Agency ids of the entries named like declarations but not read (a FIFO named
    ``abfa.yaml``): their own finding says why, not "registered agency has no file"."""


def check_agencies(
    root: Path,
    context: Context,
    *,
    given: Sequence[Path] = (),
    options: RunOptions,
    keep: bool,
) -> CheckedAgencies:
    """Check every entry of ``<root>/agencies/``; a file also named in ``given`` is
    reported under that name (``abfa.yaml`` from inside ``agencies/``)."""
    entries = agency_entries(root)
    keys = entry_keys([e.path for e in entries])
    spelled = dict(zip(entry_keys(given), given, strict=True))
    readable = [
        spelled.get(key, e.path) for key, e in zip(keys, entries, strict=True) if e.problem is None
    ]
    checked, store = check_files(
        readable,
        partial(check_agency_path, context),
        context_key=context_key(context),
        options=options,
        keep=keep,
    )
    read = iter(duplicate_declarations(dependency_findings(checked, context, readable)))
    results: list[tuple[str, FileResult]] = []
    for key, entry in zip(keys, entries, strict=True):
        if entry.problem is None:
            result = next(read)
        else:
            result = check_agency(entry.problem, entry.display, entry.path.stem, context)
        results.append((key, result))
    refused = {r.path for _, r in results if any(f.rule == DUPLICATE for f in r.findings)}
    store.keep_only(p for p in (r.path for _, r in results) if p not in refused)
    not_read = {e.path.stem for e in entries if e.problem is not None}
    return CheckedAgencies(results, store, not_read)
