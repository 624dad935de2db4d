"""The terminal report at 80, 100 and 160 columns: no figure is ever cut.

Every sample is rendered with every list shown (``--top 1000``) and every figure of its
JSON report is looked for, whole, in the terminal text: a count such as ``9,738,838``
must not appear as ``9,738…`` or be split over two lines. At the default ``--top`` no
line is wider than the terminal and nothing is shortened with an ellipsis.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from egov_audit.aggregate.report import RankingRule, ReadinessReport, build_report
from egov_audit.cli.app import app
from egov_audit.model.period import parse_period
from egov_audit.render.i18n import translator
from egov_audit.render.report import json as report_json
from egov_audit.render.report import terminal as report_terminal
from egov_audit.runner.collection import load_collection

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {
    "qom": ("inventories/qom", "1399-H1"),
    "greece": ("inventories/greece", "2020"),
    "mini": ("tests/data/collections/mini", None),
    "tiny": ("tests/data/collections/tiny", None),
}
WIDTHS = (80, 100, 160)
EN = translator("en")

#: JSON figures the terminal report does not show: settings, the per-agency table (its
#: ranked rows are checked through the ranking), the new services of the period by type,
#: the statuses behind the fully electronic share over time.
SKIPPED = re.compile(
    r"^\.(report_version|ranking\.(min_services|top)|agency_table|exclusions|statuses"
    r"|new_services\.in_period\.by_type|benchmarks\[\]\.(covered|fully_electronic)"
    r"|series\.points\[\]\.by_status|progress\.undated_at_start)"
)


@cache
def _report(sample: str) -> ReadinessReport:
    """The sample's report with every list shown (``--top 1000``)."""
    folder, period = SAMPLES[sample]
    loaded = load_collection(ROOT / folder)
    return build_report(
        loaded.collection,
        loaded.declarations,
        parse_period(period) if period else loaded.default_period(),
        rule=RankingRule(top=1000),
        excluded=loaded.exclusions,
        broken_references=loaded.broken_references,
    )


def _run(args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["report", *args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _figures(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every figure of a JSON report as the English terminal report writes it."""
    if isinstance(node, dict):
        if set(node) == {"count", "total", "share"}:
            yield path, EN.number(node["count"])
            if node["total"]:
                yield path, EN.percent(node["count"], node["total"])
            return
        for key, value in node.items():
            yield from _figures(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _figures(item, f"{path}[]")
    elif isinstance(node, int) and not isinstance(node, bool):
        # a year is written without grouping (2020, not 2,020)
        yield path, EN.integer(node) if path.endswith("year") else EN.number(node)


def _ranked(report: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for row in report["agency_table"]:
        if row["rank"] is None:
            continue
        full, services = row["by_status"]["full"], row["services"]
        for figure in (services, full, row["transactions"]):
            yield f"agency {row['id']}", EN.number(figure)
        yield f"agency {row['id']}", EN.percent(full, services)


def _whole(figure: str, text: str) -> bool:
    """Whether ``figure`` appears in ``text`` with no digit or separator glued to it."""
    return re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d,]|\.\d)", text) is not None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_figure_of_the_json_report_appears_whole(sample: str, width: int) -> None:
    text = report_terminal.render(_report(sample), "en", width=width)
    report = json.loads(report_json.render(_report(sample)))
    # a section without data says so in words instead of its figures (all 0)
    empty = {
        ".take_up": not report["take_up"]["total"],
        ".benchmarks": not any(item["covered"] for item in report["benchmarks"]),
    }
    wanted = [
        (path, figure)
        for path, figure in _figures(report)
        if not SKIPPED.match(path) and not any(path.startswith(k) and empty[k] for k in empty)
    ] + list(_ranked(report))
    assert len(wanted) > 20
    missing = [(path, figure) for path, figure in wanted if not _whole(figure, text)]
    assert not missing, missing[:10]
    assert "…" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("lang", ["en", "fa", "el", "vi"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_terminal_nor_shortened(
    width: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, ["report", "inventories/qom", "-p", "1399-H1", "-l", lang])
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= width


def test_every_list_is_cut_at_top_and_says_how_many_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _run(["inventories/qom", "-p", "1399-H1", "--top", "۳"], 100, monkeypatch)
    notes = re.findall(r"Showing 3 of ([\d,]+); ([\d,]+) more not shown", re.sub(r"\s+", " ", text))
    # leaders, follow-up, take-up, open services, steps, providers, consumers, blocked,
    # benchmark items: every list longer than 3 says how many it leaves out
    assert len(notes) >= 9, text
    for total, more in notes:
        assert int(total.replace(",", "")) - 3 == int(more.replace(",", ""))


def test_the_summary_fits_one_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _run(["inventories/qom", "-p", "1399-H1", "--summary"], 100, monkeypatch)
    lines = text.splitlines()
    assert len(lines) <= 50, len(lines)
    assert "651, of which 318 (48.8%) fully electronic" in text
    assert "Leading agencies (top 5)" in text and "Needing follow-up" in text
    assert "Transactions by month" not in text
