"""egov-audit: validate e-government service inventories and report digital readiness.

The Python API. Names are imported on first use, so that ``import egov_audit`` stays
cheap for the command line::

    from pathlib import Path
    import egov_audit

    result = egov_audit.validate_paths([Path("inventories/qom")])
    loaded = egov_audit.load_collection(Path("inventories/qom"))
    report = egov_audit.build_report(
        loaded.collection, loaded.declarations, egov_audit.parse_period("1399-H1")
    )
    print(report.services_total, report.transactions_total)

Every error raised on purpose is an :class:`EgovAuditError`; its ``remedy`` says what
would resolve it, in neutral terms.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from egov_audit._version import __version__
    from egov_audit.aggregate.diff import CollectionDiff, Comparison, diff_collections
    from egov_audit.aggregate.diff_load import compare_paths
    from egov_audit.aggregate.report import (
        Change,
        RankingRule,
        ReadinessReport,
        build_report,
        default_period,
    )
    from egov_audit.aggregate.report import compare as compare_reports
    from egov_audit.importer.sheet import ImportResult, import_sheet
    from egov_audit.model import (
        AgencyRef,
        Collection,
        Declaration,
        FileResult,
        Finding,
        Service,
        Severity,
        ValidationResult,
    )
    from egov_audit.model.errors import (
        CollectionError,
        EgovAuditError,
        OutputExistsError,
        Remedy,
        UsageError,
    )
    from egov_audit.model.period import Period, parse_period
    from egov_audit.runner import (
        DeclarationStore,
        LoadedCollection,
        RunOptions,
        check_text,
        load_collection,
        validate_paths,
    )

_EXPORTS = {
    # Read from the package metadata on first use: the command line's output cache answers
    # without it.
    "__version__": ("egov_audit._version", "__version__"),
    "validate_paths": ("egov_audit.runner", "validate_paths"),
    "load_collection": ("egov_audit.runner", "load_collection"),
    "check_text": ("egov_audit.runner", "check_text"),
    "RunOptions": ("egov_audit.runner", "RunOptions"),
    "LoadedCollection": ("egov_audit.runner", "LoadedCollection"),
    "DeclarationStore": ("egov_audit.runner", "DeclarationStore"),
    "build_report": ("egov_audit.aggregate.report", "build_report"),
    "default_period": ("egov_audit.aggregate.report", "default_period"),
    "compare_reports": ("egov_audit.aggregate.report", "compare"),
    "Change": ("egov_audit.aggregate.report", "Change"),
    "RankingRule": ("egov_audit.aggregate.report", "RankingRule"),
    "ReadinessReport": ("egov_audit.aggregate.report", "ReadinessReport"),
    "diff_collections": ("egov_audit.aggregate.diff", "diff_collections"),
    "CollectionDiff": ("egov_audit.aggregate.diff", "CollectionDiff"),
    "Comparison": ("egov_audit.aggregate.diff", "Comparison"),
    "compare_paths": ("egov_audit.aggregate.diff_load", "compare_paths"),
    "import_sheet": ("egov_audit.importer.sheet", "import_sheet"),
    "ImportResult": ("egov_audit.importer.sheet", "ImportResult"),
    "AgencyRef": ("egov_audit.model", "AgencyRef"),
    "Collection": ("egov_audit.model", "Collection"),
    "Declaration": ("egov_audit.model", "Declaration"),
    "Service": ("egov_audit.model", "Service"),
    "Finding": ("egov_audit.model", "Finding"),
    "FileResult": ("egov_audit.model", "FileResult"),
    "Severity": ("egov_audit.model", "Severity"),
    "ValidationResult": ("egov_audit.model", "ValidationResult"),
    "Period": ("egov_audit.model.period", "Period"),
    "parse_period": ("egov_audit.model.period", "parse_period"),
    "EgovAuditError": ("egov_audit.model.errors", "EgovAuditError"),
    "UsageError": ("egov_audit.model.errors", "UsageError"),
    "CollectionError": ("egov_audit.model.errors", "CollectionError"),
    "OutputExistsError": ("egov_audit.model.errors", "OutputExistsError"),
    "Remedy": ("egov_audit.model.errors", "Remedy"),
}

__all__ = [
    "AgencyRef",
    "Change",
    "Collection",
    "CollectionDiff",
    "CollectionError",
    "Comparison",
    "Declaration",
    "DeclarationStore",
    "EgovAuditError",
    "FileResult",
    "Finding",
    "ImportResult",
    "LoadedCollection",
    "OutputExistsError",
    "Period",
    "RankingRule",
    "ReadinessReport",
    "Remedy",
    "RunOptions",
    "Service",
    "Severity",
    "UsageError",
    "ValidationResult",
    "__version__",
    "build_report",
    "check_text",
    "compare_paths",
    "compare_reports",
    "default_period",
    "diff_collections",
    "import_sheet",
    "load_collection",
    "parse_period",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'egov_audit' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
