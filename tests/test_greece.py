"""The Gregorian-calendar sample (Greek central government) works like the Jalali one."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from egov_audit.aggregate.report import build_report, compare
from egov_audit.model import Severity
from egov_audit.model.calendars import Calendar
from egov_audit.model.period import parse_period
from egov_audit.runner.collection import load_collection, validate_paths

ROOT = Path(__file__).resolve().parent.parent
GREECE = ROOT / "inventories" / "greece"


def test_greece_validates_and_reports_in_the_gregorian_calendar() -> None:
    result = validate_paths([GREECE])
    assert result.count(Severity.ERROR) == 0
    loaded = load_collection(GREECE)
    assert loaded.collection.calendar is Calendar.GREGORIAN
    report = build_report(loaded.collection, loaded.declarations, parse_period("2020"))
    previous = build_report(loaded.collection, loaded.declarations, parse_period("2019"))
    assert report.agencies_declared == 6 and report.agencies_expected == 7
    assert [month for month, _ in report.transactions_by_month] == [(2020, m) for m in range(1, 13)]
    # Totals recomputed from the files themselves.
    total = sum(
        count
        for d in loaded.declarations
        for s in d.services
        for (year, _m), count in s.transactions
        if year == 2020
    )
    assert report.transactions_total == total
    change = {c.key: c for c in compare(report, previous)}["transactions"]
    assert change.ratio is not None and change.ratio > 2  # the pandemic year moved online
    assert report.busiest_month is not None and report.busiest_month[0] == (2020, 12)


def test_the_generator_reproduces_the_committed_sample(tmp_path: Path) -> None:
    out = tmp_path / "greece"
    result = subprocess.run(
        [sys.executable, "-m", "tools.generate_greece", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(str(p.relative_to(GREECE)) for p in GREECE.rglob("*.yaml"))
    assert names == sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml"))
    _match, mismatch, errors = filecmp.cmpfiles(GREECE, out, names, shallow=False)
    assert mismatch == [] and errors == []
