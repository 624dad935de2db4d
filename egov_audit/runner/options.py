"""How a run checks files: worker processes, the cache folder and a progress callback."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from egov_audit.runner.cache_folder import CACHE_ENV, DEFAULT_MAX_BYTES, default_cache_dir

__all__ = [
    "CACHE_ENV",
    "CACHE_MAX_ENV",
    "RunOptions",
    "default_cache_dir",
    "default_cache_max_bytes",
    "default_workers",
]
CACHE_MAX_ENV = "EGOV_AUDIT_CACHE_MAX_MB"


@dataclass(frozen=True)
class RunOptions:
    """Worker processes, cache folder (None: no cache), the cache's size bound in bytes
    and a progress callback of a run."""

    workers: int = 1
    cache_dir: Path | None = None
    progress: Callable[[int, int], None] | None = None
    """Called in the main process as ``progress(done, total)``."""
    cache_max_bytes: int = DEFAULT_MAX_BYTES
    """After a run that wrote entries, the least recently used go until the cache fits."""


def default_workers() -> int:
    """One worker per available core (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def default_cache_max_bytes() -> int:
    """The cache's size bound: ``$EGOV_AUDIT_CACHE_MAX_MB`` MiB, else 500 MiB."""
    configured = os.environ.get(CACHE_MAX_ENV, "").strip()
    if not configured:
        return DEFAULT_MAX_BYTES
    try:
        mib = float(configured)
    except ValueError:
        mib = -1.0
    if not math.isfinite(mib) or mib < 0:
        # Imported here: the output cache reads this module before the model is imported.
        from egov_audit.model.errors import UsageError

        raise UsageError(
            f"{CACHE_MAX_ENV}={configured!r}: give the cache's size bound in MiB, "
            "a number from 0 (e.g. 500 or 0.5)"
        )
    return min(int(mib * 1024 * 1024), 2**62)
