"""What every command shares: exit codes, options, messages, progress and writing output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from egov_audit.cli.replay import not_replayable
from egov_audit.io.files import write_new_file
from egov_audit.model.errors import EgovAuditError, Remedy
from egov_audit.runner import (
    CACHE_ENV,
    RunOptions,
    default_cache_dir,
    default_cache_max_bytes,
    default_workers,
)
from egov_audit.runner.cache_folder import unusable

EXIT_OK = 0
"""Success: no errors (warnings allowed unless --strict)."""
EXIT_FINDINGS = 1
"""Validation errors (or warnings with --strict); rows that cannot be imported."""
EXIT_USAGE = 2
"""A usage error: bad option, missing path, unreadable collection, an output that exists."""
EXIT_INTERNAL = 3
"""An internal error: a bug in egov-audit."""
EXIT_INTERRUPTED = 130


def counted(number: int, one: str, many: str) -> str:
    """``number`` with the noun that agrees with it: "1 file", "2 files"."""
    return f"{number} {one if number == 1 else many}"


def stderr() -> Console:
    """A console on standard error for messages."""
    # soft_wrap: messages name long paths; a wrapped path cannot be copied or grepped.
    # markup=False: messages carry paths and inventory text, where "[/b]" is not a tag.
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def advice(error: EgovAuditError) -> str:
    """The message of a library error with what to do on the command line."""
    message = str(error)
    target = error.target or "."
    if error.remedy is Remedy.OVERWRITE:
        return f"{message}; pass --force to overwrite it"
    if error.remedy is Remedy.VALIDATE:
        return f"{message}; run 'egov-audit validate {target}' to see them"
    if error.remedy is Remedy.CALENDAR:
        return f"{message}; pass --calendar jalali or --calendar gregorian"
    if error.remedy is Remedy.COLLECTION:
        return f"{message}; give the collection folder with --collection (the one holding " + (
            "collection.yaml)"
        )
    if error.remedy is Remedy.SKIP_BAD_ROWS:
        return f"{message}; fix them, or pass --skip-bad-rows to import the others"
    return message


def fail(error: EgovAuditError) -> typer.Exit:
    """Print a library error with its advice; the exit to raise (usage error)."""
    typer.echo(f"error: {advice(error)}", err=True)
    return typer.Exit(EXIT_USAGE)


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        help="Worker processes checking files in parallel. Default: one per core.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Check every file again instead of reusing results for unchanged files "
        f"(kept in ${CACHE_ENV}, else ~/.cache/egov-audit), and print the output afresh "
        "instead of replaying it.",
    ),
]


def run_options(workers: int | None, no_cache: bool) -> RunOptions:
    """Worker count, cache folder and (at a terminal, for long runs) a progress bar.

    A cache folder that cannot be used is not used, with a warning.
    """
    max_bytes = default_cache_max_bytes()
    return RunOptions(
        workers=workers or default_workers(),
        cache_dir=None if no_cache else usable_cache_dir(),
        progress=_progress_bar() if sys.stderr.isatty() else None,
        cache_max_bytes=max_bytes,
    )


def usable_cache_dir() -> Path | None:
    """The cache folder, or None (with a warning) when it cannot be used."""
    folder = default_cache_dir()
    if folder is None:
        stderr().print(
            f"warning: no home folder to keep the cache in; checking without it "
            f"(set {CACHE_ENV} to keep one)",
        )
        return None
    problem = unusable(folder)
    if problem is not None:
        stderr().print(
            f"warning: the cache folder {folder} cannot be used ({problem}); checking without it",
        )
        return None
    return folder


def _progress_bar() -> Callable[[int, int], None]:
    """A rich progress bar on stderr, shown only once a run has more than a few files."""
    from rich.progress import Progress

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < 50:
            return
        if "bar" not in state:
            not_replayable()  # a bar drawn on a terminal is not output to replay
            bar = Progress(console=stderr(), transient=True)
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task("checking files", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update


def write_output(text: str, output: Path | None, *, force: bool) -> None:
    """Print ``text``, or write it to ``output`` atomically (never overwriting unless forced)."""
    if output is None:
        sys.stdout.write(text)
        return
    not_replayable()  # a file written is not output to replay
    write_new_file(output, text, force=force)
    stderr().print(f"wrote {output}")
