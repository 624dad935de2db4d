"""The report page's charts: sorted by what they plot, the take-up month by month by
channel, and figures that add up to the take-up totals."""

from __future__ import annotations

import json
import re
from pathlib import Path

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model.period import parse_period
from egov_audit.render.report import html as report_html
from egov_audit.render.report import json as report_json
from egov_audit.render.report import terminal as report_terminal
from egov_audit.runner.collection import load_collection

ROOT = Path(__file__).resolve().parent.parent


def _qom() -> ReadinessReport:
    loaded = load_collection(ROOT / "inventories" / "qom")
    return build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))


def _chart(page: str, ident: str) -> str:
    section = re.search(rf'<section id="{ident}">(.*?)</section>', page, re.DOTALL)
    assert section, ident
    chart = re.search(r'<figure class="chart".*?</figure>', section.group(1), re.DOTALL)
    assert chart, ident
    return chart.group(0)


def _labels(chart: str) -> list[str]:
    return re.findall(r'<td class="label"><bdi>(.*?)</bdi>', chart)


def _lengths(chart: str) -> list[float]:
    return [float(x) for x in re.findall(r'<span class="bar" style="width: ([\d.]+)%', chart)]


def test_the_months_split_by_channel_add_up_to_the_take_up() -> None:
    report = _qom()
    months = report.take_up_by_month
    assert [month for month, _split in months] == [(1399, m) for m in range(1, 7)]
    assert sum(s["portal"] + s["mobile"] for _m, s in months) == report.take_up.digital
    assert sum(s["kiosk"] for _m, s in months) == report.take_up.assisted
    assert sum(s["in_person"] for _m, s in months) == report.take_up.in_person
    data = json.loads(report_json.render(report))["take_up"]["by_month"]
    assert data[0] == {
        "month": "1399-01",
        "portal": 1_026_708,
        "mobile": 198_442,
        "kiosk": 44_135,
        "in_person": 62_868,
        "total": 1_332_153,
    }
    assert "Transactions by month and channel" in report_terminal.render(report, "en")


def test_the_channel_chart_stacks_each_month_with_a_legend() -> None:
    chart = _chart(report_html.render(_qom(), "en"), "channel-months")
    assert chart.count('<span class="stack">') == 6
    assert 'class="legend"' in chart and "Mobile apps" in chart
    # the busiest split month fills the track: its parts add up to 100%
    rows = re.findall(r'<span class="stack">(.*?)</span></td>', chart)
    sums = [sum(float(x) for x in re.findall(r"width: ([\d.]+)%", row)) for row in rows]
    assert max(sums) >= 99.8


def test_charts_are_sorted_by_what_they_plot() -> None:
    page = report_html.render(_qom(), "en")
    audiences = _chart(page, "audiences")
    assert _labels(audiences) == ["Businesses", "Citizens", "Government bodies"]
    for ident in ("audiences", "channels", "new-services", "providers", "take-up", "leaders"):
        lengths = _lengths(_chart(page, ident))
        if ident == "take-up":
            lengths = lengths[1:]  # all agencies first, then the agencies
        assert lengths == sorted(lengths, reverse=True), ident
    # an ordered scale keeps its order
    assert _labels(_chart(page, "status"))[0] == "Fully electronic"


def test_chart_labels_are_whole() -> None:
    page = report_html.render(_qom(), "en")
    assert "…" not in page
    assert "Qom Province Water and Wastewater Company" in _labels(_chart(page, "take-up"))
