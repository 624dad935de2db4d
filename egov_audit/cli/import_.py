"""``egov-audit import``: write an agency's declaration from a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from egov_audit.cli.common import EXIT_FINDINGS, advice
from egov_audit.cli.init import CollectionOption, DeclaredOnOption, ForceOption, OutputOption
from egov_audit.importer.sheet import import_sheet
from egov_audit.io.files import make_folder, write_new_file
from egov_audit.io.layout import COLLECTION_FILE, agencies_folder, declaration_target
from egov_audit.model.display import printable
from egov_audit.model.errors import Remedy, UsageError


def _say(message: str) -> None:
    """A message on standard error; names, headers and paths in it are shown escaped."""
    typer.echo(printable(message), err=True)


def import_command(
    sheet: Annotated[
        Path, typer.Argument(metavar="SHEET", help="The .xlsx or .csv file, one service per row.")
    ],
    agency: Annotated[
        str,
        typer.Option("--agency", "-a", help="Id of the agency, as registered in collection.yaml."),
    ],
    collection: CollectionOption = Path("."),
    output: OutputOption = None,
    declared_on: DeclaredOnOption = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Write the rows that convert and validate; list the others.",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Write an agency's declaration from a spreadsheet (.xlsx or .csv).

    Row 1 names the columns, each later row is a service: id, name, name_local, status,
    type, audience, channels, in_person_steps, launched_on, depends_on, benchmarks, and
    one column per month (e.g. 1399-01) with its transaction count. Persian, Greek and
    Vietnamese headers and values (وضعیت, تمام الکترونیک ...) and Persian digits are
    accepted. A workbook's services are on its sheet "services" (else its first sheet);
    its sheet "months" may hold the transactions, a row per service and month, split by
    channel (portal, kiosk, mobile, in_person) where needed: the layout that 'egov-audit
    export agencies/<id>.yaml' and 'egov-audit init <id> --format xlsx' write. Rows that
    cannot be imported are listed with sheet, cell and reason; then nothing is written
    (exit 1) unless --skip-bad-rows. An existing file is kept unless --force.

    Examples:

      egov-audit import services.xlsx --agency abfa --collection inventories/qom

      egov-audit import services.csv -a abfa -c inventories/qom --declared-on 1399-07-12

      egov-audit import services.csv -a abfa --skip-bad-rows --force
    """
    if output is None:
        agencies_folder(collection)  # before reading the sheet: never write out of it
    result = import_sheet(
        sheet,
        collection,
        agency,
        output=output,
        declared_on=declared_on,
        skip_bad_rows=skip_bad_rows,
        overwrite=force,
    )
    for name in result.ignored_sheets:
        _say(f'warning: sheet "{name}" is not part of the layout; ignored')
    for label in result.ignored_columns:
        _say(f"warning: column {label} is not part of the layout; ignored")
    elsewhere = ", ".join(f'"{sheet}" row {row}' for sheet, row in result.skipped_elsewhere)
    months = f" and {elsewhere}" if elsewhere else ""
    if result.text is None:
        for problem in result.problems:
            _say(f"{sheet}: {problem.where}: {problem}")
        if result.problems and not skip_bad_rows:
            error = UsageError(
                f"nothing written: {len(result.bad_rows)} of {result.total} row(s){months} "
                "cannot be imported",
                remedy=Remedy.SKIP_BAD_ROWS,
            )
            _say(advice(error))
        else:
            _say(f"nothing written: none of the {result.total} row(s) can be imported")
        raise typer.Exit(EXIT_FINDINGS)
    for line in result.warnings:
        _say(f"{sheet}: {line}")
    for problem in result.problems:
        _say(f"{sheet}: {problem.where}: skipped {problem}")
    target = result.target
    if output is None:
        declaration_target(collection, target.stem)
        if (collection / COLLECTION_FILE).is_file():
            make_folder(target.parent)
    write_new_file(target, result.text, force=force)
    bad_rows = result.bad_rows
    skipped = (
        f"; skipped {len(bad_rows)} row(s): {', '.join(map(str, bad_rows))}" if bad_rows else ""
    )
    if elsewhere:
        skipped += f"; skipped {elsewhere}"
    _say(f"wrote {target}: {result.services} service(s) from {result.total} row(s){skipped}")


def register(app: typer.Typer) -> None:
    """Add the ``import`` command to ``app``."""
    app.command("import")(import_command)
