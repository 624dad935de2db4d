"""The command line: one module per command; the only code that knows typer and exit codes."""

from egov_audit.cli.app import app, main

__all__ = ["app", "main"]
