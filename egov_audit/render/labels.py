"""Words and number formats shared by the human-readable renderers."""

from __future__ import annotations

from egov_audit.calendars import Calendar, Month, format_month, month_name
from egov_audit.model import Audience, Channel, ServiceType, Status
from egov_audit.report import AgencyRow, ReadinessReport

STATUS_LABELS: dict[Status, str] = {
    Status.FULL: "Fully electronic",
    Status.PARTIAL: "Partly electronic",
    Status.IN_PERSON: "In person only",
    Status.UNKNOWN: "Unverified (needs more information)",
}
TYPE_LABELS: dict[ServiceType, str] = {
    ServiceType.TRANSACTIONAL: "Transactional",
    ServiceType.INTERACTIVE: "Interactive",
    ServiceType.INFORMATIONAL: "Informational",
}
AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.CITIZENS: "Citizens",
    Audience.BUSINESSES: "Businesses",
    Audience.GOVERNMENT: "Government bodies",
}
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PORTAL: "Agency portals",
    Channel.KIOSK: "Kiosk / counter offices",
    Channel.MOBILE: "Mobile apps",
}


def number(value: int) -> str:
    """A count with thousands separators."""
    return f"{value:,}"


def percent(count: int, total: int) -> str:
    """A share as a percentage with one decimal (``48.8%``); ``-`` when there is no total."""
    if not total:
        return "-"
    return f"{100 * count / total:.1f}%"


def month_label(calendar: Calendar, month: Month) -> str:
    """``1399-01 (Farvardin)``."""
    return f"{format_month(month)} ({month_name(calendar, month[1])})"


def title(report: ReadinessReport) -> str:
    """The report's title line."""
    collection = report.collection
    name = collection.name
    if collection.name_local:
        name += f" ({collection.name_local})"
    return f"{name}: e-government readiness report, {report.period.label}"


def coverage(report: ReadinessReport) -> str:
    """Which months the transaction figure covers, exactly."""
    months = report.months_with_data
    period = f"period {report.period.label} = months {report.period.describe()}"
    if not months:
        return f"{period}; no transactions declared for these months"
    first, last = format_month(months[0]), format_month(months[-1])
    span = first if first == last else f"{first}..{last}"
    gaps = len(report.period.months) - len(months)
    extra = f"; {gaps} month(s) of the period have no data" if gaps else ""
    return f"{period}; counts declared for {len(months)} month(s): {span}{extra}; not annualised"


def agency_name(row: AgencyRow) -> str:
    """The agency's English name."""
    return row.agency.name


def bar(count: int, total: int, width: int = 30) -> str:
    """A horizontal bar proportional to ``count / total``."""
    if not total:
        return ""
    cells = round(width * count / total)
    return "█" * cells
