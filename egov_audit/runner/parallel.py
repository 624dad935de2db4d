"""Checking many files fast: worker processes, and the cache for files that did not change.

The runner knows nothing of rules: it is given a check function (a pure function of a
file's path and bytes, picklable so that workers can run it) and a key naming what else
the check depends on, and returns each file's result, in order, with the declarations of
the files without errors in a :class:`~egov_audit.runner.store.DeclarationStore`.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, FileResult
from egov_audit.model.errors import YamlLoadError
from egov_audit.runner.cache import ResultCache, cache_key, split
from egov_audit.runner.cache_folder import enforce_bound
from egov_audit.runner.compact import Compactor
from egov_audit.runner.options import RunOptions
from egov_audit.runner.store import DeclarationStore, Entry

CheckFile = Callable[[Path, bytes | YamlLoadError], FileResult]
"""A check: a file's path and its bytes (or the error met reading them) to its result."""

_PARALLEL_MIN_FILES = 16  # below this, starting workers costs more than it saves
_MAX_CHUNK = 16  # files a worker is sent at once

_Job = tuple[Path, CheckFile, str, Path | None, bool]


def check_one(
    path: Path, check: CheckFile, context_key: str, cache_dir: Path | None, keep: bool
) -> tuple[FileResult, Entry | None]:
    """Check one file, answering from the cache when its content is unchanged.

    Returns the result without its declaration, and (when ``keep``) the declaration's
    bytes or the cache file holding them.
    """
    keyed = cache_key(path, context_key) if cache_dir is not None else None
    if cache_dir is None or keyed is None:
        try:
            data: bytes | YamlLoadError = read_file(path)
        except YamlLoadError as error:
            data = error
        checked = check(path, data)
        if not keep:
            return dataclasses.replace(checked, declaration=None), None
        result, declaration = split(checked)
    else:
        key, content = keyed
        results = ResultCache(cache_dir)
        cached = results.load(key, keep)
        if cached is not None:
            return cached
        checked = check(path, content)
        results.save(key, checked)
        if not keep:  # validation: the declaration is in the cache, not worth a pickle
            return dataclasses.replace(checked, declaration=None), None
        result, declaration = split(checked)
    return result, declaration


def _recheck(
    check: CheckFile, context_key: str, cache_dir: Path, source: Path, entry: Path
) -> Declaration | None:
    """Check a file again because its cached declaration is damaged; None if it changed."""
    keyed = cache_key(source, context_key)
    if keyed is None or entry.name != f"{keyed[0]}.declaration":
        return None
    checked = check(source, keyed[1])
    ResultCache(cache_dir).save(keyed[0], checked)
    return checked.declaration if isinstance(checked.declaration, Declaration) else None


def _check_in_worker(job: _Job) -> tuple[FileResult, Entry | None]:
    return check_one(*job)


def check_files(
    paths: Sequence[Path],
    check: CheckFile,
    *,
    context_key: str,
    options: RunOptions,
    keep: bool,
) -> tuple[list[FileResult], DeclarationStore]:
    """Check files, in parallel when worth it; results come in the order of ``paths``.

    ``keep``: whether to keep the declarations (a report needs them, validation does not).
    Cached results are read in this process (a worker would only add the cost of sending
    them back); the files that changed are checked by the workers.
    """
    cache_dir = options.cache_dir
    store = DeclarationStore()
    if cache_dir is not None:
        store = DeclarationStore(
            ResultCache(cache_dir).read_declaration,
            partial(_recheck, check, context_key, cache_dir),
        )
    # Each declaration goes to the store as soon as it arrives, where past its memory share
    # it is written to a temporary file: held here until the end, a million services'
    # declarations would all be in memory at once.
    outcomes: list[FileResult | None] = [None] * len(paths)
    # Equal ids and references of different files are kept once (see runner/compact.py).
    compactor = Compactor()

    def arrived(index: int, outcome: tuple[FileResult, Entry | None]) -> None:
        result, entry = outcome
        result = compactor.result(result)
        outcomes[index] = result
        if entry is not None:
            store.add(result.path, entry, paths[index])

    pending: list[int] = []
    wrote = False
    if cache_dir is not None:
        results = ResultCache(cache_dir)
        keys = results.stat_index(context_key, paths)
        for index, path in enumerate(paths):
            key = keys.key(path)
            cached = results.load(key, keep) if key is not None else None
            if cached is None:
                pending.append(index)
            else:
                arrived(index, cached)
        keys.save()
        wrote = keys.changed
    else:
        pending = list(range(len(paths)))
    done = len(paths) - len(pending)
    wrote = wrote or bool(pending)
    jobs: list[_Job] = [(paths[i], check, context_key, cache_dir, keep) for i in pending]
    for index, outcome in zip(pending, _run(jobs, options.workers), strict=True):
        arrived(index, outcome)
        done += 1
        if options.progress is not None:
            options.progress(done, len(paths))
    files: list[FileResult] = []
    for result in outcomes:
        assert result is not None
        files.append(result)
    store.reorder([result.path for result in files])
    if cache_dir is not None and wrote:
        enforce_bound(cache_dir, options.cache_max_bytes, store.detach)
    return files, store


def _run(jobs: list[_Job], workers: int) -> Iterator[tuple[FileResult, Entry | None]]:
    if workers <= 1 or len(jobs) < _PARALLEL_MIN_FILES:
        for job in jobs:
            yield _check_in_worker(job)
        return
    methods = multiprocessing.get_all_start_methods()
    # fork is the cheapest start; from 3.12 Python warns about forking a threaded process.
    preferred = "fork" if sys.version_info < (3, 12) else "forkserver"
    context = multiprocessing.get_context(preferred if preferred in methods else "spawn")
    # Each chunk's results come back as one message, unpickled whole and held until its
    # turn in file order: small chunks keep a national collection's run in less memory.
    chunk = max(1, min(_MAX_CHUNK, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_check_in_worker, jobs, chunksize=chunk)
