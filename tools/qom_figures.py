"""The figures the Qom provincial ICT office published for the first half of 1399.

``tools/generate_qom.py`` steers its random choices to these figures, and
:func:`check_figures` recomputes them with egov-audit from the files it wrote.
"""

from __future__ import annotations

from pathlib import Path

LEADERS = {  # the article's leading agencies, all services fully electronic, in its order
    "abfa": 18,
    "mpo": 15,
    "economic-affairs": 14,
    "tax-affairs": 13,
    "post": 12,
    "cooperatives-labour-welfare": 11,
}
DECLARED = 54
TOTAL_SERVICES = 651
FULL, PARTIAL, UNKNOWN = 318, 218, 115
NEW_SERVICES, NEW_INFORMATIONAL = 145, 17
CITIZENS = 345
PORTAL, KIOSK, MOBILE = 584, 136, 80  # 73.0%, 17.0%, 10.0% of 800 offerings
TRANSACTIONS_H1 = 23_000_000
FULL_SHARE_RISE_1398_H1 = (10.0, 20.0)
"""The sample's history, not the article: from 1398-H1 to 1399-H1 the fully electronic share
rises by this many percentage points (at least, at most)."""


def check_figures(root: Path) -> None:
    """Recompute the report with egov-audit and compare it with the published figures."""
    from egov_audit.aggregate.report import build_report
    from egov_audit.model import Audience, Channel, ServiceType, Status
    from egov_audit.model.period import parse_period
    from egov_audit.runner.collection import load_collection, validate_paths

    result = validate_paths([root])
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        raise SystemExit(
            "generated files do not validate:\n"
            + "\n".join(f"{f.location}: {f.message}" for f in errors[:20])
        )
    loaded = load_collection(root)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    got = {
        "declared": len(report.agencies),
        "services": report.services_total,
        "full": report.by_status[Status.FULL],
        "partial": report.by_status[Status.PARTIAL],
        "unknown": report.by_status[Status.UNKNOWN],
        "new": report.new_services_total,
        "new active": report.new_services_by_type[ServiceType.TRANSACTIONAL]
        + report.new_services_by_type[ServiceType.INTERACTIVE],
        "citizens": report.audiences[Audience.CITIZENS],
        "portal": report.channel_offerings[Channel.PORTAL],
        "kiosk": report.channel_offerings[Channel.KIOSK],
        "mobile": report.channel_offerings[Channel.MOBILE],
        "transactions": report.transactions_total,
        "leaders": [row.agency.id for row in report.leaders[:6]],
    }
    want = {
        "declared": DECLARED,
        "services": TOTAL_SERVICES,
        "full": FULL,
        "partial": PARTIAL,
        "unknown": UNKNOWN,
        "new": NEW_SERVICES,
        "new active": NEW_SERVICES - NEW_INFORMATIONAL,
        "citizens": CITIZENS,
        "portal": PORTAL,
        "kiosk": KIOSK,
        "mobile": MOBILE,
        "transactions": TRANSACTIONS_H1,
        "leaders": list(LEADERS),
    }
    wrong = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    if wrong:
        raise SystemExit(f"generated figures differ (got, wanted): {wrong}")
    earlier = build_report(loaded.collection, loaded.declarations, parse_period("1398-H1"))
    if report.undated_services or earlier.undated_services:
        raise SystemExit("every service's state in 1398-H1 and 1399-H1 must come from its history")
    rise = 100 * (FULL / TOTAL_SERVICES - earlier.by_status[Status.FULL] / earlier.services_total)
    low, high = FULL_SHARE_RISE_1398_H1
    if not low <= rise <= high or not report.progress.regressed:
        raise SystemExit(
            f"the fully electronic share rises by {rise:.1f} points from 1398-H1, not "
            f"{low}..{high}, or no service regressed"
        )
