"""The exceptions egov-audit raises; the CLI turns each into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass


class EgovAuditError(Exception):
    """Base class of every error egov-audit raises on purpose."""


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
