"""The registry of rules: every finding carries one of these stable ids and a severity.

The registry is the source of truth: a finding can only be made for a registered id
(looking up any other raises), and ``egov-audit rules``, ``egov-audit rule ID`` and
``docs/rules.md`` are generated from it. The ids are a public contract (CI configurations
and ``rules:`` settings refer to them); add new ones, never rename. Each family of rules
has its own module.
"""

from __future__ import annotations

from egov_audit.checks.rules import (
    agency,
    collection,
    dependencies,
    exchange,
    history,
    reading,
    schema,
    services,
)
from egov_audit.checks.rules.registry import Rule, UnknownRuleError

FAMILIES = {
    "reading": reading.RULES,
    "schema": schema.RULES,
    "collection": collection.RULES,
    "agency": agency.RULES,
    "services": services.RULES,
    "history": history.RULES,
    "dependencies": dependencies.RULES,
    "exchange": exchange.RULES,
}
"""Rule families in the order they are documented."""

RULES: dict[str, Rule] = {found.id: found for family in FAMILIES.values() for found in family}


def rule(rule_id: str) -> Rule:
    """The rule with this id; an unknown id raises :class:`UnknownRuleError`."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id) from None


def can_lower(rule_id: str) -> bool:
    """Whether a collection may make this rule a warning or switch it off."""
    return rule(rule_id).lowerable


def family_of(rule_id: str) -> str:
    """The name of the family a registered rule belongs to."""
    found = rule(rule_id)
    return next(name for name, family in FAMILIES.items() if found in family)


__all__ = ["FAMILIES", "RULES", "Rule", "UnknownRuleError", "can_lower", "family_of", "rule"]
