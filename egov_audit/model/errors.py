"""The exceptions egov-audit raises; the CLI turns each into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Remedy(StrEnum):
    """What the user can do about an error, in neutral terms; the CLI words the advice
    (the option to pass, the command to run), a Python caller may act on it."""

    OVERWRITE = "overwrite"
    """The output exists: allow overwriting it."""
    VALIDATE = "validate"
    """The input has validation errors: validate ``target`` to see them."""
    CALENDAR = "calendar"
    """The calendar of files outside any collection is unknown: name it."""
    COLLECTION = "collection"
    """No collection folder was found: name the one holding collection.yaml."""
    SKIP_BAD_ROWS = "skip-bad-rows"
    """Some spreadsheet rows have problems: fix them, or import the other rows."""


class EgovAuditError(Exception):
    """Base class of every error egov-audit raises on purpose.

    ``remedy`` says what would resolve it and ``target`` what it applies to (the path to
    validate, the file that exists); both are None when there is nothing to add.
    """

    def __init__(
        self, message: str, *, remedy: Remedy | None = None, target: str | None = None
    ) -> None:
        super().__init__(message)
        self.remedy = remedy
        self.target = target


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class YamlLoadError(EgovAuditError):
    """Raised by the strict loader when a file cannot be accepted as an inventory document.

    ``rule`` is the stable rule id of the problem (e.g. ``yaml-duplicate-key``), ``hint``
    says what to do, ``position`` where it is, and ``related`` a second place that matters
    (the first occurrence of a duplicated key).
    """

    def __init__(
        self,
        rule: str,
        message: str,
        *,
        hint: str,
        position: Position | None = None,
        related: Position | None = None,
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint
        self.position = position
        self.related = related


class UsageError(EgovAuditError):
    """Raised when the command line asks for something impossible (bad period, missing folder)."""


class CollectionError(EgovAuditError):
    """Raised when a collection cannot be reported on (no readable ``collection.yaml``)."""


class OutputExistsError(UsageError):
    """Raised when a command would overwrite a file it was not allowed to."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} exists", remedy=Remedy.OVERWRITE, target=path)
