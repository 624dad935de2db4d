"""``egov-audit benchmarks``: the benchmark codes a service can carry."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from egov_audit.model.benchmarks import catalogues
from egov_audit.model.errors import UsageError


def benchmarks(
    catalogue: Annotated[
        str | None,
        typer.Argument(help="Show one list: sdg or un. Default: both.", show_default=False),
    ] = None,
) -> None:
    """List the benchmark codes a service can carry in `benchmarks:`.

    sdg: the 21 procedures of Annex II of the EU Single Digital Gateway Regulation, which
    must be fully online. un: the online-service areas of the UN E-Government Survey.

    Examples:

      egov-audit benchmarks

      egov-audit benchmarks sdg
    """
    found = catalogues()
    if catalogue is not None and catalogue not in found:
        raise UsageError(f"unknown list {catalogue!r}; choose one of: {', '.join(found)}")
    for item in found.values():
        if catalogue is not None and item.id != catalogue:
            continue
        sys.stdout.write(f"{item.title}\n{item.source}\n\n")
        width = max(len(entry.code) for entry in item.items)
        for entry in item.items:
            sys.stdout.write(f"  {entry.code:<{width}}  {entry.title} ({entry.group})\n")
        sys.stdout.write("\n")


def register(app: typer.Typer) -> None:
    """Add the ``benchmarks`` command to ``app``."""
    app.command("benchmarks")(benchmarks)
