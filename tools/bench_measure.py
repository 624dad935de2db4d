"""Measuring one child process for the benchmark: wall and CPU time, and peak memory both
of its largest process and of its whole process tree; the machine; a snapshot of the code.

Each child is started with ``os.posix_spawn`` (standard output to /dev/null, standard
error to a file) and reaped with ``os.wait4``, which returns that child's own resource
usage: ``ru_maxrss`` is the peak resident set of the child or of its largest reaped
worker, never their sum. So a thread also samples the process tree every
:data:`SAMPLE_S` seconds (``/proc/<pid>/task/<pid>/children``) and sums each process's
proportional set size (``Pss`` in ``/proc/<pid>/smaps_rollup``: pages shared by forked
workers are counted once in all); the largest sum is ``peak_tree_mib``. A peak shorter than
the sampling interval can be missed.

On Linux a spawned child's ``ru_maxrss`` is at least the resident size its parent had when
it was spawned (the high-water mark of the parent's memory, shared until ``exec``, is kept
across it): measured from a large parent (a test runner), every step shows at least that.
The benchmark's own process stays small (it writes collections as text, file by file).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE_S = 0.05


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    peak_tree_kib: int
    exit_code: int


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except (OSError, ValueError):
        return []


def _memory_kib(pid: int) -> int:
    """A process's proportional set size (resident set size where that is not shown)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def tree_kib(pid: int) -> int:
    """The memory of a process and all its descendants, now."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += _memory_kib(current)
        pending.extend(_children(current))
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_kib(self.pid))
            self.done.wait(SAMPLE_S)


def measure(command: list[str], env: dict[str, str], stderr_path: Path) -> Run:
    """Run ``command`` once in a child process; its times, peak memory and exit code."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(stderr_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    started = time.perf_counter()
    pid = os.posix_spawn(command[0], command, env, file_actions=actions)
    sampler = _Sampler(pid)
    sampler.start()
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    return Run(
        seconds=round(seconds, 4),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 4),
        peak_rss_kib=int(usage.ru_maxrss),
        peak_tree_kib=max(sampler.peak, int(usage.ru_maxrss)),
        exit_code=os.waitstatus_to_exitcode(status),
    )


def _memory_total_kib() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def machine() -> dict[str, Any]:
    """The machine and its load now."""
    memory = _memory_total_kib()
    return {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": round(memory / 1024 / 1024, 1) if memory else None,
        "python_version": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def snapshot(source: Path, target: Path) -> dict[str, Any]:
    """Copy the package and its schemas from the source tree ``source`` into ``target``
    (imported from there through PYTHONPATH), so that edits made to the tree while the
    benchmark runs change neither what is measured nor the caches' keys."""
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(source / "egov_audit", target / "egov_audit", ignore=ignore, symlinks=True)
    shutil.copytree(source / "schemas", target / "schemas", ignore=ignore, symlinks=True)
    stamp = time.time() - 3600  # older than the output cache's racy window
    for path in [target, *target.rglob("*")]:
        os.utime(path, (stamp, stamp), follow_symlinks=False)
    return {"from": str(source), "to": str(target), **_git(source)}


def _git(tree: Path) -> dict[str, Any]:
    if not (tree / ".git").exists():
        return {"commit": None, "modified": []}
    git = ["git", "-C", str(tree)]
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "egov_audit", "schemas"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "commit": head.stdout.strip(),
        "modified": [line[3:] for line in dirty.stdout.splitlines()],
    }


_LOADER_NAME = (
    "from egov_audit.io import yamlload\nprint(getattr(yamlload, 'loader_name', lambda: '')())"
)


def egov_audit_info(env: dict[str, str]) -> dict[str, Any]:
    """Which egov_audit the children import (PYTHONPATH may point at another checkout)."""
    done = subprocess.run(
        [sys.executable, "-P", "-c", "import egov_audit; print(egov_audit.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    package = Path(done.stdout.strip()).parent if done.returncode == 0 else None
    loader = subprocess.run(
        [sys.executable, "-P", "-c", _LOADER_NAME],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    info: dict[str, Any] = {
        "package": str(package) if package else None,
        "pythonpath": env.get("PYTHONPATH"),
        "git": _git(package.parent) if package is not None else None,
        # "compiled" (egov_audit/io/_fastyaml) or "pure-python"; None: an older egov_audit
        "yaml_loader": loader.stdout.strip() or None if loader.returncode == 0 else None,
    }
    return info
