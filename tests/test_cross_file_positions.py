"""Positions of cross-file findings: a ``depends_on`` entry is kept by its path in the
document, and its line and column are worked out only when its finding is made, by
loading the file again (line 1, column 1 when the file changed or cannot be read)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from egov_audit.checks.agency import check_agency
from egov_audit.checks.cross_file import dependency_findings
from egov_audit.model import DependencyRef, Finding
from egov_audit.runner import check_text, collection_context, validate_paths

CASE = Path(__file__).parent / "data" / "invalid" / "services"
BROKEN = [(13, 41), (13, 63)]  # beta/address-inquiry and gamma/x, see expected.txt


def _broken(findings: Sequence[Finding]) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in findings if f.rule == "depends-on-unresolved"]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    root = tmp_path / "services"
    shutil.copytree(CASE, root)
    return root


def test_the_records_hold_paths_not_positions(case: Path) -> None:
    data = (case / "agencies" / "alpha.yaml").read_bytes()
    result = check_agency(data, "alpha.yaml", "alpha", collection_context(case))
    assert result.dependencies[0] == DependencyRef(
        "beta/identity-inquiry", ("services", 0, "depends_on", 0)
    )


def test_a_broken_reference_points_at_its_entry(case: Path) -> None:
    assert _broken(validate_paths([case]).findings) == BROKEN
    text = (case / "agencies" / "alpha.yaml").read_text(encoding="utf-8")
    assert _broken(check_text(case, "alpha", text)) == BROKEN  # the bytes, not the file


def _cross_file(case: Path, source: Path | bytes) -> list[tuple[int, int]]:
    context = collection_context(case)
    paths = sorted((case / "agencies").glob("*.yaml"))
    results = [check_agency(p.read_bytes(), str(p), p.stem, context) for p in paths]
    sources: list[Path | bytes] = [source if p.stem == "alpha" else p for p in paths]
    updated = dependency_findings(results, context, sources)
    return _broken([f for r in updated for f in r.findings])


def test_a_file_changed_since_its_check_gives_line_1(case: Path) -> None:
    alpha = case / "agencies" / "alpha.yaml"
    assert _cross_file(case, alpha) == BROKEN
    text = alpha.read_text(encoding="utf-8")
    # gamma/x moved: its path now holds another value; beta/address-inquiry is in place.
    changed = text.replace("beta/address-inquiry, gamma/x", "beta/address-inquiry, beta/y")
    assert _cross_file(case, changed.encode()) == [(13, 41), (1, 1)]
    # Lines added above: the same values at the same paths are found where they now are.
    assert _cross_file(case, b"# moved\n" + text.encode()) == [(14, 41), (14, 63)]


@pytest.mark.parametrize("source", [b"services: [", b"\xff\xfe\x00\x00", None])
def test_a_file_that_cannot_be_loaded_again_gives_line_1(case: Path, source: bytes | None) -> None:
    missing = case / "agencies" / "gone.yaml"
    assert _cross_file(case, missing if source is None else source) == [(1, 1), (1, 1)]
