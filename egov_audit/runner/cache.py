"""Checking many agency files fast: worker processes and a cache keyed by content.

Each agency file is checked on its own (the cross-file rules run afterwards over compact
:class:`~egov_audit.runner.collection.FileResult` records), so files can be checked in parallel and
their results cached. A cache entry is keyed by the file's bytes, the name it is reported
under, the collection context (calendar, registry, rule severities) and a fingerprint of
egov-audit's own code and schemas; anything that changes a finding changes the key.
Entries live in ``$EGOV_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/egov-audit``, else
``~/.cache/egov-audit``. A damaged entry is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from egov_audit import __version__
from egov_audit.io.yamlload import read_file
from egov_audit.model.errors import YamlLoadError

if TYPE_CHECKING:
    from egov_audit.runner.collection import Context, FileResult

CACHE_ENV = "EGOV_AUDIT_CACHE_DIR"
_CACHE_LAYOUT = "v1"
_PARALLEL_MIN_FILES = 16  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class RunOptions:
    """How to check a collection: worker processes, cache folder, progress callback."""

    workers: int = 1
    cache_dir: Path | None = None
    progress: Callable[[int, int], None] | None = None
    """Called in the main process as ``progress(done, total)``."""
    need_declarations: bool = True
    """False when only findings are wanted (validate): services are then not kept."""
    compact_declarations: bool = False
    """Keep declarations pickled until read (a report over a national collection)."""


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


@cache
def code_fingerprint() -> str:
    """A hash of egov-audit's version, code and schemas: new code never reads old results."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    from egov_audit.checks.schema import schema_text

    for name in ("agency", "collection"):
        digest.update(schema_text(name).encode())
    return digest.hexdigest()


def context_fingerprint(context: Context) -> str:
    """A stable hash of what a collection tells the check of one file."""
    registry = sorted(context.registry.items()) if context.registry is not None else None
    severities = sorted((k, v.value if v else "off") for k, v in context.severities.items())
    text = repr((context.calendar, registry, severities))
    return hashlib.sha256(text.encode()).hexdigest()


def _entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / _CACHE_LAYOUT / key[:2] / f"{key}.pickle"


_UNPICKLE_ERRORS = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
)


def _load_pickle(path: Path) -> object:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except _UNPICKLE_ERRORS:
        return None


def _write_pickle(path: Path, value: object) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        # A read-only or full cache folder only costs speed.
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _cache_key(path: Path, context_key: str) -> tuple[str, bytes] | None:
    """The cache key of a file and its bytes, or None when it cannot be read."""
    try:
        data = read_file(path)
    except YamlLoadError:
        return None  # checked without the cache, which reports the read error
    digest = hashlib.sha256()
    for part in (code_fingerprint(), context_key, str(path)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest(), data


class _StatIndex:
    """The content keys of a folder's files, remembered with each file's size and times.

    Hashing a national collection's files costs more than reading their cached results;
    like git's index, a file whose size, times and inode are unchanged keeps its key
    without being read. A file changed less than two seconds before the index was saved
    is read again, since a coarse clock could hide a change made in the same tick.
    """

    _RACY_NS = 2_000_000_000

    def __init__(self, cache_dir: Path, context_key: str, paths: Sequence[Path]) -> None:
        folders = sorted({str(p.parent.resolve()) for p in paths})
        name = hashlib.sha256("\0".join([code_fingerprint(), context_key, *folders]).encode())
        self.path = cache_dir / _CACHE_LAYOUT / "index" / f"{name.hexdigest()}.pickle"
        self.context_key = context_key
        loaded = _load_pickle(self.path)
        self.old: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self.saved_at = 0
        if isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[1], dict):
            self.saved_at, self.old = loaded
        self.new: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self.changed = False

    def key(self, path: Path) -> str | None:
        """The file's cache key, or None when it cannot be read (checked without cache)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        known = self.old.get(str(path))
        if (
            known is not None
            and known[0] == signature
            and info.st_mtime_ns < self.saved_at - self._RACY_NS
        ):
            self.new[str(path)] = known
            return known[1]
        keyed = _cache_key(path, self.context_key)
        if keyed is None:
            return None
        self.new[str(path)] = (signature, keyed[0])
        self.changed = True
        return keyed[0]

    def save(self) -> None:
        if self.changed or self.new.keys() != self.old.keys():
            _write_pickle(self.path, (time.time_ns(), self.new))


def _from_cache(
    cache_dir: Path, key: str, need_declarations: bool, compact: bool = False
) -> FileResult | None:
    """A cached result: the findings and cross-file records, and the declaration if asked.

    The two are stored apart because the declaration (every service) is most of the
    bytes and only a report needs it.
    """
    from egov_audit.model.inventory import Declaration
    from egov_audit.runner.collection import FileResult, PickledDeclaration

    entry = _entry_path(cache_dir, key)
    result = _load_pickle(entry)
    if not isinstance(result, FileResult):
        return None
    if need_declarations and result.ok:
        if compact:
            # Read when the report reaches it, so that one declaration is in memory at once.
            stored = entry.with_suffix(".declaration")
            if not stored.is_file():
                return None
            return dataclasses.replace(result, declaration=PickledDeclaration(path=stored))
        declaration = _load_pickle(entry.with_suffix(".declaration"))
        if not isinstance(declaration, Declaration):
            return None
        return dataclasses.replace(result, declaration=declaration)
    return result


def _store(cache_dir: Path, key: str, result: FileResult) -> None:
    from egov_audit.runner.collection import unpack

    entry = _entry_path(cache_dir, key)
    if result.declaration is not None:
        _write_pickle(entry.with_suffix(".declaration"), unpack(result.declaration))
    _write_pickle(entry, dataclasses.replace(result, declaration=None))


def check_one(
    path: Path,
    context: Context,
    context_key: str,
    cache_dir: Path | None,
    need_declarations: bool = True,
    compact: bool = False,
) -> FileResult:
    """Check one agency file, answering from the cache when its content is unchanged."""
    from egov_audit.model.inventory import Declaration
    from egov_audit.runner.collection import PickledDeclaration, check_agency_file

    display = str(path)
    keyed = _cache_key(path, context_key) if cache_dir is not None else None
    if cache_dir is None or keyed is None:
        result = check_agency_file(path, display, context)
    else:
        key, data = keyed
        cached = _from_cache(cache_dir, key, need_declarations, compact)
        if cached is not None:
            return cached
        result = check_agency_file(path, display, context, data)
        _store(cache_dir, key, result)
    if result.declaration is not None and not need_declarations:
        # Nothing will read it: do not send every service back from a worker.
        result = dataclasses.replace(result, declaration=None)
    elif isinstance(result.declaration, Declaration) and compact:
        data = pickle.dumps(result.declaration, protocol=pickle.HIGHEST_PROTOCOL)
        result = dataclasses.replace(result, declaration=PickledDeclaration(data))
    return result


_Job = tuple[Path, "Context", str, Path | None, bool, bool]


def _check_in_worker(job: _Job) -> FileResult:
    return check_one(*job)


def check_files(paths: Sequence[Path], context: Context, options: RunOptions) -> list[FileResult]:
    """Check agency files, in parallel when worth it; results come in the order of ``paths``.

    Cached results are read in this process (a worker would only add the cost of sending
    them back); the files that changed are checked by the workers.
    """
    cache_dir = options.cache_dir
    context_key = context_fingerprint(context) if cache_dir is not None else ""
    results: list[FileResult | None] = [None] * len(paths)
    # Many small result objects arrive at once: the cyclic collector would rescan them all
    # repeatedly for nothing (they hold no cycles).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        pending: list[int] = []
        keys = _StatIndex(cache_dir, context_key, paths) if cache_dir is not None else None
        for index, path in enumerate(paths):
            key = keys.key(path) if keys is not None else None
            cached = (
                _from_cache(cache_dir, key, options.need_declarations, options.compact_declarations)
                if cache_dir is not None and key is not None
                else None
            )
            if cached is None:
                pending.append(index)
            else:
                results[index] = cached
        if keys is not None:
            keys.save()
        done = len(paths) - len(pending)
        jobs: list[_Job] = [
            (
                paths[i],
                context,
                context_key,
                cache_dir,
                options.need_declarations,
                options.compact_declarations,
            )
            for i in pending
        ]
        for index, result in zip(pending, _run(jobs, options.workers), strict=True):
            results[index] = result
            done += 1
            if options.progress is not None:
                options.progress(done, len(paths))
    finally:
        if was_enabled:
            gc.enable()
    return [r for r in results if r is not None]


def _run(jobs: list[_Job], workers: int) -> Iterator[FileResult]:
    if workers <= 1 or len(jobs) < _PARALLEL_MIN_FILES:
        for job in jobs:
            yield _check_in_worker(job)
        return
    methods = multiprocessing.get_all_start_methods()
    # fork is the cheapest start; from 3.12 Python warns about forking a threaded process.
    preferred = "fork" if sys.version_info < (3, 12) else "forkserver"
    context = multiprocessing.get_context(preferred if preferred in methods else "spawn")
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_check_in_worker, jobs, chunksize=chunk)
