"""Renderers: one module per output format, each a pure function from data to a string.

Three families, each behind one typed interface: findings (``validate``), the readiness
report (``report``) and diffs (``diff``). Every value of a format enum has a renderer (a
test checks it). Renderer modules are imported on first use: a command needs one, and
importing all of them (and their locale and templating machinery) would cost more than a
warm ``validate`` run itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from egov_audit.aggregate.diff import Comparison
    from egov_audit.aggregate.report import ReadinessReport
    from egov_audit.model import ValidationResult


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


class DiffFormat(StrEnum):
    """Output formats of ``egov-audit diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class ReportRenderer(Protocol):
    """A report renderer: the report, the language code (``en``, ``fa``, ``el``, ``vi``)
    and, for ``--compare``, the report of the same declarations for another period.

    Every report renderer takes the same arguments; a format without languages (JSON,
    CSV) or without a comparison (CSV) says so in its documentation and ignores them."""

    def __call__(
        self, report: ReadinessReport, lang: str = ..., *, previous: ReadinessReport | None = ...
    ) -> str: ...


SUMMARY_FORMATS = frozenset({ReportFormat.TERMINAL, ReportFormat.MARKDOWN, ReportFormat.HTML})
"""The report formats that have a summary layout."""

FindingsRenderer = Callable[["ValidationResult"], str]
DiffRenderer = Callable[["Comparison"], str]

_MODULES: Mapping[type[StrEnum], str] = {
    ReportFormat: "egov_audit.render.report",
    FindingsFormat: "egov_audit.render.findings",
    DiffFormat: "egov_audit.render.diff",
}


def renderer_module(output: StrEnum) -> str:
    """The name of the module rendering this output format."""
    return f"{_MODULES[type(output)]}.{output.value}"


def _render_function(output: StrEnum) -> Callable[..., str]:
    """The ``render`` function of a format's module, imported now."""
    return cast(Callable[..., str], importlib.import_module(renderer_module(output)).render)


def report_renderer(output: ReportFormat) -> ReportRenderer:
    """The renderer of a report format."""
    return cast(ReportRenderer, _render_function(output))


def summary_renderer(output: ReportFormat) -> ReportRenderer:
    """The renderer of ``report --summary``: the terminal, Markdown or HTML report with the
    headline figures, services by status, the leading agencies and those needing follow-up."""
    if output not in SUMMARY_FORMATS:
        raise ValueError(f"no summary in the {output.value} format")
    return cast(ReportRenderer, partial(_render_function(output), summary=True))


def findings_renderer(output: FindingsFormat) -> FindingsRenderer:
    """The renderer of a findings format."""
    return cast(FindingsRenderer, _render_function(output))


def diff_renderer(output: DiffFormat) -> DiffRenderer:
    """The renderer of a diff format."""
    return cast(DiffRenderer, _render_function(output))
