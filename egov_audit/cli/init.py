"""``egov-audit init``: start an agency's declaration from the collection's registry."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from egov_audit.importer.common import find_agency, load_registry, parse_declared_on
from egov_audit.importer.template import render_template
from egov_audit.io.files import make_folder, write_new_file
from egov_audit.io.layout import AGENCIES_DIR, declaration_target
from egov_audit.model import AgencyRef, Collection
from egov_audit.model.display import printable
from egov_audit.model.errors import UsageError


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


# Options init and import share.
CollectionOption = Annotated[
    Path,
    typer.Option("--collection", "-c", help="The collection folder (holding collection.yaml)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write here instead of <collection>/agencies/<agency-id>.yaml.",
        show_default=False,
    ),
]
DeclaredOnOption = Annotated[
    str | None,
    typer.Option(
        "--declared-on",
        help="Date of the declaration, YYYY-MM-DD in the collection's calendar. Default: today.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")]


class InitFormat(StrEnum):
    """What ``init`` writes."""

    YAML = "yaml"
    XLSX = "xlsx"


def init(
    agency_id: Annotated[
        str,
        typer.Argument(
            metavar="AGENCY_ID", help="Id of the agency, as registered in collection.yaml."
        ),
    ],
    collection: CollectionOption = Path("."),
    output: OutputOption = None,
    declared_on: DeclaredOnOption = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="English name of the agency. Default: the registry's name.",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    output_format: Annotated[
        InitFormat,
        typer.Option(
            "--format",
            "-f",
            help="yaml: the declaration file; xlsx: the empty workbook that 'egov-audit "
            "import' reads (services, months, history and instructions sheets, headers in "
            "the collection's language), written to <agency-id>.xlsx unless --output.",
        ),
    ] = InitFormat.YAML,
) -> None:
    """Start an agency's declaration from the collection's registry.

    Writes <collection>/agencies/<agency-id>.yaml with the agency as registered, the
    declaration date (today in the collection's calendar unless --declared-on), a comment
    above every field and one example service that validates. With --format xlsx, writes
    instead the empty workbook agency staff fill in and 'egov-audit import' reads. At a
    terminal, missing values are asked for; otherwise the defaults are used. An existing
    file is never overwritten without --force (exit 2).

    Examples:

      egov-audit init abfa --collection inventories/qom

      egov-audit init abfa -c inventories/qom --declared-on 1399-07-12

      egov-audit init abfa -c inventories/qom --format xlsx -o abfa.xlsx

      cd inventories/qom && egov-audit init abfa --output /tmp/abfa.yaml
    """
    registry = load_registry(collection)
    agency = find_agency(registry, agency_id.strip())
    if output_format is InitFormat.XLSX:
        _init_workbook(registry, agency, name, output, force=force)
        return
    interactive = _interactive()
    if name is None and interactive:
        name = typer.prompt("English name of the agency", default=agency.name).strip()
    if name is not None:
        if not name.strip():
            raise UsageError("--name must not be empty")
        if name.strip() != agency.name:
            typer.echo(
                f"note: the name differs from the registry's {agency.name!r}; "
                "validate will warn (agency-name-mismatch)",
                err=True,
            )
        agency = AgencyRef(agency.id, name.strip(), agency.name_local)
    if declared_on is None and interactive:
        default = parse_declared_on(registry.calendar, None)
        while True:
            answer = typer.prompt(
                f"Declaration date ({registry.calendar.value}, YYYY-MM-DD)", default=default
            )
            try:
                declared = parse_declared_on(registry.calendar, answer)
                break
            except UsageError as error:
                typer.echo(f"error: {printable(str(error))}", err=True)
    else:
        declared = parse_declared_on(registry.calendar, declared_on)

    target = output if output is not None else declaration_target(collection, agency.id)
    if output is None:
        make_folder(target.parent)
    elif output.stem != agency.id:
        typer.echo(
            f"note: name the file {agency.id}.yaml in {printable(str(collection / AGENCIES_DIR))} "
            "before validating (the file name must equal the agency id)",
            err=True,
        )
    write_new_file(target, render_template(target, registry, agency, declared), force=force)
    typer.echo(printable(f"wrote {target}"), err=True)
    typer.echo(
        "next: replace the example service with the agency's services, then run "
        f"'egov-audit validate {printable(str(collection))}'",
        err=True,
    )


def _init_workbook(
    registry: Collection, agency: AgencyRef, name: str | None, output: Path | None, *, force: bool
) -> None:
    from egov_audit.render.export.agency import agency_workbook

    if name is not None:
        if not name.strip():
            raise UsageError("--name must not be empty")
        agency = AgencyRef(agency.id, name.strip(), agency.name_local)
    target = output if output is not None else Path(f"{agency.id}.xlsx")
    workbook = agency_workbook(registry, agency, (), registry.language or "en")
    write_new_file(target, workbook, force=force)
    typer.echo(printable(f"wrote {target}"), err=True)
    typer.echo(
        "next: fill in its services (and months) sheets, then run 'egov-audit import "
        f"{printable(str(target))} --agency {agency.id} --collection <collection folder>'",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""
    app.command("init")(init)
