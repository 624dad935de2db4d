"""The Gregorian-calendar sample (Greek central government) works like the Jalali one."""

from __future__ import annotations

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


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


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
    # Like `diff -r`: the same files, byte for byte, and nothing else.
    committed, generated = _files(GREECE), _files(out)
    assert sorted(generated) == sorted(committed)
    assert [name for name in committed if generated[name] != committed[name]] == []
