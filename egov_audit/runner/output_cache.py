"""The output cache: what ``validate`` or ``report`` printed, replayed when nothing it
depends on has changed.

A warm run of a national collection spends most of its time importing and re-reading
cached results to print the same bytes again. This cache keeps a command's standard
output, standard error (interleaved as they were written) and exit code, and answers the
same command before typer, rich or any check is imported.

An entry is found by the command's **key**: its arguments, the working folder, the
environment variables that change what is printed (:data:`ENV_NAMES`, :data:`ENV_PREFIXES`),
whether each standard stream is a terminal and its size, the streams' encodings, the
Python interpreter, ``sys.path`` and the local date. It is used only when its **inputs**
are unchanged: the stat signatures (size, modification and change times, inode) of
every path argument, of ``collection.yaml``, ``agencies/`` and every entry in it for
each collection a path argument can belong to, of egov-audit's own files and schemas,
of the folders on ``sys.path`` (a package installed or upgraded there changes them) and
the names of egov-audit's installed metadata (which carry its version). Like git's
index, an entry is written only when every input is older than the run by at least
:data:`RACY_NS`, and only when the inputs did not change while the command ran: a file
changed in the same clock tick as it was read could otherwise look unchanged.

Entries (a JSON header, then the text) are framed with a checksum
(:mod:`~egov_audit.runner.frames`) beside the result cache's, in the same bounded folder;
a damaged or unreadable one is a miss.
Nothing is cached for other commands, with ``--no-cache``, ``--output``, ``--help``,
when :data:`DISABLE_ENV` is set, when ``GITHUB_STEP_SUMMARY`` is (a file is appended to),
or when the cache folder cannot be used.

Only the standard library and the runner's own light modules are imported here, and of
the standard library not ``dataclasses`` or ``tempfile``: they cost a warm run more than
the rest of its work.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from egov_audit.runner.cache_folder import (
    default_cache_dir,
    entry_path,
    touch,
    unusable,
    write_entry,
)
from egov_audit.runner.frames import FrameError, frame, read_entry, unframe
from egov_audit.runner.output_inputs import PACKAGE, inputs_signature

DISABLE_ENV = "EGOV_AUDIT_NO_OUTPUT_CACHE"
"""Set to anything but ``0`` or nothing to turn the output cache off."""

KIND = "output"
SUFFIX = ".output"
FORMAT = "egov-audit output cache 1"
"""Part of every key: a change of what the key covers is a new format."""

COMMANDS = frozenset({"validate", "report"})
"""The commands whose output is cached; every other command always runs."""

RACY_NS = 2_000_000_000
"""An input changed less than this before the run started is not trusted to be unchanged."""

ENV_NAMES = frozenset(
    {
        "COLUMNS",
        "LINES",
        "NO_COLOR",
        "FORCE_COLOR",
        "PY_COLORS",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "TERM",
        "COLORTERM",
        "TERM_PROGRAM",
        "TERMINAL_WIDTH",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "JUPYTER_COLUMNS",
        "JUPYTER_LINES",
        "LANG",
        "LANGUAGE",
        "TZ",
        "GITHUB_ACTIONS",
        "HOME",
        "XDG_CACHE_HOME",
        "VIRTUAL_ENV",
    }
)
"""Environment variables that can change what a command prints (rich, click, gettext, the
calendar's today, the cache folder), each in the key with its value or its absence."""

ENV_PREFIXES = ("LC_", "EGOV_AUDIT_", "PYTHON", "TYPER", "_TYPER", "CLICK", "RICH")
"""Every variable starting with one of these is in the key too."""


class Invocation(NamedTuple):
    """What a command's output can depend on besides files: taken from the process by
    :func:`invocation`, or made by a test."""

    argv: tuple[str, ...]
    """The arguments after the program name."""
    program: str
    env: Mapping[str, str]
    cwd: str
    terminal: tuple[Any, ...]
    """Per standard stream: whether it is a terminal, its size, its encoding."""
    python: tuple[str, ...]
    sys_path: tuple[str, ...]
    today: str
    package: Path = PACKAGE


def invocation(argv: Sequence[str] | None = None) -> Invocation | None:
    """The invocation of this process, or None when it cannot be keyed (no working folder)."""
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    args = sys.argv if argv is None else argv
    return Invocation(
        argv=tuple(args[1:]),
        program=os.path.basename(args[0]) if args else "",
        env=dict(os.environ),
        cwd=cwd,
        terminal=tuple(_stream(fd, stream) for fd, stream in _streams()),
        python=(sys.version, sys.executable, str(sys.flags.utf8_mode), sys.getfilesystemencoding()),
        sys_path=tuple(sys.path),
        today=time.strftime("%Y-%m-%d"),
    )


def _streams() -> Iterable[tuple[int, Any]]:
    return ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr))


def _stream(fd: int, stream: Any) -> tuple[Any, ...]:
    try:
        tty = os.isatty(fd)
    except OSError:
        tty = False
    try:
        columns, lines = os.get_terminal_size(fd)
        size: tuple[int, int] | None = (columns, lines)
    except (OSError, ValueError):
        size = None
    try:
        own_tty = bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        own_tty = False
    encoding = (getattr(stream, "encoding", None), getattr(stream, "errors", None))
    return (tty, own_tty, size, encoding)


def skip_reason(argv: Sequence[str], env: Mapping[str, str]) -> str | None:
    """Why a command line is never answered from the output cache (None: it may be)."""
    if env.get(DISABLE_ENV, "") not in ("", "0"):
        return f"{DISABLE_ENV} is set"
    if env.get("GITHUB_STEP_SUMMARY"):
        return "GITHUB_STEP_SUMMARY is set: the summary file is written to"
    command = None
    for position, arg in enumerate(argv):
        if not arg.startswith("-"):
            command = arg
            global_options = argv[:position]
            break
    else:
        return "no command"
    if command not in COMMANDS or any(a != "--debug" for a in global_options):
        return "not a command whose output is cached"
    for arg in argv:
        if arg == "--":
            break
        if arg in ("--no-cache", "--help", "-h") or arg.startswith(("-o", "--output")):
            return f"{arg} is given"
    return None


class Probe(NamedTuple):
    """A command's entry file and the signature of its inputs, taken before it runs."""

    path: Path
    inputs: str
    """The SHA-256 of every input's stat signature."""
    newest_ns: int
    """The latest modification time among the inputs."""


def probe(found: Invocation, folder: Path) -> Probe:
    """The entry of an invocation in a cache folder, and its inputs now."""
    key = hashlib.sha256()
    for part in _key_parts(found):
        key.update(json.dumps(part, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        key.update(b"\0")
    signature, newest = inputs_signature(found.package, found.sys_path, found.cwd, found.argv)
    return Probe(entry_path(folder, key.hexdigest(), SUFFIX), signature, newest)


def _key_parts(found: Invocation) -> list[Any]:
    env = sorted(
        (name, value)
        for name, value in found.env.items()
        if name in ENV_NAMES or name.startswith(ENV_PREFIXES)
    )
    return [
        FORMAT,
        found.program,
        list(found.argv),
        found.cwd,
        env,
        list(found.terminal),
        list(found.python),
        list(found.sys_path),
        found.today,
        str(found.package),
    ]


class Output(NamedTuple):
    """What a command printed: ``(stream, text)`` chunks in order (1 standard output,
    2 standard error), and its exit code."""

    chunks: tuple[tuple[int, str], ...]
    exit_code: int


STORED_EXIT_CODES = (0, 1)
"""Exit codes worth keeping: usage and internal errors are cheap, or should be seen again."""


MAX_OUTPUT_BYTES = 256 * 1024 * 1024
"""Largest output entry written or read: a JSON report of a million services is 60 MB."""


def lookup(found: Probe) -> Output | None:
    """The output kept for a probe whose inputs are unchanged; None on a miss.

    An entry's payload is a JSON header line (the inputs' signature, the exit code and
    each chunk's stream and length in bytes), then the chunks' UTF-8 text, unescaped.
    """
    read = read_entry(found.path, MAX_OUTPUT_BYTES)
    if read is None:
        return None
    try:
        header, newline, text = unframe(KIND, read[0]).partition(b"\n")
        value = json.loads(header) if newline else None
    except (FrameError, ValueError, RecursionError, MemoryError):
        return None
    output = _decode(value, text, found.inputs)
    if output is not None:
        touch(found.path, read[1])
    return output


def _decode(value: Any, text: bytes, inputs: str) -> Output | None:
    if type(value) is not dict or set(value) != {"inputs", "exit", "chunks"}:
        return None
    if value["inputs"] != inputs or type(value["exit"]) is not int:
        return None
    if value["exit"] not in STORED_EXIT_CODES or type(value["chunks"]) is not list:
        return None
    chunks = []
    start = 0
    for chunk in value["chunks"]:
        if type(chunk) is not list or len(chunk) != 2:
            return None
        stream, size = chunk
        if type(stream) is not int or stream not in (1, 2) or type(size) is not int:
            return None
        if not 0 < size <= len(text) - start:
            return None
        try:
            chunks.append((stream, text[start : start + size].decode("utf-8", "surrogatepass")))
        except UnicodeDecodeError:
            return None
        start += size
    if start != len(text):
        return None
    return Output(tuple(chunks), value["exit"])


def store(before: Probe, after: Probe, output: Output, started_ns: int) -> bool:
    """Keep a command's output if it may be replayed: an exit code worth keeping, and
    inputs older than the run by :data:`RACY_NS` that did not change while it ran
    (``before`` and ``after`` are probes taken before and after it). False when not kept."""
    if output.exit_code not in STORED_EXIT_CODES or before != after:
        return False
    if before.newest_ns >= started_ns - RACY_NS:
        return False
    encoded = [(stream, text.encode("utf-8", "surrogatepass")) for stream, text in output.chunks]
    header = {
        "inputs": before.inputs,
        "exit": output.exit_code,
        "chunks": [[stream, len(data)] for stream, data in encoded],
    }
    payload = b"".join(
        [json.dumps(header, separators=(",", ":")).encode("ascii"), b"\n"]
        + [data for _, data in encoded]
    )
    return write_entry(before.path, frame(KIND, payload), max_bytes=MAX_OUTPUT_BYTES)


def cache_folder() -> Path | None:
    """The cache folder when it exists and can be used; None otherwise."""
    folder = default_cache_dir()
    if folder is None or not os.path.isdir(folder) or unusable(folder, create=False):
        return None
    return folder
