"""Earlier versions of a file from git, for ``egov-audit history``.

The git command is run as a subprocess, with an argument list (no shell), no pager, no
input, a time limit, and only the read-only plumbing of ``git log`` and ``git cat-file``:
nothing that runs hooks, filters or diff drivers. egov-audit needs no git library for
that, and reads exactly what ``git show`` would show.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from egov_audit.io.yamlload import DEFAULT_MAX_BYTES
from egov_audit.model.errors import UsageError

TIMEOUT = 120
"""Seconds one git command may take."""
MAX_VERSIONS = 1000
"""Versions read per file at most (the newest)."""


@dataclass(frozen=True, slots=True)
class FileVersion:
    """A committed version of a file."""

    commit: str
    """The full commit id."""
    date: str
    """The commit's date, ISO 8601 (for people; versions are dated by their content)."""
    data: bytes | None
    """The file's bytes; None when it is larger than a declaration may be."""


def _git(arguments: list[str], folder: Path) -> bytes:
    executable = shutil.which("git")
    if executable is None:
        raise UsageError("git is not installed, or not on PATH; egov-audit history needs it")
    command = [executable, "--no-pager", "-c", "core.fsmonitor=false", "-C", str(folder)]
    try:
        done = subprocess.run(
            [*command, *arguments],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise UsageError(f"{folder}: git took longer than {TIMEOUT} s; try again") from None
    except OSError as error:
        raise UsageError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {done.returncode}"
        raise UsageError(f"{folder}: git failed: {reason}")
    return done.stdout


def repository_root(folder: Path) -> Path:
    """The top folder of the git work tree holding ``folder`` (a usage error outside one)."""
    try:
        found = _git(["rev-parse", "--show-toplevel"], folder)
    except UsageError:
        raise UsageError(
            f"{folder} is not in a git repository: egov-audit history reads the earlier "
            "versions of the declarations from git"
        ) from None
    return Path(found.decode("utf-8", "surrogateescape").strip())


def file_versions(path: Path) -> list[FileVersion]:
    """The committed versions of ``path``, newest first (none when it was never committed)."""
    folder = path.parent
    root = repository_root(folder)
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    log = _git(
        ["log", f"--max-count={MAX_VERSIONS}", "--format=%H %cI", "--no-renames", "--", relative],
        root,
    )
    versions = []
    for line in log.decode("ascii", "replace").splitlines():
        commit, _, date = line.partition(" ")
        blob = f"{commit}:{relative}"
        try:
            size = int(_git(["cat-file", "-s", blob], root))
        except (UsageError, ValueError):
            continue  # the file was deleted in this commit
        data = _git(["cat-file", "blob", blob], root) if size <= DEFAULT_MAX_BYTES else None
        versions.append(FileVersion(commit, date, data))
    return versions
