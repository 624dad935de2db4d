"""The ``egov-audit`` application: global options, the commands, errors to exit codes.

Exit codes: 0 success (no errors); 1 validation errors (or warnings with ``--strict``);
2 usage error (bad option, missing path, unreadable collection); 3 internal error.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from egov_audit._version import __version__
from egov_audit.cli import (
    benchmarks,
    cache,
    diff,
    export,
    history,
    import_,
    init,
    report,
    rules,
    schema,
    validate,
)
from egov_audit.cli.common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    advice,
    stderr,
)
from egov_audit.cli.help import use_plain_help
from egov_audit.model.display import printable_lines
from egov_audit.model.errors import EgovAuditError, UsageError

_state = {"debug": False}


class _Commands(TyperGroup):
    """The command group: turns errors into messages and exit codes for every command,
    so that the entry point and an embedding (typer's CliRunner in the tests) agree."""

    def invoke(self, ctx: Any) -> Any:
        stdout = sys.stdout
        try:
            sys.stdout = _Output(stdout)
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout = stdout
                _flush(stdout)
        except EgovAuditError as error:
            # The message names paths and values from outside: printed literally (the
            # stderr console reads no markup).
            stderr().print(f"error: {printable_lines(advice(error))}")
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            stderr().print("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as error:
            if _state["debug"] or _controls_the_cli(error):
                raise
            stderr().print(
                f"internal error: {type(error).__name__}: {printable_lines(str(error))}\n"
                "Run it again as 'egov-audit --debug COMMAND ...' for the traceback, "
                "and report it.",
            )
            raise typer.Exit(EXIT_INTERNAL) from None


class _Output:
    """Standard output that turns a failed write (a full disk, a closed pipe) into a usage
    error instead of an internal one."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as error:
            raise _unwritable(self._stream, error) from None

    def flush(self) -> None:
        _flush(self._stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _flush(stream: Any) -> None:
    try:
        stream.flush()
    except OSError as error:
        raise _unwritable(stream, error) from None


def _unwritable(stream: Any, error: OSError) -> UsageError:
    """The error to report; what could not be written is let go (its file descriptor now
    leads to /dev/null) so that exiting does not try to write it again and fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (an embedding's buffer): nothing is flushed at exit
    reason = (error.strerror or str(error)).lower()
    return UsageError(f"cannot write to standard output: {reason}")


def _controls_the_cli(error: Exception) -> bool:
    """Whether an exception is the command-line framework's own (an exit, a usage error)."""
    return type(error).__module__.split(".")[0] in ("click", "typer")


app = typer.Typer(
    cls=_Commands,
    name="egov-audit",
    help=(
        "Validate e-government service inventories and report digital readiness.\n\n"
        "A collection is a folder with collection.yaml and agencies/<agency-id>.yaml, one "
        "declaration per agency.\n\n"
        "Examples:\n\n"
        "  egov-audit validate inventories/qom\n\n"
        "  egov-audit report inventories/qom --period 1399-H1\n\n"
        "Exit codes: 0 ok, 1 validation errors (or warnings with --strict), 2 usage error, "
        "3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"egov-audit {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    _state["debug"] = debug


for command in (
    validate,
    report,
    export,
    schema,
    benchmarks,
    init,
    import_,
    diff,
    history,
    rules,
    cache,
):
    command.register(app)
use_plain_help(app)


def main() -> None:
    """Entry point: run the app (errors become messages and exit codes in the group)."""
    # A short-lived process: many small records, no cycles worth collecting while the
    # results of thousands of files arrive.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        stderr().print("interrupted")
        sys.exit(EXIT_INTERRUPTED)
