"""Checking collections and files as a whole: the per-file checks over the runner, then
the cross-file rules. The entry points of validation and of loading a report's data.

A file that cannot be read becomes findings, never an exception, so every other file is
still checked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from egov_audit.checks.agency import check_agency
from egov_audit.checks.collection_file import check_collection, registry_positions
from egov_audit.checks.context import NO_COLLECTION, Context
from egov_audit.checks.cross_file import dependency_findings, missing_agencies
from egov_audit.checks.rules import rule
from egov_audit.io.layout import (
    AGENCIES_DIR,
    COLLECTION_FILE,
    agency_files,
    collection_root_of,
    display_path,
    entry_key,
    folder_root,
    is_within,
)
from egov_audit.io.yamlload import read_file
from egov_audit.model import (
    BrokenReference,
    Collection,
    ExcludedFile,
    FileResult,
    Finding,
    Severity,
    ValidationResult,
)
from egov_audit.model.calendars import Month
from egov_audit.model.errors import CollectionError, UsageError, YamlLoadError
from egov_audit.model.period import Period, year_period
from egov_audit.runner.agencies import check_agencies, check_agency_path, context_key
from egov_audit.runner.options import RunOptions
from egov_audit.runner.parallel import check_files
from egov_audit.runner.store import DeclarationStore


def _read(path: Path) -> bytes | YamlLoadError:
    try:
        return read_file(path)
    except YamlLoadError as error:
        return error


def read_collection_file(root: Path) -> tuple[Collection | None, Context, list[Finding]]:
    """Check ``<root>/collection.yaml``; a folder without one is a usage error."""
    path = root / COLLECTION_FILE
    if not path.is_file():
        raise UsageError(
            f"{root}: no {COLLECTION_FILE} here; a collection folder holds "
            f"{COLLECTION_FILE} and {AGENCIES_DIR}/<agency-id>.yaml files"
        )
    return _check_collection_file(path)


def _check_collection_file(path: Path) -> tuple[Collection | None, Context, list[Finding]]:
    """Check a ``collection.yaml``; one that is a link out of its folder is not read."""
    if path.is_symlink() and not is_within(path, path.parent):
        outside = YamlLoadError(
            "file-outside-collection",
            "is a symbolic link leading out of the collection; it was not read",
            hint="Copy the file into the collection folder instead of linking to it.",
        )
        return check_collection(outside, display_path(path))
    return check_collection(_read(path), display_path(path))


@dataclass
class _Checked:
    result: ValidationResult
    store: DeclarationStore
    context: Context


def _check_collection(
    root: Path, *, only: Sequence[Path] | None, options: RunOptions, keep: bool
) -> _Checked:
    """Check a collection folder; with ``only``, report findings for those agency files only.

    Every agency file is still read, because ``depends_on`` needs the whole collection.
    """
    collection_path = root / COLLECTION_FILE
    collection_display = display_path(collection_path)
    collection, context, collection_findings = read_collection_file(root)
    checked = check_agencies(root, context, given=only or (), options=options, keep=keep)
    results = [r for _, r in checked.results]
    missing: list[Finding] = []
    if only is None:
        # A file named like the agency's declaration but not read has its own finding.
        present = [FileResult("", (), agency_id=a) for a in checked.not_read]
        declared = {r.agency_id for r in results} | checked.not_read
        undeclared = context.registry is not None and any(
            a not in declared for a in context.registry
        )
        # Reading collection.yaml again for positions is only worth it with a warning.
        positions = registry_positions(_read(collection_path)) if undeclared else {}
        missing = missing_agencies([*results, *present], context, collection_display, positions)
    else:
        wanted = {entry_key(p): p for p in only}
        results = [r for key, r in checked.results if key in wanted]
        listed = {key for key, _ in checked.results}
        # A file the folder listing missed (agencies/ cannot be listed): read it alone.
        results.extend(
            check_agency_path(context, path, _read(path))
            for key, path in wanted.items()
            if key not in listed
        )
        collection_findings = []
    result = ValidationResult(
        tuple(results),
        collection,
        tuple(collection_findings) + tuple(missing),
        (collection_display,) if only is None else (),
    )
    return _Checked(result, checked.store, context)


def validate_paths(paths: Sequence[Path], options: RunOptions | None = None) -> ValidationResult:
    """Check collection folders and agency files, as ``egov-audit validate`` does.

    ``options`` sets worker processes and the cache (default: one process, no cache).
    """
    options = options or RunOptions()
    files: list[FileResult] = []
    collection_findings: list[Finding] = []
    collection_files: list[str] = []
    collection: Collection | None = None
    roots, collection_paths, loose = _arguments(paths)
    for root in roots:
        checked = _check_collection(root, only=None, options=options, keep=False)
        files.extend(checked.result.files)
        collection_findings.extend(checked.result.collection_findings)
        collection_files.extend(checked.result.collection_files)
        collection = collection or checked.result.collection
    for path in collection_paths:
        found, _context, findings = _check_collection_file(path)
        collection_files.append(display_path(path))
        collection = collection or found
        collection_findings.extend(findings)
    for collection_root, members in loose.items():
        if collection_root is None:
            files.extend(_check_outside_collection(member) for member in members)
        else:
            checked = _check_collection(collection_root, only=members, options=options, keep=False)
            files.extend(checked.result.files)
            collection = collection or checked.result.collection
    return ValidationResult(
        tuple(files), collection, tuple(collection_findings), tuple(dict.fromkeys(collection_files))
    )


def _arguments(
    paths: Sequence[Path],
) -> tuple[list[Path], list[Path], dict[Path | None, list[Path]]]:
    """The collections to check in full, the collection files and the agency files (by
    collection) that ``paths`` name, each once however often or however it is named: a
    file of a collection checked in full is not checked again."""
    roots: dict[str, Path] = {}
    collection_paths: dict[str, Path] = {}
    loose: dict[str, tuple[Path | None, dict[str, Path]]] = {}
    for path in paths:
        if os.path.isdir(path):
            root = folder_root(path)
            roots.setdefault(os.path.realpath(root), root)
        elif path.name == COLLECTION_FILE:
            collection_paths.setdefault(entry_key(path), path)
        elif os.path.lexists(path):
            root_of = collection_root_of(path)
            key = os.path.realpath(root_of) if root_of is not None else ""
            members = loose.setdefault(key, (root_of, {}))[1]
            members.setdefault(entry_key(path), path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    in_full = set(roots)
    files = [p for p in collection_paths.values() if os.path.realpath(p.parent) not in in_full]
    grouped = {
        root_of: list(members.values())
        for key, (root_of, members) in loose.items()
        if key not in in_full
    }
    return list(roots.values()), files, grouped


def _check_outside_collection(path: Path) -> FileResult:
    display = display_path(path)
    result = check_agency(_read(path), display, path.stem, NO_COLLECTION)
    missing = Finding(
        display,
        1,
        1,
        "collection-missing",
        rule("collection-missing").severity,
        f"no {COLLECTION_FILE} found for this file, so registry, "
        "calendar and depends_on were not checked",
        rule("collection-missing").fix,
    )
    return FileResult(result.path, (missing, *result.findings))


@dataclass
class LoadedCollection:
    """A collection ready to report on: its registry, and the declarations of the files
    whose figures can be read (one at a time, from :attr:`declarations`).

    A file is excluded only by errors that make its own figures unreadable
    (:attr:`Rule.excludes <egov_audit.checks.rules.Rule.excludes>`); its summary is in
    :attr:`exclusions`. Broken ``depends_on`` references of counted files are in
    :attr:`broken_references`."""

    collection: Collection
    included: list[FileResult]
    excluded: list[FileResult] = field(default_factory=list)
    declarations: DeclarationStore = field(default_factory=DeclarationStore)
    broken_references: list[BrokenReference] = field(default_factory=list)
    flawed: list[FileResult] = field(default_factory=list)
    """Counted files whose own checks found errors that leave their figures readable (a
    duplicate service id, say), with their findings; reference errors are not among them
    (see :attr:`broken_references`). ``diff`` refuses such files."""
    dependency_targets: frozenset[str] | None = None
    """Every global id a ``depends_on`` of a counted file names, taken from the cross-file
    records before they are let go (None when not known). ``build_report(targets=...)``
    then keeps only those services' statuses."""

    @property
    def exclusions(self) -> list[ExcludedFile]:
        """What each excluded file would have added, and why it is left out."""
        found = []
        for result in self.excluded:
            errors = [f for f in result.findings if f.severity is Severity.ERROR]
            rules = sorted({f.rule for f in errors if rule(f.rule).excludes})
            found.append(
                ExcludedFile(
                    result.path,
                    result.agency_id,
                    len(errors),
                    tuple(rules),
                    result.services_seen,
                    result.transactions_seen,
                )
            )
        return found

    def months_with_data(self) -> list[Month]:
        """Every month for which a counted declaration declares a transaction count (or
        an exchange service an inquiry count)."""
        months: set[Month] = set()
        for declaration in self.declarations:
            for service in declaration.services:
                months.update(month for month, _count in service.transactions)
            for offered in declaration.exchange_services:
                months.update(month for month, _count in offered.inquiries)
        return sorted(months)

    def default_period(self) -> Period:
        """The latest year with transaction data (the year of the latest month declared)."""
        years = [r.latest_year for r in self.included if r.latest_year is not None]
        if years:
            return year_period(max(years))
        declared = [d.declared_on[0] for d in self.declarations]
        if not declared:
            raise CollectionError("no declaration without errors to choose a period from")
        return year_period(max(declared))


def load_collection(root: Path, options: RunOptions | None = None) -> LoadedCollection:
    """Check a collection and keep what a report can count; files with errors are excluded.

    Raises :class:`~egov_audit.model.errors.CollectionError` when ``collection.yaml``
    itself has errors.
    """
    checked = _check_collection(root, only=None, options=options or RunOptions(), keep=True)
    result = checked.result
    if result.collection is None:
        raise CollectionError(f"{root / COLLECTION_FILE} has errors")
    # What the report needs of each file; the cross-file records (service ids,
    # dependencies) are let go before the report's own pass.
    counted = checked.store
    included = [
        FileResult(r.path, (), None, r.agency_id, latest_year=r.latest_year)
        for r in result.files
        if r.path in counted
    ]
    excluded = [r for r in result.files if r.path not in counted]
    broken = [
        BrokenReference(r.path, f.line, f.column, _target(f.message), f.rule)
        for r in result.files
        if r.path in counted
        for f in r.findings
        if f.rule in REFERENCE_RULES and f.severity is Severity.ERROR
    ]
    targets = frozenset(
        ref.target for r in result.files if r.path in counted for ref in r.dependencies
    )
    flawed = [r for r in result.files if r.path in counted and has_own_errors(r)]
    return LoadedCollection(
        result.collection,
        included,
        excluded,
        checked.store,
        broken,
        flawed=flawed,
        dependency_targets=targets,
    )


REFERENCE_RULES = ("depends-on-unresolved", "depends-on-undeclared")
"""Errors about references to other files' services: the file's own figures still count."""


def has_own_errors(result: FileResult) -> bool:
    """Whether the file's own checks found an error, errors about references to other
    files' services aside (``diff`` refuses such a file: a duplicate id, say, would make
    it match the wrong service)."""
    return any(
        f.severity is Severity.ERROR and f.rule not in REFERENCE_RULES for f in result.findings
    )


def _target(message: str) -> str:
    """The ``depends_on`` value a reference finding names (``depends_on 'a/b': ...``)."""
    start = message.find("'")
    end = message.find("'", start + 1)
    return message[start + 1 : end] if 0 <= start < end else ""


def collection_context(root: Path) -> Context:
    """The context of a collection's agency files; its ``collection.yaml`` must be valid."""
    collection, context, _findings = read_collection_file(root)
    if collection is None:
        raise CollectionError(f"{root / COLLECTION_FILE} has errors")
    return context


def check_declaration(
    data: bytes | YamlLoadError, display: str, context: Context, expected_id: str
) -> FileResult:
    """Check one declaration on its own (no cross-file rules), keeping its declaration."""
    return check_agency(data, display, expected_id, context)


def check_text(
    root: Path, agency_id: str, text: str, options: RunOptions | None = None
) -> list[Finding]:
    """The findings of ``text`` as ``<root>/agencies/<agency_id>.yaml``, before it is written.

    The collection's other agency files are checked too (from the cache when unchanged),
    so that ``depends_on`` resolves as it will once the file is in place.
    """
    collection, context, _findings = read_collection_file(root)
    if collection is None:
        raise CollectionError(f"{root / COLLECTION_FILE} has errors")
    target = root / AGENCIES_DIR / f"{agency_id}.yaml"
    others = [p for p in agency_files(root) if p.stem != agency_id]
    results, _store = check_files(
        others,
        partial(check_agency_path, context),
        context_key=context_key(context),
        options=options or RunOptions(),
        keep=False,
    )
    data = text.encode("utf-8")
    own = check_agency(data, str(target), agency_id, context)
    updated = dependency_findings([*results, own], context, [*others, data])
    return list(updated[-1].findings)
