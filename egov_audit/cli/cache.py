"""``egov-audit cache``: what the result cache holds, and clearing it."""

from __future__ import annotations

import typer

from egov_audit.model.errors import UsageError
from egov_audit.runner import CACHE_ENV, CACHE_MAX_ENV, default_cache_dir, default_cache_max_bytes
from egov_audit.runner.cache_folder import cache_info, clear

cache_app = typer.Typer(
    name="cache",
    help=(
        "Show or clear the result cache.\n\n"
        "validate and report keep each file's result, keyed by its content, so that "
        "unchanged files are not checked again, and what each command printed, replayed "
        "while its files, options, environment and egov-audit itself are unchanged "
        "(--no-cache or EGOV_AUDIT_NO_OUTPUT_CACHE=1 turns that off). The cache lives in "
        f"${CACHE_ENV}, else $XDG_CACHE_HOME/egov-audit, else ~/.cache/egov-audit, and "
        f"is kept under ${CACHE_MAX_ENV} MiB (default 500): the least recently used "
        "entries go first. Entries are plain data with a checksum; a damaged one is "
        "ignored and written again.\n\n"
        "Examples:\n\n"
        "  egov-audit cache info\n\n"
        "  egov-audit cache clear\n\n"
        f"  {CACHE_MAX_ENV}=100 egov-audit validate inventories/qom"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def size_text(size: float) -> str:
    """A size for people: bytes, KiB or MiB."""
    if size < 1024:
        return f"{int(size)} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    mib = size / (1024 * 1024)
    return f"{mib:.0f} MiB" if mib == int(mib) else f"{mib:.1f} MiB"


@cache_app.command("info")
def info() -> None:
    """Print the cache folder, its entries, their size and the size bound.

    Examples:

      egov-audit cache info

      EGOV_AUDIT_CACHE_DIR=/tmp/egov-cache egov-audit cache info
    """
    bound = size_text(default_cache_max_bytes())
    folder = default_cache_dir()
    if folder is None:
        typer.echo(f"folder: none (no home folder; set {CACHE_ENV} to keep a cache)")
        typer.echo(f"bound: {bound}")
        return
    found = cache_info(folder)
    state = ""
    if found.problem is not None:
        state = f" (cannot be used: {found.problem}; commands check without a cache)"
    elif not found.exists:
        state = " (not created yet)"
    typer.echo(f"folder: {folder}{state}")
    parts = [
        f"{found.results} result(s)",
        f"{found.declarations} declaration(s)",
        f"{found.indexes} stat index(es)",
        f"{found.outputs} command output(s)",
    ]
    if found.other:
        parts.append(f"{found.other} left from older versions or interrupted runs")
    typer.echo(f"entries: {found.entries} ({', '.join(parts)})")
    typer.echo(f"size: {size_text(found.size)}")
    typer.echo(f"bound: {bound} (set {CACHE_MAX_ENV} to change it)")


@cache_app.command("clear")
def clear_command() -> None:
    """Remove every cache entry (nothing else in the folder).

    The next validate or report checks every file again.

    Examples:

      egov-audit cache clear

      EGOV_AUDIT_CACHE_DIR=/tmp/egov-cache egov-audit cache clear
    """
    folder = default_cache_dir()
    if folder is None:
        typer.echo("no cache folder: nothing to clear")
        return
    removed, size, failed = clear(folder)
    typer.echo(f"removed {removed} entries ({size_text(size)}) from {folder}")
    if failed:
        raise UsageError(f"{failed} entries in {folder} could not be removed")


def register(app: typer.Typer) -> None:
    """Add the ``cache`` commands to ``app``."""
    app.add_typer(cache_app)
