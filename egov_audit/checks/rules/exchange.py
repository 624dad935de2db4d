"""The government exchange: consumers named in collection.yaml, and the consumers a month's
inquiries are split by (``exchange_services``)."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "exchange-consumer-unknown",
        Severity.ERROR,
        "A month's inquiries are split by a consumer that is neither a registered agency nor "
        "a consumer named under exchange: in collection.yaml.",
        "Name the consumer under exchange: consumers: in collection.yaml, or use the id of "
        "a registered agency.",
        lowerable=True,
    ),
    Rule(
        "exchange-consumer-duplicate",
        Severity.ERROR,
        "collection.yaml names a consumer twice, or with the id of a registered agency.",
        "Keep one entry per consumer; a registered agency is a consumer without being listed.",
        lowerable=True,
    ),
)
