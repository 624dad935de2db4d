"""The rule type and lookups in the registry of every rule."""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, default severity, what it means, how to fix what it reports, and
    whether a collection may lower it (make it a warning or switch it off)."""

    id: str
    severity: Severity
    summary: str
    fix: str
    lowerable: bool = False
    """Only rules whose findings leave a file's figures intact can be lowered; a file that
    cannot be read, an unreadable date or a file counted under the wrong agency stay errors."""

    @property
    def excludes(self) -> bool:
        """Whether an error of this rule leaves the file out of the report's figures.

        Exactly the rules that cannot be lowered: their findings mean the file's own figures
        cannot be read (or belong to no registered agency). An error of any other rule (a
        broken reference, a duplicate id) fails validation but the file still counts."""
        return not self.lowerable


class UnknownRuleError(KeyError):
    """No rule has this id: a finding was made with an id the registry does not know."""
