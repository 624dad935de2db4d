"""Renderers: one per output format, each a pure function from data to a string."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from egov_audit.aggregate.report import ReadinessReport
    from egov_audit.runner.collection import ValidationResult


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


FindingsRenderer = Callable[["ValidationResult"], str]


def _lazy(module: str) -> Any:
    """The ``render`` function of a renderer module, imported on first use.

    A command needs one renderer; importing all of them (and their locale and
    templating machinery) would cost more than a warm ``validate`` run itself.
    """

    def render(*args: Any, **kwargs: Any) -> str:
        found = importlib.import_module(f"egov_audit.render.{module}")
        return cast(str, found.render(*args, **kwargs))

    return render


REPORT_RENDERERS: dict[ReportFormat, ReportRenderer] = {
    ReportFormat.TERMINAL: _lazy("report.terminal"),
    ReportFormat.MARKDOWN: _lazy("report.markdown"),
    ReportFormat.JSON: _lazy("report.json"),
    ReportFormat.HTML: _lazy("report.html"),
    ReportFormat.CSV: _lazy("report.csv"),
}

FINDINGS_RENDERERS: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: _lazy("findings.text"),
    FindingsFormat.JSON: _lazy("findings.json"),
    FindingsFormat.GITHUB: _lazy("findings.github"),
    FindingsFormat.SARIF: _lazy("findings.sarif"),
    FindingsFormat.JUNIT: _lazy("findings.junit"),
}
