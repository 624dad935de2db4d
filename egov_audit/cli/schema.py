"""``egov-audit schema``: print a published JSON Schema."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from egov_audit.io.schemas import SCHEMA_NAMES, schema_text
from egov_audit.model.errors import UsageError


def schema(
    name: Annotated[str, typer.Argument(help="agency or collection.")] = "agency",
) -> None:
    """Print a published JSON Schema (draft 2020-12) of the inventory format.

    Examples:

      egov-audit schema agency > agency.schema.json

      egov-audit schema collection
    """
    if name not in SCHEMA_NAMES:
        raise UsageError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}")
    sys.stdout.write(schema_text(name))


def register(app: typer.Typer) -> None:
    """Add the ``schema`` command to ``app``."""
    app.command("schema")(schema)
