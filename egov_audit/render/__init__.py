"""Renderers: one per output format, each a pure function from data to a string."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from egov_audit.check import ValidationResult
from egov_audit.render import (
    findings_github,
    findings_json,
    findings_junit,
    findings_sarif,
    findings_text,
    report_csv,
    report_html,
    report_json,
    report_markdown,
    report_terminal,
)
from egov_audit.report import ReadinessReport


class ReportFormat(StrEnum):
    """Output formats of ``egov-audit report``."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    CSV = "csv"


class FindingsFormat(StrEnum):
    """Output formats of ``egov-audit validate``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class ReportRenderer(Protocol):
    """A report renderer: the report, the language code (``en``, ``fa``, ``el``, ``vi``)
    and, for ``--compare``, the report of the same declarations for another period."""

    def __call__(
        self, report: ReadinessReport, lang: str = ..., *, previous: ReadinessReport | None = ...
    ) -> str: ...


FindingsRenderer = Callable[[ValidationResult], str]

REPORT_RENDERERS: dict[ReportFormat, ReportRenderer] = {
    ReportFormat.TERMINAL: report_terminal.render,
    ReportFormat.MARKDOWN: report_markdown.render,
    ReportFormat.JSON: report_json.render,
    ReportFormat.HTML: report_html.render,
    ReportFormat.CSV: report_csv.render,
}

FINDINGS_RENDERERS: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: findings_text.render,
    FindingsFormat.JSON: findings_json.render,
    FindingsFormat.GITHUB: findings_github.render,
    FindingsFormat.SARIF: findings_sarif.render,
    FindingsFormat.JUNIT: findings_junit.render,
}
