"""Every value of every format enum has a renderer, reached through the one registry."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from egov_audit.aggregate.diff_load import compare_paths
from egov_audit.aggregate.report import build_report
from egov_audit.model.period import parse_period
from egov_audit.render import (
    DiffFormat,
    FindingsFormat,
    ReportFormat,
    diff_renderer,
    findings_renderer,
    renderer_module,
    report_renderer,
)
from egov_audit.runner import load_collection, validate_paths

DATA = Path(__file__).parent / "data"
MINI, EDITED = DATA / "collections" / "mini", DATA / "collections" / "mini-edited"


@pytest.mark.parametrize("output", [*FindingsFormat, *ReportFormat, *DiffFormat])
def test_every_format_has_a_module_with_a_render_function(
    output: FindingsFormat | ReportFormat | DiffFormat,
) -> None:
    module = importlib.import_module(renderer_module(output))
    assert callable(module.render), output


@pytest.mark.parametrize("output", list(FindingsFormat))
def test_every_findings_format_renders(output: FindingsFormat) -> None:
    assert findings_renderer(output)(validate_paths([DATA / "invalid" / "dates"]))


@pytest.mark.parametrize("output", list(ReportFormat))
def test_every_report_format_renders(output: ReportFormat) -> None:
    loaded = load_collection(MINI)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    earlier = build_report(loaded.collection, loaded.declarations, parse_period("1398"))
    assert report_renderer(output)(report, "fa", previous=earlier)


@pytest.mark.parametrize("output", list(DiffFormat))
def test_every_diff_format_renders(output: DiffFormat) -> None:
    assert "alpha" in str(diff_renderer(output)(compare_paths(MINI, EDITED)))
