"""How a run checks files: worker processes, the cache folder and a progress callback."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "EGOV_AUDIT_CACHE_DIR"


@dataclass(frozen=True)
class RunOptions:
    """Worker processes, cache folder (None: no cache) and progress callback of a run."""

    workers: int = 1
    cache_dir: Path | None = None
    progress: Callable[[int, int], None] | None = None
    """Called in the main process as ``progress(done, total)``."""


def default_workers() -> int:
    """One worker per available core (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def default_cache_dir() -> Path:
    """Where cached results live unless told otherwise."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "egov-audit"
