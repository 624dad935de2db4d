"""Peak memory of the commands that hold the most, on a collection already generated.

The full benchmark (``tools/benchmark.py``) takes hours at a million services on a shared
machine; memory does not depend on the load, so this runs only the three steps that hold
the most, each once, measured the same way (``tools/bench_measure.py``: the peak of the
largest process and of the whole process tree), and prints one JSON line per step::

    python -m tools.synth --agencies 10000 --services 1000000 --seed 7 --output /tmp/c1m
    python -m tools.bench_memory /tmp/c1m

Then, in one process, the resident size after each stage of ``report --no-cache``
(``--stages``): the imports, reading every file, the report's pass, the JSON text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from tools.bench_measure import measure

STEPS = {
    "report_cold": ["report", "{collection}", "--format", "json", "--no-cache"],
    "validate_fill": ["validate", "{collection}"],
    "report_after_validate": ["report", "{collection}", "--format", "json"],
}


def _resident() -> tuple[float, float]:
    """This process's resident size and its peak, in MiB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            parts = line.split()
            if parts and parts[0] in ("VmRSS:", "VmHWM:"):
                found[parts[0]] = int(parts[1]) / 1024
    return found["VmRSS:"], found["VmHWM:"]


def stages(collection: Path, workers: int) -> None:
    """Print the resident size after each stage of a report without the cache."""
    from egov_audit import build_report, load_collection
    from egov_audit.cli.snapshot import snapshot_period
    from egov_audit.render import ReportFormat, report_renderer
    from egov_audit.render.i18n import Language
    from egov_audit.runner.options import RunOptions

    print(json.dumps({"stage": "imports", "mib": _resident()}), flush=True)
    loaded = load_collection(collection, RunOptions(workers=workers, cache_dir=None))
    print(json.dumps({"stage": "read", "mib": _resident()}), flush=True)
    period, as_of = snapshot_period(None, None, loaded)
    report = build_report(
        loaded.collection,
        loaded.declarations,
        period,
        excluded=loaded.exclusions,
        broken_references=loaded.broken_references,
        as_of=as_of,
    )
    print(json.dumps({"stage": "report pass", "mib": _resident()}), flush=True)
    text = report_renderer(ReportFormat.JSON)(report, Language.EN, previous=None)
    size = round(len(text.encode()) / 2**20, 1)
    print(json.dumps({"stage": "JSON", "mib": _resident(), "text_mib": size}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection", type=Path)
    parser.add_argument("--stages", action="store_true", help="only the stages, in-process")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if options.stages:
        stages(options.collection, options.workers)
        return
    with tempfile.TemporaryDirectory(prefix="egov-audit-bench-memory-") as temporary:
        # Both caches as a user has them: `report --no-cache` uses neither; `validate`
        # fills the result cache and keeps its output, and so does the report after it.
        env = {**os.environ, "EGOV_AUDIT_CACHE_DIR": str(Path(temporary) / "cache")}
        for name, arguments in STEPS.items():
            command = [sys.executable, "-m", "egov_audit"]
            command += [a.format(collection=options.collection) for a in arguments]
            command += ["--workers", str(options.workers)]
            run = measure(command, env, Path(temporary) / f"{name}.err")
            print(json.dumps({"step": name, **run.__dict__}), flush=True)


if __name__ == "__main__":
    main()
