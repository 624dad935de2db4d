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
)
