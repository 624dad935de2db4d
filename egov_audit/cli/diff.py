"""``egov-audit diff``: what changed between two declarations or two collections."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from egov_audit.aggregate.diff_load import compare_paths
from egov_audit.cli.common import EXIT_USAGE, advice
from egov_audit.model.calendars import Calendar
from egov_audit.model.display import printable_lines
from egov_audit.model.errors import EgovAuditError
from egov_audit.render import DiffFormat, diff_renderer


def diff(
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD", help="The old declaration file or collection folder.", show_default=False
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            metavar="NEW", help="The new declaration file or collection folder.", show_default=False
        ),
    ],
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for the terminal, markdown for a pull-request review, json for tools.",
        ),
    ] = DiffFormat.TEXT,
    calendar: Annotated[
        Calendar | None,
        typer.Option(
            "--calendar",
            help="Calendar of declaration files outside any collection, when neither file "
            "sits in <collection>/agencies/. Default: the other file's collection's.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a declaration or of a collection.

    OLD and NEW are two agency declaration files (the file outside a collection, such as
    an old copy from git, may have any name) or two collection folders. Lists services
    added and removed (by global id agency/service), status changes with regressions
    first (full > partial > in_person; anything to unknown "became unverified"), channel,
    audience and type changes, and transaction totals over every declared month, per
    agency and overall; and exchange services added, removed or renamed, their consumers
    and their inquiries per month. Both sides must be free of validation errors (a
    depends_on naming a service that is not declared aside: a diff compares what each
    file says). Exit 0 when the comparison ran, differences or not; 2 on a usage error.

    Examples:

      git show HEAD~1:inventories/qom/agencies/abfa.yaml > /tmp/abfa-old.yaml

      egov-audit diff /tmp/abfa-old.yaml inventories/qom/agencies/abfa.yaml

      egov-audit diff old/qom inventories/qom --format markdown > review.md

      egov-audit diff old/qom inventories/qom --format json
    """
    try:
        comparison = compare_paths(old, new, calendar=calendar)
    except EgovAuditError as error:
        # Handled here, not only in the command group, so that any app this command is
        # registered on (and typer's CliRunner) exits 2 with a message, not a traceback.
        # The message names paths and ids from outside: shown with escapes.
        typer.echo(f"error: {printable_lines(advice(error))}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    sys.stdout.write(diff_renderer(output_format)(comparison))


def register(app: typer.Typer) -> None:
    """Add the ``diff`` command to ``app``."""
    app.command("diff")(diff)
