"""A service's ``history``: the dated states before its declared one."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "history-out-of-order",
        Severity.ERROR,
        "A history entry is not dated later than the entry before it.",
        "List the entries oldest first, one per date.",
        lowerable=False,
    ),
    Rule(
        "history-after-declaration",
        Severity.ERROR,
        "A history entry is dated after the declaration date.",
        "Correct the entry's date, or declared_on: the top-level status is the state on "
        "declared_on.",
        lowerable=True,
    ),
    Rule(
        "history-contradicts-declaration",
        Severity.ERROR,
        "A history entry dated on declared_on differs from the service's top-level state.",
        "Remove the entry, or date it before declared_on; the top-level status, channels and "
        "in_person_steps are the state on declared_on.",
        lowerable=True,
    ),
    Rule(
        "history-before-launch",
        Severity.WARNING,
        "A history entry is dated before the service's launch date.",
        "Correct the entry's date or launched_on.",
        lowerable=True,
    ),
)
