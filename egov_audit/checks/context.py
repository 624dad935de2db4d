"""What checking one agency file needs to know about its collection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from egov_audit.model import AgencyRef, Severity
from egov_audit.model.calendars import Calendar, Day


@dataclass(frozen=True, slots=True)
class Context:
    """The collection's calendar, registry and rule settings (all unknown outside one)."""

    calendar: Calendar | None
    registry: dict[str, AgencyRef] | None
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    """Per-collection rule severities from ``rules:`` in collection.yaml (None: off)."""
    today: Day | None = None
    """Today in the collection's calendar: no declaration may be dated later."""
    consumers: frozenset[str] = frozenset()
    """The ids of the exchange's consumers named in collection.yaml (registered agencies
    are consumers without being named)."""

    def severity(self, rule_id: str) -> Severity | None:
        """The severity of a rule in this collection (None: switched off)."""
        from egov_audit.checks.rules import rule

        return self.severities.get(rule_id, rule(rule_id).severity)


NO_COLLECTION = Context(None, None)
"""The context of a file checked outside any collection."""
