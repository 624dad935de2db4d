"""The inventory model: agencies, services, months, findings and periods.

Plain frozen records with no I/O; every other layer builds on these.
"""

from egov_audit.model.findings import (
    BrokenReference,
    DependencyRef,
    ExcludedFile,
    FileResult,
    Finding,
    Severity,
    ValidationResult,
)
from egov_audit.model.inventory import (
    PLACEHOLDER_SERVICE_ID,
    PLACEHOLDER_SERVICE_NAME,
    SPLIT_CHANNELS,
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Exchange,
    ExchangeService,
    HistoryEntry,
    MonthlyCounts,
    Record,
    Service,
    ServiceType,
    State,
    Status,
    latest_transaction_year,
    state_on,
)

__all__ = [
    "PLACEHOLDER_SERVICE_ID",
    "PLACEHOLDER_SERVICE_NAME",
    "SPLIT_CHANNELS",
    "AgencyRef",
    "Audience",
    "BrokenReference",
    "Channel",
    "Collection",
    "Declaration",
    "DependencyRef",
    "Exchange",
    "ExchangeService",
    "ExcludedFile",
    "FileResult",
    "Finding",
    "HistoryEntry",
    "MonthlyCounts",
    "Record",
    "Service",
    "ServiceType",
    "Severity",
    "State",
    "Status",
    "ValidationResult",
    "latest_transaction_year",
    "state_on",
]
