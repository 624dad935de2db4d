"""Measure egov-audit on a synthetic national-scale collection, against the YAML floor.

One run generates (or, with ``--keep DIR``, reuses) a valid collection and a collection with
``--invalid-share`` of its files broken (``tools/synth.py``), then times each step in its own
child process, the same way for all:

* ``floor``: every file composed with libyaml (``yaml.compose(text, Loader=yaml.CSafeLoader)``),
  one process, nothing else: no tool that reads YAML into nodes can be faster;
* ``validate (cold)`` and ``report --format json (cold)``: ``python -P -m egov_audit``, with
  ``--no-cache`` when the command has that option;
* ``validate (warm)`` and ``report (warm)``: the same commands again, nothing changed (a cache,
  when there is one, was filled by an unmeasured run before);
* ``validate (invalid)`` and ``report (invalid)``: on the collection with broken files;
* ``check-jsonschema``: the schema alone with the check-jsonschema CLI, if it is on PATH.

Method: each child is started with ``os.posix_spawn`` (standard output to /dev/null, standard
error to a file) and reaped with ``os.wait4``, which returns that child's own resource usage.
Wall time is ``time.perf_counter()`` from spawn to reap (interpreter start-up included); peak
memory is the child's ``ru_maxrss`` (peak resident set size; KiB on Linux), CPU time its
``ru_utime + ru_stime``. Unlike ``RUSAGE_CHILDREN`` deltas, ``wait4`` gives the peak of each
child alone, not the maximum over all children so far. With ``--repeat N`` each step runs N
times: seconds is the median, memory the largest peak. The cache folder (``XDG_CACHE_HOME``)
of the children is a fresh folder inside the work folder.

Usage::

    python -m tools.benchmark [--services 100000] [--agencies 1000] [--repeat 1]
        [--invalid-share 0.05] [--seed 7] [--json bench.json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
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

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "agency.schema.json"

FLOOR_CODE = """\
import sys
from pathlib import Path
import yaml
root = Path(sys.argv[1])
for path in [root / "collection.yaml", *sorted((root / "agencies").glob("*.yaml"))]:
    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    exit_code: int


@dataclass
class Step:
    name: str
    label: str
    command: list[str]
    expected_exit: tuple[int, ...] = (0,)
    runs: list[Run] = field(default_factory=list)
    skipped: str | None = None
    stderr_tail: str = ""

    def summary(self, floor: float | None) -> dict[str, Any]:
        seconds = statistics.median(r.seconds for r in self.runs) if self.runs else None
        return {
            "name": self.name,
            "label": self.label,
            "command": self.command,
            "skipped": self.skipped,
            "seconds": round(seconds, 4) if seconds is not None else None,
            "ratio_to_floor": round(seconds / floor, 3) if seconds and floor else None,
            "peak_rss_mib": round(max(r.peak_rss_kib for r in self.runs) / 1024, 1)
            if self.runs
            else None,
            "cpu_seconds": round(statistics.median(r.cpu_seconds for r in self.runs), 4)
            if self.runs
            else None,
            "exit_codes": sorted({r.exit_code for r in self.runs}),
            "runs": [asdict(r) for r in self.runs],
            "stderr_tail": self.stderr_tail,
        }


def measure(command: list[str], env: dict[str, str], stderr_path: Path) -> Run:
    """Run ``command`` once in a child process; its wall time, CPU time, peak RSS, exit code."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(stderr_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    started = time.perf_counter()
    pid = os.posix_spawn(command[0], command, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    return Run(
        seconds=round(seconds, 4),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 4),
        peak_rss_kib=int(usage.ru_maxrss),
        exit_code=os.waitstatus_to_exitcode(status),
    )


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


def _egov_audit(env: dict[str, str]) -> dict[str, Any]:
    """Which egov_audit the children import (PYTHONPATH may point at another checkout)."""
    done = subprocess.run(
        [sys.executable, "-P", "-c", "import egov_audit; print(egov_audit.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    package = Path(done.stdout.strip()).parent if done.returncode == 0 else None
    info: dict[str, Any] = {
        "package": str(package) if package else None,
        "pythonpath": env.get("PYTHONPATH"),
        "git": None,
    }
    if package is not None and (package.parent / ".git").exists():
        git = ["git", "-C", str(package.parent)]
        head = subprocess.run(
            [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        )
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "egov_audit"],
            capture_output=True,
            text=True,
            check=False,
        )
        info["git"] = {
            "commit": head.stdout.strip(),
            "modified": [line[3:] for line in dirty.stdout.splitlines()],
        }
    return info


def _machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python_version": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _table(rows: list[dict[str, Any]]) -> str:
    header = f"{'step':<22} {'seconds':>9} {'x floor':>8} {'peak MiB':>9} {'cpu s':>8} {'exit':>5}"
    lines = [header, "-" * len(header)]
    for row in rows:
        if row["skipped"]:
            lines.append(f"{row['label']:<22} {row['skipped']}")
            continue
        ratio = f"{row['ratio_to_floor']:.2f}" if row["ratio_to_floor"] is not None else "-"
        lines.append(
            f"{row['label']:<22} {row['seconds']:>9.2f} {ratio:>8} {row['peak_rss_mib']:>9.1f} "
            f"{row['cpu_seconds']:>8.2f} {','.join(map(str, row['exit_codes'])):>5}"
        )
    return "\n".join(lines)


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
    machine = _machine()
    valid_dir, invalid_dir = work / "valid", work / "invalid"
    print(f"collections in {work} ...", file=sys.stderr)
    valid = _collection(valid_dir, args, 0.0)
    invalid = _collection(invalid_dir, args, args.invalid_share)
    generation = time.perf_counter() - started

    cache_home = Path(tempfile.mkdtemp(prefix="xdg-cache-", dir=work))
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache_home),
        "EGOV_AUDIT_CACHE_DIR": str(cache_home / "egov-audit"),
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    # -P: children never import egov_audit from the current folder, only from PYTHONPATH or
    # the installed package, so PYTHONPATH=<another checkout> benchmarks that checkout.
    py = [sys.executable, "-P"]
    cli = [*py, "-m", "egov_audit"]
    no_cache_validate = ["--no-cache"] if _has_option("--no-cache", "validate", env) else []
    no_cache_report = ["--no-cache"] if _has_option("--no-cache", "report", env) else []
    validate = [*cli, "validate", str(valid_dir)]
    report = [*cli, "report", str(valid_dir), "--format", "json"]

    steps = [
        Step("floor", "floor (compose)", [*py, "-c", FLOOR_CODE, str(valid_dir)]),
        Step("validate_cold", "validate (cold)", [*validate, *no_cache_validate]),
        Step("report_cold", "report json (cold)", [*report, *no_cache_report]),
        Step("validate_warm", "validate (warm)", validate),
        Step("report_warm", "report json (warm)", report),
        Step(
            "validate_invalid",
            "validate (invalid)",
            [*cli, "validate", str(invalid_dir), *no_cache_validate],
            expected_exit=(1,),
        ),
        Step(
            "report_invalid",
            "report json (invalid)",
            [*cli, "report", str(invalid_dir), "--format", "json", *no_cache_report],
        ),
    ]
    checker = shutil.which("check-jsonschema")
    files = [str(p) for p in sorted((valid_dir / "agencies").glob("*.yaml"))]
    steps.append(
        Step(
            "check_jsonschema",
            "check-jsonschema",
            [checker or "check-jsonschema", "--schemafile", str(SCHEMA), *files],
            skipped=None if checker else "not installed, skipped",
        )
    )

    stderr_path = work / "stderr.txt"
    primed = False
    for step in steps:
        if step.skipped:
            print(f"{step.label}: {step.skipped}", file=sys.stderr)
            continue
        if step.name.endswith("_warm") and not primed and (no_cache_validate or no_cache_report):
            # The cold runs did not use the cache: fill it once, unmeasured.
            measure(validate, env, stderr_path)
            measure(report, env, stderr_path)
        primed = primed or step.name.endswith("_warm")
        for _ in range(args.repeat):
            outcome = measure(step.command, env, stderr_path)
            step.runs.append(outcome)
            print(
                f"{step.label}: {outcome.seconds:.2f} s, {outcome.peak_rss_kib / 1024:.0f} MiB, "
                f"exit {outcome.exit_code}",
                file=sys.stderr,
            )
            if outcome.exit_code not in step.expected_exit:
                tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                step.stderr_tail = tail
                print(f"  unexpected exit code; standard error ends with:\n{tail}", file=sys.stderr)

    floor_runs = steps[0].runs
    floor = statistics.median(r.seconds for r in floor_runs) if floor_runs else None
    rows = [step.summary(floor) for step in steps]
    result: dict[str, Any] = {
        "benchmark_version": 1,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {**machine, "load_average_end": _machine()["load_average"]},
        "method": (
            "each step is a child process started with os.posix_spawn (stdout to /dev/null) "
            "and reaped with os.wait4; seconds = time.perf_counter() from spawn to reap "
            "(interpreter start-up included), peak_rss = the child's own ru_maxrss, "
            "cpu = ru_utime + ru_stime; with --repeat, the median seconds and the largest peak"
        ),
        "command": ["python", "-m", "tools.benchmark", *args.argv],
        "egov_audit": _egov_audit(env),
        "parameters": {
            "services": args.services,
            "agencies": args.agencies,
            "seed": args.seed,
            "repeat": args.repeat,
            "invalid_share": args.invalid_share,
        },
        "cache_option": {"validate": bool(no_cache_validate), "report": bool(no_cache_report)},
        "collections": {
            "valid": {**_brief(valid), "path": str(valid_dir)},
            "invalid": {**_brief(invalid), "path": str(invalid_dir)},
        },
        "generation_seconds": round(generation, 3),
        "floor_seconds": round(floor, 4) if floor is not None else None,
        "steps": rows,
    }
    return result


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
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
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
    print(
        f"\n{valid['services']:,} services in {valid['files']:,} agency files, "
        f"{valid['bytes'] / 1e6:.1f} MB of YAML; {result['machine']['cpu_count']} CPUs, "
        f"Python {result['machine']['python_version']}; median of {args.repeat} run(s)\n"
    )
    print(_table(result["steps"]))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
