"""Findings and the results of checking files: what validation produces and renderers show."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from egov_audit.model.inventory import Collection, Declaration, Record


class Severity(StrEnum):
    """How serious a finding is: errors fail validation, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding(Record):
    """One problem found in one file, at a line and column, with a stable rule id."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    hint: str
    json_path: str = "$"

    @property
    def location(self) -> str:
        """``file:line:col`` as editors and CI systems understand it."""
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class DependencyRef(Record):
    """A ``depends_on`` entry, kept with its path in the document for the cross-file check.

    ``at`` is the entry's path (``("services", 3, "depends_on", 0)``), not its line and
    column: a file's positions are only worked out when one of its references is broken
    (:func:`egov_audit.checks.cross_file.dependency_findings` reads the file again then).
    """

    target: str
    at: tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FileResult(Record):
    """The outcome of checking one agency file: its findings and cross-file records.

    ``declaration`` is the converted file when it has no error; a run keeps declarations
    in its store and hands results on without them.
    """

    path: str
    findings: tuple[Finding, ...]
    declaration: Declaration | None = None
    agency_id: str | None = None
    service_ids: frozenset[str] = frozenset()
    dependencies: tuple[DependencyRef, ...] = ()
    latest_year: int | None = None
    """The latest year with a transaction count, if any: for the default period."""
    services_seen: int = 0
    """Services the file lists, as far as it can be read (for what an exclusion leaves out)."""
    transactions_seen: int = 0
    """Transactions the file counts, as far as it can be read (idem)."""

    @property
    def ok(self) -> bool:
        """True when the file has no error (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class ValidationResult:
    """Every file checked, with the collection they belong to when there is one."""

    files: tuple[FileResult, ...]
    collection: Collection | None = None
    collection_findings: tuple[Finding, ...] = ()
    collection_files: tuple[str, ...] = ()
    """The ``collection.yaml`` files checked (their findings are in ``collection_findings``)."""

    @property
    def checked(self) -> list[str]:
        """Every file checked, agency files and collection files, sorted."""
        return sorted(
            {r.path for r in self.files}
            | set(self.collection_files)
            | {f.file for f in self.collection_findings}
        )

    @property
    def findings(self) -> list[Finding]:
        """All findings, ordered by file, line and column."""
        every = [*self.collection_findings]
        for result in self.files:
            every.extend(result.findings)
        return sorted(every, key=lambda f: (f.file, f.line, f.column, f.rule))

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass(frozen=True, slots=True)
class ExcludedFile:
    """A declaration left out of the figures, and what it would have added."""

    path: str
    agency_id: str | None
    """The agency it declares, when that can be read."""
    errors: int
    """Its validation errors (every one; ``egov-audit validate`` lists them)."""
    rules: tuple[str, ...]
    """The distinct rules of the errors that exclude it."""
    services: int
    """Services it lists, as far as the file can be read (0 when it cannot be parsed)."""
    transactions: int
    """Transactions it counts in all months, as far as the file can be read."""


@dataclass(frozen=True, slots=True)
class BrokenReference:
    """A ``depends_on`` entry naming no declared service. The file still counts."""

    file: str
    line: int
    column: int
    target: str
    rule: str
    """``depends-on-unresolved`` or ``depends-on-undeclared``."""
