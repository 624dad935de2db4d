"""``egov-audit schema``: print a published JSON Schema."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from egov_audit.io.schemas import PUBLISHED_SCHEMAS, schema_text
from egov_audit.model.errors import UsageError


def schema(
    name: Annotated[
        str,
        typer.Argument(
            help="agency or collection (the inventory format); validate-output, "
            "report-output, diff-output or history-output (the JSON of validate, report, "
            "diff and history)."
        ),
    ] = "agency",
) -> None:
    """Print a published JSON Schema (draft 2020-12).

    agency and collection describe the inventory format (agencies/<id>.yaml and
    collection.yaml); validate-output, report-output, diff-output and history-output
    describe what validate, report, diff and history print with --format json.

    Examples:

      egov-audit schema agency > agency.schema.json

      egov-audit schema collection

      egov-audit schema report-output > report-output.schema.json
    """
    if name not in PUBLISHED_SCHEMAS:
        raise UsageError(f"unknown schema {name!r}; choose one of: {', '.join(PUBLISHED_SCHEMAS)}")
    sys.stdout.write(schema_text(name))


def register(app: typer.Typer) -> None:
    """Add the ``schema`` command to ``app``."""
    app.command("schema")(schema)
