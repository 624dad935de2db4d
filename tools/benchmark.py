"""Measure egov-audit on a synthetic national-scale collection, against the YAML floors.

One run generates (or, with ``--keep DIR``, reuses) a valid collection and a collection with
``--invalid-share`` of its files broken (``tools/synth.py``), then times each step in its own
child process, the same way for all (``tools/bench_measure.py``):

* ``floor``: every file composed with libyaml (``yaml.compose(text, Loader=yaml.CSafeLoader)``),
  one process, nothing else: no tool that reads YAML into nodes can be faster. Every ratio
  is to this floor; ``floor_load`` (``yaml.load`` with ``CSafeLoader``) is shown beside it;
* ``validate_cold``, ``report_cold``: ``python -P -m egov_audit ... --no-cache``;
* ``validate_fill`` then ``report_after_validate``: validate with an empty cache folder
  (it writes each file's result), then a report that reads those results;
* ``validate_warm``, ``report_warm``: the same commands again, nothing changed (answered
  by the output cache); ``*_warm_results``: the same with ``EGOV_AUDIT_NO_OUTPUT_CACHE=1``
  (only the result cache);
* ``validate_invalid``, ``report_invalid``: on the collection with broken files, ``--no-cache``;
* ``check_jsonschema``: the schema alone with the check-jsonschema CLI, if it is on PATH.

With ``--repeat N`` the steps run in N rounds, each step once per round: seconds is the
median, each ratio the median of the rounds' ratios to their own floor, memory the largest
peak.
The children import a copy of the package made at the start (``--no-snapshot`` imports the
tree as it is), with their own cache folder. Each run appends one JSON record (one line)
to ``benchmarks/results.jsonl`` (``--record FILE``; ``--no-record``), and ``--json FILE``
writes it indented. The targets (``tools/bench_targets.py``) are checked and printed.

Usage::

    python -m tools.benchmark [--services 100000] [--agencies 1000] [--repeat 1]
        [--invalid-share 0.05] [--seed 7] [--json bench.json] [--keep DIR]
        [--skip STEP ...] [--record FILE | --no-record] [--no-snapshot]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tools import synth
from tools.bench_measure import Run, egov_audit_info, machine, measure, snapshot
from tools.bench_targets import table, targets, targets_table

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "agency.schema.json"
RECORD = ROOT / "benchmarks" / "results.jsonl"
MIB = 1024

FLOOR_CODE = """\
import sys
from pathlib import Path
import yaml
root = Path(sys.argv[1])
for path in [root / "collection.yaml", *sorted((root / "agencies").glob("*.yaml"))]:
    yaml.{call}(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@dataclass
class Step:
    name: str
    label: str
    command: list[str]
    expected_exit: tuple[int, ...] = (0,)
    env: dict[str, str] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    skipped: str | None = None
    stderr_tail: str = ""

    def summary(self, floors: list[Run]) -> dict[str, Any]:
        """Medians over the rounds: of seconds, and of each round's ratio to its floor."""

        def median(values: list[float]) -> float | None:
            return round(statistics.median(values), 4) if values else None

        paired = list(zip(self.runs, floors, strict=True)) if len(floors) == len(self.runs) else []
        return {
            "name": self.name,
            "label": self.label,
            "command": self.command,
            "env": self.env,
            "skipped": self.skipped,
            "seconds": median([r.seconds for r in self.runs]),
            "ratios_to_floor": [round(r.seconds / f.seconds, 4) for r, f in paired],
            "ratio_to_floor": median([r.seconds / f.seconds for r, f in paired]),
            "cpu_seconds": median([r.cpu_seconds for r in self.runs]),
            "cpu_ratio_to_floor": median([r.cpu_seconds / f.cpu_seconds for r, f in paired]),
            "peak_rss_mib": round(max(r.peak_rss_kib for r in self.runs) / MIB, 1)
            if self.runs
            else None,
            "peak_tree_mib": round(max(r.peak_tree_kib for r in self.runs) / MIB, 1)
            if self.runs
            else None,
            "exit_codes": sorted({r.exit_code for r in self.runs}),
            "runs": [asdict(r) for r in self.runs],
            "stderr_tail": self.stderr_tail,
        }


def _has_option(option: str, subcommand: str, env: dict[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-P", "-m", "egov_audit", subcommand, "--help"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "200"},
        check=False,
    )
    return option in done.stdout


def _collection(path: Path, args: argparse.Namespace, invalid_share: float) -> dict[str, Any]:
    """Generate the collection at ``path``, or reuse it if its manifest matches."""
    manifest_path = path / synth.MANIFEST
    if manifest_path.is_file():
        manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (
            manifest.get("agencies") == args.agencies
            and manifest.get("services") == args.services
            and manifest.get("seed") == args.seed
            and manifest.get("invalid_share") == invalid_share
            and manifest.get("synth_version") == 1
        ):
            manifest["reused"] = True
            return manifest
    manifest = synth.write(
        path,
        agencies=args.agencies,
        services=args.services,
        seed=args.seed,
        invalid_share=invalid_share,
        force=True,
    )
    manifest["reused"] = False
    return manifest


def _steps(valid: Path, invalid: Path, env: dict[str, str]) -> list[Step]:
    py = [sys.executable, "-P"]
    cli = [*py, "-m", "egov_audit"]
    no_cache = ["--no-cache"] if _has_option("--no-cache", "validate", env) else []
    validate = [*cli, "validate", str(valid)]
    report = [*cli, "report", str(valid), "--format", "json"]
    results_only = {"EGOV_AUDIT_NO_OUTPUT_CACHE": "1"}
    checker = shutil.which("check-jsonschema")
    files = [str(p) for p in sorted((valid / "agencies").glob("*.yaml"))]
    return [
        Step("floor", "floor: compose", [*py, "-c", FLOOR_CODE.format(call="compose"), str(valid)]),
        Step("floor_load", "floor: load", [*py, "-c", FLOOR_CODE.format(call="load"), str(valid)]),
        Step("validate_cold", "validate --no-cache", [*validate, *no_cache]),
        Step("report_cold", "report --no-cache", [*report, *no_cache]),
        Step("validate_fill", "validate, empty cache", validate),
        Step("report_after_validate", "report after validate", report),
        Step("validate_warm", "validate warm", validate),
        Step("report_warm", "report warm", report),
        Step("validate_warm_results", "validate warm, results", validate, env=results_only),
        Step("report_warm_results", "report warm, results", report, env=results_only),
        Step(
            "validate_invalid",
            "validate invalid",
            [*cli, "validate", str(invalid), *no_cache],
            expected_exit=(1,),
        ),
        Step(
            "report_invalid",
            "report invalid",
            [*cli, "report", str(invalid), "--format", "json", *no_cache],
        ),
        Step(
            "check_jsonschema",
            "check-jsonschema",
            [checker or "check-jsonschema", "--schemafile", str(SCHEMA), *files],
            skipped=None if checker else "not installed, skipped",
        ),
    ]


def _run_step(step: Step, env: dict[str, str], stderr_path: Path) -> Run:
    outcome = measure(step.command, {**env, **step.env}, stderr_path)
    step.runs.append(outcome)
    print(
        f"{step.label}: {outcome.seconds:.2f} s, {outcome.peak_tree_kib / MIB:.0f} MiB, "
        f"exit {outcome.exit_code}",
        file=sys.stderr,
    )
    if outcome.exit_code not in step.expected_exit:
        tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        step.stderr_tail = tail
        print(f"  unexpected exit code; standard error ends with:\n{tail}", file=sys.stderr)
    return outcome


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.keep is not None:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="egov-audit-bench-"))
    try:
        return _run(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    before = machine()
    valid_dir, invalid_dir = work / "valid", work / "invalid"
    print(f"collections in {work} ...", file=sys.stderr)
    valid = _collection(valid_dir, args, 0.0)
    invalid = _collection(invalid_dir, args, args.invalid_share)
    generation = time.perf_counter() - started
    env = {**os.environ}
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "EGOV_AUDIT_NO_OUTPUT_CACHE"):
        env.pop(name, None)
    code = None
    if args.snapshot:
        code = snapshot(ROOT, work / "snapshot")
        env["PYTHONPATH"] = str(work / "snapshot")
    steps = _steps(valid_dir, invalid_dir, env)
    stderr_path = work / "stderr.txt"
    caches = work / "caches"
    shutil.rmtree(caches, ignore_errors=True)
    caches.mkdir()
    by_name = {s.name: s for s in steps}
    for step in steps:
        if step.name in args.skip:
            step.skipped = "skipped (--skip)"
    for step in steps:
        if step.skipped:
            print(f"{step.label}: {step.skipped}", file=sys.stderr)
    # Round by round, every step once per round: each round's ratios are to the floor of
    # the same round, measured minutes apart at most on a machine whose load drifts.
    for _ in range(args.repeat):
        for step in steps:
            if step.skipped or step.name == "report_after_validate":
                continue  # measured with validate_fill
            if step.name in ("validate_fill", "validate_cold"):
                cache = Path(tempfile.mkdtemp(prefix="cache-", dir=caches))
                env["EGOV_AUDIT_CACHE_DIR"] = str(cache)
            if step.name.startswith(("validate_warm", "report_warm")):
                measure(step.command, {**env, **step.env}, stderr_path)  # unmeasured: prime
            _run_step(step, env, stderr_path)
            if step.name == "validate_fill" and not by_name["report_after_validate"].skipped:
                _run_step(by_name["report_after_validate"], env, stderr_path)
    floors = by_name["floor"].runs
    rows = [step.summary(floors) for step in steps]
    floor = statistics.median(r.seconds for r in floors) if floors else None
    return {
        "benchmark_version": 2,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {**before, "load_average_end": machine()["load_average"]},
        "method": (
            "each step is a child process started with os.posix_spawn (stdout to /dev/null) "
            "and reaped with os.wait4; seconds = time.perf_counter() from spawn to reap "
            "(interpreter start-up included); peak_rss = the child's own ru_maxrss (its largest "
            "process); peak_tree = the largest sum of Pss over the child and its descendants, "
            "sampled every 50 ms; cpu = ru_utime + ru_stime of the child and its workers; "
            "with --repeat, rounds of every step: the median seconds, the median of each "
            "round's ratio to that round's floor, and the largest peaks"
        ),
        "command": ["python", "-m", "tools.benchmark", *args.argv],
        "egov_audit": egov_audit_info(env),
        "snapshot": code,
        "parameters": {
            "services": args.services,
            "agencies": args.agencies,
            "seed": args.seed,
            "repeat": args.repeat,
            "invalid_share": args.invalid_share,
        },
        "collections": {
            "valid": {**_brief(valid), "path": str(valid_dir)},
            "invalid": {**_brief(invalid), "path": str(invalid_dir)},
        },
        "generation_seconds": round(generation, 3),
        "floor_seconds": round(floor, 4) if floor is not None else None,
        "steps": rows,
        "targets": targets({row["name"]: row for row in rows}),
    }


def _brief(manifest: dict[str, Any]) -> dict[str, Any]:
    keys = ("agencies", "services", "files", "bytes", "invalid_share", "reused", "by_status")
    brief = {k: manifest.get(k) for k in keys}
    brief["invalid_files"] = len(manifest.get("invalid", []))
    return brief


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.benchmark", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--invalid-share", type=float, default=0.05)
    parser.add_argument("--json", type=Path, help="write the results, indented, to this file")
    parser.add_argument(
        "--record", type=Path, default=RECORD, help="append one JSON line to this file"
    )
    parser.add_argument("--no-record", dest="record", action="store_const", const=None)
    parser.add_argument("--skip", nargs="*", default=[], metavar="STEP", help="steps not run")
    parser.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="import the package from where it is, not from a copy made at the start",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="generate the collections in DIR/valid and DIR/invalid and keep them; "
        "reuse them on the next run if their parameters match",
    )
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = run(args)
    valid = result["collections"]["valid"]
    host = result["machine"]
    print(
        f"\n{valid['services']:,} services in {valid['files']:,} agency files, "
        f"{valid['bytes'] / 1e6:.1f} MB of YAML; {host['cpu_count']} CPUs, "
        f"{host['memory_gib']} GiB, Python {host['python_version']}, load "
        f"{host['load_average'][0]} -> {host['load_average_end'][0]}; "
        f"median of {args.repeat} run(s); YAML loader: {result['egov_audit']['yaml_loader']}\n"
    )
    print(table(result["steps"]))
    print("\n" + targets_table(result["targets"]))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    if args.record is not None:
        args.record.parent.mkdir(parents=True, exist_ok=True)
        with args.record.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result, separators=(",", ":")) + "\n")
        print(f"appended to {args.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
