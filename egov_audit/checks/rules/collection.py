"""collection.yaml: the registry of agencies and the ``rules:`` settings."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "collection-missing",
        Severity.WARNING,
        "No collection.yaml was found for an agency file.",
        "Validate the collection folder, or keep agency files under <collection>/agencies/.",
        lowerable=False,
    ),
    Rule(
        "registry-duplicate-agency",
        Severity.ERROR,
        "The registry lists an agency id twice.",
        "Keep one entry per agency.",
        lowerable=True,
    ),
    Rule(
        "agency-not-declared",
        Severity.WARNING,
        "A registered agency has no declaration file.",
        "Ask the agency to declare: egov-audit init <agency-id> --collection <folder>.",
        lowerable=True,
    ),
    Rule(
        "rules-unknown",
        Severity.ERROR,
        "collection.yaml sets the severity of a rule that does not exist.",
        "Use a rule id from the README's rules table.",
        lowerable=False,
    ),
    Rule(
        "rules-locked",
        Severity.ERROR,
        "collection.yaml lowers a rule that must stay an error.",
        "Remove the setting; only rules that leave the figures intact can be lowered.",
        lowerable=False,
    ),
)
