"""The cache folder: where entries live, writing them, its size bound, info and clearing.

Entries live in ``<folder>/v2/<2 hex>/<key>.result`` and ``.declaration``, the output
cache's in ``<folder>/v2/<2 hex>/<key>.output``, stat indexes in
``<folder>/v2/index/<hash>.index``. Only files named like that are ever counted, evicted
or removed: a cache folder set by mistake to a folder holding other files loses none.

The folder is bounded (:data:`DEFAULT_MAX_BYTES`, ``$EGOV_AUDIT_CACHE_MAX_MB``): after a
run that wrote entries, the least recently used ones are removed until the folder is at
most nine tenths of the bound. An entry read counts as used (its modification time is
set to now, at most once an hour, so warm runs rarely write).

A folder that cannot be created, read or written only costs speed: every function here
treats an ``OSError`` as a miss and never raises one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

LAYOUT = "v2"
OLD_LAYOUTS = ("v1",)
"""Earlier layouts (pickles, never read): counted, evicted first and cleared like entries."""
ENTRY_SUFFIXES = (".result", ".declaration", ".index", ".output", ".pickle")
TMP_SUFFIX = ".tmp"
DEFAULT_MAX_BYTES = 500 * 1024 * 1024
_TOUCH_AFTER_S = 3600
_STALE_TMP_S = 3600


CACHE_ENV = "EGOV_AUDIT_CACHE_DIR"


def default_cache_dir() -> Path | None:
    """Where cached results live unless told otherwise: ``$EGOV_AUDIT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/egov-audit``, else ``~/.cache/egov-audit``; None when there is no
    home folder to put it in."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG specification ignores relative paths
        return Path(xdg) / "egov-audit"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no password entry
        return None
    return home / ".cache" / "egov-audit"


def entry_path(folder: Path, key: str, suffix: str) -> Path:
    """Where the entry of a key lives."""
    return folder / LAYOUT / key[:2] / f"{key}{suffix}"


def write_entry(path: Path, data: bytes, *, max_bytes: int | None = None) -> bool:
    """Write an entry atomically (a reader sees the old entry or the new one, never half
    of one); False when it could not be written or is larger than ``max_bytes``."""
    if max_bytes is not None and len(data) > max_bytes:
        return False
    import tempfile  # not needed to read entries, as the output cache does first

    tmp: str | None = None
    try:
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TMP_SUFFIX)
        except FileNotFoundError:  # the entry's folder is made once, not asked for each time
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:  # a read-only or full cache folder only costs speed
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def touch(path: Path, info: os.stat_result) -> None:
    """Mark an entry as used (for least-recently-used eviction)."""
    now = time.time()
    if info.st_mtime < now - _TOUCH_AFTER_S:
        with contextlib.suppress(OSError):
            os.utime(path, (now, now))


class _File(NamedTuple):
    path: Path
    size: int
    mtime: float


def _layout_folders(folder: Path) -> Iterator[Path]:
    for name in (*OLD_LAYOUTS, LAYOUT):
        top = folder / name
        yield top
        try:
            with os.scandir(top) as entries:
                subfolders = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        yield from sorted(subfolders)


def _files(folder: Path) -> Iterator[_File]:
    """The cache's own files (entries, indexes, leftover temporary files)."""
    for sub in _layout_folders(folder):
        try:
            with os.scandir(sub) as entries:
                for entry in entries:
                    if not entry.name.endswith((*ENTRY_SUFFIXES, TMP_SUFFIX)):
                        continue
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
                        yield _File(Path(entry.path), info.st_size, info.st_mtime)
                    elif not stat.S_ISDIR(info.st_mode):  # a FIFO or socket in our place
                        yield _File(Path(entry.path), 0, info.st_mtime)
        except OSError:
            continue


def _remove(path: Path) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def enforce_bound(
    folder: Path, max_bytes: int, before_removing: Callable[[Path], None] | None = None
) -> None:
    """Remove the least recently used entries until the folder is within its bound;
    ``before_removing(path)`` is told of each entry first (a run may still need it)."""
    files = list(_files(folder))
    now = time.time()
    kept: list[_File] = []
    for found in files:
        stale_tmp = found.path.name.endswith(TMP_SUFFIX) and found.mtime < now - _STALE_TMP_S
        if not (stale_tmp and _remove(found.path)):
            kept.append(found)
    total = sum(f.size for f in kept)
    if total <= max_bytes:
        return
    target = max_bytes * 9 // 10
    # Earlier layouts first (never read again), then the least recently used.
    kept.sort(key=lambda f: (f.path.parent.parent.name == LAYOUT, f.mtime))
    for found in kept:
        if total <= target:
            break
        if before_removing is not None:
            before_removing(found.path)
        if _remove(found.path):
            total -= found.size


class CacheInfo(NamedTuple):
    """What ``egov-audit cache info`` shows."""

    folder: Path
    exists: bool
    problem: str | None
    """Why the folder cannot be used, if it cannot."""
    results: int
    declarations: int
    indexes: int
    outputs: int
    """Outputs of whole commands (:mod:`~egov_audit.runner.output_cache`)."""
    other: int
    """Earlier layouts' entries and leftover temporary files."""
    size: int

    @property
    def entries(self) -> int:
        return self.results + self.declarations + self.indexes + self.outputs + self.other


def cache_info(folder: Path) -> CacheInfo:
    """Entries and size of a cache folder."""
    counts = {".result": 0, ".declaration": 0, ".index": 0, ".output": 0}
    other = size = 0
    for found in _files(folder):
        size += found.size
        if found.path.suffix in counts and found.path.parent.parent.name == LAYOUT:
            counts[found.path.suffix] += 1
        else:
            other += 1
    return CacheInfo(
        folder,
        folder.is_dir(),
        unusable(folder, create=False),
        counts[".result"],
        counts[".declaration"],
        counts[".index"],
        counts[".output"],
        other,
        size,
    )


def clear(folder: Path) -> tuple[int, int, int]:
    """Remove every entry; the number removed, their bytes, and how many could not be."""
    removed = size = failed = 0
    for found in _files(folder):
        if _remove(found.path):
            removed += 1
            size += found.size
        else:
            failed += 1
    for sub in reversed(list(_layout_folders(folder))):
        with contextlib.suppress(OSError):
            sub.rmdir()  # only when empty
    return removed, size, failed


def unusable(folder: Path, *, create: bool = True) -> str | None:
    """Why a cache folder cannot be used (None when it can), creating it if ``create``."""
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not folder.exists():
            return None
        if not folder.is_dir():
            return "not a folder"
        if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            return "not readable and writable"
    except (FileExistsError, NotADirectoryError):
        return "not a folder"  # a file in its place, or in place of a folder above it
    except OSError as error:
        return (error.strerror or str(error)).lower()
    return None
