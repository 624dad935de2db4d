"""``depends_on``: services of other agencies a service needs (checked across files)."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "depends-on-unresolved",
        Severity.ERROR,
        "A depends_on id names no declared service.",
        "Use <agency-id>/<service-id> of a service another agency declares.",
        lowerable=True,
    ),
    Rule(
        "depends-on-undeclared",
        Severity.WARNING,
        "A depends_on id names an agency that has not declared.",
        "Keep it; it resolves once that agency declares.",
        lowerable=True,
    ),
    Rule(
        "depends-on-own-agency",
        Severity.WARNING,
        "A service depends on a service of its own agency.",
        "List only other agencies' services in depends_on.",
        lowerable=True,
    ),
)
