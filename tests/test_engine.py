"""Worker processes and the result cache change nothing but speed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from egov_audit.aggregate.report import build_report
from egov_audit.model.period import parse_period
from egov_audit.render.report.json import render as report_json
from egov_audit.runner import Context, RunOptions, load_collection, validate_paths
from egov_audit.runner.agencies import context_key as context_fingerprint


def _report(root: Path, options: RunOptions) -> str:
    loaded = load_collection(root, options)
    return report_json(
        build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    )


def test_same_findings_and_report_with_workers_and_cache(qom: Path, tmp_path: Path) -> None:
    single = RunOptions(workers=1)
    baseline = validate_paths([qom], single)
    expected_report = _report(qom, single)
    cache = tmp_path / "cache"
    for options in (
        RunOptions(workers=2),
        RunOptions(workers=2, cache_dir=cache),
        RunOptions(workers=2, cache_dir=cache),
        RunOptions(workers=1, cache_dir=cache),
    ):
        result = validate_paths([qom], options)
        assert result.findings == baseline.findings
        assert _report(qom, options) == expected_report
        loaded = load_collection(qom, options)
        assert list(loaded.declarations) == list(load_collection(qom, single).declarations)
    entries = list(cache.rglob("*.result"))
    assert len(entries) == 54  # one entry per agency file
    assert len(list((cache / "v2" / "index").iterdir())) == 1  # the folder's stat index
    assert len(list(cache.rglob("*.declaration"))) == 54  # stored apart from the findings


def test_a_changed_file_is_checked_again(mini: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    first = validate_paths([copy], options)
    target = copy / "agencies" / "beta.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("status: full", "status: fast"), encoding="utf-8"
    )
    second = validate_paths([copy], options)
    assert [f.rule for f in first.findings] == ["agency-not-declared"]
    assert "schema/enum" in [f.rule for f in second.findings]


def test_a_damaged_cache_entry_is_ignored(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    options = RunOptions(workers=1, cache_dir=cache)
    first = validate_paths([mini], options)
    for entry in [*cache.rglob("*.result"), *cache.rglob("*.declaration")]:
        entry.write_bytes(b"not an entry")
    again = validate_paths([mini], options)
    assert again.findings == first.findings
    assert list(load_collection(mini, options).declarations) == list(
        load_collection(mini).declarations
    )


def test_context_fingerprint_follows_the_collection() -> None:
    base = Context(None, {})
    assert context_fingerprint(base) == context_fingerprint(Context(None, {}))
    changed = dataclasses.replace(base, severities={"agency-not-declared": None})
    assert context_fingerprint(changed) != context_fingerprint(base)


def test_generated_collection_with_broken_files_same_everywhere(tmp_path: Path) -> None:
    """Findings and report do not depend on workers, the cache, or compact records."""
    from tools import synth

    root = tmp_path / "synthetic"
    synth.write(root, agencies=40, services=900, seed=3, invalid_share=0.2)
    baseline = validate_paths([root], RunOptions(workers=1))
    assert any(f.severity.value == "error" for f in baseline.findings)
    cache = tmp_path / "cache"
    reports = set()
    for options in (
        RunOptions(workers=1),
        RunOptions(workers=2),
        RunOptions(workers=2, cache_dir=cache),
        RunOptions(workers=1, cache_dir=cache),
    ):
        result = validate_paths([root], options)
        assert result.findings == baseline.findings
        loaded = load_collection(root, options)
        reports.add(
            report_json(
                build_report(loaded.collection, loaded.declarations, loaded.default_period())
            )
        )
    assert len(reports) == 1
