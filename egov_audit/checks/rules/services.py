"""A declaration's services: ids, dates, months and benchmark codes."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "service-id-duplicate",
        Severity.ERROR,
        "Two services of one agency share an id.",
        "Give each service its own id.",
        lowerable=True,
    ),
    Rule(
        "date-invalid",
        Severity.ERROR,
        "A date is not a real date of the collection's calendar.",
        "Write an existing YYYY-MM-DD date in the collection's calendar.",
        lowerable=False,
    ),
    Rule(
        "month-invalid",
        Severity.ERROR,
        "A transaction month is not a real month.",
        "Write the month as YYYY-MM with MM from 01 to 12.",
        lowerable=False,
    ),
    Rule(
        "launched-after-declaration",
        Severity.ERROR,
        "A service is launched after the declaration date.",
        "Correct launched_on, or declared_on.",
        lowerable=True,
    ),
    Rule(
        "transactions-after-declaration",
        Severity.ERROR,
        "Transactions are counted for a month after the declaration date.",
        "Remove the month, or correct declared_on.",
        lowerable=True,
    ),
    Rule(
        "benchmark-unknown",
        Severity.ERROR,
        "A benchmarks code names no item of the shipped benchmark lists.",
        "Use a code listed by `egov-audit benchmarks`.",
        lowerable=True,
    ),
    Rule(
        "transactions-before-launch",
        Severity.WARNING,
        "Transactions are counted for a month before the service's launch month.",
        "Correct launched_on, or the month; the count is still counted in its month.",
        lowerable=True,
    ),
    Rule(
        "split-channel-undeclared",
        Severity.ERROR,
        "A month's count is split by a channel the service does not declare.",
        "Add the channel to the service's channels, or move the count to a declared one.",
        lowerable=True,
    ),
    Rule(
        "declared-in-future",
        Severity.ERROR,
        "The declaration date is later than today in the collection's calendar.",
        "Write the date the declaration was made, in the collection's calendar.",
        lowerable=False,
    ),
    Rule(
        "placeholder-service",
        Severity.ERROR,
        "The example service of 'egov-audit init' is still in the declaration.",
        "Replace the example service with the agency's real services.",
        lowerable=False,
    ),
)
