"""The synthetic collection generator (tools/synth.py) and the benchmark (tools/benchmark.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from egov_audit.model import Severity
from egov_audit.runner import load_collection, validate_paths
from tools import benchmark, synth


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_small_collection_validates(tmp_path: Path) -> None:
    out = tmp_path / "synthetic"
    manifest = synth.write(out, agencies=8, services=200, seed=11)
    assert manifest["services"] == 200
    assert len(list((out / "agencies").glob("*.yaml"))) == 8
    result = validate_paths([out])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    declarations = list(load_collection(out).declarations)
    assert len(declarations) == 8
    assert sum(len(d.services) for d in declarations) == 200
    # depends_on between agencies exists and resolves.
    assert any(s.depends_on for d in declarations for s in d.services)


def test_gregorian_collection_validates(tmp_path: Path) -> None:
    out = tmp_path / "synthetic"
    synth.write(out, agencies=6, services=150, seed=5, calendar="gregorian")
    result = validate_paths([out])
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.write(first, agencies=8, services=200, seed=11, invalid_share=0.25)
    synth.write(second, agencies=8, services=200, seed=11, invalid_share=0.25)
    synth.write(other, agencies=8, services=200, seed=12, invalid_share=0.25)
    assert _tree(first) == _tree(second)
    assert _tree(first) != _tree(other)


def test_invalid_files_yield_the_injected_rule(tmp_path: Path) -> None:
    out = tmp_path / "broken"
    manifest = synth.write(out, agencies=20, services=400, seed=3, invalid_share=0.4)
    injected = manifest["invalid"]
    assert isinstance(injected, list)
    assert {item["kind"] for item in injected} == set(synth.INVALID_KINDS)
    result = validate_paths([out])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    by_file: dict[str, set[tuple[str, int]]] = {}
    for finding in errors:
        by_file.setdefault(Path(finding.file).name, set()).add((finding.rule, finding.line))
    for item in injected:
        name = Path(item["file"]).name
        assert (item["rule"], item["line"]) in by_file.get(name, set()), item
    # Only the injected files have errors, and each only the injected one.
    assert sorted(by_file) == sorted(Path(item["file"]).name for item in injected)
    assert all(len(found) == 1 for found in by_file.values())


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "synthetic"
    synth.write(out, agencies=3, services=30, seed=1)
    before = _tree(out)
    with pytest.raises(SystemExit):
        synth.main(["--agencies", "3", "--services", "40", "--output", str(out)])
    assert _tree(out) == before
    synth.main(["--agencies", "3", "--services", "40", "--output", str(out), "--force"])
    assert json.loads((out / synth.MANIFEST).read_text(encoding="utf-8"))["services"] == 40
    assert [p.name for p in tmp_path.iterdir()] == ["synthetic"]  # no staging left behind


def test_services_per_agency_are_skewed_and_exact() -> None:
    import random

    counts = synth.allocate(100_000, 1000, random.Random(1))
    assert sum(counts) == 100_000
    assert min(counts) >= 1
    assert max(counts) <= synth.MAX_SERVICES_PER_AGENCY
    assert max(counts) > 5 * sorted(counts)[500]  # a long tail of large agencies


def test_benchmark_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    keep = tmp_path / "keep"
    record = tmp_path / "results.jsonl"
    argv = ["--services", "300", "--agencies", "5", "--json", str(out), "--keep", str(keep)]
    argv += ["--record", str(record), "--skip", "check_jsonschema", "report_warm_results"]
    assert benchmark.main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()] == [data]
    assert data["benchmark_version"] == 2
    assert {"cpu_count", "memory_gib", "python_version"} <= set(data["machine"])
    assert {"date", "method", "parameters", "collections", "floor_seconds", "steps"} <= set(data)
    assert data["egov_audit"]["package"] == str(keep / "snapshot" / "egov_audit")
    steps = {s["name"]: s for s in data["steps"]}
    assert list(steps) == [
        "floor",
        "floor_load",
        "validate_cold",
        "report_cold",
        "validate_fill",
        "report_after_validate",
        "validate_warm",
        "report_warm",
        "validate_warm_results",
        "report_warm_results",
        "validate_invalid",
        "report_invalid",
        "check_jsonschema",
    ]
    for name, step in steps.items():
        if step["skipped"]:
            assert name in ("check_jsonschema", "report_warm_results")
            continue
        assert step["seconds"] > 0
        assert step["peak_tree_mib"] >= step["peak_rss_mib"] > 0
        assert step["ratio_to_floor"] > 0
    assert steps["floor"]["ratio_to_floor"] == 1
    assert steps["validate_cold"]["exit_codes"] == [0]
    assert steps["validate_invalid"]["exit_codes"] == [1]
    assert steps["report_cold"]["exit_codes"] == [0]
    assert steps["report_after_validate"]["exit_codes"] == [0]
    # The warm runs could be answered from the output cache: it kept their outputs.
    assert len(list((keep / "caches").rglob("*.output"))) >= 2
    found = {t["target"]: t for t in data["targets"]}
    assert found["memory"]["met"] is True
    assert found["check-jsonschema"]["value"] is None and found["check-jsonschema"]["met"] is None
    fill, after = steps["validate_fill"]["seconds"], steps["report_after_validate"]["seconds"]
    expected = round((fill + after) / data["floor_seconds"], 4)
    assert found["cold validate then report"]["value"] == pytest.approx(expected, abs=1e-3)
    printed = capsys.readouterr().out
    assert "floor: compose" in printed and "warm validate" in printed
    assert data["collections"]["valid"]["reused"] is False
    # --keep reuses collections generated with the same parameters.
    params = argparse.Namespace(services=300, agencies=5, seed=7)
    assert benchmark._collection(keep / "valid", params, 0.0)["reused"] is True
    assert benchmark._collection(keep / "invalid", params, 0.05)["reused"] is True
