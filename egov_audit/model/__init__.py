"""The inventory model: agencies, services, months, findings and periods.

Plain frozen records with no I/O; every other layer builds on these.
"""

from egov_audit.model.inventory import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Finding,
    MonthlyCounts,
    Record,
    Service,
    ServiceType,
    Severity,
    Status,
)

__all__ = [
    "AgencyRef",
    "Audience",
    "Channel",
    "Collection",
    "Declaration",
    "Finding",
    "MonthlyCounts",
    "Record",
    "Service",
    "ServiceType",
    "Severity",
    "Status",
]
