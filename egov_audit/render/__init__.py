"""Renderers: one per output format, each a pure function from data to a string."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from egov_audit.check import ValidationResult
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
    ReportFormat.TERMINAL: _lazy("report_terminal"),
    ReportFormat.MARKDOWN: _lazy("report_markdown"),
    ReportFormat.JSON: _lazy("report_json"),
    ReportFormat.HTML: _lazy("report_html"),
    ReportFormat.CSV: _lazy("report_csv"),
}

FINDINGS_RENDERERS: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: _lazy("findings_text"),
    FindingsFormat.JSON: _lazy("findings_json"),
    FindingsFormat.GITHUB: _lazy("findings_github"),
    FindingsFormat.SARIF: _lazy("findings_sarif"),
    FindingsFormat.JUNIT: _lazy("findings_junit"),
}
