"""The public Python API: every name in ``__all__`` resolves, and the documented example runs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import egov_audit

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_resolves() -> None:
    for name in egov_audit.__all__:
        assert getattr(egov_audit, name) is not None, name
    assert sorted(egov_audit.__all__) == sorted({"__version__", *egov_audit._EXPORTS})


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        egov_audit.no_such_name  # noqa: B018


def test_the_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    assert egov_audit.__version__ == version("egov-audit")


def test_importing_the_package_imports_no_layer() -> None:
    """``import egov_audit`` stays cheap: the API is imported on first use."""
    import subprocess
    import sys

    code = (
        "import sys, egov_audit; "
        "print(sorted(m for m in sys.modules if m.startswith('egov_audit.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


def test_the_api_validates_reports_and_diffs(qom: Path, mini: Path) -> None:
    result = egov_audit.validate_paths([qom])
    assert result.count(egov_audit.Severity.ERROR) == 0
    loaded = egov_audit.load_collection(qom)
    report = egov_audit.build_report(
        loaded.collection, loaded.declarations, egov_audit.parse_period("1399-H1")
    )
    assert report.services_total == 651
    edited = ROOT / "tests" / "data" / "collections" / "mini-edited"
    comparison = egov_audit.compare_paths(mini, edited)
    assert comparison.diff.has_changes
    same = egov_audit.diff_collections(
        egov_audit.load_collection(mini).declarations, egov_audit.load_collection(mini).declarations
    )
    assert not same.has_changes
    importlib.import_module("egov_audit.cli")


def test_library_errors_carry_a_remedy_not_cli_advice(tmp_path: Path) -> None:
    with pytest.raises(egov_audit.UsageError) as caught:
        egov_audit.compare_paths(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert "egov-audit" not in str(caught.value) and "--" not in str(caught.value)
    (tmp_path / "collection.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    with pytest.raises(egov_audit.CollectionError) as broken:
        egov_audit.load_collection(tmp_path)
    assert "egov-audit" not in str(broken.value)
