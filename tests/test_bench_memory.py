"""tools/bench_memory.py runs its three steps and its stages on a small collection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "collections" / "mini"


def _lines(*arguments: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench_memory", str(MINI), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_each_step_exits_0_with_its_peak_memory() -> None:
    runs = _lines("--workers", "1")
    assert [run["step"] for run in runs] == [
        "report_cold",
        "validate_fill",
        "report_after_validate",
    ]
    for run in runs:
        assert run["exit_code"] == 0, run
        assert isinstance(run["peak_tree_kib"], int) and run["peak_tree_kib"] > 1024


def test_stages_in_order_with_the_json_text() -> None:
    found = _lines("--stages", "--workers", "1")
    assert [line["stage"] for line in found] == ["imports", "read", "report pass", "JSON"]
    assert found[-1]["text_mib"] == 0.0  # the mini collection's report is a few KiB
