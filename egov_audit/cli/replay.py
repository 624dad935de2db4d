"""Answering ``validate`` and ``report`` from the output cache, and recording them for it.

Before the command line is built (typer, rich and the checks are imported only on a
miss), :func:`run` looks the command up in the output cache
(:mod:`~egov_audit.runner.output_cache`) and, on a hit, writes what the command printed
and exits with its exit code. On a miss it runs the command with standard output and
standard error passed through recorders, and keeps what they saw when the command may be
replayed. Writing raw bytes or file descriptors, a progress bar, or writing a file makes
a run's output not kept (:func:`not_replayable`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from egov_audit.runner import output_cache
from egov_audit.runner.cache_folder import enforce_bound

_state = {"replayable": True}


def not_replayable() -> None:
    """Mark the running command's output as not to be kept (it wrote a file, drew a
    progress bar...). Harmless when no output is being recorded."""
    _state["replayable"] = False


class _Recorder:
    """Standard output or error, passed through and recorded in order with the other."""

    def __init__(self, stream: Any, number: int, chunks: list[tuple[int, str]]) -> None:
        self._stream = stream
        self._number = number
        self._chunks = chunks

    def write(self, text: str) -> int:
        written = int(self._stream.write(text))
        if type(text) is not str:
            not_replayable()
        elif text:
            chunks = self._chunks
            if chunks and chunks[-1][0] == self._number:
                chunks[-1] = (self._number, chunks[-1][1] + text)
            else:
                chunks.append((self._number, text))
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    @property
    def buffer(self) -> Any:
        not_replayable()  # bytes written past the recorder
        return self._stream.buffer

    def fileno(self) -> int:
        not_replayable()  # the descriptor may be written directly
        return int(self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def run(command: Callable[[], None]) -> None:
    """Run the command line in ``sys.argv`` through the output cache (``command`` runs it)."""
    try:
        found = _look_up()
    except OSError:  # a cache that cannot be read only costs speed
        found = None
    if found is None:
        command()
        return
    folder, before, kept, started = found
    if kept is not None and _replay(kept):
        raise SystemExit(kept.exit_code)
    _record(command, folder, before, started)


def _look_up() -> tuple[Path, output_cache.Probe, output_cache.Output | None, int] | None:
    """The cache folder, the command's probe, its kept output (None on a miss) and the
    time the run starts; None when the command is not answered from the cache."""
    if output_cache.skip_reason(sys.argv[1:], os.environ) is not None:
        return None
    folder = output_cache.cache_folder()
    found = output_cache.invocation() if folder is not None else None
    if folder is None or found is None:
        return None
    started = time.time_ns()
    before = output_cache.probe(found, folder)
    return folder, before, output_cache.lookup(before), started


def _replay(kept: output_cache.Output) -> bool:
    """Write what a command printed; False (nothing written, or only to a reader that is
    gone) when standard output or error cannot be written: the command then runs and
    reports that its usual way."""
    try:
        for number, text in kept.chunks:
            stream = sys.stdout if number == 1 else sys.stderr
            other = sys.stderr if number == 1 else sys.stdout
            other.flush()
            stream.write(text)
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


def _record(
    command: Callable[[], None], folder: Path, before: output_cache.Probe, started: int
) -> None:
    chunks: list[tuple[int, str]] = []
    stdout, stderr = sys.stdout, sys.stderr
    _state["replayable"] = True
    code: object = None
    sys.stdout = _Recorder(stdout, 1, chunks)
    sys.stderr = _Recorder(stderr, 2, chunks)
    try:
        command()
        code = 0
    except SystemExit as exit:
        code = 0 if exit.code is None else exit.code
        raise
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        if _state["replayable"] and type(code) is int:
            # An output that cannot be kept is printed afresh next time.
            with contextlib.suppress(OSError):
                _keep(folder, before, output_cache.Output(tuple(chunks), code), started)


def _keep(
    folder: Path, before: output_cache.Probe, output: output_cache.Output, started: int
) -> None:
    """Keep the output when the inputs did not change while the command ran."""
    if output.exit_code not in output_cache.STORED_EXIT_CODES:
        return
    again = output_cache.invocation()
    if again is None:
        return
    if output_cache.store(before, output_cache.probe(again, folder), output, started):
        # Loaded by the command already; not imported for a replay.
        from egov_audit.model.errors import UsageError
        from egov_audit.runner.options import default_cache_max_bytes

        try:
            bound = default_cache_max_bytes()
        except UsageError:  # a bad bound: the command said so
            return
        enforce_bound(folder, bound)
