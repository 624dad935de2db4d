"""An agency file's identity: its id, its name, its place in the registry."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "agency-id-mismatch",
        Severity.ERROR,
        "The agency id differs from the file's name.",
        "Name the file <agency-id>.yaml, or fix the id.",
        lowerable=False,
    ),
    Rule(
        "agency-not-registered",
        Severity.ERROR,
        "The agency is not in the collection's registry.",
        "Add it to collection.yaml, or fix the id.",
        lowerable=False,
    ),
    Rule(
        "agency-name-mismatch",
        Severity.WARNING,
        "The agency's name differs from the registry's.",
        "Use the registered name, or update the registry.",
        lowerable=True,
    ),
)
